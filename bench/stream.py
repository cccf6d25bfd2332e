"""Long files on the command line: throughput, peak memory, and -j 1 against -j 2.

    python bench/stream.py [--mb 1024] [--jobs 1,2] [--whole-mb 40] [--keep]

Generates a line-oriented file of machine-translated news of --mb megabytes (the
lines of samples/lines-mt-news.txt, shuffled with a fixed seed, a fifth of them
written again with their numbers changed, so the text does not repeat in blocks),
then runs `transclean fix -q -o OUT FILE` once per job count and prints, for each,
the wall time, MB/s and the peak resident memory of the largest process, and the
speed-up of each job count over the first. The outputs of all job counts must be
byte-identical; with --whole-mb, the first --whole-mb megabytes are also fixed whole
through the API and compared with what the command line writes for them.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "samples" / "lines-mt-news.txt"


def generate(path: Path, megabytes: float, seed: int = 1) -> int:
    """Write the file; its size in bytes."""
    rng = random.Random(seed)
    lines = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    target = int(megabytes * 2**20)
    size = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < target:
            block = lines[:]
            rng.shuffle(block)
            block = [re.sub(r"\d", lambda m: str(rng.randrange(10)), line) if rng.random() < 0.2 else line
                     for line in block]
            data = "\n".join(block) + "\n"
            out.write(data)
            size += len(data.encode("utf-8"))
    return path.stat().st_size


def run(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of the command (the largest of it and the workers it waited for)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(args)}")
    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1024, help="size of the generated file (default 1024)")
    parser.add_argument("--jobs", default="1,2", help="job counts to compare (default 1,2)")
    parser.add_argument("--whole-mb", type=float, default=0, help="also compare the first MB with a whole-text fix")
    parser.add_argument("--keep", action="store_true", help="keep the generated files (printed)")
    options = parser.parse_args()
    exe = [sys.executable, "-m", "transclean.cli"]
    with tempfile.TemporaryDirectory(prefix="transclean-stream-") as tmp:
        tmp = Path(tmp)
        source = tmp / "long.txt"
        size = generate(source, options.mb)
        print(f"file: {size / 2**20:.0f} MB, {sum(1 for _ in open(source, 'rb')):,} lines")
        outputs, first = [], None
        for jobs in options.jobs.split(","):
            out = tmp / f"out-j{jobs}.txt"
            seconds, rss = run([*exe, "fix", "-q", "-j", jobs, "-o", str(out), str(source)])
            outputs.append(out)
            first = first or seconds
            print(f"-j {jobs}: {seconds:7.1f} s  {size / 2**20 / seconds:6.2f} MB/s  peak RSS {rss} MB  "
                  f"speed-up {first / seconds:.2f}x")
        same = all(_same(outputs[0], other) for other in outputs[1:])
        print(f"outputs identical across job counts: {same}")
        if options.whole_mb:
            print(f"first {options.whole_mb:g} MB fixed whole gives the same output: {_whole_matches(tmp, options.whole_mb)}")
        if options.keep:
            keep = Path(tempfile.mkdtemp(prefix="transclean-stream-kept-"))
            for path in [source, *outputs]:
                os.replace(path, keep / path.name)
            print(f"kept in {keep}")
        if not same:
            sys.exit(1)


def _same(a: Path, b: Path) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def _whole_matches(tmp: Path, megabytes: float) -> bool:
    import transclean

    part = tmp / "part.txt"
    generate(part, megabytes)
    out = tmp / "part-out.txt"
    run([sys.executable, "-m", "transclean.cli", "fix", "-q", "-o", str(out), str(part)])
    return transclean.Pipeline().fix(part.read_text(encoding="utf-8")).text == out.read_text(encoding="utf-8")


if __name__ == "__main__":
    main()
