"""Segments, the units a rule may reason across, and chunks of whole segments.

A document is laid out in paragraphs (separated by blank lines) or, when it is
line-oriented (the output of a translation system, a parallel corpus: many lines,
few blank ones, most of them ending a sentence), in lines. The layout is decided
once, from the head of the document. In a line-oriented document a quotation that
runs on over the next lines (`«He said that` / `it would rain.»`) is one segment
with them; a speaker quoted over several lines with an opening mark on each, the
typographic convention for a quotation of several paragraphs, is not joined.

A long document is fixed in chunks of whole segments, cut only where no rule reads
across: between two lines of text (the first ending a sentence, the next starting
one, no tab in either), outside a code fence and a quotation. Every run cuts a
text at the same places, so a document gives the same result read whole, read
from a stream, or spread over processes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from .chars import LEFT_DOUBLE, LEFT_GUILLEMET, LOW_DOUBLE, RIGHT_DOUBLE, RIGHT_GUILLEMET, mark_direction

PARAGRAPHS = "paragraphs"
LINES = "lines"

HEAD = 65_536  # the layout and the quote style are read from this many characters at the start (as detection is)
CHUNK = 1 << 20  # characters: a chunk is cut at the first place it may be, past this size
MAX_SPAN = 8  # lines a quotation may run on over, in a line-oriented document
MIN_LINES = 8  # fewer lines of text than this: paragraphs
MAX_BLANK_SHARE = 0.1  # of the lines of text: more blank lines than this, paragraphs
MIN_ENDING_SHARE = 0.6  # of the lines of text that end a sentence, for the layout to be lines

PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\r?\n")
_SENTENCE_END_RE = re.compile("[.!?\u2026][\"')\\]\u2019\u201d\u00bb]*\r?\\Z")
_FENCE_RE = re.compile("(?m)^\ufeff*```")
# the double marks whose direction the layout follows (straight quotes say too little)
_MARK_RE = re.compile(f"[{LEFT_DOUBLE}{RIGHT_DOUBLE}{LOW_DOUBLE}{LEFT_GUILLEMET}{RIGHT_GUILLEMET}]")
_OPENERS = frozenset(LEFT_DOUBLE + LOW_DOUBLE + LEFT_GUILLEMET)
_NATURAL = {LEFT_DOUBLE: "open", LOW_DOUBLE: "open", LEFT_GUILLEMET: "open", RIGHT_DOUBLE: "close",
            RIGHT_GUILLEMET: "close"}


_PUNCTUATION = frozenset(".,;:!?…")


def layout_of(head: str) -> str:
    """LINES if the text is line-oriented, else PARAGRAPHS (from the head of a document)."""
    lines = head.split("\n")
    if len(head) >= HEAD:
        lines.pop()  # the last line may be cut short
    text_lines = [line for line in lines if line.strip()]
    if len(text_lines) < MIN_LINES:
        return PARAGRAPHS
    blank = sum(1 for line in lines[:-1] if not line.strip())  # the last is empty after a final line feed
    if blank > len(text_lines) * MAX_BLANK_SHARE:
        return PARAGRAPHS
    ending = sum(1 for line in text_lines if _SENTENCE_END_RE.search(line.rstrip(" \t")))
    return LINES if ending >= len(text_lines) * MIN_ENDING_SHARE else PARAGRAPHS


def breaks(text: str, layout: str) -> list[int]:
    """Where the segments of the text break: the offset of each separator, in order."""
    if layout == PARAGRAPHS:
        return [m.start() for m in PARAGRAPH_BREAK_RE.finditer(text)]
    newlines = [m.start() for m in re.finditer("\n", text)]
    if not _MARK_RE.search(text):
        return newlines
    joined = _joined(text, newlines)
    return [b for k, b in enumerate(newlines) if k not in joined] if joined else newlines


def _joined(text: str, newlines: list[int]) -> set[int]:
    """Indexes (into newlines) of the line breaks inside a quotation that runs on over lines."""
    lines: dict[int, list] = {}  # line index -> [net depth of its marks, does it start with an opening mark]
    for m in _MARK_RE.finditer(text):
        i = m.start()
        line = bisect.bisect_left(newlines, i)
        direction = _facing(text, i)
        if line not in lines:
            lines[line] = [0, direction == "open" and _line_starts_with(text, newlines, line, i)]
        lines[line][0] += 1 if direction == "open" else -1
    joined: set[int] = set()
    for line in sorted(lines):
        depth = lines[line][0]
        if depth <= 0 or line - 1 in joined:
            continue
        for later in range(line + 1, min(line + 1 + MAX_SPAN, len(newlines) + 1)):
            d, opens = lines.get(later, (0, False))
            if opens:
                break  # an opening mark on the next line: the convention for quotations of several paragraphs
            depth += d
            if depth <= 0:
                if depth == 0:
                    joined.update(range(line, later))
                break
    return joined


def _facing(text: str, i: int) -> str:
    """'open' or 'close': the way the mark at i faces, by its neighbours, else by its shape.
    A spaced mark before a comma or a full stop (`the minute »,`) faces as its shape says."""
    direction = mark_direction(text, i)
    if direction == "open" and text[i + 1:i + 2] in _PUNCTUATION:
        direction = None
    return direction or _NATURAL[text[i]]


def _line_starts_with(text: str, newlines: list[int], line: int, i: int) -> bool:
    """Is the mark at i the first thing on its line (after spaces)?"""
    start = newlines[line - 1] + 1 if line else 0
    return not text[start:i].strip()


def split(pieces: Iterable[str], size: int | None = None, longest: int | None = None) -> tuple[str, Iterator[tuple[str, bool]]]:
    """The layout of a document given as pieces of text, and its chunks as (text, is it the last).

    A chunk of paragraphs that finds no place to cut within FALLBACK sizes is cut where
    one of lines would be, else between two lines of text, else at any line start;
    with no line break at all, it grows until `longest` characters and raises LineTooLong.
    """
    size = size or CHUNK
    pieces = _at_most(pieces, size)
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held >= HEAD:
            break
    head = "".join(buffer)
    layout = layout_of(head[:HEAD])
    return layout, _chunks(head, pieces, layout, size, longest)


def _at_most(pieces: Iterable[str], size: int) -> Iterator[str]:
    """The pieces, a long one in slices of `size`: a chunk never copies more than a few sizes."""
    for piece in pieces:
        if len(piece) <= size:
            yield piece
        else:
            yield from (piece[i:i + size] for i in range(0, len(piece), size))


class LineTooLong(ValueError):
    """A line longer than a reader will hold; `line` is its number (from 1)."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line} is longer than a text line can be")
        self.line = line


FALLBACK = 16  # sizes of text with no place to cut: then any line start will do


def _chunks(head: str, pieces: Iterator[str], layout: str, size: int,
            longest: int | None) -> Iterator[tuple[str, bool]]:
    pending, fenced, exhausted, want, lines_before, first = head, False, False, 2 * max(size, HEAD), 0, True
    while True:
        while not exhausted and len(pending) < want:
            piece = next(pieces, None)
            if piece is None:
                exhausted = True
            else:
                pending += piece
        # the first chunk holds the head, from which the document's facts are read
        least = max(size, HEAD) if first else size
        cut = _cut(pending, layout, least, fenced, exhausted)
        if cut is None and len(pending) >= FALLBACK * least:
            cut = (_cut(pending, LINES, least, fenced, exhausted) if layout == PARAGRAPHS else None) \
                or _cut(pending, layout, least, fenced, exhausted, strict=False) or _any_line_start(pending, least)
        if cut is None:
            if exhausted:
                yield pending, True
                return
            if longest is not None and len(pending) > longest and pending.find("\n", size) < 0:
                raise LineTooLong(lines_before + pending.count("\n") + 1)
            want = 2 * len(pending)  # read on: twice as much before looking again
            continue
        chunk, pending, want, first = pending[:cut], pending[cut:], 2 * size, False
        fenced ^= "```" in chunk and len(_FENCE_RE.findall(chunk)) % 2 == 1
        lines_before += chunk.count("\n")
        last = exhausted and not pending
        yield chunk, last
        if last:
            return


def _cut(text: str, layout: str, size: int, fenced: bool, exhausted: bool, strict: bool = True) -> int | None:
    """The first place past `size` where the text may be cut (None: none yet); not `strict`:
    any line start between two lines of text, outside a code fence."""
    if len(text) <= size:
        return None
    # the lines a quotation may run on over must be in view, past a place before it is taken
    last = len(text) if exhausted else _back_lines(text, len(text), MAX_SPAN + 1)
    fences = [m.start() for m in _FENCE_RE.finditer(text, 0, last)] if "```" in text else []
    pos = size
    while True:
        nl = text.find("\n", pos - 1, last)
        if nl < 0 or nl + 1 >= last:
            return None
        p = nl + 1
        fits = _may_cut(text, p, layout) if strict else _between_lines(text, p)
        if fits and (bisect.bisect_left(fences, p) % 2 == 1) == fenced:
            return p
        pos = p + 1


def _any_line_start(text: str, size: int) -> int | None:
    """The first line start past `size`, if any."""
    nl = text.find("\n", size - 1)
    return nl + 1 if 0 <= nl < len(text) - 1 else None


def _quotation_may_run_on(text: str, p: int) -> bool:
    """Might a quotation run on over the line break before p? Only if one of the MAX_SPAN lines
    before it opens more quotations than it closes (the segments of any reading agree then),
    or holds a mark that faces the other way from its shape (`Â«.`, `word ”quoted`): once the
    stages before the quotes one have repaired what stands beside it, it may face its own way."""
    start = _back_lines(text, p, MAX_SPAN + 1)
    window = text[start:p - 1]
    if not _MARK_RE.search(window):
        return False
    for line in window.split("\n"):
        depth = 0
        for m in _MARK_RE.finditer(line):
            facing = _facing(line, m.start())
            if facing != _NATURAL[m.group()] and m.group() != LEFT_DOUBLE:  # (“ closes German „quotes“)
                return True
            depth += 1 if facing == "open" else -1
        if depth > 0:
            return True
    return False


def _between_lines(text: str, p: int) -> bool:
    """Is the line start p between two lines of text (neither blank, nor starting or ending with a space)?"""
    before = text[p - 3:p - 1].rstrip("\r")[-1:]
    return bool(before) and not before.isspace() and not text[p:p + 1].isspace() and p < len(text)


def _back_lines(text: str, end: int, n: int) -> int:
    """Where the n-th line before `end` starts (0 if there are fewer)."""
    for _ in range(n):
        end = text.rfind("\n", 0, end - 1) + 1 if end > 0 else 0
        if end <= 0:
            return 0
    return end


def _may_cut(text: str, p: int, layout: str) -> bool:
    """May the text be cut at p, the start of a line?"""
    line_end = text.find("\n", p)
    line = text[p:line_end if line_end >= 0 else len(text)]
    if not line[:1].isalnum() and line[:1] not in _OPENERS:
        return False  # a line that starts a sentence (or a quotation)
    if layout == PARAGRAPHS:
        # after exactly one blank line, the line before it ending a sentence
        blank_start = text.rfind("\n", 0, p - 1) + 1
        if text[blank_start:p].strip() or blank_start == 0:
            return False
        before_start = text.rfind("\n", 0, blank_start - 1) + 1
        before = text[before_start:blank_start - 1]
    else:
        before = text[text.rfind("\n", 0, p - 1) + 1:p - 1]
        if _quotation_may_run_on(text, p):
            return False
    if "\t" in line or "\t" in before or not before.strip():
        return False
    return _SENTENCE_END_RE.search(before) is not None
