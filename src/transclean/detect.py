"""Which language a text was translated from, told by what translation left behind.

Each signal is a cheap pattern for one habit of a source language (guillemets,
`M.` before a name, `21h30`, `1er`, a space before a colon...) with a weight per
language; untranslated fragments, read by langdetect, count most. The language
with the highest score wins when it scores at least MIN_SCORE, clearly more than
the next one, and from two kinds of evidence (or an untranslated fragment); in a short
text a single strong signal of one language only (STRONG_SCORE: `Mme Moreau`, `21h30`,
`Moskau`, `Parijs`, `OON`, a month named in the language) also decides, when no other language
has evidence of its own (a signal several languages share counts by the lead it gives one).
Otherwise no language is chosen and only language-neutral rules run. Besides the signals
below, the profiles' spelled-out honorifics (`Herr`, `Señor`), honorifics after a name
(`Okada-san`, `Ahmet Bey`), scale words (`billones`, `Milliarden`) and currencies after a
decimal comma (`1,7 trillion hryvnias`) count, and a known form of the rule packs counts for
every language whose entries write it (`Londres`: French, Spanish, Portuguese).

When the leftovers of a short text decide nothing (`4,1 mld euros`: Italian, Dutch, Polish or
Czech; `Lisboa`: Spanish or Portuguese; a soft sign in `El'vira`: Russian or Ukrainian), the
country the text is about tips them: among the languages the leftovers name, the one whose
countries (CLDR's English names of the countries where it is official, its English name, its
currency: `Italian bank`, `Ukraine's`, `hryvnias`) the text names most, or first, gains
TOPIC_WEIGHT and the choice is made again. A country named never brings in a language of its
own, so English copy that names countries but holds no leftover reads as none. The evidence
is reported, so an editor can see why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from .chars import LEFT_GUILLEMET, LOW_DOUBLE, RIGHT_GUILLEMET
from .model import Finding
from .packs import builtin_packs
from .profiles import ENGLISH_MONTHS, country_words, languages, month_names, profile
from .rule import Context
from .rules.fragments import Untranslated
from .rules.glossary import Occurrences, PackRule, StageMatcher
from .rules.locale import honorific_suffix_pattern

_FRAGMENTS = Untranslated()

MIN_SCORE = 3.0
MIN_SIGNALS = 2  # a winner needs two kinds of evidence, or an untranslated fragment
FRAGMENT_WEIGHT = 3.0
DATE_WEIGHT = 1.5  # a day and a month named in the source language (3 marzo)
PACK_WEIGHT = 1.5  # a name in a source language's transliteration (Chipenko), from the rule packs
SCORE_PER_10K = 2.0  # in a long text, evidence must be this dense
STRONG_SCORE = 1.5  # one language's own evidence this strong decides a short text alone, if no other language has its own
HONORIFIC_WEIGHT = 1.5  # a profile's spelled-out honorific before a name (Herr Baumann, Señor García)
SCALE_WEIGHT = 1.5  # a profile's scale word after a number (1,6 billones, 3 Milliarden)
CURRENCY_WEIGHT = 1.5  # a decimal comma before a profile's currency (1,7 trillion hryvnias, 4,6 bn zlotys)
TOPIC_WEIGHT = 1.5  # the country a short text is about, when its leftovers alone decide nothing (see _topic)
SAMPLE = 65_536

def _soft_sign(mark: str) -> re.Pattern:
    """`mark` after one of the consonants a soft sign follows, inside a capitalised word, before e,
    y or a consonant and a letter, and not in a contraction (Could've, Dar'st)."""
    return re.compile(mark + "(?=[eybcdfgkmnpstvz][a-z])(?!ve\\b|st\\b)(?:"
                      + "|".join(f"(?<=\\b[A-Z][a-z]{{{n}}}[lnrtdszvm]{mark})" for n in range(9)) + ")")


def _lower_case_ending(endings: tuple[str, ...], longest: int = 12) -> re.Pattern:
    """One of `endings` closing a lower-case word of at most `longest` letters before it: the search
    starts at the ending's literal, and the word's first letter is looked at behind it."""
    return re.compile("|".join(
        f"{e}\\b(?<=[a-zà-ú]{e})" + "".join(f"(?<!\\b[A-ZÀ-Ú][a-zà-ú]{{{n}}}{e})" for n in range(longest))
        for e in endings))


# (signal, substrings of which the text must hold one (empty: none needed), pattern,
# {language: weight per occurrence}). Patterns start with a literal or a rare
# character where they can: detection runs on every text.
SIGNALS: tuple[tuple[str, tuple[str, ...], re.Pattern, dict[str, float]], ...] = (
    ("guillemets", (LEFT_GUILLEMET, RIGHT_GUILLEMET), re.compile(f"[{LEFT_GUILLEMET}{RIGHT_GUILLEMET}]"),
     {"fr": 1.0, "it": 0.5, "es": 0.5, "pt": 0.5, "ru": 0.5}),
    # „…“ is German and Czech, „…” Polish; a low mark left open could be any of them
    ("low quotes", (LOW_DOUBLE,), re.compile(LOW_DOUBLE + "(?![^\n\u201c\u201d]{0,300}[\u201c\u201d])"),
     {"de": 1.5, "pl": 1.0, "cs": 1.0}),
    ("German quotes", (LOW_DOUBLE,), re.compile(LOW_DOUBLE + "(?=[^\n\u201c\u201d]{0,300}\u201c)"), {"de": 1.5, "cs": 1.0}),
    ("Polish quotes", (LOW_DOUBLE,), re.compile(LOW_DOUBLE + "(?=[^\n\u201c\u201d]{0,300}\u201d)"), {"pl": 1.5}),
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
     re.compile("[;:!?](?<=\\w[ \u00a0\u202f].)(?=\\s|\\Z|[\"\u201d\u00bb)])"), {"fr": 1.0}),  # shopping ?"
    ("milliard", ("milliard",), re.compile(r"milliards?\b"), {"fr": 2.0}),
    ("numero sign", ("n\u00b0", "n\u00ba"), re.compile("n[\u00b0\u00ba] ?\\d"),
     {"fr": 1.0, "it": 1.0, "es": 0.5, "pt": 0.5}),
    ("inverted marks", ("\u00bf", "\u00a1"), re.compile("[\u00bf\u00a1]"), {"es": 2.0}),
    # R$ 5,80, R$ 12 (Brazilian: a space after the sign, or a decimal comma); English copy writes R$8.5bn
    ("Brazilian real", ("R$",), re.compile(r"R\$ \d|R\$\d+(?:\.\d{3})*,\d"), {"pt": 2.0}),
    ("real sign", ("R$",), re.compile(r"R\$\d(?!\d*(?:\.\d{3})*,\d)"), {"pt": 1.0}),
    # lower case: English copy writes São Paulo, Maranhão
    ("Portuguese words", ("ção", "ões", "ão "), _lower_case_ending(("ção", "ções", "ões", "ão")), {"pt": 1.0}),
    ("decimal comma", (",",), re.compile(r",(?<=\d,)\d{1,2}\b(?!,\d)(?:(?<![\d,]\d,\d\d)|(?= ?(?:%|percent\b|per cent\b)))"),
     {"fr": 0.5, "de": 0.5, "it": 0.5, "es": 0.5, "pt": 0.5, "ru": 0.5, "nl": 0.5, "pl": 0.5, "cs": 0.5, "uk": 0.5,
      "tr": 0.5}),
    ("group dots", (".",), re.compile(r"\.(?<=\d\.)\d{3}(?![\d,])"),
     {"de": 0.5, "it": 0.5, "es": 0.5, "pt": 0.5, "nl": 0.5, "tr": 0.5}),
    ("German scale abbreviation", ("Mio", "Mrd"), re.compile(r"(?<=\d )(?:Mio|Mrd)\b"), {"de": 2.0}),
    ("German time", ("Uhr",), re.compile(r"Uhr(?<=\d Uhr)\b"), {"de": 2.0}),  # 18 Uhr, 18.30 Uhr
    # Spanish a las 6.00 horas, the hour's word left or translated after a time with a dot
    ("Spanish time", (" horas", " hours"), re.compile(r"(?:horas|hours)\b(?<=\d[.:]\d\d (?:horas|hours))"), {"es": 2.0}),
    ("Japanese prefecture", ("-ken", "-fu"), re.compile(r"(?<![\w-])[A-Z][a-zō]{3,12}-(?:ken|fu)\b"), {"ja": 1.5}),
    # Italian professional titles in lower case before a name (ing. Paolo Ferri, avv. Giulia Ferri)
    ("Italian title", ("ing. ", "avv. ", "arch. ", "geom. "),
     re.compile(r"\b(?:ing|avv|arch|geom)\. (?=[A-Z][a-z]+ [A-Z][a-z])(?<!\.ing\. )(?<!\.avv\. )"), {"it": 1.5}),
    # French: an hour alone with h after at, from, until (at 14h): beside another kind, as the French time
    ("French hour", ("h ", "h.", "h,"),
     re.compile(r"h(?=[ .,;])(?<=\dh)(?<!\b[3-9]\dh)(?<!\b2[4-9]h)(?:" + "|".join(
         rf"(?<=\b{word} {digits}h)" for word in ("at", "from", "until", "to") for digits in (r"\d", r"\d\d")) + ")"),
     {"fr": 1.0}),
    ("Czech million", ("mil. ",), re.compile(r"(?<=\d )mil\. (?=[a-zKk])"), {"cs": 1.5}),  # 45 mil. crowns, mil. Kč
    ("pinyin unit", ("gongli", "gongjin", "gongqing"), re.compile(r"(?<=\d )(?:gongli|gongjin|gongqing)\b"), {"zh": 2.0}),
    # Pani before a name, capitalised (pani in lower case is read below; Czech writes Paní)
    ("Polish Pani", ("Pani ",), re.compile(r"(?<![\w.])Pani (?=[A-ZŁŚŻ][a-ząćęłńóśźż]+\b)"), {"pl": 1.5}),
    ("centimetres sm", (" sm",), re.compile(r"sm\b(?<=\d sm)(?!-)"), {"ru": 1.0, "uk": 1.0}),  # 35 sm: Russian см
    ("German titles", ("Prof. Dr.",), re.compile(r"(?<![\w.])Prof\. Dr\. (?=[A-ZÄÖÜ][a-zäöüß])"), {"de": 1.5}),
    # Czech academic titles before a name (Ing. Petra Horáková, MUDr. Novák; not Dipl.-Ing.)
    ("Czech academic title", ("Ing.", "Mgr.", "MUDr.", "JUDr.", "PhDr.", "RNDr.", "MVDr.", "Bc."),
     re.compile(r"(?:Ing|Mgr|MUDr|JUDr|PhDr|RNDr|MVDr|Bc)\.(?<![\w.-]Ing\.)(?<![\w.-]Mgr\.)(?<![\w.-]Bc\.)"
                r"(?<![\w.-][MJPR][A-Za-z]Dr\.) (?=[A-ZČŘŠŽ][a-zá-ž])"), {"cs": 1.5}),
    # a numeric date with a space after each dot, as Czech writes it (5. 12. 2026; German writes 5.12.2026)
    # a price with ,- for no hundredths, the thousands set apart by a space: Czech (1 290,- Kč)
    ("Czech price", (",-",), re.compile(r",-(?<=\d \d\d\d,-)(?![\w-])"), {"cs": 1.5}),
    # Polish: godz. (o'clock) before a time, dr hab. before a name
    ("Polish abbreviation", ("godz.", "dr hab."), re.compile(r"(?<![\w.])(?:godz\. (?=\d)|dr hab\. (?=[A-ZŁŚŻ]))"), {"pl": 2.0}),
    ("Czech date", (". ",), re.compile(r"\. (?:(?<=(?<![\w.])\d\. )|(?<=(?<![\w.])\d\d\. ))(?:1[0-2]|[1-9])\. (?:19|20)\d\d\b"),
     {"cs": 1.5}),
    ("Dutch honorific", ("hr. ", "evr. "), re.compile(r"(?<![\w.])(?:[Dd]hr|[Mm]evr)\. (?=[A-Z][a-z])"), {"nl": 2.0}),
    # lower case, and not after an article (a pan, the pan); Czech writes paní, and names with a
    # háček (pan Jurečka), which Polish never writes; Polish names have letters Czech never writes (pan Wałęsa)
    ("Polish or Czech honorific", ("pan ", "pani "),
     re.compile(r"pan(?<![\w.]pan)(?<!\b[Aa] pan)(?<![Tt]he pan)i? (?=[A-Z][a-z])"), {"pl": 1.5, "cs": 1.0}),
    ("Czech honorific", ("pan ", "pani ", "paní "),
     re.compile(r"pan(?<![\w.]pan)(?<!\b[Aa] pan)(?<![Tt]he pan)(?:í (?=[A-Z][a-z])|i? (?=[A-Z][a-z]*[čďěňřšťůž]))"),
     {"cs": 2.0}),
    ("Polish honorific", ("pan ", "pani "),
     re.compile(r"pan(?<![\w.]pan)(?<!\b[Aa] pan)(?<![Tt]he pan)i? (?=[A-ZŁŚŻŹ][a-z]*[ąćęłńśźż]|[ŁŚŻŹ])"), {"pl": 2.0}),
    # mln: also Russian and Ukrainian млн romanised (their млрд is mlrd)
    ("mln, mld", ("mln", "mld"), re.compile(r"ml(?<=\d ml)[nd]\b"), {"nl": 1.0, "pl": 1.0, "it": 1.0, "cs": 1.0}),
    ("mln, mld", ("mln",), re.compile(r"mln(?<=\d mln)\b"), {"ru": 1.0, "uk": 1.0}),
    ("mln, mld", ("mlrd",), re.compile(r"mlrd(?<=\d mlrd)\b"), {"ru": 1.0, "uk": 1.0}),
    ("koruna sign", ("Kč",), re.compile(r"(?<=\d)(?: (?:mil|mld|tis)\.)? ?Kč(?!\w)"), {"cs": 2.0}),
    # the złoty after a number, or after Polish mln, mld, tys. (English writes 800 zlotys, PLN)
    ("złoty", ("zł", "zlot", "złot"), re.compile(r"(?<=\d )(?:(?:mln|mld|tys\.) )?zł(?!\w)|(?<=\d )(?:mln|mld|tys\.) z[lł]ot"),
     {"pl": 2.0}),
    # the year's abbreviation after a year: Russian g. (god), Polish and Ukrainian r. (rok, rik)
    ("year abbreviation g.", (" g.",), re.compile(r"(?<=\b(?:1[89]|20)\d\d )g\.(?!\w)"), {"ru": 1.5}),
    ("year abbreviation r.", (" r.",), re.compile(r"(?<=\b(?:1[89]|20)\d\d )r\.(?!\w)"), {"pl": 0.75, "uk": 0.75}),
    # a soft sign romanised as an apostrophe inside a capitalised name (El'vira, Vasil'ev, Ol'ga,
    # Ukrainian Vinnyts'kyi), before e, y or a consonant: an ayn is written so before a, i, u (Qur'an);
    # one pattern per apostrophe, as a pattern that starts with one literal is searched fastest
    *(("soft sign", (mark,), _soft_sign(mark), {"ru": 1.0, "uk": 1.0}) for mark in ("'", "\u2019")),
    # the same soft sign in a Ukrainian surname's -s'kyi, -ts'ka (Russian -skiy, -tskaya has none): it
    # adds to the one above, and is the same kind of evidence
    *(("soft sign", (mark,), re.compile(mark + r"(?<=[a-z]s" + mark + r")k(?:yi|yy|a)\b"), {"uk": 1.0})
      for mark in ("'", "\u2019")),
    # thousands abbreviated after a number: Polish tys., Russian тыс. and Ukrainian тис. romanised
    ("tys.", ("tys.",), re.compile(r"(?<=\d )tys\.(?!\w)"), {"pl": 1.0, "ru": 1.0, "uk": 1.0}),
    ("tis.", ("tis.",), re.compile(r"(?<=\d )tis\.(?!\w)"), {"cs": 1.0}),  # Czech tisíc
    # the rouble's and the hryvnia's abbreviations romanised after an amount (руб., грн): English
    # writes roubles, hryvnias, RUB, UAH
    ("rub.", ("rub.",), re.compile(r"(?<=\d )(?:(?:mln|mlrd|tys\.) )?rub\.(?!\w)"), {"ru": 1.5}),
    ("hrn", ("hrn", "grn"), re.compile(r"(?<=\d )(?:(?:mln|mlrd|tys\.) )?[hg]rn\b"), {"uk": 1.5}),
    # lower-case words with letters only Polish, Czech or Turkish writes (names are capitalised: Wałęsa, Erdoğan)
    ("Polish letters", ("ł", "ą", "ę", "ż", "ź", "ś", "ń"), re.compile(r"(?<![^\W\d_])[a-zó]*[łąężźśń]"), {"pl": 1.0}),
    ("Czech letters", ("ř", "ě", "ů"), re.compile(r"(?<![^\W\d_])[a-záéíóúýčšž]*[řěů]"), {"cs": 1.0}),
    ("Turkish letters", ("ı", "ğ"), re.compile(r"(?<![^\W\d_])[a-zçöüş]*[ığ]"), {"tr": 1.0}),
    # a Turkish institution's name left untranslated: a capitalised word with ı or ğ and a
    # possessive or plural ending (Avrupa Birliği, Dışişleri Bakanlığı); people's names end otherwise
    # (Erdoğan, Kılıçdaroğlu, Yıldırım), and -sı is left out for places (Kuşadası)
    ("Turkish compound", ("ı", "ğ"),
     re.compile(r"(?<![\w'’])(?=[A-ZÇÖÜŞİ][a-zçğıöşü]*[ığ])[A-ZÇÖÜŞİ][a-zçğıöşü]+(?:ğ[ıiuü]|l[ae]r[ıi])(?!\w)"),
     {"tr": 1.0}),
    ("Turkish scale word", ("mily", "trily"), re.compile(r"(?:mily(?<=\d mily)(?:on|ar)|trily(?<=\d trily)on)\b"), {"tr": 2.0}),
    # Turkish bin (thousand) before an amount's unit: 50 bin lira (not 3 bin bags)
    ("Turkish thousand", (" bin ",), re.compile(r"bin(?<=\d bin) (?=(?:lira|liras|TL|euros?|dollars?|people|tonnes)\b)"),
     {"tr": 2.0}),
    ("Italian thousand", ("mila",), re.compile(r"mila(?<=\d mila)\b"), {"it": 2.0}),  # 20 mila euros
    # Chinese and Japanese: full-width punctuation, corner brackets, kana, y年M月d日 dates, 万 and 亿/億 numbers
    ("full-width comma", ("\uff0c",), re.compile("\uff0c"), {"zh": 1.5}),  # Japanese commas are 、
    ("full-width punctuation", ("\uff1a", "\uff1b", "\uff08", "\uff09", "\uff01", "\uff1f"),
     re.compile("[\uff1a\uff1b\uff08\uff09\uff01\uff1f]"), {"zh": 1.0, "ja": 0.5}),
    ("title marks", ("\u300a", "\u300b"), re.compile("[\u300a\u300b]"), {"zh": 1.5}),  # 《Title》: Japanese writes 『』
    ("ideographic full stop", ("\u3002",), re.compile("\u3002"), {"zh": 0.5, "ja": 0.5}),
    ("ideographic comma", ("\u3001",), re.compile("\u3001"), {"ja": 1.0, "zh": 0.25}),  # Japanese commas are 、
    ("corner brackets", ("\u300c", "\u300e"), re.compile("[\u300c\u300e]"), {"ja": 1.0, "zh": 0.5}),
    ("kana", ("\u306e", "\u306f", "\u3092", "\u304c", "\u306b", "\u3067", "\u3055\u3093", "\u30fc", "\u30f3"),
     re.compile("[\u3041-\u30ff]+"), {"ja": 1.0}),  # screened by particles (の, は, を...) and ー, ン
    ("CJK date", ("\u5e74", "\u6708"), re.compile("\\d[\u5e74\u6708](?=\\d)"), {"zh": 1.5, "ja": 1.5}),
    ("Chinese number", ("\u4ebf", "\u4e07"), re.compile("\\d(?:\u4e07\u4ebf|\u4ebf)"), {"zh": 2.0}),
    # 亿 and 万 left in pinyin before the yuan: 12 yi yuan, 3 wan yuan
    ("pinyin number", (" yi ", " wan "), re.compile(r"(?:yi(?<=\d yi)|wan(?<=\d wan)) (?=yuan\b|renminbi\b)"), {"zh": 2.0}),
    # 億 and 兆 are Japanese, and traditional Chinese; simplified Chinese writes 亿
    ("Japanese number", ("\u5104", "\u5146"), re.compile("\\d[\u5104\u5146]"), {"ja": 2.0, "zh": 0.5}),
    ("ten thousand", ("\u4e07",), re.compile("\\d\u4e07(?!\u4ebf)"), {"zh": 0.5, "ja": 0.5}),
    # a currency sign glued after the amount: 元 (Japanese writes it for the yuan too), 円
    ("yuan sign", ("\u5143",), re.compile("\\d[\u4e07\u4ebf]?\u5143"), {"zh": 2.0, "ja": 0.5}),
    ("yen sign", ("\u5186",), re.compile("\\d[\u4e07\u5104\u5146]?\u5186"), {"ja": 2.0}),
    ("Japanese era year", ("Reiwa", "Heisei"), re.compile(r"\b(?:Reiwa|Heisei) \d{1,2}\b"), {"ja": 1.5}),
    ("wave dash", ("\u301c",), re.compile("\\d\u301c\\d"), {"ja": 1.5}),  # a range: 10〜15 (Chinese writes 至 or ～)
)


def _screens() -> tuple[ahocorasick.Automaton, tuple[str, ...]]:
    """The signals' screen substrings of several characters in one automaton: one pass tells which
    occur, where a substring search per screen would read the whole sample fifty times. The single
    characters (`h`, `.`, `,` occur thousands of times in a sample, each hit a step of the loop over
    the automaton's hits) are left to `in`, a search in C that stops at the first."""
    substrings = {s for _, screen, _, _ in SIGNALS for s in screen}
    automaton = ahocorasick.Automaton()
    for substring in substrings:
        if len(substring) > 1:
            automaton.add_word(substring, substring)
    automaton.make_automaton()
    return automaton, tuple(sorted(s for s in substrings if len(s) == 1))


_SCREENS, _SCREEN_CHARACTERS = _screens()


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


def detect(text: str, occurrences: Occurrences | None = None) -> Detection:
    """Score every language by the leftovers in the text and pick a clear winner.

    Only the first SAMPLE characters are read: that is plenty of evidence, and it
    keeps detection cheap on long files. The score needed grows with the length
    read, so that two stray `M. ` in a long manual do not make it French.
    `occurrences`: the pack forms' occurrences a run carries through its stages; on the
    index of pack_matcher() and a text no longer than SAMPLE, they stand for a scan of its own.
    """
    shared = occurrences if len(text) <= SAMPLE else None
    text = text[:SAMPLE]
    needed = max(MIN_SCORE, len(text) / 10_000 * SCORE_PER_10K)
    scores: dict[str, float] = {}
    evidence: list[Evidence] = []
    weights_of: list[dict[str, float]] = []  # what each piece of evidence gave each language
    alone: list[int] = []  # may it decide a short text: ALONE by itself, WITH_COMPANY beside another kind, or not

    def add(item: Evidence, gave: dict[str, float], strong: int = 2) -> None:
        evidence.append(item)
        weights_of.append(gave)
        alone.append(strong)
        for lang, weight in gave.items():
            scores[lang] = scores.get(lang, 0.0) + weight

    present = {found for _, found in _SCREENS.iter(text)}.union(c for c in _SCREEN_CHARACTERS if c in text)
    for name, screen, pattern, weights in SIGNALS:
        if screen and present.isdisjoint(screen):
            continue
        matches = [m.span() for m in pattern.finditer(text)]
        if not matches:
            continue
        add(Evidence(name, len(matches), _context(text, *matches[0]), tuple(weights)),
            {lang: weight * len(matches) for lang, weight in weights.items()},
            2 if name in ALONE else 1 if name in WITH_COMPANY else 0)
    for name, weight, found_of in (("honorific", HONORIFIC_WEIGHT, _profile_honorifics),
                                   ("honorific after a name", HONORIFIC_WEIGHT, _profile_honorific_suffixes),
                                   ("scale word", SCALE_WEIGHT, _profile_scale_words),
                                   ("decimal comma before a currency", CURRENCY_WEIGHT, _profile_currencies)):
        for langs, found in found_of(text).items():
            add(Evidence(f"{name} ({', '.join(langs)})", len(found), _context(text, *found[0]), langs),
                {lang: weight * len(found) for lang in langs})
    dates = _source_dates(text)
    for lang, found in dates.items():
        add(Evidence(f"{profile(lang).name} date", len(found), _context(text, *found[0]), (lang,)),
            {lang: DATE_WEIGHT * len(found)})
    for pack_id, langs, found in _pack_hits(text, shared):
        add(Evidence(f"known form ({pack_id})", len(found), found[0], langs),
            {lang: PACK_WEIGHT * len(found) for lang in langs},
            0 if pack_id in NOT_ALONE_PACKS and not any(" " in form for form in found) else 2)
    fragments: dict[str, list[Finding]] = {}
    for finding in _FRAGMENTS.find(text, Context()):
        fragments.setdefault(finding.language, []).append(finding)
    for lang, found in fragments.items():
        add(Evidence("untranslated fragment", len(found), text[found[0].start:found[0].end], (lang,)),
            {lang: FRAGMENT_WEIGHT * len(found)})
    language = _choose(scores, evidence, weights_of, alone, needed, fragments)
    if language is None and needed == MIN_SCORE and scores:
        # the leftovers tie, or are too weak: the country the brief is about tips them
        topic = _topic(text, {lang for e in evidence if e.signal not in ENGLISH_TOO for lang in e.languages})
        if topic is not None:
            lang, found = topic
            add(Evidence(f"country named ({lang})", len(found), _context(text, *found[0]), (lang,)),
                {lang: TOPIC_WEIGHT}, 1)
            language = _choose(scores, evidence, weights_of, alone, needed, fragments)
    return Detection(language, dict(sorted(scores.items(), key=lambda kv: -kv[1])), tuple(evidence))


def _choose(scores: dict[str, float], evidence: list[Evidence], weights_of: list[dict[str, float]],
            alone: list[int], needed: float, fragments: dict[str, list[Finding]]) -> str | None:
    """The language with the highest score, if it wins clearly enough (see the module's docstring)."""
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] <= ranked[1][1]):
        return None
    best = ranked[0][0]
    kinds = [e for e in evidence if best in e.languages]
    if ranked[0][1] >= needed and (_kind_count(kinds) >= MIN_SIGNALS or best in fragments
                                   or any(e.signal.startswith("known form") for e in kinds)):
        return best
    if needed == MIN_SCORE and _decides_short(best, kinds, evidence, weights_of, alone):
        return best
    return None


def _topic(text: str, candidates: set[str]) -> tuple[str, list[tuple[int, int]]] | None:
    """The language, among the candidates, whose countries (its name, its currency) the text
    names most often (of two named as often, the one named first: a brief's lede names what it is
    about), and where it names them; None if none is named."""
    found: dict[str, list[tuple[int, int]]] = {}
    for end, (word, langs) in _country_automaton().iter_long(text):
        start = end + 1 - len(word)
        if (start and (text[start - 1].isalnum() or text[start - 1] in "-_")) or \
                (end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] in "-_")):
            continue  # inside a word (Chadwick, Japanese-made)
        for lang in langs:
            if lang in candidates:
                found.setdefault(lang, []).append((start, end + 1))
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1][0] == ranked[1][1][0] and len(ranked[0][1]) == len(ranked[1][1])):
        return None  # one name of several languages' countries (Switzerland, Belgium) decides nothing
    return ranked[0]


@cache
def _country_automaton() -> ahocorasick.Automaton:
    """Every language's country words (profiles.country_words), each with the languages it names."""
    langs_of: dict[str, set[str]] = {}
    for lang in languages():
        for word in country_words(lang):
            langs_of.setdefault(word, set()).add(lang)
    automaton = ahocorasick.Automaton()
    for word, langs in langs_of.items():
        automaton.add_word(word, (word, tuple(sorted(langs))))
    automaton.make_automaton()
    return automaton


def _decides_short(best: str, kinds: list[Evidence], evidence: list[Evidence], weights_of: list[dict[str, float]],
                   alone: list[int]) -> bool:
    """In a short text, with no other language holding evidence of its own (every piece names
    `best` too): does `best` have evidence of its own scoring STRONG_SCORE, from a signal
    strong enough alone (`Mme Moreau`, `Moskau`, `3 marzo`), or from one (`21h30`) that needs a
    second kind of evidence beside it (a decimal comma)? A piece that names other languages
    too counts by the lead it gives `best` over them (`4兆`: Japanese 2.0, Chinese 0.5)."""
    if any(best not in e.languages for e in evidence):
        return False
    own = [(gave[best] - max((w for lang, w in gave.items() if lang != best), default=0.0), strong)
           for gave, strong in zip(weights_of, alone)]
    if sum(w for w, strong in own if strong == 2 and w > 0) >= STRONG_SCORE:
        return True
    return _kind_count(kinds) >= MIN_SIGNALS and sum(w for w, strong in own if strong and w > 0) >= STRONG_SCORE


def _kind_count(kinds: list[Evidence]) -> int:
    """How many kinds of evidence: a signal found by one pattern per mark (the soft sign's ' and ’) is one."""
    return len({e.signal for e in kinds})


# the signals that may decide a short text by themselves (with the profiles' honorifics and
# scale words, source-language dates and known forms); a French time (`1 h 15`), spacing or
# guillemets need a second kind of evidence
ALONE = {"French honorific", "German honorific", "Italian honorific", "Dutch honorific", "French ordinal",
         "French century", "milliard", "inverted marks", "Brazilian real", "German scale abbreviation",
         "Turkish scale word", "Chinese number", "złoty", "koruna sign", "Czech honorific", "Polish honorific", "year abbreviation g.",
         "full-width comma", "title marks", "Japanese number", "rub.", "hrn", "yuan sign", "yen sign",
         "Japanese era year", "German time", "German titles", "Czech academic title", "Czech date", "wave dash", "Polish quotes", "Turkish thousand", "Italian thousand",
         "Czech price", "Polish abbreviation", "pinyin number",
         "Spanish time", "Japanese prefecture", "Polish Pani", "Italian title", "Czech million", "pinyin unit"}
WITH_COMPANY = {"French time", "French hour"}
# signals English writes too (a yield of 2.375%): they count, but the country named never tips them
ENGLISH_TOO = {"group dots", "real sign"}
# a person's surname travels in one language's romanisation into English copy (Yulia Peressild):
# it counts towards the score, but decides no short text; a full name in a foreign press's spelling
# (Władimir Putin, Wolodymyr Selenskyj) does
NOT_ALONE_PACKS = {"names.people"}

_ENGLISH_SCALE = {"million", "millions", "billion", "billions", "trillion", "trillions", "mil", "mil."}
# forms the SIGNALS above already read (Mio., mln, milliard, milyon), or English shorthand ($5 bln)
_READ_BY_SIGNALS = {"Mio", "Mio.", "Mrd", "Mrd.", "mln", "mln.", "mld", "mld.", "milliard", "milliards",
                    "milyon", "milyar", "trilyon", "bln", "Md", "Mds"}
# English writes these itself (Pr: public relations; Fr. Brown: a priest)
_ENGLISH_HONORIFICS = {"Pr", "Fr.", "Hr.", "Hrn.", "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Sr.", "Sra.", "Srta.",
                       "Sig.", "Sig.ra", "Sig.na", "Dott.", "Dott.ssa", "Prof.ssa", "dhr.", "Dhr.", "mevr.", "Mevr.",
                       "mw.", "Mw.", "pan", "pani", "paní"}


def _profile_words(kind: str, skip: frozenset[str]) -> dict[str, tuple[str, ...]]:
    langs_of: dict[str, set[str]] = {}
    for lang in languages():
        for word in getattr(profile(lang), kind):
            if word not in skip and word.lower() not in skip:
                langs_of.setdefault(word, set()).add(lang)
    return {word: tuple(sorted(ls)) for word, ls in langs_of.items()}


def _profile_pattern(kind: str, skip: frozenset[str], shape: str) -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    """The profiles' words of a kind (not those in `skip`) as group 1 of `shape`'s `{words}`, and their languages."""
    langs_of = _profile_words(kind, skip)
    if not langs_of:
        return None, {}
    words = "|".join(map(re.escape, sorted(langs_of, key=len, reverse=True)))
    return re.compile(shape.replace("{words}", words)), langs_of


@cache
def _honorific_pattern() -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    """Spelled-out honorifics of the profiles (Herr, Frau, Señor, Signora, Senhor, meneer,
    Pani) before a capitalised name; the abbreviated ones have SIGNALS of their own."""
    return _profile_pattern("honorifics", frozenset(_ENGLISH_HONORIFICS), r"({words}) (?=[A-Z][a-z])")


@cache
def _scale_pattern() -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    """Scale words of the profiles after a number (1,6 billones, 3 Milliarden, 2 milhões)."""
    return _profile_pattern("scale_words", frozenset(_ENGLISH_SCALE | _READ_BY_SIGNALS), r"\d ({words})(?![\w])")


@cache
def _currency_pattern() -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    """A decimal comma, maybe a scale word, then a profile's currency (1,7 trillion hryvnias)."""
    return _profile_pattern("currencies", frozenset(), r"\d,\d{1,2}(?![\d,])(?: [\w.]+)? ({words})(?!\w)")


def _grouped(pattern: re.Pattern | None, langs_of: dict[str, tuple[str, ...]], text: str,
             word_start: bool = False, group: int = 0):
    """Spans of the matches (from the start of `group`) per the languages of their group 1;
    `word_start`: only where no letter, digit or full stop stands before the match (looked at here:
    a pattern that starts with its words, or with a digit, is searched several times faster than
    one that starts by looking behind)."""
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    if pattern is not None:
        for m in pattern.finditer(text):
            start = m.start()
            if word_start and start and (text[start - 1].isalnum() or text[start - 1] in "_."):
                continue
            found.setdefault(langs_of[m.group(1)], []).append((m.start(group), m.end()))
    return found


def _profile_honorifics(text: str) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    return _grouped(*_honorific_pattern(), text, word_start=True)


@cache
def _suffix_languages() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((lang, profile(lang).honorific_suffixes) for lang in languages() if profile(lang).honorific_suffixes)


def _profile_honorific_suffixes(text: str) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Names with a profile's honorific after them (Okada-san, Ahmet Bey), per language."""
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for lang, suffixes in _suffix_languages():
        if any(s in text for s in suffixes):
            spans = [m.span() for m in honorific_suffix_pattern(lang).finditer(text)]
            if spans:
                found[(lang,)] = spans
    return found


def _profile_currencies(text: str) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    return _grouped(*_currency_pattern(), text)


def _profile_scale_words(text: str) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    return _grouped(*_scale_pattern(), text, group=1)


@cache
def _date_pattern() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """A day and a month named in a source language (`3 marzo`, `5 de mayo`, `3. Oktober`),
    with the languages that name each month so; names English shares (`24 November`) are left out."""
    english = {m.lower() for m in ENGLISH_MONTHS}
    langs_of: dict[str, list[str]] = {}
    joiners = set()
    for lang in languages():
        joiners.add(profile(lang).date_joiner)
        # as the language writes it (`mai` in French, `Mai` in German), and as MT romanises it (`hrudnia`)
        for month in (*(name for name, _ in month_names(lang)), *profile(lang).romanised_months):
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
def pack_matcher() -> StageMatcher:
    """The built-in packs' forms that detection reads: a run of the same forms shares its index, and its scan."""
    return StageMatcher(PackRule(pack) for pack in builtin_packs())


_CJK_OPENING, _CJK_CLOSING = ("\u300a", "\u300c", "\u300e"), ("\u300b", "\u300d", "\u300f")


def _pack_hits(text: str, occurrences: Occurrences | None):
    """(pack id, source languages, the wrong forms found) for forms that belong to given languages."""
    matcher = pack_matcher()
    if not matcher.lookup:
        return
    if occurrences is not None and occurrences.index is not matcher.index:
        occurrences = None
    found: dict[tuple[str, tuple[str, ...]], list[str]] = {}

    def langs_of(rule_id, entry) -> tuple[str, ...]:
        return tuple(entry.languages or next(p.languages for p in builtin_packs() if p.id == rule_id))

    for hit, rule_id, entry in matcher.hits(text, lambda hit, entry: matcher.has_context(text, hit, entry), occurrences):
        if text[hit.start - 1:hit.start] in _CJK_OPENING and text[hit.end:hit.end + 1] in _CJK_CLOSING:
            continue  # a title between 《》 or 「」 came through Chinese or Japanese, whose marks count already
        # a form several entries write (Londres: French, Spanish, Portuguese) counts for all their languages
        langs = {lang for other_id, other in matcher.lookup[hit.form] if other_id == rule_id
                 and matcher.has_context(text, hit, other) for lang in langs_of(other_id, other)}
        langs.update(langs_of(rule_id, entry))
        if langs:
            found.setdefault((rule_id, tuple(sorted(langs))), []).append(hit.form)
    for (rule_id, langs), forms in found.items():
        yield rule_id, langs, forms


def _context(text: str, start: int, end: int, reach: int = 20) -> str:
    return text[max(0, start - reach):end + reach].replace("\n", " ").strip()
