"""Which language a text was translated from, told by what translation left behind.

Each signal is a cheap pattern for one habit of a source language (guillemets,
`M.` before a name, `21h30`, `1er`, a space before a colon...) with a weight per
language; untranslated fragments, read by langdetect, count most. The language
with the highest score wins when it scores at least MIN_SCORE, clearly more than
the next one, and from two kinds of evidence (or an untranslated fragment); otherwise no language is chosen and only language-neutral
rules run. The evidence is reported, so an editor can see why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from .chars import LEFT_GUILLEMET, LOW_DOUBLE, RIGHT_GUILLEMET
from .model import Finding
from .packs import builtin_packs
from .profiles import ENGLISH_MONTHS, languages, month_names, profile
from .rule import Context
from .rules.fragments import Untranslated
from .rules.glossary import PackRule, StageMatcher

_FRAGMENTS = Untranslated()

MIN_SCORE = 3.0
MIN_SIGNALS = 2  # a winner needs two kinds of evidence, or an untranslated fragment
FRAGMENT_WEIGHT = 3.0
DATE_WEIGHT = 1.5  # a day and a month named in the source language (3 marzo)
PACK_WEIGHT = 1.5  # a name in a source language's transliteration (Chipenko), from the rule packs
SCORE_PER_10K = 2.0  # in a long text, evidence must be this dense
SAMPLE = 65_536

# (signal, substrings of which the text must hold one (empty: none needed), pattern,
# {language: weight per occurrence}). Patterns start with a literal or a rare
# character where they can: detection runs on every text.
SIGNALS: tuple[tuple[str, tuple[str, ...], re.Pattern, dict[str, float]], ...] = (
    ("guillemets", (LEFT_GUILLEMET, RIGHT_GUILLEMET), re.compile(f"[{LEFT_GUILLEMET}{RIGHT_GUILLEMET}]"),
     {"fr": 1.0, "it": 0.5, "es": 0.5, "pt": 0.5, "ru": 0.5}),
    ("low quotes", (LOW_DOUBLE,), re.compile(LOW_DOUBLE), {"de": 1.5, "pl": 1.0, "cs": 1.0}),
    # an honorific, not an initial: A. M. Kuchling and M. Night Shyamalan are left out
    ("French honorific", ("M. ", "MM. ", "Mme ", "Mlle "),
     re.compile(r"M(?<![\w.]M)(?<![A-Z]\. M)(?:\.|M\.|me\.?|lle\.?) (?=[A-Z][a-z]+\b(?! [A-Z]\.))(?!Night\b)"),
     {"fr": 2.0}),
    ("Spanish honorific", ("Sr. ", "Sra. ", "Srta. "), re.compile(r"S(?<![\w.]S)r(?:a|ta)?\. (?=[A-Z][a-z])"),
     {"es": 1.5, "pt": 1.0}),
    ("German honorific", ("Hr. ", "Hrn. "), re.compile(r"H(?<![\w.]H)rn?\. (?=[A-Z][a-z])"), {"de": 2.0}),
    ("Italian honorific", ("Sig.", "Dott. "), re.compile(r"(?:Sig\.(?:ra)?|Dott\.) (?=[A-Z][a-z])"), {"it": 2.0}),
    ("French ordinal", (), re.compile(r"\d(?<![\w.]\d\d\d)(?<![\w.,]\d)(?:er|re|ère|ème|e) (?=[a-zé])"), {"fr": 2.0}),
    ("French century", ("siècle",), re.compile(r"siècles?\b"), {"fr": 2.0}),
    ("Romance ordinal", ("\u00ba", "\u00aa"), re.compile("\\d[\u00ba\u00aa]"), {"es": 1.0, "pt": 1.0, "it": 1.0}),
    ("French time", ("h",), re.compile(r"h(?:(?<=\dh)|(?<=\d h)) ?[0-5]\d\b"), {"fr": 1.5}),
    ("French spacing", (" ;", " :", " !", " ?", "\u00a0;", "\u00a0:", "\u202f"),
     re.compile("[;:!?](?<=\\w[ \u00a0\u202f].)(?=\\s)"), {"fr": 1.0}),
    ("milliard", ("milliard",), re.compile(r"milliards?\b"), {"fr": 2.0}),
    ("numero sign", ("n\u00b0", "n\u00ba"), re.compile("n[\u00b0\u00ba] ?\\d"),
     {"fr": 1.0, "it": 1.0, "es": 0.5, "pt": 0.5}),
    ("inverted marks", ("\u00bf", "\u00a1"), re.compile("[\u00bf\u00a1]"), {"es": 2.0}),
    ("Brazilian real", ("R$",), re.compile(r"R\$ ?\d"), {"pt": 2.0}),
    ("Portuguese words", ("ção", "ões", "ão "), re.compile(r"\w(?:ção|ções|ões|ão)\b"), {"pt": 1.0}),
    ("decimal comma", (",",), re.compile(r",(?<=\d,)\d{1,2}\b(?!,\d)(?<![\d,]\d,\d\d)"),
     {"fr": 0.5, "de": 0.5, "it": 0.5, "es": 0.5, "pt": 0.5, "ru": 0.5, "nl": 0.5, "pl": 0.5, "cs": 0.5, "uk": 0.5,
      "tr": 0.5}),
    ("group dots", (".",), re.compile(r"\.(?<=\d\.)\d{3}(?![\d,])"),
     {"de": 0.5, "it": 0.5, "es": 0.5, "pt": 0.5, "nl": 0.5, "tr": 0.5}),
    ("German scale abbreviation", ("Mio", "Mrd"), re.compile(r"(?<=\d )(?:Mio|Mrd)\b"), {"de": 2.0}),
    ("Dutch honorific", ("hr. ", "evr. "), re.compile(r"(?<![\w.])(?:[Dd]hr|[Mm]evr)\. (?=[A-Z][a-z])"), {"nl": 2.0}),
    # lower case, and not after an article (a pan, the pan)
    ("Polish or Czech honorific", ("pan ", "pani ", "paní "),
     re.compile(r"(?<![\w.])(?<!\b[Aa] )(?<![Tt]he )pan(?:i|í)? (?=[A-Z][a-z])"), {"pl": 1.5, "cs": 1.0}),
    ("mln, mld", ("mln", "mld"), re.compile(r"(?<=\d )ml[nd]\b"), {"nl": 1.0, "pl": 1.0, "it": 0.5}),
    # lower-case words with letters only Polish, Czech or Turkish writes (names are capitalised: Wałęsa, Erdoğan)
    ("Polish letters", ("ł", "ą", "ę", "ż", "ź", "ś", "ń"), re.compile(r"(?<![^\W\d_])[a-zó]*[łąężźśń]"), {"pl": 1.0}),
    ("Czech letters", ("ř", "ě", "ů"), re.compile(r"(?<![^\W\d_])[a-záéíóúýčšž]*[řěů]"), {"cs": 1.0}),
    ("Turkish letters", ("ı", "ğ"), re.compile(r"(?<![^\W\d_])[a-zçöüş]*[ığ]"), {"tr": 1.0}),
    ("Turkish scale word", ("mily", "trily"), re.compile(r"(?<=\d )(?:milyon|milyar|trilyon)\b"), {"tr": 2.0}),
    # Chinese and Japanese: full-width punctuation, corner brackets, kana, y年M月d日 dates, 万 and 亿/億 numbers
    ("full-width punctuation", ("\uff0c", "\uff1a", "\uff1b", "\uff08", "\uff09", "\uff01", "\uff1f"),
     re.compile("[\uff0c\uff1a\uff1b\uff08\uff09\uff01\uff1f]"), {"zh": 1.0, "ja": 0.5}),
    ("ideographic full stop", ("\u3002",), re.compile("\u3002"), {"zh": 0.5, "ja": 0.5}),
    ("ideographic comma", ("\u3001",), re.compile("\u3001"), {"ja": 1.0, "zh": 0.25}),  # Japanese commas are 、
    ("corner brackets", ("\u300c", "\u300e"), re.compile("[\u300c\u300e]"), {"ja": 1.0, "zh": 0.5}),
    ("Japanese honorific", ("-san", "-sama"), re.compile(r"(?<=[a-z])-(?:san|sama)\b"), {"ja": 1.0}),
    ("kana", ("\u306e", "\u306f", "\u3092", "\u304c", "\u306b", "\u3067", "\u3055\u3093", "\u30fc", "\u30f3"),
     re.compile("[\u3041-\u30ff]+"), {"ja": 1.0}),  # screened by particles (の, は, を...) and ー, ン
    ("CJK date", ("\u5e74", "\u6708"), re.compile("\\d[\u5e74\u6708](?=\\d)"), {"zh": 1.5, "ja": 1.5}),
    ("Chinese number", ("\u4ebf", "\u4e07"), re.compile("\\d(?:\u4e07\u4ebf|\u4ebf)"), {"zh": 2.0}),
    ("Japanese number", ("\u5104", "\u5146"), re.compile("\\d[\u5104\u5146]"), {"ja": 1.5, "zh": 0.5}),
    ("ten thousand", ("\u4e07",), re.compile("\\d\u4e07(?!\u4ebf)"), {"zh": 0.5, "ja": 0.5}),
)


def _screens() -> ahocorasick.Automaton:
    """Every signal's screen substrings in one automaton: one pass tells which occur, where a
    substring search per screen would read the whole sample fifty times."""
    automaton = ahocorasick.Automaton()
    for substring in {s for _, screen, _, _ in SIGNALS for s in screen}:
        automaton.add_word(substring, substring)
    automaton.make_automaton()
    return automaton


_SCREENS = _screens()


@dataclass(frozen=True, slots=True)
class Evidence:
    signal: str
    count: int
    example: str
    languages: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"signal": self.signal, "count": self.count, "example": self.example, "languages": list(self.languages)}


@dataclass(frozen=True, slots=True)
class Detection:
    """The source language chosen (None: no clear evidence), its score and the evidence."""

    language: str | None
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]


def detect(text: str) -> Detection:
    """Score every language by the leftovers in the text and pick a clear winner.

    Only the first SAMPLE characters are read: that is plenty of evidence, and it
    keeps detection cheap on long files. The score needed grows with the length
    read, so that two stray `M. ` in a long manual do not make it French.
    """
    text = text[:SAMPLE]
    needed = max(MIN_SCORE, len(text) / 10_000 * SCORE_PER_10K)
    scores: dict[str, float] = {}
    evidence = []
    present = {found for _, found in _SCREENS.iter(text)}
    for name, screen, pattern, weights in SIGNALS:
        if screen and present.isdisjoint(screen):
            continue
        matches = [m.span() for m in pattern.finditer(text)]
        if not matches:
            continue
        evidence.append(Evidence(name, len(matches), _context(text, *matches[0]), tuple(weights)))
        for lang, weight in weights.items():
            scores[lang] = scores.get(lang, 0.0) + weight * len(matches)
    dates = _source_dates(text)
    for lang, found in dates.items():
        evidence.append(Evidence(f"{profile(lang).name} date", len(found), _context(text, *found[0]), (lang,)))
        scores[lang] = scores.get(lang, 0.0) + DATE_WEIGHT * len(found)
    for pack_id, langs, found in _pack_hits(text):
        evidence.append(Evidence(f"known form ({pack_id})", len(found), found[0], langs))
        for lang in langs:
            scores[lang] = scores.get(lang, 0.0) + PACK_WEIGHT * len(found)
    fragments: dict[str, list[Finding]] = {}
    for finding in _FRAGMENTS.find(text, Context()):
        fragments.setdefault(finding.language, []).append(finding)
    for lang, found in fragments.items():
        evidence.append(Evidence("untranslated fragment", len(found), text[found[0].start:found[0].end], (lang,)))
        scores[lang] = scores.get(lang, 0.0) + FRAGMENT_WEIGHT * len(found)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    language = None
    if ranked and ranked[0][1] >= needed and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        best = ranked[0][0]
        kinds = [e for e in evidence if best in e.languages]
        if len(kinds) >= MIN_SIGNALS or best in fragments or any(e.signal.startswith("known form") for e in kinds):
            language = best
    return Detection(language, dict(ranked), tuple(evidence))


@cache
def _date_pattern() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """A day and a month named in a source language (`3 marzo`, `5 de mayo`, `3. Oktober`),
    with the languages that name each month so; names English shares (`24 November`) are left out."""
    english = {m.lower() for m in ENGLISH_MONTHS}
    langs_of: dict[str, list[str]] = {}
    joiners = set()
    for lang in languages():
        joiners.add(profile(lang).date_joiner)
        for month, _ in month_names(lang):  # as the language writes it: `mai` in French, `Mai` in German
            if month.lower() not in english and month.isalpha():
                langs_of.setdefault(month, []).append(lang)
    months = "|".join(map(re.escape, sorted(langs_of, key=len, reverse=True)))
    joined = "|".join(f" {re.escape(j)}" for j in sorted(joiners) if j)
    pattern = re.compile(rf"\d(?<![\d.,]\d\d\d)(?:\.|{joined})? ({months})\b")
    return pattern, {form: tuple(sorted(set(ls))) for form, ls in langs_of.items()}


def _source_dates(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of dates with a source-language month, per language."""
    pattern, langs_of = _date_pattern()
    found: dict[str, list[tuple[int, int]]] = {}
    for m in pattern.finditer(text):
        for lang in langs_of[m.group(1)]:
            found.setdefault(lang, []).append(m.span())
    return found


@cache
def _pack_matcher() -> StageMatcher:
    return StageMatcher(PackRule(pack) for pack in builtin_packs())


def _pack_hits(text: str):
    """(pack id, source languages, the wrong forms found) for forms that belong to given languages."""
    matcher = _pack_matcher()
    if not matcher.lookup:
        return
    found: dict[tuple[str, tuple[str, ...]], list[str]] = {}

    for hit, rule_id, entry in matcher.hits(text, lambda hit, entry: matcher.has_context(text, hit, entry)):
        langs = entry.languages or next(p.languages for p in builtin_packs() if p.id == rule_id)
        if langs:
            found.setdefault((rule_id, tuple(sorted(langs))), []).append(hit.form)
    for (rule_id, langs), forms in found.items():
        yield rule_id, langs, forms


def _context(text: str, start: int, end: int, reach: int = 20) -> str:
    return text[max(0, start - reach):end + reach].replace("\n", " ").strip()
