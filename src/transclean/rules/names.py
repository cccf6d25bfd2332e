"""Names: people's names written in a source language's transliteration, beyond the packs.

`names.transliteration` recognises a Slavic personal name (Russian, Ukrainian,
Belarusian, and names transliterated through Russian such as Kazakh or Azerbaijani
ones) that a French, German, Italian, Spanish, Polish or Dutch text spelt in its own
transliteration, or that weak machine translation of Russian left in a scientific,
ISO 9, GOST or BGN-like romanisation, and proposes the spelling English news uses:

    French   Chkaplerov → Shkaplerov, Prigojine → Prigozhin, Gorbatchev → Gorbachev,
             Khrouchtchev → Khrushchev, Iouri → Yuri, Mikhaïl → Mikhail
    German   Gorbatschow → Gorbachev, Chruschtschow → Khrushchev, Boris Jelzin → Yeltsin
    Italian  Gorbaciov → Gorbachev, Cernenko → Chernenko, Stravinskij → Stravinsky
    Spanish  Gorbachov → Gorbachev, Jruschov → Khrushchev, Medvédev → Medvedev
    Polish   Ławrow → Lavrov, Miedwiediew → Medvedev, Prigożyn → Prigozhin
    Dutch    Gorbatsjov → Gorbachev, Chroesjtsjov → Khrushchev, Misjoestin → Mishustin
    Russian  Tarkovskiy → Tarkovsky, Solženicyn → Solzhenitsyn, Vasil'ev → Vasilyev,
             Dzhonni → Johnny (scientific/GOST)

The French, German, Italian and Spanish schemes rewrite the source spelling into the
English one directly. The Polish, Dutch and scientific/GOST ones (`output = "cyrillic"`
in their tables) map it back to its Cyrillic spelling (Miedwiediew → Медведев), which
to_english then writes as English news does, by the Wikipedia romanisation of the
iuliia library with a few departures (Shoigu, Sergei, Yulia). For Russian text, the
scheme of the language it often passes through (French) applies too: on a word, the
source language's scheme goes first.

It is an UNSAFE rule: its proposals are suggestions unless --unsafe-fixes, and
each message gives the evidence and the rewrites. It needs the source language
in force (with none, or another, it does nothing). It keeps off what the names
packs decide: words inside a pack match, one-word wrong forms of a pack (even
where their context words are missing) and words of the packs' right forms; for
the surname of a pack's full-name form met alone it gives the pack's spelling.

Each language's scheme (its rewriting steps, evidence, first names) is the table
rules/tables/transliteration/<lang>.toml.

How it decides, per capitalised word:
1. Screen: a few patterns per scheme, each starting with one literal letter (so the
   regex engine skips through the text at character-search speed), find the
   capitalised words with a telltale part: an ending in v or k (-ov, -ev, -enko,
   -ski, -tchouk), -ine/-yne, ï, I + vowel, é (French); -ow/-ew, -witsch, -ki, j,
   J + vowel (German); and so on. Nothing else is looked at, except the word after a
   source-spelt first name and the first name before a candidate.
2. Spellable: the word must be one the scheme could write (French never writes a
   lone `u`, `w`, `q`, `c` outside `ch`, `ph`, `th`, `au`, `ll`, a final silent `e`...),
   and the conversion must change it.
3. Evidence: a Slavic surname ending (strong: -ov, -ev, -enko, -vitch; weak: -ine,
   -ski), letter groups of the scheme (tch, ou, j, ï, ...), a Slavic first name just
   before it (in the source spelling: decisive), Russia/Ukraine words in the sentence.
   One piece must be foreign to English spelling: `ch` or `kh` alone prove nothing,
   since English writes Gorbachev and Chekhov with them.
4. First names come from a table of source forms; forms also used in English or in
   other languages (Dmitri, Valeri, Alexandre; German Sergej, Andrej, Wiktor) only
   beside a surname that is converted.

Left out on purpose, because the source spelling does not decide the English one:
German `sch` (ш or ж: Lukaschenko, Prigoschin) and a German initial `S` + vowel
(с or з: Sobjanin, Selenskyj); Italian `z` (ц, з or ж); `-ski` as the only evidence
(Polish names keep it: Polanski, Lewandowski); Serbian/Croatian `-vic` (Djokovic);
Ukrainian names that English spells from Ukrainian (Timochenko → Tymoshenko), and
`ie`, which French writes both for е (Tourgueniev → Turgenev) and ье (Zinoviev).
Polish `-ski`, `-cki`, `-wicz`, `-czuk`, `-ek` and the letters ą ę ó ś ć ń ź rz (Poles'
own names: Lewandowski, Mickiewicz, Tokarczuk), and Polish `cy` (ци or цы: Jelcyn,
Sołżenicyn); Dutch `ij`, `ui`, `ou` and a lone `u` (Dutch names); in the scientific
scheme `x` (х or the кс of Alexander), a lone `h` without other diacritics (the г of
Ukrainian English: Serhiy, Shmyhal), a soft sign at a word's end (a closing quote
looks the same: 'Gogol'), a word with č/š/ž and no Russian ending (Czech, Slovak,
Slovene, Croatian names: Babiš, Žižek, Šefčovič), and the English forms of Ukrainian
first names (Andriy, Yuriy).
Measured on tests/data/transliteration.tsv by bench/transliteration_eval.py.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Edit
from ..packs import PackError, builtin_dir, cached_toml
from ..rule import Context, Rule

# capitals: also those of Latin Extended-A (Łukaszenka, Čajkovskij, Šojgu)
UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x180)) if c.isupper())
LOWER = "a-zß-öø-ÿ\u0100-\u017f"
VOWELS = "aeiouyéèêëïîôöüûáíóúąę"

_WORD_AFTER_RE = re.compile(rf"[ \u00a0]+([{UPPER}][{LOWER}]+)(?![{LOWER}])")
_SENTENCE_END_RE = re.compile(r"[.!?;]\s|\n")
CONTEXT_WINDOW = 120


# --- conversion -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One rewriting step: where `pattern` matches at the current position, emit `out`."""

    pattern: re.Pattern
    out: str | None  # None: the spelling is ambiguous, give up on the word
    reason: str = ""


def _convert(word: str, steps: tuple[Step, ...]) -> tuple[str, list[str]] | None:
    """Rewrite a lower-case word left to right: at each position the first step that matches wins."""
    out: list[str] = []
    reasons: list[str] = []
    i, n = 0, len(word)
    while i < n:
        for step in steps:
            m = step.pattern.match(word, i)
            if m and m.end() > i:
                if step.out is None:
                    return None
                out.append(step.out)
                if step.reason and m.group() != step.out and step.reason not in reasons:
                    reasons.append(step.reason)
                i = m.end()
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out), reasons


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


_NOT_CYRILLIC = re.compile("[^\u0430-\u044f\u0451\u0454\u0456\u0457\u0491]")
# English news departs from the Wikipedia romanisation in a few places: й after a vowel is
# i before a consonant and at the end of -ei/-ai (Shoigu, Aivazovsky, Sergei, Nikolai; but
# Tolstoy), and a final -iya is -ia (Yulia, Ksenia).
_ENGLISH_NEWS = (
    (re.compile(r"(?<=[aeiou])y(?=[bcdfghjklmnpqrstvwxz])"), "i"),
    (re.compile(r"(?<=[ea])y\Z"), "i"),
    (re.compile(r"(?<=[^aeiouy])iya\Z"), "ia"),
)


@lru_cache(maxsize=4096)
def to_english(cyrillic: str) -> str:
    """A Russian name in Cyrillic as English news writes it: the Wikipedia romanisation
    (iuliia's schema `wikipedia`, which follows the conventions of the English press:
    Yevgeny, Gorbachev, Zelensky, Navalny), ё read as е (English writes Gorbachev,
    Khrushchev), and the few departures of _ENGLISH_NEWS."""
    import iuliia  # only the schemes that go through Cyrillic need it

    english = iuliia.WIKIPEDIA.translate(cyrillic.replace("ё", "е").replace("Ё", "Е"))
    for pattern, out in _ENGLISH_NEWS:
        english = pattern.sub(out, english)
    return english


# --- schemes ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scheme:
    """How one source language transliterates Russian, and how to tell it from English;
    read from its table rules/tables/transliteration/<lang>.toml by read_scheme.

    features: (pattern, weight, name, foreign) searched in the word; `foreign` marks
    what English transliteration never writes.
    endings: (pattern, weight, name, foreign) matched at the end of the word; the
    first that matches counts.
    """

    lang: str
    name: str
    steps: tuple[Step, ...]
    reject: re.Pattern
    features: tuple[tuple[re.Pattern, int, str, bool], ...]
    endings: tuple[tuple[re.Pattern, int, str, bool], ...]
    first_names: dict[str, str]  # source form → English form, unambiguous alone
    paired_names: dict[str, str]  # source form → English form, only beside a converted surname
    irregular: dict[str, str]  # names whose English form does not follow the scheme
    clusters: re.Pattern  # letter groups that stand for one sound (for the consonant-run test)
    anchors: tuple[re.Pattern, ...]  # where candidates are: each pattern starts with one literal letter
    threshold: int  # evidence needed when the word has a Slavic ending
    alone: int  # evidence needed without a Slavic ending or a first name beside it
    weak_alone: bool  # may a weak ending (-ine, -ski) do without a first name or Russia nearby?
    cyrillic: bool = False  # do the steps give the Cyrillic spelling (then made English by to_english)?

    def convert(self, word: str) -> tuple[str, list[str]] | None:
        lower = word.lower()
        if self.reject.search(lower) or _CONSONANT_RUN.search(self.clusters.sub("C", lower)):
            return None
        done = _convert(lower, self.steps)
        if done is None:
            return None
        new, reasons = done
        if self.cyrillic:
            if _NOT_CYRILLIC.search(new):
                return None  # a letter no step read: not this scheme's spelling
            cyrillic = _capitalise(new)
            new = to_english(cyrillic)
            reasons = [*reasons, f"read as the Cyrillic {cyrillic}"]
        return _capitalise(new), reasons

    def evidence(self, word: str) -> tuple[int, int, bool, list[str]]:
        """(weight of the ending, weight of the letter groups, foreign evidence?, names) of a word alone."""
        lower = word.lower()
        ending, groups, foreign, named = 0, 0, False, []
        for pattern, weight, name, is_foreign in self.endings:
            if pattern.search(lower):
                ending = weight
                foreign |= is_foreign
                named.append(f"ending {name}")
                break
        for pattern, weight, name, is_foreign in self.features:
            if pattern.search(lower):
                groups += weight
                foreign |= is_foreign
                named.append(name)
        return ending, groups, foreign, named


_CONSONANT_RUN = re.compile(f"[^{VOWELS}]{{4}}")


@lru_cache(maxsize=8192)
def _analyse(lang: str, word: str) -> tuple[str, tuple[str, ...], int, int, bool, tuple[str, ...]] | None:
    """A word's English form, the rewrites made, and its evidence; None if the scheme cannot
    have spelt it or leaves it as it is. Cached: names recur, and so do ordinary words."""
    scheme = SCHEMES[lang]
    converted = scheme.convert(word)
    if converted is None or converted[0] == word:
        return None
    ending, groups, foreign, evidence = scheme.evidence(word)
    return converted[0], tuple(converted[1]), ending, groups, foreign, tuple(evidence)


def _ending(pattern: str) -> str:
    """An ending's pattern: at the end of the word, after two letters at least."""
    return f"(?<=[{LOWER}'’\u02b9]{{2}})(?:{pattern})\\Z"


_UPPER_RE, _LOWER_RE = re.compile(f"[{UPPER}]"), re.compile(f"[{LOWER}]")
_UPPER_SET = frozenset(chr(c) for c in range(max(map(ord, UPPER)) + 1) if _UPPER_RE.match(chr(c)))
_LOWER_SET = frozenset(chr(c) for c in range(max(map(ord, LOWER)) + 1)
                      if _LOWER_RE.match(chr(c)) and not chr(c).isupper())
_LETTER_SET = _UPPER_SET | _LOWER_SET
_LONGEST_SO_FAR = 23  # lower-case letters between the capital and the end of an anchor's match


def _anchor(pattern: str) -> str:
    """A pattern that finds a capitalised word's telltale part. It starts with one literal
    letter, which lets the regex engine skip through the text at the speed of a character
    search; _anchor_hits checks the capital at the word's start only where it matches."""
    return pattern.replace("{E}", f"(?![{LOWER}])")


def _anchor_hits(anchor: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of an anchor where the word so far is a capital and lower-case letters, as
    finditer would give them were that check part of the pattern (a lookbehind per length
    costs tens of milliseconds to compile). An anchor matches in one way at a place: it ends
    where the word does ({E}), or has a fixed length."""
    pos = 0
    while (m := anchor.search(text, pos)) is not None:
        if _capitalised_so_far(text, m.end()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _capitalised_so_far(text: str, end: int) -> bool:
    """Is text[:end] a capital and up to _LONGEST_SO_FAR lower-case letters, after no letter?"""
    start = end
    while start and text[start - 1] in _LOWER_SET:
        start -= 1
        if end - start > _LONGEST_SO_FAR:
            return False
    return bool(start) and text[start - 1] in _UPPER_SET and (start == 1 or text[start - 2] not in _LETTER_SET)


# --- scheme tables ----------------------------------------------------------------

_TABLES = builtin_dir() / "tables" / "transliteration"
_KEYS = ("name", "threshold", "alone", "weak_alone", "anchors", "clusters", "reject", "steps", "features",
         "endings", "first_names", "paired_names", "irregular")
_OPTIONAL = {"output": "english"}  # "cyrillic": the steps give the Cyrillic spelling
_PLACEHOLDERS = {"{V}": f"[{VOWELS}]"}  # anchors also take {E}, the end of the word
_PLACEHOLDER_RE = re.compile(r"\{[A-Za-z_]\w*\}")
_STEP = "[pattern, English or false, reason]"
_EVIDENCE = "[pattern, weight, name, foreign]"


def _is_step(row: Any) -> bool:
    return (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
            and (isinstance(row[1], str) or row[1] is False) and isinstance(row[2], str))


def _is_evidence(row: Any) -> bool:
    return (isinstance(row, list) and len(row) == 4 and isinstance(row[0], str) and type(row[1]) is int
            and isinstance(row[2], str) and isinstance(row[3], bool))


def _is_text(item: Any) -> bool:
    return isinstance(item, str)


def read_scheme(path: Path) -> Scheme:
    """The Scheme of a table rules/tables/transliteration/<lang>.toml (format: rules/README.md).
    A malformed table raises PackError naming the file and the key."""
    data = cached_toml(path)

    def fail(message: str, where: str = "") -> PackError:
        return PackError(f"{path}: {where}: {message}" if where else f"{path}: {message}")

    def regex(text: Any, where: str, shape=lambda p: p) -> re.Pattern:
        if not isinstance(text, str) or not text:
            raise fail("a pattern must be a non-empty string", where)
        pattern = text
        for name, value in _PLACEHOLDERS.items():
            pattern = pattern.replace(name, value)
        pattern = shape(pattern)
        if unknown := _PLACEHOLDER_RE.search(pattern):
            raise fail(f"unknown placeholder {unknown.group()} in '{text}'", where)
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise fail(f"bad regex '{text}': {exc}", where) from None

    def items(key: str, ok, form: str) -> list[tuple[str, Any]]:
        if not isinstance(data[key], list):
            raise fail(f"'{key}' must be an array of {form}")
        rows = [(f"{key} {n}", item) for n, item in enumerate(data[key], 1)]
        for where, item in rows:
            if not ok(item):
                raise fail(f"must be {form}", where)
        return rows

    def alternatives(key: str) -> re.Pattern:
        value = data[key]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "|".join(value)
        return regex(value, key)

    def names(key: str) -> dict[str, str]:
        if not isinstance(data[key], dict):
            raise fail(f"'{key}' must be a table")
        for source, english in data[key].items():
            if not isinstance(english, str) or not english:
                raise fail(f"'{source}' must be a non-empty string", key)
        return dict(data[key])

    for key in sorted(set(data) - set(_KEYS) - set(_OPTIONAL)):
        raise fail(f"unknown key '{key}'")
    output = data.get("output", _OPTIONAL["output"])
    if output not in ("english", "cyrillic"):
        raise fail("'output' must be \"english\" or \"cyrillic\"")
    for key in _KEYS:
        if key not in data:
            raise fail(f"'{key}' is missing")
    if not isinstance(data["name"], str) or not data["name"]:
        raise fail("'name' must be a non-empty string")
    for key in ("threshold", "alone"):
        if type(data[key]) is not int:
            raise fail(f"'{key}' must be an integer")
    if not isinstance(data["weak_alone"], bool):
        raise fail("'weak_alone' must be true or false")

    return Scheme(
        lang=path.stem,
        name=data["name"],
        steps=tuple(Step(regex(p, where), None if out is False else out, reason)
                    for where, (p, out, reason) in items("steps", _is_step, _STEP)),
        reject=alternatives("reject"),
        features=tuple((regex(p, where), w, name, f)
                       for where, (p, w, name, f) in items("features", _is_evidence, _EVIDENCE)),
        endings=tuple((regex(p, where, _ending), w, name, f)
                      for where, (p, w, name, f) in items("endings", _is_evidence, _EVIDENCE)),
        first_names=names("first_names"),
        paired_names=names("paired_names"),
        irregular=names("irregular"),
        clusters=alternatives("clusters"),
        anchors=tuple(regex(p, where, _anchor) for where, p in items("anchors", _is_text, "patterns")),
        threshold=data["threshold"],
        alone=data["alone"],
        weak_alone=data["weak_alone"],
        cyrillic=output == "cyrillic",
    )


class _Schemes(Mapping):
    """The schemes by language, each read and compiled when first asked for: compiling one
    costs tens of milliseconds, which a run on text from another language need not pay."""

    LANGUAGES = ("fr", "de", "it", "es", "pl", "nl", "ru")

    def __init__(self) -> None:
        self._loaded: dict[str, Scheme] = {}

    def __getitem__(self, lang: str) -> Scheme:
        if lang not in self.LANGUAGES:
            raise KeyError(lang)
        if lang not in self._loaded:
            self._loaded[lang] = read_scheme(_TABLES / f"{lang}.toml")
        return self._loaded[lang]

    def __iter__(self):
        return iter(self.LANGUAGES)

    def __len__(self) -> int:
        return len(self.LANGUAGES)


SCHEMES = _Schemes()

# Slavic first names as English writes them: beside one, a word is likely a Slavic surname.
# "international" ones (Ivan, Boris, Roman...) weigh less than distinctly Slavic ones.
_SLAVIC_FIRST = frozenset("""
Vladimir Dmitry Dmitri Dmytro Sergei Sergey Serhiy Mikhail Mykhailo Yevgeny Evgeny Yuri Yury
Nikolai Alexei Aleksei Oleksiy Oleksii Andrei Andrey Andriy Anatoly Valery Valeriy Gennady Grigory
Vyacheslav Viktor Leonid Konstantin Vitaly Vitali Volodymyr Petro Denys Oleksandr Yulia Lyudmila
Svetlana Sviatlana Tatiana Tatyana Natalya Yelena Ekaterina Yekaterina Valentina Nadezhda Galina Ilya Kirill
Ramzan Ruslan Arkady Fyodor Pyotr Vasily Yaroslav Stanislav Oleg Nikita Vsevolod Vadim Vladislav
Yegor Semyon Artyom Alisher Nursultan Ilham Dzhokhar Lavrenty Lazar Anastas Kassym Vasyl Taras
Bohdan Yevhen Mykola Hennadiy Ihor Vitaliy Oksana Zhanna Lyubov Irina Olga
""".split())
_INTERNATIONAL_FIRST = frozenset(
    "Ivan Boris Igor Roman Anton Karen Anna Maria Marina Alexander Maxim Felix Klim Elvira Daniil Denis Leo Leon"
    .split()
)

_RUSSIA_RE = re.compile(
    r"\b(?:Russia|Russian|Russians|Ukraine|Ukrainian|Ukrainians|Belarus|Belarusian|Kremlin|Moscow|Kyiv|Kiev"
    r"|Soviet|Soviets|USSR|Minsk|Duma|Roscosmos|[Cc]osmonauts?|[Oo]ligarchs?|Chechen|Chechnya|Crimea|Donbas"
    r"|Donbass|Gazprom|Rosneft|Wagner|KGB|FSB|Bolshoi|Siberia|Petersburg|Leningrad|Stalingrad|Putin|Zelensky"
    r"|Lukashenko|[Tt]sar|Bolshevik|Bolsheviks|Kazakhstan|Azerbaijan|Uzbekistan"
    r"|russe|russes|Moscou|ukrainien|ukrainienne|soviétique|biélorusse|Russie|Russland|russisch|russische"
    r"|russischen|Moskau|sowjetisch|sowjetische|Sowjetunion|russo|russa|Mosca|sovietico|ruso|rusa|Moscú"
    r"|soviético|Rusia|Ucrania|ucraniano)\b"
)


# --- packs ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _PackWords:
    """What the names packs of a stage know, word by word.

    single: one-word wrong forms: the pack decides on them (with its context words), so
    the converter keeps off them. right: words of the right forms: already English.
    words: the last word (the surname) of a several-word wrong form whose right form has
    as many words (Ioulia Timochenko → Yulia Tymoshenko) → its English word, when the
    packs agree; met alone, the converter gives that spelling rather than its own.
    """

    single: frozenset[str] = frozenset()
    right: frozenset[str] = frozenset()
    words: dict[str, tuple[str, str]] = field(default_factory=dict)


_NO_PACK = _PackWords()
_pack_words: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _known_words(matcher, lang: str) -> _PackWords:
    """The _PackWords of a StageMatcher for a source language (cached per matcher)."""
    try:
        per_lang = _pack_words.setdefault(matcher, {})
    except TypeError:
        per_lang = {}
    if lang in per_lang:
        return per_lang[lang]
    single, right, words, clash = set(), set(), {}, set()
    for form, hits in matcher.lookup.items():
        parts = form.split()
        for _rule_id, entry in hits:
            if entry.languages and lang not in entry.languages:
                continue
            english = entry.replace.split()
            right.update(english)
            if len(parts) == 1:
                single.add(form)
            elif len(english) == len(parts) and parts[-1] != english[-1]:
                # The surname only: a first name's English spelling may be one person's
                # (Vasilij Kandinskij → Wassily Kandinsky).
                word, eng = parts[-1], english[-1]
                if words.setdefault(word, (eng, f"{form} → {entry.replace}"))[0] != eng:
                    clash.add(word)
    for word in clash:
        del words[word]
    known = per_lang[lang] = _PackWords(frozenset(single), frozenset(right - set(words)), words)
    return known


# --- the rule ---------------------------------------------------------------------


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str


class Transliteration(Rule):
    """Slavic names in a source language's transliteration → the English spelling.

    Proposes, as a suggestion (unsafe), the spelling English news uses for a Russian,
    Ukrainian or Belarusian name that the source language transliterated its own
    way and that no rule pack knows: French Chkaplerov → Shkaplerov, Prigojine →
    Prigozhin, Khrouchtchev → Khrushchev; German Gorbatschow → Gorbachev, Jelzin →
    Yeltsin; Italian Gorbaciov → Gorbachev; Spanish Jruschov → Khrushchev; Polish
    Ławrow → Lavrov; Dutch Gorbatsjov → Gorbachev; and, for Russian, the scientific or
    GOST-like romanisations of weak machine translation (Tarkovskiy → Tarkovsky).
    It acts only for the source language in force, on capitalised words with strong
    evidence (a Slavic ending, letter groups English never writes, a Slavic first
    name or Russia in the sentence), and never on English or non-Slavic names
    (Chicago, Chirac, Tchaikovsky, Chekhov, Joachim).
    """

    id = "names.transliteration"
    summary = ("Slavic names in French/German/Italian/Spanish/Polish/Dutch or scientific/GOST "
               "transliteration → English spelling (suggestion)")
    safe = False
    languages = frozenset(SCHEMES)

    def find(self, text: str, ctx: Context) -> Iterator[Edit]:
        # The source language's scheme, then those of the languages the text passed
        # through (Russian via French): on a word, the first scheme that converts it wins.
        langs = dict.fromkeys(l for l in (ctx.source_lang, *ctx.via) if l in SCHEMES.LANGUAGES)
        edits: dict[int, Edit] = {}
        for n, lang in enumerate(langs):
            found = self._find(text, ctx, SCHEMES[lang])
            if not n:
                edits = found
                continue
            taken = sorted((e.start, e.end) for e in edits.values())
            starts = [a for a, _ in taken]
            for start, edit in found.items():
                i = bisect.bisect_left(starts, edit.end) - 1  # the last edit starting before this one ends
                if i < 0 or taken[i][1] <= edit.start:
                    edits[start] = edit
        for start in sorted(edits):
            yield edits[start]

    def _find(self, text: str, ctx: Context, scheme: Scheme) -> dict[int, Edit]:
        """The edits one scheme proposes, by start offset."""
        words = _candidates(text, scheme)
        if not words:
            return {}
        pack, covered = self._pack_knowledge(text, ctx, scheme.lang)

        covered_starts = [s for s, _ in covered]

        def known(w: _Word) -> bool:
            """Does a names pack decide on this word?"""
            if w.text in pack.single or w.text in pack.right:
                return True
            i = bisect.bisect_left(covered_starts, w.end) - 1  # the last match starting before the word ends
            return i >= 0 and covered[i][1] > w.start

        edits: dict[int, Edit] = {}
        firsts: dict[int, _Word] = {}
        for w in sorted(words.values(), key=lambda w: w.start):
            if w.text in scheme.first_names or w.text in scheme.paired_names:
                if not known(w):
                    firsts[w.start] = w
                continue
            before = _word_before(text, w.start)
            if before is not None and before.start not in firsts and not known(before) and (
                    before.text in scheme.first_names or before.text in scheme.paired_names):
                firsts[before.start] = before
            if known(w):
                continue
            edit = self._surname(text, w, before.text if before else "", scheme, pack)
            if edit is not None:
                edits[w.start] = _from_pack(edit, text, pack)
        for w in firsts.values():
            edit = self._first_name(text, w, scheme, edits)
            if edit is not None:
                edits[w.start] = _from_pack(edit, text, pack)
        return edits

    @staticmethod
    def _pack_knowledge(text: str, ctx: Context, lang: str) -> tuple[_PackWords, list[tuple[int, int]]]:
        matcher = ctx.memo.get("matcher")
        if matcher is None:
            return _NO_PACK, []
        covered = sorted((h.start, h.end) for hits in matcher.matches(text, ctx).values() for h, _ in hits)
        return _known_words(matcher, lang), covered

    def _first_name(self, text: str, w: _Word, scheme: Scheme, edits: dict[int, Edit]) -> Edit | None:
        after = _WORD_AFTER_RE.match(text, w.end)
        surname = after.group(1) if after else ""
        converted = bool(after) and after.start(1) in edits
        if surname in _KEEP_FIRST_NAME_BESIDE:
            return None
        if converted and w.text in scheme.paired_names:
            english = scheme.paired_names[w.text]
            why = f"spelling of a Slavic first name, beside the surname {surname}"
        elif w.text in scheme.first_names:
            english = scheme.first_names[w.text]
            why = "spelling of a Slavic first name"
        else:
            return None
        return Edit(w.start, w.end, english, f"{w.text} → {english}: {scheme.name} {why}; English news writes "
                    f"{english}", False)

    def _surname(self, text: str, w: _Word, first: str, scheme: Scheme, pack: _PackWords) -> Edit | None:
        if w.text in scheme.irregular:
            english = scheme.irregular[w.text]
            return Edit(w.start, w.end, english,
                        f"{w.text} → {english}: {scheme.name} spelling of a Slavic name; "
                        f"English keeps the established form {english}", False)
        source_first = first in scheme.first_names
        if len(w.text) < 4 or (w.text in _ENGLISH_FORMS and not source_first):
            return None
        if w.text in _SLAVIC_FIRST or w.text in _INTERNATIONAL_FIRST:
            return None  # a first name as English writes it (Andriy, Serhiy, Ivan)
        analysis = _analyse(scheme.lang, w.text)
        if analysis is None:
            return None
        english, reasons, ending, groups, foreign, evidence = analysis
        evidence = list(evidence)
        if source_first:
            # Beside a first name in the source spelling, the surname is in it too.
            context = 3
            foreign = True
        elif first in _SLAVIC_FIRST or first in scheme.paired_names:
            context = 2
        elif first in _INTERNATIONAL_FIRST:
            context = 1
        else:
            context = 0
        if context:
            evidence.append(f"after the first name {first}")
        if w.text in pack.words:
            # A names pack has the word as the surname of a full name in the source spelling.
            context, foreign = max(context, 2), True
            evidence.append(f"the names pack has {pack.words[w.text][1]}")
        if not foreign:
            return None
        if not self._enough(ending, groups, context, scheme):
            if not _russia_nearby(text, w) or not self._enough(ending, groups, context + 1, scheme):
                return None
            evidence.append("Russia in the sentence")
        return Edit(w.start, w.end, english,
                    f"{w.text} → {english}: looks like a {scheme.name} transliteration of a Slavic name "
                    f"({', '.join(evidence)}); English spelling: {', '.join(reasons)}", False)

    @staticmethod
    def _enough(ending: int, groups: int, context: int, scheme: Scheme) -> bool:
        """Is the evidence strong enough? `context`: 3 a source-spelt first name beside the word,
        2 a Slavic one, 1 an international one (Boris, Anna) or Russia in the sentence."""
        if context >= 3:
            return True
        if ending >= 2:
            return ending + groups + context >= scheme.threshold
        if ending == 1:
            if groups >= 2 and (scheme.weak_alone or context):
                return ending + groups + context >= scheme.threshold
            return context >= 2 and groups >= 1
        return groups >= scheme.alone or (context >= 2 and groups >= 2)


def _candidates(text: str, scheme: Scheme) -> dict[int, _Word]:
    """Capitalised words that hold one of the scheme's telltale parts, by start offset.

    A source-spelt first name also brings in the word after it (its surname).
    """
    words: dict[int, _Word] = {}
    n = len(text)
    for anchor in scheme.anchors:
        for m in _anchor_hits(anchor, text):
            s = m.start()
            while s and text[s - 1].isalpha():
                s -= 1
            if s in words or (s and text[s - 1] in _NOT_BEFORE):
                continue
            e = m.end()
            while e < n and text[e].isalpha():
                e += 1
            while scheme.cyrillic and e + 2 < n and text[e] in "'’" and text[e + 1:e + 3].isalpha() \
                    and text[e + 1:e + 3].islower():
                e += 1  # a soft sign written as an apostrophe: Vasil'ev, Gor'kiy
                while e < n and text[e].isalpha():
                    e += 1
            word = text[s:e]
            if word[1:].islower():
                words[s] = _Word(s, e, word)
    for w in list(words.values()):
        if w.text in scheme.first_names or w.text in scheme.paired_names:
            after = _WORD_AFTER_RE.match(text, w.end)
            if after and after.start(1) not in words:
                words[after.start(1)] = _Word(after.start(1), after.end(1), after.group(1))
    return words


_NOT_BEFORE = frozenset("'’_.0123456789")  # after a full stop: part of a dotted or glued token


def _from_pack(edit: Edit, text: str, pack: _PackWords) -> Edit:
    """The converter's edit, with the spelling a names pack gives the word in a full name, if any."""
    word = text[edit.start:edit.end]
    if word not in pack.words:
        return edit
    english, where = pack.words[word]
    if english == edit.replacement:
        return edit
    return Edit(edit.start, edit.end, english,
                f"{word} → {english}: a Slavic name in a source transliteration; the names pack writes "
                f"it so in {where}", False)


def _word_before(text: str, start: int) -> _Word | None:
    """The capitalised word just before `start`, separated from it by spaces only."""
    e = start
    while e and text[e - 1] in " \u00a0":
        e -= 1
    if e == start or not e:
        return None
    s = e
    while s and text[s - 1].isalpha():
        s -= 1
    word = text[s:e]
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return None
    return _Word(s, e, word)


def _russia_nearby(text: str, w: _Word) -> bool:
    """Is a Russia/Ukraine word in the same sentence, within CONTEXT_WINDOW characters?"""
    before = text[max(0, w.start - CONTEXT_WINDOW):w.start]
    cut = None
    for cut in _SENTENCE_END_RE.finditer(before):
        pass
    if cut:
        before = before[cut.end():]
    after = text[w.end:w.end + CONTEXT_WINDOW]
    stop = _SENTENCE_END_RE.search(after)
    if stop:
        after = after[:stop.start()]
    return bool(_RUSSIA_RE.search(before) or _RUSSIA_RE.search(after))


# Names English writes in a way that looks like a source transliteration (among them
# French people of Russian origin: Andreï Makine, Ariane Mnouchkine, Chaïm Soutine), and
# ordinary words the schemes would otherwise take for names.
_ENGLISH_FORMS = frozenset("""
Belousov Borissov Klitschko Nepomniachtchi Diaghilev Nijinsky Kasparov Wladimir
Makine Mnouchkine Soutine Pitoëff Adamov Zelenskyy Zaluzhnyi Syrskyi Japarov
Iodine Jessamine Strychnine Abyssine Mousseline Tajine Kautschuk Chourine
""".split())
# Surnames beside which a first name keeps its source spelling in English (Wladimir Klitschko).
_KEEP_FIRST_NAME_BESIDE = frozenset({"Klitschko"})

RULES = (Transliteration(),)
