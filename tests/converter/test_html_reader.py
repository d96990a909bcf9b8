"""The HTML reader (``format: html``): UN static pages and web pages saved by an editor.

The fixtures are small hand-written pages modelled on the seeds' text (source_texts/);
tests/converter/html/ holds two whole pages, also used by the fidelity test.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.errors import SourceError
from resolutions.load import Line, detect_format, normalise_lines, parse_source
from resolutions.model import Document, Emphasis, Superscript
from resolutions.pipeline import convert_bytes, convert_file
from resolutions.readers.html import read_html
from resolutions.render.markdown import render_document

from ..xss import ACTIVE_TAGS, dangerous
from .wordstream import model_streams, source_tokens

ROOT = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).parent / "html"
FRONT = (
    "---\nsymbol: A/RES/1/1\ntitle: Titre\nbody: ag\ntype: résolution\ndate: 2000-01-01\n"
    "source: essai\nformat: html\n---\n"
)
FRONT_LINES = FRONT.count("\n")


def convert(body: str) -> Document:
    result = convert_bytes((FRONT + body).encode("utf-8"), "page.txt")
    assert len(result.documents) == 1
    return result.documents[0]


def lines(body: str) -> tuple[Line, ...]:
    return normalise_lines(body, 1)


def spans(block, kind: type) -> list[tuple[int, int]]:
    return [(span.start, span.end) for span in block.spans if isinstance(span, kind)]


RESOLUTION = """<p><i>L’Assemblée générale,</i></p>
<p><i>Rappelant</i> la Déclaration du Millénaire<sup>1</sup>, les dispositions du Document
final du Sommet mondial de 2005<sup>2</sup> relatives au problème mondial de la drogue,</p>
<p><i>Réaffirmant</i> la Déclaration politique adoptée à sa vingtième session extraordinaire,</p>
<p>1. <i>Accueille avec satisfaction</i> la décision de la Commission des stupéfiants ;</p>
<p>2. <i>Prie instamment</i> les États :</p>
<p>a) de ratifier la Convention unique sur les stupéfiants de 1961 ;</p>
<p>b) d’appliquer les dispositions de la Convention de 1971.</p>
<p><i>76<sup>e</sup> séance plénière<br>18 décembre 2007</i></p>
<p><sup>1</sup> Voir résolution 55/2.</p>
<p><sup>2</sup> Voir résolution 60/1.</p>
"""


# Paragraphs, numbers, items, closing.


def test_paragraphs_make_the_structure_of_a_resolution() -> None:
    document = convert(RESOLUTION)
    assert document.format == "html"
    assert document.author is not None and document.author.text == "L’Assemblée générale,"
    kinds = [(p.id, p.kind, p.lead) for p in document.paragraphs]
    assert kinds == [
        ("pp1", "preambular", "Rappelant"),
        ("pp2", "preambular", "Réaffirmant"),
        ("op1", "operative", "Accueille avec satisfaction"),
        ("op2", "operative", "Prie instamment"),
    ]
    assert [(item.label, item.text) for item in document.paragraphs[3].items] == [
        ("a)", "de ratifier la Convention unique sur les stupéfiants de 1961 ;"),
        ("b)", "d’appliquer les dispositions de la Convention de 1971."),
    ]
    assert document.closing is not None
    assert document.closing.text == "76e séance plénière 18 décembre 2007"
    assert spans(document.closing, Superscript) == [(2, 3)]


def test_an_english_un_page() -> None:
    """The English text of A/RES/78/267 (one of the six PDFs read for tests/pdf), as the
    UN's HTML prints it: italic leads, non-breaking spaces after the numbers, (a) items."""
    document = convert(
        "<p><i>The General Assembly</i>,</p>\n"
        "<p><i>Guided</i> by the Charter of the United Nations,</p>\n"
        "<p><i>Recalling</i> its resolution 55/25 of 15 November 2000, by which it adopted the "
        "United Nations Convention against Transnational Organized Crime,<sup>1</sup></p>\n"
        "<p>1.&nbsp;&nbsp;&nbsp;<i>Decides</i> to declare 15 November the International Day;</p>\n"
        "<p>2.&nbsp;&nbsp;&nbsp;<i>Invites</i> all Member States:</p>\n"
        "<p>(a)&nbsp;&nbsp;To commemorate the International Day;</p>\n"
        "<p>(b)&nbsp;&nbsp;To share best practices;</p>\n"
        '<p style="text-align:right"><i>63rd plenary meeting<br>21 March 2024</i></p>\n'
        "<hr>\n<p><sup>1</sup> United Nations, <i>Treaty Series</i>, vol. 2225, No. 39574.</p>\n"
    )
    assert document.lang == "en"
    assert document.author is not None and document.author.text == "The General Assembly,"
    assert [(p.id, p.lead) for p in document.paragraphs] == [
        ("pp1", "Guided"),
        ("pp2", "Recalling"),
        ("op1", "Decides"),
        ("op2", "Invites"),
    ]
    assert [item.id for item in document.paragraphs[3].items] == ["op2-a", "op2-b"]
    assert document.closing is not None
    assert document.closing.text == "63rd plenary meeting 21 March 2024"
    assert [(note.number, note.refs) for note in document.footnotes] == [("1", ("pp2",))]


def test_each_block_keeps_the_line_of_its_tag_in_the_file() -> None:
    document = convert(RESOLUTION)
    body_lines = RESOLUTION.split("\n")

    def file_line(start: str) -> int:
        index = next(i for i, line in enumerate(body_lines) if line.startswith(start))
        return FRONT_LINES + 1 + index

    assert document.author is not None and document.author.line == file_line("<p><i>L’Ass")
    assert document.paragraphs[0].line == file_line("<p><i>Rappelant")
    assert document.paragraphs[2].line == file_line("<p>1. ")
    assert document.paragraphs[3].items[1].line == file_line("<p>b) ")
    marks = document.paragraphs[0].notes
    assert [mark.line for mark in marks] == [file_line("<p><i>Rappelant"), file_line("final du")]


def test_a_numbered_list_gives_its_numbers_to_the_paragraphs() -> None:
    flow = read_html(
        lines(
            '<ol start="4"><li><p><em>Décide</em> de rester saisie ;</p></li>'
            '<li value="9"><em>Prie</em> le Secrétaire général ;</li>'
            "<li><em>Invite</em> les États.</li></ol>"
            '<ol type="a"><li>de ratifier ;</li></ol><ul><li>une puce</li></ul>'
        )
    )
    assert [(raw.list_number, raw.text) for raw in flow.blocks] == [
        ("4", "Décide de rester saisie ;"),
        ("9", "Prie le Secrétaire général ;"),
        ("10", "Invite les États."),
        (None, "de ratifier ;"),
        (None, "une puce"),
    ]
    document = convert(
        "<p><i>L’Assemblée générale,</i></p><p><i>Rappelant</i> sa résolution,</p>"
        "<ol><li><i>Décide</i> ;</li><li><i>Prie</i> ;</li></ol>"
    )
    assert [(p.id, p.number, p.text) for p in document.paragraphs] == [
        ("pp1", None, "Rappelant sa résolution,"),
        ("op1", "1", "Décide ;"),
        ("op2", "2", "Prie ;"),
    ]


def test_headings_keep_their_level_and_br_separates_words() -> None:
    flow = read_html(
        lines(
            "<h1>Assemblée générale</h1><p>Distr. générale<br>7 juin 2024</p>"
            "<h3><b>78/284. Coopération</b></h3><p>un<br><br>deux</p>"
        )
    )
    assert [(raw.heading_level, raw.text) for raw in flow.blocks] == [
        (1, "Assemblée générale"),
        (0, "Distr. générale 7 juin 2024"),
        (3, "78/284. Coopération"),
        (0, "un"),
        (0, "deux"),
    ]


def test_a_paragraph_cut_by_a_page_rule_and_its_notes_is_joined() -> None:
    flow = read_html(
        lines(
            "<p><i>Vivement préoccupée</i> par le fait que le problème de la drogue "
            "demeure une grave menace pour la</p><hr><p><sup>3</sup> Résolution S-20/2.</p>"
            "<hr><p>santé et la sécurité publiques,</p><p>Nouveau paragraphe,</p>"
        )
    )
    assert [raw.text for raw in flow.blocks] == [
        "Vivement préoccupée par le fait que le problème de la drogue demeure une grave "
        "menace pour la santé et la sécurité publiques,",
        "Nouveau paragraphe,",
    ]
    assert flow.notes["3"].text == "Résolution S-20/2."


# Note marks and notes.


def test_raised_digits_are_note_marks_and_raised_letters_are_ordinals() -> None:
    flow = read_html(
        lines(
            "<p>le 1<sup>er</sup> janvier, la Convention de 1988<sup>3</sup> et le "
            "Protocole<sup>12</sup>, vol. 976, n<sup>o</sup> 14152, 85<sup>e</sup> séance</p>"
        )
    )
    block = flow.blocks[0].block
    assert block.text == (
        "le 1er janvier, la Convention de 1988 et le Protocole, vol. 976, no 14152, 85e séance"
    )
    assert [(mark.number, block.text[: mark.offset].split()[-1]) for mark in block.notes] == [
        ("3", "1988"),
        ("12", "Protocole"),
    ]
    assert [block.text[start:end] for start, end in spans(block, Superscript)] == [
        "er",
        "o",
        "e",
    ]


NOTE_STYLES = {
    "un-page": (
        '<p>Rappelant la Déclaration du Millénaire<sup>1</sup>,</p><hr>'
        '<p class="note"><sup>1</sup> Voir résolution <i>55/2</i>.</p>'
    ),
    "pandoc": (
        '<p>Rappelant la Déclaration du Millénaire<a href="#fn1" class="footnote-ref" '
        'id="fnref1" role="doc-noteref"><sup>1</sup></a>,</p>'
        '<section class="footnotes" role="doc-endnotes"><hr><ol><li id="fn1"><p>Voir '
        'résolution <i>55/2</i>.<a href="#fnref1" class="footnote-back" '
        'role="doc-backlink">↩︎</a></p></li></ol></section>'
    ),
    "word": (
        '<p class=MsoNormal>Rappelant la Déclaration du Millénaire<a href="#_ftn1" '
        'name="_ftnref1"><span class=MsoFootnoteReference><span style="mso-special-character:'
        'footnote">[1]</span></span></a>,</p><div style="mso-element:footnote-list"><br '
        'clear=all><hr align=left size=1 width="33%"><div style="mso-element:footnote" '
        'id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1"><span '
        "class=MsoFootnoteReference>[1]</span></a> Voir résolution <i>55/2</i>.</p></div></div>"
    ),
    "word-anchor-only": (
        '<p>Rappelant la Déclaration du Millénaire<a href="#_ftn1">[1]</a>,</p>'
        '<p><a name="_ftn1" href="#_ftnref1">[1]</a> Voir résolution <i>55/2</i>.</p>'
    ),
    "note-id-and-printed-number": (
        '<p>Rappelant la Déclaration du Millénaire<sup><a href="#note-1">1</a></sup>,</p>'
        '<div id="note-1"><p>1. Voir résolution <em>55/2</em>.</p></div>'
    ),
    "back-link-at-the-note-head": (
        '<p>Rappelant la Déclaration du Millénaire<sup><a href="#n1">1</a></sup>,</p>'
        '<p class="MsoFootnoteText"><a href="#_ftnref1">1</a> Voir résolution <i>55/2</i>.</p>'
    ),
    "footnote-list-by-position": (
        '<p>Rappelant la Déclaration du Millénaire<sup>1</sup>,</p>'
        '<div class="footnotes"><ol><li>Voir résolution <i>55/2</i>.</li></ol></div>'
    ),
}


@pytest.mark.parametrize("html", NOTE_STYLES.values(), ids=NOTE_STYLES.keys())
def test_notes_in_every_style(html: str) -> None:
    flow = read_html(lines(html))
    assert [raw.text for raw in flow.blocks] == ["Rappelant la Déclaration du Millénaire,"]
    block = flow.blocks[0].block
    assert [(mark.number, mark.offset) for mark in block.notes] == [("1", 38)]
    assert list(flow.notes) == ["1"]
    note = flow.notes["1"]
    assert note.text == "Voir résolution 55/2."
    assert [note.text[start:end] for start, end in spans(note, Emphasis)] == ["55/2"]


def test_a_link_to_a_note_opening_a_block_is_a_mark_not_a_note() -> None:
    flow = read_html(
        lines(
            '<p><a href="#fn1"><sup>1</sup></a> Voir le rapport,</p>'
            '<p><sup><a href="#fn2">2</a></sup> et encore,</p>'
            "<p><sup>3</sup> Une note.</p>"
        )
    )
    assert [(raw.text, [(m.number, m.offset) for m in raw.block.notes]) for raw in flow.blocks] == [
        ("Voir le rapport,", [("1", 0)]),
        ("et encore,", [("2", 0)]),
    ]
    assert {number: note.text for number, note in flow.notes.items()} == {"3": "Une note."}


def test_a_footnote_list_is_numbered_as_a_browser_numbers_it() -> None:
    flow = read_html(
        lines(
            "<p>Texte<sup>7</sup> et<sup>9</sup> puis<sup>10</sup>.</p>"
            '<div class="footnotes"><ol start="7"><li>Sept.</li><li value="9">Neuf.</li>'
            "<li>Dix.</li></ol></div>"
        )
    )
    assert {number: note.text for number, note in flow.notes.items()} == {
        "7": "Sept.",
        "9": "Neuf.",
        "10": "Dix.",
    }


def test_a_note_cited_twice_keeps_both_citing_paragraphs() -> None:
    document = convert_file(PAGES / "pandoc-export.txt", ROOT).documents[0]
    refs = {note.number: note.refs for note in document.footnotes}
    assert refs == {"1": ("pp2",), "2": ("pp2", "op2"), "3": ("pp3",)}
    assert document.footnotes[1].text.text == "Ibid., vol. 1019, n° 14956."


def test_a_cited_note_that_is_missing_is_an_error() -> None:
    with pytest.raises(SourceError, match="note 4 is cited here but its text is missing"):
        convert(
            "<p><i>L’Assemblée générale,</i></p>"
            "<p><i>Rappelant</i> la résolution<sup>4</sup>,</p>"
        )


# Emphasis and nested inline tags.


def test_emphasis_is_the_leading_phrase() -> None:
    flow = read_html(
        lines(
            "<p><i>Réaffirmant son attachement</i> aux buts,</p>"
            '<p><span style="font-style: italic">Notant</span> avec intérêt,</p>'
            "<p><em>Prie <i>instamment</i></em> les États,</p>"
            "<p><b>Décide</b> de <strong>rester</strong> saisie,</p>"
        )
    )
    found = [
        (raw.text, [raw.text[start:end] for start, end in spans(raw.block, Emphasis)])
        for raw in flow.blocks
    ]
    assert found == [
        ("Réaffirmant son attachement aux buts,", ["Réaffirmant son attachement"]),
        ("Notant avec intérêt,", ["Notant"]),
        ("Prie instamment les États,", ["Prie instamment"]),
        ("Décide de rester saisie,", []),
    ]


def test_nested_inline_tags_are_read_through() -> None:
    document = convert(
        '<div class="body"><p><i>L’Assemblée générale,</i></p>'
        '<p class="x"><span class="a"><i><span lang="fr">Prie</span> <b>instamment</b></i>'
        '</span> les <a href="/etats"><span><font face="Times">États</font></span></a> '
        "<u>de</u> <small>ratifier</small> la <abbr title='Convention'>Convention</abbr>"
        "<sup><a href='#fn1'><span>1</span></a></sup>.</p>"
        "<p class='note'><span><sup>1</sup></span> <span>Recueil des Traités</span>.</p></div>"
    )
    paragraph = document.paragraphs[0]
    assert paragraph.text == "Prie instamment les États de ratifier la Convention."
    assert paragraph.lead == "Prie instamment"
    assert spans(paragraph, Emphasis) == [(0, 15)]
    assert [(mark.number, mark.offset) for mark in paragraph.notes] == [("1", 51)]
    assert document.footnotes[0].text.text == "Recueil des Traités."


def test_one_line_flattened_html_reads_like_the_page_it_was() -> None:
    raw = (PAGES / "pandoc-export.txt").read_text(encoding="utf-8")
    front, body = raw.split("\n---\n", 1)
    flat = front + "\n---\n" + " ".join(line.strip() for line in body.splitlines()) + "\n"
    assert flat.count("\n") == raw.count("\n") - body.count("\n") + 1
    pages = [
        convert_bytes(raw.encode("utf-8"), "page.txt").documents[0],
        convert_bytes(flat.encode("utf-8"), "plat.txt").documents[0],
    ]

    def shape(document: Document) -> list:
        return [
            [block.text for block in document.heading],
            [(p.id, p.kind, p.text, p.spans, [(m.number, m.offset) for m in p.notes])
             for p in document.paragraphs],
            document.closing.text if document.closing else None,
            [(note.number, note.text.text, note.refs) for note in document.footnotes],
        ]  # fmt: skip

    assert shape(pages[1]) == shape(pages[0])
    assert {p.line for p in pages[1].paragraphs} == {pages[1].paragraphs[0].line}


# Entities and white space.


def test_entities_are_decoded() -> None:
    flow = read_html(
        lines(
            "<p>R&eacute;solution &#233;tats &#xE9;t&eacute; &amp; &lt;b&gt; "
            "&laquo;&nbsp;drogue&nbsp;&raquo; l&rsquo;&OElig;uvre&hellip;</p>"
        )
    )
    assert flow.blocks[0].text == "Résolution états été & <b> «\xa0drogue\xa0» l’Œuvre…"


def test_no_break_spaces_used_for_layout_are_one_space() -> None:
    document = convert(
        "<p><i>L’Assemblée générale,</i></p>"
        "<p>1.&nbsp;&nbsp;&nbsp;&nbsp;<i>Décide</i> de rester saisie de la question&nbsp;;</p>"
        "<p>2.&nbsp;\n<i>Prie</i> les États&nbsp;:</p><p>&nbsp;</p>"
    )
    assert [(p.id, p.text) for p in document.paragraphs] == [
        ("op1", "Décide de rester saisie de la question\xa0;"),
        ("op2", "Prie les États\xa0:"),
    ]


# What is not text of the resolution.


def test_scripts_styles_navigation_and_hidden_elements_are_dropped_and_recorded() -> None:
    body = (
        "<html><head><title>Titre de fenêtre</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Accueil</a></nav><script>var x = 'secret';</script>"
        "<!-- un commentaire --><p><i>L’Assemblée générale,</i></p>"
        "<p><i>Rappelant</i> sa résolution<span style='display: none'>masqué</span>,</p>"
        "<form><button>Rechercher</button></form><p hidden>caché</p>"
        "<noscript>Activez JavaScript</noscript><template><p>gabarit</p></template>"
        "<iframe src='https://example.org'>cadre</iframe></body></html>"
    )
    flow = read_html(lines(body))
    texts = [raw.text for raw in flow.blocks]
    assert texts == ["L’Assemblée générale,", "Rappelant sa résolution,"]
    removed = {removal.text: removal.reason for removal in flow.removals}
    assert set(removed) == {
        "Titre de fenêtre",
        "p{}",
        "Accueil",
        "var x = 'secret';",
        "masqué",
        "Rechercher",
        "caché",
        "Activez JavaScript",
        "gabarit",
        "cadre",
    }
    assert removed["var x = 'secret';"] == "script de la page web, jamais exécuté"
    assert removed["Titre de fenêtre"] == "titre de la fenêtre du navigateur (<title>)"
    assert removed["Accueil"] == "navigation de la page web"
    document = convert(body)
    assert [r.text for r in document.removals] == [r.text for r in flow.removals]


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    "<div onmouseover='alert(1)'>survol</div>",
    '<p onclick="alert(1)">paragraphe</p>',
    '<iframe src="https://example.org"></iframe>',
    '"><svg onload=alert(1)>',
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;img src=x onerror=alert(1)&gt;",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">donnees</a>',
    '<object data="x.swf">objet</object><embed src="x.swf">',
    "[clic](javascript:alert(1))",
    '{: onclick="alert(1)" }',
]
EXTENSIONS = ["attr_list", "toc", "md_in_html", "tables", "abbr", "def_list"]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_never_reaches_the_page(payload: str) -> None:
    body = (
        f"<h2>TITRE {payload}</h2><p><i>L’Assemblée générale,</i></p>"
        f"<p><i>Rappelant</i> {payload}<sup>1</sup>,</p><p>1. <i>Décide</i> {payload} :</p>"
        f"<p>a) {payload} ;</p><p><sup>1</sup> Note {payload}.</p>"
    )
    document = convert(body)
    page = render_document(document)
    html = markdown.markdown(page.split("\n---\n", 1)[1], extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert dangerous(soup, ACTIVE_TAGS) == []
    # What the page showed as text is still there, as text; what it ran is not.
    shown = BeautifulSoup(payload, "html.parser")
    for tag in shown.find_all(("script", "style", "iframe", "object")):
        tag.decompose()
    for word in re.findall(r"[A-Za-z]{4,}", shown.get_text()):
        assert word in soup.get_text()
    if "<script>" in payload:
        assert "alert" not in " ".join(p.text for p in document.paragraphs)


def test_markup_written_as_text_stays_text() -> None:
    document = convert(
        "<p><i>L’Assemblée générale,</i></p><p><i>Rappelant</i> "
        "&lt;script&gt;alert(1)&lt;/script&gt;,</p>"
    )
    assert document.paragraphs[0].text == "Rappelant <script>alert(1)</script>,"
    page = render_document(document)
    soup = BeautifulSoup(markdown.markdown(page.split("\n---\n", 1)[1]), "html.parser")
    assert soup.find("script") is None
    assert "<script>alert(1)</script>" in soup.get_text()


# Format detection.


def test_html_bodies_are_detected() -> None:
    for body in (
        "<!DOCTYPE html>\n<html><body><p>Texte</p></body></html>",
        "<!-- sauvegardé -->\n<HTML>\n<p>Texte</p>",
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html><body>Texte</body></html>',
        "<body>Texte</body>",
        '<p class="x">L’Assemblée générale,</p>\n<p>Rappelant sa résolution,</p>',
        "<div>Texte</div>",
    ):
        assert detect_format(lines(body)) == "html", body
    for body, expected in (
        ("*L'Assemblée générale,*\n\n*Rappelant* sa résolution<sup>1</sup>,", "markdown"),
        ("Le Conseil permanent,\n\n si a < b et c > d, alors\n", "pdf-text"),
        ("Texte avec une balise <p> citée, jamais fermée.", "pdf-text"),
    ):
        assert detect_format(lines(body)) == expected, body


SEEDS = sorted((ROOT / "source_texts").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=[path.stem for path in SEEDS])
def test_no_seed_is_taken_for_html(path: Path) -> None:
    source = parse_source(path.read_bytes(), path.name)
    assert detect_format(source.lines) != "html"


def test_an_undeclared_html_page_is_read_as_html() -> None:
    raw = (PAGES / "un-page.txt").read_text(encoding="utf-8").replace("format: html\n", "")
    document = convert_bytes(raw.encode("utf-8"), "page.txt").documents[0]
    assert (document.format, document.format_detected) == ("html", True)
    assert [p.id for p in document.paragraphs] == ["pp1", "pp2", "pp3", "op1", "op2"]


def test_the_un_page_fixture() -> None:
    document = convert_file(PAGES / "un-page.txt", ROOT).documents[0]
    assert [block.text for block in document.heading] == [
        "Coopération internationale face au problème mondial de la drogue"
    ]
    assert [(s.number, s.heading.text) for s in document.sections] == [
        ("I", "Coopération internationale face au problème mondial de la drogue")
    ]
    assert document.paragraphs[2].text.endswith(
        "grave menace pour la santé et la sécurité publiques et le bien-être de l’humanité,"
    )
    assert [(n.number, n.refs) for n in document.footnotes] == [
        ("1", ("pp1",)),
        ("2", ("pp1",)),
        ("3", ("pp2",)),
        ("4", ("op2-a",)),
        ("5", ("op2-b",)),
    ]
    assert {r.reason for r in document.removals} == {
        "titre de la fenêtre du navigateur (<title>)",
        "feuille de style de la page web",
        "navigation de la page web",
        "élément masqué de la page web (hidden, display:none)",
        "script de la page web, jamais exécuté",
    }


# Generated pages: no word lost, no crash.

WORDS = st.text(alphabet="abcdeéèfgilmnoprstuàç", min_size=1, max_size=8)


@st.composite
def html_like(draw) -> str:
    parts = ["<p><i>L’Assemblée générale,</i></p>"]
    notes = []
    for index in range(draw(st.integers(0, 8))):
        words = draw(st.lists(WORDS, min_size=1, max_size=12))
        kind = draw(st.sampled_from(["pp", "op", "note", "rule", "heading", "list", "br"]))
        text = " ".join(words[1:])
        if kind == "op":
            parts.append(f"<p>{index + 1}.&nbsp;&nbsp;<i>{words[0]}</i> {text} ;</p>")
        elif kind == "note":
            parts.append(f"<p><i>{words[0]}</i> {text}<sup>{len(notes) + 1}</sup>,</p>")
            notes.append(f"<p><sup>{len(notes) + 1}</sup> {' '.join(words)}.</p>")
        elif kind == "rule":
            parts.append("<hr>")
        elif kind == "heading":
            parts.append(f"<h2><b>{' '.join(words)}</b></h2>")
        elif kind == "list":
            parts.append(f"<ul><li><em>{words[0]}</em> {text}</li></ul>")
        elif kind == "br":
            parts.append(f"<div>{words[0]}<br>{text}<br><br><span>{words[0]}</span></div>")
        else:
            parts.append(f"<p><i>{words[0]}</i> <span>{text}</span>,</p>")
    return "\n".join(parts + notes) + "\n"


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(html_like())
def test_html_never_drops_a_word(body: str) -> None:
    raw = FRONT + body
    try:
        result = convert_bytes(raw.encode("utf-8"), "gen.txt")
    except SourceError as error:
        # An author clause and nothing else has no text: a clear error, never a crash.
        assert str(error) == "gen.txt:1: error: no text found for 'a-res-1-1'"
        assert "<p><i>" not in body.split("</p>", 1)[1]
        return
    words = [w for w in source_tokens(raw, "html") if not w.isdigit()]
    body_words, note_words = model_streams(result.documents)
    model = [w for w in body_words + note_words if not w.isdigit()]
    assert Counter(model) == Counter(words)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' &;#pdivlsupbr-ah1x\n")), max_size=300))
def test_arbitrary_markup_never_crashes(body: str) -> None:
    try:
        convert_bytes((FRONT + body).encode("utf-8"), "gen.txt")
    except SourceError as error:
        assert str(error).startswith("gen.txt:")
