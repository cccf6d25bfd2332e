"""gettext PO / POT catalogues: the `msgstr` strings (and their plural forms) are prose.

The header entry, `msgid`, `msgid_plural`, `msgctxt`, every comment (translator, extracted,
references, flags, `#|` previous strings) and the obsolete `#~` entries are kept. polib
reads the catalogue first (it names the line of a syntax error) and the strings found here
must equal its own, entry for entry; since polib gives no offsets and passes some damage over
in silence, a strict line reader finds where each string lies: a keyword line
(`msgstr "..."`) and its continuation lines (`"..."`), each literal a piece of the unit, in
C escapes (`\\"`, `\\\\`, `\\n`, `\\t`), which a change is written back in.
"""

from __future__ import annotations

import re

from .core import Codec, Document, FormatError, Piece

_KEYWORD_RE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+"((?:[^"\\]|\\.)*)"[ \t]*\r?\Z')
_CONTINUED_RE = re.compile(r'[ \t]*"((?:[^"\\]|\\.)*)"[ \t]*\r?\Z')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_WRITE = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


class PoString(Codec):
    def __init__(self, raw: str) -> None:
        self.raw = raw

    def offsets(self) -> list[int]:
        out, i = [], 0
        while i < len(self.raw):
            out.append(i)
            i += 2 if self.raw[i] == "\\" else 1
        out.append(len(self.raw))
        return out

    def encode(self, text: str) -> str:
        return "".join(_WRITE.get(ch, ch) for ch in text)


def _decode(raw: str, line: int) -> str:
    out, i = [], 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            escaped = raw[i + 1:i + 2]
            if escaped not in _ESCAPES:
                raise FormatError(f"an escape PO strings do not have: \\{escaped}", line)
            out.append(_ESCAPES[escaped])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def read(text: str) -> Document:
    entries = _entries(text)
    expected, records = _polib_entries(text)
    found = [e for e in entries if not e["obsolete"]]
    strings = [(e.get("msgid", ""), e.get("msgctxt"), tuple(sorted(_msgstrs(e).items()))) for e in found
               if not _is_header(e)]
    if strings != expected:
        raise FormatError("the strings of this catalogue could not be located as polib reads them")
    units, pairs = [], []
    for e in found:
        if _is_header(e):
            continue
        keys = sorted(k for k in e["spans"] if k.startswith("msgstr"))
        for key in keys:
            unit = [Piece(s, end, value, [], PoString(text[s:end])) for s, end, value in e["spans"][key] if value]
            if unit:
                units.append(unit)
        pairs.extend(_pair(e, keys))
    return Document(text, units, "po", records, pairs=pairs)


def _pair(entry: dict, keys: list[str]):
    """The catalogue's evidence: a translated entry's msgid (msgid_plural for the plural forms, all
    forms together, since a singular form may spell its number out) against its msgstr."""
    spans = entry["spans"]
    translated = [k for k in keys if any(v for _, _, v in spans[k])]
    if not translated:
        return []
    start, end = spans[translated[0]][0][0], spans[translated[-1]][-1][1]
    if "msgid_plural" in spans:
        source = "".join(v for _, _, v in spans["msgid_plural"])
        target = " ".join("".join(v for _, _, v in spans[k]) for k in translated if k != "msgstr[0]") or \
            "".join(v for _, _, v in spans[translated[0]])
    else:
        source, target = entry.get("msgid", ""), "".join(v for _, _, v in spans[translated[0]])
    return [(source, start, end, target)]


def _is_header(entry: dict) -> bool:
    return entry.get("msgid", "") == "" and "msgctxt" not in entry


def _msgstrs(entry: dict) -> dict[str, str]:
    return {k: "".join(v for _, _, v in spans) for k, spans in entry["spans"].items() if k.startswith("msgstr")}


def _entries(text: str) -> list[dict]:
    """The entries of the catalogue, each with the spans of its strings' literals."""
    entries: list[dict] = []
    entry: dict | None = None
    key = None
    pos = 0
    for number, line in enumerate(text.split("\n"), 1):
        start, pos = pos, pos + len(line) + 1
        if number == 1 and line.startswith("\ufeff"):
            line, start = line[1:], start + 1
        stripped = line.strip()
        if not stripped:
            entry, key = None, None
            continue
        if stripped.startswith("#"):
            if stripped.startswith("#~"):
                if entry is None:
                    entry = {"spans": {}, "obsolete": True}
                    entries.append(entry)
                entry["obsolete"] = entry.get("obsolete", True) and True
                key = None
            continue
        m = _KEYWORD_RE.match(line)
        if m:
            if entry is None or (m.group(1) in ("msgid", "msgctxt") and any(k.startswith("msgstr") for k in entry["spans"])):
                entry = {"spans": {}, "obsolete": False}
                entries.append(entry)
            entry["obsolete"] = False
            key = m.group(1)
            literal_start = start + m.start(2)
            value = _decode(m.group(2), number)
            entry["spans"][key] = [(literal_start, literal_start + len(m.group(2)), value)]
        else:
            m = _CONTINUED_RE.match(line)
            if m is None or key is None:
                raise FormatError("not a PO line (a keyword and a quoted string, a quoted string, or a comment)",
                                  number)
            literal_start = start + m.start(1)
            entry["spans"][key].append((literal_start, literal_start + len(m.group(1)), _decode(m.group(1), number)))
        if key in ("msgid", "msgctxt"):
            entry[key] = "".join(v for _, _, v in entry["spans"][key])
    return entries


def _polib_entries(text: str) -> tuple[list, int]:
    import polib
    try:
        catalogue = polib.pofile(text.lstrip("\ufeff"), wrapwidth=0)
    except (OSError, ValueError) as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise FormatError(f"not a valid PO catalogue ({exc})", int(line.group(1)) if line else None) from None
    out = []
    for e in catalogue:
        if e.obsolete:
            continue
        msgstrs = ({f"msgstr[{k}]": v for k, v in e.msgstr_plural.items()} if e.msgid_plural
                   else {"msgstr": e.msgstr})
        out.append((e.msgid, e.msgctxt, tuple(sorted(msgstrs.items()))))
    return out, len(catalogue)
