from __future__ import annotations

import pytest

from resolutions.ocr_repair import Lexicon, french_lexicon


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return french_lexicon()
