"""The per-rule safety table: how often each rule fires on clean prose and on the samples.

A fix's safety is measured, not declared. For every rule this prints (as Markdown,
for docs/rules.md):
  - changes per MB on clean English prose (a corpus built by
    ../shared/corpus/build.sh), --source-lang auto; unsafe rules counted by the
    fixes they would make (held back by default);
  - for the locale rules, changes per MB on the same prose with each profile
    forced on (--source-lang fr, de, ...): the worst case, if detection were wrong;
  - hits on the golden samples (every fix applied, each sample's own language).
Every change on clean prose is a false positive until shown otherwise.

    .venv/bin/python bench/rule_table.py [/tmp/corpus] > docs/rules.md
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import transclean
from transclean.pipeline import all_rules
from transclean.profiles import languages

REPO = Path(__file__).resolve().parent.parent
CHUNK = 1_000_000


def chunks(corpus: Path):
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        start = 0
        while start < len(text):
            end = text.find("\n\n", start + CHUNK)
            end = len(text) if end < 0 else end
            yield text[start:end]
            start = end + 2  # the blank line between chunks belongs to neither


def count(pipeline: transclean.Pipeline, texts) -> Counter:
    """Changes and flags per rule (a flag-only rule, such as the guard, fires by flagging)."""
    hits: Counter = Counter()
    for text in texts:
        result = pipeline.fix(text)
        for change in result.changes:
            for rule in change.rule.split("+"):
                hits[rule] += 1
        for flag in result.flags:
            hits[flag.rule] += 1
    return hits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=Path("/tmp/corpus"))
    args = ap.parse_args()
    texts = list(chunks(args.corpus))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"measuring {mb:.1f} MB of clean prose ...", file=sys.stderr)
    clean = count(transclean.Pipeline(), texts)
    forced: Counter = Counter()
    for lang in languages():
        print(f"  profile {lang} forced ...", file=sys.stderr)
        forced += count(transclean.Pipeline(source_lang=lang, select=["locale"]), texts)
    samples: Counter = Counter()
    for path in sorted((REPO / "samples").glob("*.txt")):
        if path.name.endswith(".expected.txt"):
            continue
        head = path.name.split("-", 1)[0]
        lang = head if head in languages() else "auto"
        samples += count(transclean.Pipeline(source_lang=lang, unsafe=True), [path.read_text(encoding="utf-8")])

    print("# Rules, and how often they fire\n")
    print(f"Measured with `bench/rule_table.py` on {mb:.1f} MB of clean English prose (Austen, Melville,")
    print("the Python documentation, the Debian Administrator's Handbook) and on the golden samples.")
    print("On clean prose every change is a false positive until shown otherwise; unsafe rules")
    print("are counted by the fixes they would make if `--unsafe-fixes` were given; rules that only")
    print("flag (untranslated fragments, the never-worse guard) are counted by their flags.\n")
    print("| rule | safety | languages | clean prose, auto (/MB) | clean prose, profile forced (/MB) | hits in samples |")
    print("|---|---|---|---|---|---|")
    for rule in all_rules():
        langs = ",".join(sorted(rule.languages)) or "all"
        forced_cell = f"{forced[rule.id] / mb:.2f}" if rule.stage == "locale" else "–"
        print(f"| `{rule.id}` | {'safe' if rule.safe else 'unsafe'} | {langs} | {clean[rule.id] / mb:.2f} "
              f"| {forced_cell} | {samples[rule.id]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
