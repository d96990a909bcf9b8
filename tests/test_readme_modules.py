"""The README's pipeline section names every module of the package, and no module that
does not exist: it is the module list a reader of the code starts from.  A module is
named by its file name (``ocr_repair.py``), with its folder where the section needs one."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "plugins" / "resolutions"
MODULE_NAME = re.compile(r"(?<![\w.-])((?:[\w-]+/)*[\w-]+\.py)\b")


def pipeline_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## The pipeline")
    return readme[start : readme.index("\n### ", start)]


def modules() -> list[Path]:
    return sorted(
        path.relative_to(PACKAGE) for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"
    )


def test_every_module_is_named() -> None:
    named = Counter(Path(name).name for name in MODULE_NAME.findall(pipeline_section()))
    sharing = Counter(module.name for module in modules())
    # Two modules of one name (readers/markdown.py, render/markdown.py): named twice.
    missing = [str(module) for module in modules() if named[module.name] < sharing[module.name]]
    assert not missing, f"modules the README's pipeline section does not name: {missing}"


def test_every_name_is_a_module() -> None:
    names = MODULE_NAME.findall(pipeline_section())
    assert len(names) > 20  # the section was found, and read
    known = {module.name for module in modules()} | {str(module) for module in modules()}
    # Others are the project's scripts: ``scripts/compare-builds.py``, or its name alone.
    unknown = [
        name
        for name in names
        if name not in known and not (ROOT / name).is_file() and not any(ROOT.glob(f"*/{name}"))
    ]
    assert not unknown, f"the README's pipeline section names what does not exist: {unknown}"
