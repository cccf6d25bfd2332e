"""Encoding: mojibake and control characters.

ftfy does the mojibake repair, but only on the lines a cheap screen picks: ftfy's
own badness pattern, C1 controls, ligatures and lone surrogates. Its restyling
fixes are off: curly quotes stay curly, line breaks, character widths, HTML
entities and Unicode normalisation are left as the document has them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache

import ftfy
from ftfy.badness import BADNESS_RE
from ftfy.chardata import LIGATURES

from ..chars import ODD_SPACES
from ..model import Edit
from ..rule import PatternRule, Rule

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# Characters that clean English typography uses. Mojibake always contains some
# character outside this set: the lead byte of a UTF-8 sequence read as Latin-1,
# Windows-1252 or Windows-1251 becomes a letter or symbol outside it, and every
# continuation byte read as MacRoman does too. Lines made of these characters only
# never reach ftfy.
TYPOGRAPHIC = "\u00a0\u2009\u202f\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
UNUSUAL_CHAR_RE = re.compile(f"[^\x00-\x7f{TYPOGRAPHIC}]")

TOKEN_RE = re.compile(r"\s+|\S+")
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
CONTROL_RE = re.compile(f"[{CONTROLS}][{CONTROLS}]*")  # not [...]+: one class first is searched much faster
# The spaces whitespace.tab and whitespace.odd-space turn into plain ones. No-break
# spaces stay: "Ã\xa0" is the mojibake of "à".
_PLAIN_SPACES = str.maketrans(dict.fromkeys("\t" + ODD_SPACES, " "))
_ODD_CHAR_RE = re.compile(f"[\t{ODD_SPACES}\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # a wide space or a control
BADNESS_REACH = 4  # ftfy's badness pattern spans at most this many characters


# What the other ftfy fixes act on: C1 controls and the Latin ligatures (and lone surrogates).
OTHER_FIXES = frozenset([*map(chr, range(0x80, 0xA0)), *map(chr, LIGATURES)])
# ftfy's badness pattern never matches a non-ASCII character that stands between
# ASCII ones, except one of these (`Ã `, `Â `, `œ.`).
BAD_ALONE = frozenset("ÂÃŒœ")


def might_be_mojibake(line: str) -> bool:
    """The cheap screen: could ftfy change this line?

    ftfy's badness pattern is tried only around the unusual characters that stand
    next to another non-ASCII character or can be bad alone: every sequence it
    flags holds one.
    """
    n = len(line)
    for m in UNUSUAL_CHAR_RE.finditer(line):
        i = m.start()
        ch = line[i]
        if ch in OTHER_FIXES or "\ud800" <= ch <= "\udfff":
            return True
        if ch in BAD_ALONE or (i and line[i - 1] >= "\x80") or (i + 1 < n and line[i + 1] >= "\x80"):
            start = max(0, i - BADNESS_REACH)
            if _looks_bad(line[start:i + 1 + BADNESS_REACH], start == 0):
                return True
    return False


@lru_cache(maxsize=16384)
def _looks_bad(window: str, at_line_start: bool) -> bool:
    """Does ftfy's badness pattern match in this window of a line? The same windows recur (a
    guillemet and the space beside it), and the pattern, a long alternation, is dear to try.

    The pattern has no look-behind and no word boundary, so a window answers as the whole
    line would there; its one `^` matches only at the line's start, hence the flag.
    """
    return BADNESS_RE.search(window if at_line_start else "\n" + window, 0 if at_line_start else 1) is not None


def _suspect_lines(text: str):
    """(start, end) of each line holding a character outside clean typography."""
    pos = 0
    while m := UNUSUAL_CHAR_RE.search(text, pos):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        yield start, end
        pos = end + 1


class Mojibake(Rule):
    """Text decoded in the wrong encoding, and other bad Unicode.

    Fixes: UTF-8 read as Windows-1252, Latin-1 or MacRoman (`dâ€™Ã©tudes` →
    `d’études`), C1 control characters, Latin ligatures, lone surrogates.
    Keeps: curly quotes, line endings, full-width characters, HTML entities, the
    Unicode normal form.
    Example: `Â« Bonjour Â»` → `« Bonjour »`.
    """

    id = "encoding.mojibake"
    summary = "Mojibake and bad Unicode repaired with ftfy (quotes are not uncurled)"
    message = "Mojibake repaired"
    respects_protected = False
    guarded = False  # the marks it writes back are the author's (Â« → «), for the quote rules to repair

    def find(self, text, ctx):
        if text.isascii():
            return
        for start, end in _suspect_lines(text):
            view, where = _as_ftfy_sees_it(text[start:end])
            if not might_be_mojibake(view):
                continue
            fixed = ftfy.fix_text(view, FTFY_CONFIG)
            if fixed == view:
                continue
            for a0, a1, replacement in _word_changes(view, fixed):
                a_start = where[a0] if a0 < len(where) else end - start
                a_end = where[a1 - 1] + 1 if a1 > a0 else a_start
                yield Edit(start + a_start, start + a_end, replacement, self.message, self.safe)


def _as_ftfy_sees_it(line: str) -> tuple[str, Sequence[int]]:
    """The line as it will be once the other rules have run, and where each of its characters was.

    Control characters are left out and tabs and odd-width spaces read as plain
    ones, so that `Â\\tx` and `Â\\x08x` are judged like `Â x` and `Âx`: otherwise a
    second run would find mojibake the first one could not see.
    """
    m = _ODD_CHAR_RE.search(line)
    if not m:
        return line, range(len(line))
    if not CONTROL_RE.search(line, m.start()):
        return line.translate(_PLAIN_SPACES), range(len(line))
    where = [i for i, ch in enumerate(line) if not CONTROL_RE.match(ch)]
    return "".join(line[i] for i in where).translate(_PLAIN_SPACES), where


def _word_changes(before: str, after: str) -> list[tuple[int, int, str]]:
    """The words that differ between a line and its repair, as (start, end, replacement).

    Compared word by word (spaces kept as tokens), so one garbled word is one edit
    and long lines cost little.
    """
    a, b = TOKEN_RE.findall(before), TOKEN_RE.findall(after)
    a_pos = [0]
    for token in a:
        a_pos.append(a_pos[-1] + len(token))
    if len(a) == len(b):  # the usual case: words repaired one for one
        opcodes = [("replace", i, i + 1, i, i + 1) for i in range(len(a)) if a[i] != b[i]]
    else:
        opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(a_pos[i0], a_pos[i1], "".join(b[j0:j1])) for op, i0, i1, j0, j1 in opcodes if op != "equal"]


CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


class ControlChars(PatternRule):
    """Invisible control characters.

    Fixes: C0 controls other than tab and line breaks, and DEL, which break
    rendering and search. Example: `Moscow\\x07 said` → `Moscow said`.
    """

    id = "encoding.control-chars"
    summary = "Control characters (other than tab and line breaks) are removed"
    message = "Control character removed"
    respects_protected = False
    pattern = CONTROL_RE
    replacement = ""

    def find(self, text, ctx):
        # Deleting bytes is far faster than a scan with a character class.
        data = text.encode("utf-8", "surrogatepass")
        if len(data.translate(None, CONTROL_BYTES)) == len(data):
            return
        yield from super().find(text, ctx)


RULES = (Mojibake(), ControlChars())
