"""Do-no-harm at scale: what transclean changes in clean English prose.

Runs the full pipeline (source_lang auto, or --source-lang forced) with unsafe fixes off and on over
every *.txt in a corpus directory (default /tmp/corpus, built by
../shared/corpus/build.sh), in paragraph-aligned chunks of ~1 MB so memory
stays flat (progress on stderr). Every applied change there is a false
positive until shown otherwise. Prints total MB, changes per MB, a per-rule
table (changes, per MB, whitespace-only changes) for both modes, flags per MB
per rule, and with --show N the first N examples per rule (changes and flags). A merged change
(rule "a+b") counts once for each rule in it.

    .venv/bin/python bench/harm.py [/tmp/corpus] [--show 5] [--chunk-mb 1]

Always exits 0.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import transclean

WS = re.compile(r"\s+")
MODES = ("off", "on")


def chunks(path: Path, size: int):
    """Yield (first line number, text) of ~size-char chunks, split at a blank line."""
    buf, n, line_no, start = [], 0, 0, 1
    with path.open(encoding="utf-8", newline="") as f:
        for line in f:
            line_no += 1
            buf.append(line)
            n += len(line)
            if n >= size and not line.strip():  # the blank line separates, belongs to neither
                yield start, "".join(buf[:-1])
                buf, n, start = [], 0, line_no + 1
    if buf:
        yield start, "".join(buf)


def show(text: str, start: int, end: int, after: str, ctx: int = 40) -> str:
    vis = lambda s: s.replace("\n", "⏎")  # noqa: E731
    left, right = vis(text[max(0, start - ctx) : start]), vis(text[end : end + ctx])
    return f"…{left}[{text[start:end]!r} → {after!r}]{right}…"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=Path("/tmp/corpus"))
    ap.add_argument("--show", type=int, default=0, metavar="N")
    ap.add_argument("--chunk-mb", type=float, default=1.0)
    ap.add_argument("--source-lang", default="auto", help="auto (default), or a profile forced on: fr, de, ...")
    a = ap.parse_args()

    files = sorted(a.corpus.glob("*.txt"))
    if not files:
        print(f"harm: no *.txt in {a.corpus} (build it: bash ../shared/corpus/build.sh {a.corpus})",
              file=sys.stderr)
        return 0
    total = sum(p.stat().st_size for p in files)
    mb = total / 1e6

    changes = {m: Counter() for m in MODES}      # rule -> applied changes
    ws_only = {m: Counter() for m in MODES}      # rule -> applied whitespace-only changes
    flags = {m: Counter() for m in MODES}        # rule -> flags
    held = Counter()                             # rule -> unsafe suggestions not applied (mode off)
    examples = defaultdict(dict)                 # rule -> {(file, line, before, after): text}

    for mode in MODES:
        pipe = transclean.Pipeline(source_lang=a.source_lang, unsafe=mode == "on")
        done = 0
        for path in files:
            for line0, text in chunks(path, int(a.chunk_mb * 1_000_000)):
                res = pipe.fix(text)
                for c in res.changes:
                    rules = c.rule.split("+")
                    if not c.applied:
                        held.update(rules)
                        continue
                    changes[mode].update(rules)
                    if WS.sub("", c.before) == WS.sub("", c.after):
                        ws_only[mode].update(rules)
                    for r in rules:
                        if len(examples[r]) < a.show:
                            key = (path.name, line0 + text.count("\n", 0, c.start), c.before, c.after)
                            examples[r].setdefault(key, show(text, c.start, c.end, c.after))
                for fl in res.flags:
                    flags[mode][fl.rule] += 1
                    if len(examples[fl.rule]) < a.show:
                        key = (path.name, line0 + text.count("\n", 0, fl.start), fl.rule, fl.language)
                        lang = f" language={fl.language}" if fl.language else ""
                        examples[fl.rule].setdefault(key, show(text, fl.start, fl.end, "FLAG") + lang)
                done += len(text.encode()) + 1
                print(f"\r[harm] unsafe={mode:3} {path.name:12} {done / 1e6:6.1f}/{mb:.1f} MB",
                      end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)

    print(f"corpus: {a.corpus}  files: {', '.join(p.name for p in files)}  total: {mb:.2f} MB")
    for mode in MODES:
        n = sum(changes[mode].values())
        print(f"unsafe {mode:3}: {n} changes (rule-counted), {n / mb:.2f} per MB")
    print(f"unsafe suggestions held back with unsafe off: {sum(held.values())}")

    rules = sorted(set(changes["off"]) | set(changes["on"]),
                   key=lambda r: (-changes["on"][r], -changes["off"][r], r))
    if rules:
        w = max(len(r) for r in rules + ["rule"])
        print(f"\n{'rule':<{w}}  {'off':>7} {'/MB':>7} {'ws':>5}   {'on':>7} {'/MB':>7} {'ws':>5}")
        for r in rules:
            cells = "   ".join(f"{changes[m][r]:>7} {changes[m][r] / mb:>7.2f} {ws_only[m][r]:>5}"
                               for m in MODES)
            print(f"{r:<{w}}  {cells}")
        print("(off/on = unsafe fixes off/on; ws = changes that differ only in whitespace)")

    frules = sorted(set(flags["off"]) | set(flags["on"]), key=lambda r: (-flags["on"][r], r))
    if frules:
        w = max(len(r) for r in frules + ["flag rule"])
        print(f"\n{'flag rule':<{w}}  {'off':>7} {'/MB':>7}   {'on':>7} {'/MB':>7}")
        for r in frules:
            print(f"{r:<{w}}  " + "   ".join(f"{flags[m][r]:>7} {flags[m][r] / mb:>7.2f}" for m in MODES))
    else:
        print("\nflags: none")

    if a.show:
        for r in rules + [f for f in frules if f not in rules]:
            print(f"\n== {r}")
            for (name, line, _, _), ex in examples[r].items():
                print(f"  {name}:{line}  {ex}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
