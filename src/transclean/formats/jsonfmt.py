"""JSON Lines and JSON: the string fields named by dotted paths (`text`, `messages[].content`).

Each line (or the file) is vetted with the standard library's `json`; the strings are then
located by a small walker over the same library's own scanner pieces (`json.decoder.scanstring`
decodes a string and says where it ends, `json.scanner.NUMBER_RE` skips a number), since `json`
gives no offsets. The rules see the decoded value; a change is written back in the escaping
the file uses (`\\"`, `\\u00ab` in a file written as ASCII, raw UTF-8 in one that is not), and
everything else — keys, other values, white space, the escapes of unchanged text — is kept.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from json.scanner import NUMBER_RE

from .core import Codec, Document, FormatError, Piece

_WS_RE = re.compile(r"[ \t\n\r]*")
_PATH_RE = re.compile(r"\[(\d*)\]|\.?([^.\[\]]+)")
_SIMPLE = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class JsonString(Codec):
    """A string literal's content as written, and how new text is written in the file's style."""

    def __init__(self, raw: str, ascii_only: bool, upper: bool) -> None:
        self.raw, self.ascii_only, self.upper = raw, ascii_only, upper

    def offsets(self) -> list[int]:
        raw, out, i = self.raw, [], 0
        while i < len(raw):
            out.append(i)
            if raw[i] != "\\":
                i += 1
            elif raw[i + 1] != "u":
                i += 2
            elif (0xD800 <= int(raw[i + 2:i + 6], 16) < 0xDC00 and raw[i + 6:i + 8] == "\\u"
                  and 0xDC00 <= int(raw[i + 8:i + 12], 16) < 0xE000):
                i += 12  # a surrogate pair: one character
            else:
                i += 6
        out.append(len(raw))
        return out

    def encode(self, text: str) -> str:
        out = []
        for ch in text:
            if ch in _SIMPLE:
                out.append(_SIMPLE[ch])
            elif ch < " " or (self.ascii_only and ch > "\x7f"):
                code = ord(ch)
                units = [code] if code < 0x10000 else [0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)]
                out.extend(f"\\u{u:04X}" if self.upper else f"\\u{u:04x}" for u in units)
            else:
                out.append(ch)
        return "".join(out)


def parse_path(path: str) -> tuple[str | int | None, ...]:
    """`messages[].content` → ("messages", None, "content"); `[0].text` → (0, "text")."""
    steps: list[str | int | None] = []
    pos = 0
    for m in _PATH_RE.finditer(path):
        if m.start() != pos:
            break
        pos = m.end()
        if m.group(2) is not None:
            steps.append(m.group(2))
        else:
            steps.append(int(m.group(1)) if m.group(1) else None)
    if pos != len(path) or not steps:
        raise ValueError(f"not a field path: '{path}' (say `text`, `meta.title` or `messages[].content`)")
    return tuple(steps)


def _value(s: str, i: int):
    """(node, end) for the JSON value at i: a dict of key → node, a list, a (start, end, text) string, or None."""
    i = _WS_RE.match(s, i).end()
    ch = s[i:i + 1]
    if ch == '"':
        text, end = scanstring(s, i + 1)
        return (i + 1, end - 1, text), end
    if ch == "{":
        node: dict = {}
        i = _WS_RE.match(s, i + 1).end()
        if s[i] == "}":
            return node, i + 1
        while True:
            i = _WS_RE.match(s, i).end()
            key, i = scanstring(s, i + 1)
            i = _WS_RE.match(s, i).end() + 1  # the colon
            node[key], i = _value(s, i)
            i = _WS_RE.match(s, i).end()
            if s[i] == "}":
                return node, i + 1
            i += 1  # the comma
    if ch == "[":
        items = []
        i = _WS_RE.match(s, i + 1).end()
        if s[i] == "]":
            return items, i + 1
        while True:
            item, i = _value(s, i)
            items.append(item)
            i = _WS_RE.match(s, i).end()
            if s[i] == "]":
                return items, i + 1
            i += 1
    m = NUMBER_RE.match(s, i)
    if m:
        return None, m.end()
    for word in ("true", "false", "null"):
        if s.startswith(word, i):
            return None, i + len(word)
    raise ValueError(f"unexpected {ch!r} at {i}")


def _select(node, steps):
    """The string nodes a path reaches."""
    if not steps:
        if isinstance(node, tuple):
            yield node
        return
    step, rest = steps[0], steps[1:]
    if isinstance(step, str):
        if isinstance(node, dict) and step in node:
            yield from _select(node[step], rest)
    elif isinstance(node, list):
        for k, item in enumerate(node):
            if step is None or step == k:
                yield from _select(item, rest)


def _style(text: str) -> tuple[bool, bool]:
    """Is the file written as ASCII (non-ASCII as \\u escapes), and are its escapes in upper case?"""
    ascii_only = text.isascii()
    hexes = re.findall(r"\\u([0-9a-fA-F]{4})", text[:1 << 20])
    upper = any(h != h.lower() for h in hexes) and not any(h != h.upper() for h in hexes)
    return ascii_only, upper


def read(text: str, fmt: str, fields: tuple[str, ...]) -> Document:
    paths = [parse_path(f) for f in fields]
    ascii_only, upper = _style(text)
    units = []
    records = 0
    if fmt == "jsonl":
        pos, line_no = 0, 0
        for line in text.split("\n"):
            line_no += 1
            start, pos = pos, pos + len(line) + 1
            if not line.strip() or (line_no == 1 and line.strip() == "\ufeff"):
                continue
            body = line[1:] if line_no == 1 and line.startswith("\ufeff") else line
            offset = start + len(line) - len(body)
            try:
                json.loads(body)
            except json.JSONDecodeError as exc:
                raise FormatError(f"not a JSON line ({exc.msg}, column {exc.colno})", line_no) from None
            except ValueError as exc:
                raise FormatError(f"not a JSON line ({exc})", line_no) from None
            records += 1
            node, _ = _value(body, 0)
            units.extend(_units(node, paths, body, offset, ascii_only, upper, records_are_items=False))
    else:
        body = text[1:] if text.startswith("\ufeff") else text
        offset = len(text) - len(body)
        try:
            json.loads(body)
        except json.JSONDecodeError as exc:
            raise FormatError(f"not valid JSON ({exc.msg}, column {exc.colno})", exc.lineno) from None
        except ValueError as exc:
            raise FormatError(f"not valid JSON ({exc})") from None
        node, _ = _value(body, 0)
        records = len(node) if isinstance(node, list) else 1
        units.extend(_units(node, paths, body, offset, ascii_only, upper, records_are_items=True))
    return Document(text, units, fmt, records)


def _units(node, paths, body: str, offset: int, ascii_only: bool, upper: bool, records_are_items: bool):
    """One unit per string a path reaches; in a JSON file that is an array, a path that starts
    with a key applies to each item."""
    found = set()
    for steps in paths:
        if records_are_items and isinstance(node, list) and isinstance(steps[0], str):
            steps = (None, *steps)
        found.update(_select(node, steps))
    return [[Piece(offset + start, offset + end, value, [], JsonString(body[start:end], ascii_only, upper))]
            for start, end, value in sorted(found)]
