"""Fingerprints of the pipeline's output, to show that a speed change changes no output.

For every sample, seed, external sentence file and chunk of the clean corpus, under
several settings (auto-detected, each source language, unsafe fixes), the JSON
document of the result is hashed. Run it before and after a change and compare:

    .venv/bin/python bench/fingerprint.py [--corpus DIR] [--mb 8] > after.tsv
    PYTHONPATH=/path/to/old/src .venv/bin/python bench/fingerprint.py > before.tsv
    diff before.tsv after.tsv          # no output: the same output everywhere
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import transclean

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SETTINGS = (("auto", False), ("auto", True), ("fr", False), ("fr", True), ("de", True), ("it", True),
            ("es", True), ("pt", True), ("ru", True), ("en", False))
CHUNK = 200_000


def inputs(corpus: Path | None, mb: float):
    """(name, text) of every input: samples, seeds, external sentences, corpus chunks."""
    for path in sorted((REPO / "samples").rglob("*.txt")):
        yield str(path.relative_to(REPO)), path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        yield f"seeds/{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "external").glob("*.txt")):
        yield f"external/{path.name}", path.read_text(encoding="utf-8")
    if corpus:
        for name in ("books.txt", "docs.txt"):
            text = (corpus / name).read_text(encoding="utf-8")[: int(mb * 500_000)]
            for i in range(0, len(text), CHUNK):
                yield f"corpus/{name}@{i}", text[i:i + CHUNK]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/transclean-corpus-public"))
    ap.add_argument("--mb", type=float, default=8.0, help="megabytes of the corpus read (half books, half docs)")
    a = ap.parse_args()
    corpus = a.corpus if a.corpus.is_dir() else None
    pipes = {s: transclean.Pipeline(source_lang=s[0], unsafe=s[1]) for s in SETTINGS}
    for name, text in inputs(corpus, a.mb):
        for (lang, unsafe), pipe in pipes.items():
            if name.startswith("corpus/") and (lang, unsafe) not in (("auto", False), ("fr", True)):
                continue  # the corpus is large: two settings are enough there
            doc = json.dumps(pipe.fix(text).to_dict(), ensure_ascii=False, sort_keys=True)
            print(f"{name}\t{lang}{'+unsafe' if unsafe else ''}\t{hashlib.sha256(doc.encode()).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
