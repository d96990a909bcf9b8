"""Reader for text pulled out of a PDF (``pdf-text``), and the line-based part of OCR.

Furniture goes first (``furniture.py``), then, line by line::

    page       = body-line* [ rule note-block ]
    rule       = "____…" (three or more underscores; a rule inside a flattened line is
                 put on a line of its own)
    note-block = note-start (note-start | note-continuation | blank)*
    note-start = number spaces text     ; number = the next note in sequence; several
                                        ; notes may run on one line ("… 55/2. 2 Voir …")
    note-continuation = any line, while the current note has not ended with a period
                 (or ended on an abbreviation such as "sect.", or the line holds the
                 next note); a lower-case start after a sentence end is the body again

Body lines become blocks in ``segment.py`` (paragraphs from evidence, not blank lines).

Note numbers are glued to the words they follow (``Millénaire1``, ``de 20052`` for
2005 + note 2, ``19729`` for 1972 + note 9), or copies move them after the punctuation
(``Persons,1``) or detach them (``drogue 1, et``).  Only numbers of notes that exist
are candidates, and the sequence decides: a note is first cited in order (1, 2, 3…),
so a candidate is a mark if it is the next note not yet cited, or a note cited before.
``pour 2008``, ``61/183``, ``vol. 976``, ``paragraphe 5`` never qualify.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate, compress, count, islice, repeat
from operator import attrgetter, contains

from ..load import Line
from ..model import Block, NoteMark
from .base import Flow, RawBlock, TextBuilder, join_cut_paragraphs
from .furniture import MONTHS_EN, MONTHS_FR, strip_furniture
from .segment import segment

RULE = re.compile(r"^\s*_{3,}\s*$")
_TEXT_OF = attrgetter("text")
NOTE_START = re.compile(r"^\s*(?P<number>\d{1,3})\s+(?P<text>\S.*)$")
NOTE_ENDED = re.compile(r"[.)»]\s*$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")

# A word followed by a glued note number, or a year followed by one.
GLUED_TO_WORD = re.compile(
    r"""(?x)
    (?<![\w/.\-])                       # a whole token: not inside a symbol like A/58/124
    (?P<stem>[^\W\d_][^\W\d_’'\-]*[^\W\d_])   # two or more letters
    (?P<number>\d{1,3})
    (?=[\s,;:.)»]|$)
    """
)
GLUED_TO_YEAR = re.compile(
    r"""(?x)
    (?P<stem>(?:1[89]|20)               # a year: it opens on a 1 or a 2, which the engine
      (?<![\w/.\-]\d\d)               # looks for at C speed; the look-behind that makes
      \d\d)                             # it a whole token comes after
    (?P<number>\d{1,3})
    (?=[\s,;:.)»]|$)
    """
)
DIGIT_RUN = re.compile(r"\d+")
"""A run of digits.  Every candidate mark's number starts one: after a letter (glued),
after a year's four digits' start (a year and its mark are one run), after punctuation
or after a space."""
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_RUN = re.compile(r"[0-9](?<![0-9][0-9])[0-9]*")


RULE_INSIDE = re.compile(r"\s_{3,}\s|^_{3,}\s|\s_{3,}$")
# The patterns open on the sentence end before the white space they are about (the
# engine looks for a class quickly, where it tries a look-behind at every character),
# and ``space`` is where that white space starts.
NEXT_IN_LINE = re.compile(r"[.)»](?P<space>\s+)(?P<number>\d{1,3})\s+(?=\S)")
BODY_AGAIN = re.compile(r"\.[)»]?(?P<space>\s+)(?=[a-zàâäçéèêëîïôöùûüœ])")
"""A note's sentence ended, then a lower-case word: the body resumes.  Only after a
period (maybe closed by a parenthesis or a quote): "2396 (2017) and 2462 (2019)." is one
note."""


class NotesNotRead(ValueError):
    """A page-foot rule followed by text that is not a numbered note, at ``line``: the
    page's notes would be read as the body's words (a copy that lost its line breaks or
    its note numbers)."""

    def __init__(self, line: int, after: str) -> None:
        super().__init__(f"no numbered note after the rule on line {line}")
        self.line = line
        self.after = after


def _lines_with_rules(lines: Sequence[Line]) -> list[Line]:
    """A rule inside a line (a flattened copy) is put on a line of its own, so that the
    notes after it are read as on a page foot."""
    if "___" not in "\n".join(map(_TEXT_OF, lines)):
        return list(lines)  # no rule anywhere (one substring test at C speed)
    # The lines that hold three underscores, found by a substring test at C speed
    # (RULE_INSIDE, an alternation, is tried at every position of a line); the lines
    # between them are taken as they are, in one step.
    with_rules = compress(range(len(lines)), map(contains, map(_TEXT_OF, lines), repeat("___")))
    result: list[Line] = []
    taken = 0
    for index in with_rules:
        result.extend(lines[taken:index])
        taken = index + 1
        line = lines[index]
        text = line.text
        while (match := RULE_INSIDE.search(text)) and not RULE.match(text):
            if text[: match.start()].strip():
                result.append(Line(line.number, text[: match.start()]))
            result.append(Line(line.number, "____"))
            text = text[match.end() :]
        result.append(Line(line.number, text))
    result.extend(lines[taken:])
    return result


_REFERENCE_WORD = re.compile(r"[^\W\d_]{1,5}\.(?=\s|$)")


def _resumes_body(text: str, match: re.Match[str]) -> bool:
    """A lower-case word after a note's period is the body again, unless the period
    ended an abbreviation ("Ibid. vol. 2241", "No. 8") or the word is one of a
    reference's abbreviations ("vol.", "sect.", "chap.")."""
    # Read where the white space starts, not in a copy of all that comes before (a
    # flattened page foot is one long line with many sentences).
    end = match.start("space")
    if text.endswith(("Ibid.", "ibid."), 0, end) or ABBREVIATION_END.search(
        text, max(end - ABBREVIATION_LONGEST, 0), end
    ):
        return False
    return not _REFERENCE_WORD.match(text, match.end())


def _note_pieces(number: str, rest: str) -> tuple[list[tuple[str, str]], str]:
    """Notes run together on one line (``… 55/2. 2 Voir … 60/1.``): the (number, text)
    of each, ``rest`` being the text of note ``number``, in sequence; and what follows the
    last note when the body resumes on the same line in lower case (a page cut in
    mid-sentence)."""
    pieces: list[tuple[str, str]] = []
    while True:
        following = next(
            (
                m
                for m in NEXT_IN_LINE.finditer(rest)
                if m["number"] == str(int(number) + 1) and not _after_abbreviation(rest, m)
            ),
            None,
        )
        resume = next((m for m in BODY_AGAIN.finditer(rest) if _resumes_body(rest, m)), None)
        if resume and (following is None or resume.start() < following.start()):
            pieces.append((number, rest[: resume.start("space")]))
            return pieces, rest[resume.end() :]
        if following is None:
            pieces.append((number, rest))
            return pieces, ""
        pieces.append((number, rest[: following.start("space")]))
        number, rest = following["number"], rest[following.end() :]


ABBREVIATION_END = re.compile(
    r"\b(?:sect|chap|vol|pp|par|para|no|No|n°|Corr|Rev|Add|art|Suppl|cf)\.$"
)
ABBREVIATION_LONGEST = len("Suppl.") + 1
"""A match of ``ABBREVIATION_END`` lies in this many last characters (its ``\\b`` looks
at the character before where the search starts)."""


def _after_abbreviation(text: str, match: re.Match[str]) -> bool:
    """Whether the number ``match`` found after a period follows an abbreviation that
    introduces numbers ("Supplement No. 8 (E/2024/28)"): the abbreviation's number,
    never the next note."""
    end = match.start("space")
    return bool(ABBREVIATION_END.search(text, max(end - ABBREVIATION_LONGEST, 0), end))


NUMBER_AT_END = re.compile(r"[.)»](?P<space>\s+)(?P<number>\d{1,3})$")


def _continues_notes(previous: str, text: str, expected: int) -> bool:
    """Whether a line after a note that ended still belongs to the page's notes: the
    note ended on an abbreviation (``sect.``), or the line holds the next note."""
    if ABBREVIATION_END.search(previous.rstrip()):
        return True
    return any(m["number"] == str(expected) for m in NEXT_IN_LINE.finditer(text))


def _read_note_line(
    text: str, current: str | None, last: str | None, expected: int | None
) -> tuple[list[tuple[str, str]], str] | None:
    """The notes a line of a page's note block holds (``current`` is the note being
    read, ``last`` its last line), or None when the line is body."""
    start = NOTE_START.match(text)
    if start and (expected is None or start["number"] == str(expected)):
        return _note_pieces(start["number"], start["text"])
    if (
        current is not None
        and last is not None
        and (not NOTE_ENDED.search(last) or _continues_notes(last, text, int(current) + 1))
    ):
        return _note_pieces(current, text)
    return None


# A note number moved after the punctuation (``Persons,1``, ``20172 and 2021,3``) or
# detached by a space (``drogue 1, et``), as copies and retyped texts print them.
AFTER_PUNCTUATION = re.compile(r"(?P<lead>[,;:.)»”])(?P<number>\d{1,3})(?=\s|$)")
"""``Persons,1``, ``2021,3``, ``(A/70/489),1``: what stands before the punctuation is
checked in code (patterns that open on a character run faster than look-behinds)."""
DETACHED = re.compile(r"(?P<space> )(?P<number>\d{1,3})(?=[,;:.)»\s]|$)")
"""``drogue 1, et``, ``2005 2 relatives``: the word or year before is checked in code."""
NOT_BEFORE_NOTE = frozenset(
    """paragraphe paragraphes paragraph paragraphs article articles alinéa alinéas
    résolution résolutions resolution resolutions décision décisions decision decisions
    annexe annex chapitre chapter chap section sect point points item items page pages
    vol volume n no nos numéro session séance meeting le la les du des de au aux et and
    the of en à sur par pour entre objectif objectifs cible cibles goal goals target
    targets partie part tableau table figure rapport report principe principle étape
    phase niveau level protocole protocol règle rule recommandation recommendation
    pendant durant depuis environ plus moins près après avant sous during for over about
    than within under after before since until some all with by ces ses leurs nos vos mes
    tous toutes quelque its their these those first last top plus jusqu covid sars
    vih hiv h""".split()
    + [month.lower() for month in (*MONTHS_FR, *MONTHS_EN)]
)


_WORD_BEFORE = re.compile(r"[^\W\d_]+(?=\W*$)")
_YEAR_AT_END = re.compile(r"\b(?:1[89]|20)\d\d$")


_MONTH_NEXT = re.compile(
    r"(?:er)?\s+(?:(?:to|and|or|et|ou|au|[-–])\s+\d{1,2}(?:er)?\s+)?(?:"
    + "|".join(month for month in (*MONTHS_FR, *MONTHS_EN))
    + r")\b",
    re.IGNORECASE,
)


def _day_of_a_date(text: str, end: int) -> bool:
    """A number followed by a month's name is a date's day ("on 8 June 2021", "from 2
    to 4 June 2021"), never a note mark, even when that note was cited before."""
    return bool(_MONTH_NEXT.match(text, end))


_CLAUSE_THEN_SPACE = re.compile(
    r"(?:(?:[^\W\d_]|[)”»]|\b(?:1[89]|20)\d\d|/\d+)[,;]|[)”»])$"
)


_SENTENCE_THEN_SPACE = re.compile(r"[^\W\d_]{2,}\.$")


def _after_clause_end(before: str, text: str, end: int) -> bool:
    """A mark printed after the punctuation and a space ("Nuclear Terrorism, 9 to
    facilitate", "Mandela Rules), 11 develop", "on 8 September 2006, 20 and", "(the Tokyo
    Rules) 19 and"), as some official PDFs and copies set it: a word, a closing
    parenthesis or quote or a year, a comma or semicolon (or only the parenthesis or
    quote), the number, then a lower-case word or the block's end.
    A figure before the comma ("paragraphs 1, 9 and 10") never qualifies; only the next
    note in sequence does (the caller checks)."""
    following = text[end : end + 2].lstrip()
    if _SENTENCE_THEN_SPACE.search(before) and not ABBREVIATION_END.search(before):
        # After a sentence's period, only at the block's end ("have signed this
        # Convention. 1"): inside, a number after a period opens the next sentence.
        return not following
    if not _CLAUSE_THEN_SPACE.search(before):
        return False
    return not following or following[:1].islower()


def ascii_numbers(numbers: AbstractSet[str]) -> bool:
    """Whether the notes' ``numbers`` are all written in ASCII digits."""
    digits = "".join(numbers)
    return digits.isascii() and digits.isdigit()


def _mark_candidates(
    text: str, numbers: AbstractSet[str] | None = None, ascii_only: bool | None = None
) -> list[re.Match[str]]:
    """The matches of GLUED_TO_WORD, GLUED_TO_YEAR, AFTER_PUNCTUATION and DETACHED in
    ``text``, each pattern's exactly as its ``finditer`` gives them.  The text is scanned
    once, for the runs of digits, and each pattern is tried only where a run starts:
    the four patterns open on a look-behind, a class or a space, which the engine tries
    at nearly every position (four scans of every block were the note-mark stage).

    A glued word's stem is found by searching its word alone (between two spaces): a
    match lies inside one word and ends before the space after it, which the look-ahead
    accepts as the end of the search.  Matches of one pattern never overlap: each lies
    within one run of digits and what stands just before it.

    With ``numbers`` (the notes' numbers), only the matches whose number is one of them:
    a match's number is its whole run of digits (up to three), or what follows a year's
    four digits, so a run that gives no such number is passed over before any pattern is
    tried (most runs: years, symbols, figures).  ``ascii_only``: ``ascii_numbers(numbers)``
    if the caller knows it."""
    found: list[re.Match[str]] = []
    word_searched_to = 0
    if ascii_only is None:
        ascii_only = numbers is not None and ascii_numbers(numbers)
    # The runs of digits; when the numbers looked for are all of ASCII digits, only the
    # runs that open on an ASCII digit, found by a pattern that opens on a single class
    # (scanned for several times faster than ``\\d`` or a repeat): a run that opens on
    # another digit ("١") holds no such number, a year's mark included (a year opens on
    # "1" or "2").  An ASCII run that other digits carry on is read again whole.
    for run in (_ASCII_RUN if ascii_only else DIGIT_RUN).finditer(text):
        at = run.start()
        if ascii_only:
            if at and text[at - 1].isdecimal():
                continue  # inside a run that opens on another digit
            end = run.end()
            if end < len(text) and text[end].isdecimal():
                whole = DIGIT_RUN.match(text, at)
                assert whole is not None  # an ASCII digit is a digit
                run = whole
        if numbers is not None:
            digits = run.group()
            if len(digits) <= 3:
                if digits not in numbers:
                    continue
            elif not (len(digits) <= 7 and digits[4:] in numbers):
                continue  # four digits (a year) or more than a year and a mark
        if at and _LETTER.match(text, at - 1):
            if at >= word_searched_to:
                start = text.rfind(" ", 0, at) + 1
                end = text.find(" ", at)
                word_searched_to = end if end >= 0 else len(text)
                glued = GLUED_TO_WORD.finditer(text, start, word_searched_to)
                found.extend(
                    glued
                    if numbers is None
                    else (match for match in glued if match["number"] in numbers)
                )
            continue  # after a letter, none of the other three can start here
        if year := GLUED_TO_YEAR.match(text, at):
            found.append(year)
        if at and (moved := AFTER_PUNCTUATION.match(text, at - 1) or DETACHED.match(text, at - 1)):
            found.append(moved)
    return found


def split_pages(
    lines: Sequence[Line],
) -> tuple[list[tuple[Line, bool]], dict[str, list[Line]], list[str]]:
    """Separate body lines from the note blocks at page feet.

    Returns the body lines, each flagged True when it is the first line after a page's
    note block; the notes (number → their lines); and the numbers in order.  Raises
    ``NotesNotRead`` when text that is not a numbered note follows a rule (a rule at
    the very end, with nothing after it, is no page foot and is let be)."""
    lines = _lines_with_rules(lines)
    body: list[tuple[Line, bool]] = []
    notes: dict[str, list[Line]] = {}
    order: list[str] = []
    # The lines that may be rules: RULE holds three underscores, which a substring test
    # finds at C speed (a line rewritten below while notes are read gains none).  The
    # body lines between two rules are taken in one step.
    maybe_rules = list(
        compress(range(len(lines)), map(contains, map(_TEXT_OF, lines), repeat("___")))
    )
    index = 0
    after_break = False
    while index < len(lines):
        at = bisect.bisect_left(maybe_rules, index)
        rule = next(
            (
                position
                for position in islice(maybe_rules, at, None)
                if RULE.match(lines[position].text)
            ),
            len(lines),
        )
        while after_break and index < rule:
            # After a page's notes: the lines up to the first that is not blank.
            line = lines[index]
            blank = not line.text.strip()
            body.append((line, not blank))
            after_break = blank
            index += 1
        body.extend(zip(lines[index:rule], repeat(False)))
        index = rule
        if index >= len(lines):
            break
        # A rule: read the note block that follows.
        rule_line = lines[index].number
        index += 1
        current: str | None = None
        while index < len(lines):
            line = lines[index]
            text = line.text
            if not text.strip():
                index += 1
                continue
            expected = int(order[-1]) + 1 if order else None
            # A wrapped copy can leave the next note's number at the end of a line: it
            # goes with the next line when it follows the last note of this one.
            last = notes[current][-1].text if current is not None else None
            carried = NUMBER_AT_END.search(text)
            if carried and index + 1 < len(lines) and lines[index + 1].text.strip():
                found = _read_note_line(text[: carried.start("space")], current, last, expected)
                if found and found[0] and int(found[0][-1][0]) + 1 == int(carried["number"]):
                    nxt = lines[index + 1]
                    lines[index + 1] = Line(nxt.number, f"{carried['number']} {nxt.text.lstrip()}")
                    text = text[: carried.start("space")]
            found = _read_note_line(text, current, last, expected)
            if found is None:
                if current is None:
                    # Text, but no note, after the rule: kept as the body, it would
                    # publish the page's notes as the resolution's own words.
                    raise NotesNotRead(rule_line, text.strip())
                break
            pieces, rest = found
            for number, note_text in pieces:
                if number == current:
                    notes[number].append(Line(line.number, note_text))
                else:
                    current = number
                    order.append(number)
                    notes[number] = [Line(line.number, note_text)]
            if rest.strip():
                # The body resumes on this line: the rest is body again.
                lines[index] = Line(line.number, rest)
                break
            index += 1
        after_break = True
    return body, notes, order


def build_notes(notes: dict[str, list[Line]]) -> dict[str, Block]:
    built: dict[str, Block] = {}
    for number, lines in notes.items():
        builder = TextBuilder(lines[0].number)
        for line in lines:
            builder.space()
            builder.add(line.text, line.number)
        built[number] = builder.build()
    return built


def find_glued_marks(
    blocks: list[RawBlock], note_order: list[str], already_cited: frozenset[str] = frozenset()
) -> list[RawBlock]:
    """Take glued note numbers off the words, in reading order, by the sequence rule."""
    if not note_order:
        return blocks
    defined = set(note_order)
    ascii_only = ascii_numbers(defined)
    cited: set[str] = set(already_cited)
    # index in note_order of the next note not yet cited
    position = next(
        (index for index, number in enumerate(note_order) if number not in cited), len(note_order)
    )
    result: list[RawBlock] = []
    for raw in blocks:
        block = raw.block
        pieces: list[tuple[int, int, str]] = []  # (start of number, end, number)
        text = block.text
        candidates = sorted(
            _mark_candidates(text, defined, ascii_only),
            key=lambda match: match.start("number"),
        )
        for match in candidates:
            number = match["number"]
            if number not in defined:
                continue
            is_next = position < len(note_order) and note_order[position] == number
            start = match.start("number")
            if match.re is AFTER_PUNCTUATION:
                lead, before_lead = match["lead"], text[start - 2 : start - 1]
                if not before_lead or not (
                    before_lead.isalpha()
                    or (lead in ",;:." and (before_lead.isdigit() or before_lead in ")»”_"))
                ):
                    continue
                if before_lead.isdigit():
                    # After a figure, only a year or a symbol ("2021,3", "61/183,1"),
                    # never a decimal ("2,5").
                    token = text[max(0, start - 41) : start - 1].rsplit(" ", 1)[-1]
                    if "/" not in token and not _YEAR.fullmatch(token):
                        continue
            # What comes just before a detached number (a window: the block may be long).
            before = text[max(0, start - 41) : start - 1] if match.re is DETACHED else ""
            if match.re is DETACHED and _day_of_a_date(text, match.end("number")):
                continue
            if match.re is DETACHED and _after_clause_end(before, text, match.end("number")):
                if not is_next:
                    continue
            elif match.re is DETACHED:
                if not before or not (before[-1].isalpha() or _YEAR_AT_END.search(before)):
                    continue
                word_before = _WORD_BEFORE.findall(before)
                word = word_before[-1].lower() if word_before else ""
                # A number after a word and a space is the word's own when the word
                # introduces numbers ("paragraphe 5", "les 14 et 15", "article 12",
                # "COVID 19"): never a mark then.  Otherwise it is a mark when it is the
                # next note, or a note cited before ("Plan d’action 5 pour"): figures in
                # resolutions follow such words, and the sequence rule holds the rest.
                after_year = _YEAR_AT_END.search(before)
                if not (is_next or number in cited) or (
                    not after_year and (not word or word in NOT_BEFORE_NOTE)
                ):
                    continue
            if is_next:
                cited.add(number)
                while position < len(note_order) and note_order[position] in cited:
                    position += 1
            elif number not in cited:
                continue
            cut_start = match.start("space") if match.re is DETACHED else match.start("number")
            pieces.append((cut_start, match.end("number"), number))
        if not pieces:
            result.append(raw)  # no mark here: the block as it came
            continue
        result.append(
            RawBlock(
                block=_remove_marks(block, pieces),
                heading_level=raw.heading_level,
                list_number=raw.list_number,
                after_break=raw.after_break,
            )
        )
    return result


def _remove_marks(block: Block, pieces: list[tuple[int, int, str]]) -> Block:
    """Cut the digits out of the text and put a NoteMark where they were."""
    text = block.text
    new_text: list[str] = []
    marks: list[NoteMark] = list(block.notes)
    removed = 0
    cursor = 0
    cuts: list[tuple[int, int]] = []
    # The line of each mark as ``Block.line_at`` finds it, the lines' offsets listed
    # once for the block rather than once for each mark.
    line_starts = [offset for offset, _ in block.lines]
    for start, end, number in pieces:
        new_text.append(text[cursor:start])
        if block.lines:
            holder = block.lines[max(bisect.bisect_right(line_starts, start) - 1, 0)][1]
        else:
            holder = block.line
        marks.append(NoteMark(start - removed, number, holder))
        cuts.append((start, end - start))
        removed += end - start
        cursor = end
    new_text.append(text[cursor:])
    # An offset moves back by the lengths cut before it: the cuts' starts in order and
    # the lengths cut up to each, so that each line's offset is moved by a bisection.
    cuts.sort()
    cut_starts = [start for start, _ in cuts]
    cut_before = list(accumulate((length for _, length in cuts), initial=0))

    def moved(offset: int) -> int:
        return offset - cut_before[bisect.bisect_left(cut_starts, offset)]

    return Block(
        text="".join(new_text),
        line=block.line,
        lines=tuple((moved(offset), line) for offset, line in block.lines),
        notes=tuple(sorted(marks, key=lambda mark: mark.offset)),
        spans=block.spans,
    )


BARE_NUMBER = re.compile(r"^\s*(?P<number>[1-9]\d{0,2})\s*$")


def _note_bodies(texts: Sequence[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Lines of note text split into notes: a note ends where its line ends with a
    period (or a closing parenthesis or quote) that is no abbreviation's."""
    bodies: list[list[tuple[int, str]]] = []
    ended = True
    for index, text in texts:
        if ended:
            bodies.append([])
        bodies[-1].append((index, text))
        stripped = text.rstrip()
        ended = bool(NOTE_ENDED.search(stripped)) and not ABBREVIATION_END.search(stripped)
    return bodies


def attach_note_numbers(lines: Sequence[Line]) -> list[Line]:
    """Note numbers printed on lines of their own, as some copies give a page's notes
    (``pdftotext``: each number on the line before its note, and the page's first notes'
    numbers after the last note), put back before their notes ("1 United Nations, …").

    A page's note block runs from its rule to the first blank line where it holds as
    many notes as numbers.  Only when the numbers are consecutive, as many as the
    notes, are they given to the notes in order; else the block is left as it is."""
    result = list(lines)
    # The lines that hold three underscores found at C speed, then the rules among them.
    with_rules = compress(range(len(result)), map(contains, map(_TEXT_OF, result), repeat("___")))
    rules = [index for index in with_rules if RULE.match(result[index].text)]
    if not rules:
        return result
    # The lines that hold only a number, found once at C speed from the first rule on: a
    # page's block with none of them is left as it is without walking its lines (the
    # walk below stops at the next rule at the latest, so a block's walk sees only the
    # lines up to it, and no other block's walk changed them).
    first = rules[0] + 1
    texts_after = map(_TEXT_OF, islice(result, first, None))
    bare_lines = list(compress(count(first), map(BARE_NUMBER.match, texts_after)))
    for position, rule in enumerate(rules):
        next_rule = rules[position + 1] if position + 1 < len(rules) else len(result)
        if bisect.bisect_right(bare_lines, rule) == bisect.bisect_left(bare_lines, next_rule):
            continue  # no number alone on a line before the next rule: nothing to attach
        numbers: list[int] = []
        texts: list[tuple[int, str]] = []
        number_lines: list[int] = []
        index = rule + 1
        while index < len(result):
            text = result[index].text
            if RULE.match(text):
                break
            if not text.strip():
                if numbers and len(_note_bodies(texts)) == len(numbers):
                    break
                index += 1
                continue
            bare = BARE_NUMBER.match(text)
            if bare:
                numbers.append(int(bare["number"]))
                number_lines.append(index)
            else:
                texts.append((index, text))
            index += 1
        bodies = _note_bodies(texts)
        ordered = sorted(numbers)
        if (
            not numbers
            or len(bodies) != len(numbers)
            or ordered != list(range(ordered[0], ordered[0] + len(ordered)))
        ):
            continue
        for number, body in zip(ordered, bodies, strict=True):
            first, text = body[0]
            result[first] = Line(result[first].number, f"{number} {text.strip()}")
        for position in number_lines:
            # The number's line held nothing else: it becomes blank, as inside a note
            # block a blank line is nothing.
            result[position] = Line(result[position].number, "")
    return result


def read_pdf_text(lines: Sequence[Line], symbols: Sequence[str] = ()) -> Flow:
    furnished = strip_furniture(lines, symbols)
    body, raw_notes, order = split_pages(attach_note_numbers(furnished.lines))
    if furnished.resumes:
        body = [(line, breaks or line.number in furnished.resumes) for line, breaks in body]
    blocks = join_cut_paragraphs(segment(body))
    notes = build_notes(raw_notes)
    return Flow(
        blocks=find_glued_marks(blocks, order),
        notes=notes,
        removals=list(furnished.removals),
        details=list(furnished.details),
    )
