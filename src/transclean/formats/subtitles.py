"""SubRip (.srt) and WebVTT (.vtt): the cue text is prose, everything else is kept.

SRT is read with the grammar of the `srt` package (its SRT_REGEX, whose content group
gives each cue's text where it lies in the file; `srt.parse` vets the whole file first).
WebVTT is cut into blocks at blank lines as the WebVTT parsing rules say, and each block
is told apart with webvtt-py's own validators (a cue, a NOTE, STYLE or REGION block, the
header); `webvtt.from_string(strict=True)` vets the file first. In cue text, tags (`<i>`,
`<v Name>`, `<c.yellow>`, `<00:01.500>`), entities and SSA overrides (`{\\an8}`) are kept.

A quotation that runs on over the next cues (`“He said that` / `it would rain.”`) makes
one unit of them, as it does of lines in a line-oriented text (segments.py).
"""

from __future__ import annotations

import re

from .. import segments
from .core import Document, FormatError, Piece, Unit

_TAG_RE = re.compile(r"</?[A-Za-z0-9.:_ -]*[^<>\n]*>|<\d[\d:.]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|\{\\[^{}\n]*\}")
MAX_CUES = 8  # cues a quotation may run on over


def read(text: str, fmt: str) -> Document:
    cues = _srt_cues(text) if fmt == "srt" else _vtt_cues(text)
    return Document(text, _units(text, cues), fmt, len(cues))


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _srt_cues(text: str) -> list[list[tuple[int, int]]]:
    """The lines of each cue's text, as spans of the file."""
    import srt
    try:
        count = sum(1 for _ in srt.parse(text))
    except srt.SRTParseError as exc:
        start = exc.expected_start + len(exc.unmatched_content) - len(exc.unmatched_content.lstrip())
        raise FormatError("not a SubRip cue (a number, then a timing line `00:00:01,000 --> 00:00:02,000`)",
                          _line_of(text, start)) from None
    except ValueError as exc:
        raise FormatError(f"not valid SubRip ({exc})") from None
    cues = [_lines(text, *m.span(5)) for m in srt.SRT_REGEX.finditer(text)]
    for cue in cues:  # srt takes a block with no timing for more lines of the cue before it
        for (s1, e1), (s2, e2) in zip(cue, cue[1:]):
            if s1 == e1 and text[s2:e2].strip().isdigit():
                raise FormatError("a cue without a timing line (`00:00:01,000 --> 00:00:02,000`)",
                                  _line_of(text, s2))
    if len(cues) != count:
        raise FormatError("the cues could not be located")
    return cues


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of text[start:end] as spans (line ends left out)."""
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        out.append((pos, line_end))
        pos = stop + 1
    return out


def _vtt_cues(text: str) -> list[list[tuple[int, int]]]:
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError
    from webvtt.vtt import WebVTTCueBlock
    try:
        captions = webvtt.from_string(text.lstrip("\ufeff"), strict=True).captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise FormatError(f"not valid WebVTT ({exc})", _bad_vtt_line(text)) from None
    cues = []
    for block in _blocks(text):
        lines = [text[s:e] for s, e in block]
        if not cues and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
            continue  # the header
        if WebVTTCueBlock.is_valid(lines):
            timing = next(k for k, line in enumerate(lines) if "-->" in line)
            cues.append(block[timing + 1:])
        elif lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue  # comments, style sheets, regions: not prose
        elif "-->" not in "".join(lines):
            raise FormatError("a cue without a timing line (`00:00:01.000 --> 00:00:02.000`)",
                              _line_of(text, block[0][0]))
        else:
            raise FormatError("not a WebVTT cue", _line_of(text, block[0][0]))
    if len(cues) != len(captions):
        raise FormatError(f"{len(captions)} cues parsed but {len(cues)} located")
    return cues


def _bad_vtt_line(text: str) -> int | None:
    """The first line of a block that has an arrow but no valid timing (for the error message)."""
    from webvtt.vtt import WebVTTCueBlock
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        return 1
    for block in _blocks(text):
        lines = [text[s:e] for s, e in block]
        if "-->" in "".join(lines) and not WebVTTCueBlock.is_valid(lines, strict=True):
            return _line_of(text, block[0][0])
    return None


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """The blocks of a WebVTT file (lines as spans), cut at empty lines."""
    blocks, block = [], []
    for span in _lines(text, 0, len(text)):
        if span[0] == span[1]:
            if block:
                blocks.append(block)
                block = []
        else:
            block.append(span)
    if block:
        blocks.append(block)
    return blocks


def _pieces(text: str, cue: list[tuple[int, int]]) -> list[Piece]:
    pieces = []
    for s, e in cue:
        line = text[s:e]
        if line.strip():
            keep = [m.span() for m in _TAG_RE.finditer(line)] if ("<" in line or "&" in line or "{" in line) else []
            pieces.append(Piece(s, e, line, keep))
    return pieces


def _units(text: str, cues: list[list[tuple[int, int]]]) -> list[Unit]:
    """One unit per cue, or per run of cues a quotation spans."""
    cue_pieces = [_pieces(text, cue) for cue in cues]
    flat = [" ".join(_untagged(p) for p in pieces) for pieces in cue_pieces]
    together = _runs_on(flat)
    units: list[Unit] = []
    for k, pieces in enumerate(cue_pieces):
        if not pieces:
            continue
        if k and together[k - 1] and units:
            units[-1].extend(pieces)
        else:
            units.append(list(pieces))
    return units


def _untagged(piece: Piece) -> str:
    """A cue line without its tags, as a reader sees it (`{\\an8}« He` opens a quotation)."""
    out, pos = [], 0
    for start, end in piece.keep:
        out.append(piece.text[pos:start])
        pos = end
    out.append(piece.text[pos:])
    return "".join(out)


def _runs_on(cues: list[str]) -> list[bool]:
    """For each cue, does a quotation open in it run on into the next?"""
    joined = "\n".join(c.replace("\n", " ") for c in cues)
    breaks = set(segments.breaks(joined, segments.LINES))
    newlines = [m.start() for m in re.finditer("\n", joined)]
    together = [nl not in breaks for nl in newlines] + [False]
    # straight quotes: a cue with an odd number of them opens one that a later cue closes
    k = 0
    while k < len(cues):
        if cues[k].count('"') % 2 == 1:
            for later in range(k + 1, min(k + 1 + MAX_CUES, len(cues))):
                if cues[later].count('"') % 2 == 1:
                    for i in range(k, later):
                        together[i] = True
                    k = later
                    break
        k += 1
    return together
