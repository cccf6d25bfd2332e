"""Per-rule cases from tests/cases/<module>.toml: every [[fix]] must give its expected
text (with the named rule among the changes), every [[keep]] must come out unchanged.

    [[fix]]
    rule = "punctuation.orphan"       # the rule that must make (part of) the change
    text = "Cosmodrome. , in"
    expect = "Cosmodrome, in"
    source_lang = "fr"                 # optional, default auto
    unsafe = true                      # optional, default false

    [[keep]]
    text = "U.S. officials"            # must come out byte-identical

Any case may carry `known_failure = "why"`: it is expected to fail (strictly, so a
fix shows up) and documents a known gap.
"""

from __future__ import annotations

import tomllib

import pytest

import transclean
from conftest import ROOT

CASES = sorted((ROOT / "tests" / "cases").glob("*.toml"))


def _load(kind: str):
    for path in CASES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for n, case in enumerate(data.get(kind, []), 1):
            marks = [pytest.mark.xfail(strict=True, reason=case["known_failure"])] if "known_failure" in case else []
            yield pytest.param(case, id=f"{path.stem}-{kind}-{n}", marks=marks)


@pytest.mark.parametrize("case", list(_load("fix")))
def test_fix(case):
    result = transclean.fix(case["text"], source_lang=case.get("source_lang", "auto"), unsafe=case.get("unsafe", False))
    assert result.text == case["expect"]
    rules = {r for c in result.changes if c.applied for r in c.rule.split("+")}
    assert case["rule"] in rules


@pytest.mark.parametrize("case", list(_load("keep")))
def test_keep(case):
    text = case["text"]
    for unsafe in (False, True):
        result = transclean.fix(text, source_lang=case.get("source_lang", "auto"), unsafe=unsafe)
        assert result.text == text
        assert not [c for c in result.changes if c.applied]


@pytest.mark.parametrize("case", list(_load("flag")))
def test_flag(case):
    result = transclean.fix(case["text"], source_lang=case.get("source_lang", "auto"))
    spans = [(case["text"][f.start:f.end], f.language) for f in result.flags if f.rule == case["rule"]]
    assert (case["span"], case.get("language")) in spans
    assert result.text == case["text"]


@pytest.mark.parametrize("case", list(_load("noflag")))
def test_noflag(case):
    result = transclean.fix(case["text"], source_lang=case.get("source_lang", "auto"))
    assert not result.flags
