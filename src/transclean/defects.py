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
  after a sentence): one rule, one place;
- `line-start-mark`: a comma or semicolon, or a stop, colon, `!` or `?` before a space, at
  the start of a line, where a segment boundary stranded it.

Every count is the sum of the counts of the text's paragraphs, so a text's count
is that of its segments added up. Linear in the text, with substring screens first.
"""

from __future__ import annotations

import re

from .chars import (
    LEFT_DOUBLE, LEFT_GUILLEMET, LEFT_SINGLE_GUILLEMET, LOW_DOUBLE, LOW_SINGLE, REVERSED_DOUBLE, RIGHT_DOUBLE,
    RIGHT_GUILLEMET, RIGHT_SINGLE_GUILLEMET, SPACE,
)
from .rule import Context
from .rules import punctuation, whitespace
from .rules.quotes import CLOSING_PUNCTUATION, SINGLE_GUILLEMETS, STRAIGHT, context_direction, marks_by_paragraph

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

# Each kind as one of them and as several are named in the guard's messages.
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

FOREIGN_MARKS = (LEFT_GUILLEMET, RIGHT_GUILLEMET, LEFT_SINGLE_GUILLEMET, RIGHT_SINGLE_GUILLEMET, LOW_DOUBLE, LOW_SINGLE,
                 REVERSED_DOUBLE)
_FOREIGN_DOUBLE = frozenset(FOREIGN_MARKS) - SINGLE_GUILLEMETS - {LOW_SINGLE}
_QUOTE_SCREEN = (LEFT_DOUBLE, RIGHT_DOUBLE, STRAIGHT, *FOREIGN_MARKS)
_AFTER_OPENING_IS_WRONG = frozenset(CLOSING_PUNCTUATION)
_LINE_START_RE = re.compile(f"^[{SPACE}]*(?:[,;]|[.:!?](?=\\s|\\Z))", re.MULTILINE)
_LINE_START_FIRST = frozenset(",;.:!?" + SPACE)
_LINE_START_SCREEN = tuple(f"\n{mark}" for mark in ",;.:!?") + tuple(f"\n{s}" for s in SPACE)

# The rules whose finds are the count of their kind, each with the substrings one of
# which every find holds (their screens: a text without any is not shown to them).
_RULE_KINDS = (
    (SPACE_BEFORE, punctuation.SpaceBefore(), (" ", "\u00a0", "\u202f")),
    (SPACE_AFTER_BRACKET, punctuation.SpaceAfterOpening(), ("(", "[")),
    (ORPHAN, punctuation.Orphan(), (".", ",", ";", ":")),
    (DOUBLED, punctuation.Doubled(), punctuation.Doubled.screen),
    (SPACE_RUN, whitespace.SpaceRun(), ("  ", *SPACE[1:])),
)
_SPACE_BEFORE_SCREEN = tuple(f"{s}{mark}" for s in SPACE for mark in ",;:!?)]%.")


def count(text: str) -> dict[str, int]:
    """The defects of each kind in the text (kinds it has none of left out)."""
    found: dict[str, int] = {}
    if any(ch in text for ch in _QUOTE_SCREEN):
        _count_quotes(text, found)
    ctx = Context()
    for kind, rule, screen in _RULE_KINDS:
        if kind == SPACE_BEFORE:
            if not any(s in text for s in _SPACE_BEFORE_SCREEN):
                continue
        elif not any(s in text for s in screen):
            continue
        n = sum(1 for _ in rule.find(text, ctx))
        if n:
            found[kind] = n
    if text[:1] in _LINE_START_FIRST or any(s in text for s in _LINE_START_SCREEN):
        n = sum(1 for _ in _LINE_START_RE.finditer(text))
        if n:
            found[LINE_START] = n
    return found


def _count_quotes(text: str, found: dict[str, int]) -> None:
    foreign = sum(text.count(ch) for ch in FOREIGN_MARKS)
    if foreign:
        found[FOREIGN] = foreign
    reversed_, spaced, unpaired = 0, 0, 0
    last = len(text) - 1
    for marks in marks_by_paragraph(text, inch_marks=True):  # a repaired mark may read as one (2038” and)
        doubles = [i for i in marks if text[i] not in SINGLE_GUILLEMETS]
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
                if context_direction(text, i) == "close" or text[i + 1:i + 2] in _AFTER_OPENING_IS_WRONG:
                    reversed_ += 1
            elif ch == RIGHT_DOUBLE and context_direction(text, i) == "open":
                reversed_ += 1
    for kind, n in ((REVERSED, reversed_), (SPACED, spaced), (UNPAIRED, unpaired)):
        if n:
            found[kind] = n


# The rule that repairs each kind counted by a rule's finds. A stage that runs before that
# rule's may leave such a defect (deleting a control character leaves two spaces): the rule
# sees it, as the count does, and repairs it. The guard judges these kinds from that
# rule's stage on; the others (no rule repairs what the count sees quite as it sees it) at
# every stage.
REPAIRED_BY: dict[str, str] = {kind: rule.id for kind, rule, _ in _RULE_KINDS}


def worse(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """The kinds of which `after` has more than `before`, with how many more."""
    return {kind: n - before.get(kind, 0) for kind, n in after.items() if n > before.get(kind, 0)}


def describe(added: dict[str, int]) -> str:
    """`a reversed quotation mark and 2 runs of spaces`: the defects added, in words."""
    parts = [NAMES[kind][0] if n == 1 else f"{n} {NAMES[kind][1]}" for kind, n in sorted(added.items(),
                                                                                       key=lambda kv: KINDS.index(kv[0]))]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


__all__ = ["KINDS", "NAMES", "REPAIRED_BY", "count", "describe", "worse"]
