"""The GitHub workflows: every command they run exists (scripts/check_workflows.py), and
they run what an editor runs, where they are meant to."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
SCRIPT = ROOT / "scripts" / "check_workflows.py"

_spec = importlib.util.spec_from_file_location("check_workflows", SCRIPT)
assert _spec is not None and _spec.loader is not None
check_workflows = importlib.util.module_from_spec(_spec)
sys.modules["check_workflows"] = check_workflows  # dataclasses look their module up
_spec.loader.exec_module(check_workflows)


@pytest.fixture(scope="module")
def known() -> tuple[frozenset[str], frozenset[str]]:
    """The Makefile's targets and the programs of .venv/bin."""
    return check_workflows.makefile_targets(), check_workflows.venv_programs()


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def runs(workflow: dict) -> list[str]:
    return [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]


def test_the_script_passes_on_both_workflows():
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr.strip() == "2 workflows checked: 0 errors"


@pytest.mark.parametrize(
    ("run", "message"),
    [
        ("make sitee", "make target 'sitee' is not in the Makefile"),
        ("make check STRICT=1 && make tests", "make target 'tests' is not in the Makefile"),
        ("sudo apt-get install -y chromium", "'apt-get' is neither a Makefile target"),
        (".venv/bin/chromium --version", "'.venv/bin/chromium': no locked package installs"),
        ("make -C docs site", "make runs from the project root"),
        ("echo ok\nnpx playwright install", "'npx' is neither a Makefile target"),
    ],
)
def test_the_script_finds_a_command_that_does_not_exist(tmp_path, known, run, message):
    workflow = {"jobs": {"j": {"steps": [{"uses": "actions/checkout@v4"}, {"run": run}]}}}
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump(workflow, sort_keys=False), encoding="utf-8")
    problems = check_workflows.check_workflow(path, *known, "bad.yml")
    assert problems, run
    assert str(problems[0]).split(": error: ")[1].startswith(message)
    assert all(str(problem).startswith("bad.yml:") for problem in problems)


def test_the_script_gives_the_line_of_a_bad_command(tmp_path, known):
    path = tmp_path / "bad.yml"
    path.write_text(
        "jobs:\n  j:\n    steps:\n      - uses: actions/checkout@v9\n"
        "      - run: |\n          make check\n          make publish\n",
        encoding="utf-8",
    )
    assert check_workflows.main([str(path)]) == 1
    problems = check_workflows.check_workflow(path, *known, "bad.yml")
    assert [str(problem) for problem in problems] == [
        "bad.yml:4: error: unknown action 'actions/checkout@v9'",
        "bad.yml:7: error: make target 'publish' is not in the Makefile",
    ]


def test_the_pull_request_runs_what_an_editor_runs_on_three_pythons():
    workflow = load("pull-request.yml")
    [job] = workflow["jobs"].values()
    assert job["runs-on"].startswith("ubuntu-")
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    commands = runs(workflow)
    for command in ("make check STRICT=1", "make test", "make site"):
        assert command in commands
    assert ".venv/bin/playwright install --with-deps chromium" in commands
    assert not [run for run in commands if "apt-get" in run]
    hide = "sudo mkdir -p /usr/share/dict && sudo mount -t tmpfs -o ro tmpfs /usr/share/dict"
    assert commands.index(hide) < commands.index("make check STRICT=1")


def test_publish_builds_at_the_pages_address_with_the_same_commands():
    workflow = load("publish.yml")
    steps = workflow["jobs"]["build"]["steps"]
    commands = runs(workflow)
    for command in ("make check STRICT=1", "make test", "make site"):
        assert command in commands
    assert not [run for run in commands if "apt-get" in run]
    [site] = [step for step in steps if step.get("run") == "make site"]
    assert site["env"]["RESOLUTIONS_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert any(step.get("id") == "pages" for step in steps)
    assert steps[-1]["with"]["path"] == "build/site"


def test_both_install_with_the_lock():
    for name in ("pull-request.yml", "publish.yml"):
        steps = [step for job in load(name)["jobs"].values() for step in job["steps"]]
        [python] = [step for step in steps if step.get("uses") == "actions/setup-python@v5"]
        assert python["with"]["cache-dependency-path"] == "constraints.txt"
        assert "make .venv/.installed" in runs(load(name))
