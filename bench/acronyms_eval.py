"""Precision and recall of the acronyms pack (rule glossary.acronyms) on a labelled set.

Reads tests/data/acronyms.tsv (columns lang, sentence, expected; lines starting with
`#` are comments). `sentence` is English text as machine translation from `lang`
writes it; `expected` is the same sentence with the source-language acronyms
repaired, or `keep` when it must come out unchanged (English acronyms, proper names
English keeps, English words and names spelt like a source-language acronym, code).

Each sentence is fixed by the pack alone (`--select glossary.acronyms`, unsafe fixes
on). A row is scored as a whole: it is right when the output equals the expected
text, and every changed row that is not right is a false positive.

    precision = right rows / changed rows
    recall    = right rows / rows to repair

--source-lang given (the default) passes each row's language, as
`transclean fix --source-lang fr` would; auto detects it from the sentence alone,
which one sentence rarely allows (only acronyms after their English expansion are
repaired then). --show lists every miss and every false positive.

    .venv/bin/python bench/acronyms_eval.py [--source-lang given|auto] [--show] [--json]

Always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import transclean

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "acronyms.tsv"
RULE = "glossary.acronyms"
KEEP = "keep"


@dataclass(frozen=True, slots=True)
class Row:
    lang: str
    sentence: str
    expected: str

    @property
    def positive(self) -> bool:
        return self.expected != KEEP

    @property
    def target(self) -> str:
        return self.expected if self.positive else self.sentence


def load(path: Path = DATA) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        rows = [Row(r["lang"], r["sentence"], r["expected"])
                for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
    for r in rows:
        if r.expected == r.sentence:
            raise ValueError(f"{path}: write 'keep' for a sentence that must not change: {r.sentence}")
    return rows


@dataclass
class Score:
    positives: int = 0
    changed: int = 0
    right: int = 0

    def add(self, row: Row, output: str) -> None:
        self.positives += row.positive
        self.changed += output != row.sentence
        self.right += row.positive and output == row.expected

    @property
    def precision(self) -> float:
        return self.right / self.changed if self.changed else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.positives if self.positives else 1.0

    def to_dict(self) -> dict:
        return {**vars(self), "precision": self.precision, "recall": self.recall}


@dataclass
class Report:
    total: Score = field(default_factory=Score)
    by_lang: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)


@cache
def _pipeline(lang: str, rule: str) -> transclean.Pipeline:
    return transclean.Pipeline(source_lang=lang, select=[rule], unsafe=True)


def evaluate(rows: list[Row], mode: str = "given", rule: str = RULE, also_right=None) -> Report:
    """Score every row; `also_right(row, output)` may accept another output than the expected one."""
    report = Report()
    for row in rows:
        output = _pipeline(row.lang if mode == "given" else "auto", rule).fix(row.sentence).text
        if row.positive and output != row.expected and also_right and also_right(row, output):
            output = row.expected
        report.total.add(row, output)
        report.by_lang[row.lang].add(row, output)
        if output == row.target:
            continue
        line = f"[{row.lang}] {row.sentence!r} → {output!r}" + (f" (want {row.expected!r})" if row.positive else "")
        (report.false_positives if output != row.sentence else report.misses).append(line)
    return report


def table(report: Report) -> str:
    lines = [f"{'lang':6}{'to repair':>10}{'changed':>9}{'right':>7}{'precision':>11}{'recall':>8}"]
    for lang, s in sorted(report.by_lang.items()) + [("all", report.total)]:
        lines.append(f"{lang:6}{s.positives:>10}{s.changed:>9}{s.right:>7}{s.precision:>11.3f}{s.recall:>8.3f}")
    return "\n".join(lines)


def main(rule: str = RULE, data: Path = DATA, doc: str = __doc__, also_right=None) -> int:
    """The command line of a pack's evaluation on its labelled set."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--source-lang", choices=("given", "auto"), default="given")
    ap.add_argument("--show", action="store_true", help="list every miss and every false positive")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    rows = load(data)
    report = evaluate(rows, a.source_lang, rule, also_right)
    if a.json:
        print(json.dumps({"source_lang": a.source_lang, "rows": len(rows), "total": report.total.to_dict(),
                          "by_lang": {k: v.to_dict() for k, v in sorted(report.by_lang.items())}}, indent=2))
        return 0
    print(f"{rule} ({a.source_lang} source language): {len(rows)} rows ({data.relative_to(REPO)}), "
          f"{report.total.positives} to repair, {len(rows) - report.total.positives} to keep")
    print(table(report))
    if a.show:
        print("\n".join(["false positives:"] + report.false_positives + ["misses:"] + report.misses))
    return 0


class Family:
    """Another pack's evaluation on its own labelled set, scored the same way (bench/<family>_eval.py)."""

    def __init__(self, rule: str, data: str, also_right=None) -> None:
        self.rule, self.data, self.also_right = rule, REPO / "tests" / "data" / data, also_right
        self.table = table

    def load(self) -> list[Row]:
        return load(self.data)

    def evaluate(self, rows: list[Row], mode: str = "given") -> Report:
        return evaluate(rows, mode, self.rule, self.also_right)

    def main(self, doc: str) -> int:
        return main(self.rule, self.data, doc, self.also_right)


if __name__ == "__main__":
    raise SystemExit(main())
