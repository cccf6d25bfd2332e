"""Showing a result: word diff with rule ids, review lines for flags and held-back fixes, JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .model import Result

RED, GREEN, DIM, RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"
# C0 and C1 controls (ESC among them), DEL, bidirectional overrides, and the lone
# surrogates that stand for the bytes of a file name that is not UTF-8
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """Text safe to show on a terminal in one line: unprintable characters as escapes (\\x1b, \\n, \\u202e)."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    return match.group().encode("unicode_escape").decode("ascii")


def word_diff(result: Result, colour: bool = False) -> str:
    """The original text with each applied change inline: [-old-]{+new+}⟨rule⟩."""
    out, pos = [], 0
    for c in result.changes:
        if not c.applied:
            continue
        out.append(result.original[pos:c.start])
        removed = f"[-{c.before}-]" if c.before else ""
        added = f"{{+{c.after}+}}" if c.after else ""
        rule = f"\u27e8{c.rule}\u27e9"
        if colour:
            removed = removed and f"{RED}{removed}{RESET}"
            added = added and f"{GREEN}{added}{RESET}"
            rule = f"{DIM}{rule}{RESET}"
        out.append(removed + added + rule)
        pos = c.end
    out.append(result.original[pos:])
    return "".join(out)


def _line_cols(text: str, offsets: list[int]):
    """The line and column of each of the sorted offsets, the text read once from start to end."""
    line, line_start, pos = 1, 0, 0
    for offset in offsets:
        line += text.count("\n", pos, offset)
        line_start = max(line_start, text.rfind("\n", pos, offset) + 1)
        pos = offset
        yield line, offset - line_start + 1


def review_lines(result: Result, name: str, offset: int = 0, lines_before: int = 0) -> list[str]:
    """One line per flag and per held-back unsafe fix, linter style, for stderr (for a chunk of a
    document: `offset` characters and `lines_before` line feeds of the document come before it)."""
    items = []
    for f in result.flags:
        hint = f" (suggestion: {f.suggestion})" if f.suggestion else ""
        items.append((f.start, f"{f.rule}: {f.message}{hint}"))
    for c in result.held_back:
        items.append((c.start, f"{c.rule}: {c.message}: {c.before!r} → {c.after!r} (unsafe; --unsafe-fixes applies it)"))
    items.sort(key=lambda x: x[0])
    places = _line_cols(result.original, [start - offset for start, _ in items])
    return [f"{name}:{line + lines_before}:{col}: {text}" for (line, col), (_, text) in zip(places, items)]


def summary(result: Result, name: str) -> str:
    return counts_summary(name, sum(c.applied for c in result.changes), len(result.held_back), len(result.flags))


def counts_summary(name: str, applied: int, held: int, flags: int) -> str:
    """`NAME: N changes applied, ...`: the line that closes a file's review."""
    parts = [f"{applied} change{'s' * (applied != 1)} applied"]
    if held:
        parts.append(f"{held} unsafe fix{'es' * (held != 1)} held back (--unsafe-fixes to apply)")
    if flags:
        parts.append(f"{flags} flag{'s' * (flags != 1)} for review")
    return f"{name}: " + ", ".join(parts)


def jsonl_source(result: Result, name: str) -> str:
    """The first JSON Lines record of a file: the language that ran and why (see README)."""
    return _record({"file": name, "type": "source", **result.to_dict()["source"]})


def jsonl_items(result: Result, name: str) -> str:
    """The JSON Lines records of a result's changes and flags (offsets into the document), in order."""
    items = [(c.start, {"file": name, "type": "change", **c.to_dict()}) for c in result.changes]
    items += [(f.start, {"file": name, "type": "flag", **f.to_dict()}) for f in result.flags]
    items.sort(key=lambda item: item[0])
    return "".join(_record(record) for _, record in items)


def jsonl_end(name: str, changed: bool, applied: int, held: int, flags: int) -> str:
    """The last record of a file: whether it changed, and the counts."""
    return _record({"file": name, "type": "end", "changed": changed, "applied": applied, "held_back": held,
                    "flags": flags})


def _record(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def to_json(results: list[tuple[str, Result]], listed: bool = False,
            extra: Callable[[Result], dict[str, Any]] | None = None) -> str:
    """One JSON object for one input; a list of objects with their file names for several, or when `listed`.
    `extra` gives more members for a result's object (its statistics)."""
    def members(r: Result) -> dict[str, Any]:
        return {**r.to_dict(), **extra(r)} if extra else r.to_dict()

    if len(results) == 1 and not listed:
        doc: Any = members(results[0][1])
    else:
        doc = [{"file": name, **members(r)} for name, r in results]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


class Progress:
    """A one-line status on a terminal's stderr while a long text is fixed.

    Silent unless `stream` is a terminal and the text has at least LONG_TEXT
    characters. (A run over several files shows a bar instead: progress.FilesBar.)
    """

    LONG_TEXT = 1_000_000

    def __init__(self, stream) -> None:
        self.stream = stream
        self.on = stream.isatty()
        self.shown = False

    def for_file(self, name: str, text: str):
        """The callback for Pipeline.fix on one file (None when nothing is to be shown)."""
        if not self.on or len(text) < self.LONG_TEXT:
            return None
        size = f" ({len(text) / 1e6:.1f} M characters)"

        def report(step: str, done: int, total: int) -> None:
            where = f": {step} {done + 1}/{total}" if total and step != "done" else f": {step}"
            self.stream.write(f"\r\x1b[Ktransclean {printable(name)}{size}{where}")
            self.stream.flush()
            self.shown = True

        return report

    def clear(self) -> None:
        """Erase the status line before other output reaches stderr."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
