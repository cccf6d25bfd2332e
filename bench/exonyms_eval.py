"""Precision and recall of the exonyms pack (rule names.exonyms) on a labelled set.

Reads tests/data/exonyms.tsv (columns lang, sentence, expected, as
bench/acronyms_eval.py reads its set): `sentence` is English text as machine
translation from `lang` writes it, with place names in that language's form
(Londres, Warschau, Varsovia); `expected` is the sentence with them in English, or
`keep` for English text that must not change (Florence, Nice, Chile, Jordan, Georgia,
the Roma, Bayern alone, clubs, addresses, URLs). Scored as bench/acronyms_eval.py
scores: a row is right when the output equals the expected text.

    .venv/bin/python bench/exonyms_eval.py [--source-lang given|auto] [--show] [--json]

Always exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import acronyms_eval  # noqa: E402  (the scoring, shared)

FAMILY = acronyms_eval.Family("names.exonyms", "exonyms.tsv")
load, evaluate, table = FAMILY.load, FAMILY.evaluate, FAMILY.table

if __name__ == "__main__":
    raise SystemExit(FAMILY.main(__doc__))
