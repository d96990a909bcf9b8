"""Readers: one per raw format, each turning source lines into a ``Flow`` of blocks."""
