"""Punctuation: spaces around marks, orphan and doubled marks, spaced units, false sentence breaks."""

from __future__ import annotations

import heapq
import re
from functools import cache

from ..chars import AMOUNT_SIGNS, INVERTED_MARKS, SPACE, opens_word
from ..packs import table
from ..model import Edit
from ..rule import PatternRule

_S = f"[{SPACE}]"
ROMAN_RE = re.compile("[IVXLCDM]{2,}")
# What may end the words a mark follows, besides letters and digits: closing marks, and
# the signs of amounts (12 €., which the locale stage may make €12.,).
WORD_END = "\"'\u2019\u201d)" + AMOUNT_SIGNS
# What follows the mark between two glued sentences (`end.The`, `end .The`, `end.¿Qué`): a
# capitalised word that is not part of a bracketed name (threading.Thread(), nor, after a
# full stop, of a dotted one (end.Node.js; end.Dott.Rossi is two sentence ends). After ! and
# ? a dotted name does not count (`Really?Mme.Macron`): its full stop is split on its own.
GLUED_SENTENCE_RE = re.compile(f"[{INVERTED_MARKS}]*[A-Z][a-z]*(?![\\w(]|\\.[^\\W_A-Z])")
GLUED_AFTER_MARK_RE = re.compile(f"[{INVERTED_MARKS}]*[A-Z][a-z]*(?![\\w(])")
GLUED = {".": GLUED_SENTENCE_RE, "!": GLUED_AFTER_MARK_RE, "?": GLUED_AFTER_MARK_RE}
# A glued sentence end inside a word (`ig.Sig`): what follows it is the word a full stop ends.
_GLUED_IN_WORD_RE = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z]*\Z)")


@cache
def abbreviations() -> frozenset[str]:
    """Words that take a full stop (rules/tables/abbreviations.toml), lower case."""
    return frozenset(w.lower().rstrip(".") for w in table("abbreviations")["words"])


@cache
def capitalised_abbreviations() -> frozenset[str]:
    """Capitalised words that take a full stop (Nebr, Cal, Stat), matched with their case only."""
    return frozenset(w.rstrip(".") for w in table("abbreviations").get("capitalised", []))


_WORD_BEFORE_RE = re.compile(r"[\w.]+\Z")


def word_before(text: str, at: int) -> str:
    """The word (dots allowed: U.S, e.g) that ends at `at`, from after a glued sentence end
    or a full stop before it (`ig.Sig`, `.Sig`: Sig), as a second run would read it."""
    m = _WORD_BEFORE_RE.search(text, max(0, at - 40), at)
    return _GLUED_IN_WORD_RE.split(m.group())[-1].lstrip(".") if m else ""


def _is_abbreviation(text: str, dot: int) -> bool:
    """Does the word ending just before the full stop at `dot` take a full stop itself?"""
    word = word_before(text, dot)
    if word.replace(".", "").isdigit():
        return False  # a number: 5. or 1.500.
    return ("." in word or len(word) == 1 or word.lower() in abbreviations() or word in capitalised_abbreviations()
            or ROMAN_RE.fullmatch(word) is not None)


class SpaceBefore(PatternRule):
    """Space before a closing mark.

    Fixes: a space (plain, no-break or narrow no-break) before `, . ; : ! ? ) ] %`,
    as French typography and tokenised machine output leave it. A mark glued to
    the next word (`word ,next`, `word !Next`) gets its space after instead.
    Keeps: `.5`, `.com`, an ellipsis, a mark at the start of a line, `( )`.
    Example: `the company Space X , by Elon Musk` → `the company Space X, by Elon Musk`.
    """

    id = "punctuation.space-before"
    summary = "No space before , . ; : ! ? ) ] %"
    message = "Space before punctuation removed"
    # anchored on the mark, which is rarer than the space before it
    pattern = re.compile(f"([,;:!?)\\]%.])(?<={_S}.)")
    _WORD_OR_DOT_RE = re.compile(r"[\w.]")
    _SPACES_RE = re.compile(f"{_S}+\\Z")
    _GLUED_RE = {",": re.compile("[A-Za-z]{2}"), ";": re.compile("[A-Za-z]{2}")}

    def find(self, text, ctx):
        for m in self.pattern.finditer(text):
            spaces = self._SPACES_RE.search(text, max(0, m.start() - 16), m.start())
            new = self.replace(spaces.start(), m, text)
            if new is not None:
                yield Edit(spaces.start(), m.end(), new, self.message, self.safe)
    def replace(self, start, m, text):
        mark = m.group(1)
        if mark == "." and self._WORD_OR_DOT_RE.match(text, m.end()) and not GLUED_SENTENCE_RE.match(text, m.end()):
            return None  # .5, .com, an ellipsis; but `word .Next` is a glued sentence
        before = text[start - 1:start]
        if not before or before.isspace() or before in SPACE + "([":
            return None  # a mark at the start of a line, or inside ( )
        if mark == "." and (before == "." or text[m.end():m.end() + 3].lstrip(SPACE)[:1] == "."):
            return None  # a spaced ellipsis: . . .
        if before == mark and mark in ",;:":
            return None  # the mark typed twice with a space between (: :): punctuation.orphan's
        if mark == "%" and not before.isdigit():
            return None
        if mark == ":" and before.isdigit() and text[m.end():m.end() + 2].strip(SPACE)[:1].isdigit():
            return None  # a score or ratio: 3 : 1
        glued = self._GLUED_RE.get(mark, GLUED.get(mark))
        return mark + " " if glued and glued.match(text, m.end()) else mark


class SpaceAfterOpening(PatternRule):
    """Space after an opening bracket.

    Example: `the score ( 3-1 )` → `the score (3-1 )`, and the closing side is
    repaired by punctuation.space-before.
    """

    id = "punctuation.space-after-open"
    summary = "No space after ( or ["
    message = "Space after opening bracket removed"
    # anchored on the bracket, which is rarer than the space after it
    pattern = re.compile(f"([(\\[])(?={_S}+[^\\s)\\]]){_S}+")
    replacement = r"\1"


class Orphan(PatternRule):
    """A punctuation mark stranded next to another.

    Fixes: `. ,`, `, .`, `; ,`, `,, ,` and the like, where a segment boundary left
    two marks or more; the last one belongs to what follows and is kept. A full stop that
    ends an abbreviation stays (`etc. ,` → `etc.,`). A spaced ellipsis `. . .` is
    not touched.
    Example: `the Russian Baikonur Cosmodrome. , in Kazakhstan` → `the Russian Baikonur Cosmodrome, in Kazakhstan`.
    """

    id = "punctuation.orphan"
    summary = "Stranded punctuation next to another mark is removed"
    message = "Orphan punctuation removed"
    # A chain of marks joined by spaces (one character class: no backtracking state per mark).
    # Only at a chain's first mark can the pattern match (from a later one it could only reach
    # marks the longest match from the first one passed over), so the pattern is tried once
    # per chain, not once per mark.
    _CHAIN = f"[.,;:][.,;:{SPACE}]*[.,;:]"
    CHAIN_RE = re.compile(_CHAIN)
    pattern = re.compile(_CHAIN + f"(?=\\s|\\Z|[^\\W\\d_]|[{INVERTED_MARKS}])")
    _BEFORE_RE = re.compile(f"(?<=[\\w{re.escape(WORD_END)}]){_S}*\\Z")

    def find(self, text, ctx):
        for chain in self.CHAIN_RE.finditer(text):
            m = self.pattern.match(text, chain.start())
            if m is None:
                continue
            lead = self._BEFORE_RE.search(text, max(0, m.start() - 8), m.start())
            new = self.replace(m, text, ctx) if lead else None
            if new is not None:
                yield Edit(lead.start(), m.end(), new, self.message, self.safe)

    def replace(self, m, text, ctx):
        run = m.group()
        marks = [ch for ch in run if ch in ".,;:"]
        if ".." in run or set(marks) == {"."} or (len(set(marks)) == 1 and len(run) == len(marks)):
            return None  # an ellipsis, or a doubled mark (punctuation.doubled)
        first, last = marks[0], marks[-1]
        glued = " " if opens_word(text[m.end():m.end() + 1]) else ""
        if (first == ":" and set(marks) != {":"}) or (last == "." and glued and not self._sentence_end(run, m, text)):
            return None  # http:, ftp:  /  .dll, .pyd: a colon or a dot that belongs to a token
        if first == "." and _is_abbreviation(text, m.start()):
            return None if last == "." else "." + last + glued
        return last + glued

    @staticmethod
    def _sentence_end(run: str, m, text: str) -> bool:
        """A spaced full stop before a capitalised word (`, .The`) ends a sentence, as
        punctuation.space-before reads it, rather than starting a token (`, .dll`)."""
        return run[-2] in SPACE and GLUED_SENTENCE_RE.match(text, m.end()) is not None


class Doubled(PatternRule):
    """The same mark typed twice.

    Fixes: `,,`, `;;`, `::` inside a line of prose, and `..` before a new
    sentence (`the end.. Next`). Keeps: other `..`, which informal English uses
    as a short ellipsis; `::` at a line end (a literal block follows) and in
    `std::vector`.
    Example: `in 2020,, after` → `in 2020, after`.
    """

    id = "punctuation.doubled"
    summary = "Doubled commas, semicolons and colons become one"
    message = "Doubled punctuation"
    screen = (",,", ";;", "::", "..")
    # one pattern per mark, each starting with its literal, run only when the text has it
    _PATTERNS = {
        # a run matches whole or not at all, so it is tried from its first mark only (?<!,,)
        ",,": re.compile(r",(?<!,,),+(?=\s|\Z)"),
        ";;": re.compile(r";(?<!;;);+(?=\s|\Z)"),
        "::": re.compile(f":(?<!::):+(?={_S}+\\S)"),
        # (n° 5 is No. 5 once the locale stage has run)
        "..": re.compile(f"\\.\\.(?={_S}+(?:[{INVERTED_MARKS}]*[A-Z]|n[\u00b0\u00ba]))"),
    }
    _SPACES_RE = re.compile(f"{_S}*\\Z")

    def find(self, text, ctx):
        for literal, pattern in self._PATTERNS.items():
            if literal not in text:
                continue
            for m in pattern.finditer(text):
                start = self._SPACES_RE.search(text, max(0, m.start() - 8), m.start()).start()
                before = text[start - 1:start]
                if before.isalnum() or (before and before in WORD_END):  # in "...", a dot stands before
                    yield Edit(start, m.end(), literal[0], self.message, self.safe)


class MissingSpaceAfter(PatternRule):
    """No space after a sentence end.

    Fixes: `end.Next`, `Really?Yes`, where two sentences were glued together.
    Keeps: `U.S.`, `3.5`, `example.com`, `Node.js`, `e.g.`, and dotted names such
    as `importlib.abc.Loader` or `threading.Thread(`: it only fires between a
    lower-case word and a capitalised one, neither of them part of a longer
    dotted or bracketed name.
    Why unsafe: `threading.Thread` in prose about code looks exactly like two
    glued sentences.
    Example: `the mission ended.The crew` → `the mission ended. The crew`.
    """

    id = "punctuation.missing-space"
    summary = "A space after . ! ? between two glued sentences (unsafe)"
    message = "Missing space after sentence end"
    safe = False
    # a full stop, and ! or ?, apart: each pattern starts with its mark, which the engine finds fast
    # (an alternation at the top of a pattern is tried from every character of the text)
    _SIDES = (re.compile(f"\\.(?={GLUED_SENTENCE_RE.pattern})(?<=[a-z]{{2}}.)"),
              re.compile(f"[!?](?={GLUED_AFTER_MARK_RE.pattern})(?<=[a-z]{{2}}.)"))
    pattern = re.compile("|".join(side.pattern for side in _SIDES))

    def find(self, text, ctx):
        for m in heapq.merge(*(side.finditer(text) for side in self._SIDES), key=lambda m: m.start()):
            if not word_before(text, m.start()).isalpha():
                continue  # a dotted name (importlib.abc.Loader), or a word with digits (2nd, which may be 2e)
            yield Edit(m.start(), m.end(), m.group() + " ", self.message, self.safe)


class SpacedUnit(PatternRule):
    """Spaces around the slash of a unit.

    Example: `at 50 km / h` → `at 50 km/h`.
    """

    id = "punctuation.spaced-unit"
    summary = "No spaces around the slash of a unit (km / h → km/h)"
    message = "Spaced unit"
    screen = ("/",)
    pattern = re.compile(
        f"\\d{_S}?(km|m|cm|mm|kg|g|mg|\u00b5g|\u03bcg|t|l|L|ml|W|kW|MW|GW|kWh|mi|ft)"
        f"(?:{_S}+/{_S}*|/{_S}+)(h|s|min|km|l|L|kg|m|m²|m³|m2|m3|kWh|day|year|100{_S}?km)(?!\\w)"
    )

    # the slash with a space beside it, found first; the unit pattern is then tried around it
    _SPACED_SLASH_RE = re.compile(f"/(?<={_S}/)|/(?={_S})")

    def find(self, text, ctx):
        if self.screened_out(text):
            return
        last = -1
        for slash in self._SPACED_SLASH_RE.finditer(text):
            m = self.pattern.search(text, max(0, slash.start() - 12, last), slash.end() + 12)
            if m and m.start() < slash.start() < m.end():
                last = m.end()
                yield Edit(m.start(1), m.end(), f"{m.group(1)}/{m.group(2)}", self.message, self.safe)


class SentenceBreak(PatternRule):
    """A full stop in the middle of a sentence.

    Fixes: a full stop followed by a lower-case word, where a segment boundary cut
    the sentence (`had never been made. across the Karman line`).
    Why unsafe: a lower-case word can start a sentence in quoted speech, lists and
    product names. Abbreviations (`approx. 40`, `vs.`, `e.g.`, `p.m.`, initials)
    are known and never touched.
    Example: `had never been made. across the Karman line` → `had never been made across the Karman line`.
    """

    id = "punctuation.sentence-break"
    summary = "A full stop before a lower-case continuation is removed (unsafe)"
    message = "Spurious sentence break before a lower-case word"
    safe = False
    pattern = re.compile(f"\\.{_S}+(?=[{INVERTED_MARKS}]?[a-z]{{2}})")
    # a lower-case word before the stop, maybe with spaces or orphan marks between (`made ,. across`)
    _WORD_END_RE = re.compile(f"[a-z]{{2}}[{SPACE},;:]*\\Z")

    def find(self, text, ctx):
        for m in self.pattern.finditer(text):
            word = self._WORD_END_RE.search(text, max(0, m.start() - 20), m.start())
            if word is None or not word_before(text, word.start() + 2).isalpha():
                continue  # no word before, or one with digits (2nd, which may be 2º)
            start = word.start() + 2  # what stands between word and stop goes too: `made . across`
            if not _is_abbreviation(text, start):
                yield Edit(start, m.end(), " ", self.message, self.safe)


# The sentence break comes first: where another rule also sees `made ,. across`, the unsafe
# repair, when asked for, takes the spaces and orphan marks too (a second run would).
RULES = (SentenceBreak(), Orphan(), Doubled(), SpaceBefore(), SpaceAfterOpening(), MissingSpaceAfter(), SpacedUnit())
