"""HTML: the text of prose elements; tags, attributes, code, scripts, styles and comments kept.

Read with the standard library's `html.parser` with `convert_charrefs=False`: it reports
every tag, text run, entity and comment where it starts in the file (`getpos`), and hands
text over as written, so each lies at a known span. A unit is the text of one block
(`<p>`, `<li>`, `<h2>`, `<td>`, a run of text in a `<div>`...) with the inline elements in
it (`<a>`, `<em>`, `<span>`...) kept as they are; `<script>`, `<style>`, `<pre>`, `<code>`,
`<kbd>`, `<samp>`, `<textarea>`, `<template>`, `<svg>`, `<math>`, comments and every
element whose `lang` is not English are left alone, whole. Entities are kept as written,
and so is the indentation of the lines of a text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .core import Codec, Document, FormatError, Piece, Unit

INLINE = frozenset("a abbr b bdi bdo br cite data del dfn em font i img ins label mark q s small span strong "
                   "sub sup time u wbr".split())
VERBATIM = frozenset("script style pre code kbd samp var textarea template svg math noscript iframe object".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_ATTRIBUTE_RE = re.compile(r"""(?<=[\s"'])([^\s"'>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def _english(lang: str | None) -> bool:
    return lang is None or lang.strip() == "" or lang.strip().lower().split("-")[0] == "en"


class AttributeValue(Codec):
    """An attribute value as written: new text has `&` and the value's quotation mark escaped
    (None when a bare value would need quoting)."""

    def __init__(self, length: int, quote: str) -> None:
        self.length, self.quote = length, quote

    def offsets(self) -> list[int]:
        return list(range(self.length + 1))

    def encode(self, text: str) -> str | None:
        if not self.quote:
            return None if any(ch.isspace() or ch in "\"'=<>`" for ch in text) else text.replace("&", "&amp;")
        return text.replace("&", "&amp;").replace(self.quote, "&quot;" if self.quote == '"' else "&#39;")


def _attribute_values(tag_text: str, names: frozenset[str]):
    """(start, end, quote) in the tag's text of the values of the named attributes."""
    for m in _ATTRIBUTE_RE.finditer(tag_text):
        if m.group(1).lower() in names:
            for group, quote in ((2, '"'), (3, "'"), (4, "")):
                if m.group(group) is not None:
                    yield m.start(group), m.end(group), quote


class _Reader(HTMLParser):
    def __init__(self, text: str, attributes: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.attributes = attributes
        self.attribute_units: list[tuple[int, int, str]] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.units: list[tuple[list[tuple[int, int]], int, int]] = []  # (kept spans, start, end)
        self.run: list[tuple[int, int, bool]] = []  # the current block's events: (start, end, is text)
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, does it start a region left alone)
        self.skip = 0  # depth of regions left alone
        self.skip_start = 0
        self.elements = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _close_run(self) -> None:
        texts = [(s, e) for s, e, is_text in self.run if is_text and self.text[s:e].strip()]
        if texts:
            start, end = texts[0][0], texts[-1][1]
            kept = [(s, e) for s, e, is_text in self.run if not is_text and s >= start and e <= end]
            self.units.append((kept, start, end))
        self.run = []

    def _markup(self, start: int, end: int, inline: bool) -> None:
        if self.skip:
            return
        if inline:
            self.run.append((start, end, False))
        else:
            self._close_run()

    def handle_starttag(self, tag, attrs):
        start = self._pos()
        end = start + len(self.get_starttag_text() or "")
        self.elements += 1
        lang = dict(attrs).get("lang", dict(attrs).get("xml:lang"))
        leaves_alone = tag in VERBATIM or not _english(lang)
        if self.skip:
            if tag not in VOID:
                self.stack.append((tag, False))
            return
        if leaves_alone and tag not in VOID:
            self.stack.append((tag, True))
            self.skip, self.skip_start = 1, start
            if tag not in INLINE and tag not in ("code", "kbd", "samp", "var"):
                self._close_run()
            return
        self._markup(start, end, tag in INLINE)
        self._attributes_of(start)
        if tag not in VOID:
            self.stack.append((tag, False))

    def _attributes_of(self, start: int) -> None:
        if self.attributes and not self.skip:
            tag_text = self.get_starttag_text() or ""
            self.attribute_units.extend((start + s, start + e, q)
                                        for s, e, q in _attribute_values(tag_text, self.attributes))

    def handle_startendtag(self, tag, attrs):
        start = self._pos()
        self.elements += 1
        lang = dict(attrs).get("lang")
        if tag not in VERBATIM and _english(lang):
            self._attributes_of(start)
        self._markup(start, start + len(self.get_starttag_text() or ""), tag in INLINE)

    def handle_endtag(self, tag):
        start = self._pos()
        close = self.text.find(">", start)
        end = close + 1 if close >= 0 else len(self.text)
        # close the innermost open element of this name (and any left open inside it)
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                closed = self.stack[k:]
                del self.stack[k:]
                break
        else:
            self._markup(start, end, True)  # a stray end tag: kept like an inline tag
            return
        if self.skip:
            if any(region for _, region in closed):
                self.skip = 0
                region_inline = tag in INLINE or tag in ("code", "kbd", "samp", "var")
                if region_inline:
                    self.run.append((self.skip_start, end, False))
                else:
                    self._close_run()
            return
        self._markup(start, end, tag in INLINE)

    def handle_data(self, data):
        if self.skip:
            return
        start = self._pos()
        self.run.append((start, start + len(data), True))

    def _kept_here(self, length_of) -> None:
        if self.skip:
            return
        start = self._pos()
        self.run.append((start, start + length_of(start), False))

    def handle_entityref(self, name):
        self._kept_here(lambda s: _ENTITY_RE.match(self.text, s).end() - s)

    handle_charref = handle_entityref

    def handle_comment(self, data):
        self._kept_here(lambda s: (self.text.find("-->", s) + 3 - s) if self.text.find("-->", s) >= 0 else len(data) + 7)

    def handle_decl(self, decl):
        self._markup(self._pos(), self._pos(), False)

    def handle_pi(self, data):
        self._markup(self._pos(), self._pos(), False)

    def unknown_decl(self, data):
        self._markup(self._pos(), self._pos(), False)


def read(text: str, attributes: tuple[str, ...] = ()) -> Document:
    """The prose of an HTML file; `attributes`: the attributes whose values are prose too (alt, title)."""
    reader = _Reader(text, frozenset(a.lower() for a in attributes))
    try:
        reader.feed(text)
        reader.close()
    except Exception as exc:  # html.parser is lenient; a failure here is a file it cannot read at all
        raise FormatError(f"not HTML that can be read ({exc})") from None
    reader._close_run()
    units: list[Unit] = []
    for kept, start, end in reader.units:
        unit = _lines(text, start, end, kept)
        if unit:
            units.append(unit)
    for start, end, quote in reader.attribute_units:
        value = text[start:end]
        if value.strip():
            keep = [m.span() for m in _ENTITY_RE.finditer(value)]
            units.append([Piece(start, end, value, keep, AttributeValue(end - start, quote))])
    units.sort(key=lambda unit: unit[0].start)
    return Document(text, units, "html", reader.elements)


def _lines(text: str, start: int, end: int, kept: list[tuple[int, int]]) -> Unit:
    """The lines of a block's text as pieces, without their indentation (which would read as code)."""
    unit, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop]
        body = line.strip()
        if body:
            s = pos + len(line) - len(line.lstrip())
            e = s + len(body)
            keep = [(max(a, s) - s, min(b, e) - s) for a, b in kept if a < e and b > s]
            unit.append(Piece(s, e, body, keep))
        pos = stop + 1
    return unit
