"""Precision and recall of the regnal-names pack (rule names.regnal) on a labelled set.

Reads tests/data/regnal.tsv (columns lang, sentence, expected, as bench/acronyms_eval.py
reads its set): `sentence` is English news as machine translation from `lang` writes it,
with a king, queen, pope or ruler named in that language's form (Carlos III, Juan Pablo
II, Papst Franziskus, Guillaume le Conquérant); `expected` is the sentence with the
English name, or `keep` for English that must not change (Felipe VI, Ludwig II of
Bavaria, the Carlos III University). The set was written without the pack in view.
Scored as bench/acronyms_eval.py scores.

    .venv/bin/python bench/regnal_eval.py [--source-lang given|auto] [--show] [--json]

Always exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import acronyms_eval  # noqa: E402  (the scoring, shared)

FAMILY = acronyms_eval.Family("names.regnal", "regnal.tsv")
load, evaluate, table = FAMILY.load, FAMILY.evaluate, FAMILY.table

if __name__ == "__main__":
    raise SystemExit(FAMILY.main(__doc__))
