"""Fragments: spans of the source language left untranslated.

A cheap screen picks candidates: a run of foreign-looking words (source-language
function words, words with accented letters) holding at least two function
words, or any run of Cyrillic words. Only candidates reach langdetect (seeded,
cached), and only a confident non-English verdict becomes a flag. Known
loanwords (`déjà vu`, `coup d'état`) and names written in title case
(`Centre National d'Études Spatiales`) are not candidates.
"""

from __future__ import annotations

import re
from functools import cache

import ahocorasick

from ..langid import identify, language_name
from ..model import Finding
from ..packs import table
from ..rule import Rule

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*[-'\u2019]?", re.UNICODE)
CYRILLIC_RUN_RE = re.compile(r"[\u0400-\u04ff]+(?:[\s,.;:-]+[\u0400-\u04ff]+)*")
ELIDED_RE = re.compile(r"^[dlDL]['\u2019]")  # d'Almane is capitalised after its article
MIN_PROBABILITY = 0.80
MAX_GAP = 2  # ordinary words allowed between two foreign-looking ones
WINDOW = 40  # characters: function words further apart are not one fragment
WORD_ENDS = (" ", ",", ".", ";", ":", "!", "?", ")", "]", "\u201d", '"', "\n", "\r", "\u00a0")
MAX_WIDEN = 6  # words a fragment may grow by on each side
NEXT_WORD_RE = re.compile(r"[ \u00a0]+([^\W\d_]+(?:[-'\u2019][^\W\d_]+)*)")
PREV_WORD_RE = re.compile(r"([^\W\d_]+(?:[-'\u2019][^\W\d_]+)*)[ \u00a0]+\Z")


@cache
def _tables() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    data = table("fragments")
    words = {lang: frozenset(ws) for lang, ws in data["function_words"].items()}
    return words, frozenset(w.lower() for w in data["loanwords"])


@cache
def _english_words() -> frozenset[str]:
    return frozenset(table("fragments")["english_words"])


def _function_word(word: str, words: frozenset[str]) -> bool:
    w = word.lower()
    if w in words:
        return True
    # elided articles glued to the next word: d'études, l’orbite
    return len(w) > 2 and w[1] in "'\u2019" and w[:2] in words


@cache
def _screen(function_words: frozenset[str]) -> ahocorasick.Automaton:
    """An automaton of every function word as a whole word (after a space), elided forms included.

    One pass of a C automaton: a regex alternation of hundreds of words, tried at
    every space, costs several times more on long texts.
    """
    automaton = ahocorasick.Automaton()
    for word in function_words:
        for form in (word, word.capitalize()):
            if form.endswith(("'", "\u2019")):
                automaton.add_word(" " + form, len(form) + 1)
            else:
                for end in WORD_ENDS:
                    automaton.add_word(f" {form}{end}", len(form) + 2)
    automaton.make_automaton()
    return automaton


def _windows(text: str, function_words: frozenset[str]):
    """Stretches of text where two function words stand close together: the only places worth reading."""
    hits = [end - length + 2 for end, length in _screen(function_words).iter(text)]
    k = 0
    while k + 1 < len(hits):
        if hits[k + 1] - hits[k] > WINDOW:
            k += 1
            continue
        first = k
        while k + 1 < len(hits) and hits[k + 1] - hits[k] <= WINDOW:
            k += 1
        start = max(text.rfind("\n", 0, hits[first]) + 1, hits[first] - WINDOW)
        end = text.find("\n", hits[k])
        end = min(len(text) if end < 0 else end, hits[k] + WINDOW)
        yield start, end
        k += 1


def _candidates(text: str, start: int, end: int, function_words: frozenset[str]):
    """Spans of foreign-looking words, within one clause, holding two function words or more."""
    run: list[re.Match] = []
    gap = hits = 0
    prev_end = start
    english = _english_words()
    for m in WORD_RE.finditer(text, start, end):
        word, separator, prev_end = m.group(), text[prev_end:m.start()], m.end()
        if run and separator.strip(" \u00a0"):  # punctuation or a line break ends the clause
            if hits >= 2:
                yield run[0].start(), run[-1].end()
            run, gap, hits = [], 0, 0
        if word.lower() in english:
            if hits >= 2:
                yield run[0].start(), run[-1].end()
            run, gap, hits = [], 0, 0
            continue
        is_function = _function_word(word, function_words)
        if is_function or not word.isascii():
            run.append(m)
            hits += is_function
            gap = 0
        elif run:
            gap += 1
            if gap > MAX_GAP:
                if hits >= 2:
                    yield run[0].start(), run[-1].end()
                run, gap, hits = [], 0, 0
    if hits >= 2:
        yield run[0].start(), run[-1].end()


class Untranslated(Rule):
    """Spans of the source language left untranslated.

    Flags (never edits) a run of source-language words, with the language's name.
    Why a flag: only a translator can say what the span should be.
    Keeps: loanwords English uses (`vis-à-vis` alone, `déjà vu`, `café`), names in
    title case (`Le Monde`, `Centre National d'Études Spatiales`).
    Example: `of “To divert attention [vis-à-vis de ses] problems”` → flag on
    `vis-à-vis de ses`, language French.
    """

    id = "fragments.untranslated"
    summary = "Untranslated source-language fragments are flagged (language named)"

    def find(self, text, ctx):
        tables, _ = _tables()
        if ctx.source_lang in tables:
            function_words = tables[ctx.source_lang]
        else:
            function_words = frozenset().union(*tables.values())
        for window in _windows(text, function_words):
            for start, end in _candidates(text, *window, function_words):
                yield from self._judge(text, start, end, ctx)
        if not text.isascii():
            for m in CYRILLIC_RUN_RE.finditer(text):
                yield from self._judge(text, m.start(), m.end(), ctx)

    def _judge(self, text: str, start: int, end: int, ctx):
        span = text[start:end]
        if span.lower() in _tables()[1] or _is_title_case_name(span) or _is_name_particle(text, start, end):
            return
        lang = _language(span)
        if lang is None:
            return
        start, end = _widen(text, start, end, lang)
        span = text[start:end]
        yield Finding(start, end, f"Untranslated {language_name(lang)} fragment: {span}", language=lang)


def _language(span: str) -> str | None:
    """The span's language if langdetect is confident it is not English."""
    verdict = identify(span)
    if verdict is None or verdict[0] == "en" or verdict[1] < MIN_PROBABILITY:
        return None
    return verdict[0]


def _widen(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """Grow the span over the neighbouring words that are plainly of the same language.

    The screen finds a fragment by its function words; a neighbour joins it when it
    is a function word of that language or has an accented letter, is not an English
    word, and the grown span still reads as that language.
    """
    english = _english_words()
    own = _tables()[0].get(lang, frozenset())

    def belongs(word: str) -> bool:
        w = word.lower()
        return w not in english and (w in own or not w.isascii())

    for _ in range(MAX_WIDEN):
        m = NEXT_WORD_RE.match(text, end)
        if not m or not belongs(m.group(1)) or _language(text[start:m.end()]) != lang:
            break
        end = m.end()
    for _ in range(MAX_WIDEN):
        m = PREV_WORD_RE.search(text, max(0, start - 40), start)
        if not m or not belongs(m.group(1)) or _language(text[m.start(1):end]) != lang:
            break
        start = m.start(1)
    return start, end


def _is_name_particle(text: str, start: int, end: int) -> bool:
    """Lower-case words between two capitalised ones: von der Leyen, Place de la Concorde."""
    before = WORD_RE.findall(text[max(0, start - 30):start])
    after = WORD_RE.search(text, end, end + 30)
    inner = WORD_RE.findall(text[start:end])
    return bool(before and after and before[-1][0].isupper() and after.group()[0].isupper()
                and all(w.islower() and len(w) <= 4 for w in inner))


def _is_title_case_name(span: str) -> bool:
    """Every long word capitalised, as in the name of an institution or a newspaper."""
    words = [ELIDED_RE.sub("", w) for w in WORD_RE.findall(span) if len(w) > 3]
    return bool(words) and all(w[:1].isupper() for w in words)


RULES = (Untranslated(),)
