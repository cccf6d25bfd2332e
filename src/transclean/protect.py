"""Spans no rule may edit: URLs, e-mail addresses, handles, hashtags, code and markup."""

from __future__ import annotations

import bisect
import re

_URL = r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'\u2019\u201d]"
_EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_HANDLE = r"(?<![\w@])@\w+"
_HASHTAG = r"(?<![\w#&])#\w+"
_DOMAIN = r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|info|dev|app|co|eu|uk|fr|de|it|es|pt|ru|ch|be|ca|nl)\b"
_INLINE_CODE = r"`[^`\n]+`"
_FENCED_CODE = r"(?ms:^```.*?(?:^```[^\n]*$|\Z))"
_INDENTED_CODE = r"(?m:^(?: {4}|\t)[^\n]*)"
_MARKUP = r"<[A-Za-z/!?][^<>\n]*>|&#?\w+;"
# Emoticons such as :) or ;-( would otherwise lose the space before them.
_EMOTICON = r"(?<!\S)[:;=8][-o^']?[)(DPp/\\|\]\[](?!\S)"

PROTECTED_RE = re.compile(
    "|".join(f"(?:{p})" for p in (
        _FENCED_CODE, _INDENTED_CODE, _URL, _EMAIL, _HANDLE, _HASHTAG,
        _DOMAIN, _INLINE_CODE, _MARKUP, _EMOTICON,
    ))
)


class Protected:
    """The protected spans of one text, with a fast overlap test."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in PROTECTED_RE.finditer(text)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def __bool__(self) -> bool:
        return bool(self._starts)

    def touches(self, start: int, end: int) -> bool:
        """True if an edit of [start, end) would change a protected span."""
        i = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        if i < 0:
            return False
        s, e = self._starts[i], self._ends[i]
        if start == end:
            return s < start < e
        return start < e and s < end
