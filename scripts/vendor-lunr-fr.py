"""Write the theme override of Material's French search support.

overrides/assets/javascripts/lunr/min/lunr.fr.min.js = the file Material ships
(lunr-languages' French support, MPL licence, unchanged) + scripts/lunr-fr-folding.js.
Run it again after upgrading mkdocs-material (a test fails when the copy is stale):

    .venv/bin/python scripts/vendor-lunr-fr.py
"""

from __future__ import annotations

from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
STOCK = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min/lunr.fr.min.js"
FOLDING = ROOT / "scripts/lunr-fr-folding.js"
TARGET = ROOT / "overrides/assets/javascripts/lunr/min/lunr.fr.min.js"


def compose() -> str:
    stock = STOCK.read_text(encoding="utf-8")
    return stock.rstrip("\n") + "\n" + FOLDING.read_text(encoding="utf-8")


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(compose(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
