"""Precision and recall of the titles pack (rule glossary.titles) on a labelled set.

Reads tests/data/titles.tsv (columns lang, sentence, expected, as bench/acronyms_eval.py
reads its set): `sentence` is English news as machine translation from `lang` writes it,
naming a film, series or book by a literal rendering of its local title (word for word,
in the source's capitals or in Title Case, without its article, with a possessive or
another word for a word); `expected` is the sentence with the English title, or `keep`
for English that must not change (ordinary phrases that look like such renderings, near
film words too, and English titles written right). The set was written from the local
titles and their English titles alone, without the pack's hand-written forms; its last part,
260 works drawn from rules/tables/title_works.toml, by a writer who had not seen the table's
renderings. Scored as
bench/acronyms_eval.py scores, a title moved before its kind word the pack's way (`the
series The Avengers` as `The Avengers series`) counting as right; the table also says how many right rows the derived
renderings made (src/transclean/renderings.py), how many the table of works
(src/transclean/works.py) and how many the hand-written forms.

    .venv/bin/python bench/titles_eval.py [--source-lang given|auto] [--show] [--json]

Always exits 0.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import acronyms_eval  # noqa: E402  (the scoring, shared)
from transclean.works import TABLE  # noqa: E402

RULE = "glossary.titles"
DERIVED = "rendered word for word"  # in the message of a change a derived entry made
REORDER = ("saga", "franchise", "series", "film", "movie", "trilogy")  # the titles pack's `reorder`


def _house_style(row: acronyms_eval.Row, output: str) -> bool:
    """Is the output the expected text with the pack's own order of a title and its kind word
    (`the series The Avengers` written `The Avengers series`, as the pack's `reorder` does)?"""
    sentence, expected = row.sentence, row.expected
    p = 0
    while p < min(len(sentence), len(expected)) and sentence[p] == expected[p]:
        p += 1
    q = 0
    while q < min(len(sentence), len(expected)) - p and sentence[-1 - q] == expected[-1 - q]:
        q += 1
    while p and expected[p - 1].isalnum():  # whole words: `Emergencies` and `ER` share an E
        p -= 1
    while q and expected[len(expected) - q].isalnum():
        q -= 1
    # the kind word before the title, which may start with words the rendering shares (`To have...`)
    heads = list(re.finditer(rf"\b([Tt]he )({'|'.join(REORDER)}) (The )?", expected[:p]))
    head = heads[-1] if heads else None
    if head is None or len(expected[head.end():p].split()) > 3:
        return False
    title, after = expected[head.end() - len(head.group(3) or ""):len(expected) - q], expected[len(expected) - q:]
    lead = head.group(1) if not title.startswith("The ") else ""
    return output == f"{expected[:head.start()]}{lead}{title} {head.group(2)}{after}"


def derived_share(rows: list[acronyms_eval.Row]) -> tuple[int, int, int]:
    """(right rows made by a derived rendering, by the table of works, by hand-written forms), language given."""
    derived = works = hand = 0
    for row in rows:
        if not row.positive:
            continue
        result = acronyms_eval._pipeline(row.lang, RULE).fix(row.sentence)
        if result.text == row.expected or _house_style(row, result.text):
            if any(DERIVED in c.message for c in result.changes):
                derived += 1
            elif any(TABLE in c.message for c in result.changes):
                works += 1
            else:
                hand += 1
    return derived, works, hand


FAMILY = acronyms_eval.Family(RULE, "titles.tsv", _house_style)
load, evaluate, table = FAMILY.load, FAMILY.evaluate, FAMILY.table


def main() -> int:
    code = FAMILY.main(__doc__)
    if "--json" not in sys.argv:
        derived, works, hand = derived_share(load())
        print(f"right with the language given: {derived} by derived renderings, {works} by the table of works,"
              f" {hand} by hand-written forms")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
