"""Properties on arbitrary text: no crash, fixing twice equals fixing once (in every mode),
the language-neutral rules leave every language's output alone, the reported changes
rebuild the output from the input, and no output has more defects of a kind transclean
repairs than its input (the never-worse guard).

TRANSCLEAN_EXAMPLES sets how many texts each mode is fuzzed with (the seeded generator of
textgen.py); the hypothesis tests, which cost some ten times more per example, take a tenth.
"""

from __future__ import annotations

import functools
import os

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import textgen
import transclean
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

from transclean import defects
from transclean.rules.encoding import might_be_mojibake
from transclean.segments import PARAGRAPH_BREAK_RE

EXAMPLES = int(os.environ.get("TRANSCLEAN_EXAMPLES", "2000"))
SEED = int(os.environ.get("TRANSCLEAN_SEED", "0"))

PIECES = st.sampled_from(textgen.PIECES)
TEXT = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=200))
SETTINGS = settings(max_examples=max(10, EXAMPLES // 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGUAGES = [mode for mode in textgen.MODES if mode not in ("en", "auto")]


@functools.cache
def _pipeline(lang: str, unsafe: bool) -> transclean.Pipeline:
    """One pipeline per setting, built once (building one reads the packs)."""
    return transclean.Pipeline(source_lang=lang, unsafe=unsafe)


def rebuild(original: str, changes) -> str:
    out, pos = [], 0
    for c in sorted((c for c in changes if c.applied), key=lambda c: (c.start, c.end)):
        assert pos <= c.start, "applied changes overlap"
        assert original[c.start:c.end] == c.before
        out += [original[pos:c.start], c.after]
        pos = c.end
    return "".join(out) + original[pos:]


@SETTINGS
@given(TEXT, st.booleans(), st.sampled_from(["auto", "fr", "de", "en"]))
def test_changes_rebuild_output(text, unsafe, lang):
    result = transclean.fix(text, source_lang=lang, unsafe=unsafe)
    assert rebuild(text, result.changes) == result.text
    for c in result.changes:
        assert 0 <= c.start <= c.end <= len(text) and c.before != c.after
    for f in result.flags:
        assert 0 <= f.start <= f.end <= len(text)


def _fuzzable(*texts: str) -> bool:
    """Idempotence is asserted on all texts but those (in or out) with a line that may hold mojibake.

    ftfy judges a line as a whole (it decodes the whole line when it can, else only the
    sequences its detector picks, and what stands before one counts), so a later stage's
    repair anywhere on the line (`»Ã«` → `“Ã”`, a space or a ¿ removed) may make mojibake
    readable that was not before, and a quotation mark written next to a letter may read as
    mojibake itself (`« ª` → `“ª`, which ftfy decodes as `һ`). Mojibake is checked on ftfy's
    own cases instead (test_external).
    """
    return not any(might_be_mojibake(line) for text in texts for line in text.splitlines())


def _not_idempotent(pipeline: transclean.Pipeline, neutral: transclean.Pipeline | None, text: str,
                    once: transclean.Result | None = None) -> bool:
    """Does fixing the output change it again (or, with `neutral`, do the language-neutral rules)?"""
    once = once or pipeline.fix(text)
    if once.text == text or not _fuzzable(text, once.text):
        return False
    return pipeline.fix(once.text).text != once.text or (neutral is not None and _fixed(neutral, once.text) != once.text)


_FIXED: dict[tuple[int, str], str] = {}


def _fixed(neutral: transclean.Pipeline, text: str) -> str:
    """The language-neutral pipeline's output, kept: the outputs of many modes are alike, and
    a pipeline fixes a text the same way every time (test_deterministic)."""
    key = id(neutral), text
    if key not in _FIXED:
        _FIXED[key] = neutral.fix(text).text
    return _FIXED[key]


def _paragraphs(text: str) -> list[str]:
    return [p for p in PARAGRAPH_BREAK_RE.split(text) if p.strip()]


def _made_worse(pipeline: transclean.Pipeline, text: str, out: str | None = None) -> dict[str, int]:
    """The kinds of defect the output has more of than the input, paragraph by paragraph (the
    guard's segments) when the output has as many paragraphs, else in the whole text.

    Texts with a line that may hold mojibake are left out: the mojibake repair is not guarded
    (it writes back the author's characters, quotation marks included: `Â«` is `«`).
    """
    out = pipeline.fix(text).text if out is None else out
    if out == text or not _fuzzable(text, out):
        return {}
    pairs = list(zip(_paragraphs(text), _paragraphs(out)))
    if len(pairs) != len(_paragraphs(text)) or len(pairs) != len(_paragraphs(out)):
        pairs = [(text, out)]
    for before, after in pairs:
        if added := defects.worse(defects.count(before), defects.count(after)):
            return added
    return {}


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("mode", textgen.MODES)
def test_fixing_twice_equals_fixing_once_and_never_worse(mode, unsafe):
    """Each generated text is fixed once; its changes must rebuild the output, fixing the output
    again must change nothing, and the output must have no more defects of a kind than the input."""
    pipeline = _pipeline(mode, unsafe)
    neutral = _pipeline("en", unsafe) if mode in LANGUAGES else None
    again, worse = [], []
    for text in textgen.texts(SEED, EXAMPLES):
        once = pipeline.fix(text)
        assert rebuild(text, once.changes) == once.text
        if _not_idempotent(pipeline, neutral, text, once):
            again.append(text)
        if _made_worse(pipeline, text, once.text):
            worse.append(text)
    shrunk = sorted({textgen.shrink(lambda t: _not_idempotent(pipeline, neutral, t), t) for t in again[:5]}, key=len)
    assert not again, f"fixed twice: {len(again)} of {EXAMPLES} texts, for instance {shrunk!r}"
    shrunk = sorted({textgen.shrink(lambda t: bool(_made_worse(pipeline, t)), t) for t in worse[:5]}, key=len)
    assert not worse, f"made worse: {len(worse)} of {EXAMPLES} texts, for instance {shrunk!r}"


@SETTINGS
@given(TEXT, st.booleans(), st.sampled_from(["auto", "fr", "de", "en"]))
@example("\u201c\t,", False, "auto")  # the tab before the comma was the space it became
def test_never_worse_on_hypothesis_texts(text, unsafe, lang):
    assert not _made_worse(_pipeline(lang, unsafe), text)


# Found by fuzzing: (text, mode, unsafe, output); fixing the output again must change nothing.
FOUND = [
    ("aa ?I", "es", True, "aa? I"),  # space-before and missing-space read the capital alike
    ("0$,,", "en", False, "$0,"),  # the currency stage made 0$,, a doubled comma after a word
    ("Sr. n\u00b05", "es", False, "Sr. No. 5"),  # not Mr. No. 5 on the second run
    ("a, .Ba", "de", False, "a. Ba"),  # orphan marks before a spaced sentence end
    ("\u00ab\u00a1a", "es", False, "\u201ca"),  # ¡ opens the word after the guillemet
    ("\u00a1r\u00bb2h30\u00bb", "auto", False, "r\u00bb2:30\u00bb"),  # French, then Spanish
    ("\u2018\u2003de Vladimir Poutine", "auto", False, "\u2018 de Vladimir Putin"),  # none, then French
    ("n\u00b0\u00bf0n\u00b05\u00abSig.Moscou", "auto", True, "No. 0n\u00b05\u00abMr. Moscow"),  # fr, it, es, fr
]


@pytest.mark.parametrize("text, mode, unsafe, expected", FOUND)
def test_found_by_fuzzing(text, mode, unsafe, expected):
    assert transclean.fix(text, source_lang=mode, unsafe=unsafe).text == expected
    assert transclean.fix(expected, source_lang=mode, unsafe=unsafe).text == expected


def test_auto_mode_reports_each_language_that_ran():
    result = transclean.fix("\u00a1r\u00bb2h30\u00bb")
    source = result.to_dict()["source"]
    assert result.source_lang == source["language"] == "es"
    assert [r["language"] for r in source["rounds"]] == ["fr", "es"]
    assert {e["signal"] for e in source["rounds"][1]["evidence"]} == {"inverted marks", "guillemets"}
    assert rebuild(result.original, result.changes) == result.text


@SETTINGS
@given(TEXT)
def test_deterministic(text):
    a, b = transclean.fix(text), transclean.fix(text)
    assert a == b


# Every character ftfy's badness pattern knows (ranges spelled out), with ASCII around them.
_CATEGORY_CHARS = "".join(
    "".join(chr(c) for c in range(ord(chars[i]), ord(chars[i + 2]) + 1)) if i + 2 < len(chars) and chars[i + 1] == "-"
    else chars[i]
    for chars in MOJIBAKE_CATEGORIES.values() for i in range(len(chars))
)
MOJIBAKE_PIECES = st.one_of(
    st.sampled_from(sorted(set(_CATEGORY_CHARS))),
    st.sampled_from(list(" \n\tab.,?!1ZÃÂœ\u0412\u0413\u0421\u0420\u221a\u2248\u201a\u03b2\u20ac")),
    st.text(max_size=3),
)


@SETTINGS
@given(st.lists(MOJIBAKE_PIECES, max_size=12).map("".join))
@example("x\u201c\u00a6x")  # the unusual character's partner is a typographic one, on its left
@example("\u00a1\u0192")
@example("caf\u00c3 x")  # bad alone
@example("c\u0153.")
def test_mojibake_screen_passes_every_line_ftfy_calls_bad(line):
    assume("\n" not in line)
    if BADNESS_RE.search(line):
        assert might_be_mojibake(line)


@SETTINGS
@given(st.lists(MOJIBAKE_PIECES, max_size=12).map("".join), st.integers(0, 12), st.integers(0, 12))
@example("\u00c3\u00a9x", 0, 3)  # the pattern's `^` at the line's start
@example("x\u00c3\u00a9x", 1, 4)  # ... and not elsewhere
def test_a_window_of_a_line_looks_bad_as_the_line_does_there(line, start, end):
    from transclean.rules.encoding import _looks_bad

    start, end = min(start, len(line)), min(max(start, end), len(line))
    assert _looks_bad(line[start:end], start == 0) == bool(BADNESS_RE.search(line, start, end))
