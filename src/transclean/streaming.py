"""The command line on input too long to hold: read, fixed and written chunk by chunk.

A file of STREAM_FROM bytes or more (or standard input that long), fixed to standard
output, to -o, in place, for --check or as JSON Lines, is never held whole: memory
stays flat however long it is, and the output is the same as if it were. With -j N
the chunks are spread over N processes. A --diff, --word-diff, JSON document, SARIF
log, GitHub annotations, --statistics or --interactive needs the whole text, so such a
run reads it whole (as a shorter file is read).
"""

from __future__ import annotations

import argparse
import codecs
import os
from collections.abc import Iterator

from .jobs import fix_chunks
from .model import Result
from .output import OutputError, locked, say, write_file, write_stdout
from .pipeline import Pipeline
from .progress import FilesBar
from .render import counts_summary, jsonl_end, jsonl_items, jsonl_source, review_lines
from .segments import LineTooLong
from . import textio
from .textio import InputError, Source, Stream, read_or_stream

LONGEST_LINE = 64 << 20  # characters: a longer line is not text a stream can be cut in


def may_stream(args: argparse.Namespace) -> bool:
    """Can the output be written as it comes? (Not a diff, a JSON document, a review report
    placing findings by line, statistics or a terminal review: they read each file whole.)"""
    return not (args.diff or args.word_diff or args.format in ("json", "sarif", "github")
                or args.statistics or args.interactive)


def wants_stream(name: str) -> bool:
    """Is this file (not standard input) long enough to be streamed?"""
    try:
        return os.stat(name).st_size >= textio.STREAM_FROM
    except OSError:
        return False  # reading it says why


class _Unchanged(Exception):
    """Raised at the end of a stream that changed nothing, so an in-place rewrite is dropped."""


class Outcome:
    """What streaming one file did: whether it changed, and the counts of its review."""

    def __init__(self, bar: FilesBar | None = None) -> None:
        self.bar = bar
        self.changed = False
        self.applied = self.held = self.flags = 0


def fix_streamed(args: argparse.Namespace, name: str, pipeline: Pipeline, output: str | None,
                 source: Stream | None = None, bar: FilesBar | None = None, lang: str | None = None) -> Outcome:
    """Fix one long input where the flags say (`output`: the -o file); `source` is standard input
    already opened as a stream; `bar` shows the bytes done on a terminal; `lang`, the source
    language if given, chooses among legacy encodings."""
    outcome = Outcome(bar)
    if args.in_place:
        with locked(name) as target:
            stream = _as_stream(read_or_stream(name, fd=target.fd, lang=lang))
            try:
                target.replace(_encoded(args, name, stream, pipeline, outcome, drop_unchanged=True))
            except _Unchanged:
                pass
        return outcome
    stream = source or _as_stream(read_or_stream(name, lang=lang))
    pieces = _encoded(args, name, stream, pipeline, outcome)
    if output:
        write_file(output, pieces)
    elif args.format == "text" and not args.check:
        for piece in pieces:
            write_stdout(piece)
    else:
        for _ in pieces:  # --check, or JSON Lines (written as the chunks are fixed)
            pass
    return outcome


def _as_stream(source: Source | Stream) -> Stream:
    """A file that turned out short (it shrank since) as a stream of one piece."""
    return source if isinstance(source, Stream) else Stream(source.name, source.encoding, iter((source.text,)))


def _encoded(args: argparse.Namespace, name: str, stream: Stream, pipeline: Pipeline, outcome: Outcome,
             drop_unchanged: bool = False) -> Iterator[bytes]:
    """The clean text in the input's encoding, chunk by chunk; the review goes to stderr as it comes."""
    encoder = codecs.getincrementalencoder(stream.encoding)("strict")
    lines_before = 0
    try:
        jobs = args.jobs or os.cpu_count() or 1
        for offset, result, applied in fix_chunks(pipeline, stream.pieces, jobs, LONGEST_LINE,
                                                  slim=args.format != "jsonl"):
            _review(args, name, result, offset, lines_before, applied, outcome)
            lines_before += result.original.count("\n")
            try:
                data = encoder.encode(result.text)
            except UnicodeEncodeError:
                raise OutputError(f"{name}: line {lines_before}: the clean text no longer fits {stream.encoding}; "
                                  "not written (convert the file to UTF-8 first)") from None
            if outcome.bar:
                outcome.bar.add(len(data))
            yield data
    except LineTooLong as exc:
        raise InputError(f"{name}: line {lines_before + exc.line} is longer than {LONGEST_LINE >> 20} M characters; "
                         "not text that can be fixed") from None
    if args.format == "jsonl":
        write_stdout(jsonl_end(name, outcome.changed, outcome.applied, outcome.held, outcome.flags).encode("utf-8"))
    if drop_unchanged and not outcome.changed:
        raise _Unchanged
    if not args.quiet and (outcome.applied or outcome.held or outcome.flags):
        say(counts_summary(name, outcome.applied, outcome.held, outcome.flags))


def _review(args: argparse.Namespace, name: str, result: Result, offset: int, lines_before: int, applied: int,
            outcome: Outcome) -> None:
    """Count a chunk's changes, and show its review lines (and its JSON Lines records)."""
    outcome.changed |= result.changed
    outcome.applied += applied
    outcome.held += len(result.held_back)
    outcome.flags += len(result.flags)
    if args.format == "jsonl":
        head = jsonl_source(result, name) if offset == 0 else ""
        write_stdout((head + jsonl_items(result, name)).encode("utf-8", "backslashreplace"))
    lines = [] if args.quiet else review_lines(result, name, offset, lines_before)
    if lines and outcome.bar:
        outcome.bar.clear()
    for line in lines:
        say(line)
