from __future__ import annotations

import pytest

from resolutions.ocr import Lexicon, french_lexicon


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return french_lexicon()
