"""Quotation marks: reversed, spaced, foreign and mismatched pairs; broken apostrophes.

Double quotation marks are paired across a paragraph, never guessed one mark at a
time: the marks of a paragraph are read in order and paired first with second,
third with fourth (guillemets that enclose other marks are paired as the outer
level). A paragraph whose curly marks already all face the right way is left
alone, so nested or unclosed quotations in good text are never touched. Each
damaged pair is repaired by one rule, named for its main defect, with one edit per
mark.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import partial
from itertools import compress
from operator import ne

from ..chars import (
    AFTER_CLOSING, AMOUNT_SIGNS, BEFORE_OPENING, CURRENCY_SIGNS, INVERTED_MARKS, LEFT_DOUBLE, LEFT_GUILLEMET,
    LEFT_SINGLE, LEFT_SINGLE_GUILLEMET, LOW_DOUBLE, LOW_SINGLE, REVERSED_DOUBLE, RIGHT_DOUBLE, RIGHT_GUILLEMET, RIGHT_SINGLE, RIGHT_SINGLE_GUILLEMET, SPACE,
    mark_direction, opens_word,
)
from .. import segments
from ..model import Edit
from ..offsets import splice
from ..rule import Context, PatternRule, Rule

STRAIGHT = '"'
DOUBLE_MARKS = frozenset(LEFT_DOUBLE + RIGHT_DOUBLE + LOW_DOUBLE + REVERSED_DOUBLE + LEFT_GUILLEMET + RIGHT_GUILLEMET)
SINGLE_GUILLEMETS = frozenset(LEFT_SINGLE_GUILLEMET + RIGHT_SINGLE_GUILLEMET)
OPENING_CHARS = frozenset(LEFT_DOUBLE + LOW_DOUBLE + REVERSED_DOUBLE + LEFT_GUILLEMET + LEFT_SINGLE_GUILLEMET + LOW_SINGLE)
INNER_SPACE = frozenset(SPACE)
CLOSING_PUNCTUATION = tuple(",.;:!?)")  # after a closing mark, with the space before it to go: “ word “ ,

MARK_RE = re.compile(f"[{''.join(sorted(DOUBLE_MARKS | SINGLE_GUILLEMETS))}{STRAIGHT}]")
# ‚word‘ or ‚word’: a German single pair, opening after a space, closing before one
LOW_SINGLE_PAIR_RE = re.compile(  # starts with the mark itself: a literal is searched fast
    f"{LOW_SINGLE}(?:(?<=[\\s(]{LOW_SINGLE})|(?<=^{LOW_SINGLE}))[^\\W_][^{LOW_SINGLE}{LEFT_SINGLE}{RIGHT_SINGLE}\\n]{{0,80}}?"
    f"(?<=[\\w.!?])[{LEFT_SINGLE}{RIGHT_SINGLE}]"
    f"(?=[\\s.,;:!?)\"{LEFT_DOUBLE}{RIGHT_DOUBLE}{RIGHT_GUILLEMET}{REVERSED_DOUBLE}{LOW_DOUBLE}{LEFT_GUILLEMET}]|\\Z)",
    re.MULTILINE,
)
INCH_MARKS = frozenset(STRAIGHT + RIGHT_DOUBLE)  # after a digit and before a word: 12" screen
AFTER_INCH_RE = re.compile(f" ?[\\w{re.escape(CURRENCY_SIGNS)}{INVERTED_MARKS}]")  # (12"$5, 12"¡x: the locale stage may write 12"5$, 12"x)

GUILLEMETS = "quotes.guillemets"
LOW_QUOTES = "quotes.low-quotes"
REVERSED = "quotes.reversed-pair"
MIXED = "quotes.mixed-pair"
SPACING = "quotes.spacing"

MESSAGES = {
    GUILLEMETS: "Guillemets replaced by English quotation marks",
    LOW_QUOTES: "Low (German-style) quotation marks replaced by English ones",
    REVERSED: "Reversed quotation marks",
    MIXED: "Mismatched quotation marks",
    SPACING: "Space inside quotation marks, or none outside",
}


@dataclass(frozen=True, slots=True)
class Style:
    """The quote characters the document itself uses."""

    open: str
    close: str
    inner_open: str
    inner_close: str
    apostrophe: str


CURLY = Style(LEFT_DOUBLE, RIGHT_DOUBLE, LEFT_SINGLE, RIGHT_SINGLE, RIGHT_SINGLE)
STRAIGHT_STYLE = Style(STRAIGHT, STRAIGHT, "'", "'", "'")


def document_style(text: str, ctx: Context) -> Style:
    """Straight if the text uses more straight than curly quotes, else curly: a fact of the
    document, read from the head of the first text that asks (the first chunk of a long one)."""
    if "quote style" not in ctx.document:
        text = text[:segments.HEAD]
        straight = text.count(STRAIGHT) + text.count("'")
        curly = sum(text.count(ch) for ch in (LEFT_DOUBLE, RIGHT_DOUBLE, LEFT_SINGLE, RIGHT_SINGLE))
        ctx.document["quote style"] = STRAIGHT_STYLE if straight > curly else CURLY
    return ctx.document["quote style"]


def _is_sound(text: str, marks: list[int]) -> bool:
    """All marks are curly English quotes, each faces the way its neighbours say, and
    no closing mark comes before its opening one."""
    depth = 0
    for i in marks:
        ch = text[i]
        if ch not in (LEFT_DOUBLE, RIGHT_DOUBLE):
            return False
        if mark_direction(text, i) != ("open" if ch == LEFT_DOUBLE else "close"):
            return False
        depth += 1 if ch == LEFT_DOUBLE else -1
        if depth < 0:
            return False
    return True


def _pair_levels(text: str, marks: list[int]) -> list[tuple[int, int, int]] | None:
    """Pair marks as (open, close, level); guillemets enclosing other marks are level 1.

    Guillemets pair among themselves («…» or »…«) when they can; the marks inside a
    guillemet pair are then the inner level, as in French, Italian and Spanish, and
    a guillemet pair inside other quotes is itself the inner level.
    """
    guillemets = [i for i in marks if text[i] in (LEFT_GUILLEMET, RIGHT_GUILLEMET)]
    others = [i for i in marks if text[i] not in (LEFT_GUILLEMET, RIGHT_GUILLEMET)]
    nested = (
        guillemets and others and len(guillemets) % 2 == 0
        and all(text[guillemets[k]] != text[guillemets[k + 1]] for k in range(0, len(guillemets), 2))
    )
    if not nested:
        if len(marks) % 2:
            return None
        return [(marks[k], marks[k + 1], 1) for k in range(0, len(marks), 2)]
    pairs = []
    outside: list[int] = []
    taken = 0  # others before this are inside a guillemet pair or outside all (the pairs are in order)
    for k in range(0, len(guillemets), 2):
        o, c = guillemets[k], guillemets[k + 1]
        first, last = bisect.bisect_right(others, o, taken), bisect.bisect_left(others, c, taken)
        inside = others[first:last]
        if len(inside) % 2:
            return None
        outside += others[taken:first]
        taken = last
        pairs.append((o, c, 1))
        pairs += [(inside[j], inside[j + 1], 2) for j in range(0, len(inside), 2)]
    outside += others[taken:]
    if len(outside) % 2:
        return None
    outer = [(outside[j], outside[j + 1]) for j in range(0, len(outside), 2)]
    # guillemets quoted inside English quotes (“a «b» c”) are the inner pair
    pairs = [(o, c, 2 if lvl == 1 and _enclosed(outer, o, c) else lvl) for o, c, lvl in pairs]
    return sorted(pairs + [(o, c, 1) for o, c in outer])


def _enclosed(pairs: list[tuple[int, int]], o: int, c: int) -> bool:
    """Does one of the pairs, in order and disjoint, enclose o..c? Only the last one opening before o can."""
    k = bisect.bisect_left(pairs, (o,)) - 1
    return k >= 0 and c < pairs[k][1]


def _defect(text: str, o: int, c: int, want_open: str, want_close: str) -> str | None:
    """The main defect of the pair (o, c), or None if it is sound."""
    a, b = text[o], text[c]
    if a in (LEFT_GUILLEMET, RIGHT_GUILLEMET, LEFT_SINGLE_GUILLEMET, RIGHT_SINGLE_GUILLEMET) or b in (
        LEFT_GUILLEMET, RIGHT_GUILLEMET, LEFT_SINGLE_GUILLEMET, RIGHT_SINGLE_GUILLEMET,
    ):
        return GUILLEMETS
    if a in (LOW_DOUBLE, LOW_SINGLE):
        return LOW_QUOTES
    if a == RIGHT_DOUBLE and b == LEFT_DOUBLE:
        return REVERSED
    if (a, b) not in ((want_open, want_close), (LEFT_DOUBLE, RIGHT_DOUBLE), (STRAIGHT, STRAIGHT)):
        if a == want_open and text[c - 1:c].isspace() and text[c + 1:c + 2] in ("", " ", "\n") \
                and text[c + 1:c + 40].lstrip(" ")[:1] not in CLOSING_PUNCTUATION:
            return None  # “From “: a literal with a trailing space, or a new quote; unclear
        return MIXED
    if text[o + 1] in INNER_SPACE or text[c - 1] in INNER_SPACE:
        return SPACING
    if opens_word(text[c + 1:c + 2]) and b in (RIGHT_DOUBLE, STRAIGHT):
        return SPACING  # “Good morning,”said Hal
    return None


def _pair_edits(text: str, o: int, c: int, want_open: str, want_close: str, message: str) -> list[Edit]:
    """Edits turning the marks at o and c into a sound pair, spacing included."""
    o_end = o + 1
    while o_end < c and text[o_end] in INNER_SPACE:
        o_end += 1
    c_start = c
    while c_start > o_end and text[c_start - 1] in INNER_SPACE:
        c_start -= 1
    before = text[o - 1] if o > 0 else " "
    after = text[c + 1] if c + 1 < len(text) else " "
    new_open = (" " if before.isalnum() or before in ",;:" else "") + want_open
    # no space forced after a closing single quote: ’s may be a possessive
    glued = after.isalnum() or opens_word(after)
    new_close = want_close + (" " if glued and want_close not in (RIGHT_SINGLE, "'") else "")
    edits = []
    if text[o:o_end] != new_open:
        edits.append(Edit(o, o_end, new_open, message))
    if text[c_start:c + 1] != new_close:
        edits.append(Edit(c_start, c + 1, new_close, message))
    return edits


def _straight_pair_shape(text: str, o: int, c: int) -> bool:
    """A straight pair that opens after a space and closes before one, enclosing words."""
    before = text[o - 1] if o else " "
    after = text[c + 1] if c + 1 < len(text) else " "
    return (before.isspace() or before in BEFORE_OPENING) and (after.isspace() or after in AFTER_CLOSING) \
        and _plausible(text, o, c)


def _plausible(text: str, o: int, c: int) -> bool:
    """A pair must enclose some word, not start at a line end, and not be two
    guillemets pointing the same way (Home » News » World)."""
    inner = text[o + 1:c]
    if text[o] == text[c] and text[o] in (LEFT_GUILLEMET, RIGHT_GUILLEMET, LEFT_SINGLE_GUILLEMET, RIGHT_SINGLE_GUILLEMET):
        return False
    return any(ch.isalnum() for ch in inner) and text[o + 1:o + 2] not in ("\n", "\r")


def _lone_guillemet_edits(text: str, marks: list[int], style: Style) -> list[tuple[str, Edit]]:
    """Guillemets of an unpairable paragraph, repaired one by one where their side is clear:
    an opening mark that stands before a word, a closing one that stands after a word."""
    out = []
    openers = [i for i in marks if text[i] in OPENING_CHARS]
    for i in marks:
        ch = text[i]
        if ch in (LEFT_GUILLEMET, LOW_DOUBLE):
            j = i + 1
            while j < len(text) and text[j] in INNER_SPACE:
                j += 1
            before = text[i - 1] if i else " "
            word_after = j < len(text) and (text[j].isalnum() or opens_word(text[j]))
            if word_after and (before.isspace() or before in BEFORE_OPENING):
                rule = GUILLEMETS if ch == LEFT_GUILLEMET else LOW_QUOTES
                out.append((rule, Edit(i, j, style.open, MESSAGES[rule])))
        elif ch == RIGHT_GUILLEMET:
            j = i
            while j > 0 and text[j - 1] in INNER_SPACE:
                j -= 1
            after = text[i + 1] if i + 1 < len(text) else " "
            if not (openers and openers[0] < i):
                continue  # a » with nothing open before it is a separator (Home » News)
            word_before = j > 0 and (text[j - 1].isalnum() or text[j - 1] in ".!?\u2026" + AMOUNT_SIGNS)
            if word_before and (after.isspace() or after in AFTER_CLOSING):
                out.append((GUILLEMETS, Edit(j, i + 1, style.close, MESSAGES[GUILLEMETS])))
    return out


def quote_repairs(text: str, ctx: Context) -> list[tuple[str, Edit]]:
    """Every quotation-mark repair of the text, tagged with the rule that owns it."""
    if "quote_repairs" in ctx.memo:
        return ctx.memo["quote_repairs"]
    repairs: list[tuple[str, Edit]] = []
    if any(ch in text for ch in DOUBLE_MARKS | SINGLE_GUILLEMETS) or _has_spaced_straight(text):
        style = document_style(text, ctx)
        for marks in marks_by_segment(text, ctx.layout):
            repairs += _settled_repairs(text, marks, style)
    if LOW_SINGLE in text:
        style = document_style(text, ctx)
        for m in LOW_SINGLE_PAIR_RE.finditer(text):
            repairs += [(LOW_QUOTES, Edit(m.start(), m.start() + 1, style.inner_open, MESSAGES[LOW_QUOTES])),
                        (LOW_QUOTES, Edit(m.end() - 1, m.end(), style.inner_close, MESSAGES[LOW_QUOTES]))]
    repairs.sort(key=lambda r: r[1].start)
    ctx.memo["quote_repairs"] = repairs
    return repairs


# Marks of one kind, for telling a plain paragraph from a tangle.
_KIND = {RIGHT_GUILLEMET: LEFT_GUILLEMET, RIGHT_SINGLE_GUILLEMET: LEFT_SINGLE_GUILLEMET, RIGHT_DOUBLE: LEFT_DOUBLE,
         REVERSED_DOUBLE: LEFT_DOUBLE}


def _settled_repairs(text: str, marks: list[int], style: Style) -> list[tuple[str, Edit]]:
    """A paragraph's repairs, if the repaired paragraph needs no more: a tangle of marks that
    reads differently once repaired (`“word› ““word«‹`) is left as it is, for the editor,
    the same on every run."""
    found = _paragraph_repairs(text, marks, style)
    if not found or len({_KIND.get(text[i], text[i]) for i in marks}) < 2:
        return found  # one kind of mark (« », or “ ”): its repair is settled
    lo = text.rfind("\n", 0, min(marks[0], min(e.start for _, e in found))) + 1
    hi = text.find("\n", max(marks[-1], max(e.end for _, e in found)))
    hi = len(text) if hi < 0 else hi
    edits = sorted((e for _, e in found), key=lambda e: (e.start, e.end))
    if any(b.start < a.end for a, b in zip(edits, edits[1:])):
        return []  # repairs that overlap: the marks were not understood
    repaired = splice(text, lo, hi, edits)
    again = _marks(repaired, 0, len(repaired))
    return [] if again and _paragraph_repairs(repaired, again, style) else found


def _has_spaced_straight(text: str) -> bool:
    """A straight quote with a space on both sides: the one thing a text with only
    straight quotes may need repaired (" farm reform ")."""
    return ' " ' in text or '\n" ' in text or ' "\n' in text or text.startswith('" ') or text.endswith(' "')


def _marks(text: str, start: int, end: int) -> list[int]:
    """Positions of the quotation marks in text[start:end]; inch marks (12" screen) left out."""
    found = [m.start() for m in MARK_RE.finditer(text, start, end)]
    # (only a mark of the inch kind after a digit or a currency sign may be one: the rest are not asked)
    return [i for i in found if not (text[i] in INCH_MARKS and (text[i - 1:i].isdigit() or text[i - 1:i] in CURRENCY_SIGNS)
                                     and _inch_mark(text, i))]


_SIGN_SPACES = " \u00a0\u202f"  # between an amount and its currency sign


def _inch_mark(text: str, i: int) -> bool:
    """Is the mark at i an inch mark: after a number (with its currency sign, which the locale
    stage may move: 5$"h is $5"h) and before a word?"""
    if text[i] not in INCH_MARKS:
        return False
    j = i - (i > 0 and text[i - 1] in CURRENCY_SIGNS)  # 5$"h, and 5 €"h (the locale stage writes €5"h)
    j -= j < i and j > 0 and text[j - 1] in _SIGN_SPACES
    return j > 0 and text[j - 1].isdigit() and AFTER_INCH_RE.match(text, i + 1) is not None


def marks_by_segment(text: str, layout: str, inch_marks: bool = False):
    """Positions of the quotation marks of each segment that has any; inch marks left out
    unless asked for."""
    breaks = segments.breaks(text, layout)
    marks = [m.start() for m in MARK_RE.finditer(text)] if inch_marks else _marks(text, 0, len(text))
    if not marks:
        return
    segment_of = list(map(partial(bisect.bisect_left, breaks), marks))
    # where the segment changes from one mark to the next (C-level maps: no Python step per mark)
    cuts = [0, *compress(range(1, len(marks)), map(ne, segment_of[1:], segment_of)), len(marks)]
    for a, b in zip(cuts, cuts[1:]):
        yield marks[a:b]


def _paragraph_repairs(text: str, marks: list[int], style: Style) -> list[tuple[str, Edit]]:
    doubles = [i for i in marks if text[i] not in SINGLE_GUILLEMETS]
    singles = [i for i in marks if text[i] in SINGLE_GUILLEMETS]
    out: list[tuple[str, Edit]] = []
    if doubles and all(text[i] == STRAIGHT for i in doubles):
        # Straight quotes are the document's own convention: only spaces inside
        # well-formed pairs are repaired (" farm reform " → "farm reform").
        if len(doubles) % 2 == 0:
            pairs = [(doubles[k], doubles[k + 1]) for k in range(0, len(doubles), 2)]
            if all(_straight_pair_shape(text, o, c) for o, c in pairs):
                for o, c in pairs:
                    if _defect(text, o, c, STRAIGHT, STRAIGHT) == SPACING:
                        out += [(SPACING, e) for e in _pair_edits(text, o, c, STRAIGHT, STRAIGHT, MESSAGES[SPACING])]
        doubles = []
    if doubles and not _is_sound(text, doubles):
        pairs = _pair_levels(text, doubles)
        if pairs is None:
            out += _lone_guillemet_edits(text, doubles, style)
        elif all(_plausible(text, o, c) for o, c, _ in pairs):
            for o, c, level in pairs:
                want = (style.open, style.close) if level == 1 else (style.inner_open, style.inner_close)
                rule = _defect(text, o, c, *want)
                if level == 2 and (text[o], text[c]) != want:
                    rule = GUILLEMETS  # quotes nested in guillemets become the inner pair
                if rule == SPACING:
                    want = (text[o], text[c])  # a consistent pair keeps its own marks
                if rule:
                    out += [(rule, e) for e in _pair_edits(text, o, c, *want, MESSAGES[rule])]
    if len(singles) % 2 == 0:
        for k in range(0, len(singles), 2):
            o, c = singles[k], singles[k + 1]
            if _plausible(text, o, c):
                out += [(GUILLEMETS, e) for e in _pair_edits(
                    text, o, c, style.inner_open, style.inner_close, MESSAGES[GUILLEMETS])]
    return out


class _PairRule(Rule):
    """Selects, from the shared paragraph analysis, the repairs this rule owns."""

    def find(self, text, ctx):
        for rule, edit in quote_repairs(text, ctx):
            if rule == self.id:
                yield edit


class Guillemets(_PairRule):
    """Guillemets left over from the source language.

    Fixes: `« … »`, `» … «`, `‹ … ›` and the spaces inside them, turned into the
    document's own quotation marks (curly by default, straight in a text that uses
    straight quotes); guillemets that enclose other quotes become the outer pair.
    Example: `the porthole », he noted` → `the porthole”, he noted`.
    """

    id = GUILLEMETS
    summary = "Guillemets become the document's own quotation marks"


class LowQuotes(_PairRule):
    """German and Polish low opening quotes.

    Fixes: `„Wort“` and `„Wort”` pairs, and single `‚Wort‘` pairs, written the
    English way.
    Example: `the so-called „Energiewende“` → `the so-called “Energiewende”`.
    """

    id = LOW_QUOTES
    summary = "Low quotation marks („…“) become English quotation marks"


class ReversedPair(_PairRule):
    """Quotation marks that face the wrong way.

    Fixes: a closing mark used to open and an opening mark used to close, with the
    spaces that usually come with them.
    Example: `the value of” experience “, estimated` → `the value of “experience”, estimated`.
    """

    id = REVERSED
    summary = "Reversed quotation-mark pairs are turned round"


class MixedPair(_PairRule):
    """Pairs made of two different kinds of mark.

    Fixes: `“word"`, `"word”`, `”word”` and similar mixtures, written in the
    document's own style. Pairs of one consistent kind are never restyled.
    Example: `a “test" case` → `a “test” case`.
    """

    id = MIXED
    summary = "Mismatched quotation-mark pairs are made consistent"


class Spacing(_PairRule):
    """Spaces just inside quotation marks, or a closing mark glued to the next word.

    Example: `he called it “ a success ”` → `he called it “a success”`;
    `“Good morning,”said Hal` → `“Good morning,” said Hal`.
    """

    id = SPACING
    summary = "No spaces just inside quotation marks; a space after a closing one"


class Apostrophe(PatternRule):
    """Apostrophes written with the wrong character or cut off by spaces.

    Fixes: acute accents and backticks used as apostrophes, and spaces around an
    apostrophe inside a contraction or possessive, written in the document's own
    apostrophe (curly or straight).
    Example: `Putin ´s decision` → `Putin’s decision`; `don ’t` → `don’t`.
    """

    id = "quotes.apostrophe"
    summary = "Broken apostrophes in contractions and possessives are repaired"
    message = "Broken apostrophe"
    _SUFFIX = "(?=(?:s|t|re|ve|ll|d|m)\\b(?![-'\u2019]))"
    # Each pattern starts with a literal or a rare character, so the engine skips
    # quickly through text with ordinary apostrophes.
    _PATTERNS = (
        re.compile(f"[\u00b4`]( ?){_SUFFIX}"),
        re.compile(f"['\u2019](?<= .)( ?){_SUFFIX}"),
        re.compile(f"'( ){_SUFFIX}"),
        re.compile(f"\u2019( ){_SUFFIX}"),
    )
    screen = ("\u00b4", "`", " '", " \u2019", "' ", "\u2019 ")

    def find(self, text, ctx):
        if self.screened_out(text):
            return
        for pattern in self._PATTERNS:
            for m in pattern.finditer(text):
                at = m.start() + (text[m.start()] == " ")  # the mark itself
                start = at - (text[at - 1:at] == " ")
                letter = text[start - 1:start]
                if not (letter.isascii() and letter.isalpha()):
                    continue
                mark = text[at]
                if mark in "\u00b4`":
                    mark = document_style(text, ctx).apostrophe
                elif not (start < at or m.group(1)):
                    continue
                yield Edit(start, m.end(), mark, self.message)


RULES = (Guillemets(), LowQuotes(), ReversedPair(), MixedPair(), Spacing(), Apostrophe())
