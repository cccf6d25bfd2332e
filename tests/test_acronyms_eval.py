"""The acronyms pack measured on tests/data/acronyms.tsv (see bench/acronyms_eval.py): with the
source language given it must stay precise (>= 0.97) and find most acronyms (>= 0.90) in every
language; with the language left to detection it must be at least as precise."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("acronyms_eval", ROOT / "bench" / "acronyms_eval.py")
acronyms_eval = sys.modules.setdefault(_spec.name, importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(acronyms_eval)

LANGS = ("fr", "de", "it", "es", "pt", "ru")


@pytest.fixture(scope="module")
def rows():
    return acronyms_eval.load()


def test_the_set_covers_every_language_both_ways(rows):
    for lang in LANGS:
        labels = Counter(r.positive for r in rows if r.lang == lang)
        assert labels[True] >= 10 and labels[False] >= 5, (lang, labels)


def test_precise_and_finds_most_with_the_language_given(rows):
    report = acronyms_eval.evaluate(rows, "given")
    assert report.total.precision >= 0.97, "\n".join(report.false_positives)
    for lang in LANGS:
        assert report.by_lang[lang].recall >= 0.90, acronyms_eval.table(report)


def test_precise_when_the_language_is_detected(rows):
    report = acronyms_eval.evaluate(rows, "auto")
    assert report.total.precision >= 0.97, "\n".join(report.false_positives)
