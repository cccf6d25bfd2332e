"""Adversarial shapes at sizes where work that grows faster than the text would take
many seconds (quadratic code took minutes on most of them) and linear work well under
one. No timing is asserted: the sizes are the guard. Each result must also be right:
the expected text, the changes rebuilding it from the input, and a second run
changing nothing. (bench/linearity.py times the same shapes at megabyte sizes.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

import transclean
from transclean.render import review_lines

from test_properties import rebuild

N = 200_000  # characters in a run
PROSE_LINE = (Path(__file__).resolve().parents[1] / "samples" / "seed-space-film.txt").read_text(
    encoding="utf-8").replace("\n", " ") + " "


def check(text: str, source_lang: str = "auto", unsafe: bool = False) -> transclean.Result:
    """Fix the text; the changes rebuild the output, flags lie in order inside it, a second run finds nothing."""
    result = transclean.fix(text, source_lang=source_lang, unsafe=unsafe)
    assert rebuild(text, result.changes) == result.text
    spans = [(f.start, f.end) for f in result.flags]
    assert spans == sorted(spans) and all(0 <= s < e <= len(text) for s, e in spans)
    assert transclean.fix(result.text, source_lang=source_lang, unsafe=unsafe).text == result.text
    return result


@pytest.mark.parametrize("text, lang, expected", [
    # a run of spaces read back from each rare space in it
    ("a" + "\u00a0" * N + "b", "auto", "a b"),
    ("a" + "\u202f" * N + "b", "auto", "a b"),
    ("a" + "\u2009" * N + "b", "auto", "a b"),
    ("a" + " \u00a0" * (N // 2) + "b", "auto", "a b"),
    # blank lines with no text after them, tried again from each line feed
    ("a" + "\n" * N, "auto", "a\n"),
    ("a" + "\n" * N + "b", "auto", "a\n\nb"),
    ("a" + "\r\n" * (N // 2) + "b", "auto", "a\r\n\r\nb"),
    # runs of marks before a digit, tried again from each mark
    ("," * N + "1", "fr", "," * N + "1"),
    ("." * N + "1", "fr", "." * N + "1"),
    (":" * N + "1", "fr", ":" * N + "1"),
    ("x" + "," * N + " y", "fr", "x, y"),
    ("x" + ";" * N + " y", "fr", "x; y"),
], ids=["nbsp", "narrow-nbsp", "thin", "mixed-spaces", "blank-lines-at-end", "blank-lines", "crlf-lines",
        "commas-digit", "dots-digit", "colons-digit", "doubled-commas", "doubled-semicolons"])
def test_runs(text, lang, expected):
    assert check(text, lang).text == expected


@pytest.mark.parametrize("unit", [
    "\u00ab", "\u00bb", "\u201e", "\u201c", '"', "'", "(", "[", "!", "?", "-", "a", "a-", "M. M. ", "a\n", "\t",
], ids=repr)
def test_runs_left_alone(unit):
    text = unit * (N // 2 // len(unit)) + "x"
    assert check(text, "fr").text == text


def test_many_tabs_on_one_line():
    text = "a\tb " * (N // 4) + "x"  # a row of a table: each tab once read the whole line
    assert check(text).text == text


def test_orphan_marks_between_many_words():
    text = "word. , " * (N // 8)
    assert check(text).text == "word, " * (N // 8 - 1) + "word,"


def test_source_function_words_on_one_line():
    text = "de la " * (N // 6)
    result = check(text, "fr")
    assert result.text == text.rstrip() and not result.flags


def test_many_fragments_in_one_clause():
    unit = "la maison de la ville the people of this country said that they would "
    result = check(unit * (N // len(unit)), "fr")
    assert len(result.flags) >= N // len(unit)
    assert all(f.language == "fr" and ("maison" in f.message or "ville" in f.message) for f in result.flags)
    # the review lines place each flag by line and column on the one long line
    lines = review_lines(result, "in.txt")
    assert len(lines) == len(result.flags)
    assert all(line.startswith(f"in.txt:1:{f.start + 1}: ") for line, f in zip(lines, result.flags))


def test_many_quote_pairs_in_one_paragraph():
    unit = "x \u00ab a \u00bb y \u2039 b \u203a z \u201ec\u201c "
    n = N // 2 // len(unit)
    assert check(unit * n).text == ("x \u201ca\u201d y \u2018b\u2019 z \u201cc\u201d " * n).rstrip()


def test_guillemets_around_english_quotes_in_one_paragraph():
    unit = "\u00ab a \u201cb\u201d c \u00bb "
    n = N // 2 // len(unit)
    assert check(unit * n).text == ("\u201ca \u2018b\u2019 c\u201d " * n).rstrip()


def test_one_long_line_of_prose():
    n = 5 * N // len(PROSE_LINE)  # each title check read back to the start of the line
    result = check(PROSE_LINE * n, "fr", unsafe=True)
    assert result.text.count("SpaceX") == PROSE_LINE.count("Space X") * n
    assert result.text.count("Shipenko") == n * PROSE_LINE.count("Chipenko")


@pytest.mark.parametrize("unit, lang, repaired", [
    ("1er ", "fr", "1st "),
    ("\u00c3\u00a9", "auto", "\u00e9"),
    ("the saga Impossible mission by Space X. ", "auto", "the Mission: Impossible saga by SpaceX. "),
    ("Chipenko and Peressild said. ", "fr", "Shipenko and Peresild said. "),
], ids=["ordinal", "mojibake", "titles", "names"])
def test_repeated_repairs(unit, lang, repaired):
    n = N // len(unit)
    assert check(unit * n, lang).text == (repaired * n).rstrip()


def test_names_of_two_schemes_repeated():
    # a Russian text: its own scheme and the French one it passed through, on many names
    unit = "Vasil'ev and Tarkovskiy met Mikha\u00efl Gorbatchev. "
    n = N // len(unit)
    assert check(unit * n, "ru", unsafe=True).text == ("Vasilyev and Tarkovsky met Mikhail Gorbachev. " * n).rstrip()


def test_one_long_cyrillic_run():
    text = "\u0441\u043b\u043e\u0432\u043e " * (N // 12)
    (flag,) = check(text).flags
    assert flag.language == "ru" and flag.start == 0 and flag.end >= len(text) - 1


def test_many_amounts_and_dates_on_one_line():
    # each currency sign and each date once copied the whole text before it (text[:i].rstrip())
    unit = "12 \u20ac et le 5 octobre, "
    n = 5 * N // len(unit)
    assert check(unit * n, "fr").text == ("\u20ac12 et on October 5, " * n).rstrip()
