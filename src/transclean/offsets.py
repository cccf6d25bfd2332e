"""Keeps every change in the coordinates of the original text.

Stages edit the current text one after another. The change log holds the applied
changes as disjoint pieces of the ORIGINAL text with their replacements; an edit
made by a later stage that touches the output of an earlier change is merged with
it, so the reported changes never overlap and applying them to the original input
always rebuilds the current text.
"""

from __future__ import annotations

import bisect
from array import array
from itertools import accumulate
from collections.abc import Sequence
from operator import add, itemgetter, sub
from typing import NamedTuple

from .model import Change, Edit, Finding, Flag


class _Piece(NamedTuple):  # a tuple: tens of thousands are made per run, and tuples are made fast
    start: int  # in the original text
    end: int
    after: str
    rules: tuple[str, ...]
    messages: tuple[str, ...]
    safe: bool


class Proposal(NamedTuple):
    """An edit on the current text, tagged with its rule and effective safety."""

    edit: Edit
    rule: str
    safe: bool


_NONE = range(0)
_START, _END, _AFTER = itemgetter(0), itemgetter(1), itemgetter(2)


def _merge(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return a + tuple(x for x in b if x not in a)


def _single(singles: dict[str, tuple[str]], item: str) -> tuple[str]:
    """The one-item tuple of item, made once per stage."""
    one = singles.get(item)
    if one is None:
        one = singles[item] = (item,)
    return one


def _intersects(p_start: int, p_end: int, e_start: int, e_end: int) -> bool:
    """Does an edit of [e_start, e_end) touch the output [p_start, p_end) of a piece?"""
    if p_start == p_end:
        return e_start <= p_start <= e_end
    if e_start == e_end:
        return p_start < e_start < p_end
    return e_start < p_end and p_start < e_end


class ChangeLog:
    """Applied changes of one run, in original coordinates."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._pieces: list[_Piece] = []
        self._index()

    def _index(self) -> None:
        """Recompute where each piece's output lies in the current text (C-level maps: runs once per stage)."""
        pieces = self._pieces
        starts, lengths = list(map(_START, pieces)), list(map(len, map(_AFTER, pieces)))
        # arrays of machine integers: a text with millions of changes keeps three numbers for each
        self._shift = array("q", accumulate(map(sub, lengths, map(sub, map(_END, pieces), starts)), initial=0))
        self._cur_starts = array("q", map(add, starts, self._shift))
        self._cur_ends = array("q", map(add, self._cur_starts, lengths))

    def _touching(self, start: int, end: int) -> range:
        """Indices of the pieces whose output the span [start, end) touches."""
        lo = bisect.bisect_left(self._cur_ends, start)
        hi = lo
        n = len(self._pieces)
        while hi < n and self._cur_starts[hi] <= end:
            hi += 1
        hits = [i for i in range(lo, hi) if _intersects(self._cur_starts[i], self._cur_ends[i], start, end)]
        return range(hits[0], hits[-1] + 1) if hits else range(0)

    def _to_original(self, pos: int) -> int:
        """Map a current-text position outside every piece's output to the original."""
        return pos - self._shift[bisect.bisect_right(self._cur_ends, pos)]

    def _region(self, start: int, end: int, pieces: range) -> tuple[int, int, int, int]:
        """The current span and original span covering [start, end) and the given pieces."""
        if not pieces:
            return start, end, self._to_original(start), self._to_original(end)
        first, last = pieces[0], pieces[-1]
        cur_start = min(start, self._cur_starts[first])
        cur_end = max(end, self._cur_ends[last])
        orig_start = self._pieces[first].start if cur_start == self._cur_starts[first] else self._to_original(cur_start)
        orig_end = self._pieces[last].end if cur_end == self._cur_ends[last] else self._to_original(cur_end)
        return cur_start, cur_end, orig_start, orig_end

    def apply(self, current: str, proposals: list[Proposal]) -> str:
        """Apply non-overlapping proposals (sorted by start) and return the new text."""
        if not proposals:
            return current
        new: list[_Piece] = []
        replaced: set[int] = set()
        group: list[Proposal] = []  # edits of earlier changes' output, merged with them...
        touched_by_group = _NONE  # ...and the pieces they touch
        starts, ends, shift, n, k = self._cur_starts, self._cur_ends, self._shift, len(self._pieces), 0
        singles: dict[str, tuple[str]] = {}  # one (rule,) and one (message,) shared by the stage's pieces
        for prop in proposals:
            edit = prop.edit
            s, e = edit.start, edit.end
            while k < n and ends[k] < s:  # proposals are sorted: skip the pieces left behind
                k += 1
            touched = _NONE if k >= n or starts[k] > e else self._touching(s, e)
            if touched and group and touched_by_group[-1] >= touched[0]:
                group.append(prop)
                touched_by_group = range(touched_by_group[0], max(touched_by_group[-1], touched[-1]) + 1)
                continue
            if group:
                self._merged(current, group, touched_by_group, new, replaced)
                group = []
            if touched:
                group, touched_by_group = [prop], touched
            else:  # fresh text, the common case: the same number of pieces lies before s and e
                delta = shift[bisect.bisect_right(ends, s, k)]
                new.append(_Piece(s - delta, e - delta, edit.replacement, _single(singles, prop.rule),
                                  _single(singles, edit.message), prop.safe))
        if group:
            self._merged(current, group, touched_by_group, new, replaced)
        kept = [p for i, p in enumerate(self._pieces) if i not in replaced] if replaced else self._pieces
        # Two sorted runs: a merge. Pieces are disjoint, so their spans differ and decide the order.
        self._pieces = sorted(kept + new) if kept else new
        self._index()
        return splice(current, 0, len(current), [p.edit for p in proposals])

    def _merged(self, current: str, members: list[Proposal], touched: range, new: list[_Piece],
                replaced: set[int]) -> None:
        """One piece for edits of earlier changes' output and those changes (dropped if it undoes them)."""
        cur_start, cur_end, orig_start, orig_end = self._region(members[0].edit.start, members[-1].edit.end, touched)
        after = splice(current, cur_start, cur_end, [m.edit for m in members])
        rules: tuple[str, ...] = ()
        messages: tuple[str, ...] = ()
        safe = True
        for i in touched:
            p = self._pieces[i]
            rules, messages, safe = _merge(rules, p.rules), _merge(messages, p.messages), safe and p.safe
            replaced.add(i)
        for m in members:
            rules, messages = _merge(rules, (m.rule,)), _merge(messages, (m.edit.message,))
            safe = safe and m.safe
        if after != self.original[orig_start:orig_end]:
            new.append(_Piece(orig_start, orig_end, after, rules, messages, safe))

    def suggestion(self, current: str, prop: Proposal) -> Change:
        """Report an edit that is not applied, against the original text."""
        touched = self._touching(prop.edit.start, prop.edit.end)
        cur_start, cur_end, orig_start, orig_end = self._region(prop.edit.start, prop.edit.end, touched)
        after = splice(current, cur_start, cur_end, [prop.edit])
        return Change(
            prop.rule, orig_start, orig_end, self.original[orig_start:orig_end], after,
            prop.edit.message, prop.safe, applied=False,
        )

    def flag(self, rule: str, finding: Finding) -> Flag:
        """Report a finding on the current text against the original text."""
        touched = self._touching(finding.start, finding.end)
        _, _, orig_start, orig_end = self._region(finding.start, finding.end, touched)
        return Flag(rule, orig_start, orig_end, finding.message, finding.language, finding.suggestion)

    def unmoved(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Where sorted spans of the original that no change touched lie in the current text."""
        if not self._pieces:
            return list(spans)
        ends, shift = [p.end for p in self._pieces], self._shift
        return [(s + shift[bisect.bisect_right(ends, s)], e + shift[bisect.bisect_left(ends, e)]) for s, e in spans]

    def changes(self) -> list[Change]:
        """The applied changes, in original coordinates."""
        return [
            Change("+".join(p.rules), p.start, p.end, self.original[p.start:p.end], p.after,
                   "; ".join(p.messages), p.safe, applied=True)
            for p in self._pieces
        ]


def splice(text: str, start: int, end: int, edits: list[Edit]) -> str:
    """text[start:end] with the sorted, disjoint edits applied."""
    out, pos = [], start
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:end])
    return "".join(out)
