"""Source-language detection on short texts (src/transclean/detect.py).

Reads bench/short_texts/<lang>-NN.txt: news briefs of 120-300 words as weak machine
translation from <lang> leaves them, each carrying only one or two kinds of leftover
(a decimal comma and a `21h30`, `M.` before a name, a month named in the source
language, `OTAN`, `Moskau`, a romanised name, `Mio.`...), and `en-NN.txt`: correct
English news that names foreign places, people, acronyms, prices and dates, which must
be detected as no language. Prints, per language, the texts, how many were detected
right, as another language, and as none, then the overall accuracy (English originals
included: right means none). Each subfolder holds briefs written apart from the tuning and
reported apart (heldout/: written before any tuning, heldout2/: after it; heldout3/ to heldout12/:
written without looking at detection, each README says how; every set was tuned on once measured).

    .venv/bin/python bench/detect_eval.py [--show] [--json]

Always exits 0.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
from transclean.detect import detect  # noqa: E402

DATA = REPO / "bench" / "short_texts"

def held_out() -> list[Path]:
    """The folders of briefs written apart from the tuning set."""
    return sorted(p for p in DATA.iterdir() if p.is_dir())


@dataclass(frozen=True)
class Result:
    name: str
    expected: str  # "en": no language
    detected: str | None

    @property
    def right(self) -> bool:
        return self.detected == (None if self.expected == "en" else self.expected)

    @property
    def wrong(self) -> bool:
        return self.detected is not None and not self.right


def evaluate(folder: Path = DATA) -> list[Result]:
    results = []
    for path in sorted(folder.glob("*-*.txt")):
        expected = path.name.split("-")[0]
        results.append(Result(path.stem, expected, detect(path.read_text(encoding="utf-8")).language))
    return results


def summary(results: list[Result]) -> dict:
    per: dict[str, dict[str, int]] = defaultdict(lambda: {"texts": 0, "right": 0, "wrong": 0, "none": 0})
    for r in results:
        row = per[r.expected]
        row["texts"] += 1
        row["right"] += r.right
        row["wrong"] += r.wrong
        row["none"] += r.detected is None and r.expected != "en"
    right = sum(r.right for r in results)
    source = [r for r in results if r.expected != "en"]
    return {
        "languages": {lang: per[lang] for lang in sorted(per)},
        "accuracy": round(right / len(results), 3) if results else 0.0,
        "source_accuracy": round(sum(r.right for r in source) / len(source), 3) if source else 0.0,
        "english_wrong": per["en"]["wrong"] if "en" in per else 0,
    }


def table(s: dict) -> str:
    lines = [f"{'lang':<6}{'texts':>6}{'right':>7}{'wrong':>7}{'none':>6}"]
    for lang, row in s["languages"].items():
        lines.append(f"{lang:<6}{row['texts']:>6}{row['right']:>7}{row['wrong']:>7}{row['none']:>6}")
    lines.append(f"accuracy {s['accuracy']:.3f} (source texts {s['source_accuracy']:.3f}; "
                 f"English originals read as a language: {s['english_wrong']})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sets = {f"{DATA.name}/": evaluate(DATA), **{f"{DATA.name}/{p.name}/ (held out)": evaluate(p) for p in held_out()}}
    summaries = {name: summary(results) for name, results in sets.items()}
    if "--json" in argv:
        print(json.dumps(summaries, indent=2))
    for name, results in sets.items():
        if "--json" not in argv:
            print(name)
            print(table(summaries[name]))
        if "--show" in argv:
            for r in results:
                if not r.right:
                    print(f"{r.name}: detected {r.detected}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
