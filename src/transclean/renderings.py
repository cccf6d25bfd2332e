"""Literal English renderings of local titles, as machine translation writes them.

A local title is read word by word with a list of title words per language
(rules/tables/title_words.toml): each word gives the English words a literal
translation writes for it, a name (a capitalised word the list does not know) or a
numeral stays as it is, and a title with any other unknown word gives nothing. The
renderings are the combinations of the words' glosses, with an adjective the source
writes after its noun put before it (`Le Ballon rouge`: `The Red Balloon`), in Title
Case and in the source's own capitals, with and without the leading article, with a
final `of the X` as a possessive (`The Sea's Teeth`), and two words joined by `of` as
a compound (`Piège de cristal`: `Crystal Trap`).

What could be ordinary words, or a title left half in the source language, is left
out: a rendering with fewer than two translated words that are not articles or
prepositions (`Le Parrain`, `Sauvez Willy`), or one inside an English title. A
rendering in the source's own capitals rather than in Title Case (`The Teeth of the sea`,
`The conquest of the West`) is kept apart: it may only apply beside the names tied to
the work (`Spielberg`), as hand-written entries do.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .packs import Entry, Example

TOKEN_RE = re.compile(r"\d+|[^\W\d_]+['’]?|[^\w\s]")
SMALL = frozenset("a an the of in on at to for and or nor but with from by as into over under up".split())
ARTICLES = frozenset(("the", "a", "an"))
ATTACHED = frozenset(",.:;!?…")  # punctuation written against the word before it in English
JOINING = frozenset("-")  # written between two words without spaces
_ROMAN_RE = re.compile(r"[IVXLC]{2,}|[IVX]")  # a numeral (Rocky II) stays as it is
LIMIT = 4  # combinations of glosses tried per title
LONG = 3  # words that are not articles or prepositions: a rendering this long is no ordinary phrase


class Words(NamedTuple):
    """One language's title words: glosses per lower-case word, and the adjectives written after their noun."""

    glosses: Mapping[str, Sequence[str]]
    after_noun: frozenset[str]


class _Token(NamedTuple):
    english: tuple[str, ...]  # the English words it gives (none: dropped; a name gives itself)
    capital: bool  # written with a capital in the source (not counting the first word)
    name: bool
    adjective: bool
    punctuation: bool


def renderings(title: str, words: Words) -> tuple[list[str], list[str]]:
    """(renderings in Title Case, renderings in the source's own capitals) of a local title: in a
    sentence, the second could be ordinary words with a name in them (`The conquest of the West`)."""
    tokens = _read(title, words)
    if tokens is None:
        return [], []
    capitalised: dict[str, None] = {}
    sentence: dict[str, None] = {}
    for choice in itertools.islice(itertools.product(*tokens), LIMIT):
        if _translated_words(choice) < 2:
            continue
        for form, title_case in _variants(_reordered(list(choice))):
            (capitalised if title_case else sentence)[form] = None
    return list(capitalised), [s for s in sentence if s not in capitalised]


def _read(title: str, words: Words) -> list[list[_Token]] | None:
    """Each token of the title with its possible readings; None if a word is neither known nor a name."""
    out: list[list[_Token]] = []
    for k, tok in enumerate(TOKEN_RE.findall(title)):
        if not tok[0].isalpha():
            out.append([_Token((tok,), False, False, False, not tok[0].isdigit())])
            continue
        low = tok.lower().replace("’", "'")
        capital = k > 0 and tok[0].isupper()
        numeral = _ROMAN_RE.fullmatch(tok) and (len(tok) > 1 or k > 0)  # Italian I Griffin: an article
        glosses = None if numeral else words.glosses.get(low)
        if glosses is None:
            if not tok[0].isupper():
                return None
            out.append([_Token((tok,), True, True, False, False)])
            continue
        adjective = low in words.after_noun
        out.append([_Token(tuple(g.split()), capital, False, adjective, False) for g in glosses])
    return out


def _reordered(seq: list[_Token]) -> list[_Token]:
    """An adjective after a noun put before it, as English writes it."""
    out = list(seq)
    for i in range(1, len(out)):
        prev, tok = out[i - 1], out[i]
        if tok.adjective and not (prev.adjective or prev.name or prev.punctuation) and prev.english \
                and prev.english[-1].lower() not in SMALL:
            out[i - 1], out[i] = tok, prev
    return out


def _variants(seq: list[_Token]) -> list[tuple[str, bool]]:
    """(rendering, in Title Case?): Title Case, the source's capitals, without the article, reshaped."""
    words: list[tuple[str, bool, bool]] = []  # (word, capital in the source, name)
    for tok in seq:
        for w in tok.english:
            if w:
                words.append((w, tok.capital, tok.name))
    if not words:
        return []
    forms = [(_title_case(words), True), (_source_case(words), False)]
    if words[0][0].lower() in ARTICLES and len(words) > 1:
        rest = words[1:]
        forms += [(_title_case(rest), True), (_source_case(rest), False)]
    for shape in (_possessive(words), _compound(words)):
        if shape:
            forms.append((_title_case(shape), True))
    return [(_joined(f), title_case) for f, title_case in forms]


def _compound(words: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]] | None:
    """`Trap of Crystal` as `Crystal Trap`: a title of two words joined by a bare `of`."""
    lowered = [w.lower() for w, _, _ in words]
    start = 1 if lowered[0] in ARTICLES else 0
    if len(words) - start != 3 or lowered[start + 1] != "of" or not all(
            w.isalpha() and w.lower() not in SMALL for w, _, _ in (words[start], words[start + 2])):
        return None
    return [*words[:start], words[start + 2], words[start]]


def _possessive(words: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]] | None:
    """`The Teeth of the Sea` as `The Sea's Teeth`: a final `of the X` (X one word) or `of X` (X a name)."""
    lowered = [w.lower() for w, _, _ in words]
    if "of" not in lowered:
        return None
    k = len(lowered) - 1 - lowered[::-1].index("of")
    owner = words[k + 1:]
    article = owner[:1] if owner and lowered[k + 1] == "the" else []
    owner = owner[len(article):]
    head = words[:k]
    if not owner or not head or (len(owner) > 1 or not article) and not all(name for _, _, name in owner) \
            or any(w in ATTACHED or w in JOINING for w, _, _ in owner):
        return None
    if head[0][0].lower() in ARTICLES:
        head = head[1:]
    last, capital, name = owner[-1]
    owner = [*owner[:-1], (last + ("'" if last.endswith("s") else "'s"), capital, name)]
    return [*(article or ([("The", False, False)] if not owner[0][2] else [])), *owner, *head]


def _title_case(words: list[tuple[str, bool, bool]]) -> list[str]:
    out = []
    for i, (w, _, name) in enumerate(words):
        first = i == 0 or (i > 0 and out[-1] in (":", "–", "-"))
        out.append(w if name or w in ATTACHED or (w.lower() in SMALL and not first) else _capital(w))
    return out


def _source_case(words: list[tuple[str, bool, bool]]) -> list[str]:
    return [w if name else (_capital(w) if i == 0 or capital else w) for i, (w, capital, name) in enumerate(words)]


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _joined(words: list[str]) -> str:
    out = ""
    for i, w in enumerate(words):
        if i and not (w in ATTACHED or w in JOINING or out[-1:] in JOINING):
            out += " "
        out += w
    return out


def _long(form: str) -> bool:
    """Has a rendering LONG words that are not articles or prepositions (then it is no ordinary phrase)?"""
    return sum(1 for w in re.findall(r"[^\W\d_]+(?:['’]s)?", form) if w.lower() not in SMALL) >= LONG


def _translated_words(tokens: Sequence[_Token]) -> int:
    """How many words of a reading are translated words that are not articles or prepositions."""
    return sum(1 for t in tokens if not (t.name or t.punctuation) for w in t.english if w and w.lower() not in SMALL)


def words_of(table: Mapping, lang: str) -> Words | None:
    """A language's title words from the table rules/tables/title_words.toml, if it has them."""
    part = table.get(lang)
    if not part:
        return None
    return Words(part.get("words", {}), frozenset(part.get("adjectives", {}).get("words", ())))


def derived(entries: Sequence[Entry], table: Mapping) -> list[Entry]:
    """Entries for the literal renderings of the entries' local titles (their `source`).

    A rendering applies with the context words of the entry it comes from; one in sentence
    case only beside that work's names among them (`The Empire strikes again, said the
    director of the film festival` is no title). Of a work its entry names anywhere (no
    context words), only renderings of LONG words that are not articles or prepositions. Forms an entry writes by hand win, and
    each derived entry's example is its parent's with the rendering in place of the parent's
    form: a rendering no example of its work can show is not derived. A rendering that is
    part of an English title of the pack (`Empire Strikes Back`) is left out.
    """
    taken, titles = written(entries)
    by_title: dict[tuple[str, str, str], list[Entry]] = {}
    for e in entries:
        for lang, title in e.source:
            by_title.setdefault((e.replace, lang, title), []).append(e)
    out: list[Entry] = []
    for (replace, lang, title), parents in by_title.items():
        words = words_of(table, lang)
        if words is None:
            continue
        capitalised, sentence = renderings(title, words)
        names = tuple(dict.fromkeys(w for p in parents for w in p.context if w[:1].isupper()))
        context = parents[0].context
        groups = [([f for f in capitalised if context or _long(f)], context)]
        if names:
            groups.append((sentence, names))
        for forms, words in groups:
            forms = [f for f in forms if f not in taken and f.lower() not in titles]
            if not forms:
                continue
            example = _example(parents, forms[0], words)
            if example is None:
                continue
            taken.update(forms)
            out.append(Entry(replace, tuple(forms), tuple(words),
                             f"{parents[0].note}; rendered word for word from {title}",
                             (example,), (), frozenset({lang}), parents[0].safe))
    return out


def written(entries: Sequence[Entry], more_titles: Iterable[str] = ()) -> tuple[set[str], str]:
    """The wrong forms the entries write, and their right forms (and `more_titles`) in lower case,
    one a line: a rendering among the first is written already, one inside the second would
    repair a right title again."""
    return ({form for e in entries for form in e.find},
            "\n".join({e.replace.lower() for e in entries} | {t.lower() for t in more_titles}))


def _example(parents: Sequence[Entry], form: str, context: Sequence[str]) -> Example | None:
    """A parent's example with `form` in place of the parent's wrong form, where a context word stands."""
    for p in parents:
        for ex in p.examples:
            if context and not any(_word(w).search(ex.before) for w in context):
                continue
            for wrong in sorted(p.find, key=len, reverse=True):
                if _word(wrong).search(ex.before):
                    return Example(_word(wrong).sub(lambda _: form, ex.before, count=1), ex.after)
    return None


def _word(text: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")
