"""``mkdocs serve``: what a rebuild reuses of the last (the HTML of unchanged generated
pages, the theme's compiled templates), and the notice a page shows while a text does
not convert."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import posixpath
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import is_markdown_file
from mkdocs.utils.meta import META_RE, YAML_RE
from watchdog import events
from watchdog.observers.api import ObservedWatch

from ..render.inline import attribute as escape_html
from .output import process_folder

log = logging.getLogger("mkdocs.plugins.resolutions")


class PageReuse:
    """``mkdocs serve`` only: the HTML of generated pages from earlier rebuilds, handed
    back to MkDocs when nothing a page is made from has changed.

    A rebuild renders every page again (Python-Markdown, then the theme's templates:
    most of the 10 s of a rebuild at 1,000 texts on two cores), while an edit of one
    text changes a handful: its own page, the pages of the texts it cites (their "Cité
    par"), the glossary entries it names, its listings.  A page is made from its
    Markdown and from the site around it (the configuration, the theme, the hand-written
    pages, whose titles make the navigation), so its HTML is kept under a key of both,
    in a temporary folder, and an unchanged page becomes a file that MkDocs copies, or
    stays where the last build left it in the site folder (``hold``, ``restore``)."""

    def __init__(self) -> None:
        # One folder per serving process, named after it: a server stopped without
        # cleaning up (killed) leaves its folder, removed by the next one.  Within it,
        # one folder per PageReuse (the tests run several servers in one process).
        self.folder = Path(tempfile.mkdtemp(dir=_process_folder()))
        self.kept: dict[str, tuple[str, Path]] = {}
        """src_uri → (key, the file holding the HTML built under that key)."""
        self.expected: dict[str, str] = {}
        """src_uri → key, for the generated pages MkDocs builds in this rebuild."""
        self.data: dict[str, tuple[str, Path]] = {}
        """src_uri → (a generated data file's content, the file holding it), as the last
        rebuild handed it over."""
        self.stored = 0
        """How many data files were written into the folder (each one's name)."""
        self.digests: dict[str, tuple[str, str]] = {}
        """src_uri → (a generated file's content in the last rebuild, its hash): an
        unchanged page is not encoded and hashed again (at 10,000 texts, 4 s of every
        rebuild).  Compared as strings: mostly the very string the memo handed back,
        else a copy made from it (``out_of_theme_search``), compared at memcmp speed."""
        self.templates = TemplateCodeCache()
        self.theme = ThemeListing()
        self.served: dict[str, Path] = {}
        """dest_uri → the file of the preview's folder whose bytes the site folder holds
        there, as the last build left it (see hold)."""
        self.serving: dict[str, Path] = {}
        """The same, for the build running."""
        self.held: Path | None = None
        """The last build's site, moved aside by ``hold`` while this one runs."""
        self.outputs: set[str] = set()
        """dest_uri of every file the last build wrote from MkDocs's list or left in
        place (see ``restore``)."""
        self.outputs_now: set[str] = set()
        self.addresses: dict[tuple[str, bool], str] = {}
        """(src_uri, use_directory_urls) → where MkDocs writes a generated file."""
        self.site = ""
        """The site's fingerprint in the last rebuild (see ``site_fingerprint``)."""
        self.left_files: dict[str, LeftFile] = {}
        """src_uri → how the last build left a generated file in place in the site
        (``reuse_pages``), while that build's site is the one served."""

    def hold(self, site_dir: Path) -> None:
        """Before MkDocs empties the site folder: its files moved aside, so that each
        file this build hands over unchanged is moved back (one system call) rather
        than deleted by MkDocs and linked again (two, and the removal of 2,600 files
        was a tenth of a rebuild at 1,000 texts).  What is not moved back is removed
        once the build is over (``release``)."""
        self.held = None
        if not self.served or not site_dir.is_dir():
            return
        held = Path(tempfile.mkdtemp(prefix="site-", dir=self.folder))
        self.held = held
        try:
            for entry in os.scandir(site_dir):
                if not entry.name.startswith("."):  # what MkDocs would remove
                    os.rename(entry.path, held / entry.name)
        except OSError as error:  # another file system: MkDocs removes the rest
            log.debug("Preview: the site cannot be moved aside: %s", error)

    def restore(self, site_dir: Path) -> set[str]:
        """The folders of the site holding generated files (``textes``, ``glossaire``…)
        moved back whole from where ``hold`` put them (one rename each, where moving
        back each of 24,000 files at 10,000 texts took a second); ``reuse_pages`` then
        removes what this build writes again or no longer writes."""
        restored: set[str] = set()
        if self.held is None:
            return restored
        for folder in {dest.split("/", 1)[0] for dest in self.served if "/" in dest}:
            try:
                os.rename(self.held / folder, site_dir / folder)
            except OSError:
                continue
            restored.add(folder)
        return restored

    def release(self, completed: bool) -> None:
        """After a build: what it left in the site folder is what the next one can
        move back; the files held and not moved back are removed, after the page is
        shown.  A build that failed leaves the site as nobody knows."""
        self.served, self.serving = (self.serving if completed else {}), {}
        if not completed:
            self.left_files = {}
        self.outputs, self.outputs_now = (self.outputs_now if completed else set()), set()
        held, self.held = self.held, None
        if held is not None:
            threading.Thread(target=shutil.rmtree, args=(held, True), daemon=True).start()

    def digest(self, src_uri: str, content: str, digests: dict[str, tuple[str, str]]) -> str:
        """The hash of a generated file's content, kept into ``digests``."""
        known = self.digests.get(src_uri)
        if known is not None and known[0] == content:
            digest = known[1]
        else:
            digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        digests[src_uri] = (content, digest)
        return digest

    def destination(self, config: MkDocsConfig, src_uri: str) -> str:
        """Where MkDocs writes a generated file (its ``File``'s ``dest_uri``), made once
        for each file while serving."""
        key = (src_uri, config.use_directory_urls)
        found = self.addresses.get(key)
        if found is None:
            file = File(src_uri, None, config.site_dir, config.use_directory_urls)
            found = self.addresses[key] = file.dest_uri
        return found

    def store(self, src_uri: str, content: str) -> Path:
        """A file holding ``content``, the data file ``src_uri`` (written when it
        changed).  Known by its content, not its hash: the citation graph's JSON
        changes at most edits, and hashing its 15 MB at 10,000 texts was a tenth of a
        second; the file it replaces is removed (a link to it in the site stays)."""
        known = self.data.get(src_uri)
        if known is not None and known[0] == content:
            return known[1]
        self.stored += 1
        path = self.folder / f"data-{self.stored}"
        path.write_bytes(content.encode("utf-8"))
        self.data[src_uri] = (content, path)
        if known is not None:
            known[1].unlink(missing_ok=True)
        return path

    def get(self, src_uri: str, key: str) -> Path | None:
        kept = self.kept.get(src_uri)
        if kept is None or kept[0] != key or not os.path.isfile(kept[1]):
            return None
        return kept[1]

    def keep(self, src_uri: str, html: str, dest_uri: str) -> None:
        key = self.expected.pop(src_uri, None)
        if key is None:
            return
        path = self.folder / f"{key}.html"
        # As MkDocs writes a page (mkdocs.commands.build._build_page).
        path.write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))
        self.serving[dest_uri] = path
        earlier = self.kept.get(src_uri)
        if earlier is not None and earlier[1] != path:
            earlier[1].unlink(missing_ok=True)
        self.kept[src_uri] = (key, path)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        try:
            self.folder.parent.rmdir()  # the process's, once its last server stopped
            _process_folder.cache_clear()
        except OSError:
            pass


@dataclass(frozen=True)
class LeftFile:
    """A generated file that a rebuild left in place in the site: the content it was
    handed over as, the site's folder it is in, where it is, the file
    of the preview's folder holding its bytes, and its content's hash for a page (None
    for a data file)."""

    content: str
    folder: str
    dest_uri: str
    stored: Path
    digest: str | None


PREVIEW_FOLDER = "resolutions-preview-"
"""Prefix of the preview's folder in the temporary folder, before the process id."""


@functools.cache
def _process_folder() -> Path:
    return process_folder(Path(tempfile.gettempdir()), PREVIEW_FOLDER)


class LinkedFile(File):
    """A file of the preview's folder, put into the site as a hard link: one system
    call, where a copy opens, reads and writes (2,000 files a rebuild at 1,000 texts).
    MkDocs empties the site folder before each build, so nothing writes through the
    link; a copy is made where linking fails (another file system)."""

    folders: ClassVar[set[str]] = set()
    """The folders of the site made in this rebuild (emptied before each): one
    ``makedirs`` per folder rather than one per file, half of the links' time."""

    held: str | None = None
    """The same bytes where the last build's site was moved aside (PageReuse.hold),
    moved back into the site rather than linked."""

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        folder = os.path.dirname(self.abs_dest_path)
        if folder not in LinkedFile.folders:
            os.makedirs(folder, exist_ok=True)
            LinkedFile.folders.add(folder)
        if self.held is not None:
            try:
                os.rename(self.held, self.abs_dest_path)
                return
            except OSError:
                pass
        try:
            os.link(self.abs_src_path, self.abs_dest_path)
        except OSError:
            super().copy_file(dirty)


class TemplateCodeCache(BytecodeCache):
    """Jinja's compiled templates, in memory, for the rebuilds of one preview (Jinja
    checks each template's source against the checksum it was compiled from)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class ThemeListing:
    """``mkdocs serve`` only: the theme's files, listed once.  MkDocs lists them at every
    rebuild (``Files.add_files_from_theme``): it walks every folder of the theme, the
    installed Material's icons included (14,500 names), and matches each name against
    its patterns, a tenth of a rebuild at 1,000 texts.  The list is kept while the
    theme's folders, the overrides' files (names, sizes, times) and mkdocs.yml are the
    same; the installed theme does not change while serving."""

    def __init__(self) -> None:
        self.listed: dict[tuple, list[str]] = {}

    def install(self, config: MkDocsConfig) -> None:
        """Have the environment of ``config``'s theme list its files from here."""
        theme = config.theme
        make_env = theme.get_env
        site = overrides_fingerprint(config)

        def get_env() -> Environment:
            env = make_env()
            list_templates = env.list_templates

            def kept_list(
                extensions: Any = None, filter_func: Callable[[str], bool] | None = None
            ) -> list[str]:
                key = (
                    tuple(theme.dirs),
                    site,
                    tuple(extensions) if extensions is not None else None,
                    filter_func.__code__ if filter_func is not None else None,
                )
                if key not in self.listed:
                    self.listed = {key: list_templates(extensions, filter_func)}
                return list(self.listed[key])

            env.list_templates = kept_list  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]


def overrides_fingerprint(config: MkDocsConfig) -> str:
    """A hash of mkdocs.yml and of the names, sizes and times of the theme's overrides."""
    digest = hashlib.sha256()
    if config.config_file_path and os.path.isfile(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    custom_dir = config.theme.custom_dir
    for path in sorted(Path(custom_dir).rglob("*")) if custom_dir else ():
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


MARKDOWN_TARGET = re.compile(r"[^\s()<>\[\]\"'`]+\.md\b")
"""Anything that looks like the address of a page in Markdown: more than the links."""


def linked_pages(files: Files, config: MkDocsConfig) -> set[str]:
    """The pages the navigation names, and every ``….md`` that a hand-written page
    mentions, read both relative to that page and to the docs folder (too many is
    harmless: those pages are built as usual)."""
    found: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, str):
            found.add(posixpath.normpath(item))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config.nav or [])
    for file in files:
        if file.generated_by is not None or not file.is_documentation_page():
            continue
        folder = posixpath.dirname(file.src_uri)
        for target in MARKDOWN_TARGET.findall(file.content_string):
            target = target.lstrip("/")
            found.add(posixpath.normpath(posixpath.join(folder, target)))
            found.add(posixpath.normpath(target))
    return found


def site_fingerprint(files: Files, config: MkDocsConfig) -> str:
    """A hash of what every page is made from besides its own Markdown: the
    configuration file, the theme's overrides (``custom_dir``: the installed theme does
    not change while serving), and every file of the docs folder.  Sizes and times for
    the theme and static files; for the hand-written pages, what another page shows of
    them (``page_outline``: an edit of a page's text rebuilt all 15,000 generated pages
    at 10,000 texts)."""
    digest = hashlib.sha256(overrides_fingerprint(config).encode())
    docs = os.path.abspath(config.docs_dir)
    for file in sorted(files, key=lambda file: file.src_uri):
        if file.generated_by is not None or file.src_dir is None:
            continue
        if os.path.abspath(file.src_dir) != docs:  # the theme's, counted above
            continue
        if file.is_documentation_page():
            outline = page_outline(file.content_string)
            digest.update(f"{file.src_uri}\0{len(outline)}\0{outline}\0".encode())
        else:
            assert file.abs_src_path is not None  # a file of the docs folder
            stat = os.stat(file.abs_src_path)
            digest.update(f"{file.src_uri}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


ATX_HEADING = re.compile(r" {0,3}#")
SETEXT_H1 = re.compile(r" {0,3}=+[ \t]*")
HTML_H1 = re.compile(r"<h1\b", re.IGNORECASE)


def page_outline(markdown: str) -> str:
    """What other pages can show of a hand-written page: its title and the navigation's
    marks (an icon, a status), which come from its metadata (the YAML front matter, or
    MultiMarkdown's lines up to the first blank one) or its first level-1 heading.
    Generously: every heading line (``#``, a line over ``===``, ``<h1``) and every
    snippet inclusion line; the rest of its text is the page's own."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = YAML_RE.match(markdown)
    kept = []
    if found is not None:
        kept.append(found.group(0))
    elif META_RE.match(lines[0]):
        kept += lines[: lines.index("") if "" in lines else len(lines)]
    for number, line in enumerate(lines):
        if ATX_HEADING.match(line) or HTML_H1.search(line) or "--8<--" in line:
            kept.append(line)
        elif number and SETEXT_H1.fullmatch(line):
            kept += [lines[number - 1], line]
    return "\n".join(kept)


def with_preview_error(page: str, message: str) -> str:
    """``page`` with ``message`` (the editor's ``file:line: error:`` lines) at the top
    of its body, escaped: a notice of the preview only, never in a built site."""
    notice = (
        '<div class="ra-preview-error" role="alert" style="background:#fdecea;'
        "color:#611a15;padding:.8em 1.2em;border-bottom:2px solid #d93025;"
        'font-size:.8rem"><strong>Prévisualisation : un texte ne se convertit pas ; '
        "les pages montrent les textes tels qu’ils se convertissaient avant.</strong>"
        f'<pre style="white-space:pre-wrap;margin:.4em 0 0">{escape_html(message)}</pre></div>'
    )
    body = re.search(r"<body[^>]*>", page)
    if body is None:
        return notice + page
    return page[: body.end()] + notice + page[body.end() :]


def reuse_pages(
    files: Files,
    config: MkDocsConfig,
    reuse: PageReuse,
    generated: Iterable[tuple[str, str]],
    add: Callable[[str, str], None],
    accept: Callable[[str, str], None],
    none: bool = False,
) -> int:
    """Hand MkDocs the ``generated`` files (path, content), each as it is made: a page
    whose HTML an earlier rebuild made from the same Markdown, in the same site, as that
    HTML (see PageReuse); a data file, as a file of the preview's folder; and a file
    that the last build left where it goes in the site folder, not at all (MkDocs makes
    a ``File`` for every file it is handed, 24,000 at 10,000 texts, a tenth of a
    rebuild).  ``add`` hands over a file to build as ``generated.add_generated`` does,
    ``accept`` checks and exports one that is not built (``accept_generated``).  Pages
    that the navigation or a hand-written page links to stay pages: MkDocs checks those
    links against its pages.  ``none``: every page is built (and none kept).  The
    number of generated files."""
    reuse.expected = {}
    LinkedFile.folders = set()  # MkDocs empties the site folder before this event
    count = 0
    if none:
        reuse.left_files = {}  # every file written again, the notice on each page
        for path, content in generated:
            add(path, content)
            count += 1
        return count
    site = site_fingerprint(files, config)
    linked = linked_pages(files, config)
    site_dir = Path(config.site_dir)
    restored = reuse.restore(site_dir)
    left: set[str] = set()  # files of the restored folders left as they are
    replaced = 0
    digests: dict[str, tuple[str, str]] = {}
    data: set[str] = set()  # the data files of this rebuild
    previous = reuse.left_files if site == reuse.site else {}
    reuse.site, reuse.left_files = site, {}
    for path, content in generated:
        count += 1
        known = previous.get(path)
        if (
            known is not None
            and known.content == content
            and known.folder in restored
            and path not in linked
        ):
            # As the last rebuild handed it over (mostly the very same string), and left
            # in place: nothing to look at (15,000 pages' keys hashed and their kept
            # files looked for at 10,000 texts).
            if known.digest is None:
                data.add(path)
            else:
                digests[path] = (content, known.digest)
            accept(path, content)
            replaced += 1
            reuse.serving[known.dest_uri] = known.stored
            left.add(known.dest_uri)
            reuse.left_files[path] = known
            continue
        is_page = is_markdown_file(path)
        if path in linked:
            add(path, content)
            continue
        dest_uri = reuse.destination(config, path)
        digest: str | None = None
        if not is_page:  # data: the same bytes, linked again
            stored = reuse.store(path, content)
            data.add(path)
        else:
            digest = reuse.digest(path, content, digests)
            key = hashlib.sha256(f"{site}\0{path}\0{digest}".encode()).hexdigest()
            found = reuse.get(path, key)
            if found is None:
                reuse.expected[path] = key
                add(path, content)
                continue
            stored = found
        accept(path, content)
        replaced += 1
        reuse.serving[dest_uri] = stored
        folder = dest_uri.split("/", 1)[0]
        if folder in restored and reuse.served.get(dest_uri) == stored:
            left.add(dest_uri)  # in place, and out of MkDocs's list
            reuse.left_files[path] = LeftFile(content, folder, dest_uri, stored, digest)
            continue
        linked_file = LinkedFile.generated(
            config, dest_uri, abs_src_path=str(stored), inclusion=InclusionLevel.NOT_IN_NAV
        )
        assert isinstance(linked_file, LinkedFile)
        if reuse.held is not None and reuse.served.get(dest_uri) == stored:
            linked_file.held = os.path.join(reuse.held, dest_uri)
        files.append(linked_file)
    reuse.digests = digests
    for gone in reuse.data.keys() - data:
        reuse.data.pop(gone)[1].unlink(missing_ok=True)  # a deleted text's data
    written = {file.dest_uri for file in files}
    reuse.outputs_now = written | left
    if restored:
        # In the folders moved back whole: what MkDocs writes again (removed first: a
        # file there may be a link to the preview's folder, which writing would change)
        # and what this build no longer writes (a deleted text).
        stale = reuse.outputs - reuse.outputs_now
        for dest in (written | stale) - left:
            if dest.split("/", 1)[0] in restored:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(site_dir / dest)
        for dest in stale:  # folders left empty (a text's parts), as a fresh build has none
            emptied = (site_dir / dest).parent
            while emptied != site_dir and dest.split("/", 1)[0] in restored:
                try:
                    emptied.rmdir()
                except OSError:
                    break
                emptied = emptied.parent
    log.info(
        "Preview: %d generated files unchanged (%d left in the site), %d pages to build",
        replaced,
        len(left),
        len(reuse.expected),
    )
    return count


CHANGES: list[type[events.FileSystemEvent]] = [
    events.FileCreatedEvent,
    events.FileDeletedEvent,
    events.FileModifiedEvent,
    events.FileMovedEvent,
    events.FileClosedEvent,  # closed after writing
]
"""The events that say a watched file changed.  The system also reports a file opened
or read, which every build does to each source: MkDocs's handler rebuilds on any
event, so a build would start the next."""


def watch_natively(server: LiveReloadServer) -> bool:
    """Have ``server`` learn of changes from the system (Linux's inotify) rather than by
    polling: MkDocs's observer lists every watched folder twice a second, so an edit
    waited up to 0.5 s before a rebuild started (0.25 s on average), and at 10,000
    texts each listing stats 10,000 files, which the rebuild shares the processor with.
    The paths already watched (MkDocs watches the docs folder and mkdocs.yml before
    ``on_serve``, the ``watch:`` list after) move to the new observer.  False, and
    MkDocs's polling kept, where the system cannot watch them (not Linux, or its limit
    of watches reached)."""
    try:
        from watchdog.observers.inotify import InotifyObserver
    except (ImportError, OSError):  # not Linux
        return False
    watched = dict(server._watched_paths)  # path → how many times it is watched
    # The observer starts its watches in serve(), where an error would stop the
    # server: they are tried here first.
    trial = InotifyObserver()
    try:
        for path in watched:
            trial.schedule(events.FileSystemEventHandler(), path, recursive=True)
        trial.start()
    except OSError as error:
        log.info("Preview: the system cannot watch the sources (%s): polling", error)
        return False
    finally:
        if trial.is_alive():
            trial.stop()
            trial.join()
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)

    class ChangesObserver(InotifyObserver):
        """Reports only the events of CHANGES (MkDocs schedules its handler with none)."""

        def schedule(self, *args: Any, **kwargs: Any) -> ObservedWatch:
            kwargs.setdefault("event_filter", CHANGES)
            return super().schedule(*args, **kwargs)

    server.observer = ChangesObserver()  # type: ignore[assignment]  # MkDocs's is a PollingObserver
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
    return True
