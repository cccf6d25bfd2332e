"""Lines and columns of offsets into a text, counted as editors and CI tools count them.

A line ends at CR LF, CR or LF (as LSP and SARIF say; a form feed or U+2028 does not end
one). A column counts the code units of an encoding from the start of the line: UTF-16 by
default (LSP's default and SARIF's `utf16CodeUnits`), or UTF-8 or UTF-32 (code points).
"""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
UNITS = {  # the code units a text takes in each encoding of columns
    "utf-8": lambda text: len(text.encode("utf-8", "surrogatepass")),
    "utf-16": lambda text: len(text.encode("utf-16-le", "surrogatepass")) // 2,
    "utf-32": len,
}


class Lines:
    """Where the lines of a text start, to place code-point offsets into it."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text, self.units = text, UNITS[encoding]
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """The line (from 0) and column (code units from 0) of a code-point offset.

        An offset between the CR and the LF of a line break is placed at the end of its line.
        """
        line = bisect_right(self.starts, offset) - 1
        return line, self.units(self.text[self.starts[line]:offset])

