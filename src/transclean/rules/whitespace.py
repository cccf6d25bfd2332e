"""Whitespace: odd space characters, runs of spaces, stray tabs, trailing spaces, blank lines; and the
full-width punctuation of Chinese and Japanese, written at English width with English spacing."""

from __future__ import annotations

import bisect
import re

from .. import segments
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

    Fixes: the one tab inside a line of prose, with any spaces beside it (before `, ; : ! ? ) ]`
    it goes: `word<TAB>, next` → `word, next`). Keeps:
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
            # before a closing mark the tab goes (a space there would be punctuation.space-before's to take)
            yield Edit(start, m.end(), "" if text[m.end():m.end() + 1] in _CLOSING else " ", self.message, self.safe)


_CLOSING = frozenset(",;:!?)]")  # not `.` (`.5`) nor `%`, which punctuation.space-before judges


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


# Chinese and Japanese punctuation and what English writes for it; corner brackets become the
# document's own quotation marks. Marks that follow what they mark (，) and marks that open (（).
FULL_WIDTH_AFTER = {"\uff0c": ",", "\u3001": ",", "\u3002": ".", "\uff0e": ".", "\uff1a": ":", "\uff1b": ";",
                    "\uff01": "!", "\uff1f": "?", "\uff09": ")", "\u3011": "]", "\uff05": "%"}
FULL_WIDTH_BEFORE = {"\uff08": "(", "\u3010": "["}
CORNER_BRACKETS = {"\u300c": "\u300d", "\u300e": "\u300f"}  # 「」 outer, 『』 inner
FULL_WIDTH = frozenset(FULL_WIDTH_AFTER) | frozenset(FULL_WIDTH_BEFORE) | frozenset(CORNER_BRACKETS) \
    | frozenset(CORNER_BRACKETS.values())
FULL_WIDTH_RE = re.compile(f"[{''.join(sorted(FULL_WIDTH))}]")
_FULL_WIDTH_SCREEN = re.compile("[\u3001-\u3011\uff01-\uff1f]")
# a character of Chinese or Japanese text (ideographs, kana, their punctuation, full-width forms), or Korean
_CJK_RE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


class FullWidth(Rule):
    """Chinese and Japanese punctuation left in English text.

    Fixes: `，、。：；！？（）【】％` written the English way with English spacing
    (`said，in` → `said, in`; `rose（by 5%）` → `rose (by 5%)`; `1，000` → `1,000`),
    and corner brackets `「…」`, `『…』` turned into the document's own double and single
    quotation marks (`the slogan「Made in China」was` → `the slogan “Made in China” was`).
    Keeps: Chinese or Japanese text quoted as it stands (`他说：「好。」`): a mark is
    repaired only where it marks English, a pair of brackets only where both marks do.
    It runs in this stage, after the encoding one, so that it also sees the marks the mojibake
    repair brings back (`Ningboï¼ŒChina` → `Ningbo，China` → `Ningbo, China`).
    Example: `the company said，in a statement。` → `the company said, in a statement.`
    """

    id = "whitespace.full-width"
    summary = "Chinese and Japanese punctuation (，。：（）「」) becomes English punctuation"
    message = "Full-width punctuation written the English way"

    def find(self, text, ctx):
        if not text.isascii() and _FULL_WIDTH_SCREEN.search(text):
            from .quotes import document_style  # the quotes stage's reading of the document's style

            style = document_style(text, ctx)
            pairs = self._pairs(text, ctx.layout)
            for m in FULL_WIDTH_RE.finditer(text):
                i, mark = m.start(), m.group()
                if mark in CORNER_BRACKETS or mark in CORNER_BRACKETS.values():
                    if i not in pairs:
                        continue
                    inner = pairs[i]
                    english = ((style.inner_open if inner else style.open) if mark in CORNER_BRACKETS
                               else (style.inner_close if inner else style.close))
                    edit = self._spaced(text, i, english, mark in CORNER_BRACKETS)
                elif mark in FULL_WIDTH_BEFORE:
                    if _cjk(text, self._neighbour(text, i, +1)):
                        continue
                    edit = self._spaced(text, i, FULL_WIDTH_BEFORE[mark], True)
                else:
                    if _cjk(text, self._neighbour(text, i, -1)):
                        continue
                    edit = self._spaced(text, i, FULL_WIDTH_AFTER[mark], False)
                if edit is not None:
                    yield edit

    @classmethod
    def _pairs(cls, text: str, layout: str) -> dict[int, bool]:
        """Where the corner brackets stand that pair with one another, in a segment, around
        English (the opening one before English, the closing one after it), and whether each
        is inside another pair (the inner level: 『』 alone marks a title, the outer level)."""
        found: dict[int, bool] = {}
        stack: list[int] = []
        breaks, segment = segments.breaks(text, layout), 0
        for m in re.finditer("[\u300c-\u300f]", text):
            i, mark = m.start(), m.group()
            if bisect.bisect_left(breaks, i) != segment:
                segment, stack = bisect.bisect_left(breaks, i), []  # a new segment
            if mark in CORNER_BRACKETS:
                stack.append(i)
            elif mark in CORNER_BRACKETS.values():
                if stack and CORNER_BRACKETS[text[stack[-1]]] == mark:
                    o = stack.pop()
                    if not _cjk(text, cls._neighbour(text, o, +1)) and not _cjk(text, cls._neighbour(text, i, -1)):
                        found[o] = found[i] = bool(stack)
                else:
                    stack = []  # a tangle: the brackets before are left as they are
        return found

    @staticmethod
    def _neighbour(text: str, i: int, step: int) -> int:
        """The nearest character on one side of the mark at i, spaces and other such marks skipped."""
        j = i + step
        while 0 <= j < len(text) and (text[j] in " \u3000" or text[j] in FULL_WIDTH):
            j += step
        return j

    def _spaced(self, text: str, i: int, english: str, opening: bool) -> Edit:
        """The mark at i written in English, with a space where English needs one: before an
        opening mark glued to a word, after another glued to the next word or to a quotation
        that opens (not between digits: 1，000)."""
        if opening:
            before = text[i - 1] if i else " "
            glued = before.isalnum() or before in ",;:)]\u201d\u2019"  # after ，（ the comma brings the space
            return Edit(i, i + 1, (" " if glued else "") + english, self.message, self.safe)
        after = text[i + 1] if i + 1 < len(text) else " "
        between_digits = english in ",.:" and text[i - 1:i].isdigit() and after.isdigit()
        # a straight double mark before a word opens a quotation if an even number of them stand before it
        # on the line, else closes it: the space then goes after the mark (“yes。"Then` → `yes." Then`)
        quoted = after == '"' and text[i + 2:i + 3].isalnum()
        opens = quoted and text.count('"', text.rfind("\n", 0, i) + 1, i) % 2 == 0
        if quoted and not opens and english in ".!?":
            return Edit(i, i + 2, english + '" ', self.message, self.safe)
        glued = (after.isalnum() or after in FULL_WIDTH_BEFORE or after in CORNER_BRACKETS
                 or after in "([\u201c\u2018" or opens) and not between_digits
        if english == "%":
            glued = after.isalpha()
        return Edit(i, i + 1, english + (" " if glued else ""), self.message, self.safe)


def _cjk(text: str, j: int) -> bool:
    """Is there a Chinese, Japanese or Korean character at j? (Nothing there: no. One after a digit
    is no Chinese text either: it belongs to a number or a date, `3万`, `2024年3月5日`, that the
    locale stage writes in English.)"""
    return 0 <= j < len(text) and _CJK_RE.match(text[j]) is not None and not ("0" <= text[j - 1:j] <= "9")


RULES = (EdgeBlankLines(), BlankLineRun(), TrailingSpace(), OddSpace(), SpaceRun(), InnerTab(), FullWidth())
