"""Markdown (CommonMark, with tables and strikethrough, and YAML or TOML front matter).

The blocks come from markdown-it-py, a CommonMark-compliant parser that gives each block
the lines it spans; the prose is the inline content of paragraphs, headings and table
cells (link and image text included). Inside it, the spans the parser's own inline rules
consume as syntax — code spans, autolinks, raw HTML, entities, backslash escapes, hard
breaks, emphasis delimiters, link destinations, titles and reference labels — are kept:
the rules are wrapped to record where each one matched. Code blocks, HTML blocks, link
reference definitions and front matter are not prose at all, and a line's container
markers (`>`, list bullets, indentation) lie outside the pieces.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .core import Document, Piece, Unit

# what the inline rules consume that is syntax, never prose
_SYNTAX = frozenset({"backticks", "autolink", "html_inline", "entity", "escape", "emphasis", "strikethrough",
                     "linkify", "newline"})
_FRONT_RE = re.compile(r"\A(\ufeff?)(---|\+\+\+)[ \t]*\r?\n")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    ruler = md.inline.ruler
    for rule in ruler.__rules__:
        rule.fn = _recording(rule.name, rule.fn)
    ruler.__cache__ = None
    return md


def _recording(name: str, fn):
    """The inline rule, noting in env["spans"] the span of source it consumed."""
    def rule(state, silent):
        start = state.pos
        ok = fn(state, silent)
        spans = state.env.get("spans")
        if ok and not silent and spans is not None:
            end = state.pos
            if name in _SYNTAX:
                spans.append((start, end))
            elif name in ("link", "image"):
                opening = start + (2 if name == "image" else 1)
                state.pos = start + (1 if name == "image" else 0)
                label_end = state.md.helpers.parseLinkLabel(state, state.pos, False)
                state.pos = end
                spans.append((start, opening))
                spans.append((label_end if label_end >= 0 else opening, end))
        return ok
    return rule


_MD: MarkdownIt | None = None


def read(text: str) -> Document:
    global _MD
    if _MD is None:
        _MD = _parser()
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    plain = [line[:-1] if line.endswith("\r") else line for line in lines]
    source = list(plain)
    if source and source[0].startswith("\ufeff"):
        source[0] = source[0][1:]
    for k in range(_front_matter(plain)):
        source[k] = ""  # front matter is no prose: the parser sees blank lines in its place
    env: dict = {}
    tokens = _MD.parse("\n".join(source), env)
    units: list[Unit] = []
    blocks = 0
    cursors: dict[int, int] = {}  # for each table row, where its next cell may start
    for k, tok in enumerate(tokens):
        if tok.type != "inline" or tok.map is None:
            continue
        blocks += 1
        parent = tokens[k - 1].type
        env["spans"] = []
        _MD.inline.parse(tok.content, _MD, env, [])
        spans, env["spans"] = env["spans"], None
        if parent == "paragraph_open" or (parent == "heading_open" and tok.map[1] - tok.map[0] > 1):
            located = _paragraph_lines(tok.content, plain, tok.map[0])
        else:  # an ATX heading or a table cell: one line
            located = _one_line(tok.content, plain[tok.map[0]], tok.map[0], tokens[k - 1].type, cursors)
        if located is None:
            continue  # the content does not map onto the lines exactly (a tab cut by an indent): left as it is
        if len(located) == 1 and located[0][3] != tok.content:  # a cell's pipes, escaped again as written
            env["spans"] = []
            _MD.inline.parse(located[0][3], _MD, env, [])
            spans, env["spans"] = env["spans"], None
        unit = []
        for line_no, col, cstart, ctext in located:
            lead = len(ctext) - len(ctext.lstrip(" \t"))
            body = ctext[lead:]
            if not body:
                continue
            lo, hi = cstart + lead, cstart + len(ctext)
            keep = [(max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if s < hi and e > lo]
            begin = starts[line_no] + col + lead
            unit.append(Piece(begin, begin + len(body), body, keep))
        if unit:
            units.append(unit)
    return Document(text, units, "md", blocks)


def _front_matter(lines: list[str]) -> int:
    """How many lines at the top are YAML (---) or TOML (+++) front matter."""
    if not lines:
        return 0
    first = lines[0].lstrip("\ufeff").rstrip()
    if first not in ("---", "+++"):
        return 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for k in range(1, len(lines)):
        if lines[k].rstrip() in closers:
            return k + 1
    return 0


def _paragraph_lines(content: str, lines: list[str], first: int):
    """(line number, column, offset in the content, text) for each line of a block's content."""
    out, cpos = [], 0
    parts = content.split("\n")
    for i, part in enumerate(parts):
        line = lines[first + i] if first + i < len(lines) else None
        if line is None:
            return None
        if line.startswith("\ufeff") and first + i == 0:
            line = " " + line[1:]  # columns stay those of the file
        body = line if i < len(parts) - 1 else line.rstrip(" \t")
        if not body.endswith(part):
            return None
        out.append((first + i, len(body) - len(part), cpos, part))
        cpos += len(part) + 1
    return out


def _one_line(content: str, line: str, line_no: int, parent: str, cursors: dict[int, int]):
    """Where the content of a heading or a table cell lies on its line."""
    if not content:
        return None
    if parent in ("th_open", "td_open"):
        col = line.find(content, cursors.get(line_no, 0))
        if col < 0 and "|" in content:  # the parser unescapes the pipes of a cell (`a \| b`)
            content = content.replace("|", "\\|")
            col = line.find(content, cursors.get(line_no, 0))
        if col >= 0:
            cursors[line_no] = col + len(content)
    else:
        col = line.find(content, line.index("#") + 1 if "#" in line else 0)
    if col < 0:
        return None
    return [(line_no, col, 0, content)]
