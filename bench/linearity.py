"""Is every rule linear in the size of its input? Adversarial shapes at growing sizes.

Each shape is a text built by repeating a short unit (with a prefix or suffix where
the shape needs one): one huge line of prose, a run of one character, one word
repeated... Each (shape, options, size) runs `transclean.fix` in a fresh subprocess,
which reports its CPU time (steady on a busy machine, where wall time is not) and its
peak memory (the growth of ru_maxrss over the run, the input itself not counted). A
run that takes longer than --timeout seconds is reported as such, and the shape's
larger sizes are skipped.

Printed per shape: CPU seconds per MB (million characters) at each size, the ratio
of the per-MB time at the largest size to that at the smallest (linear code: about
1, flat), and the peak memory per MB at the largest size measured.

    .venv/bin/python bench/linearity.py [--sizes 1 2 4 8 16] [--shapes dot-comma nbsp-run ...]
                                        [--quick] [--timeout 300] [--list]

Sizes are in millions of characters. --quick runs the sizes 0.125 0.25 0.5 (a
minute or two for every shape); --list prints the shapes. Always exits 0.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROSE = (REPO / "samples" / "seed-space-film.txt").read_text(encoding="utf-8")

# name: (prefix, unit, suffix, options); options: (source_lang, unsafe)
AUTO, FR, FR_UNSAFE = ("auto", False), ("fr", False), ("fr", True)
SHAPES: dict[str, tuple[str, str, str, tuple[tuple[str, bool], ...]]] = {
    "one-line-prose": ("", PROSE.replace("\n", " ") + " ", "", (AUTO, FR_UNSAFE)),
    "prose": ("", PROSE + "\n", "", (AUTO,)),
    "blank-lines": ("a", "\n", "b", (AUTO,)),
    "blank-lines-at-end": ("a", "\n", "", (AUTO,)),
    "nbsp-run": ("a", "\u00a0", "b", (AUTO,)),
    "nnbsp-run": ("a", "\u202f", "b", (AUTO,)),
    "thin-run": ("a", "\u2009", "b", (AUTO,)),
    "space-run": ("a", " ", "b", (AUTO,)),
    "tab-run": ("a", "\t", "b", (AUTO,)),
    "tabbed-line": ("", "a\tb ", "x", (AUTO,)),
    "crlf-run": ("a", "\r\n", "b", (AUTO,)),
    "comma-digit": ("", ",", "1", (FR,)),
    "dot-digit": ("", ".", "1", (FR,)),
    "colon-digit": ("", ":", "1", (FR,)),
    "dot-comma": ("", ". , ", "", (AUTO, FR_UNSAFE)),
    "de-la": ("", "de la ", "", (AUTO, FR)),
    "french-clauses": ("", "la maison de la ville the people of this country said that they would ", "",
                       (AUTO, FR)),
    "loanwords": ("", "de facto d\u00e9j\u00e0 vu ", "", (AUTO,)),
    "capital-articles": ("", "Le ", "", (FR,)),
    "left-guillemet": ("", "\u00ab", "", (AUTO,)),
    "right-guillemet": ("", "\u00bb", "", (AUTO,)),
    "low-double": ("", "\u201e", "", (AUTO,)),
    "straight-double": ("", '"', "", (AUTO,)),
    "straight-single": ("", "'", "", (AUTO,)),
    "spaced-guillemets": ("", "\u00ab a \u00bb ", "", (AUTO,)),
    "spaced-straight": ("", '" a " ', "", (AUTO,)),
    "reversed-pairs": ("", "a\u201d b \u201c, ", "", (AUTO,)),
    "left-double": ("", "\u201c", "", (AUTO,)),
    "right-double": ("", "\u201d", "", (AUTO,)),
    "nested-quotes": ("", "\u201ca \u00abb\u00bb c\u201d ", "", (AUTO,)),
    "mixed-quotes": ("", "x \u00ab a \u00bb y \u2039 b \u203a z \u201ec\u201c ", "", (AUTO,)),
    "open-paren": ("", "(", "", (AUTO,)),
    "open-bracket": ("", "[", "", (AUTO,)),
    "bang": ("", "!", "", (AUTO,)),
    "question": ("", "?", "", (AUTO,)),
    "hyphen": ("", "-", "", (AUTO,)),
    "long-word": ("", "a", "", (AUTO,)),
    "hyphenated": ("", "a-", "a", (AUTO,)),
    "cyrillic": ("", "\u0441\u043b\u043e\u0432\u043e ", "", (AUTO,)),
    "digits": ("", "1", "", (FR,)),
    "honorific": ("", "M. ", "Macron", (FR,)),
    "ordinal": ("", "1er ", "", (FR,)),
    "amounts-dates": ("", "12 \u20ac et le 5 octobre, ", "", (FR,)),
    "short-lines": ("", "a\n", "", (AUTO,)),
    "tiny-paragraphs": ("", "a\n\n", "", (AUTO,)),
    "mojibake": ("", "\u00c3\u00a9", "", (AUTO,)),
    "names": ("", "Chipenko and Peressild said. ", "", (FR,)),
    "titles": ("", "the saga Impossible mission by Space X. ", "", (AUTO,)),
}
QUICK_SIZES = (0.125, 0.25, 0.5)


def build(shape: str, mb: float) -> str:
    """The shape's text, about mb million characters long."""
    prefix, unit, suffix, _ = SHAPES[shape]
    n = int(mb * 1_000_000)
    return prefix + unit * max(1, (n - len(prefix) - len(suffix)) // len(unit)) + suffix


def child(shape: str, mb: float, source_lang: str, unsafe: bool) -> None:
    """Run one measurement and print it as JSON (in the subprocess)."""
    import transclean

    transclean.fix(build(shape, 0.001), source_lang=source_lang, unsafe=unsafe)  # load packs and caches
    text = build(shape, mb)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.process_time()
    transclean.fix(text, source_lang=source_lang, unsafe=unsafe)
    seconds = time.process_time() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))


def measure(shape: str, mb: float, options: tuple[str, bool], timeout: float) -> dict | None:
    """One measurement in a fresh process; None when it timed out or failed."""
    cmd = [sys.executable, __file__, "--child", shape, str(mb), options[0], str(int(options[1]))]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def label(shape: str, options: tuple[str, bool]) -> str:
    lang, unsafe = options
    return shape + ("" if lang == "auto" else f" [{lang}]") + (" [unsafe]" if unsafe else "")


def report(shape: str, options: tuple[str, bool], sizes: list[float], timeout: float) -> None:
    """Measure one shape at every size (stopping after a timeout) and print its row."""
    per_mb: list[float | None] = []
    peak = None
    for mb in sizes:
        m = measure(shape, mb, options, timeout)
        if m is None:
            per_mb.append(None)
            break
        per_mb.append(m["seconds"] / mb)
        peak = m["peak_mb"] / mb
    cells = [f"{t:8.2f}" if t is not None else f"{'>' + str(int(timeout)):>8}" for t in per_mb]
    cells += [f"{'-':>8}"] * (len(sizes) - len(cells))
    done = [t for t in per_mb if t is not None]
    ratio = f"{done[-1] / done[0]:6.2f}" if len(done) == len(sizes) and done[0] > 0 else f"{'-':>6}"
    mem = f"{peak:8.1f}" if peak is not None else f"{'-':>8}"
    print(f"{label(shape, options):32} {' '.join(cells)} {ratio} {mem}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--quick", action="store_true", help=f"sizes {' '.join(map(str, QUICK_SIZES))}")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--list", action="store_true", help="print the shapes")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        shape, mb, lang, unsafe = args.child
        child(shape, float(mb), lang, unsafe == "1")
        return 0
    if args.list:
        for shape, (prefix, unit, suffix, _) in SHAPES.items():
            print(f"{shape:20} {prefix[:10]!r} + {unit[:30]!r}... + {suffix!r}")
        return 0
    sizes = list(QUICK_SIZES) if args.quick else sorted(args.sizes)
    print(f"{'shape':32} " + " ".join(f"{f'{s:g}MB':>8}" for s in sizes)
          + f" {'ratio':>6} {'peak MB/MB':>8}")
    for shape in args.shapes:
        for options in SHAPES[shape][3]:
            report(shape, options, sizes, args.timeout)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as exc:  # a benchmark never fails the caller
        print(f"linearity: {exc}", file=sys.stderr)
        sys.exit(0)
