"""The change model: what rules propose and what a run reports.

Edits, findings, changes and flags are named tuples: immutable, and a long text makes
tens of thousands of them (a frozen dataclass costs several times more to build).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Edit(NamedTuple):
    """A replacement proposed by a rule, in the coordinates of the text it was shown."""

    start: int
    end: int
    replacement: str
    message: str
    safe: bool = True


class Finding(NamedTuple):
    """A span a rule wants a human to look at; it never changes the text."""

    start: int
    end: int
    message: str
    language: str | None = None
    suggestion: str | None = None


class Change(NamedTuple):
    """One reported change, with offsets into the original input."""

    rule: str
    start: int
    end: int
    before: str
    after: str
    message: str
    safe: bool
    applied: bool

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class Flag(NamedTuple):
    """One reported flag, with offsets into the original input."""

    rule: str
    start: int
    end: int
    message: str
    language: str | None = None
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self._asdict().items() if v is not None}


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of one run: clean text, the changes and the flags."""

    original: str
    text: str
    changes: tuple[Change, ...] = field(default_factory=tuple)
    flags: tuple[Flag, ...] = field(default_factory=tuple)
    source_lang: str | None = None  # the profile that ran (last, in auto mode; None: language-neutral rules only)
    detections: tuple[Any, ...] = ()  # auto mode: one detect.Detection per round, the input's first

    @property
    def detection(self) -> Any:
        """The detection on the input (auto mode), or None."""
        return self.detections[0] if self.detections else None

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def held_back(self) -> tuple[Change, ...]:
        """Unsafe fixes that were reported but not applied."""
        return tuple(c for c in self.changes if not c.applied)

    def diff(self, name: str = "text") -> str:
        """A unified diff from the original to the clean text (patch-compatible)."""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.text.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        return "".join(_terminate(line) for line in lines)

    def to_dict(self) -> dict[str, Any]:
        source: dict[str, Any] = {"language": self.source_lang, "detected": self.detection is not None}
        if self.detection is not None:
            source.update(_detection_dict(self.detection))
        if len(self.detections) > 1:
            source["rounds"] = [{"language": d.language, **_detection_dict(d)} for d in self.detections]
        return {
            "text": self.text,
            "changes": [c.to_dict() for c in self.changes],
            "flags": [f.to_dict() for f in self.flags],
            "source": source,
        }


def _detection_dict(detection: Any) -> dict[str, Any]:
    return {"scores": detection.scores, "evidence": [e.to_dict() for e in detection.evidence]}


def _terminate(line: str) -> str:
    """Give a diff line without a newline the marker `patch` expects."""
    if line.endswith("\n"):
        return line
    return line + "\n\\ No newline at end of file\n"
