"""The review page: one self-contained HTML file to accept or reject each change of a run on each file.

The page (page.html, page.css, page.js beside this file) is filled in here: for each
document, its text, its changes and flags with their offsets in UTF-16 code units (what JavaScript strings
count), the decisions file it will download (decisions.review_document), and how to write
the text back in the file's own encoding exactly as textio.encode does. The data goes in a
`<script type="application/json">` block with `<`, `>` and `&` escaped, so no text of the
document can end it; the script and the style are allowed by their hashes in a
Content-Security-Policy that forbids loading anything else.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import os
import re
from importlib.resources import files
from collections.abc import Sequence
from typing import Any

from ..decisions import review_document
from ..model import Result
from ..textio import UTF8, InputError, Source

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_UNSAFE_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
_SLOT = re.compile(r"\{\{(\w+)\}\}")


def page(documents: Sequence[tuple[Result, Source]]) -> str:
    """The review page of runs (with the unsafe fixes applied) on files: a (result, source) for each."""
    data = {"documents": [_document(result, source) for result, source in documents]}
    script, style = _asset("page.js"), _asset("page.css")
    slots = {
        "csp": f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
               "img-src data:; base-uri 'none'; form-action 'none'",
        "style": style,
        "script": script,
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_UNSAFE_IN_SCRIPT),
    }
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("page.html"))


def _document(result: Result, source: Source) -> dict[str, Any]:
    """One document's part of the page's data."""
    to_utf16 = _utf16_offsets(result.original)
    return {
        "decisions": review_document(result, os.path.basename(source.name), source.digest, source.encoding),
        "text": result.original,
        "spans": [[to_utf16(c.start), to_utf16(c.end)] for c in result.changes],
        "flags": [{**f.to_dict(), "start": to_utf16(f.start), "end": to_utf16(f.end)} for f in result.flags],
        "codec": _codec(result, source),
    }


def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _utf16_offsets(text: str):
    """A function from code-point offsets in `text` to UTF-16 offsets (a character past U+FFFF counts two)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda offset: offset + bisect.bisect_left(astral, offset)


def _codec(result: Result, source: Source) -> dict[str, Any]:
    """How the page writes text in the file's encoding, the way textio.encode does.

    A legacy encoding is given as a table of the bytes of every character the text can
    hold (those of the original and of the changes' replacements; null for one the
    encoding lacks, which makes the page write UTF-8 instead, as textio.encode does).
    """
    encoding = source.encoding
    if encoding in (UTF8, "ascii"):
        return {"mode": "utf-8"}
    if encoding == "utf-16":
        bom = "".encode("utf-16")
        return {"mode": "utf-16", "bom": list(bom), "little": bom == b"\xff\xfe"}
    table: dict[str, list[int] | None] = {}
    for char in set(result.original).union(*(c.after for c in result.changes)):
        try:
            table[char] = list(char.encode(encoding))
        except UnicodeEncodeError:
            table[char] = None
    if b"".join(bytes(table[c] or b"") for c in result.original) != result.original.encode(encoding):
        raise InputError(f"{source.name}: in {encoding}, whose bytes depend on what comes before; "
                         "the review page cannot write it: convert the file to UTF-8 first")
    return {"mode": "table", "table": table}
