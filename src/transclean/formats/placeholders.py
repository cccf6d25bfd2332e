"""printf and ICU placeholders, which no rule may edit in the prose of a document format.

`%s`, `%d`, `%1$d`, `%2$.1f`, `%-5s`, `%@`, `%(name)s`, `%%`; `{0}`, `{name}`, `{{name}}`,
`${name}` and ICU messages `{count, plural, one {# item} other {# items}}` (the whole
message: its branches are the program's, not the page's). A `%` before a lowercase letter
that is no conversion (`20%of`) is prose, and so is a space flag (`5 % d`) and a brace
that holds prose (`{see below}`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..model import Flag

RULE = "formats.placeholders"

_PRINTF_RE = re.compile(
    r"%%"
    r"|%\([A-Za-z_][\w.]*\)[-+0#]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%(?:[1-9]\d*\$)?[-+0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn@]"
    r"(?![a-z])"
)
# the start of a brace placeholder: {0}, {name}, {name, plural, ...}, {{name}}, ${name}, {\an8}
_BRACE_START_RE = re.compile(r"\$?\{(?=\{|\\|\s*[A-Za-z_]\w*\s*[,}]|\s*\d+\s*[,}])")


def spans(text: str) -> list[tuple[int, int]]:
    """The placeholders of the text, as sorted (start, end) spans."""
    found: list[tuple[int, int]] = []
    if "%" in text:
        found.extend(m.span() for m in _PRINTF_RE.finditer(text))
    if "{" in text:
        pos = 0
        while True:
            m = _BRACE_START_RE.search(text, pos)
            if m is None:
                break
            end = _balanced(text, m.end() - 1)
            if end is None:
                pos = m.end()
                continue
            found.append((m.start(), end))
            pos = end
    found.sort()
    return found


def _balanced(text: str, i: int) -> int | None:
    """The end of the brace group opening at i (None: it does not close on the same few lines)."""
    depth = 0
    for k in range(i, min(len(text), i + 2000)):
        ch = text[k]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return k + 1
    return None


def missing(pairs: Iterable[tuple[str, int, int, str]]) -> Iterator[Flag]:
    """A flag on each target that lacks a placeholder its source has, or has one the source lacks
    (the program would print the wrong value, or none): for review, never repaired."""
    for source, start, end, target in pairs:
        have = {target[s:e] for s, e in spans(target)} - {"%%"}
        want = {source[s:e] for s, e in spans(source)} - {"%%"}
        lost, extra = want - have, have - want
        if lost:
            yield Flag(RULE, start, end, f"placeholder {', '.join(sorted(lost))} of the source is missing from the target")
        if extra:
            yield Flag(RULE, start, end, f"placeholder {', '.join(sorted(extra))} of the target is not in the source")
