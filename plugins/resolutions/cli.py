"""The ``resolutions`` command: convert source texts and print JSON or Markdown.

Errors in a source are printed as ``file:line: error: message`` (exit status 2), never
as a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import yaml

from . import checks, ocr_repair, prefill
from .errors import SourceError
from .load import NO_FRONT_MATTER, decode, load_source, parse_source, slugify
from .model import Diagnostic, Document
from .pipeline import (
    annotate_corpus,
    convert_bytes,
    convert_paths,
    display_path,
    documents_of,
    load_glossary_of,
    scan_folder,
    source_files,
)
from .readers.pdf import Converted, convert_pdf
from .render.json import export
from .render.markdown import render_document


def _convert(args: argparse.Namespace) -> int:
    paths: list[Path] = []
    pdfs: list[Path] = []
    for name in args.paths:
        path = Path(name)
        if path.is_dir():
            paths.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.exists() and path.suffix.lower() == ".pdf":
            pdfs.append(path)
        elif path.exists():
            paths.append(path)
        else:
            print(f"{name}:1: error: no such file", file=sys.stderr)
            return 2
    result = convert_paths(paths, Path.cwd())
    documents = list(result.documents)
    # An official PDF is converted in memory, through the Markdown source text that
    # `resolutions import` would write.
    documents += [document for path in pdfs for document in pdf_documents(path, Path.cwd())]
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if args.markdown:
        sys.stdout.write("\n".join(render_document(document) for document in documents))
    else:
        json.dump(export(documents), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0


def pdf_source_text(path: Path, shown: str) -> tuple[str, Converted]:
    """The source text (YAML front matter + Markdown body) of an official PDF."""
    converted = convert_pdf(path, shown)
    front = yaml.safe_dump(converted.front_matter, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{converted.markdown}", converted


def pdf_documents(path: Path, root: Path) -> tuple[Document, ...]:
    """The texts of an official PDF, each with the furniture removed from it (a
    removal's ``line`` is then the PDF's page)."""
    shown = display_path(path, root)
    text, converted = pdf_source_text(path, shown)
    result = convert_bytes(text.encode("utf-8"), shown)
    removals = tuple(converted.removals)
    return tuple(
        replace(document, removals=document.removals + removals) for document in result.documents
    )


def _taken(target: Path, shown: str, force: bool) -> bool:
    """True, with the error printed, when writing ``target`` would replace a file that
    --force did not allow to replace (``import`` and ``new`` never overwrite silently)."""
    if target.exists() and not force:
        print(
            f"{shown}:1: error: the file already exists; to replace it, run the "
            "command again with --force",
            file=sys.stderr,
        )
        return True
    return False


def _import(args: argparse.Namespace) -> int:
    """Write a source text from an official PDF: front matter from its cover block,
    the Markdown body; never over an existing file without --force."""
    path = Path(args.pdf)
    shown = display_path(path, Path.cwd())
    if not path.is_file():
        print(f"{args.pdf}:1: error: no such file", file=sys.stderr)
        return 2
    text, converted = pdf_source_text(path, shown)
    front = converted.front_matter
    slug = front.get("slug") or slugify(front.get("symbol", "")) or slugify(path.stem)
    folder = Path(args.out)
    target = folder / f"{slug}.txt"
    target_shown = display_path(target, Path.cwd())
    if _taken(target, target_shown, args.force):
        return 2
    missing = [key for key in ("symbol", "title", "body", "date") if not front.get(key)]
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    for key in missing:
        print(
            f"{target_shown}:2: warning: '{key}' not found on the PDF's cover: fill it in",
            file=sys.stderr,
        )
    symbol = str(front.get("symbol") or "")
    for other in sorted(folder.glob("*.txt")) if symbol else ():
        if other.resolve() == target.resolve():
            continue
        head = other.read_text(encoding="utf-8", errors="replace").split("\n---", 1)[0]
        if re.search(rf"^symbol:\s*[\"']?{re.escape(symbol)}[\"']?\s*$", head, re.M):
            print(
                f"{target_shown}:2: warning: symbol '{symbol}' is also the symbol of "
                f"{display_path(other, Path.cwd())}: check refuses two texts with one symbol",
                file=sys.stderr,
            )
    if args.removals:
        for removal in converted.removals:
            print(f"{shown}:page {removal.line}: removed ({removal.reason}): {removal.text}")
    reasons = Counter(removal.reason.split(" : ")[0] for removal in converted.removals)
    removed = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common())
    print(
        f"{target_shown}: written from {shown} ({converted.pages} pages); removed: {removed}",
        file=sys.stderr,
    )
    return 0


def _expand(names: list[str]) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        path = Path(name)
        paths.extend(source_files(path) if path.is_dir() else [path])
    return paths


def summary(document: Document) -> str:
    kinds = {"preambular": 0, "operative": 0, "other": 0}
    for paragraph in document.paragraphs:
        kinds[paragraph.kind] += 1
    spans = [span for _, block in document.blocks() for span in block.spans]
    spans += [span for note in document.footnotes for span in note.text.spans]
    mentions = sum(1 for span in spans if span.kind == "mention")
    citations = sum(1 for span in spans if span.kind == "citation")
    how = "detected" if document.format_detected else "declared"
    flags = "".join(
        f", {flag}"
        for flag, on in (("fragment", document.fragment), ("incomplete", document.incomplete))
        if on
    )
    annexes = "".join(
        f"; annex '{annex.heading.text}': {len(annex.chapters())} chapters, "
        f"{len(annex.articles())} articles, {len(annex.paragraphs())} paragraphs"
        for annex in document.annexes
    )
    return (
        f"{document.source_path}: {document.slug}: format {document.format} ({how}); "
        f"{kinds['preambular']} preambular, {kinds['operative']} operative, "
        f"{kinds['other']} other paragraphs; {len(document.sections)} sections{annexes}; "
        f"{len(document.footnotes)} notes; {len(document.corrections)} corrections; "
        f"{mentions} mentions; {citations} citations{flags}"
    )


def _check(args: argparse.Namespace) -> int:
    root = Path.cwd()
    wanted = _expand(args.paths)
    # Uniqueness of slugs and symbols is checked against the whole folder of each file.
    corpus = sorted({*wanted, *(p for w in wanted for p in source_files(w.parent))})
    wanted_names = {display_path(path, root) for path in wanted}
    # What is wrong with a folder itself: files that are not texts, no text at all.
    diagnostics: list[Diagnostic] = [
        problem
        for name in args.paths
        if Path(name).is_dir()
        for problem in scan_folder(Path(name), root)[1]
    ]
    converted: list[Document] = []
    front = checks.FrontMatter(root)
    for path in corpus:
        shown = display_path(path, root)
        is_wanted = shown in wanted_names
        # Fields left 'À COMPLÉTER' by `resolutions new`: all of them at once.
        unfinished = checks.placeholder_lines(shown, front) if is_wanted else []
        diagnostics += unfinished
        try:
            source = load_source(path, shown)
            texts = documents_of(source)
        except SourceError as error:
            # On a field still to complete, the placeholder's message says it better.
            if is_wanted and error.line not in {d.line for d in unfinished}:
                diagnostics.append(Diagnostic(error.path, error.line, "error", error.message))
            continue
        if not source.has_front_matter:
            # `convert` tries a raw file with made-up metadata; a published text needs its own.
            if is_wanted:
                diagnostics.append(Diagnostic(shown, 1, "error", NO_FRONT_MATTER))
            continue
        if is_wanted:
            diagnostics += source.diagnostics
            diagnostics += checks.page_furniture(shown, source.lines)
        converted.extend(texts)
    unique, duplicated, clashes = _uniqueness(converted, wanted_names, root)
    diagnostics += clashes
    documents = [d for d in converted if d.source_path in wanted_names]
    diagnostics += checks.check_documents(documents, front)
    glossary = None
    for folder in sorted({path.parent for path in wanted}):
        try:
            glossary = load_glossary_of(folder, root) or glossary
        except SourceError as error:
            diagnostics.append(Diagnostic(error.path, error.line, "error", error.message))
    # Citations are resolved against the corpus of unique slugs; a text whose slug or
    # symbol is taken is annotated on its own, for its report.
    annotated = list(annotate_corpus(unique, glossary)[0])
    for document in duplicated:
        annotated += annotate_corpus([document], glossary)[0]
    by_text = {(d.source_path, d.line, d.slug): d for d in annotated}
    documents = [by_text[(d.source_path, d.line, d.slug)] for d in documents]
    diagnostics += checks.annotation_findings(documents, glossary)
    # A field left 'À COMPLÉTER' is found in the file and in the converted text: once.
    diagnostics = checks.ordered(diagnostics)
    for diagnostic in diagnostics:
        print(diagnostic)
    if not args.quiet:
        for document in documents:
            print(summary(document))
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    print(f"{len(documents)} texts checked: {errors} errors, {warnings} warnings", file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 0


def _uniqueness(
    documents: list[Document], wanted: set[str], root: Path
) -> tuple[list[Document], list[Document], list[Diagnostic]]:
    """Slugs, and symbols within a body and a language, must be unique across the
    corpus (the build refuses a clash; the French and English texts of one symbol are
    two versions, not a clash).  Returns the texts that hold their slug and symbol first, the
    others, and one error per clash, on a checked file: on the later text, or on the
    first one when only it is checked."""
    holders: dict[tuple[str, ...], list[Document]] = {}
    for document in documents:
        holders.setdefault(("slug", document.slug), []).append(document)
        if document.symbol:
            symbol = ("symbol", document.body, document.lang, document.symbol)
            holders.setdefault(symbol, []).append(document)
    clashes: list[Diagnostic] = []
    duplicated: list[Document] = []
    for key, group in holders.items():
        field, value = key[0], key[-1]
        first = group[0]
        for later in group[1:]:
            duplicated.append(later)
            if later.source_path in wanted:
                target, other, verb = later, first, "is already used by"
            elif first.source_path in wanted:
                target, other, verb = first, later, "is also used by"
            else:
                continue
            lines = _metadata_lines(root, target, field, value) or [target.line]
            if target.source_path == other.source_path:
                # Two texts of one file (under `documents:`): the later one's line.
                line, holder = lines[-1], "another text of this file"
            else:
                line, holder = lines[0], other.source_path
            message = f"{field} '{value}' {verb} {holder}"
            clashes.append(Diagnostic(target.source_path, line, "error", message))
    taken = {id(document): document for document in duplicated}
    unique = [document for document in documents if id(document) not in taken]
    return unique, list(taken.values()), clashes


def _metadata_lines(root: Path, document: Document, field: str, value: str) -> list[int]:
    """The front-matter lines that give ``field: value`` (for a slug made from the
    symbol: the symbol's lines)."""
    try:
        text = (root / document.source_path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    front = text.split("\n")[: document.line]
    for wanted_field in (field, "symbol") if field == "slug" else (field,):
        wanted_value = value if wanted_field == field else document.symbol
        found = []
        for number, line in enumerate(front, 1):
            key, _, given = line.strip().removeprefix("- ").partition(":")
            if key.strip() == wanted_field and given.strip().strip("\"'") == wanted_value:
                found.append(number)
        if found:
            return found
    return []


def _report(args: argparse.Namespace) -> int:
    """Per text: what was recognised, then every correction for review (OCR texts:
    applied, doubtful, refused, editors' own)."""
    root = Path.cwd()
    for path in _expand(args.paths):
        source = load_source(path, display_path(path, root))
        unrepaired = documents_of(source, repair=False)
        for document, entry in zip(documents_of(source), source.entries, strict=True):
            print(summary(document))
            raw = entry.get("corrections")
            if document.format == "ocr" or raw:
                decisions = ocr_repair.parse_decisions(
                    raw, source.path, entry.get("corrections_line", 2)
                )
                original = next(d for d in unrepaired if d.slug == document.slug)
                proposals = ocr_repair.review(original, ocr_repair.french_lexicon(), decisions)
                print(ocr_repair.review_report(original, proposals))
            else:
                for correction in document.corrections:
                    print(
                        f"  line {correction.line}: {correction.original} → "
                        f"{correction.replacement} ({correction.reason})"
                    )
    return 0


def _new(args: argparse.Namespace) -> int:
    """A raw text (no front matter) → ``OUT/<slug>.txt``: the metadata the text gives,
    ``À COMPLÉTER`` for the rest, then the raw text unchanged."""
    path = Path(args.raw)
    shown = display_path(path, Path.cwd())
    if not path.is_file():
        print(f"{shown}:1: error: no such file", file=sys.stderr)
        return 2
    raw = path.read_bytes()
    source = parse_source(raw, shown, path.stem)
    if source.has_front_matter:
        print(
            f"{shown}:1: error: this text already has its metadata (a '---' block): "
            "check it with `resolutions check`",
            file=sys.stderr,
        )
        return 2
    document = documents_of(source, repair=False)[0]
    fields = prefill.prefill(document, path.stem)
    out = Path(args.out)
    target = out / f"{prefill.slug_of(fields)}.txt"
    target_shown = display_path(target, Path.cwd())
    if _taken(target, target_shown, args.force):
        return 1
    text, _ = decode(raw, shown)
    front = prefill.front_matter(fields)
    out.mkdir(parents=True, exist_ok=True)
    target.write_text(front + text, encoding="utf-8")
    for number, line in enumerate(front.split("\n"), 1):
        name = line.partition(":")[0]
        if f"# {checks.PLACEHOLDER}" in line:
            print(f"{target_shown}:{number}: warning: '{name}' is to be completed")
    missing = prefill.to_complete(fields)
    found = [f.name for f in fields if f.value is not None and f.name not in ("format", "slug")]
    print(
        f"{target_shown}: written from {shown}: {', '.join(found) or 'nothing'} read in the "
        f"text; {len(missing)} fields to complete ({', '.join(missing) or 'none'})",
        file=sys.stderr,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="resolutions", description="Convert drug-control resolutions to annotated text."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser("convert", help="convert source texts; print JSON or Markdown")
    convert.add_argument("paths", nargs="+", help="source files or folders")
    output = convert.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the model as JSON (default)")
    output.add_argument("--markdown", action="store_true", help="print the pages' Markdown")
    convert.set_defaults(run=_convert)
    check = commands.add_parser(
        "check", help="check source texts: one line per finding, file:line: severity: message"
    )
    check.add_argument("paths", nargs="*", default=["source_texts"], help="files or folders")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    check.add_argument("--quiet", action="store_true", help="findings only, no per-text report")
    check.set_defaults(run=_check)
    report = commands.add_parser(
        "report", help="what each text holds, and every automatic correction for review"
    )
    report.add_argument("paths", nargs="*", default=["source_texts"], help="files or folders")
    report.set_defaults(run=_report)
    new = commands.add_parser(
        "new",
        help="describe a raw text: write OUT/<slug>.txt, its metadata read from the text "
        "('À COMPLÉTER' where the text does not say), then the text unchanged",
    )
    new.add_argument("raw", help="the text as pasted, with no front matter")
    new.add_argument("--out", default="source_texts", help="folder to write to (source_texts)")
    new.add_argument("--force", action="store_true", help="replace the file if it exists")
    new.set_defaults(run=_new)
    importer = commands.add_parser(
        "import", help="write a source text from an official PDF (front matter prefilled)"
    )
    importer.add_argument("pdf", help="the official PDF (with a text layer)")
    importer.add_argument(
        "--out", default="source_texts", help="folder of the source texts (source_texts/)"
    )
    importer.add_argument("--force", action="store_true", help="overwrite an existing file")
    importer.add_argument(
        "--removals", action="store_true", help="list every piece of furniture removed"
    )
    importer.set_defaults(run=_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except SourceError as error:
        print(error, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
