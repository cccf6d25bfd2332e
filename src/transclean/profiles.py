"""Source-language profiles: what each language's habits look like in English text.

Decimal and group separators (those of the regions a profile names too: Swiss
`3'000`), month names and numeric date patterns (`y年M月d日`) come from CLDR
through babel; the habits CLDR does not describe (honorifics, ordinal suffixes,
scale words...) come from rules/locale/<lang>.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .packs import PackError, builtin_dir, cached_toml
from .usercache import cached, files_key

# CLDR's English month names (babel's Locale("en").months["format"]["wide"]), which never change.
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
_KEYS = {"name", "via", "regions", "honorifics", "honorific_suffixes", "ordinal_suffixes", "scale_words", "multipliers", "century_words",
         "date_joiner", "date_article", "times", "numero", "regnal_dot", "inverted_marks", "scores", "currencies", "currency_words", "keep",
         "romanised_months", "capitals", "time_words"}
# CLDR date skeletons read for numeric dates: day, month and year; month and day; year and month.
DATE_SKELETONS = ("yMMMd", "MMMd", "yMMM")
# CLDR's variant English names that news writes instead of its main ones (Czechia, Türkiye)
COUNTRY_VARIANTS = {"CZ": "Czech Republic", "TR": "Turkey"}


@dataclass(frozen=True, slots=True)
class Profile:
    language: str
    name: str
    via: tuple[str, ...]  # languages its text often passes through on its way to English (Russian: French)
    decimal: str
    groups: tuple[str, ...]  # group separators: CLDR's, and the plain space where CLDR has a no-break one
    months: dict[str, str]  # lower-case source month name (CLDR's, and the romanised ones) -> English month
    romanised_months: dict[str, str]  # a Cyrillic month name as MT romanises it (22 hrudnia) -> English month
    # CLDR's patterns of a date written with a numeric month and the language's own signs (y年M月d日), if any
    numeric_dates: tuple[str, ...]
    honorifics: dict[str, str]
    honorific_suffixes: tuple[str, ...]  # written after the name (Japanese Tanaka-san): flagged, never guessed
    ordinal_suffixes: tuple[str, ...]
    scale_words: dict[str, str]
    multipliers: dict[str, int]  # words that multiply the number before them (Portuguese `5 mil`, Chinese `3万`)
    century_words: tuple[str, ...]
    date_joiner: str  # the word between day, month and year (Spanish `5 de mayo de 2023`), or ""
    date_article: str  # the article before a date (French `le 5 octobre`), or ""
    times: bool
    # words written after a time of day (18.30 Uhr) -> whether an hour alone before them is a time too (18 Uhr)
    time_words: dict[str, bool]
    numero: bool
    regnal_dot: bool  # a ruler's regnal number ends with the ordinal full stop (German Karl III.)
    inverted_marks: bool
    scores: bool  # sports scores written with a colon (2:1)
    # the English names of the country's currency: after a decimal comma (1,7 trillion hryvnias)
    # they tell which of the languages writing decimal commas the number came from
    currencies: tuple[str, ...]
    currency_words: dict[str, str]  # a currency's sign or word written after the amount (55,800元) -> its English word
    capitals: tuple[str, ...]  # the capital (and seat of power) English names the country by: a text's topic
    keep: tuple[str, ...]


def languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (builtin_dir() / "locale").glob("*.toml")))


def month_names(language: str) -> tuple[tuple[str, str], ...]:
    """(month name as CLDR writes it, English month), in both of CLDR's forms."""
    return _cldr(language)[2]


def numeric_date_patterns(language: str) -> tuple[str, ...]:
    """CLDR's patterns of a date with a numeric month written with the language's own signs
    (`y年M月d日`, `M月d日`, `y年M月`): none for a language that names its months (`d MMMM y`)
    or writes numeric dates with ASCII signs only (`d. M. y`)."""
    return _cldr(language)[3]


@cache
def _cldr(language: str, regions: tuple[str, ...] = ()) -> tuple[str, str, tuple[tuple[str, str], ...],
                                                                  tuple[str, ...], tuple[str, ...]]:
    """CLDR's decimal symbol, group symbol, month names and numeric date patterns for a language,
    and the group symbols of its regions (`de_CH`), through babel; kept in the user cache, keyed by
    babel's data files: importing babel and reading a locale's data costs a run several
    milliseconds per language."""

    def build() -> tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...]]:
        from babel import Locale
        from babel.numbers import get_decimal_symbol, get_group_symbol

        locale = Locale.parse(language)
        months = tuple(dict.fromkeys(
            (locale.months[context]["wide"][m], ENGLISH_MONTHS[m - 1])
            for context in ("format", "stand-alone") for m in range(1, 13)
        ))
        skeletons = [locale.datetime_skeletons.get(s) for s in DATE_SKELETONS]
        dates = tuple(str(s.pattern) for s in skeletons if s is not None)
        if not all(re.fullmatch(r"(?:y+|M{1,2}|d{1,2}|[^\x00-\x7f])+", d) for d in dates):
            dates = ()  # month names (MMM), or numbers and ASCII signs only: no pattern of its own
        region_groups = tuple(dict.fromkeys(get_group_symbol(f"{language}_{r}") for r in regions))
        return get_decimal_symbol(language), get_group_symbol(language), months, dates, region_groups

    babel = _babel_dir()
    files = (babel / "__init__.py", babel / "locale-data" / "root.dat", babel / "locale-data" / f"{language}.dat",
             *(babel / "locale-data" / f"{language}_{r}.dat" for r in regions))
    return cached(f"cldr-{language}", files_key(regions, files=files), build)


def _babel_dir() -> Path:
    """Where babel's code and CLDR data are (the files the CLDR caches are keyed by)."""
    return Path(find_spec("babel").origin).parent


def country_words(language: str) -> tuple[str, ...]:
    """How English names what a text from `language` is likely about: the countries where
    CLDR has it as an official language (or as the language in use, where none is official:
    Mexico), the language's English name (`Italian bank`), the profile's currencies and capitals
    (`Moscow`, `the Kremlin`)."""
    p = profile(language)
    return _cldr_countries().get(language, ()) + ((*p.currencies, *p.capitals) if p is not None else ())


@cache
def _cldr_countries() -> dict[str, tuple[str, ...]]:
    """English country and language names per profile language, from CLDR through babel (kept in
    the user cache, keyed like _cldr)."""

    def build() -> dict[str, tuple[str, ...]]:
        from babel import Locale
        from babel.languages import get_official_languages

        english = Locale("en")
        ours = set(languages())
        names: dict[str, list[str]] = {lang: [english.languages[lang]] for lang in ours}
        for code, name in english.territories.items():
            if not (len(code) == 2 and code.isalpha()) or re.search(r"[&(]| - | SAR ", name):
                continue  # regions (419), and names written for lists (Congo - Kinshasa, Macao SAR China)
            for lang in get_official_languages(code) or get_official_languages(code, de_facto=True):
                if lang.split("_")[0] in ours:  # zh_Hant: Taiwan
                    names[lang.split("_")[0]] += [name, *((COUNTRY_VARIANTS[code],) if code in COUNTRY_VARIANTS else ())]
        return {lang: tuple(dict.fromkeys(words)) for lang, words in names.items()}

    babel = _babel_dir()
    files = (babel / "__init__.py", babel / "languages.py", babel / "locale-data" / "en.dat",
             babel / "locale-data" / "root.dat", babel / "global.dat")
    return cached("cldr-countries", files_key(languages(), files=files), build, lambda d: {k: list(v) for k, v in d.items()},
                  lambda d: {k: tuple(v) for k, v in d.items()})


@cache
def profile(language: str) -> Profile | None:
    """The profile of a source language, or None if there is none."""
    path = builtin_dir() / "locale" / f"{language}.toml"
    if not path.exists():
        return None
    data = cached_toml(path).get("profile")
    if not isinstance(data, dict):
        raise PackError(f"{path}: not a valid profile (no [profile] table)")
    for key in sorted(set(data) - _KEYS):
        raise PackError(f"{path}: [profile]: unknown key '{key}'")
    decimal, group, _, numeric_dates, region_groups = _cldr(language, tuple(data.get("regions", ())))
    groups = (group, " ") if group in ("\u00a0", "\u202f") else (group,)
    if group in ("\u00a0", "\u202f"):
        groups += tuple(g for g in ("\u00a0", "\u202f") if g != group)
    for g in region_groups:  # a Swiss 3'000 is as often typeset 3’000
        groups += tuple(x for x in ((g, "\u2019") if g == "'" else (g,)) if x not in groups and x != decimal)
    romanised = {name.lower(): english for name, english in data.get("romanised_months", {}).items()}
    months = {name.lower(): english for name, english in month_names(language)} | romanised
    return Profile(
        language=language, name=data.get("name", language), via=tuple(data.get("via", ())), decimal=decimal, groups=groups,
        months=months, romanised_months=romanised, numeric_dates=numeric_dates, honorifics=dict(data.get("honorifics", {})),
        honorific_suffixes=tuple(data.get("honorific_suffixes", ())),
        ordinal_suffixes=tuple(data.get("ordinal_suffixes", ())), scale_words=dict(data.get("scale_words", {})),
        multipliers={word: int(n) for word, n in data.get("multipliers", {}).items()},
        century_words=tuple(data.get("century_words", ())), date_joiner=data.get("date_joiner", ""),
        date_article=data.get("date_article", ""),
        times=bool(data.get("times")), time_words={w: bool(v) for w, v in data.get("time_words", {}).items()},
        numero=bool(data.get("numero")), regnal_dot=bool(data.get("regnal_dot")), inverted_marks=bool(data.get("inverted_marks")),
        scores=bool(data.get("scores")), currencies=tuple(data.get("currencies", ())),
        currency_words=dict(data.get("currency_words", {})), keep=tuple(data.get("keep", ())),
        capitals=tuple(data.get("capitals", ())),
    )


def via(language: str | None) -> tuple[str, ...]:
    """The languages a text from `language` may have passed through (none for an unknown one)."""
    p = profile(language) if language else None
    return p.via if p is not None else ()
