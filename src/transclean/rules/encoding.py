"""Encoding: mojibake and control characters.

ftfy does the mojibake repair, but only on the lines a cheap screen picks: ftfy's
own badness pattern, C1 controls, ligatures and lone surrogates. Its restyling
fixes are off: curly quotes stay curly, line breaks, character widths, HTML
entities and Unicode normalisation are left as the document has them.
"""

from __future__ import annotations

import difflib
import re

import ftfy
from ftfy.badness import BADNESS_RE

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
# Characters other than mojibake that the ftfy fixes above would act on.
OTHER_SCREEN_RE = re.compile("[\x80-\x9f\ufb00-\ufb06\ud800-\udfff]")
LINE_RE = re.compile(r"[^\n]+")


def might_be_mojibake(line: str) -> bool:
    """The cheap screen: could ftfy change this line?"""
    return line.isascii() is False and bool(BADNESS_RE.search(line) or OTHER_SCREEN_RE.search(line))


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

    def find(self, text, ctx):
        if text.isascii():
            return
        for m in LINE_RE.finditer(text):
            line = m.group()
            if not might_be_mojibake(line):
                continue
            fixed = ftfy.fix_text(line, FTFY_CONFIG)
            if fixed == line:
                continue
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            for a0, a1, b0, b1 in _grouped(matcher.get_opcodes()):
                yield Edit(m.start() + a0, m.start() + a1, fixed[b0:b1], self.message, self.safe)


def _grouped(opcodes):
    """Changed runs, joined where less than a word apart, so one garbled word is one edit."""
    spans: list[tuple[int, int, int, int]] = []
    for op, a0, a1, b0, b1 in opcodes:
        if op == "equal":
            continue
        if spans and a0 - spans[-1][1] <= 2:
            spans[-1] = (spans[-1][0], a1, spans[-1][2], b1)
        else:
            spans.append((a0, a1, b0, b1))
    return spans


class ControlChars(PatternRule):
    """Invisible control characters.

    Fixes: C0 controls other than tab and line breaks, and DEL, which break
    rendering and search. Example: `Moscow\\x07 said` → `Moscow said`.
    """

    id = "encoding.control-chars"
    summary = "Control characters (other than tab and line breaks) are removed"
    message = "Control character removed"
    pattern = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
    replacement = ""


RULES = (Mojibake(), ControlChars())
