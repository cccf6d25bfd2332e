"""The document layer of the formats: prose as pieces of the original file, fixed as one text.

A format's reader yields *units*, the text a rule may reason across (a Markdown paragraph,
a subtitle cue or the cues a quotation runs over, a JSON field, a CSV cell). A unit is a
list of *pieces*: spans of the original file with the text the rules see (the span itself,
or its decoded value for a JSON string or a quoted CSV cell) and the spans inside it that no
rule may edit (inline code, tags, placeholders...).

The pieces of a unit are joined by a line feed, the units by a blank line, and the pipeline
fixes that one text with the joins and every kept span protected (and masked, so that no
rule reads a tag or inline code as prose), so the document's facts (its source language,
its quote style) are decided once for the file, from its prose. Each change is then
mapped back into the original file, piece by piece: an edit inside a piece lands at the
same place in its span (through the decoder's offsets, re-encoded in the original's
escaping); one that would touch a join or a kept span is dropped. Whatever lies outside
the pieces is copied from the original, so the structure of the file comes out
byte-identical by construction.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..decisions import accepted_text
from ..model import Change, Flag, Result
from ..protect import merged_spans
from ..rule import AUTO
from ..rules.glossary import PackRule
from . import placeholders, rules, sources, terms

PIECE_JOIN = "\n"  # between the pieces of a unit (the lines of a paragraph, the cues of a quotation)
UNIT_JOIN = "\n\n"  # between units: a paragraph break, across which no rule reasons


class FormatError(ValueError):
    """A file that does not parse as its format; `line` is where (from 1)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Codec:
    """How a piece's text maps onto its span when it is not the span itself (a decoded value)."""

    def offsets(self) -> list[int]:
        """For each position 0..len(text) of the decoded text, its offset in the raw span."""
        raise NotImplementedError

    def encode(self, text: str) -> str | None:
        """The raw form of new text, in the original's style (None: it cannot be written here)."""
        raise NotImplementedError


@dataclass(slots=True)
class Piece:
    """A span [start, end) of the original file and the text the rules see of it."""

    start: int
    end: int
    text: str
    keep: list[tuple[int, int]] = field(default_factory=list)  # in the piece's text: no rule edits these
    codec: Codec | None = None  # None: the text is the span as written
    _offsets: list[int] | None = None

    def raw(self, pos: int) -> int:
        """The file offset of a position of the piece's text."""
        if self.codec is None:
            return self.start + pos
        if self._offsets is None:
            self._offsets = self.codec.offsets()
        return self.start + self._offsets[pos]

    def encode(self, text: str) -> str | None:
        return text if self.codec is None else self.codec.encode(text)


Unit = list[Piece]


@dataclass(slots=True)
class Document:
    """A file read by a format: its text and the units of its prose, in file order."""

    original: str
    units: list[Unit]
    format: str
    records: int = 0  # what the format's parser counts (cues, lines, rows): the output must have as many
    source_lang: str | None = None  # the source language the file declares (a bilingual file), if any
    # a bilingual file's segments: (source text, start and end of the target in the file, target text)
    pairs: list[tuple[str, int, int, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.original)  # what progress displays measure


@dataclass(slots=True)
class _Joined:
    text: str
    keep: list[tuple[int, int]]
    starts: list[int]  # where each piece starts in the joined text
    pieces: list[Piece]


def joined(units: Sequence[Unit]) -> _Joined:
    """The one text the pipeline fixes, its kept spans, and where each piece lies in it."""
    parts: list[str] = []
    keep: list[tuple[int, int]] = []
    starts: list[int] = []
    pieces: list[Piece] = []
    pos = 0
    for u, unit in enumerate(units):
        for p, piece in enumerate(unit):
            if p or u:
                join = PIECE_JOIN if p else UNIT_JOIN
                parts.append(join)
                keep.append((pos, pos + len(join)))
                pos += len(join)
            starts.append(pos)
            pieces.append(piece)
            text = piece.text
            inline = sorted((s, e) for s, e in [*piece.keep, *placeholders.spans(text)] if s < e)
            keep.extend((pos + s, pos + e) for s, e in [*inline, *_edges(text)] if s < e)
            parts.append(masked(text, inline) if inline else text)
            pos += len(text)
    keep.sort()
    return _Joined("".join(parts), merged_spans(keep), starts, pieces)


MASK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: stands for what the rules must not read
_SHOWN = frozenset("()[]{}\n")


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with its kept spans masked, so that no rule reads them as prose: the quotation
    marks of a tag's attributes or of inline code must not tell the document's quote style, nor a
    tag's name its language. Brackets stay (a quotation mark after `[` opens), and so do line feeds."""
    out, pos = [], 0
    for s, e in spans:
        if s < pos:
            s = pos
        out.append(text[pos:s])
        out.append("".join(ch if ch in _SHOWN else MASK for ch in text[s:e]))
        pos = max(pos, e)
    out.append(text[pos:])
    return "".join(out)


def _edges(text: str) -> list[tuple[int, int]]:
    """The white space at the edges of a piece: part of the value (a cell's padding), not prose."""
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return [(0, lead), (trail, len(text))] if lead or trail < len(text) else []


def fix_document(pipeline, doc: Document, progress: Callable[[str, int, int], None] | None = None) -> Result:
    """Fix the prose of a document; the result's changes and flags are at offsets into the file."""
    j = joined(doc.units)
    # a bilingual file that does not declare its source language (PO): its source segments tell it
    declared = doc.source_lang or (_source_language(doc) if doc.pairs else None)
    pipeline = _declared(pipeline, declared)
    inner = pipeline.fix(j.text, progress, keep=j.keep) if j.text.strip() else None
    changes: list[Change] = []
    flags: list[Flag] = []
    if inner is not None:
        kept = _Kept(j, doc.original)
        mapped = [(c, kept.change(c)) for c in inner.changes]
        # in file order: a piece may lie inside a span another keeps (an HTML attribute in a tag of a paragraph)
        changes = sorted((c for _, c in mapped if isinstance(c, Change)),
                         key=lambda c: (c.start, c.end, not c.applied))
        changes = _disjoint(changes)
        flags = [f for f in map(kept.flag, inner.flags) if f is not None]
        if _runs(pipeline, rules.HELD):
            flags.extend(kept.held(c, why) for c, why in mapped if isinstance(why, str) and c.applied)
    if doc.pairs:
        changes, evidence = _bilingual(pipeline, doc, changes, inner, declared)
        flags.extend(evidence)
    flags.sort(key=lambda f: (f.start, f.end))
    if inner is None and not changes:
        return Result(doc.original, doc.original, flags=tuple(flags))
    text = accepted_text(doc.original, [c for c in changes if c.applied])
    return Result(doc.original, text, tuple(changes), tuple(flags),
                  inner.source_lang if inner else None, inner.detections if inner else ())


def _source_language(doc: Document) -> str | None:
    """The language of a bilingual file's source segments, when the file does not declare it (PO)."""
    from ..detect import detect
    return detect("\n".join(source for source, *_ in doc.pairs)).language


def _runs(pipeline, rule_id: str) -> bool:
    """Is a rule of the formats among those the run has (--select, --ignore)?"""
    return any(r.id == rule_id for r in pipeline.rules)


def _bilingual(pipeline, doc: Document, changes: list[Change], inner, declared: str | None) -> tuple[list[Change], list[Flag]]:
    """A bilingual file's targets read beside their sources: the numbers, names and titles copied
    as written in the source repaired, and those the target lost, and its placeholders, flagged."""
    flags: list[Flag] = []
    language = declared or (None if pipeline.source_lang == AUTO else pipeline.source_lang) \
        or (inner.source_lang if inner is not None else None)
    if _runs(pipeline, rules.NUMBERS):
        more = sources.repairs(doc, [c for c in changes if c.applied], language)
        changes = _with(changes, more)
        flags.extend(sources.lost(doc, [c for c in changes if c.applied]))
    if _runs(pipeline, rules.TERMS):
        packs = tuple(r.pack for r in pipeline.rules if isinstance(r, PackRule))
        more, lost = terms.evidence(doc, [c for c in changes if c.applied], packs, language)
        changes = _with(changes, more)
        flags.extend(lost)
    if _runs(pipeline, rules.PLACEHOLDERS):
        flags.extend(placeholders.missing(doc.pairs))
    return changes, flags


def _with(changes: list[Change], more: list[Change]) -> list[Change]:
    """The changes with more of them, in file order; a held-back fix that one of them makes is dropped."""
    if not more:
        return changes
    made = {(c.start, c.end, c.after) for c in more}
    kept = [c for c in changes if c.applied or (c.start, c.end, c.after) not in made]
    return sorted([*kept, *more], key=lambda c: (c.start, c.end, not c.applied))


def _disjoint(changes: list[Change]) -> list[Change]:
    """The sorted changes without an applied one that overlaps an applied one before it (none should)."""
    out, last = [], (-1, -1)
    for c in changes:
        if c.applied:
            if c.start < last[1] or (c.start == c.end == last[0] == last[1]):
                continue
            last = (c.start, c.end)
        out.append(c)
    return out


_DECLARED: dict[tuple[int, str], tuple[Any, Any]] = {}


def _declared(pipeline, language: str | None):
    """The pipeline for a file that declares its source language: with that language when the
    run would otherwise guess it (auto mode) and its rules know the language; else as it is."""
    from ..langid import NAMES
    from ..rule import AUTO
    if not language or pipeline.source_lang != AUTO or (language not in NAMES and language != "en"):
        return pipeline
    key = (id(pipeline), language)
    # the pipeline is kept with its declared one: a pipeline made later cannot take its id
    if key not in _DECLARED or _DECLARED[key][0] is not pipeline:
        _DECLARED.clear()  # one run, one pipeline: keep no others alive
        _DECLARED[key] = pipeline, type(pipeline)(**{**pipeline.settings, "source_lang": language})
    return _DECLARED[key][1]


class _Kept:
    """Maps the changes and flags on the joined text back into the file."""

    def __init__(self, j: _Joined, original: str) -> None:
        self.j, self.original = j, original
        self.keep_starts = [s for s, _ in j.keep]
        self.keep_ends = [e for _, e in j.keep]

    def _piece(self, start: int, end: int) -> int | None:
        """The index of the piece holding [start, end) of the joined text (None: it reaches a join)."""
        i = bisect.bisect_right(self.j.starts, start) - 1
        if i < 0:
            return None
        return i if end <= self.j.starts[i] + len(self.j.pieces[i].text) else None

    def _touches_kept(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.keep_starts, max(start, end - 1)) - 1
        if k < 0:
            return False
        s, e = self.keep_starts[k], self.keep_ends[k]
        return s < start < e if start == end else start < e and s < end

    def change(self, c: Change) -> Change | str:
        """The change at offsets into the file, re-encoded; or why the structure could not take it."""
        why = "it would reach across the structure between two pieces of prose"
        for start, end, after in ((c.start, c.end, c.after), _narrowed(c.start, c.end, c.before, c.after)):
            if self._touches_kept(start, end):
                # a rule that may edit protected text (encoding repair) reached into the structure
                why = "it would edit a kept span (markup, code or a placeholder)"
                continue
            i = self._piece(start, end)
            if i is None:
                why = "it would reach across the structure between two pieces of prose"
                continue
            if MASK in after:
                return "it would copy kept structure into the prose"
            piece, base = self.j.pieces[i], self.j.starts[i]
            raw = piece.encode(after)
            if raw is None:
                return "a value here cannot hold it as written"  # a delimiter in a bare CSV cell
            rs, re_ = piece.raw(start - base), piece.raw(end - base)
            return c._replace(start=rs, end=re_, before=self.original[rs:re_], after=raw)
        return why

    def held(self, c: Change, why: str) -> Flag:
        """A flag at the place of a change that was left out, naming its rule and why."""
        i = max(0, bisect.bisect_right(self.j.starts, c.start) - 1)
        piece = self.j.pieces[i]
        at = piece.raw(min(max(0, c.start - self.j.starts[i]), len(piece.text)))
        k = max(0, bisect.bisect_right(self.j.starts, c.end) - 1)
        last = self.j.pieces[k]
        end = last.raw(min(max(0, c.end - self.j.starts[k]), len(last.text)))
        before = c.before.replace(MASK, "…")
        return Flag(rules.HELD, at, max(at, end),
                    f"Not applied: {c.rule} would change {before!r} to {c.after.replace(MASK, '…')!r} ({why})")

    def flag(self, f: Flag) -> Flag | None:
        i, k = self._piece(f.start, f.start), self._piece(f.end, f.end)
        if i is None or k is None:
            return None
        start = self.j.pieces[i].raw(f.start - self.j.starts[i])
        end = self.j.pieces[k].raw(f.end - self.j.starts[k])
        return f._replace(start=start, end=max(start, end))


def _narrowed(start: int, end: int, before: str, after: str) -> tuple[int, int, str]:
    """The change without what its before and after have in common at their edges."""
    n = 0
    while n < len(before) and n < len(after) and before[n] == after[n]:
        n += 1
    m = 0
    while m < len(before) - n and m < len(after) - n and before[-1 - m] == after[-1 - m]:
        m += 1
    return start + n, end - m, after[n:len(after) - m]
