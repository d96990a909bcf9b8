"""Settings shared by every test folder."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Registered here so that `filterwarnings = error` does not turn the mark into an error.
    config.addinivalue_line("markers", "slow: takes more than a minute (still run by `make test`)")
