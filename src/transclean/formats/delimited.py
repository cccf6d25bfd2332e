"""CSV and TSV: the cells of the columns named by `--column` (a header name, or a number from 1).

The standard library's `csv` module reads the rows (delimiter: a tab for TSV; for CSV the one
its Sniffer finds among `, ; | tab`, else a comma) but gives no offsets, so a small reader
that follows the same dialect rules (RFC 4180 quoting, `""` inside quotes, any line end)
finds where each cell lies; its rows must equal what `csv.reader` reads, cell for cell, or
the file is refused. A quoted cell's text is its decoded value, and a change to it is
written back with `""` for a quote; a change that a bare cell could not hold without being
quoted (a delimiter, a quote, a line break) is dropped. Other cells, the delimiter, the
quoting and the line ends are kept.
"""

from __future__ import annotations

import csv
import io

from .core import Codec, Document, FormatError, Piece

DELIMITERS = ",;|\t"


class QuotedCell(Codec):
    def __init__(self, raw: str, quote: str) -> None:
        self.raw, self.quote = raw, quote

    def offsets(self) -> list[int]:
        out, i, q = [], 0, self.quote
        while i < len(self.raw):
            out.append(i)
            i += 2 if self.raw[i] == q else 1
        out.append(len(self.raw))
        return out

    def encode(self, text: str) -> str:
        return text.replace(self.quote, self.quote * 2)


class BareCell(Codec):
    def __init__(self, length: int, delimiter: str, quote: str) -> None:
        self.length, self.special = length, (delimiter, quote, "\r", "\n")

    def offsets(self) -> list[int]:
        return list(range(self.length + 1))

    def encode(self, text: str) -> str | None:
        return None if any(ch in text for ch in self.special) else text


def _dialect(text: str, fmt: str) -> str:
    if fmt == "tsv":
        return "\t"
    head = text[:65536]
    try:
        return csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def cells(text: str, delimiter: str, quote: str = '"'):
    """The rows of the text, each a list of (start, end, value, quoted); FormatError on an unclosed quote."""
    rows, row, i, n, line = [], [], 0, len(text), 1
    at_row_start = True
    while i < n or (not at_row_start):
        if at_row_start and i < n and text[i] in "\r\n":  # an empty line: an empty row, as csv reads it
            i += 2 if text.startswith("\r\n", i) else 1
            line += 1
            rows.append([])
            continue
        at_row_start = False
        if i < n and text[i] == quote:
            start, j, first_line = i + 1, i + 1, line
            while True:
                k = text.find(quote, j)
                if k < 0:
                    raise FormatError("a quoted cell is never closed", first_line)
                if text.startswith(quote * 2, k):
                    j = k + 2
                    continue
                break
            raw = text[start:k]
            line += raw.count("\n") + (raw.count("\r") - raw.count("\r\n"))
            row.append((start, k, raw.replace(quote * 2, quote), True))
            i = k + 1
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                raise FormatError(f"{text[i]!r} after a closing quote (a quote inside a quoted cell is written \"\")",
                                  line)
        else:
            j = i
            while j < n and text[j] not in (delimiter, "\r", "\n"):
                j += 1
            row.append((i, j, text[i:j], False))
            i = j
        if i < n and text[i] == delimiter:
            i += 1
            if i >= n:
                row.append((i, i, "", False))
            else:
                continue
        rows.append(row)
        row, at_row_start = [], True
        if i < n:
            i += 2 if text.startswith("\r\n", i) else 1
            line += 1
        if i >= n:
            break
    return rows


def read(text: str, fmt: str, columns: tuple[str, ...]) -> Document:
    body = text[1:] if text.startswith("\ufeff") else text
    offset = len(text) - len(body)
    delimiter, rows, records = _reading(body, fmt, columns)
    header = rows[0] if rows else []
    wanted, skip_header = _columns(columns or ("text",), [c[2] for c in header], fmt, given=bool(columns))
    units = []
    for r in rows[1 if skip_header else 0:]:
        for k in wanted:
            if k < len(r):
                start, end, value, quoted = r[k]
                if not value.strip():
                    continue
                codec = QuotedCell(body[start:end], '"') if quoted else BareCell(end - start, delimiter, '"')
                units.append([Piece(offset + start, offset + end, value, [], codec)])
    return Document(text, units, fmt, records)


def _reading(body: str, fmt: str, columns: tuple[str, ...]):
    """(delimiter, rows, number of rows): the sniffer's guess, unless another delimiter reads the file
    as rows of one width with the named columns in the header and the guess does not (or cannot
    read it at all: then its error is the file's)."""
    first = _dialect(body, fmt)
    candidates = [first] if fmt == "tsv" else [first, *(d for d in DELIMITERS if d != first)]
    named = [c for c in columns or ("text",) if not c.isdigit()]
    readings, failure = [], None
    for delimiter in candidates:
        try:
            rows, records = _rows(body, delimiter, fmt)
        except FormatError as exc:
            failure = failure or exc
            continue
        header = [c[2] for c in rows[0]] if rows else []
        if len({len(r) for r in rows if r}) <= 1 and all(c in header for c in named):
            return delimiter, rows, records
        if delimiter == first:
            readings.append((delimiter, rows, records))
    if readings:  # the guess reads the file, if not as well as one would like
        return readings[0]
    assert failure is not None
    raise failure  # why the guess does not read it


def _rows(body: str, delimiter: str, fmt: str):
    """The cells of each row with their spans, checked against csv.reader, and the number of rows."""
    rows = cells(body, delimiter)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    expected = []
    try:
        for r in reader:
            expected.append(r)
    except csv.Error as exc:
        raise FormatError(f"not valid {fmt.upper()} ({exc})", reader.line_num) from None
    if [[c[2] for c in r] for r in rows] != expected:
        raise FormatError(f"the cells of this {fmt.upper()} file could not be located")
    return rows, len(expected)


def _columns(columns: tuple[str, ...], header: list[str], fmt: str, given: bool) -> tuple[list[int], bool]:
    """The indexes of the columns to repair, and whether the first row is a header (a column was named)."""
    wanted, named = [], False
    for c in columns:
        if c.isdigit() and int(c) >= 1:
            wanted.append(int(c) - 1)
        elif c in header:
            wanted.append(header.index(c))
            named = True
        elif given:
            raise FormatError(f"no column '{c}' (the header has: {', '.join(header)}; or give a number from 1)")
        else:
            raise FormatError(f"which columns hold the prose? name them with --column (the header has: "
                              f"{', '.join(header)})")
    return sorted(set(wanted)), named
