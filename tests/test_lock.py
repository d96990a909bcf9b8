"""constraints.txt, the lock: the installed versions are the locked ones, the lock agrees
with pyproject.toml, and make installs from it."""

from __future__ import annotations

import re
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "constraints.txt"
PROJECT = "resolutions-annotees"
# The installer's own packages: in every environment, never the project's.
INSTALLER = {"pip", "setuptools", "wheel"}


def locked() -> dict[str, str]:
    pins = {}
    for number, line in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        found = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line.strip())
        assert found, f"{LOCK.name}:{number}: not 'name==version': {line}"
        pins[canonicalize_name(found[1])] = found[2]
    return pins


def direct_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(text) for text in listed]


def test_every_installed_package_is_at_its_locked_version():
    pins = locked()
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }
    installed = {
        name: version
        for name, version in installed.items()
        if name != PROJECT and name not in INSTALLER
    }
    assert installed, "no package found installed"
    unlocked = sorted(set(installed) - set(pins))
    assert not unlocked, f"installed but not in {LOCK.name} (run make lock): {unlocked}"
    different = {
        name: (version, pins[name]) for name, version in installed.items() if version != pins[name]
    }
    assert not different, f"installed ≠ locked (rm .venv/.installed; make): {different}"


def test_the_lock_pins_every_direct_dependency_within_pyproject():
    pins = locked()
    for requirement in direct_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in {LOCK.name}: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{LOCK.name} pins {name}=={pins[name]}, pyproject.toml asks {requirement}"
        )


def test_make_installs_from_the_lock():
    dry_run = subprocess.run(
        ["make", "--always-make", "--dry-run", ".venv/.installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installs = [line for line in dry_run.splitlines() if " install " in line]
    assert installs, dry_run
    assert all(f"--constraint {LOCK.name}" in line for line in installs), installs
