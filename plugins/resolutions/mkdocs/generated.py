"""The generated pages and data files, handed to MkDocs."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..render.pages import write_page
from .config import ResolutionsConfig


def add_generated(
    files: Files,
    config: MkDocsConfig,
    path: str,
    content: str,
    options: ResolutionsConfig,
    export: Path | None,
) -> None:
    """Add one generated file to MkDocs's files, out of the navigation (and write it
    into ``export``, the option ``markdown_dir``, if set); a file of the docs folder
    at the same path is an error."""
    if files.get_file_from_path(path) is not None:
        raise PluginError(
            f"resolutions: '{config.docs_dir}/{path}' would hide a generated page; pages "
            f"under '{options.texts_dir}/' and '{options.glossary_dir}/' are made from the "
            "source texts, remove it from the docs folder"
        )
    # As UTF-8, about half the memory of a string of French text, until MkDocs reads a
    # page (its source is dropped then: see the plugin's on_page_markdown) or writes a
    # data file.
    data = content.encode("utf-8")
    files.append(File.generated(config, path, content=data, inclusion=InclusionLevel.NOT_IN_NAV))
    if export is not None:
        write_page(export, path, content)
