"""Precision and recall of the untranslated-fragment detector on a labelled set.

Reads tests/data/fragments.tsv (columns lang, label, sentence, span; label
`fragment` with the exact span that must be flagged, or `english` for a sentence
that must not be flagged), runs every sentence through
`transclean.fix(sentence, source_lang=...)` and looks at the flags of rule
fragments.untranslated.

A labelled fragment is found (recall) when a flag overlaps its span and names
its language; it is found exactly when a flag has its very span. A flag is
correct (precision) when it overlaps a labelled span of its own language; every
other flag, on an English sentence or beside the fragment, is a false positive.
Rows are split by language (a flag counts for the language it names) and by the
length of the labelled span in words (a stray flag by its own length): 1, 2,
3-4, 5-8, and 3+ together.

    .venv/bin/python bench/fragments_eval.py [--source-lang auto|given] [--show] [--json]

--source-lang given passes each row's language (fr, de, it, es, pt, ru) as the
explicit source language, as `transclean fix --source-lang fr` would; the
default is auto. --show lists every miss and every false positive. Always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import transclean

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "fragments.tsv"
RULE = "fragments.untranslated"
LANGS = ("fr", "de", "it", "es", "pt", "ru")
BUCKETS = ("1", "2", "3-4", "5-8")


@dataclass(frozen=True, slots=True)
class Row:
    lang: str
    label: str
    sentence: str
    span: str


def load(path: Path = DATA) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = [Row(r["lang"], r["label"], r["sentence"], r["span"] or "") for r in reader]
    for r in rows:
        if r.label not in ("fragment", "english"):
            raise ValueError(f"bad label {r.label!r}: {r.sentence}")
        if (r.label == "fragment") != bool(r.span) or r.span not in r.sentence:
            raise ValueError(f"bad span {r.span!r}: {r.sentence}")
    return rows


def bucket(words: int) -> str:
    return "1" if words <= 1 else "2" if words == 2 else "3-4" if words <= 4 else "5-8"


@dataclass
class Cell:
    """Counts for one row of the table."""

    labels: int = 0   # labelled fragments
    found: int = 0    # of them, overlapped by a flag of the right language
    exact: int = 0    # of them, flagged with exactly the labelled span
    flags: int = 0    # flags counted here
    correct: int = 0  # of them, on a labelled fragment of their language

    @property
    def recall(self) -> float | None:
        return self.found / self.labels if self.labels else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.flags if self.flags else None

    @property
    def exact_rate(self) -> float | None:
        return self.exact / self.labels if self.labels else None

    def to_dict(self) -> dict:
        return {"labels": self.labels, "found": self.found, "exact": self.exact, "flags": self.flags,
                "correct": self.correct, "recall": self.recall, "precision": self.precision,
                "exact_rate": self.exact_rate}


@dataclass
class Report:
    cells: dict[str, Cell] = field(default_factory=lambda: defaultdict(Cell))
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    inexact: list[str] = field(default_factory=list)

    def add(self, keys: list[str], **counts: int) -> None:
        for key in keys:
            cell = self.cells[key]
            for name, n in counts.items():
                setattr(cell, name, getattr(cell, name) + n)


def evaluate(rows: list[Row], source_lang: str = "auto") -> Report:
    """Run the detector over the rows; source_lang "given" uses each row's language."""
    report = Report()
    for row in rows:
        lang = row.lang if source_lang == "given" and row.lang in LANGS else source_lang
        if source_lang == "given" and row.lang not in LANGS:
            lang = "auto"
        result = transclean.fix(row.sentence, source_lang=lang)
        flags = [(f.start, f.end, f.language) for f in result.flags if f.rule == RULE]
        label = None
        if row.label == "fragment":
            start = row.sentence.index(row.span)
            label = (start, start + len(row.span))
            b = bucket(len(row.span.split()))
            keys = [f"lang {row.lang}", f"len {b}", "all"] + (["len 3+"] if b in ("3-4", "5-8") else [])
            hit = [f for f in flags if f[2] == row.lang and f[0] < label[1] and label[0] < f[1]]
            exact = any(f[:2] == label for f in hit)
            report.add(keys, labels=1, found=bool(hit), exact=exact)
            if not hit:
                got = "; ".join(f"{row.sentence[s:e]!r} ({lg})" for s, e, lg in flags) or "no flag"
                report.misses.append(f"[{row.lang} {b}] {row.span!r} in: {row.sentence}  -- got {got}")
            elif not exact:
                got = "; ".join(f"{row.sentence[s:e]!r}" for s, e, _ in hit)
                report.inexact.append(f"[{row.lang} {b}] want {row.span!r}, got {got}")
        for s, e, lg in flags:
            ok = label is not None and lg == row.lang and s < label[1] and label[0] < e
            b = bucket(len(row.span.split())) if ok else bucket(len(row.sentence[s:e].split()))
            keys = [f"lang {lg}", f"len {b}", "all"] + (["len 3+"] if b in ("3-4", "5-8") else [])
            report.add(keys, flags=1, correct=ok)
            if not ok:
                report.false_positives.append(f"[{row.label} {row.lang}] flag {row.sentence[s:e]!r} ({lg}) in: {row.sentence}")
    return report


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def table(report: Report) -> str:
    order = [f"lang {l}" for l in LANGS]
    order += sorted(k for k in report.cells if k.startswith("lang ") and k not in order)
    order += [f"len {b}" for b in BUCKETS] + ["len 3+", "all"]
    lines = [f"{'':<9} {'labels':>6} {'found':>6} {'recall':>6} {'flags':>6} {'right':>6} {'prec':>6} {'exact':>6} {'ex.rate':>7}"]
    for key in order:
        c = report.cells.get(key, Cell())
        lines.append(f"{key:<9} {c.labels:>6} {c.found:>6} {_fmt(c.recall):>6} {c.flags:>6} {c.correct:>6}"
                     f" {_fmt(c.precision):>6} {c.exact:>6} {_fmt(c.exact_rate):>7}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--source-lang", default="auto", help="auto (default), given (each row's language), or a code")
    ap.add_argument("--show", action="store_true", help="list misses, inexact spans and false positives")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rows = load(a.data)
    report = evaluate(rows, a.source_lang)
    if a.json:
        print(json.dumps({k: c.to_dict() for k, c in report.cells.items()}, indent=2))
        return 0
    n_frag = sum(r.label == "fragment" for r in rows)
    print(f"{a.data.name}: {n_frag} fragments, {len(rows) - n_frag} English sentences; source_lang={a.source_lang}")
    print(table(report))
    if a.show:
        for title, items in (("misses", report.misses), ("inexact spans", report.inexact),
                             ("false positives", report.false_positives)):
            print(f"\n{title} ({len(items)}):")
            for item in items:
                print("  " + item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
