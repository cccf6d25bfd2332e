"""Throughput of the full default transclean pipeline against ftfy.fix_text.

The brief's "Fast" principle: the whole pipeline should be faster than
ftfy.fix_text alone on the same text. Both run on the same text in the same
process, taking turns; each side keeps the best of --repeat rounds. Texts (--mb MB each):

  clean  clean English prose: books.txt + docs.txt from --corpus DIR (built by
         ../shared/corpus/build.sh), else ../shared/external/lt-en-correct.txt
         sentences joined as paragraphs; repeated/cut to size
  mt     machine-translated text: every samples/*.txt except *.expected.txt,
         concatenated and repeated to size

Plus one row per call style the external scorecard uses: transclean.fix() on
samples/seed-space-film.txt x200.

    .venv/bin/python bench/bench.py [--mb 3] [--repeat 5] [--corpus /tmp/corpus] [--json]

ratio = transclean_time / ftfy_time; target <= 1.0. Always exits 0.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import ftfy

import transclean

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SENTENCES = REPO.parent / "shared" / "external" / "lt-en-correct.txt"
SEED = SAMPLES / "seed-space-film.txt"


def to_size(text: str, mb: float) -> str:
    """Repeat text (at paragraph boundaries) and cut it to about mb megabytes."""
    n = int(mb * 1_000_000)
    text = text.strip("\n") + "\n\n"
    text = text * (n // len(text.encode()) + 1)
    cut = text.rfind("\n\n", 0, n)  # chars ~ bytes for English; cut on a paragraph
    return text[: cut if cut > 0 else n] + "\n"


def clean_text(corpus: Path | None, mb: float) -> tuple[str, str]:
    if corpus:
        parts = [(corpus / f).read_text(encoding="utf-8") for f in ("books.txt", "docs.txt")]
        # Interleave so a small --mb still gets both books and docs.
        half = int(mb * 500_000)
        return f"clean ({corpus.name})", to_size(parts[0][:half] + "\n\n" + parts[1][:half], mb)
    lines = [l.strip() for l in SENTENCES.read_text(encoding="utf-8").splitlines() if l.strip()]
    paras = [" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]
    return "clean (lt-en)", to_size("\n\n".join(paras), mb)


def mt_text(mb: float) -> tuple[str, str]:
    files = sorted(p for p in SAMPLES.glob("*.txt") if not p.name.endswith(".expected.txt"))
    return "mt (samples)", to_size("\n\n".join(p.read_text(encoding="utf-8") for p in files), mb)


def race(fns: dict, repeat: int) -> dict:
    """Best time of each function over `repeat` rounds, the functions taking turns in
    every round: a slow spell of a shared machine then slows both sides of a ratio."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3.0)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    pipes = {lang: transclean.Pipeline(source_lang=lang) for lang in ("auto", "fr")}
    seed = SEED.read_text(encoding="utf-8")
    for p in pipes.values():  # warm-up: language detector, pattern compilation
        p.fix(seed)
    transclean.fix(seed)

    rows = []
    for name, text in (clean_text(a.corpus, a.mb), mt_text(a.mb)):
        mb = len(text.encode()) / 1e6
        times = race({"ftfy": lambda: ftfy.fix_text(text),
                      **{lang: (lambda p=p: p.fix(text)) for lang, p in pipes.items()}}, a.repeat)
        for lang in pipes:
            rows.append(dict(text=f"{name} [{lang}]", mb=round(mb, 2), transclean_mbs=round(mb / times[lang], 2),
                             ftfy_mbs=round(mb / times["ftfy"], 2), ratio=round(times[lang] / times["ftfy"], 3)))

    # The scorecard's call: transclean.fix() on the seed, 200 times (vs ftfy on the same).
    n, mb = 200, len(seed.encode()) * 200 / 1e6
    times = race({"ftfy": lambda: [ftfy.fix_text(seed) for _ in range(n)],
                  "transclean": lambda: [transclean.fix(seed) for _ in range(n)]}, a.repeat)
    rows.append(dict(text=f"seed x{n} fix()", mb=round(mb, 2), transclean_mbs=round(mb / times["transclean"], 2),
                     ftfy_mbs=round(mb / times["ftfy"], 2), ratio=round(times["transclean"] / times["ftfy"], 3)))

    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    head = ("text", "MB", "transclean MB/s", "ftfy MB/s", "ratio")
    w = max(len(r["text"]) for r in rows)
    print(f"{head[0]:<{w}}  {head[1]:>6}  {head[2]:>15}  {head[3]:>9}  {head[4]:>6}")
    for r in rows:
        flag = "" if r["ratio"] <= 1.0 else "  SLOWER"
        print(f"{r['text']:<{w}}  {r['mb']:>6.2f}  {r['transclean_mbs']:>15.2f}  {r['ftfy_mbs']:>9.2f}"
              f"  {r['ratio']:>6.3f}{flag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
