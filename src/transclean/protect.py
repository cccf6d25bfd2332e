"""Spans no rule may edit: URLs, e-mail addresses, handles, hashtags, code and markup.

Each kind is found by a pattern that starts at a rare anchor (`://`, `@`, `#`, a
top-level domain, a backtick...) and only when its anchor occurs in the text, so
protecting a long text of plain prose costs a few substring checks.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .model import Edit

_TLD = r"(?:com|org|net|edu|gov|io|info|dev|app|co|eu|uk|fr|de|it|es|pt|ru|ch|be|ca|nl)"
_WORD_LEFT_RE = re.compile(r"[\w.+-]*\Z")

_EMOTICON_STARTS = ":;=8"  # what an emoticon, the kind without an anchor, starts with

# (anchor that must occur in the text, pattern, extend the match leftwards over [\w.+-])
_KINDS = (
    # (byte-order marks before a line do not change where it starts: the edge-blank-lines rule may
    # bring a second one to the first line)
    ("```", re.compile("(?ms:^\ufeff*```.*?(?:^```[^\n]*$|\\Z))"), False),
    ("    ", re.compile("(?m:^\ufeff* {4}[ \t]*\\S[^\n]*)"), False),
    ("\t", re.compile("(?m:^\ufeff*\t[ \t]*\\S[^\n]*)"), False),
    # a URL from its "://", its scheme taken in by extending left
    ("://", re.compile(r"://[^\s<>\"]*[^\s<>\".,;:!?)\]'\u2019\u201d]"), True),
    # (from its literal, which the engine finds fast, then not after a word or a dot)
    ("www.", re.compile(r"www\.(?<![\w.]www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'\u2019\u201d]"), False),
    ("@", re.compile(r"@[\w-]+(?:\.[\w-]+)*"), True),  # e-mail addresses and @handles
    ("#", re.compile(r"#(?<![\w#&]#)\w+"), False),
    (".", re.compile(r"\." + _TLD + r"\b(?!\.\w)"), True),
    ("`", re.compile(r"`[^`\n]+`"), False),
    ("<", re.compile(r"<[A-Za-z/!?][^<>\n]*>"), False),
    ("&", re.compile(r"&#?\w+;"), False),
    # emoticons such as :) or ;-( would otherwise lose the space before them; one may end a
    # sentence, clause or quotation (`fine ;).`, `fine ;)”`), so that removing a space after it,
    # or turning the guillemet after it into a quotation mark, keeps it protected
    ("", re.compile(f"[{_EMOTICON_STARTS}][-o^']?[)(DPp/\\\\|\\]\\[](?![^\\s,.;:!?\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a])"), False),
)


# The kinds whose pattern matches only at the start of a line (after byte-order marks), on a line
# that holds the anchor: they are tried only on such lines, not at every line start of the text.
_LINE_ANCHORS = frozenset(("    ", "\t"))


def _at_line_starts(text: str, anchor: str, pattern: re.Pattern):
    """What pattern.finditer(text) finds, for a pattern anchored at a line start whose
    matches stay on one line and hold the anchor: each line with the anchor is tried once."""
    pos = 0
    while (i := text.find(anchor, pos)) >= 0:
        m = pattern.match(text, text.rfind("\n", 0, i) + 1)
        if m:
            yield m
            pos = m.end()
        else:
            pos = text.find("\n", i) + 1
            if not pos:
                return


def _at_characters(text: str, characters: str, pattern: re.Pattern):
    """What pattern.finditer(text) finds, for a pattern whose matches start with one of the
    characters: it is tried where each of them occurs (a search for one character runs
    several times faster than the regex engine's scan for a class of them)."""
    starts = []
    for c in characters:
        i = text.find(c)
        while i >= 0:
            starts.append(i)
            i = text.find(c, i + 1)
    starts.sort()
    pos = 0
    for i in starts:
        if i >= pos and (m := pattern.match(text, i)):
            yield m
            pos = m.end()


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, merged spans of the text that no rule may edit."""
    spans = []
    for anchor, pattern, extend_left in _KINDS:
        if anchor and anchor not in text:
            continue
        if anchor in _LINE_ANCHORS:
            found = _at_line_starts(text, anchor, pattern)
        else:
            found = pattern.finditer(text) if anchor else _at_characters(text, _EMOTICON_STARTS, pattern)
        for m in found:
            start = m.start()
            if not anchor and start and not text[start - 1].isspace():
                continue  # an emoticon stands alone
            if extend_left:
                start -= len(_WORD_LEFT_RE.search(text, max(0, start - 200), start).group())
                if m.group()[0] == "." and start == m.start():
                    continue  # a bare ".com" with no name before it
            spans.append((start, m.end()))
    spans.sort()
    return merged_spans(spans)


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with those that overlap or touch merged."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


class Protected:
    """The protected spans of one text, with a fast overlap test."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    @classmethod
    def of(cls, text: str, keep: Sequence[tuple[int, int]] = ()) -> Protected:
        """The protected spans of the text, with `keep` (more spans no rule may edit) merged in."""
        spans = protected_spans(text)
        if keep:
            spans = merged_spans(sorted([*spans, *keep]))
        return cls(spans)

    def shifted(self, edits: Sequence[Edit]) -> Protected:
        """The same spans after applying the sorted edits, none of which touch them."""
        if not edits or not self._starts:
            return self
        spans, shift, k = [], 0, 0
        for s, e in zip(self._starts, self._ends):
            while k < len(edits) and edits[k].end <= s:
                shift += len(edits[k].replacement) - (edits[k].end - edits[k].start)
                k += 1
            spans.append((s + shift, e + shift))
        return Protected(spans)

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
