"""Check the GitHub workflows: every command a step runs exists.

A command is one of: ``make`` with targets of the Makefile; a program that a locked
package installs into ``.venv/bin`` (``.venv/bin/playwright``); or a program of GitHub's
``ubuntu-24.04`` runner listed in ``RUNNER_COMMANDS``.  Every ``uses:`` is an action of
``KNOWN_ACTIONS``.  Each problem is printed as ``file:line: error: message``; the exit
status is 1 if there is one.  ``make test`` runs it (tests/test_workflows.py).

    .venv/bin/python scripts/check_workflows.py [WORKFLOW.yml ...]
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
MAKEFILE = ROOT / "Makefile"
LOCK = ROOT / "constraints.txt"

RUNNER_COMMANDS = frozenset({"sudo", "mkdir", "mount", "make", "git", "test", "echo"})
"""Programs of GitHub's Ubuntu 24.04 image that the workflows may run (sudo needs no
password there).  Add one here only after checking the runner image has it."""

KNOWN_ACTIONS = frozenset(
    {
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "actions/upload-artifact@v4",
        "actions/configure-pages@v5",
        "actions/upload-pages-artifact@v3",
        "actions/deploy-pages@v4",
    }
)
"""GitHub's own actions, at the major versions the workflows were written for."""

OPERATORS = frozenset({"&&", "||", ";", "|", "&"})
ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: error: {self.message}"


# --------------------------------------------------------------------------- what exists


def makefile_targets(makefile: Path = MAKEFILE) -> frozenset[str]:
    """The targets of ``makefile``, variables like ``$(INSTALLED)`` expanded."""
    variables: dict[str, str] = {}
    targets: set[str] = set()
    for line in makefile.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith(("\t", "#")):
            continue
        assigned = re.match(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?::=|\?=|=)\s*(.*)", line)
        if assigned:
            variables.setdefault(assigned[1], assigned[2].strip())
            continue
        rule = re.match(r"([^:=#]+?)\s*:(?!=)", line)
        if rule:
            targets.update(_expand(rule[1], variables).split())
    # Special targets (.PHONY) are not targets one runs.
    return frozenset(target for target in targets if not re.fullmatch(r"\.[A-Z_]+", target))


def _expand(text: str, variables: dict[str, str]) -> str:
    for _ in range(10):
        expanded = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m[1], m[0]), text)
        if expanded == text:
            break
        text = expanded
    return text


def venv_programs(lock: Path = LOCK) -> frozenset[str]:
    """The programs that the locked packages (and the project) install into .venv/bin."""
    locked = {
        _canonical(line.split("==")[0])
        for line in lock.read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    programs = {"python", "python3", "pip"}
    for distribution in metadata.distributions():
        name = _canonical(distribution.metadata["Name"])
        if name in locked or name == "resolutions-annotees":
            programs.update(
                entry.name
                for entry in distribution.entry_points
                if entry.group == "console_scripts"
            )
            # Programs shipped as files (ruff's binary): RECORD lists them as ../../../bin/X.
            programs.update(
                file.name
                for file in distribution.files or ()
                if file.parts[:1] == ("..",) and file.parent.name == "bin"
            )
    return frozenset(programs)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# --------------------------------------------------------------------------- the workflows


def _steps(root: yaml.Node) -> Iterator[yaml.MappingNode]:
    jobs = _get(root, "jobs")
    if not isinstance(jobs, yaml.MappingNode):
        return
    for _, job in jobs.value:
        steps = _get(job, "steps")
        if isinstance(steps, yaml.SequenceNode):
            yield from (step for step in steps.value if isinstance(step, yaml.MappingNode))


def _get(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value
    return None


def _commands(script: str) -> Iterator[tuple[int, list[str]]]:
    """``(line offset, words)`` of each simple command of a shell script."""
    lines = script.split("\n")
    index = 0
    while index < len(lines):
        offset, text = index, lines[index]
        while text.endswith("\\") and index + 1 < len(lines):
            index += 1
            text = text[:-1] + " " + lines[index]
        index += 1
        text = EXPRESSION.sub("EXPRESSION", text)
        lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words: list[str] = []
        for token in lexer:
            if token in OPERATORS:
                if words:
                    yield offset, words
                words = []
            else:
                words.append(token)
        if words:
            yield offset, words


def _program(words: list[str]) -> tuple[str, list[str]]:
    """The program a command runs and its arguments (past ``VAR=value`` and ``sudo``)."""
    while words and ASSIGNMENT.match(words[0]):
        words = words[1:]
    if words and words[0] == "sudo":
        words = words[1:]
        while words and words[0].startswith("-"):
            words = words[1:]
    return (words[0], words[1:]) if words else ("", [])


def check_command(words: list[str], targets: frozenset[str], programs: frozenset[str]) -> str:
    """Why the command cannot run, or ``""``."""
    program, arguments = _program(words)
    if not program:
        return ""
    if program == "make":
        if any(
            argument.startswith(("-C", "-f", "--file", "--directory")) for argument in arguments
        ):
            return "make runs from the project root, with its Makefile"
        wanted = [a for a in arguments if not a.startswith("-") and not ASSIGNMENT.match(a)]
        missing = [target for target in wanted if target not in targets]
        if missing:
            return f"make target '{missing[0]}' is not in the Makefile"
        return ""
    if program.startswith(".venv/bin/"):
        name = program.removeprefix(".venv/bin/")
        if name not in programs:
            return f"'{program}': no locked package installs '{name}' (constraints.txt)"
        return ""
    if "/" in program or program not in RUNNER_COMMANDS:
        return (
            f"'{program}' is neither a Makefile target, nor in .venv/bin, nor a known program "
            "of the runner (scripts/check_workflows.py, RUNNER_COMMANDS)"
        )
    return ""


def check_workflow(
    path: Path, targets: frozenset[str], programs: frozenset[str], shown: str | None = None
) -> list[Problem]:
    shown = shown or str(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(shown, mark.line + 1 if mark else 1, f"cannot read the workflow: {error}")]
    problems: list[Problem] = []
    steps = list(_steps(root)) if root is not None else []
    if not steps:
        problems.append(Problem(shown, 1, "no job with steps"))
    for step in steps:
        uses = _get(step, "uses")
        if isinstance(uses, yaml.ScalarNode) and uses.value not in KNOWN_ACTIONS:
            problems.append(
                Problem(shown, uses.start_mark.line + 1, f"unknown action '{uses.value}'")
            )
        run = _get(step, "run")
        if not isinstance(run, yaml.ScalarNode):
            continue
        # A block scalar (run: |) starts on the line after its key.
        first = run.start_mark.line + 1 + (1 if run.style in ("|", ">") else 0)
        for offset, words in _commands(run.value):
            why = check_command(words, targets, programs)
            if why:
                problems.append(Problem(shown, first + offset, why))
    return problems


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    paths = [Path(argument) for argument in arguments] or WORKFLOWS
    targets, programs = makefile_targets(), venv_programs()
    problems = [
        problem
        for path in paths
        for problem in check_workflow(
            path,
            targets,
            programs,
            str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else None,
        )
    ]
    for problem in problems:
        print(problem)
    print(f"{len(paths)} workflows checked: {len(problems)} errors", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
