"""Locale: the source language's numbers, dates, times, ordinals and honorifics.

Every rule here reads the profile of the source language in force (given with
--source-lang, or detected); with no language in force none of them runs.
Separators and month names come from CLDR (see profiles.py).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ..chars import AMOUNT_SIGNS, CURRENCY_SIGNS, INVERTED_MARKS, skip_back
from ..model import Edit, Finding
from ..packs import table
from ..profiles import ENGLISH_MONTHS, Profile, languages, profile
from ..rule import Rule
from .glossary import has_context
from .quotes import AFTER_INCH_RE, INCH_MARKS

_NUMBER_END = r"(?![\w]|[.,]\d)"


def starts_token(text: str, i: int) -> bool:
    """Is position i the start of a number or word (not inside 12.5, x2, 3,4)?

    Patterns here start with a digit or a literal rather than a look-behind, so the
    engine skips quickly to candidates; this check replaces the look-behind.
    """
    return i == 0 or not ((text[i - 1].isalnum() and not _after_numero(text, i)) or text[i - 1] in "._,:")


# A quotation mark that would read as an inch mark after a number (9h"0 → 9:00"0): repairs
# that end in a number are not made before one.
_INCH_AFTER = f"[{''.join(sorted(INCH_MARKS))}]{AFTER_INCH_RE.pattern}"
_OPENING = "([{\"'\u201c\u2018\u00ab\u201e\u2013\u2014-/"


def at_word_start(text: str, i: int) -> bool:
    """Does a word start at i after a space, an opening mark or nothing (¿ ¡ skipped: they go in
    this stage)? Repairs that begin with a capital (No. 5, March 3) are made only there: after
    `ht?` they would make a glued sentence."""
    n = skip_back(text, i, INVERTED_MARKS)
    return n == 0 or text[n - 1].isspace() or text[n - 1] in _OPENING


def _after_numero(text: str, i: int) -> bool:
    """Does a numero sign stand just before position i (nº5: º is a letter to Python)?"""
    return text[i - 2:i] in ("n\u00b0", "n\u00ba", "N\u00b0", "N\u00ba")


def _serving(feature) -> frozenset[str]:
    """The source languages whose profile has a feature."""
    return frozenset(lang for lang in languages() if feature(profile(lang)))


@cache
def number_pattern(language: str) -> str:
    """A number written the source language's way: 1.234,5 / 1 234,5 / 5,2."""
    p = profile(language)
    groups = "".join(re.escape(g) for g in p.groups)
    dec = re.escape(p.decimal)
    return rf"\d(?:\d{{0,2}}(?:[{groups}]\d{{3}})+(?:{dec}\d+)?|\d*{dec}\d{{1,2}}){_NUMBER_END}"


def english_number(token: str, p: Profile, read_as_source: bool = False) -> str | None:
    """The number written the English way, or None when it may already be English (1,500);
    `read_as_source`: the token is known to be written the source's way (it is in the source
    segment of a bilingual file), so 1,500 is the source's 1.5."""
    integer, _, fraction = token.partition(p.decimal)
    grouped = any(g in integer for g in p.groups)
    if p.decimal == "," and not grouped and len(fraction) == 3 and not read_as_source:
        return None  # 1,500 is English thousands as often as a decimal: leave it
    for g in p.groups:
        integer = integer.replace(g, ",")
    return integer + ("." + fraction if fraction else "")


def english_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def roman_to_int(roman: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(roman, roman[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def _number_runs(text: str, ctx) -> list[int]:
    """Where each run of digits starts: the stage's one scan for digits."""
    if "number_runs" not in ctx.memo:
        ctx.memo["number_runs"] = [m.start() for m in _NUMBER_RE.finditer(text)]
    return ctx.memo["number_runs"]


def digit_lines(text: str, ctx) -> list[tuple[int, int]]:
    """The lines that hold a digit, found once per stage: most locale rules need one."""
    if "digit_lines" not in ctx.memo:
        lines: list[tuple[int, int]] = []
        end = -1
        for run in _number_runs(text, ctx):
            if run <= end:
                continue  # on the line already taken
            start = text.rfind("\n", 0, run) + 1
            end = text.find("\n", run)
            end = len(text) if end < 0 else end
            if lines and lines[-1][1] + 3 >= start:
                lines[-1] = (lines[-1][0], end)  # neighbouring lines or paragraphs: one span
            else:
                lines.append((start, end))
        if sum(end - start for start, end in lines) > len(text) // 3:
            lines = [(0, len(text))]  # digits everywhere: one pass is cheaper
        ctx.memo["digit_lines"] = lines
    return ctx.memo["digit_lines"]


_NUMBER_RE = re.compile(r"\d\d*")  # not \d+: a pattern that starts with one class is searched much faster


def number_starts(text: str, ctx) -> list[int]:
    """Where the numbers that start a token begin (not inside 12.5, x2, 3,4), found once per stage."""
    if "number_starts" not in ctx.memo:
        ctx.memo["number_starts"] = [i for i in _number_runs(text, ctx) if starts_token(text, i)]
    return ctx.memo["number_starts"]


class _LocaleRule(Rule):
    """A rule that needs the profile of the source language in force.

    A rule whose every match holds a digit sets `needs_digit`: it then reads only
    the lines that have one, which the stage finds in a single pass.
    """

    needs_digit = True
    follows_via = False
    reads_language = True

    def find(self, text, ctx):
        p = profile(ctx.source_lang) if ctx.source_lang else None
        if p is not None:
            yield from self.find_with(text, p, ctx)

    def finditer(self, pattern: re.Pattern | str, text: str, ctx):
        """pattern.finditer over the text, or over its lines with a digit."""
        pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        if not self.needs_digit:
            yield from pattern.finditer(text)
            return
        for start, end in digit_lines(text, ctx):
            yield from pattern.finditer(text, start, end)

    def at_numbers(self, pattern: re.Pattern | str, text: str, ctx):
        """The matches of a pattern that starts with a digit, tried only where a number starts
        a token: what finditer would find there, without each rule scanning the whole text."""
        pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        end = 0
        for pos in number_starts(text, ctx):
            if pos >= end and (m := pattern.match(text, pos)):
                end = m.end()
                yield m

    def find_with(self, text: str, p: Profile, ctx):
        raise NotImplementedError


class CurrencyPlacement(_LocaleRule):
    """A currency sign after the amount, or spaced from it.

    Fixes: `12 €`, `3,5 £` → `€12`, `£3.5` (the amount written the English way too,
    with the source language's profile); with any source language, or none, an
    amount only English reads one way glued to the sign: `7.25$`, `2,500,000€` →
    `$7.25`, `€2,500,000`; and `$ 100` → `$100`.
    Keeps: `12 euros`, amounts already in English order; without a profile,
    `12 €` and `1.500€` (German 1500 or English 1.5?).
    Example: `a ticket costs 12,50 €` → `a ticket costs €12.50`.
    """

    id = "locale.currency"
    summary = "Currency signs go before the amount, closed up (12 € → €12, $ 100 → $100)"
    message = "Currency sign placed before the amount"
    closed_up = "Space after the currency sign removed"
    # Its matches hold a digit on the sign's line, but signs are rare and found at
    # character-search speed: it need not wait for the stage's scan of every digit.
    needs_digit = False

    def find(self, text, ctx):
        if not any(sign in text for sign in CURRENCY_SIGNS):
            return
        p = profile(ctx.source_lang) if ctx.source_lang else None
        for sign in self.finditer(_SIGN_RE, text, ctx):
            at = sign.start()
            # a sign with an amount after it is in place already (`3$ 100` is no `$3 100`), and one
            # before a per cent sign is not a currency (`1€ %`)
            moved = None if _AMOUNT_AFTER_RE.match(text, sign.end()) else self._amount_before(text, at, p)
            if moved is not None:
                start, english = moved
                yield Edit(start, sign.end(), f"{sign.group()}{english}", self.message, self.safe)
            elif m := _SPACE_THEN_AMOUNT_RE.match(text, sign.end()):  # US$ 100 → US$100
                yield Edit(sign.end(), m.end(), "", self.closed_up, self.safe)

    @staticmethod
    def _amount_before(text: str, at: int, p: Profile | None) -> tuple[int, str] | None:
        """Where the amount before a sign starts and the amount in English, if there is one
        that no other sign claims (`$5$`)."""
        window = max(0, at - 40)
        if p is not None and (m := _amount_before_sign(p.language).search(text, window, at)) \
                and _unsigned_amount(text, m.start(1)):
            amount = m.group(1)
            english = english_number(amount, p) if p.decimal in amount or any(g in amount for g in p.groups) else amount
            if english is not None:
                return m.start(1), english
        m = _ENGLISH_AMOUNT_BEFORE_SIGN_RE.search(text, window, at)
        if m and _unsigned_amount(text, m.start(1)):
            return m.start(1), m.group(1)
        return None


# An amount no language would read otherwise, glued to the sign after it (7.25$, 2,500,000€):
# no 3-digit decimals (1.500 is 1500 in German) and no space (12 € is a profile's habit).
_ENGLISH_AMOUNT_BEFORE_SIGN_RE = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d\d?)?|\d+(?:\.\d\d?)?)\Z")


_SIGN_RE = re.compile(f"[{CURRENCY_SIGNS}](?!\\w)")
# $ 100 (or $ ¡100: the inverted mark goes in this stage), not $ 9th
_SPACE_THEN_AMOUNT_RE = re.compile(f"[ \u00a0\u202f](?=[{INVERTED_MARKS}]*\\d)(?![{INVERTED_MARKS}]*\\d+(?:st|nd|rd|th)\\b)")
_AMOUNT_AFTER_RE = re.compile(r"[ \u00a0\u202f]?[\d%]")


def _unsigned_amount(text: str, start: int) -> bool:
    """Does an amount start a token here, with no currency sign before it (`$ 0£`: the 0 is the dollars')?"""
    before = skip_back(text, start, " \u00a0\u202f")
    return starts_token(text, start) and not (before and text[before - 1] in CURRENCY_SIGNS)


@cache
def _amount_before_sign(language: str) -> re.Pattern:
    """The amount standing just before a currency sign, then the end of the search window."""
    return re.compile(rf"((?:{number_pattern(language)})|\d+)[ \u00a0\u202f]?\Z")


class NumberFormat(_LocaleRule):
    """Decimal commas and thousands separators of the source language.

    Fixes: `5,2` → `5.2`, `3.000` → `3,000` (German, Italian, Spanish,
    Portuguese, Dutch, Turkish), `1 000` with a plain, no-break or narrow no-break space → `1,000`
    (French, Russian, Polish, Czech, Ukrainian), Swiss `3'000` and `3’000` (the group separator
    of the CLDR regions a profile names) → `3,000`.
    Keeps: `1,500` (a comma followed by exactly three digits may be English
    thousands), `2.5`, lists such as `1,2,3`, coordinates `(5,5)`, and commas
    followed by more than two digits (`80,8080`).
    Example: `unemployment rose to 5,2%` → `unemployment rose to 5.2%`.
    """

    id = "locale.number-format"
    summary = "Decimal commas and source thousands separators written the English way"
    message = "Number written the English way"
    languages = _serving(lambda p: p.decimal == ",")

    def find_with(self, text, p, ctx):
        for m in self.at_numbers(number_pattern(p.language), text, ctx):
            if text[m.start() - 1:m.start()] in ("(", "[") and text[m.end():m.end() + 1] in (")", "]"):
                continue  # a pair of coordinates: (5,5)
            english = english_number(m.group(), p)
            if english is not None and english != m.group():
                yield Edit(m.start(), m.end(), english, self.message, self.safe)


class ScaleWord(_LocaleRule):
    """Scale words in the plural or in the source language after a number.

    Fixes: `8 millions households` → `8 million households`, `24 billions` →
    `24 billion`, French `milliard(s)` → `billion`, the source's abbreviations (`Mio.`, `Mrd.`,
    `mln`, `mld`, `млрд`) and the long scale of Spanish, European Portuguese and Polish
    (`1,6 billones` → `1.6 trillion`); the `of` translated from the source's `de` goes with it
    (`50 milliards of euros` → `50 billion euros`). An abbreviation's full stop that also ended
    the sentence stays (`3 Mio. The` → `3 million. The`); one inside a sentence goes, also after an
    abbreviation the profile writes without it (`1,2 mld. korun` → `1.2 billion korun`).
    Keeps: `of` before a determiner or pronoun (`2 millions of the voters` → `2 million of the voters`).
    Example: `a budget of 3 milliards` → `a budget of 3 billion`.
    """

    id = "locale.scale-word"
    summary = "After a number: millions → million, milliard(s), Mrd., mld → billion, billones → trillion"
    message = "Scale word written the English way"
    languages = _serving(lambda p: p.scale_words)

    def find_with(self, text, p, ctx):
        if not any(word in text for word in p.scale_words):
            return
        pattern = _scale_pattern(p.language)
        for m in self.finditer(pattern, text, ctx):
            if not _NUMBER_BEFORE_RE.search(text, max(0, m.start() - 4), m.start()):
                continue
            word, english, end = m.group(1), p.scale_words[m.group(1)], m.end(1)
            if len(word) <= 4 and _ABBREVIATION_DOT_RE.match(text, end):
                end += 1  # the profile's abbreviation written with a full stop inside a sentence: 1,2 mld. korun
            elif word.endswith("."):
                if _SENTENCE_AFTER_RE.match(text, end):
                    english += "."  # the abbreviation's full stop also ended the sentence: 3 Mio. The
                elif spaced := _SPACED_MARK_RE.match(text, end):
                    end = spaced.end()  # 3 mld. , → 3 billion, (the space was the full stop's)
            of = _OF_AFTER_SCALE_RE.match(text, end)
            yield Edit(m.start(1), of.end() if of else end, english, self.message, self.safe)


# after an abbreviation's full stop: the end of the line, or a new sentence (not a currency code: 3 Mio. EUR)
_SENTENCE_AFTER_RE = re.compile(r"[ \t]*(?:\r?\n|\Z)|[ \t]+[A-Z][a-z]")
_SPACED_MARK_RE = re.compile(r"[ \t]+(?=[.,;:!?)\]])")
_ABBREVIATION_DOT_RE = re.compile(r"\.(?= [a-z]|[,;:])")


# `of` after a scale word, from the source's `de` (milliards de dollars), unless what follows is
# counted out of something (2 million of the voters, of them, of which)
_OF_AFTER_SCALE_RE = re.compile(
    r" of(?= (?!(?:the|these|those|this|that|them|it|its|their|his|her|our|your|my|which|whom|whose|us"
    r"|all|each|every|both)\b)[^\W\d_])")
# a number (its currency sign after it too: 1€ millions is €1 million once the sign moves), then a space
_NUMBER_BEFORE_RE = re.compile(f"\\d(?:[ \u00a0\u202f]?[{CURRENCY_SIGNS}])?[ \u00a0\u202f]\\Z")


@cache
def _scale_pattern(language: str) -> re.Pattern:
    words = sorted(profile(language).scale_words, key=len, reverse=True)
    # anchored on the word; the digit and space before it are checked by the rule
    return re.compile("(" + "|".join(map(re.escape, words)) + r")(?!\w)")


class Multiplier(_LocaleRule):
    """Number words that multiply the number before them, left in the source language.

    Fixes: Portuguese and Spanish `mil` (`50 mil` → `50,000`, `2,5 mil` → `2,500`), Italian
    `mila`, Polish `tys.`, Chinese and Japanese `万` and `億`/`亿` (`3万` → `30,000`,
    `120万` → `1.2 million`, `3.5億` → `350 million`): a million or more is written with its
    scale word, a smaller amount in full.
    Keeps: the word before a scale word (`20 mil milhões` is for locale.scale-word: `20 billion`),
    an amount that would not be whole (`1,2345 mil`).
    Example: `some 50 mil people marched` → `some 50,000 people marched`.
    """

    id = "locale.multiplier"
    summary = "Number words that multiply (50 mil, 3万, 3億) become the number (50,000, 30,000, 300 million)"
    message = "Number written the English way"
    languages = _serving(lambda p: p.multipliers)

    def find_with(self, text, p, ctx):
        if not any(word in text for word in p.multipliers):
            return
        for m in self.at_numbers(_multiplier_pattern(p.language), text, ctx):
            number = m.group("number")
            if p.decimal in number or any(g in number for g in p.groups):
                number = english_number(number, p)
            if number is None:
                continue
            english = _times(number.replace(",", ""), p.multipliers[m.group("word")])
            if english is not None:
                yield Edit(m.start(), m.end(), english, self.message, self.safe)


def _times(number: str, multiplier: int) -> str | None:
    """number × multiplier written the English way (30,000; 1.2 million), or None if not whole."""
    value = Decimal(number) * multiplier
    if value != value.to_integral_value():
        return None
    for scale, word in ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million")):
        if value >= scale:
            amount = value / scale
            # 1.25 million, not 1.005 million: three decimals would read as thousands in the source
            if amount == amount.quantize(Decimal("0.01")):
                digits = format(amount.normalize(), "f")
                whole, dot, fraction = digits.partition(".")
                return f"{int(whole):,}{dot}{fraction} {word}"
            break
    return f"{int(value):,}"


@cache
def _multiplier_pattern(language: str) -> re.Pattern:
    """A number, then a multiplying word (glued to it, or after a space), not before a scale word."""
    p = profile(language)
    words = sorted(p.multipliers, key=len, reverse=True)
    # a word of letters ends there; an ideograph may stand before another (3万人), not before a Latin letter
    alternatives = "|".join(re.escape(w) + (r"(?!\w)" if w[-1] < "\u2e80" else "(?![A-Za-z])") for w in words)
    scale = "|".join(map(re.escape, sorted(p.scale_words, key=len, reverse=True)))
    not_scale = rf"(?![ \u00a0](?:{scale})(?!\w))" if scale else ""
    groups = "".join(re.escape(g) for g in p.groups)
    dec = re.escape(p.decimal)
    # a number as number_pattern reads it, which may stand glued to the word (1,200亿)
    number = rf"\d{{1,3}}(?:[{groups}]\d{{3}})+(?:{dec}\d+)?(?!\d)|\d+(?:{dec}\d+)?"
    # not before a sign that would make the number an amount (3万$: 30,000$ is $30,000), nor before
    # a glued sentence (1亿.M: 100 million.M is two sentences)
    return re.compile(rf"(?P<number>{number})[ \u00a0]?(?P<word>{alternatives}){not_scale}"
                      rf"(?![ \u00a0\u202f]?[{AMOUNT_SIGNS}]|[.!?][^\W\d_])")


class CurrencyWord(_LocaleRule):
    """A currency left as the source language's sign or word after the amount.

    Fixes: Chinese and Japanese `55,800元`, `1,200円`, `30美元` → `55,800 yuan`, `1,200 yen`,
    `30 US dollars`; after a multiplying word too (`8亿元`: with locale.multiplier, `800 million yuan`).
    Keeps: the signs where no number stands before them (`元旦`, a name).
    Example: `a season ticket costs 55,800元` → `a season ticket costs 55,800 yuan`.
    """

    id = "locale.currency-word"
    summary = "A currency sign of the source language after the amount (55,800元, 1,200円) becomes its English word"
    message = "Currency written in English"
    languages = _serving(lambda p: p.currency_words)

    def find_with(self, text, p, ctx):
        if not any(word in text for word in p.currency_words):
            return
        for m in self.finditer(_currency_word_pattern(p.language), text, ctx):
            yield Edit(m.start(), m.end(), " " + p.currency_words[m.group("word")], self.message, self.safe)


@cache
def _currency_word_pattern(language: str) -> re.Pattern:
    """A profile's currency word after a digit or a multiplying word (maybe after a space), not glued to a Latin letter."""
    p = profile(language)
    words = "|".join(map(re.escape, sorted(p.currency_words, key=len, reverse=True)))
    multipliers = "".join(re.escape(w) for w in p.multipliers if len(w) == 1)
    return re.compile(rf"(?<=[\d{multipliers}])[ \u00a0]?(?P<word>{words})(?![A-Za-z])")


class DateOrder(_LocaleRule):
    """Dates left in the source language's order or words.

    Fixes: `1er janvier` / `1er January` / `5. October` → `January 1`,
    `October 5`; `5 octobre 2021` → `October 5, 2021` (a month name left
    untranslated); `5 de mayo de 2023`, `1º de janeiro` → `May 5, 2023`,
    `January 1` (Spanish and Portuguese); the article left before a date
    (`for le 5 octobre`, `held le 5 October`) → `for October 5`, `held on October 5`;
    dates in a language's numeric CLDR patterns (`2024年3月5日`, `3月5日`, `2024年3月` →
    `March 5, 2024`, `March 5`, `March 2024`).
    Keeps: `5 October`, which is good British English.
    Example: `on 1er January` → `on January 1`.
    """

    id = "locale.date"
    summary = "Dates with a source month name, a 1er day or 年月日 become Month D[, YYYY]"
    message = "Date written the English way"
    languages = _serving(lambda p: True)

    def find_with(self, text, p, ctx):
        if p.numeric_dates:
            yield from self._numeric(text, p, ctx)
        for m in self.at_numbers(_date_pattern(p.language), text, ctx):
            day, suffix, joined, month, year = m.group("day", "suffix", "joined", "month", "year")
            start, lead = self._article(text, m.start(), p)
            english_month = p.months.get(month.lower())
            if not at_word_start(text, start):
                continue  # km!3 marzo: not km!March 3
            if not suffix and not joined and start == m.start() and (
                    english_month is None or month.lower() in _ENGLISH_MONTHS_LOWER):
                continue  # `5 October`, German `24 November`: already good English
            english_month = english_month or month
            if start == m.start():
                start = _english_article(text, start)
            yield Edit(start, m.end(), f"{lead}{english_month} {int(day)}" + (f", {year}" if year else ""),
                       self.message, self.safe)

    def _numeric(self, text, p, ctx):
        """Dates in CLDR's numeric patterns of the language (2024年3月5日, 3月5日, 2024年3月)."""
        if not any(sign in text for sign in _numeric_signs(p.language)):
            return
        for m in self.at_numbers(_numeric_date_pattern(p.language), text, ctx):
            k = m.lastgroup[1:]  # which pattern matched: its groups are y0, M0, d0..., its last e0
            year, month, day = (m.group(f"{field}{k}") if f"{field}{k}" in m.re.groupindex else None
                                for field in "yMd")
            if month is None or not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
                continue
            if not at_word_start(text, m.start()):
                continue  # ra.¿2024年3月: not ra.¿March 2024
            english = ENGLISH_MONTHS[int(month) - 1]
            if day is not None:
                english += f" {int(day)}" + (f", {year}" if year else "")
            elif year:
                english += f" {year}"
            yield Edit(m.start(), m.end(), english, self.message, self.safe)

    @staticmethod
    def _article(text: str, at: int, p: Profile) -> tuple[int, str]:
        """Where the date's edit starts, and what goes before the month: the source
        language's article before a date (`le 5 octobre`) goes, or becomes `on`."""
        article = p.date_article
        if not article:
            return at, ""
        a = at - len(article) - 1
        if a < 0 or text[a:at].lower() != article + " " or (a and text[a - 1].isalnum()):
            return at, ""
        run = skip_back(text, a, " \u00a0\"\u201c\u00ab")
        if text[a].isupper() and run and text[run - 1] not in ".!?\n":
            return at, ""  # `Le` inside a sentence: part of a name or title
        before = _WORD_BEFORE_RE.search(text, max(0, a - 20), a)
        if before and before.group(1).lower() in _DATE_PREPOSITIONS:
            return a, ""  # for le 5 octobre → for October 5
        return a, "On " if text[a].isupper() else "on "


def _english_article(text: str, at: int) -> int:
    """Where a rewritten date starts: before the English article MT left between a preposition
    and a day-first date (`on the 3. October` → `on October 3`), else at the date."""
    a = at - 4
    if a <= 0 or text[a:at] != "the " or text[a - 1] not in " \u00a0":
        return at
    before = _WORD_BEFORE_RE.search(text, max(0, a - 20), a)
    return a if before and before.group(1).lower() in _DATE_PREPOSITIONS else at


_ENGLISH_MONTHS_LOWER = frozenset(m.lower() for m in ENGLISH_MONTHS)
_WORD_BEFORE_RE = re.compile(r"(\w+)[ \u00a0]+\Z")
_DATE_PREPOSITIONS = frozenset("on for since until till by from before after to of through between and or".split())


@cache
def _date_pattern(language: str) -> re.Pattern:
    p = profile(language)
    months = sorted(set(p.months) | {m.lower() for m in ENGLISH_MONTHS}, key=len, reverse=True)
    # the day's own mark: 1er (French), 1º (Spanish...), 1. (German)
    first = "(?:er|\u00ba|\\.)"
    joiner = f"(?P<joined> {re.escape(p.date_joiner)})?" if p.date_joiner else "(?P<joined>(?!))?"
    year_joiner = f"(?: {re.escape(p.date_joiner)})?" if p.date_joiner else ""
    # not before what would read the day as an amount: 1 janeiro$, 5 octobre,2, 1 janeiro millions
    scale = "".join(f"|[ \u00a0\u202f]{re.escape(w)}\\b" for w in sorted(p.scale_words, key=len, reverse=True))
    return re.compile(
        rf"(?P<day>\d\d?)(?P<suffix>{first})?{joiner} (?P<month>{'|'.join(map(re.escape, months))})\b"
        rf"(?:,?{year_joiner} (?P<year>(?:1[6-9]|20)\d\d)\b)?"
        rf"(?![ \u00a0\u202f]?[{AMOUNT_SIGNS}]|[.,]\d|{_INCH_AFTER}{scale})",
        re.IGNORECASE,
    )


@cache
def _numeric_signs(language: str) -> tuple[str, ...]:
    """The non-ASCII signs of a language's numeric date patterns (年, 月, 日): one must occur."""
    return tuple({ch for pattern in profile(language).numeric_dates for ch in pattern if not ch.isascii()})


@cache
def _numeric_date_pattern(language: str) -> re.Pattern:
    """CLDR's numeric date patterns of a language as one regex, the longest first; the groups
    of pattern k are y{k}, M{k}, d{k}, and the last one, `e{k}`, tells which pattern matched."""
    fields = {"y": r"(?:1[6-9]|20)\d\d", "M": r"\d\d?", "d": r"\d\d?"}
    alternatives = []
    for k, pattern in enumerate(sorted(profile(language).numeric_dates, key=len, reverse=True)):
        parts = []
        for run in re.finditer(r"y+|M+|d+|.", pattern):
            field = run.group()[0]
            parts.append(rf"(?P<{field}{k}>{fields[field]})" if field in fields else re.escape(run.group()))
        alternatives.append("".join(parts) + rf"(?P<e{k}>)")
    # not before what would read the date as an amount (2024年3月£: March 2024£ is £2024)
    return re.compile("(?:" + "|".join(alternatives) + rf")(?!\d|[ \u00a0\u202f]?[{AMOUNT_SIGNS}]|[.,]\d|{_INCH_AFTER})")


class Century(_LocaleRule):
    """Centuries written with Roman numerals and a source suffix.

    Fixes: `XXe siècle` → `20th century`, `XXIe` → `21st`.
    Example: `since the XIXe siècle` → `since the 19th century`.
    """

    needs_digit = False
    id = "locale.century"
    summary = "Roman-numeral centuries (XXe siècle) become 20th century"
    message = "Century written the English way"
    languages = _serving(lambda p: p.century_words)

    _SCREEN = ("Ie", "Ve", "Xe", "Iè", "Vè", "Xè")

    def find_with(self, text, p, ctx):
        if not any(s in text for s in self._SCREEN + p.century_words):
            return
        words = _century_words_re(p.language)
        patterns = [_ROMAN_CENTURY_RE]
        if any(word in text for word in p.century_words):
            patterns.append(_century_word_pattern(p.language))
        for m in (m for pattern in patterns for m in pattern.finditer(text)):
            suffix_start = m.start() + len(m.group()) - len(m.group().lstrip("IVX"))
            numeral = _CENTURY_NUMERAL_RE.search(text, max(0, suffix_start - 6), suffix_start)
            if numeral is None or not starts_token(text, numeral.start()):
                continue
            word = words.match(text, m.end())
            value = numeral.group()
            if not word and (value.isdigit() or len(value) < 2):
                continue  # a bare `2e` is an ordinal (locale.ordinal), a bare `Ve` unclear
            n = int(value) if value.isdigit() else roman_to_int(value)
            yield Edit(numeral.start(), word.end() if word else m.end(),
                       english_ordinal(n) + (" century" if word else ""), self.message, self.safe)


# `XXe`, `XIXème` found from their X (every century since the 10th has one); the
# numeral is then read backwards from the suffix.
_ROMAN_CENTURY_RE = re.compile("X[IVX]*(?:ème|eme|e)(?=[ ,.;])")


@cache
def _century_word_pattern(language: str) -> re.Pattern:
    """The suffix before a century word (`Ve siècle`, `20e siècle`), run only when the word occurs."""
    words = "|".join(map(re.escape, profile(language).century_words))
    return re.compile(rf"(?:ème|eme|e)(?= (?:{words})\b)")


@cache
def _century_words_re(language: str) -> re.Pattern:
    return re.compile(" (?:" + "|".join(map(re.escape, profile(language).century_words)) + r")\b")


_CENTURY_NUMERAL_RE = re.compile(r"(?:[IVXLC]+|\d{1,2})\Z")


class Ordinal(_LocaleRule):
    """Ordinal numbers with the source language's suffix.

    Fixes: `1er`, `2e`, `3ème` (French), `2º`, `2ª` (Spanish, Italian,
    Portuguese), `1ste`, `2de` (Dutch) → `1st`, `2nd`, `3rd`. Keeps: `20°` (degrees).
    Example: `in the 2e round` → `in the 2nd round`.
    """

    id = "locale.ordinal"
    summary = "Source ordinal suffixes (1er, 2e, 3ème, 2º) become 1st, 2nd, 3rd"
    message = "Ordinal written the English way"
    languages = _serving(lambda p: p.ordinal_suffixes)

    def find_with(self, text, p, ctx):
        suffixes = "|".join(map(re.escape, sorted(p.ordinal_suffixes, key=len, reverse=True)))
        for m in self.at_numbers(rf"(\d{{1,4}})(?:{suffixes})(?!\w)", text, ctx):
            yield Edit(m.start(), m.end(), english_ordinal(int(m.group(1))), self.message, self.safe)


class Time(_LocaleRule):
    """Times written the French way, or with the source language's word for the hour after them.

    Fixes: `21h00`, `21h30`, `21 h 30` → `21:00`, `21:30`; `21h` → `21:00` (French);
    `18.30 Uhr`, `18 Uhr` → `18:30`, `18:00` (German), `19.30 uur` (Dutch), `6.00 horas`
    (Spanish) → `19:30`, `6:00`: the profile's time_words.
    Keeps: `4 h` (a duration), `24 h/24`, an hour alone before a word that also counts hours
    (`3 uur`, `6 horas`: three hours, six hours).
    Example: `the launch at 9h45` → `the launch at 9:45`.
    """

    id = "locale.time"
    summary = "French times (21h30, 21 h 30, 21h) and times before the hour's word (18.30 Uhr) become 21:30"
    message = "Time written the English way"
    languages = _serving(lambda p: p.times or p.time_words)
    _TIME_RE = re.compile(f"(\\d\\d?)(?:[ \u00a0\u202f]?h[ \u00a0\u202f]?([0-5]\\d)|h)(?![\\w/:]|{_INCH_AFTER})")

    def find_with(self, text, p, ctx):
        if p.times and "h" in text:
            for m in self.at_numbers(self._TIME_RE, text, ctx):
                if int(m.group(1)) <= 23:
                    yield Edit(m.start(), m.end(), f"{m.group(1)}:{m.group(2) or '00'}", self.message, self.safe)
        if p.time_words and any(word in text for word in p.time_words):
            for m in self.at_numbers(_time_word_pattern(p.language), text, ctx):
                hour, minutes, word = m.group(1, 2, 3)
                if int(hour) <= 24 and (minutes or p.time_words[word]):
                    yield Edit(m.start(), m.end(), f"{hour}:{minutes or '00'}", self.message, self.safe)


@cache
def _time_word_pattern(language: str) -> re.Pattern:
    """An hour, with its minutes after a dot or a colon, before one of the profile's time words."""
    words = "|".join(map(re.escape, sorted(profile(language).time_words, key=len, reverse=True)))
    return re.compile(rf"(\d\d?)(?:[.:]([0-5]\d))?[ \u00a0]({words})\b")


class Honorific(_LocaleRule):
    """Honorifics of the source language before a name.

    Fixes: `M. Macron` → `Mr. Macron`, `Mme`, `Mlle`, `MM.` (French), `Sr.`,
    `Sra.`, `Señor`, `Senhora` (Spanish, Portuguese), `Hr.`, `Fr.`, `Herr`, `Frau` (German),
    `Sig.`, `Signor`, `Dott.` (Italian), `dhr.`, `mevr.` (Dutch), `pan`, `pani` (Polish, Czech).
    Keeps: initials (`M. Night Shyamalan`, `A. M. Kuchling`, `M. C. Escher`), a word after
    a determiner (`the pan Maria used`) and the profile's list of names that start like an
    honorific (`Herr Professor`).
    Flags: an honorific written after the name (Japanese `Okada-san`), which says nothing of
    whether Mr. or Ms. is meant: an editor chooses.
    Example: `said M. Chipenko` → `said Mr. Chipenko`.
    """

    needs_digit = False
    id = "locale.honorific"
    summary = "Source honorifics before a name (M., Mme, Sr., Herr, dhr., pan) become Mr., Mrs., Ms."
    message = "Honorific written the English way"
    languages = _serving(lambda p: p.honorifics or p.honorific_suffixes)

    def find_with(self, text, p, ctx):
        if any(suffix in text for suffix in p.honorific_suffixes):
            for m in honorific_suffix_pattern(p.language).finditer(text):
                yield Finding(m.start(), m.end(), f"{p.name} honorific after a name: Mr. or Ms. {m.group(1)}?",
                              language=p.language)
        if not p.honorifics or not any(key in text for key in p.honorifics):
            return
        for m in _honorific_pattern(p.language).finditer(text):
            if not starts_token(text, m.start()) or any(text.startswith(k, m.start()) for k in p.keep):
                continue
            if _INITIAL_CONTEXT_RE.search(text, max(0, m.start() - 30), m.start()):
                continue  # A. M. Kuchling, David M. Gay: a middle initial
            if _DETERMINER_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
                continue  # the pan Maria used: a word, not an honorific
            if m.group()[0].islower() and not at_word_start(text, m.start()):
                continue  # ed!dhr. Rutte: a capital there would make a glued sentence
            yield Edit(m.start(), m.end(), p.honorifics[m.group()], self.message, self.safe)


# a capitalised first name or an initial just before: the "honorific" is an initial
_INITIAL_CONTEXT_RE = re.compile(r"(?:\b[A-Z]\.|\b[A-Z][a-z]+) \Z")
# a determiner just before: the "honorific" is a noun (a pan, the Herr)
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Yy]our|[Tt]heir|[Ii]ts) \Z")


@cache
def honorific_suffix_pattern(language: str) -> re.Pattern:
    """A capitalised name with one of the profile's honorifics after it (Okada-san, Ayşe Hanım)."""
    suffixes = "|".join(map(re.escape, sorted(profile(language).honorific_suffixes, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])([A-ZÀ-ÖØ-ÞĞİŞ][a-zß-öø-ÿğış]+)(?:{suffixes})(?![\w-])")


@cache
def _honorific_pattern(language: str) -> re.Pattern:
    keys = sorted(profile(language).honorifics, key=len, reverse=True)
    # before a capitalised name that is not itself an initial (M. C. Escher)
    # (¿ ¡ before it go in the same stage; `No. 5` and `March 3` are what this stage writes)
    months = "|".join(ENGLISH_MONTHS)
    return re.compile("(?:" + "|".join(map(re.escape, keys))
                      + f")(?= [{INVERTED_MARKS}]?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])(?! [A-Z]\\.| No\\. | (?:{months}) \\d)")


class Score(_LocaleRule):
    """Sports scores written with a colon, as German, Dutch, Polish, Czech, Russian and
    Ukrainian write them.

    Fixes: `won 2:1`, `(1:0 at half-time)` → `2-1`, `1-0`, with a sport word in the
    same sentence (rules/tables/sport.toml).
    Keeps: times (`at 2:15`, `10:30`), ratios and verses (`a 1:2 ratio`, `John 3:16`), and
    any colon between numbers with no sport word near.
    Example: `Bayern beat Dortmund 2:1 on Saturday` → `Bayern beat Dortmund 2-1 on Saturday`.
    """

    id = "locale.score"
    summary = "Sports scores written with a colon (2:1) become 2-1 in a sport context"
    message = "Score written the English way"
    languages = _serving(lambda p: p.scores)
    _SCORE_RE = re.compile(r"(\d\d?):(\d\d?)(?![\d:]|[.,]\d)")

    def find_with(self, text, p, ctx):
        if not p.scores or ":" not in text:
            return
        sport = _sport_table()
        for m in self.at_numbers(self._SCORE_RE, text, ctx):
            second = m.group(2)
            if len(second) == 2 and int(second) < 60:
                continue  # 10:30 may be a time
            if has_context(text, m.start(), m.end(), sport["words"]) \
                    and not has_context(text, m.start(), m.end(), sport["not_with"]):
                yield Edit(m.start(), m.end(), f"{m.group(1)}-{second}", self.message, self.safe)


@cache
def _sport_table() -> dict[str, tuple[str, ...]]:
    """rules/tables/sport.toml: the words that make 2:1 a score, and those that make it a ratio."""
    return {key: tuple(value) for key, value in table("sport").items()}


class Numero(_LocaleRule):
    """The numero sign.

    Fixes: `n° 5`, `nº 5`, `n° IX` → `No. 5`, `No. IX`.
    Example: `the decree n° 2021-724` → `the decree No. 2021-724`.
    """

    id = "locale.numero"
    summary = "n° 5 becomes No. 5"
    message = "Numero sign written the English way"
    languages = _serving(lambda p: p.numero)
    needs_digit = False  # a Roman numeral may follow (n° IX), or a century this stage writes in digits (n° XXe)
    _NUMERO_RE = re.compile("[\u00b0\u00ba](?<=[nN].)[ \u00a0]?(?=\\d|[IVXLC]+(?:e|\u00e8me|eme)?(?![\\w'\u2019]))")

    def find_with(self, text, p, ctx):
        if "\u00b0" not in text and "\u00ba" not in text:
            return
        for m in self.finditer(self._NUMERO_RE, text, ctx):
            if at_word_start(text, m.start() - 1):
                yield Edit(m.start() - 1, m.end(), "No. ", self.message, self.safe)


class RegnalDot(_LocaleRule):
    """The ordinal full stop after a ruler's regnal number, inside a sentence.

    German and Czech end an ordinal with a full stop (`Karl III.`, `Benedikt XVI.`),
    which machine translation carries over. Fixes: `Charles III. visited` → `Charles III
    visited`, `Benedict XVI., who` → `Benedict XVI, who`. Keeps a stop before a capital
    or a line end (it may end the sentence), before `of` and other marks (older English
    wrote `Louis XVI. of France`, `Lewis XIV.;`), and after the words that number parts of
    a document (`Vol. II. p. 34`, `Part II. deals`).
    Example: `King Charles III. opened the session` → `King Charles III opened the session`.
    """

    id = "locale.regnal-dot"
    summary = "The ordinal full stop after a regnal number (Charles III. visited) is removed inside a sentence"
    message = "Regnal number written without the source language's ordinal full stop"
    languages = _serving(lambda p: p.regnal_dot)
    needs_digit = False
    _RE = re.compile("\\b([A-Z][a-z\u00e0-\u017e]+) (X{0,3}(?:IX|IV|V?I{0,3}))\\.(?=,| (?!of )[a-z])")
    # words before a numeral that numbers a part of a document, not a ruler
    _PARTS = frozenset(("Vol", "Volume", "Part", "Book", "Chapter", "Act", "Scene", "Section", "Article", "Title",
                        "Appendix", "Plate", "Table", "Figure", "Phase", "Stage", "Class", "Grade", "Type", "Level"))

    def find_with(self, text, p, ctx):
        if ". " not in text and ".," not in text and ".;" not in text and ".:" not in text:
            return
        for m in self.finditer(self._RE, text, ctx):
            if m.group(2) and m.group(1) not in self._PARTS:
                yield Edit(m.end() - 1, m.end(), "", self.message, self.safe)


class InvertedMarks(_LocaleRule):
    """Spanish opening question and exclamation marks.

    Example: `he asked: ¿who pays?` → `he asked: who pays?`
    """

    needs_digit = False
    id = "locale.inverted-marks"
    summary = "Spanish ¿ and ¡ are removed"
    message = "Spanish inverted mark removed"
    languages = _serving(lambda p: p.inverted_marks)
    # opening a word, not inside one (from the mark, which the engine finds fast; then not after a word)
    _MARK_RE = re.compile(f"[{INVERTED_MARKS}](?<!\\w[{INVERTED_MARKS}])[{INVERTED_MARKS}]*(?=\\w)")

    def find_with(self, text, p, ctx):
        if not any(mark in text for mark in INVERTED_MARKS):
            return
        for m in self._MARK_RE.finditer(text):
            yield Edit(m.start(), m.end(), "", self.message, self.safe)


RULES = (
    CurrencyPlacement(), CurrencyWord(), DateOrder(), Century(), Multiplier(), NumberFormat(), ScaleWord(), Ordinal(), Time(),
    Score(), Honorific(), Numero(), RegnalDot(), InvertedMarks(),
)
