"""Renderers: the model as Markdown pages and as JSON data."""
