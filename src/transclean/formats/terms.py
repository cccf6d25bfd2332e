"""A bilingual file's source segments as evidence on the names and titles of its targets.

A source segment that holds a form of a pack entry (`Chipenko`, `Londres`, `OTAN`, or a
local title such as `Les Dents de la mer`, the entry's `source`) names that entry for
certain. Its forms left in the target (the source's own spelling copied, or a literal
rendering) are written as the entry says, without the context words the text alone would
need; a target that holds none of them, nor the right form, is flagged (`formats.terms`).

A Russian source names people in Cyrillic: a target word that romanises the same name by
another convention (`Chipenko`, `Schipenko`, `Shipenko` from `Шипенко`), or copies it, is
written as English news writes the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Change, Flag
from ..packs import Pack
from . import placeholders
from .rules import TERMS
from .sources import Pieces, blank, fixed_target, source_prose, target_prose, untouched


class _Knowledge:
    """For one source language: the forms a source may hold, and for each right form its wrong ones."""

    def __init__(self, packs: Sequence[Pack], language: str | None) -> None:
        self.named: dict[str, str] = {}  # a form in a source segment -> the right form it names
        self.local: set[str] = set()  # local titles: ordinary words too, where they start a sentence
        self.wrong: dict[str, set[str]] = {}  # a right form -> the forms of it a target may have copied
        for pack in packs:
            for entry in pack.entries:
                languages = entry.languages or pack.languages
                if language and languages and language not in languages:
                    continue
                local = [form for lang, form in entry.source if not language or lang == language]
                forms = [f for f in (*entry.find, *local) if _named(f) and f != entry.replace]
                for form in forms:
                    self.named.setdefault(form, entry.replace)
                self.local.update(local)
                self.wrong.setdefault(entry.replace, set()).update(forms)
        self.pattern = _pattern(self.named)
        self.wrong_patterns = {right: _pattern(forms) for right, forms in self.wrong.items()}


def _named(form: str) -> bool:
    """May the form name an entry: a capital first (Londres, Челюсти), or a script without
    capitals (大白鲨, ジョーズ, which the pattern finds only between marks: 《大白鲨》)?"""
    first = form[:1]
    return first.isupper() or first.isalpha() and not first.islower()


def _pattern(forms) -> re.Pattern | None:
    if not forms:
        return None
    alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


_KNOWN: dict[tuple, tuple[tuple[Pack, ...], _Knowledge]] = {}


def _knowledge(packs: tuple[Pack, ...], language: str | None) -> _Knowledge:
    """The knowledge of the packs for a language, made once per run (the packs are kept with it)."""
    key = (tuple(map(id, packs)), language)
    if key not in _KNOWN:
        if len(_KNOWN) > 4:
            _KNOWN.clear()
        _KNOWN[key] = packs, _Knowledge(packs, language)
    return _KNOWN[key][1]


_OPENERS = ("«", "“", "„", '"', "'", "‘", "‹", "»", "”", "《", "「", "『", "〈")


def _placed(text: str, m: re.Match) -> bool:
    """Does a local title stand where it cannot be ordinary words: quoted, within a sentence,
    or as the whole segment (`Il processo è iniziato` is not the novel)?"""
    before = text[:m.start()].rstrip()
    if before.endswith(_OPENERS):
        return True
    if not before or before[-1] in ".!?":
        return not text[m.end():].strip(" .!?…")
    return True


def _contains(text: str, form: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


def evidence(doc, applied: Sequence[Change], packs: tuple[Pack, ...],
             language: str | None) -> tuple[list[Change], list[Flag]]:
    """The forms named by a source left in its target, written right (changes at offsets into
    the file, where no applied change touches them), and a flag on each target that lost one."""
    known = _knowledge(packs, language)
    changes: list[Change] = []
    flags: list[Flag] = []
    taken = sorted((c.start, c.end) for c in applied)
    ordered = sorted(applied, key=lambda c: c.start)
    pieces = Pieces(doc)
    for source, start, end, _target in doc.pairs:
        text = source_prose(doc, source)
        if language == "ru":
            changes.extend(_romanised(doc, text, pieces.within(start, end), taken))
        found = known.pattern.finditer(text) if known.pattern else ()
        named = {known.named[m.group()]: m.group() for m in found if m.group() not in known.local or _placed(text, m)}
        if not named:
            continue
        target = target_prose(doc, fixed_target(doc, ordered, start, end))
        if not target.strip():  # not translated yet
            continue
        for right, form in named.items():
            if _contains(target, right):
                continue
            repaired = _repairs(doc, pieces.within(start, end), known.wrong_patterns[right], right, taken)
            if repaired:
                changes.extend(repaired)
            else:
                flags.append(Flag(TERMS, start, end, f"the source names {right} ({form}); the target does not",
                                  suggestion=right))
    return changes, flags


_CYRILLIC_NAME_RE = re.compile(r"(?<!\w)[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?!\w)")
_LATIN_NAME_RE = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-Z][a-z]+)?(?!\w)")


def _romanised(doc, source: str, pieces, taken: list[tuple[int, int]]) -> list[Change]:
    """Target words that spell a Cyrillic name of the source by another convention, or copy it,
    written as English news writes the name."""
    from ..rules.names import SCHEMES, to_english
    english = {to_english(m.group()): m.group() for m in _CYRILLIC_NAME_RE.finditer(source)}
    out = []
    for piece in pieces:
        text = blank(piece.text, [*piece.keep, *placeholders.spans(piece.text)])
        words = [*_CYRILLIC_NAME_RE.finditer(text), *_LATIN_NAME_RE.finditer(text)]
        for m in words:
            word = m.group()
            if word in english:
                continue
            right = to_english(word) if word in english.values() else _reading(word, english, SCHEMES)
            raw = piece.encode(right) if right else None
            rs, re_ = piece.raw(m.start()), piece.raw(m.end())
            if raw is None or not untouched(taken, rs, re_):
                continue
            why = "copies" if word in english.values() else "spells"
            out.append(Change(TERMS, rs, re_, doc.original[rs:re_], raw,
                              f"{word} {why} {english[right]} of the source; English writes {right}", True, True))
    return out


def _reading(word: str, english: dict[str, str], schemes) -> str | None:
    """The English form among `english` that some convention reads `word` as, if any."""
    for lang in schemes:
        done = schemes[lang].convert(word)
        if done and done[0] in english:
            return done[0]
    return None


def _repairs(doc, pieces, wrong: re.Pattern, right: str, taken: list[tuple[int, int]]) -> list[Change]:
    out = []
    for piece in pieces:
        text = blank(piece.text, [*piece.keep, *placeholders.spans(piece.text)])
        for m in wrong.finditer(text):
            raw = piece.encode(right)
            rs, re_ = piece.raw(m.start()), piece.raw(m.end())
            if raw is None or not untouched(taken, rs, re_):
                continue
            out.append(Change(TERMS, rs, re_, doc.original[rs:re_], raw,
                              f"{m.group()} stands for {right}, which the source names", True, True))
    return out
