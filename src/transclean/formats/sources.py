"""A bilingual file's source segments as evidence on the numbers of its targets.

XLIFF and PO files carry the source segment beside each target. A number of the source that
the target copied as written (`1 250,00`) is written the English way, with the locale stage's
own conversion (`rules/locale.py`, `english_number`), where the reading is certain: the source
language is known, or the form can be read one way only. A number of the source that the fixed
target does not hold, by value, is flagged (`formats.numbers`).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from operator import attrgetter

from ..decisions import accepted_text
from ..model import Change, Flag
from . import placeholders
from .rules import NUMBERS

_START = attrgetter("start")
_GROUP_CHARS = " '\u2019\u00a0\u202f"
_NUMBER_RE = re.compile(
    r"(?<![\w.,'\u2019\u00a0\u202f])\d+(?:(?:[.,'\u2019\u00a0\u202f]|(?<=\d) (?=\d{3}(?!\d)))\d+)*(?!\w)")
_DATE_PART_BEFORE_RE = re.compile(r"\d[/:\-]\Z")
_DATE_PART_AFTER_RE = re.compile(r"[/:]\d|-\d|[ \u00a0]?h(?:[ \u00a0]?\d|\b)")  # 14/03, 21:30, 21 h 30
# in a target, every run of digits counts: 21st, 9:30, 12/30, v2
_ANY_NUMBER_RE = re.compile(r"\d+(?:(?:[.,'\u2019\u00a0\u202f]|(?<=\d) (?=\d{3}(?!\d)))\d+)*")
_CODE_RE = re.compile(r"<(?P<n>(?:\w+:)?(?:ph|bpt|ept|it|sub))\b[^>]*?(?<!/)>.*?</(?P=n)\s*>", re.S)
_TAG_RE = re.compile(r"<[^>]*>")
_PO_JOIN_RE = re.compile(r'"[ \t]*\r?\n[ \t]*"')
_PO_ESCAPE_RE = re.compile(r"\\(.)")
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_AFTER_RE = re.compile(r"[ \u00a0]*(thousand|million|billion|trillion)\b")
_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
               "hundred": 100, "thousand": 1000, "dozen": 12})
_WORD_RE = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.I)


def readings(token: str) -> set[Decimal]:
    """The values a number may have, written either way (1.500 and 1,500: 1.5 or 1500)."""
    bare = token
    for g in _GROUP_CHARS:
        bare = bare.replace(g, "")
    out: set[Decimal] = set()
    seps = [ch for ch in bare if ch in ".,"]
    if not seps:
        out.add(_decimal(bare))
    elif len(set(seps)) == 2:
        dec = seps[-1]
        integer, _, fraction = bare.rpartition(dec)
        group = "," if dec == "." else "."
        if _grouped(integer, group):
            out.add(_decimal(integer.replace(group, "") + "." + fraction))
    else:
        sep = seps[0]
        if len(seps) == 1:
            out.add(_decimal(bare.replace(sep, ".")))
        if _grouped(bare, sep):
            out.add(_decimal(bare.replace(sep, "")))
    out.discard(None)
    return out


def _grouped(integer: str, sep: str) -> bool:
    parts = integer.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _prose(segment: str, fmt: str) -> str:
    """The text of a segment as written in the file, its markup and placeholders blanked."""
    if fmt == "xliff":
        segment = _TAG_RE.sub(" ", _CODE_RE.sub(" ", segment))
        segment = html.unescape(segment)
    elif fmt == "po-raw":
        segment = _PO_ESCAPE_RE.sub(r"\1", _PO_JOIN_RE.sub("", segment))
    return blank(segment, placeholders.spans(segment))


def source_prose(doc, source: str) -> str:
    """The prose of a source segment (PO gives it unescaped, XLIFF as written)."""
    return _prose(source, "xliff" if doc.format == "xliff" else "")


def target_prose(doc, raw: str) -> str:
    """The prose of a target as the file writes it."""
    return _prose(raw, "xliff" if doc.format == "xliff" else "po-raw")


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


class Pieces:
    """The prose pieces of a document in file order, to find those of each target."""

    def __init__(self, doc) -> None:
        self.pieces = [piece for unit in doc.units for piece in unit]
        self.starts = [p.start for p in self.pieces]

    def within(self, start: int, end: int):
        """The pieces at [start, end) of the file."""
        pieces = self.pieces
        for i in range(bisect.bisect_left(self.starts, start), len(pieces)):
            piece = pieces[i]
            if piece.start >= end:
                break
            if piece.end <= end:
                yield piece


def untouched(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does no span of the sorted, disjoint `taken` touch [start, end)? (Then it is taken.)"""
    k = bisect.bisect_left(taken, (start, -1))
    if (k < len(taken) and taken[k][0] < end) or (k and taken[k - 1][1] > start):
        return False
    taken.insert(k, (start, end))
    return True


def fixed_target(doc, applied: Sequence[Change], start: int, end: int) -> str:
    """The target at [start, end) of the file as fixed: with the applied changes (sorted by start) inside it."""
    inside = []
    for c in applied[bisect.bisect_left(applied, start, key=_START):]:
        if c.start >= end:
            break
        if c.end <= end:
            inside.append(c._replace(start=c.start - start, end=c.end - start))
    return accepted_text(doc.original[start:end], inside)


def _numbers(text: str) -> list[re.Match]:
    """The numbers of the prose that stand alone: not glued to letters, nor parts of a date or time."""
    out = []
    for m in _NUMBER_RE.finditer(text):
        if _DATE_PART_BEFORE_RE.search(text, max(0, m.start() - 2), m.start()) or \
                _DATE_PART_AFTER_RE.match(text, m.end()):
            continue
        out.append(m)
    return out


def _values(text: str) -> set[Decimal]:
    """Every value the prose of a target writes: in digits, with a scale word, or in words."""
    values: set[Decimal] = set()
    for m in _ANY_NUMBER_RE.finditer(text):
        found = readings(m.group())
        values |= found
        if scale := _SCALE_AFTER_RE.match(text, m.end()):
            values |= {v * _SCALES[scale.group(1)] for v in found}
    for w in _WORD_RE.finditer(text):
        value = Decimal(_WORDS[w.group().lower()])
        values.add(value)
        if scale := _SCALE_AFTER_RE.match(text, w.end()):  # ten thousand, three million
            values.add(value * _SCALES[scale.group(1)])
    return values


def _english(token: str, language: str | None) -> str | None:
    """The source's number written the English way, where its reading is certain (None: not)."""
    from ..profiles import profile
    from ..rules.locale import english_number
    p = None
    if language:
        try:
            p = profile(language)
        except (KeyError, ValueError, OSError):
            p = None
    if p is None:
        # no language: only a decimal comma of one or two digits, after groups of three or none
        if not re.fullmatch(r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+,\d{1,2}|\d+,\d{1,2}", token):
            return None
        try:
            p = profile("de" if "." in token else "fr")
        except (KeyError, ValueError, OSError):
            return None
    integer, _, fraction = token.partition(p.decimal)
    if p.decimal in fraction:
        return None
    for g in p.groups:
        integer = integer.replace(g, "\0")
    if not _grouped(integer, "\0") or any(not ch.isdigit() for ch in integer.replace("\0", "")):
        return None
    english = english_number(token, p, read_as_source=True)
    return english if english != token else None


def repairs(doc, applied: Sequence[Change], language: str | None) -> list[Change]:
    """The numbers of the sources that the targets copied as written, written the English way
    (changes at offsets into the file), where no applied change already touches them."""
    taken = sorted((c.start, c.end) for c in applied)
    out: list[Change] = []
    pieces = Pieces(doc)
    for source, start, end, _target in doc.pairs:
        verbatim = {m.group() for m in _numbers(source_prose(doc, source))}
        if not verbatim:
            continue
        for piece in pieces.within(start, end):
            text = blank(piece.text, [*piece.keep, *placeholders.spans(piece.text)])
            for m in _numbers(text):
                if m.group() not in verbatim:
                    continue
                english = _english(m.group(), language)
                if english is None:
                    continue
                raw = piece.encode(english)
                rs, re_ = piece.raw(m.start()), piece.raw(m.end())
                if raw is None or not untouched(taken, rs, re_):
                    continue
                out.append(Change(NUMBERS, rs, re_, doc.original[rs:re_], raw,
                                  "Number of the source written the English way", True, True))
    return out


def lost(doc, applied: Sequence[Change]) -> list[Flag]:
    """A flag on each target that does not hold, by value, a number of at least two digits of its source."""
    out: list[Flag] = []
    changes = sorted(applied, key=_START)
    for source, start, end, _target in doc.pairs:
        wanted = [m.group() for m in _numbers(source_prose(doc, source)) if sum(ch.isdigit() for ch in m.group()) >= 2]
        if not wanted:
            continue
        have = _values(target_prose(doc, fixed_target(doc, changes, start, end)))
        seen = set()
        for token in wanted:
            values = readings(token)
            if values and not values & have and token not in seen:
                seen.add(token)
                out.append(Flag(NUMBERS, start, end, f"number {token} of the source has no counterpart in the target"))
    return out
