"""Entries of the titles pack from its table of works (rules/tables/title_works.toml).

A work is stored once: its English title, its kind, its year, the names tied to it and,
per source language, its local title with the literal English renderings machine
translation writes for it. Each work gives an entry per set of languages that share a
rendering, in Title Case and without the leading article, beside the kind's words or the
work's names; and, for a source written in the Latin alphabet, the same renderings in the
source's capitals (`The Journey of Chihiro`), beside the work's names only, as a sentence
could say those words. A rendering two works share in a language, one a hand-written entry
of the pack already has, or one inside an English title of the pack is left out: it would
repair the wrong work, or repair a right title again. Each entry's example says the work's
own sentence and its keep the rendering alone, so that a rendering the pack's guards would
refuse, or one that applies without its context, fails its test.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .packs import Entry, Example, PackError
from .renderings import ARTICLES, SMALL, written

KEYS = {"title", "kind", "year", "names", "note"}
TABLE = "table of works"  # in each entry's note, so a change says where its work came from
CASELESS = frozenset({"zh", "ja"})  # sources with no capitals to follow
_WORD_RE = re.compile(r"[^\W_][\w'’-]*")  # a word or a number


def work_entries(table: Mapping[str, Any], entries: Sequence[Entry], path: str) -> list[Entry]:
    """The entries of every work in the table; PackError naming the work and key when one is malformed."""
    kinds = table.get("kinds", {})
    works = [_work(raw, kinds, path, n) for n, raw in enumerate(table.get("work", []), 1)]
    taken, titles = written(entries, (w["title"] for w in works))
    owners: dict[tuple[str, str], set[str]] = {}
    for w in works:
        for lang, (_, forms) in w["local"].items():
            for form in _title_case(forms):
                owners.setdefault((lang, form.lower()), set()).add(w["title"])

    def usable(lang: str, form: str) -> bool:
        return (form not in taken and form.lower() not in titles
                and len(owners.get((lang, form.lower()), ())) < 2)

    anywhere = {_words(form) for e in entries if not e.context for form in e.find}
    proper = frozenset(table.get("proper", ()))
    out: list[Entry] = []
    for w in works:
        out += _entries(w, kinds[w["kind"]], usable, anywhere, proper)
    return out


def _work(raw: Any, kinds: Mapping[str, Sequence[str]], path: str, n: int) -> dict[str, Any]:
    where = f"{path}: work {n}"
    if not isinstance(raw, dict) or not isinstance(raw.get("title"), str) or not raw["title"]:
        raise PackError(f"{where}: needs a 'title'")
    where += f" ({raw['title']})"
    if raw.get("kind") not in kinds:
        raise PackError(f"{where}: 'kind' must be one of {', '.join(sorted(kinds))}")
    names = raw.get("names", [])
    if not isinstance(names, list) or not names or not all(isinstance(x, str) and x for x in names):
        raise PackError(f"{where}: 'names' must be a list of non-empty strings")
    if not isinstance(raw.get("year"), int) or not isinstance(raw.get("note"), str):
        raise PackError(f"{where}: needs an integer 'year' and a string 'note'")
    local = {}
    for lang, value in raw.items():
        if lang in KEYS:
            continue
        if (not isinstance(value, dict) or not isinstance(value.get("local"), str)
                or not isinstance(value.get("literal"), list) or set(value) != {"local", "literal"}
                or not all(isinstance(x, str) and x for x in value["literal"])):
            raise PackError(f"{where}: '{lang}' must be {{ local = \"...\", literal = [\"...\"] }}")
        local[lang] = (value["local"], tuple(value["literal"]))
    return {**raw, "names": tuple(names), "local": local}


def _title_case(forms: Sequence[str]) -> list[str]:
    """The renderings as written and without their leading article, where two words that are
    not articles or prepositions remain (`The Enchanted City`: `Enchanted City`)."""
    out = list(forms)
    for form in forms:
        first, _, rest = form.partition(" ")
        if first.lower() in ARTICLES and sum(1 for w in _WORD_RE.findall(rest) if w.lower() not in SMALL) >= 2:
            out.append(rest)
    return list(dict.fromkeys(out))


def _sentence_case(form: str, kept: frozenset[str]) -> str:
    """A rendering in the source's capitals: words after the first in lower case, but for the
    names the local title or the work's names write with a capital, and the words English
    capitalises wherever they stand (the table's `proper`: American, Christmas)."""
    words = form.split(" ")
    return " ".join([words[0]] + [w if _bare(w) in kept else w[:1].lower() + w[1:] for w in words[1:]])


def _bare(word: str) -> str:
    return re.sub(r"['’]s$|[^\w'’-]+", "", word)


def _names(names: Sequence[str]) -> tuple[str, ...]:
    """The work's names and the surnames among them (`Hayao Miyazaki`: `Miyazaki`)."""
    last = (n.split()[-1] for n in names if " " in n)
    return tuple(dict.fromkeys([*names, *(s for s in last if len(s) > 3 and s.lower() not in SMALL)]))


def _words(form: str) -> str:
    return " ".join(_WORD_RE.findall(form))


def _holds(form: str, forms: set[str]) -> bool:
    """Does the rendering hold one of the forms (their words, as _words gives them) as a run of
    its words (My Favorite Villain 2, SOS Ghosts: The Legacy)?"""
    words = _WORD_RE.findall(form)
    return any(" ".join(words[i:j]) in forms for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def _entries(w: Mapping[str, Any], kind_words: Sequence[str], usable, anywhere: set[str],
             proper: frozenset[str]) -> list[Entry]:
    title, kind, names = w["title"], w["kind"], _names(w["names"])
    by_form: dict[tuple[str, bool], set[str]] = {}  # (form, in the source's capitals) -> languages
    for lang, (local, forms) in w["local"].items():
        kept = proper | {_bare(x) for x in _WORD_RE.findall(local + " " + " ".join(w["names"])) if x[:1].isupper()}
        for form in _title_case(forms):
            if usable(lang, form):
                by_form.setdefault((form, False), set()).add(lang)
            if lang not in CASELESS:
                sentence = _sentence_case(form, kept)
                if sentence != form and usable(lang, sentence):
                    by_form.setdefault((sentence, True), set()).add(lang)
    groups: dict[tuple[frozenset[str], bool], list[str]] = {}
    for (form, sentence), langs in by_form.items():
        groups.setdefault((frozenset(langs), sentence), []).append(form)
    # a keep says the rendering alone, unless it holds the work's own names or kind words (Percy
    # Jackson and the Olympian Gods: The Thunder Thief), or a form the pack repairs anywhere
    own = {_words(word).lower() for word in (*kind_words, *names)}
    out = []
    for (langs, sentence), forms in groups.items():
        source = tuple((lang, w["local"][lang][0]) for lang in sorted(langs))
        note = f"{w['year']} {kind}, {TABLE}: " + "; ".join(f"{lang} {local}" for lang, local in source)
        by, said = f"{w['names'][0]}'s ", f" is showing again, the {kind}."
        keep = () if _holds(forms[0], anywhere) or _holds(forms[0].lower(), own) else (
            f"{forms[0]}: that is what the headline said on Monday.",)
        out.append(Entry(title, tuple(forms), names if sentence else (*kind_words, *names), note,
                         (Example(by + forms[0] + said, by + title + said),), keep, langs, True, (), source))
    return out
