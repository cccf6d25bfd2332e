"""Fragments: spans of the source language left untranslated.

Three steps, each dearer and rarer than the one before:

1. Screen. One pass of a C automaton finds the places worth reading: a function
   word of a source language as a whole word (`des`, `und`, `della`, `los`,
   `não`); on text that is not ASCII, one character class finds words with an
   accented letter (in lower case, or German) and Cyrillic. Clean English prose
   has a few hundred such places in 10 MB.
2. Score. Around each place, the words of its clause (up to the next punctuation
   mark or quote) are scored per language by word frequencies (wordfreq, the
   small lists): how much more common a word is in French, say, than in English.
   The best-scoring run of words through the place is the candidate; it needs
   two words that lean clearly to that language, one of them in lower case.
   Loanwords (`déjà vu`, `coup d'état`) are no evidence; names in title case
   (`Corriere della Sera`, `von der Leyen`), known names with lower-case words
   (`Centre national d'études spatiales`), titles in English quotes, Latin and
   code are not fragments.
3. Judge. The language is the one in which the run's words are likeliest.
   langdetect (seeded, cached, limited to our languages) reads the candidate
   only where it can help: a weak candidate it reads as English is dropped, and
   it names the language when two are about as likely (Spanish or Portuguese).

A run of Cyrillic words is a fragment in itself (Russian unless its letters or
langdetect say Ukrainian or Bulgarian; a single capitalised word is a name). A
single Latin-script word is flagged only when it is one of the language's
grammatical words that English never uses (`notamment`, `allerdings`): English
borrows content words too freely (`résumé`, `régime`, `manqué`); or when the table lists
it among the words of local government MT leaves untranslated (`mairie`, `Landkreis`,
`gemeente`, `hejtman`, read in one more pass of an automaton), with its meaning.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
import unicodedata
from array import array
from functools import cache, lru_cache
from importlib.util import find_spec
from itertools import accumulate
from pathlib import Path

import ahocorasick

from ..langid import identify, language_name
from ..model import Finding
from ..packs import table
from ..profiles import via
from ..usercache import cached
from ..version import VERSION
from ..rule import Rule

LATIN = ("fr", "de", "it", "es", "pt")
CYRILLIC_LANGS = ("ru", "uk", "bg")
UKRAINIAN = frozenset("іІїЇєЄґҐ")
WORD_STARTS = (" ", "\u00a0", "\u201c", "\u00ab", "\u201e", '"')
WORD_ENDS = (" ", ",", ".", ";", ":", "!", "?", ")", "]", "\u201d", '"', "\n", "\r", "\u00a0", "\u00bb", "\u201c")

REACH = 80  # characters read on each side of a screen hit, within its clause
MAX_REGION = 2000  # characters read at once: a longer clause (no prose has one) is read in pieces
# A clause ends at sentence punctuation, brackets, quotes, dashes and line breaks.
BOUNDARY_RE = re.compile("[.;:!?()\\[\\]{}\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\"<>=|/\\\\*#@_~`,\u2014\u2013\n\r]|-(?=\\s)")
TOKEN_RE = re.compile(r"[^\W_]++(?:['\u2019-][^\W_]++)*+")  # possessive: no backtracking state per part
# Letters no English word needs: accented Latin (É, ß, ñ, ã...) and Cyrillic. A pattern that starts
# with one character class is scanned fast; each match takes the rest of its word.
FOREIGN_LETTER_RE = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u04ff][^\\W\\d_]*")
CYRILLIC_RUN_RE = re.compile(  # possessive: no backtracking state per word
    "[\u0400-\u04ff]++(?:-[\u0400-\u04ff]+)*+(?:[ \u00a0,;:-]+(?:\\d+[ \u00a0]+)*[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*)*+")
PLAIN_BEFORE = frozenset(" \u00a0\n\u201c\u00ab\u201e\"'(")
PLAIN_AFTER = frozenset(" \u00a0\n,;:!?\u201d\u00bb\"')")
CODE_MARKS = "._/\\@#$%^&*=<>|`~"
ENGLISH_SUFFIXES = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})  # France's, don't, they're

FLOOR = 1.5        # Zipf frequency given to a word missing from a language's list (the lists stop near 3)
CLIP = 3.0         # one word never weighs more than this either way
LEANS = 1.0        # a word leans to a language when it is this much (Zipf) more common there than in English
MIN_SCORE = 3.0    # total lean of a candidate run
MIN_LEANING = 2    # distinct words of a candidate that lean to its language; when only two...
LONG_WORD = 4      # ...one must be this long (`den die` in dialect is not German, `até o fim` is Portuguese)
SINGLE_LENGTH = 5  # a lone word: this long (`sich` for "such" in dialect is not German)...
SINGLE_ZIPF = 4.0  # ...this common in its language...
SINGLE_MARGIN = 0.8  # ...and clearly more common there than in any other language we serve
CHECK_SCORE = 6.0  # a candidate leaning less than this is read by langdetect too, which...
ENGLISH_VETO = 0.90  # ...drops it when it reads English this surely
LANG_MARGIN = 1.0  # langdetect names the language when the run is about as likely (log10) in two of them
LONE_SCORE = 2.0   # a lone word's lean can reach no more than CLIP; it is judged from this on


@cache
def _data() -> dict:
    data = table("fragments")
    norm = lambda s: s.lower().replace("\u2019", "'")  # noqa: E731
    return {
        "function_words": {lang: frozenset(map(norm, ws)) for lang, ws in data["function_words"].items()},
        "latin": frozenset(map(norm, data["latin"])),
        "particles": frozenset().union(*(map(norm, ws) for ws in data["function_words"].values())),
        "phrases": {lang: {norm(k): v for k, v in ps.items()} for lang, ps in data.get("phrases", {}).items()},
    }


# --------------------------------------------------------------- word frequencies

SEEN_LIMIT = 65536  # words a frequency table remembers having looked up


class Frequencies:
    """A language's word frequencies: its words sorted and joined in one string, with arrays of
    where each starts and of its frequency, looked up by bisection (each word once).

    Three flat objects load from the user cache at once, where a dict of forty thousand
    words would take several milliseconds to rebuild in every run.
    """

    __slots__ = ("_words", "_starts", "_values", "_seen")

    def __init__(self, words: str, starts: bytes, values: bytes) -> None:
        self._words = words
        self._starts = array("I", starts)  # one more than there are words: the end of the last + 1
        self._values = array("d", values)
        if len(self._starts) != len(self._values) + 1 or self._starts[-1] != len(words) + 1:
            raise ValueError("inconsistent frequency table")
        self._seen: dict[str, float | None] = {}

    @classmethod
    def of(cls, frequencies: dict[str, float]) -> Frequencies:
        words = sorted(frequencies)
        starts = array("I", accumulate((len(w) + 1 for w in words), initial=0))
        return cls("\n".join(words), starts.tobytes(), array("d", map(frequencies.get, words)).tobytes())

    def plain(self) -> tuple[str, bytes, bytes]:
        return self._words, self._starts.tobytes(), self._values.tobytes()

    def get(self, word: str) -> float | None:
        try:
            return self._seen[word]
        except KeyError:
            if len(self._seen) >= SEEN_LIMIT:
                self._seen.clear()
            self._seen[word] = value = self._find(word)
            return value

    def __contains__(self, word: str) -> bool:
        try:
            return self._seen[word] is not None
        except KeyError:
            return self.get(word) is not None

    def _find(self, word: str) -> float | None:
        words, starts = self._words, self._starts
        lo, hi = 0, len(self._values)
        while lo < hi:
            mid = (lo + hi) // 2
            if words[starts[mid]:starts[mid + 1] - 1] < word:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self._values) and words[starts[lo]:starts[lo + 1] - 1] == word:
            return self._values[lo]
        return None


@cache
def _frequencies(lang: str) -> Frequencies:
    """wordfreq's list of a language (the small one: words down to Zipf 3), kept in the user cache:
    importing wordfreq and reading its lists costs a command-line run a quarter of a second.
    The cache is keyed by the list's file, found without importing wordfreq."""

    def build() -> Frequencies:
        import wordfreq  # imported here: only when the cache is cold

        return Frequencies.of(wordfreq.get_frequency_dict(lang, wordlist="small"))

    package = find_spec("wordfreq")
    data = Path(package.origin).parent / "data" / f"small_{lang}.msgpack.gz"
    st = data.stat()
    key = f"{VERSION} {data} {st.st_size} {st.st_mtime_ns} {sys.byteorder}"
    return cached(f"wordfreq-{lang}", key, build, Frequencies.plain, lambda plain: Frequencies(*plain))


def _zipf(word: str, lang: str) -> float:
    f = _frequencies(lang).get(word)
    return math.log10(f) + 9 if f else FLOOR


@lru_cache(maxsize=65536)
def _zipfs(key: str) -> tuple[float, ...]:
    return tuple(_zipf(key, l) for l in LATIN)


@lru_cache(maxsize=65536)
def _leans(key: str) -> tuple[float, ...]:
    """How much more common the word is in each of LATIN than in English (Zipf difference, clipped)."""
    if "-" in key and key not in _frequencies("en") and all(key not in _frequencies(l) for l in LATIN):
        parts = [p for p in key.split("-") if p]
        each = [_leans(p) for p in parts]
        return tuple(sum(e[i] for e in each) / len(each) for i in range(len(LATIN)))
    en = _zipf(key, "en")
    return tuple(max(-CLIP, min(CLIP, _zipf(key, l) - en)) for l in LATIN)


LOAN_WORD, LOAN_PHRASE = 1, 2
ENGLISH = (-2.0,) * len(LATIN)
NEUTRAL = (0.0,) * len(LATIN)


class Token:
    __slots__ = ("start", "end", "key", "capital", "leans", "loan")

    def __init__(self, start: int, end: int, key: str, capital: bool, leans: tuple[float, ...]):
        self.start, self.end, self.key, self.capital, self.leans = start, end, key, capital, leans
        # part of a loanword (LOAN_WORD alone, LOAN_PHRASE in a phrase): no evidence by itself, but part
        # of a fragment it stands in; a one-word loan (première) counts beside other evidence
        self.loan = 0


def _tokens(text: str, start: int, end: int) -> list[Token]:
    """The words of a clause, elided articles split off (l'|agence), English contractions kept whole."""
    out = []
    for m in TOKEN_RE.finditer(text, start, end):
        raw = m.group()
        at, to = m.span()
        before, after = text[at - 1:at], text[to:to + 2]
        if (before not in PLAIN_BEFORE or after[:1] not in PLAIN_AFTER) and (
                before in CODE_MARKS and at or after[:1] in "_(" and after or after[:1] == "." and after[1:].isalnum()):
            out.append(Token(at, to, raw.lower(), False, ENGLISH))  # os.environ, environ(): code
            continue
        for offset, length, key, capital, leans in _analyse(raw):
            out.append(Token(at + offset, at + length, key, capital, leans))
    return out


@lru_cache(maxsize=65536)
def _analyse(raw: str) -> tuple[tuple[int, int, str, bool, tuple[float, ...]], ...]:
    """One word as (start, end, key, capital, leans) parts: two for an elided article, else one."""
    key = raw.lower().replace("\u2019", "'")
    capital = raw[0].isupper()
    if not key.isalpha():
        if any(c.isdigit() for c in key):
            return ((0, len(raw), key, False, NEUTRAL),)
        if "'" in key and not any(key in _frequencies(l) for l in ("en", *LATIN)):
            head, tail = key.split("'", 1)
            if tail in ENGLISH_SUFFIXES:
                return ((0, len(raw), key, capital, ENGLISH),)
            cut = len(head) + 1
            return ((0, cut, head, capital, _leans(head)), (cut, len(raw), tail, raw[cut:cut + 1].isupper(), _leans(tail)))
    return ((0, len(raw), key, capital, ENGLISH if key in _data()["latin"] else _leans(key)),)


# --------------------------------------------------------------- screen

@cache
def _screen(langs: tuple[str, ...]) -> ahocorasick.Automaton:
    """Function words of the languages as whole words (after a space or an opening quote), elided forms included.

    One pass of a C automaton: a regex alternation of hundreds of words, tried at
    every space, costs several times more on long texts. The automaton (up to a
    hundred thousand forms) is kept in the user cache, as the plain state it pickles to.
    Its values are the form's length (from its first letter) << 8 | the mask of the
    languages (bits in LATIN order) that have the word. The table's listed words of every
    language ride along (after a space, a quote, a bracket or a line break; their ends are
    looked at apart), valued -1 - their index in _listed().
    """
    words = _data()["function_words"]
    key = repr((VERSION, langs, WORD_STARTS, WORD_ENDS, LISTED_STARTS, sorted((l, sorted(ws)) for l, ws in words.items()),
                _listed()))
    return cached(f"screen-{'-'.join(langs)}", key, lambda: _build_screen(langs),
                  lambda automaton: automaton.__reduce__()[1], lambda state: ahocorasick.Automaton(*state))


def _build_screen(langs: tuple[str, ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    words = _data()["function_words"]
    for word in frozenset().union(*(words[l] for l in langs)):
        mask = sum(1 << i for i, l in enumerate(LATIN) if word in words[l])
        for form in {word, word.capitalize()}:
            for lead in WORD_STARTS:
                if form.endswith("'"):
                    for apostrophe in ("'", "\u2019"):
                        automaton.add_word(lead + form[:-1] + apostrophe, (len(form) + 1) << 8 | mask)
                else:
                    for end in WORD_ENDS:
                        automaton.add_word(f"{lead}{form}{end}", (len(form) + 2) << 8 | mask)
    for index, (_, word) in enumerate(_listed()):
        for form in {word, word[0].upper() + word[1:]}:
            for lead in LISTED_STARTS:
                automaton.add_word(lead + form, -1 - index)
    automaton.make_automaton()
    return automaton


LISTED_STARTS = (*WORD_STARTS, "\n", "(", "'", "\u2018")
FIRST_WORDS_RE = re.compile(r"([^\W\d_]+)(?: [^\W\d_]+)?")  # one word or two (miska rada): the longer listed one wins


@cache
def _listed_forms() -> dict[str, int]:
    """Each listed word, in lower case and capitalised, -> its index in _listed()."""
    return {form: index for index, (_, word) in enumerate(_listed()) for form in (word, word[0].upper() + word[1:])}


@cache
def _listed() -> tuple[tuple[str, str], ...]:
    """The table's words MT leaves untranslated (mairie, Landkreis, gemeente, hejtman), as (language, word)."""
    return tuple(sorted((lang, word) for lang, words in table("fragments").get("words", {}).items() for word in words))


# Which languages write a letter: a seed from an accented letter is read only in those.
LETTERS = {"fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "it": "àèéìíòóù", "es": "áéíñóúü", "pt": "àáâãçéêíóôõú"}


GERMAN_INDEX = LATIN.index("de")
GERMAN = 1 << GERMAN_INDEX


@lru_cache(maxsize=512)
def _letter_mask(letter: str) -> int:
    low = letter.lower()
    return sum(1 << i for i, l in enumerate(LATIN) if low in LETTERS[l])


def _regions(text: str, seeds: list[tuple[int, int]]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The clause around each seed (merged when they overlap), with the seeds inside it."""
    regions: list[list] = []
    for seed in seeds:
        p = seed[0]
        if regions and p < regions[-1][1]:
            regions[-1][2].append(seed)
            continue
        lo = max(text.rfind("\n", max(0, p - REACH), p) + 1, p - REACH)  # the line's start, if nearer
        start = lo
        for m in BOUNDARY_RE.finditer(text, lo, p):
            start = m.end()
        end = min(len(text), p + REACH)
        m = BOUNDARY_RE.search(text, p, end)
        if m:
            end = m.start()
        if regions and start < regions[-1][1] and end - regions[-1][0] > MAX_REGION:
            regions[-1][1] = p  # a clause too long for prose is read in pieces, cut at a seed
            regions.append([p, end, [seed]])
        elif regions and start < regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
            regions[-1][2].append(seed)
        else:
            regions.append([start, end, [seed]])
    return [(s, e, ps) for s, e, ps in regions]


# --------------------------------------------------------------- the rule

class Untranslated(Rule):
    """Spans of the source language left untranslated.

    Flags (never edits) a run of source-language words, with the language's name
    and, for a known short phrase, what it usually means.
    Why a flag: only a translator can say what the span should be.
    Keeps: loanwords English uses (`vis-à-vis` alone, `déjà vu`, `café`, `de facto`),
    names in title case (`Le Monde`, `Corriere della Sera`), known names
    (`Centre national d'études spatiales`), film titles in English quotes.
    Example: `of “To divert attention [vis-à-vis de ses] problems”` → flag on
    `vis-à-vis de ses`, language French.
    """

    id = "fragments.untranslated"
    reads_language = True  # it looks for the source language's words
    summary = "Untranslated source-language fragments are flagged (language named)"

    def find(self, text, ctx):
        listed: list[tuple[int, int]] = []  # (end, index in _listed()) of the listed words the screen met
        found = list(self._fragments(text, ctx.source_lang, listed))
        opening = FIRST_WORDS_RE.match(text)  # a listed word that opens the text has no lead for the screen
        if opening:
            forms = _listed_forms()
            first = next((w for w in (opening.group(), opening.group(1)) if w in forms), None)
            if first is not None:
                listed.insert(0, (len(first), forms[first]))
        yield from found
        yield from _listed_words(text, ctx.source_lang, found, listed)

    def _fragments(self, text: str, source: str | None, listed: list[tuple[int, int]]):
        if source in LATIN:
            langs: tuple[str, ...] = (source,)
        elif source in CYRILLIC_LANGS:
            langs = ("fr",)  # Russian text often reaches English through French
        else:
            langs = LATIN
        wanted = sum(1 << LATIN.index(l) for l in langs)
        seeds = []
        for end, value in _screen(langs).iter(text):
            if value < 0:
                listed.append((end + 1, -1 - value))
                continue
            length, mask = value >> 8, value & 0xFF
            if mask & wanted:
                p = end - length + 2
                # a capitalised article inside a sentence opens a name or a title (Le Monde), not a fragment
                if not text[p].isupper() or _sentence_start(text, p):
                    seeds.append((p, mask))
        cyrillic = -1
        if not text.isascii():
            for m in FOREIGN_LETTER_RE.finditer(text):  # one match per word, from its first such letter
                if text[m.start()] >= "\u0400":
                    if cyrillic < 0:
                        cyrillic = m.start()
                    continue
                mask = _letter_mask(text[m.start()]) & wanted
                if not mask:
                    continue
                p = m.start()
                while p and text[p - 1].isalpha():
                    p -= 1
                if p == m.end() - 1 or text[p].isupper() and not mask & GERMAN:
                    continue  # a letter alone (mojibake), or a name: Élysée, Valérie, Bernabéu
                seeds.append((p, mask))
        if seeds:
            seeds.sort()
            for start, end, inside in _regions(text, seeds):
                mask = 0
                for _, m in inside:
                    mask |= m
                in_play = tuple(l for i, l in enumerate(LATIN) if mask & wanted & (1 << i))
                yield from self._region(text, start, end, [p for p, _ in inside], in_play, source)
        if cyrillic >= 0:
            for m in CYRILLIC_RUN_RE.finditer(text, cyrillic):
                yield from self._cyrillic(text, m.start(), m.end(), source)

    # ---------------------------------------------------------- Latin scripts

    def _region(self, text: str, start: int, end: int, seeds: list[int], langs: tuple[str, ...], source):
        tokens = _tokens(text, start, end)
        seed_idx, k = [], 0
        for i, t in enumerate(tokens):
            while k < len(seeds) and seeds[k] < t.start:
                k += 1
            if k < len(seeds) and seeds[k] < t.end:
                seed_idx.append(i)
        if not seed_idx:
            return
        taken: list[tuple[int, int]] = []
        masked = False
        best_in: dict[tuple[int, int], tuple | None] = {}  # each free stretch's best run, found once
        columns = list(zip(*(t.leans for t in tokens)))  # per language, the lean of every token
        while True:
            best = None
            for stretch in _free(taken, len(tokens)):
                if stretch not in best_in:
                    best_in[stretch] = _best_in_stretch(columns, seed_idx, *stretch, langs)
                found = best_in[stretch]
                if found is not None and (best is None or found[2] > best[2]):
                    best = found
            if best is None or best[2] < LONE_SCORE:
                return
            if not masked:  # loanwords and names are looked for only where a candidate stands
                masked = True
                if _mask(text, start, end, tokens):
                    best_in.clear()
                    columns = list(zip(*(t.leans for t in tokens)))
                    continue
            a, b, score, lang = best
            a, b = _edges(text, tokens, a, b, lang)
            taken.append((a, b))
            finding = self._judge(text, tokens, a, b, score, lang, source)
            if finding is not None:
                yield finding

    def _judge(self, text: str, tokens: list[Token], a: int, b: int, score: float, lang: str, source):
        li = LATIN.index(lang)
        run = tokens[a:b + 1]
        leaning = {t.key for t in run if t.leans[li] >= LEANS and not t.loan}
        if all(t.capital for t in run if t.leans[li] >= LEANS and not t.loan):
            return None  # only capitalised words lean: names (in Düsseldorf and Köln), whatever the language
        if leaning:  # en première lecture: a one-word loan counts beside other evidence
            leaning |= {t.key for t in run if t.leans[li] >= LEANS and t.loan == LOAN_WORD}
        if len(leaning) == 1 and not any(_unknown_of(t, lang) for t in run):
            if not _lone_word([t for t in run if not t.loan], lang, source):
                return None
        elif len(leaning) == 1:  # erhöhte Waldbrandgefahr: a word of the language and one no list knows
            if any(w in _frequencies("en") or _unaccented(w) in _frequencies("en") for w in leaning):
                return None
        elif score < MIN_SCORE or len(leaning) < MIN_LEANING or (len(leaning) == MIN_LEANING and
                                            max(len(t.key) for t in run if t.leans[li] >= LEANS) < LONG_WORD):
            return None
        if run[0].capital and run[0].key in _data()["function_words"][lang] and not _sentence_start(text, run[0].start):
            return None  # Le Manuel manquant, La Haine: a title or a name
        if _is_name(text, tokens, a, b, lang) or _is_title(text, run[0].start, run[-1].end) \
                or _in_latin(text, run[0].start, run[-1].end):
            return None
        start, end = run[0].start, run[-1].end
        span = text[start:end]
        likely, other, margin = _likeliest(run)
        verdict = None
        if score < CHECK_SCORE or (source != lang and margin < LANG_MARGIN):  # langdetect only where it can help
            verdict = identify(span)
            if verdict is not None and verdict[0] == "en" and verdict[1] >= ENGLISH_VETO and score < CHECK_SCORE:
                return None
        if source != lang:
            lang = verdict[0] if verdict and margin < LANG_MARGIN and verdict[0] in (likely, other) else likely
        key = span.lower().replace("\u2019", "'")
        suggestion = _data()["phrases"].get(lang, {}).get(key)
        return Finding(start, end, f"Untranslated {language_name(lang)} fragment: {span}", language=lang,
                       suggestion=suggestion)

    # ---------------------------------------------------------- Cyrillic

    def _cyrillic(self, text: str, start: int, end: int, source):
        span = text[start:end]
        if sum(c.isalpha() for c in span) < 2:  # a letter quoted alone: Ukrainian capital “Є”
            return
        if span[0].isupper() and " " not in span:  # one capitalised word: a name written in Cyrillic
            return
        if source in CYRILLIC_LANGS:
            lang = source
        elif UKRAINIAN.intersection(span):
            lang = "uk"
        elif "ъ" in span:  # common in Bulgarian, rare in Russian: let langdetect say
            verdict = identify(span)
            lang = "bg" if verdict and verdict[0] == "bg" and verdict[1] >= 0.99 else "ru"
        else:
            months = {lang for word in span.lower().split() for lang in _cyrillic_months().get(word, ())}
            lang = months.pop() if len(months) == 1 else "ru"  # Ukrainian `червня`, Russian `июня`
        key = span.lower()
        suggestion = _data()["phrases"].get(lang, {}).get(key)
        yield Finding(start, end, f"Untranslated {language_name(lang)} fragment: {span}", language=lang,
                      suggestion=suggestion)


def _listed_words(text: str, source: str | None, found: list[Finding], listed: list[tuple[int, int]]):
    """The table's listed words the screen met (mairie, Landkreis, gemeente, hejtman) that stand as
    whole words outside the fragments found: each a fragment of its language, with its meaning. With
    a source language, only its words (and those of the languages it passes through) count."""
    serving = None if source is None else {source, *via(source)}
    spans = sorted((f.start, f.end) for f in found)
    words = _listed()
    for end, index in listed:
        lang, word = words[index]
        start = end - len(word)
        if serving is not None and lang not in serving:
            continue
        after = text[end:end + 1]
        if after.isalnum() or after == "-":
            continue
        k = bisect.bisect_right(spans, (start, end))
        if any(s < end and start < e for s, e in spans[max(0, k - 1):k + 1]):
            continue
        span = text[start:end]
        yield Finding(start, end, f"Untranslated {language_name(lang)} fragment: {span}", language=lang,
                      suggestion=table("fragments")["words"][lang][word])


@cache
def _cyrillic_months() -> dict[str, tuple[str, ...]]:
    """The Cyrillic languages that name a month so (CLDR, lower case): a month tells Ukrainian from Russian."""
    from ..profiles import month_names

    langs: dict[str, list[str]] = {}
    for lang in CYRILLIC_LANGS:
        for name, _ in month_names(lang):
            langs.setdefault(name.lower(), []).append(lang)
    return {name: tuple(ls) for name, ls in langs.items()}


def _mask(text: str, start: int, end: int, tokens: list[Token]) -> bool:
    """Mark loanwords; known names and particles inside names (de Bourgh, von der Leyen) count as English."""
    clause = text[start:end]
    lowered = clause.lower().replace("\u2019", "'")
    changed = False
    starts = [t.start for t in tokens]
    if len(lowered) == len(clause):  # lower() keeps offsets for every letter we serve
        for last, (length, is_name) in _phrases().iter(lowered):
            first = last - length + 1
            if first and lowered[first - 1].isalnum() or last + 1 < len(lowered) and lowered[last + 1].isalnum():
                continue
            if is_name and not clause[first].isupper():
                continue
            s, e = start + first, start + last + 1
            for t in tokens[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]:
                if t.end <= e:
                    if is_name and t.leans is not ENGLISH:
                        t.leans, changed = ENGLISH, True
                    elif not is_name and not t.loan:
                        t.loan = LOAN_PHRASE if " " in lowered[first:last + 1] else LOAN_WORD
                        changed = True
    particles = _data()["particles"]
    for i, t in enumerate(tokens):
        if not t.capital or t.leans[GERMAN_INDEX] >= LEANS:  # Nacht zum Sonntag: German nouns, not a name
            continue
        j = i + 1
        while j < len(tokens) and not tokens[j].capital and len(tokens[j].key) <= 4 and tokens[j].key in particles:
            j += 1
        if i + 1 < j < len(tokens) and tokens[j].capital:
            for k in range(i + 1, j):
                if tokens[k].leans is not ENGLISH:
                    tokens[k].leans, changed = ENGLISH, True
    return changed


@cache
def _phrases() -> ahocorasick.Automaton:
    """Loanwords and names, lower-cased, in one automaton (value: length, is a name)."""
    data = table("fragments")
    automaton = ahocorasick.Automaton()
    for is_name, key in ((False, "loanwords"), (True, "names")):
        for phrase in data[key]:
            phrase = phrase.lower().replace("\u2019", "'")
            automaton.add_word(phrase, (len(phrase), is_name))
    automaton.make_automaton()
    return automaton


def _free(taken: list[tuple[int, int]], n: int):
    """The stretches of token indices not yet taken by a run."""
    lo = 0
    for a, b in sorted(taken):
        if a > lo:
            yield lo, a - 1
        lo = max(lo, b + 1)
    if lo < n:
        yield lo, n - 1


def _best_in_stretch(columns: list[tuple[float, ...]], seed_idx: list[int], lo: int, hi: int,
                     langs: tuple[str, ...]) -> tuple[int, int, float, str] | None:
    """The best run of tokens lo..hi through a seed in any of the languages (ties: the first language)."""
    inside = seed_idx[bisect.bisect_left(seed_idx, lo):bisect.bisect_right(seed_idx, hi)]
    best = None
    if inside:
        for lang in langs:
            found = _best_run(columns[LATIN.index(lang)], inside, lo, hi)
            if found is not None and (best is None or found[2] > best[2]):
                best = (*found, lang)
    return best


def _best_run(leans: list[float], seeds: list[int], lo: int, hi: int) -> tuple[int, int, float] | None:
    """The run of tokens in lo..hi holding a seed with the highest total lean (ties: the shorter).

    With prefix sums P, the best run through seed i starts after the lowest P up to
    it (the latest, for the shorter run) and ends at the highest P after it (the
    earliest); both are read in one pass each way. Seeds are in order.
    """
    prefix = [0.0, *accumulate(leans[lo:hi + 1])]
    if max(prefix) - min(prefix) < LONE_SCORE:
        return None
    highest = [0] * len(prefix)  # highest[k]: where the earliest highest P from k on is
    top = len(prefix) - 1
    for k in range(top, -1, -1):
        if prefix[k] >= prefix[top]:
            top = k
        highest[k] = top
    best = None
    low, k = 0, 0
    for i in seeds:
        while k <= i - lo:
            if prefix[k] <= prefix[low]:
                low = k
            k += 1
        b = highest[i - lo + 1]
        if best is None or prefix[b] - prefix[low] > best[2]:
            best = (lo + low, lo + b - 1, prefix[b] - prefix[low])
    return best


def _likeliest(run: list[Token]) -> tuple[str, str, float]:
    """The two languages in which the run's words are likeliest (sum of Zipf frequencies), and the margin."""
    zipfs = [_zipfs(t.key) for t in run if t.leans is not NEUTRAL]
    (best, lang), (second, other) = sorted(((sum(z[i] for z in zipfs), l) for i, l in enumerate(LATIN)),
                                           reverse=True)[:2]
    return lang, other, best - second


EDGE_WORDS = {  # short words English shares, which open a fragment: a causa di, as vendas, in der Nacht
    "fr": ("on", "son", "pour"), "de": ("in", "an", "am", "um"), "it": ("a", "i", "e", "o", "in"),
    "es": ("a", "o", "e", "no"), "pt": ("a", "o", "e", "as", "em", "no", "do"),
}


def _edges(text: str, tokens: list[Token], a: int, b: int, lang: str) -> tuple[int, int]:
    """Drop capitalised words of little weight at the ends (in Paris contre...); take in an opening article
    and words no list knows that look like the language (zeitgemäß, Waldbrandgefahr)."""
    li = LATIN.index(lang)
    while a < b and tokens[a].capital and tokens[a].leans[li] < LEANS and lang != "de" \
            and not _sentence_start(text, tokens[a].start):
        a += 1
    while b > a and tokens[b].capital and tokens[b].leans[li] < LEANS and lang != "de":
        b -= 1
    while b + 1 < len(tokens) and _unknown_of(tokens[b + 1], lang):
        b += 1
    while a > 0 and _unknown_of(tokens[a - 1], lang):
        a -= 1
    if 0 < a < b:  # a lone word takes no article: in "a façade" the article is English
        prev = tokens[a - 1]
        if not prev.capital and prev.leans[li] > -LEANS and (
                prev.key in EDGE_WORDS.get(lang, ()) or prev.key in _data()["function_words"].get(lang, ())):
            a -= 1
    return a, b


def _unknown_of(token: Token, lang: str) -> bool:
    """A word in no list that looks like the language: accented and lower-case, or a German compound noun."""
    if token.leans is not NEUTRAL and any(token.leans) or token.loan or not token.key.isalpha():
        return False
    if any(token.key in _frequencies(l) for l in ("en", *LATIN)):
        return False
    return (not token.key.isascii() and not token.capital) or (lang == "de" and token.capital)


def _lone_word(run: list[Token], lang: str, source) -> bool:
    """One word carries the run. English borrows single words freely (résumé, régime, manqué, Zürich), so a
    lone word counts only when it is one of the language's grammatical words (notamment, allerdings,
    tuttavia, todavía, também), lower-case, common, and no English word with or without its accents."""
    li = LATIN.index(lang)
    word = max(run, key=lambda t: t.leans[li])
    if word.capital or word.loan or len(word.key) < SINGLE_LENGTH or word.key not in _data()["function_words"][lang]:
        return False
    english = _frequencies("en")
    if word.key in english or _unaccented(word.key) in english:
        return False
    z = _zipf(word.key, lang)
    if z < SINGLE_ZIPF:
        return False
    others = max(_zipf(word.key, l) for l in LATIN if l != lang)
    return source == lang or z - others >= SINGLE_MARGIN


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


LATIN_WORD_RE = re.compile(r"[a-z]+")
LATIN_ENDING_RE = re.compile(r"[a-z]{2}(?:orum|arum|ibus|untur|antur|entur|itur)\b")
SENTENCE_END_RE = re.compile(r"[.!?\n]")


def _in_latin(text: str, start: int, end: int) -> bool:
    """Does the sentence around the span hold a word only Latin has? Then the span is Latin too."""
    lo = max(0, start - 200)
    for m in SENTENCE_END_RE.finditer(text, lo, start):
        lo = m.end()
    m = SENTENCE_END_RE.search(text, end, end + 200)
    sentence = text[lo:m.start() if m else end + 200].lower()
    return not _data()["latin"].isdisjoint(LATIN_WORD_RE.findall(sentence)) or bool(LATIN_ENDING_RE.search(sentence))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" \u00a0")
    return not before or before[-1] in ".!?:;\n\u201c\u00ab\u201e\"(\u2014"


def _is_name(text: str, tokens: list[Token], a: int, b: int, lang: str) -> bool:
    """A name in title case, with the capitalised words around the run: von der Leyen, Corriere della Sera."""
    while a > 0 and tokens[a - 1].capital:
        a -= 1
    while b + 1 < len(tokens) and tokens[b + 1].capital:
        b += 1
    run = tokens[a:b + 1]
    if not run[0].capital or _quoted_by(text, run[0].start, run[-1].end, "\u201e\u00ab"):
        return False
    function = _data()["function_words"].get(lang, frozenset())
    content = [t for t in run if len(t.key) > 3 and t.key not in function]
    if len(run) > 1 and all(t.capital for t in (content or run)):
        return True
    # A name with lower-case words after its head, as French, Italian, Spanish and Portuguese write
    # them: L'Académie française, Institut d'études politiques, Banque centrale européenne.
    head = 1 if run[0].key in ARTICLES and len(run) > 1 else 0
    return (lang != "de" and run[head].capital and len(run) <= 4 and not _sentence_start(text, run[0].start)
            and sum(not t.capital for t in content) <= 2)


ARTICLES = frozenset({"le", "la", "les", "l", "un", "une", "il", "lo", "gli", "i", "el", "los", "las", "o", "os", "a", "as"})


def _quoted_by(text: str, start: int, end: int, openers: str) -> bool:
    before = text[max(0, start - 2):start].rstrip(" \u00a0")
    return bool(before) and before[-1] in openers


QUOTE_RE = re.compile('[\u201c\u201d\u201e\u00ab\u00bb"]')


# `a` or `an` as the last word of its line's text so far (searched from three characters before)
_INDEFINITE_ARTICLE_RE = re.compile(r"(?:^|\s)[Aa]n?\Z", re.MULTILINE)


def _is_title(text: str, start: int, end: int) -> bool:
    """A title in English quotes: “La vita è bella”, “Il buono, il brutto, il cattivo”.

    The nearest quote marks on either side must be an English pair, holding less
    than a line, opening on a capital and not closing a sentence; a quote after a
    colon is what someone said, and one after `a`/`an` a phrase, not a title.
    """
    window = max(0, start - 200)
    window = max(window, text.rfind("\n", window, start) + 1)  # the line's start, if nearer
    opening = None
    for m in QUOTE_RE.finditer(text, window, start):
        opening = m
    if opening is None or opening.group() not in '\u201c"':
        return False
    closing = QUOTE_RE.search(text, end, end + 200)
    if closing is None or closing.group() != ("\u201d" if opening.group() == "\u201c" else '"'):
        return False
    quoted = text[opening.end():closing.start()].strip()
    before = opening.start()  # where the line's text before the quote ends, its trailing spaces left out
    while before and text[before - 1].isspace() and text[before - 1] != "\n":
        before -= 1
    if "\n" in quoted or not quoted or not quoted[0].isupper() or quoted.endswith((".", "!", "?", "\u2026")) \
            or text[before - 1:before] == ":" or _INDEFINITE_ARTICLE_RE.search(text, max(0, before - 3), before):
        return False  # what someone said, or a phrase (`spoke of a “Tropfen auf den heißen Stein”`)
    # an English quote with a fragment inside (“To divert attention [vis-à-vis de ses] problems”) is no title
    return not any(max(t.leans) <= -LEANS for t in _tokens(text, opening.end(), closing.start()))


RULES = (Untranslated(),)
