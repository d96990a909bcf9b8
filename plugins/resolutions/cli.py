"""The ``resolutions`` command: convert source texts and print JSON or Markdown.

Errors in a source are printed as ``file:line: error: message`` (exit status 2), never
as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import SourceError
from .pipeline import convert_paths
from .render.json import export
from .render.markdown import render_document


def _convert(args: argparse.Namespace) -> int:
    paths: list[Path] = []
    for name in args.paths:
        path = Path(name)
        if path.is_dir():
            paths.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.exists():
            paths.append(path)
        else:
            print(f"{name}:1: error: no such file", file=sys.stderr)
            return 2
    result = convert_paths(paths, Path.cwd())
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if args.markdown:
        sys.stdout.write("\n".join(render_document(document) for document in result.documents))
    else:
        json.dump(export(result.documents), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except SourceError as error:
        print(error, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
