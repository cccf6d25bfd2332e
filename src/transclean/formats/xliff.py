"""XLIFF 1.2 and 2.x: the `<target>` segments are prose; everything else is kept.

lxml (libxml2) vets the file — broken XML is an error naming its line — and counts its
units; since it gives no offsets, a tokenizer of XML's own lexical rules (tags, comments,
CDATA sections, processing instructions, entity references, text) places each `<target>`
in the file, and its element count must equal lxml's. Inside a target, inline markup is
kept: `<g>`, `<x/>`, `<bx/>`, `<ex/>`, `<mrk>`, `<pc>`, `<sc/>`, `<ec/>` as tags, and
`<ph>`, `<bpt>`, `<ept>`, `<it>`, `<sub>` whole, content included (it is the document's
native code). `<source>`, notes, attributes and the indentation of lines are kept. The file's
`source-language` (`srcLang`) is the source language of its prose; a file whose target
language is not English has nothing repaired.
"""

from __future__ import annotations

import re

from .core import Codec, Document, FormatError, Unit
from .html import _lines

_TOKEN_RE = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|</(?P<end>[\w:.-]+)\s*>"
    r"|<(?P<start>[\w:.-]+)(?P<attrs>(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>"
    r"|&(?:#[0-9]+|#x[0-9a-fA-F]+|[\w.-]+);"
    r"|[^<&]+",
    re.S,
)
_ATTR_RE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_DECLARED_ENCODING_RE = re.compile(r"""\A(<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")
CODE = frozenset({"ph", "bpt", "ept", "it", "sub"})  # inline elements whose content is native code


class XmlText(Codec):
    """Text as written between tags: new text has its `&` and `<` escaped."""

    def __init__(self, length: int) -> None:
        self.length = length

    def offsets(self) -> list[int]:
        return list(range(self.length + 1))

    def encode(self, text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _attrs(raw: str) -> dict[str, str]:
    return {_local(m.group(1)) if m.group(1) != "xml:lang" else "xml:lang": m.group(2) if m.group(2) is not None
            else m.group(3) for m in _ATTR_RE.finditer(raw or "")}


def _english(lang: str | None) -> bool:
    return not lang or lang.strip().lower().split("-")[0].split("_")[0] == "en"


def read(text: str) -> Document:
    targets_in_tree, units_in_tree = _vet(text)
    units: list[Unit] = []
    source_lang: str | None = None
    target_english = True
    depth_in_target = 0  # > 0 inside a <target>
    code_depth = 0  # > 0 inside a <ph>, <bpt>... of a target
    run: list[tuple[int, int, bool]] = []
    code_start = 0
    targets = 0
    pos = 0
    pairs: list[tuple[str, int, int, str]] = []
    source_depth, source_start, last_source, target_start = 0, 0, "", 0
    for m in _TOKEN_RE.finditer(text):
        if m.start() != pos:
            raise FormatError("not XML the reader can follow", text.count("\n", 0, pos) + 1)
        pos = m.end()
        start, end = m.span()
        name = m.group("start")
        if name is not None:
            local, attrs = _local(name), _attrs(m.group("attrs"))
            if local in ("file", "xliff"):
                lang = attrs.get("source-language") or attrs.get("srcLang")
                source_lang = source_lang or (lang.lower().split("-")[0] if lang else None)
                target_lang = attrs.get("target-language") or attrs.get("trgLang")
                if target_lang is not None:
                    target_english = _english(target_lang)
            if source_depth:
                source_depth += 0 if m.group("empty") else 1
                continue
            if local == "source" and not depth_in_target and not m.group("empty"):
                source_depth, source_start = 1, end
                continue
            if local in ("trans-unit", "segment"):
                last_source = ""
            if depth_in_target:
                if code_depth:
                    code_depth += 0 if m.group("empty") else 1
                elif local in CODE and not m.group("empty"):
                    code_depth, code_start = 1, start
                else:
                    run.append((start, end, False))
                if not m.group("empty"):
                    depth_in_target += 1
            elif local == "target" and not m.group("empty"):
                targets += 1
                depth_in_target, run, target_start = 1, [], end
                if not _english(attrs.get("xml:lang")) and attrs.get("xml:lang") is not None:
                    depth_in_target = -1  # a target in another language: left alone
            continue
        closing = m.group("end")
        if closing is not None and source_depth:
            source_depth -= 1
            if source_depth == 0:
                last_source = text[source_start:start]
            continue
        if closing is not None:
            if depth_in_target == -1 and _local(closing) == "target":
                depth_in_target = 0
            elif depth_in_target > 0:
                depth_in_target -= 1
                if code_depth:
                    code_depth -= 1
                    if code_depth == 0:
                        run.append((code_start, end, False))
                elif depth_in_target == 0:
                    if last_source and text[target_start:start].strip():
                        pairs.append((last_source, target_start, start, text[target_start:start]))
                    if target_english:
                        unit = _unit(text, run)
                        if unit:
                            units.append(unit)
                    run = []
                else:
                    run.append((start, end, False))
            continue
        if depth_in_target > 0 and not code_depth:
            token = m.group()
            is_text = not token.startswith(("<", "&"))
            run.append((start, end, is_text))
    if pos != len(text):
        raise FormatError("not XML the reader can follow", text.count("\n", 0, pos) + 1)
    if targets != targets_in_tree:
        raise FormatError(f"{targets_in_tree} targets parsed but {targets} located")
    return Document(text, units, "xliff", units_in_tree, source_lang=source_lang, pairs=pairs)


def _unit(text: str, run: list[tuple[int, int, bool]]) -> Unit:
    texts = [(s, e) for s, e, is_text in run if is_text and text[s:e].strip()]
    if not texts:
        return []
    start, end = texts[0][0], texts[-1][1]
    kept = [(s, e) for s, e, is_text in run if not is_text and s >= start and e <= end]
    unit = _lines(text, start, end, kept)
    for piece in unit:
        piece.codec = XmlText(piece.end - piece.start)
    return unit


def _vet(text: str) -> tuple[int, int]:
    """(number of <target> elements, number of units) as lxml reads the file; FormatError if it cannot."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    # the text is decoded already: its declaration may name the encoding it was read from
    data = _DECLARED_ENCODING_RE.sub(r"\1UTF-8\2", text.lstrip("\ufeff"), count=1).encode("utf-8")
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"not well-formed XML ({exc.msg})", exc.lineno) from None
    targets = sum(1 for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == "target")
    units = sum(1 for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ("trans-unit", "unit"))
    return targets, units
