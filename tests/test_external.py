"""Real test data nobody here wrote (../shared/external, see its README).

- LanguageTool's correct English sentences must come out unchanged; only the
  doubtful lines its README lists may change, and only in whitespace.
- On ftfy's own test cases, the encoding module's cheap screen must miss no
  line that ftfy (as transclean configures it) would change, and transclean's
  output must be stable.
"""

from __future__ import annotations


import transclean
from transclean.rules.encoding import FTFY_CONFIG, might_be_mojibake

# 1-based line numbers the README of shared/external calls doubtful.
DOUBTFUL = {26, 1778, 2246, 2485, 2487}


def _lines(path):
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line]


def _unescape(field: str) -> str:
    import re
    codes = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
    return re.sub(r"\\(\\|t|n|r|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})",
                  lambda m: codes.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), field)


def _ftfy_rows(shared):
    lines = (shared / "external" / "ftfy-cases.tsv").read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    return [dict(zip(header, map(_unescape, line.split("\t")))) for line in lines[1:] if line]


def test_languagetool_correct_sentences_unchanged(shared):
    lines = _lines(shared / "external" / "lt-en-correct.txt")
    assert len(lines) == 2843
    result = transclean.fix("\n\n".join(lines) + "\n")
    out = result.text.rstrip("\n").split("\n\n")
    assert len(out) == len(lines)
    changed = {n for n, (a, b) in enumerate(zip(lines, out), 1) if a != b}
    assert changed <= DOUBTFUL, [lines[n - 1] for n in sorted(changed - DOUBTFUL)]
    for n in changed:
        assert "".join(lines[n - 1].split()) == "".join(out[n - 1].split()), "a doubtful line changed beyond whitespace"


def test_languagetool_java_sentences_unchanged(shared):
    for line in _lines(shared / "external" / "lt-en-correct-java.txt"):
        assert transclean.fix(line, unsafe=True).text == line


def test_ftfy_cases_screen_misses_nothing(shared):
    import ftfy
    rows = _ftfy_rows(shared)
    assert len(rows) == 151
    repaired = [r["original"] for r in rows if ftfy.fix_text(r["original"], FTFY_CONFIG) != r["original"]]
    assert len(repaired) > 90
    missed = [t for t in repaired if not any(might_be_mojibake(line) for line in t.split("\n"))]
    assert missed == []


def test_ftfy_cases_repaired_like_ftfy(shared):
    """Where ftfy's expected output differs from the input only by mojibake (not by
    its quote straightening), transclean's encoding stage gives the same text."""
    import ftfy
    rows = [r for r in _ftfy_rows(shared) if r["label"] and r["source_file"].endswith(("in-the-wild.json", "synthetic.json"))]
    same = 0
    for r in rows:
        ours = transclean.fix(r["original"], unsafe=False).text
        assert transclean.fix(ours).text == ours
        mojibake_only = ftfy.fix_text(r["original"], FTFY_CONFIG)
        same += transclean.Pipeline(select=["encoding.mojibake"]).fix(r["original"]).text == mojibake_only
    assert same == len(rows)


def test_ftfy_negative_cases_left_alone_by_encoding(shared):
    rows = [r for r in _ftfy_rows(shared) if r["source_file"].endswith("negative.json")]
    pipeline = transclean.Pipeline(select=["encoding.mojibake"])
    changed = [r["original"] for r in rows if pipeline.fix(r["original"]).text != r["original"]]
    # ftfy itself changes a few of its negative cases (C1 controls, normalisation);
    # the mojibake rule must change no more than ftfy with transclean's settings.
    import ftfy
    expected = [r["original"] for r in rows if ftfy.fix_text(r["original"], FTFY_CONFIG) != r["original"]]
    assert changed == expected
