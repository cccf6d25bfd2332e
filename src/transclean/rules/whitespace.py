"""Whitespace: odd space characters, runs of spaces, stray tabs, trailing spaces, blank lines."""

from __future__ import annotations

import re

from ..chars import HSPACE, ODD_SPACES, SPACE
from ..model import Edit
from ..rule import PatternRule, Rule


class OddSpace(PatternRule):
    """Typographic space characters inside prose.

    Fixes: em, en, hair, ideographic and similar width spaces between words.
    Why: translation engines copy them from the source layout; English prose uses a
    plain space there. No-break, narrow no-break and thin spaces are left alone
    because English uses them too (`Mr. Smith`, `10 km`).
    Example: `the\u2003company` → `the company`.
    """

    id = "whitespace.odd-space"
    summary = "Em, en, hair and ideographic spaces between words become a plain space"
    message = "Typographic space replaced by a plain space"
    pattern = re.compile(f"[{ODD_SPACES}](?<=[^\\s\ufeff].)(?=\\S)")  # a byte-order mark is no word
    replacement = " "


class SpaceRun(PatternRule):
    """Runs of spaces inside a line.

    Fixes: two or more spaces (of any kind) between words.
    Why: joined segments and removed tags leave gaps a reader sees at once.
    Keeps: exactly two plain spaces after a sentence end, a deliberate style;
    indentation at the start of a line.
    Example: `the  company` → `the company`.
    """

    id = "whitespace.space-run"
    summary = "Runs of spaces between words become one space"
    message = "Run of spaces collapsed to one"
    # Runs of plain spaces start with a literal, which the engine finds fast; runs
    # with another kind of space are found from that rarer character.
    pattern = re.compile(f"  [{SPACE}]*")
    _OTHER_RE = re.compile(f"[{SPACE[1:]}]")
    _RUN_RE = re.compile(f"[{SPACE}]+")

    def find(self, text, ctx):
        starts = set()
        for m in self.pattern.finditer(text):
            starts.add(m.start())
            yield from self._edit(m, text, ctx)
        pos = 0  # one forward pass: each run is read once, from its first rare space
        while hit := self._OTHER_RE.search(text, pos):
            run_start = hit.start()
            while run_start > pos and text[run_start - 1] == " ":  # only plain spaces lie between
                run_start -= 1
            m = self._RUN_RE.match(text, run_start)
            pos = m.end()
            if run_start not in starts and len(m.group()) > 1:
                yield from self._edit(m, text, ctx)

    def _edit(self, m, text, ctx):
        new = self.replace(m, text, ctx)
        if new is not None:
            yield Edit(m.start(), m.end(), new, self.message, self.safe)
    _SENTENCE_END_RE = re.compile("[.!?:][\"')\\]\u2019\u201d]*\\Z")

    def replace(self, m, text, ctx):
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        if not before or before in HSPACE + "\r\n\ufeff" or not after or after in HSPACE + "\r\n":
            return None  # indentation, or trailing space (whitespace.trailing)
        if m.group() == "  " and self._SENTENCE_END_RE.search(text, max(0, m.start() - 4), m.start()):
            return None
        return " "


class InnerTab(PatternRule):
    """A tab between two words of a sentence.

    Fixes: the one tab inside a line of prose, with any spaces beside it. Keeps:
    tables (a line with several tabs, or a tab on a neighbouring line too) and tabs
    at the start of a line.
    Example: `the<TAB>company` → `the company`.
    """

    id = "whitespace.tab"
    summary = "A lone tab between words becomes a space"
    message = "Tab inside a sentence replaced by a space"
    pattern = re.compile(f"\t[{SPACE}]*(?=\\S)")

    def find(self, text, ctx):
        if "\t" not in text:
            return
        line_start, line_end, tabs = 0, -1, 0
        for m in self.pattern.finditer(text):
            start = m.start()
            while start and text[start - 1] in SPACE:
                start -= 1
            if not start or text[start - 1].isspace() or text[start - 1] == "\ufeff":
                continue  # at the start of a line (or after a byte-order mark): indentation
            if m.start() > line_end:  # a new line: its tabs are counted once
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line_end = len(text) if line_end < 0 else line_end
                tabs = text[line_start:line_end].rstrip(SPACE + "\r").count("\t")
            if tabs != 1:
                continue  # indented, or a row of a table
            if any("\t" in neighbour.strip() for neighbour in _neighbour_lines(text, line_start)):
                continue  # a column of a table
            yield Edit(start, m.end(), " ", self.message, self.safe)


def _neighbour_lines(text: str, line_start: int) -> tuple[str, str]:
    """The lines before and after the line that starts at line_start ('' at the edges)."""
    prev_line = ""
    if line_start > 0:
        prev_line = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
    line_end = text.find("\n", line_start)
    if line_end < 0:
        return prev_line, ""
    next_end = text.find("\n", line_end + 1)
    return prev_line, text[line_end + 1:len(text) if next_end < 0 else next_end]


class TrailingSpace(Rule):
    """Spaces and tabs at the end of a line.

    Keeps: trailing tabs of a line that has other tabs (an empty last cell of a
    table row).
    Example: `end of line.   ` → `end of line.`
    """

    id = "whitespace.trailing"
    summary = "Spaces at the end of a line are removed"
    message = "Trailing whitespace removed"

    def find(self, text, ctx):
        pos = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if body and body[-1] in HSPACE:
                kept = body.rstrip(HSPACE)
                if not ("\t" in body[len(kept):] and "\t" in kept):  # the empty last cell of a table row
                    yield Edit(pos + len(kept), pos + len(body), "", self.message, self.safe)
            pos += len(line)


class BlankLineRun(PatternRule):
    """Runs of blank lines between paragraphs.

    Fixes: two or more blank lines (or lines holding only spaces) in a row.
    Why: paragraphs are separated by one blank line; runs come from removed
    images and captions. Example: five empty lines between paragraphs → one.
    """

    id = "whitespace.blank-lines"
    summary = "Runs of blank lines become one blank line"
    message = "Run of blank lines collapsed to one"
    # anchored on the line feed, so the search skips from one to the next; a run is taken
    # whole and then checked once for a line with text after it (a check inside the pattern
    # would be tried again from each line feed of a run that has none)
    pattern = re.compile(f"\\n(?:[{HSPACE}]*+\\r?\\n){{2,}}+")  # possessive: no backtracking state per line
    _TEXT_FOLLOWS_RE = re.compile("[^\\r\\n]*\\S")

    def find(self, text, ctx):
        for m in self.pattern.finditer(text):
            if self._TEXT_FOLLOWS_RE.match(text, m.end()):
                yield Edit(m.start(), m.end(), self.replace(m, text, ctx), self.message, self.safe)

    def replace(self, m, text, ctx):
        return "\n" + ("\r\n" if text[m.start() - 1:m.start()] == "\r" else "\n")


class EdgeBlankLines(Rule):
    """Blank lines at the very start or end of the text.

    The final line break of a text that has one is kept, and so is a BOM.
    Example: `\\n\\nTitle\\n\\n\\n` → `Title\\n`.
    """

    id = "whitespace.edge-blank-lines"
    summary = "Blank lines at the start and end of the text are removed"
    message = "Blank lines at the edge of the text removed"
    _LEADING_RE = re.compile(f"\ufeff?((?:[{HSPACE}\ufeff]*+\r?\n)++)")
    _TRAILING_RE = re.compile(f"(\r?\n)(?:[{HSPACE}]*+\r?\n)++[{HSPACE}]*\\Z")

    def find(self, text, ctx):
        lead = self._LEADING_RE.match(text) if ctx.starts else None
        if lead:
            yield Edit(lead.start(1), lead.end(1), "", self.message, self.safe)
        if not ctx.ends:
            return
        tail_from = len(text.rstrip())
        tail = self._TRAILING_RE.search(text, tail_from)
        if tail and (not lead or tail.start() >= lead.end(1)):
            yield Edit(tail.start(), tail.end(), tail.group(1), self.message, self.safe)


RULES = (EdgeBlankLines(), BlankLineRun(), TrailingSpace(), OddSpace(), SpaceRun(), InnerTab())
