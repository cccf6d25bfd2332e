"""Counts per rule over a run, as `fix --statistics` prints them (after ruff's).

A row is a rule with one kind of finding: its safe fixes (`[*]`), its unsafe fixes
(`[-]`: held back unless --unsafe-fixes) or its flags for review (no mark). A change
that two stages made together counts under its joined id (`quotes.x+punctuation.y`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from .model import Result

MARKS = {"safe": "[*]", "unsafe": "[-]", "flag": "   "}


def summary_of(rule_id: str, summaries: Mapping[str, str]) -> str:
    """A rule's one-line summary; a joined id's summaries joined (an unknown id has none)."""
    return "; ".join(filter(None, (summaries.get(part, "") for part in rule_id.split("+"))))


class Statistics:
    """The changes, held-back fixes and flags of one or more results, counted per rule."""

    def __init__(self, summaries: Mapping[str, str], results: Iterable[Result] = ()) -> None:
        self.summaries = summaries
        self.rows: Counter[tuple[str, str]] = Counter()
        self.changes = self.applied = self.held_back = self.flags = 0
        for result in results:
            self.add(result)

    def add(self, result: Result) -> None:
        for c in result.changes:
            self.rows[c.rule, "safe" if c.safe else "unsafe"] += 1
            self.applied += c.applied
            self.held_back += not c.applied
        for f in result.flags:
            self.rows[f.rule, "flag"] += 1
        self.changes += len(result.changes)
        self.flags += len(result.flags)

    def sorted_rows(self) -> list[tuple[int, str, str]]:
        """(count, rule, kind), most frequent first, then by rule id and kind."""
        order = list(MARKS)
        return sorted(((n, rule, kind) for (rule, kind), n in self.rows.items()),
                      key=lambda row: (-row[0], row[1], order.index(row[2])))

    def lines(self) -> list[str]:
        """The table, then the totals line."""
        rows = self.sorted_rows()
        count_width = max((len(str(n)) for n, _, _ in rows), default=1)
        rule_width = max((len(rule) for _, rule, _ in rows), default=0)
        table = [f"{n:>{count_width}}  {rule:<{rule_width}}  {MARKS[kind]}  {summary_of(rule, self.summaries)}".rstrip()
                 for n, rule, kind in rows]
        return [*table, self.totals()]

    def totals(self) -> str:
        held = f"{self.held_back} unsafe fix{'es' * (self.held_back != 1)} held back"
        return (f"{self.changes} change{'s' * (self.changes != 1)} ({self.applied} applied, {held}), "
                f"{self.flags} flag{'s' * (self.flags != 1)}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": [{"rule": rule, "kind": kind, "count": n, "summary": summary_of(rule, self.summaries)}
                      for n, rule, kind in self.sorted_rows()],
            "changes": self.changes, "applied": self.applied, "held_back": self.held_back, "flags": self.flags,
        }
