"""Golden samples: samples/NAME.txt must become samples/NAME.expected.txt, and every
file in samples/clean/ must come out byte-identical. Fixing the output again changes
nothing.

A sample whose name starts with a language code and a dash (`fr-…`) is run with that
source language, and again with auto-detection, which must find that language; the
expected files show every fix applied (--unsafe-fixes).
"""

from __future__ import annotations

import pytest

import transclean
from conftest import SAMPLES

PAIRS = sorted(p for p in SAMPLES.glob("*.txt") if not p.name.endswith(".expected.txt"))
CLEAN = sorted((SAMPLES / "clean").glob("*.txt"))


def _lang(name: str) -> str:
    head = name.split("-", 1)[0]
    return head if len(head) == 2 and head != "en" else "auto"


def _read(path):
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.stem)
def test_sample_repaired(path):
    expected = path.with_name(path.stem + ".expected.txt")
    assert expected.exists(), f"{expected.name} is missing"
    result = transclean.fix(_read(path), source_lang=_lang(path.name), unsafe=True)
    assert result.text == _read(expected)


@pytest.mark.parametrize("path", [p for p in PAIRS if _lang(p.name) != "auto"], ids=lambda p: p.stem)
def test_sample_repaired_with_detected_language(path):
    """The leftovers in a sample are enough for --source-lang auto to find its language."""
    result = transclean.fix(_read(path), source_lang="auto", unsafe=True)
    assert result.source_lang == _lang(path.name)
    assert result.text == _read(path.with_name(path.stem + ".expected.txt"))


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.stem)
def test_sample_idempotent(path):
    once = transclean.fix(_read(path), source_lang=_lang(path.name), unsafe=True).text
    assert transclean.fix(once, source_lang=_lang(path.name), unsafe=True).text == once


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_sample_unchanged(path):
    text = _read(path)
    assert transclean.fix(text, unsafe=True).text == text


def test_there_are_samples():
    assert len(PAIRS) >= 7 and CLEAN


LINE_ORIENTED = ("lines-mt-news", "lines-human-quotes")


@pytest.mark.parametrize("stem", LINE_ORIENTED)
def test_line_oriented_samples_are_long_and_read_in_lines(stem):
    from transclean import segments
    text = _read(SAMPLES / f"{stem}.txt")
    assert text.count("\n") >= 400 and "\n\n" not in text
    assert segments.layout_of(text[:segments.HEAD]) == segments.LINES


def test_the_human_line_oriented_sample_is_correct_english():
    text = _read(SAMPLES / "lines-human-quotes.txt")
    assert _read(SAMPLES / "lines-human-quotes.expected.txt") == text
