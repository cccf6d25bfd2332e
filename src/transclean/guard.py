"""The never-worse guard: a stage may not leave a segment with a defect it did not have.

After a stage's edits are resolved, the defects of each segment they touch
(defects.py: reversed and spaced quotation marks, unpaired marks, orphan and
doubled punctuation, spaces before marks...) are counted before and after that
segment's edits. If some kind would increase, none of the stage's edits of that
segment is applied, and a flag (`guard.worse`) says which rules' edits were held
and what they would have added. A repair that misreads a paragraph (pairing its
quotation marks the wrong way round, say) then leaves it as it was, for an editor.

A segment is a paragraph (text between blank lines), or a line in a line-oriented
document (segments.py): SEGMENTERS maps a layout to the function from a span of
the text to the segments that hold it. The encoding
stage's mojibake repair is not judged (a rule with `guarded = False`): it writes back
the characters the author wrote, quotation marks included, which later stages then
repair; the marks it restores are not damage it adds. A kind that a rule's finds count
(spaces before punctuation, runs of spaces...) is judged from that rule's stage on: an
earlier stage may leave one (deleting a control character leaves two spaces), which
that rule then sees and repairs.

`--ignore guard` turns the guard off; `--select` does not (it picks the rules the
guard judges).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from . import defects, segments
from .model import Finding
from .offsets import Proposal, splice
from .rule import Rule
from .segments import PARAGRAPH_BREAK_RE

ID = "guard.worse"

# (text, start, end) -> (segment start, segment end): the smallest run of whole segments
# holding the span [start, end) of the text; an insertion at a segment's start is in it.
Segmenter = Callable[[str, int, int], tuple[int, int]]


class NeverWorse(Rule):
    """A stage's edits that would make a paragraph worse are not applied.

    After each stage, the defects transclean repairs (reversed, spaced and unpaired
    quotation marks, leftover guillemets, orphan and doubled punctuation, spaces
    before punctuation, runs of spaces, marks stranded at a line start) are counted
    in each paragraph the stage edits, before and after its edits. A stage whose
    edits would leave a paragraph with more of some kind than it had is not applied
    to that paragraph: a flag names the rules whose edits were held and the defect.
    The guard makes no edit itself. `--ignore guard` turns it off.
    Example: a paragraph whose quotes the pairing misreads, `“I am not allowed
    myself”, said Şahin` about to become `” I am not allowed myself “, said Şahin`,
    is left as it is and flagged.
    """

    id = ID
    summary = "A stage's edits that would add a defect to a paragraph are held and flagged"

    def find(self, text, ctx):
        return iter(())


RULE = NeverWorse()

_BLANK_RE = re.compile(r"[ \t]*\r?")  # what stands between the two line feeds of a paragraph break


def paragraphs(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraphs (text between blank lines, each with the break after it) holding [start, end).

    Reads back from `start` to the break before it, line by line, and on from `end` to
    the break after it: the work is the span's own paragraphs, not the whole text.
    """
    lo, q = 0, text.rfind("\n", 0, start)
    while q >= 0:
        r = text.rfind("\n", 0, q)
        if r >= 0 and _BLANK_RE.fullmatch(text, r + 1, q):
            lo = q + 1
            break
        q = r
    m = PARAGRAPH_BREAK_RE.search(text, end)
    return lo, m.end() if m else len(text)


def lines(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines (each with its line feed) holding [start, end): the segments of a line-oriented
    document. (A quotation joined over lines is judged line by line: each line's count is its own.)"""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", max(start, end - 1) if end > start else start)
    return lo, hi + 1 if hi >= 0 else len(text)


SEGMENTERS: dict[str, Segmenter] = {segments.PARAGRAPHS: paragraphs, segments.LINES: lines}


class Guard:
    """The guard of one pipeline: which rules it judges, and what a segment is."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        rules = list(rules)  # in pipeline order
        self.unguarded = frozenset(r.id for r in rules if not r.guarded)
        rank = {stage: n for n, stage in enumerate(dict.fromkeys(r.stage for r in rules))}
        stage_of = {r.id: r.stage for r in rules}
        # the stage from which each kind is judged: that of the rule that repairs it, if it runs
        self._judged_from = {kind: rank[stage_of[rule_id]] for kind, rule_id in defects.REPAIRED_BY.items()
                             if rule_id in stage_of}
        self._rank = rank
        # The counts of recent segments: what one stage leaves, the next often edits again.
        self._counts: dict[str, dict[str, int]] = {}
        self._cached = 0

    def screen(self, text: str, proposals: list[Proposal], flag: Callable[[Finding], None],
               layout: str = segments.PARAGRAPHS) -> list[Proposal]:
        """The proposals (sorted, disjoint: a stage's resolved edits) that make no segment of the
        layout worse; those of a segment they would, are reported through `flag` and left out."""
        if not proposals:
            return proposals
        kept: list[Proposal] = []
        segment, n, i = SEGMENTERS[layout], len(proposals), 0
        lo, hi = segment(text, *proposals[0].edit[:2])
        while i < n:
            j, following = i + 1, None
            while j < n:  # the proposals of the segments [lo, hi)
                s, e = proposals[j].edit[:2]
                if s >= hi:
                    following = segment(text, s, e)
                    if following[0] >= hi:
                        break
                    hi, following = max(hi, following[1]), None  # an insertion at the text's end
                elif e > hi:
                    hi = segment(text, hi, e)[1]
                j += 1
            kept += self._judge(text, lo, hi, proposals[i:j], flag)
            if following is not None:
                lo, hi = following
            i = j
        return kept

    def _judge(self, text: str, lo: int, hi: int, unit: list[Proposal],
               flag: Callable[[Finding], None]) -> list[Proposal]:
        """The unit's proposals, or only its unguarded ones if the others would add a defect."""
        guarded = [p for p in unit if p.rule not in self.unguarded] if self.unguarded else unit
        if not guarded:
            return unit
        free = [p for p in unit if p.rule in self.unguarded] if len(guarded) < len(unit) else []
        edits, base = [p.edit for p in unit], [p.edit for p in free]
        sparse = hi - lo > _WINDOWED_FROM and len(edits) * _WINDOWED_FROM < hi - lo
        added = defects.increase(text, lo, hi, base, edits) if sparse else None
        if added is None:
            after_text = splice(text, lo, hi, edits)
            after = self._count(after_text)
            if not after:
                return unit  # the usual case once repaired: nothing to compare
            before = splice(text, lo, hi, base) if base else text[lo:hi]
            added = defects.worse(self._counts.get(before) or defects.count(before, after), after)
            if not added and not after.keys().isdisjoint(_BY_LINE):
                added = _worse_by_line(before, after_text)
        if added:
            rank = self._rank.get(unit[0].rule.partition(".")[0], 0)
            added = {kind: n for kind, n in added.items() if self._judged_from.get(kind, 0) <= rank}
        if not added:
            return unit
        rules = ", ".join(dict.fromkeys(p.rule for p in guarded))
        start, end = guarded[0].edit.start, max(p.edit.end for p in guarded)
        flag(Finding(start, end, f"Not applied: {rules} would add {defects.describe(added)}"))
        return free

    def _count(self, segment: str) -> dict[str, int]:
        found = self._counts.get(segment)
        if found is None:
            found = defects.count(segment)
            self._cached += len(segment)
            if self._cached > _CACHED_CHARACTERS:
                self._counts.clear()
                self._cached = len(segment)
            self._counts[segment] = found
        return found


# Kinds judged line by line too, in a segment of several lines: a pairing thrown off by a
# quotation over lines reverses marks on one line while it repairs those of another.
_BY_LINE = frozenset((defects.REVERSED, defects.SPACED))


def _worse_by_line(before: str, after: str) -> dict[str, int]:
    """The kinds of _BY_LINE of which some line of `after` has more than the same line of
    `before` (when the edits kept the lines as they were)."""
    old, new = before.split("\n"), after.split("\n")
    added: dict[str, int] = {}
    if len(old) != len(new) or len(new) < 2:
        return added
    for a, b in zip(old, new):
        if a != b:
            for kind, n in defects.worse(defects.count(a, _BY_LINE), defects.count(b, _BY_LINE)).items():
                if kind in _BY_LINE:
                    added[kind] = added.get(kind, 0) + n
    return added


# A segment longer than this with few edits (one per this many characters at most) is read
# in windows around them.
_WINDOWED_FROM = 8 * defects.REACH
_CACHED_CHARACTERS = 1 << 22  # the segments whose counts are kept (as many characters in all)


__all__ = ["ID", "RULE", "SEGMENTERS", "Guard", "Segmenter", "lines", "paragraphs"]
