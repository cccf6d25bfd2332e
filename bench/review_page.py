"""The review page of a 1 MB document in headless Chromium: time to interactive, keys, memory.

    python bench/review_page.py [--size BYTES] [--chromium PATH] [--keep page.html]

The document is the French samples (damage and all) repeated to the size asked. Reported:
the time to build the page (the run with unsafe fixes, then the HTML), from navigation to
the page ready for keys (its script done, the first screens drawn), the time a key takes
(next change; accept), the JS heap and DOM nodes (Chrome's metrics) and the resident memory
of the browser's processes. Target: interactive in under 2 s. Not a test: numbers, raw.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from transclean.pipeline import Pipeline  # noqa: E402
from transclean.review import page  # noqa: E402
from transclean.textio import decode  # noqa: E402


def document(size: int) -> bytes:
    parts = [p.read_bytes() for p in sorted((ROOT / "samples").glob("fr-*.txt")) if ".expected." not in p.name]
    parts.append((ROOT / "samples" / "seed-space-film.txt").read_bytes())
    block = b"\n\n".join(parts) + b"\n\n"
    return (block * (size // len(block) + 1))[:size].rsplit(b"\n", 1)[0] + b"\n"


def descendants_rss(root: int) -> int:
    """Resident bytes of every process descended from `root` (the browser and its renderers)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, grew = {root}, True
    while grew:
        new = {pid for pid, parent in parents.items() if parent in family and pid not in family}
        family |= new
        grew = bool(new)
    total = 0
    for pid in family - {root}:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1 << 20)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--keep", metavar="PAGE", help="also keep the page here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    data = document(args.size)
    start = time.perf_counter()
    source = decode(data, "long.txt", "fr")
    result = Pipeline(source_lang="fr", unsafe=True).fix(source.text)
    fixed = time.perf_counter()
    html = page([(result, source)])
    built = time.perf_counter()
    folder = Path(tempfile.mkdtemp())
    page_path = folder / "long.review.html"
    page_path.write_text(html, encoding="utf-8")
    if args.keep:
        shutil.copy(page_path, args.keep)
    print(f"document: {len(data):,} bytes, {len(result.changes):,} changes, {len(result.flags):,} flags")
    print(f"fix (unsafe): {fixed - start:.2f} s; page: {built - fixed:.2f} s, {len(html.encode()):,} bytes")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        view = browser.new_page(viewport={"width": 1280, "height": 800})
        for run in ("cold", "warm"):
            t0 = time.perf_counter()
            view.goto(page_path.as_uri())
            view.wait_for_selector("html[data-ready=true]")
            ready = time.perf_counter() - t0
            script = view.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            print(f"{run}: interactive {ready:.3f} s after navigation (script done at {script / 1000:.3f} s)")
        t0 = time.perf_counter()
        for _ in range(50):
            view.keyboard.press("n")
        view.evaluate("0")
        step = (time.perf_counter() - t0) / 50
        t0 = time.perf_counter()
        for _ in range(50):
            view.keyboard.press("a")
        view.evaluate("0")
        accept = (time.perf_counter() - t0) / 50
        print(f"keys: next {step * 1000:.1f} ms, accept and next {accept * 1000:.1f} ms (each, round trip)")
        cdp = view.context.new_cdp_session(view)
        cdp.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        print(f"JS heap used {metrics['JSHeapUsedSize'] / 2**20:.1f} MB, DOM nodes {int(metrics['Nodes']):,}, "
              f"browser processes' RSS {descendants_rss(os.getpid()) / 2**20:.0f} MB")
        browser.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
