"""Precision and recall of the transliteration converter (rule names.transliteration).

Reads tests/data/transliteration.tsv (columns lang, input, expected; lines starting
with `#` are comments). `input` is a name, a full name or a short phrase as a
French/German/Italian/Spanish/Polish/Dutch source text, or a scientific/GOST-like
romanisation of Russian (lang `ru`), spells it in English output; `expected`
is the same words as English news writes them (equal to input for a negative
row: English forms, non-Slavic names, ordinary words, Slavic names already
spelt the English way). Input and expected have the same number of words.

Every word whose expected form differs from its input is a positive. A positive
is found only when the rule suggests exactly the expected form for that word.
Every suggestion is correct only when it gives the expected form of its word;
any suggestion on a word that must stay is a false positive.

    precision = correct suggestions / all suggestions
    recall    = positives found / all positives

By default the rule runs alone (`--mode rule`: the converter without any pack,
so names the packs know count too). `--mode pipeline` runs
`transclean.fix(input, source_lang=lang, unsafe=True)` and scores the words the
whole pipeline changes (packs and converter together).

    .venv/bin/python bench/transliteration_eval.py [--mode rule|pipeline] [--show] [--json]

Always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import transclean
from transclean.rule import Context
from transclean.rules.names import RULES

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "transliteration.tsv"
RULE_ID = "names.transliteration"
RULE = next(r for r in RULES if r.id == RULE_ID)


@dataclass(frozen=True, slots=True)
class Row:
    lang: str
    input: str
    expected: str

    @property
    def positive(self) -> bool:
        return self.input != self.expected


def load(path: Path = DATA) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            row = Row(rec["lang"], rec["input"], rec["expected"])
            if len(row.input.split()) != len(row.expected.split()):
                raise ValueError(f"{path}: input and expected differ in word count: {row}")
            rows.append(row)
    return rows


def suggestions(row: Row, mode: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of what is proposed for the row's input, word by word."""
    if mode == "rule":
        return [(e.start, e.end, e.replacement) for e in RULE.find(row.input, Context(source_lang=row.lang))]
    # The whole pipeline: a pack may rewrite several words at once; compare word by word.
    out = transclean.fix(row.input, source_lang=row.lang, unsafe=True).text.split()
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", row.input)]
    if len(out) != len(spans):
        return [(0, len(row.input), " ".join(out))]
    return [(a, b, new) for (a, b), new in zip(spans, out) if row.input[a:b] != new]


@dataclass
class Score:
    positives: int = 0
    found: int = 0
    suggested: int = 0
    correct: int = 0
    rows: int = 0
    rows_right: int = 0

    def add(self, other: Score) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def precision(self) -> float:
        return self.correct / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0


def score_row(row: Row, mode: str, show: list[str] | None = None) -> Score:
    s = Score(rows=1)
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", row.input)]
    expected = row.expected.split()
    proposed: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for start, end, new in suggestions(row, mode):
        i = next((k for k, (a, b) in enumerate(tokens) if a <= start and end <= b), None)
        if i is None:
            s.suggested += 1
            if show is not None:
                show.append(f"  FP   {row.lang} {row.input!r}: {row.input[start:end]} → {new} (spans words)")
            continue
        proposed[i].append((start, end, new))
    out_tokens = []
    for i, (a, b) in enumerate(tokens):
        word = row.input[a:b]
        for start, end, new in sorted(proposed.get(i, []), reverse=True):
            word = word[: start - a] + new + word[end - a:]
        out_tokens.append(word)
        want = expected[i]
        needed = row.input[a:b] != want
        s.positives += needed
        if proposed.get(i):
            s.suggested += 1
            ok = word == want and needed
            s.correct += ok
            s.found += ok
            if not ok and show is not None:
                show.append(f"  FP   {row.lang} {row.input!r}: {row.input[a:b]} → {word} (want {want})")
        elif needed and show is not None:
            show.append(f"  MISS {row.lang} {row.input!r}: {row.input[a:b]} (want {want})")
    s.rows_right = " ".join(out_tokens) == " ".join(expected)
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("rule", "pipeline"), default="rule")
    ap.add_argument("--show", action="store_true", help="list every miss and every wrong suggestion")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    rows = load()
    show: list[str] | None = [] if a.show else None
    by_lang: dict[str, Score] = defaultdict(Score)
    total = Score()
    neg_rows = neg_touched = 0
    for row in rows:
        s = score_row(row, a.mode, show)
        by_lang[row.lang].add(s)
        total.add(s)
        if not row.positive:
            neg_rows += 1
            neg_touched += s.suggested > 0

    if a.json:
        print(json.dumps({
            "mode": a.mode,
            "rows": len(rows),
            "positive_rows": sum(r.positive for r in rows),
            "negative_rows": neg_rows,
            "negative_rows_touched": neg_touched,
            "total": {**vars(total), "precision": total.precision, "recall": total.recall},
            "by_lang": {k: {**vars(v), "precision": v.precision, "recall": v.recall}
                        for k, v in sorted(by_lang.items())},
        }, indent=2))
        return 0
    print(f"transliteration converter ({a.mode}): {len(rows)} rows ({DATA.relative_to(REPO)}): "
          f"{sum(r.positive for r in rows)} positive rows with {total.positives} words to change, "
          f"{neg_rows} negative rows")
    print(f"{'lang':6}{'positives':>10}{'found':>7}{'suggested':>10}{'correct':>8}{'precision':>10}{'recall':>8}")
    for lang, s in sorted(by_lang.items()) + [("all", total)]:
        print(f"{lang:6}{s.positives:>10}{s.found:>7}{s.suggested:>10}{s.correct:>8}"
              f"{s.precision:>10.3f}{s.recall:>8.3f}")
    print(f"precision {total.precision:.3f}  recall {total.recall:.3f}  "
          f"(negative rows touched: {neg_touched}/{neg_rows})")
    if show:
        print("\n".join(show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
