"""Generate a realistic corpus of source texts out of the seeds' own paragraphs.

Each generated text is a Markdown export like the seeds: front matter, an author
clause, preambular and operative paragraphs drawn from the seeds, notes with the
seeds' note texts, and citations of earlier generated texts ("sa résolution 63/12")
so that backlinks and the citation graph have work to do.  Bodies, symbols and years
vary; the same ``seed`` always gives the same corpus.

    python benchmarks/generate_corpus.py OUT_FOLDER COUNT [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from resolutions.pipeline import convert_corpus

ROOT = Path(__file__).resolve().parents[1]

AUTHORS = {
    "ag": "L'Assemblée générale,",
    "cnd": "La Commission des stupéfiants,",
    "osce-cp": "Le Conseil permanent,",
}


@dataclass(frozen=True)
class Generated:
    body: str
    symbol: str
    slug: str
    year: int
    citation: str  # how another text of the same body cites it


def _pieces() -> tuple[list[str], list[str], list[str]]:
    """Preambular texts, operative texts and note texts of the French seeds, as plain
    text (the generated texts are French: an English seed's paragraph in one would be
    a language warning and English words in the French search index)."""
    result = convert_corpus(ROOT / "source_texts", ROOT)
    preambular, operative, notes = [], [], []
    for document in result.documents:
        if document.lang != "fr":
            continue
        for paragraph in document.paragraphs:
            text = paragraph.text.replace("*", "").replace("<", "«").replace(">", "»")
            if paragraph.kind == "preambular" and text.endswith(","):
                preambular.append(text)
            elif paragraph.kind == "operative" and text.endswith((";", ".")):
                operative.append(text.rstrip(".;") + " ;")
        notes.extend(note.text.text for note in document.footnotes)
    return preambular, operative, notes


def _identity(body: str, index: int) -> Generated:
    year = 1990 + index % 35
    if body == "ag":
        session = year - 1945
        number = 100 + index
        return Generated(
            body,
            f"A/RES/{session}/{number}",
            f"gen-a-res-{session}-{number}",
            year,
            f"sa résolution {session}/{number}",
        )
    if body == "cnd":
        session = year - 1957
        number = 100 + index
        return Generated(
            body,
            f"{session}/{number}",
            f"gen-cnd-{session}-{number}",
            year,
            f"sa résolution {session}/{number}",
        )
    number = 2000 + index
    return Generated(
        body, f"PC.DEC/{number}", f"gen-pc-dec-{number}", year, f"sa Décision No {number}"
    )


def generate(folder: Path, count: int, seed: int = 0) -> list[Generated]:
    """Write ``count`` source texts into ``folder`` (emptied first)."""
    rng = random.Random(seed)
    preambular, operative, notes = _pieces()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    made: list[Generated] = []
    bodies = list(AUTHORS)
    for index in range(count):
        body = bodies[index % len(bodies)]
        identity = _identity(body, index)
        earlier = [g for g in made[-50:] if g.body == body]
        paragraphs: list[str] = [f"*{AUTHORS[body]}*"]
        note_texts: list[str] = []
        for _ in range(rng.randint(4, 10)):
            text = rng.choice(preambular)
            first, _, rest = text.partition(" ")
            if earlier and rng.random() < 0.3:
                rest = f"{rng.choice(earlier).citation} et {rest}"
            if rng.random() < 0.3:
                note_texts.append(rng.choice(notes))
                rest = rest.rstrip(",") + f"<sup>{len(note_texts)}</sup>,"
            paragraphs.append(f"*{first}* {rest}")
        for number in range(1, rng.randint(3, 12) + 1):
            text = rng.choice(operative)
            first, _, rest = text.partition(" ")
            paragraphs.append(f"{number}. *{first}* {rest}")
        paragraphs[-1] = paragraphs[-1].rstrip(" ;") + "."
        paragraphs += [f"<sup>{n}</sup> {text}" for n, text in enumerate(note_texts, 1)]
        front = (
            "---\n"
            f'symbol: "{identity.symbol}"\n'
            f"slug: {identity.slug}\n"
            f"title: Texte généré numéro {index + 1} sur la coopération internationale\n"
            f"body: {body}\n"
            f"type: {'décision' if body == 'osce-cp' else 'résolution'}\n"
            f"date: {identity.year}-{1 + index % 12:02d}-{1 + index % 28:02d}\n"
            "source: Corpus généré pour les bancs d’essai\n"
            "format: markdown\n"
            "---\n"
        )
        (folder / f"{identity.slug}.txt").write_text(
            front + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
        made.append(identity)
    # The glossary, and the seeds' reviewed citations without an address (their notes
    # are the generated texts' notes): the generated corpus checks as the seeds do.
    for name in ("glossaire.yml", "citations-sans-adresse.yml"):
        companion = ROOT / "source_texts" / name
        if companion.exists():
            shutil.copy(companion, folder / name)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    made = generate(args.folder, args.count, args.seed)
    print(f"{len(made)} texts written to {args.folder}")


if __name__ == "__main__":
    main()
