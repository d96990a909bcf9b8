"""A new text that cites a seed: built with the real MkDocs, the seed's page lists it
under "Cité par" and the published graph has the edge (issue 5)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from .build import ROOT, build_site

CITING = """---
symbol: PC.DEC/801
title: Suivi de la coopération internationale en matière de lutte anti-drogue
body: osce-cp
type: décision
date: 2007-06-14
source: "Texte d’essai écrit pour les tests : il imite une décision du Conseil permanent"
format: pdf-text
---
 DECISION No 801
SUIVI DE LA COOPERATION INTERNATIONALE EN MATIERE DE LUTTE ANTI-DROGUE

 Le Conseil permanent,

 Rappelant sa Décision No 758 sur le renforcement de la coopération internationale en
matière de lutte anti-drogue,

 1. Prend note du rapport sur l’application du paragraphe 5 de sa Décision No 758 ;

 2. Charge le Secrétaire général de faire rapport au Conseil permanent en 2008.
"""


def test_a_citing_text_appears_on_the_cited_page_and_in_the_graph(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "source_texts", sources)
    (sources / "pc-dec-801.txt").write_text(CITING, encoding="utf-8")
    site = tmp_path / "site"
    done = build_site(site, sources)
    assert done.returncode == 0, done.stderr

    page = BeautifulSoup((site / "textes/pc-dec-758.html").read_text(), "html.parser")
    links = {a["href"] for a in page.select("a[href]") if "pc-dec-801" in a["href"]}
    assert "pc-dec-801.html#pp1" in links and "pc-dec-801.html#op1" in links, links
    # The citing text links to the paragraph it names, and to the decision itself.
    citing = BeautifulSoup((site / "textes/pc-dec-801.html").read_text(), "html.parser")
    targets = {a["href"] for a in citing.select("a.ra-cite")}
    assert "pc-dec-758.html" in targets and "pc-dec-758.html#op5" in targets, targets

    graph = json.loads((site / "donnees/graphe-des-citations.json").read_text(encoding="utf-8"))
    edges = {(edge["source"], edge["target"]) for edge in graph["edges"]}
    assert ("doc:pc-dec-801", "doc:pc-dec-758") in edges
    nodes = {node["id"] for node in graph["nodes"]}
    assert {"doc:pc-dec-801", "doc:pc-dec-758"} <= nodes
