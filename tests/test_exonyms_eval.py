"""The exonyms pack measured on tests/data/exonyms.tsv (see bench/exonyms_eval.py): precise
(>= 0.97) with the source language given and when it is detected; with the language given it
finds most forms (>= 0.80) in every language."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("exonyms_eval", ROOT / "bench" / "exonyms_eval.py")
exonyms_eval = sys.modules.setdefault(_spec.name, importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(exonyms_eval)

LANGS = ("fr", "de", "it", "es", "pt")


@pytest.fixture(scope="module")
def rows():
    return exonyms_eval.load()


def test_the_set_covers_every_language_both_ways(rows):
    for lang in LANGS:
        labels = Counter(r.positive for r in rows if r.lang == lang)
        assert labels[True] >= 10 and labels[False] >= 5, (lang, labels)


def test_precise_and_finds_most_with_the_language_given(rows):
    report = exonyms_eval.evaluate(rows, "given")
    assert report.total.precision >= 0.97, "\n".join(report.false_positives)
    for lang in LANGS:
        assert report.by_lang[lang].recall >= 0.80, exonyms_eval.table(report)


def test_precise_when_the_language_is_detected(rows):
    report = exonyms_eval.evaluate(rows, "auto")
    assert report.total.precision >= 0.97, "\n".join(report.false_positives)
