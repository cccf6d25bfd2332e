"""Source-language profiles: what each language's habits look like in English text.

Decimal and group separators and month names come from CLDR through babel; the
habits CLDR does not describe (honorifics, ordinal suffixes, scale words...) come
from rules/locale/<lang>.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .packs import PackError, builtin_dir, cached_toml
from .usercache import cached
from .version import VERSION

# CLDR's English month names (babel's Locale("en").months["format"]["wide"]), which never change.
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
_KEYS = {"name", "via", "honorifics", "ordinal_suffixes", "scale_words", "century_words", "date_joiner",
         "date_article", "times", "numero", "inverted_marks", "keep"}


@dataclass(frozen=True, slots=True)
class Profile:
    language: str
    name: str
    via: tuple[str, ...]  # languages its text often passes through on its way to English (Russian: French)
    decimal: str
    groups: tuple[str, ...]  # group separators: CLDR's, and the plain space where CLDR has a no-break one
    months: dict[str, str]  # lower-case source month name -> English month
    honorifics: dict[str, str]
    ordinal_suffixes: tuple[str, ...]
    scale_words: dict[str, str]
    century_words: tuple[str, ...]
    date_joiner: str  # the word between day, month and year (Spanish `5 de mayo de 2023`), or ""
    date_article: str  # the article before a date (French `le 5 octobre`), or ""
    times: bool
    numero: bool
    inverted_marks: bool
    keep: tuple[str, ...]


def languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (builtin_dir() / "locale").glob("*.toml")))


def month_names(language: str) -> tuple[tuple[str, str], ...]:
    """(month name as CLDR writes it, English month), in both of CLDR's forms."""
    return _cldr(language)[2]


@cache
def _cldr(language: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """CLDR's decimal symbol, group symbol and month names for a language, through babel; kept in
    the user cache, keyed by babel's data files: importing babel and reading a locale's data
    costs a run several milliseconds per language."""

    def build() -> tuple[str, str, tuple[tuple[str, str], ...]]:
        from babel import Locale
        from babel.numbers import get_decimal_symbol, get_group_symbol

        locale = Locale.parse(language)
        months = tuple(dict.fromkeys(
            (locale.months[context]["wide"][m], ENGLISH_MONTHS[m - 1])
            for context in ("format", "stand-alone") for m in range(1, 13)
        ))
        return get_decimal_symbol(language), get_group_symbol(language), months

    babel = Path(find_spec("babel").origin).parent
    files = (babel / "__init__.py", babel / "locale-data" / "root.dat", babel / "locale-data" / f"{language}.dat")
    key = repr([VERSION, *((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists())])
    return cached(f"cldr-{language}", key, build)


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
    decimal, group, _ = _cldr(language)
    groups = (group, " ") if group in ("\u00a0", "\u202f") else (group,)
    if group in ("\u00a0", "\u202f"):
        groups += tuple(g for g in ("\u00a0", "\u202f") if g != group)
    months = {name.lower(): english for name, english in month_names(language)}
    return Profile(
        language=language, name=data.get("name", language), via=tuple(data.get("via", ())), decimal=decimal, groups=groups,
        months=months, honorifics=dict(data.get("honorifics", {})),
        ordinal_suffixes=tuple(data.get("ordinal_suffixes", ())), scale_words=dict(data.get("scale_words", {})),
        century_words=tuple(data.get("century_words", ())), date_joiner=data.get("date_joiner", ""),
        date_article=data.get("date_article", ""),
        times=bool(data.get("times")),
        numero=bool(data.get("numero")), inverted_marks=bool(data.get("inverted_marks")),
        keep=tuple(data.get("keep", ())),
    )


def via(language: str | None) -> tuple[str, ...]:
    """The languages a text from `language` may have passed through (none for an unknown one)."""
    p = profile(language) if language else None
    return p.via if p is not None else ()
