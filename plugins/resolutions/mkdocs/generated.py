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
    sources: Path | None,
) -> None:
    """Add one generated file to MkDocs's files, out of the navigation (and write it
    into ``export``, the option ``markdown_dir``, if set); a file of the docs folder
    at the same path is an error.

    Building (``sources`` set), nothing is kept in memory: a page's Markdown is written
    into ``sources``, where MkDocs reads it, and a data file straight into the site (the
    site folder is emptied before this event, and MkDocs leaves a file that is already
    where it would copy it).  Kept in memory, the pages and data of 10,000 texts were
    800 MB of the build's peak.  Serving, files stay in memory, where the preview's
    page reuse reads them."""
    accept_generated(files, config, path, content, options, export)
    inclusion = InclusionLevel.NOT_IN_NAV
    if sources is None:
        # The very string the preview's memo holds: an unchanged page is known by it
        # (see preview.reuse_pages), neither encoded nor hashed again.
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    else:
        folder = sources if path.endswith(".md") else Path(config.site_dir)
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8"))
        files.append(
            File.generated(config, path, abs_src_path=str(target), inclusion=inclusion)
        )


def accept_generated(
    files: Files,
    config: MkDocsConfig,
    path: str,
    content: str,
    options: ResolutionsConfig,
    export: Path | None,
) -> None:
    """What every generated file goes through, whether MkDocs is handed it or the
    preview reuses what an earlier rebuild made of it: a file of the docs folder at the
    same path is an error; it is written into ``export`` (``markdown_dir``), if set."""
    # src_uris: the paths made here are already in the form MkDocs keys its files by
    # (get_file_from_path parses each, 25,000 at each rebuild of a preview at 10,000 texts).
    if path in files.src_uris:
        raise PluginError(
            f"resolutions: '{config.docs_dir}/{path}' would hide a generated page; pages "
            f"under '{options.texts_dir}/' and '{options.glossary_dir}/' are made from the "
            "source texts, remove it from the docs folder"
        )
    if export is not None:
        write_page(export, path, content)
