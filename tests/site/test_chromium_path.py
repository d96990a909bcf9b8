"""Which Chromium the browser tests use, and what happens when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CHROMIUM_VARIABLE, find_chromium, skip_or_fail


@pytest.fixture
def executables(tmp_path: Path) -> dict[str, Path]:
    found = {}
    for name in ("named", "debian", "playwright"):
        path = tmp_path / name / "chrome"
        path.parent.mkdir()
        path.write_text("#!/bin/sh\n")
        found[name] = path
    return found


def test_the_environment_variable_comes_first(executables):
    environment = {CHROMIUM_VARIABLE: str(executables["named"])}
    assert find_chromium(environment, executables["debian"], executables["playwright"]) == (
        executables["named"],
        "",
    )


def test_debian_chromium_is_the_fallback(executables):
    found = find_chromium({}, executables["debian"], executables["playwright"])
    assert found == (executables["debian"], "")


def test_playwright_own_chromium_when_debian_has_none(executables, tmp_path):
    found = find_chromium({}, tmp_path / "absent", executables["playwright"])
    assert found == (executables["playwright"], "")


def test_a_named_browser_that_is_missing_is_not_replaced(executables, tmp_path):
    environment = {CHROMIUM_VARIABLE: str(tmp_path / "nowhere")}
    chromium, reason = find_chromium(environment, executables["debian"], executables["playwright"])
    assert chromium is None
    assert reason == f"{CHROMIUM_VARIABLE}={tmp_path / 'nowhere'}: no such browser"


def test_no_browser_at_all_says_how_to_get_one(tmp_path):
    chromium, reason = find_chromium({}, tmp_path / "chromium", None)
    assert chromium is None
    assert CHROMIUM_VARIABLE in reason and "apt-get install -y chromium" in reason
    assert "playwright install --with-deps chromium" in reason


def test_no_browser_is_a_skip_for_an_editor():
    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        skip_or_fail("no Chromium", {})
    with pytest.raises(pytest.skip.Exception):
        skip_or_fail("no Chromium", {"CI": "false"})


def test_no_browser_is_a_failure_in_ci():
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        skip_or_fail("no Chromium", {"CI": "true"})
