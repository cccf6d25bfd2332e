"""Defect counts: how much of each kind of damage transclean repairs a text holds.

The guard (guard.py) counts the defects of a segment before and after a stage's
edits; a stage must never leave a segment with more of some kind than it had. So
the kinds are judged from what stands around each mark, never from a pairing of a
whole paragraph (which a stage that misreads the pairing would judge its own
damage by), and every legitimate repair lowers its kind's count or leaves it:

- `reversed-quote`: a curly double mark that faces away from where its neighbours
  say it stands (`word“ next`, `(”word`), or an opening mark right before closing
  punctuation (`myself “, said`);
- `spaced-quote`: a double mark (curly or straight) with a space or a line end on
  both sides (`” I am`), cut off from the words it quotes;
- `unpaired-quote`: a paragraph with an odd number of double marks (one per
  paragraph); inch marks count too, as a repaired mark can read as one (`2038” and`);
- `foreign-quote`: a guillemet or low mark left over from the source language;
- `space-before`, `space-after-bracket`, `orphan-mark`, `doubled-mark`, `space-run`:
  the places where the punctuation and whitespace rules that repair them see the
  damage (`word ,`, `( 3`, `Cosmodrome. , in`, `2020,, after`, `the  company`),
  with those rules' own exceptions (`3 : 1`, `etc.,`, `std::vector`, two spaces
  after a sentence) and outside protected spans (URLs, code, emoticons), which
  no rule may edit: one rule, one place;
- `line-start-mark`: a comma or semicolon, or a stop, colon, `!` or `?` before a space, at
  the start of a line, where a segment boundary stranded it.

Every count is the sum of the counts of the text's paragraphs, so a text's count
is that of its segments added up. Linear in the text, with substring screens first.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .chars import (
    LEFT_DOUBLE, LEFT_GUILLEMET, LEFT_SINGLE_GUILLEMET, LOW_DOUBLE, LOW_SINGLE, REVERSED_DOUBLE, RIGHT_DOUBLE,
    RIGHT_GUILLEMET, RIGHT_SINGLE_GUILLEMET, SPACE, mark_direction,
)
from .model import Edit
from .offsets import splice
from .protect import Protected
from .rule import Context
from .rules import punctuation, whitespace
from .rules.quotes import CLOSING_PUNCTUATION, DOUBLE_MARKS, SINGLE_GUILLEMETS, STRAIGHT, marks_by_segment
from .segments import PARAGRAPH_BREAK_RE, PARAGRAPHS

REVERSED = "reversed-quote"
SPACED = "spaced-quote"
UNPAIRED = "unpaired-quote"
FOREIGN = "foreign-quote"
SPACE_BEFORE = "space-before"
SPACE_AFTER_BRACKET = "space-after-bracket"
ORPHAN = "orphan-mark"
DOUBLED = "doubled-mark"
SPACE_RUN = "space-run"
LINE_START = "line-start-mark"

# How the guard's messages name each kind: one of it, and several.
NAMES: dict[str, tuple[str, str]] = {
    REVERSED: ("a reversed quotation mark", "reversed quotation marks"),
    SPACED: ("a quotation mark with spaces on both sides", "quotation marks with spaces on both sides"),
    UNPAIRED: ("an unpaired quotation mark", "unpaired quotation marks"),
    FOREIGN: ("a guillemet or low quotation mark", "guillemets or low quotation marks"),
    SPACE_BEFORE: ("a space before punctuation", "spaces before punctuation"),
    SPACE_AFTER_BRACKET: ("a space after an opening bracket", "spaces after an opening bracket"),
    ORPHAN: ("orphan punctuation", "orphan punctuation marks"),
    DOUBLED: ("doubled punctuation", "doubled punctuation marks"),
    SPACE_RUN: ("a run of spaces", "runs of spaces"),
    LINE_START: ("punctuation at the start of a line", "punctuation marks at the start of lines"),
}
KINDS = tuple(NAMES)
QUOTE_KINDS = frozenset((REVERSED, SPACED, UNPAIRED, FOREIGN))

FOREIGN_MARKS = (LEFT_GUILLEMET, RIGHT_GUILLEMET, LEFT_SINGLE_GUILLEMET, RIGHT_SINGLE_GUILLEMET, LOW_DOUBLE, LOW_SINGLE,
                 REVERSED_DOUBLE)
_FOREIGN_DOUBLE = frozenset(FOREIGN_MARKS) - SINGLE_GUILLEMETS - {LOW_SINGLE}
_QUOTE_SCREEN = (LEFT_DOUBLE, RIGHT_DOUBLE, STRAIGHT, *FOREIGN_MARKS)
_DOUBLES = (*sorted(DOUBLE_MARKS), STRAIGHT)  # the marks paired in a paragraph (single guillemets are not)
_AFTER_OPENING_IS_WRONG = frozenset(CLOSING_PUNCTUATION)
# (full-width marks too: the whitespace stage writes them the English way, `。 ;` → `. ;`)
_LINE_START_RE = re.compile(f"^[{SPACE}]*(?:[,;\uff0c\uff1b\u3001]|[.:!?\u3002\uff1a\uff01\uff1f](?=\\s|\\Z))",
                            re.MULTILINE)

# The rules whose finds are the count of their kind, each with a pattern that finds
# something in every text the rule finds something in: a scan far cheaper than the find.
_RULE_KINDS = (
    (SPACE_BEFORE, punctuation.SpaceBefore(), punctuation.SpaceBefore.pattern),
    (SPACE_AFTER_BRACKET, punctuation.SpaceAfterOpening(), punctuation.SpaceAfterOpening.pattern),
    (ORPHAN, punctuation.Orphan(), punctuation.Orphan.CHAIN_RE),
    (DOUBLED, punctuation.Doubled(), re.compile(",,|;;|::|\\.\\.")),
    (SPACE_RUN, whitespace.SpaceRun(), re.compile(f"[{SPACE}](?<=[{SPACE}]{{2}})")),
)
_LINE_START_FIRST = frozenset(",;.:!?\uff0c\uff1b\u3001\u3002\uff1a\uff01\uff1f" + SPACE)
_LINE_START_SCREEN_RE = re.compile(f"\\n[{SPACE},;.:!?\uff0c\uff1b\u3001\u3002\uff1a\uff01\uff1f]")


def count(text: str, kinds: Collection[str] | None = None) -> dict[str, int]:
    """The defects of each kind in the text (kinds it has none of left out); only of
    `kinds`, when given."""
    found: dict[str, int] = {}
    if (kinds is None or not QUOTE_KINDS.isdisjoint(kinds)) and any(ch in text for ch in _QUOTE_SCREEN):
        _count_quotes(text, found)
    ctx, protected = Context(), None
    for kind, rule, screen in _RULE_KINDS:
        if (kinds is not None and kind not in kinds) or screen.search(text) is None:
            continue
        n = 0
        for e in rule.find(text, ctx):
            if text[e.start:e.end] != e.replacement:
                if protected is None:  # as the pipeline does, finds in URLs, code, emoticons... are dropped
                    protected = Protected.of(text)
                n += not protected.touches(e.start, e.end)
        if n:
            found[kind] = n
    if (kinds is None or LINE_START in kinds) and (text[:1] in _LINE_START_FIRST or _LINE_START_SCREEN_RE.search(text)):
        n = sum(1 for _ in _LINE_START_RE.finditer(text))
        if n:
            found[LINE_START] = n
    return found


def _count_quotes(text: str, found: dict[str, int]) -> None:
    foreign = sum(text.count(ch) for ch in FOREIGN_MARKS)
    if foreign:
        found[FOREIGN] = foreign
    positions = sorted(i for ch in _DOUBLES for i in _occurrences(text, ch))
    if not positions:
        return
    if PARAGRAPH_BREAK_RE.search(text, 0, positions[-1]) is None:
        paragraphs = [positions]  # the usual segment: one paragraph
    else:  # a repaired mark may read as an inch mark (2038” and): those count too
        paragraphs = [[i for i in marks if text[i] not in SINGLE_GUILLEMETS]
                      for marks in marks_by_segment(text, PARAGRAPHS, inch_marks=True)]
    reversed_, spaced, unpaired = 0, 0, 0
    last = len(text) - 1
    for doubles in paragraphs:
        unpaired += len(doubles) % 2
        for i in doubles:
            ch = text[i]
            if ch in _FOREIGN_DOUBLE:
                continue  # counted as foreign
            prev_space = i == 0 or text[i - 1].isspace()
            next_space = i == last or text[i + 1].isspace()
            if prev_space and next_space:
                spaced += 1
            elif ch == LEFT_DOUBLE:
                if mark_direction(text, i) == "close" or text[i + 1:i + 2] in _AFTER_OPENING_IS_WRONG:
                    reversed_ += 1
            elif ch == RIGHT_DOUBLE and mark_direction(text, i) == "open":
                reversed_ += 1
    for kind, n in ((REVERSED, reversed_), (SPACED, spaced), (UNPAIRED, unpaired)):
        if n:
            found[kind] = n


def _occurrences(text: str, ch: str):
    i = text.find(ch)
    while i >= 0:
        yield i
        i = text.find(ch, i + 1)


# The rule that repairs each kind counted by a rule's finds. A stage that runs before that
# rule's may leave such a defect (deleting a control character leaves two spaces): the rule
# sees it, as the count does, and repairs it. The guard judges these kinds from that
# rule's stage on; the others (no rule repairs what the count sees quite as it sees it) at
# every stage.
REPAIRED_BY: dict[str, str] = {kind: rule.id for kind, rule, _ in _RULE_KINDS}


# How far from a mark any count looks (the abbreviation a full stop ends is read up to 40
# characters back): two texts alike within twice this of every edit judge alike elsewhere.
REACH = 64
# Where a text may be cut without changing any count near the cut: a space between two
# letters or digits. No run of marks or spaces, no quotation mark and no word crosses it.
_CUT_RE = re.compile(r"(?<=[^\W_] )[^\W_]")
_DOUBLE_MARK_RE = re.compile(f"[{''.join(sorted(DOUBLE_MARKS))}{STRAIGHT}]")


def increase(text: str, lo: int, hi: int, base: list[Edit], edits: list[Edit]) -> dict[str, int] | None:
    """The kinds of which text[lo:hi] with the sorted `edits` has more than with `base` (some of
    them) only, read in windows around the edits; None when windows cannot tell (the edits add or
    remove a line break or a double quotation mark: count the whole segment then).

    For a long segment with few edits, far cheaper than counting it twice.
    """
    taken = {id(e) for e in base}
    before_total: dict[str, int] = {}
    after_total: dict[str, int] = {}
    for a, b, window in _windows(text, lo, hi, edits):
        window_base = [e for e in window if id(e) in taken]
        before = splice(text, a, b, window_base) if window_base else text[a:b]
        after = splice(text, a, b, window)
        if before.count("\n") != after.count("\n") or \
                len(_DOUBLE_MARK_RE.findall(before)) != len(_DOUBLE_MARK_RE.findall(after)):
            return None
        for total, part in ((before_total, before), (after_total, after)):
            for kind, n in count(part).items():
                if kind != UNPAIRED:  # a window's marks are not a paragraph's; their number is unchanged
                    total[kind] = total.get(kind, 0) + n
    return worse(before_total, after_total)


def _windows(text: str, lo: int, hi: int, edits: list[Edit]):
    """(start, end, edits): spans of text[lo:hi] holding the sorted edits and twice REACH
    beyond them, each cut where nothing counted crosses (or at lo and hi)."""
    margin, floor, i, n = 2 * REACH, lo, 0, len(edits)
    while i < n:
        a = _cut_before(text, edits[i].start - margin, floor)
        b = _cut_after(text, edits[i].end + margin, hi)
        j = i + 1
        while j < n and edits[j].start - margin < b:
            if edits[j].end + margin > b:
                b = _cut_after(text, edits[j].end + margin, hi)
            j += 1
        yield a, b, edits[i:j]
        floor, i = b, j


def _cut_before(text: str, pos: int, floor: int) -> int:
    """The last cut at or before pos and after floor, else floor (read back to floor at most)."""
    if pos <= floor + 1:
        return floor
    j = text.rfind(" ", floor + 1, pos)
    while j > floor:
        if text[j - 1].isalnum() and text[j + 1:j + 2].isalnum() and text[j - 1] != "_" and text[j + 1] != "_":
            return j + 1
        j = text.rfind(" ", floor + 1, j)
    return floor


def _cut_after(text: str, pos: int, ceiling: int) -> int:
    """The first cut at or after pos and before ceiling, else ceiling."""
    if pos >= ceiling:
        return ceiling
    m = _CUT_RE.search(text, pos, ceiling)
    return m.start() if m else ceiling


def worse(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """The kinds of which `after` has more than `before`, with how many more."""
    return {kind: n - before.get(kind, 0) for kind, n in after.items() if n > before.get(kind, 0)}


def describe(added: dict[str, int]) -> str:
    """`a reversed quotation mark and 2 runs of spaces`: the defects added, in words."""
    parts = [NAMES[kind][0] if n == 1 else f"{n} {NAMES[kind][1]}" for kind, n in sorted(added.items(),
                                                                                       key=lambda kv: KINDS.index(kv[0]))]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


__all__ = ["KINDS", "NAMES", "REACH", "REPAIRED_BY", "count", "describe", "increase", "worse"]
