"""The command line: `transclean fix` and `transclean rules` (`review` and `apply`: review_cli.py).

Exit codes: 0 ok, 1 --check found changes, 2 usage or input error (one line on
stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, annotate, formats, interactive, review_cli
from .langid import NAMES
from .model import Result
from .config import find_config
from .decisions import DecisionError
from .packs import PackError, builtin_packs, load_packs
from .folders import DEFAULT_INCLUDE, Target, is_folder, targets
from .jobs import WorkerError, fix_all, job_count
from .output import OutputError, locked, say, write_file, write_stdout
from .pipeline import Pipeline, UnknownRuleError, all_rules
from .progress import FilesBar
from .render import Progress, jsonl_end, jsonl_items, jsonl_source, printable, review_lines, summary, to_json, word_diff
from .rule import AUTO
from .statistics import Statistics
from .streaming import fix_streamed, may_stream, wants_stream
from .textio import InputError, Source, Stream, decode, digest, encode, read_or_stream, read_source

SOURCE_LANGS = (AUTO, *sorted(NAMES))
STREAMED = object()  # a long file, read and fixed chunk by chunk when its turn comes
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

FIX_EXAMPLES = """\
examples:
  transclean fix article.txt                      clean text on stdout
  transclean fix --diff article.txt               what would change, as a patch
  transclean fix --word-diff article.txt          changes inline, with the rule behind each
  transclean fix --source-lang fr --unsafe-fixes -o clean.txt article.txt
  transclean fix --format json article.txt        text, changes and flags for a program
  transclean fix -j 2 -o clean.txt corpus.txt     a long file in chunks over two processes
  transclean fix --check *.txt                    exit 1 if any file would change
  transclean fix --diff subtitles.srt             cue text repaired; numbers, timings and tags kept
  transclean fix --field messages[].content chats.jsonl   the named string fields of each JSON line
  transclean fix --column target -o clean.csv memory.csv  one column of a CSV file
  transclean fix --in-place -j 0 articles/        repair a folder's text files, one process per CPU
  transclean fix --check --exclude drafts/ docs/  exit 1 if any file in docs/ (but drafts/) would change
  transclean fix -o clean/ articles/              the clean texts in a mirror of the folder
  transclean fix --check --statistics docs/       counts per rule, ruff style
  transclean fix --format sarif docs/ > transclean.sarif   for GitHub code scanning and editors
  transclean fix --format github docs/            annotations in a GitHub Actions log (exit 1 if any change)
  transclean fix --interactive article.txt        review each change like `git add -p`, then write the file
  cat article.txt | transclean fix --ignore glossary,names
"""


class UsageError(Exception):
    """A flag combination that makes no sense; exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line like every other error of ours."""

    def error(self, message: str):
        self.exit(2, printable(f"transclean: {message} (see `{self.prog} --help`)") + "\n")


def _comma_separated(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"--jobs takes a number of processes (0: one per CPU), not '{value}'")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="transclean",
        description="Repair the surface damage machine translation leaves in English text.",
    )
    parser.add_argument("--version", action="version", version=f"transclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    fix = sub.add_parser(
        "fix", help="repair text files (or standard input)",
        description="Repair text files; clean text goes to stdout unless told otherwise.",
        epilog=FIX_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fix.add_argument("files", nargs="*", metavar="FILE",
                     help="input files or folders; '-' or none reads standard input")
    out = fix.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT",
                     help="write the clean text to OUT (for a folder: a mirror of it in the folder OUT)")
    out.add_argument("--in-place", action="store_true", help="replace each FILE with its clean text (atomically)")
    mode = fix.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff (patch-compatible)")
    mode.add_argument("--word-diff", action="store_true", help="print the text with [-old-]{+new+}⟨rule⟩ inline")
    mode.add_argument("--format", choices=("text", "json", "jsonl", "sarif", "github"), default="text",
                      help="json: {text, changes, flags} with offsets into the input; "
                           "jsonl: one record per change and flag, written as they come (for long inputs); "
                           "sarif: a SARIF 2.1.0 log with the fixes (code scanning, editors); "
                           "github: GitHub Actions annotations (exit 1 if anything would change)")
    mode.add_argument("--check", action="store_true", help="print nothing; exit 1 if anything would change")
    mode.add_argument("--interactive", action="store_true",
                      help="review each change on the terminal (y/n/a/d/u/q/?), then write the accepted ones "
                           "into each FILE (atomically); unsafe fixes are offered too")
    fix.add_argument("--statistics", action="store_true",
                     help="after the run, counts per rule on stderr ([*] safe fix, [-] unsafe fix, no mark: "
                          "flag) with the totals; with --format json, also a statistics member per file")
    add_reading_options(fix)
    fix.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    add_rule_options(fix)
    fix.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                     help="fix files in N processes at once (0: one per CPU; default 1)")
    add_folder_options(fix, "fix")
    fix.add_argument("--keep-going", action="store_true",
                     help="after a file that cannot be read or written, go on with the others (exit 2 at the end)")
    fix.add_argument("-q", "--quiet", action="store_true", help="no summary, review lines or progress on stderr")

    rules = sub.add_parser("rules", help="list the rules in pipeline order")
    rules.add_argument("--explain", metavar="ID", help="print one rule's documentation")
    rules.add_argument("--packs", action="store_true", help="list the rule packs with their entry counts")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR", help="include a folder of rule packs")
    review_cli.add_parsers(sub)

    server = sub.add_parser(
        "server", help="a language server on stdio: diagnostics and quick fixes for text and Markdown",
        description="Run a Language Server (LSP) on standard input and output: diagnostics for plain-text and "
                    "Markdown documents, a quick fix per change and one to apply every safe fix. "
                    "Needs the server extra: pip install 'transclean[server]'.",
    )
    server.add_argument("--source-lang", metavar="LANG", type=str.lower,
                        help=f"language the text was translated from: {', '.join(SOURCE_LANGS)} (default: auto)")
    add_rule_options(server)
    return parser


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """The flags that say how to read a file: its format, the fields or columns of prose, the source language."""
    parser.add_argument("--input-format", choices=formats.FORMATS, metavar="FORMAT",
                        help="read every file as " + "|".join(formats.FORMATS) + " (default: by extension: "
                             ".md .html .srt .vtt .jsonl .json .csv .tsv .xlf .po; anything else is text)")
    parser.add_argument("--field", type=_comma_separated, action="append", default=[], metavar="PATHS",
                        help="JSON and JSON Lines: the string fields to repair, as dotted paths "
                             "(messages[].content; comma-separated, repeatable; default: text)")
    parser.add_argument("--column", type=_comma_separated, action="append", default=[], metavar="COLUMNS",
                        help="CSV and TSV: the columns to repair, by header name or number from 1 "
                             "(comma-separated, repeatable; default: the column named text)")
    parser.add_argument("--attributes", type=_comma_separated, action="append", default=[], metavar="NAMES",
                        help="HTML: also repair the values of these attributes (alt,title; comma-separated)")
    parser.add_argument("--source-lang", metavar="LANG", type=str.lower,
                        help=f"language the text was translated from: {', '.join(SOURCE_LANGS)} (default: auto)")


def add_folder_options(parser: argparse.ArgumentParser, verb: str) -> None:
    """--include and --exclude: which files of a folder named are taken."""
    parser.add_argument("--include", type=_comma_separated, action="append", metavar="GLOBS",
                        help=f"in folders, {verb} the files matching these gitignore-style patterns "
                             f"(comma-separated, repeatable; default: {','.join(DEFAULT_INCLUDE)})")
    parser.add_argument("--exclude", type=_comma_separated, action="append", default=[], metavar="GLOBS",
                        help="in folders, skip the files and folders matching these patterns")


def found_files(args: argparse.Namespace, names: list[str]) -> list[Target]:
    """The files named and those found in the folders named, as --include and --exclude say."""
    return list(targets(names, _included(args), [p for group in args.exclude for p in group]))


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    """The flags that choose the rules and add rule packs."""
    parser.add_argument("--select", type=_comma_separated, default=[], metavar="IDS",
                        help="only these rules (comma-separated ids or prefixes, e.g. quotes,punctuation.orphan)")
    parser.add_argument("--ignore", type=_comma_separated, default=[], metavar="IDS",
                        help="skip these rules (ids or prefixes)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="add a folder of rule packs (DIR/glossary/*.toml, DIR/names/*.toml); repeatable")


def _apply_config(args: argparse.Namespace) -> None:
    """Fill what the command line left open from pyproject.toml / transclean.toml."""
    config = find_config(Path.cwd())
    for line in config.skipped:
        say(f"transclean: {line}")
    args.rules = [*map(str, config.rules), *args.rules]
    if args.command in ("fix", "review", "server"):
        args.source_lang = args.source_lang or (config.source_lang or AUTO).lower()
        args.select = args.select or list(config.select)
        args.ignore = [*config.ignore, *args.ignore]
    if args.command == "fix":
        args.unsafe_fixes = args.unsafe_fixes or config.unsafe_fixes


def _check_fix_args(args: argparse.Namespace) -> list[Target]:
    """The files to fix, once the flags are known to make sense together."""
    names = args.files or ["-"]
    check_reading_args(args)
    if args.in_place and "-" in names:
        raise UsageError("--in-place needs files, not standard input")
    if args.output and len(names) > 1:
        raise UsageError("-o takes one input file or folder; use --in-place for several")
    if args.interactive and (reason := interactive.refusal(args, names)):
        raise UsageError(reason)
    folders = [name for name in names if is_folder(name)]
    if folders:
        _check_folder_output(args, folders[0])
    return found_files(args, names)


def check_reading_args(args: argparse.Namespace) -> None:
    """Settle how files are read (args.read_as) and check the source language."""
    args.read_as = formats.Options(args.input_format, tuple(p for group in args.field for p in group),
                                   tuple(c for group in args.column for c in group),
                                   tuple(a for group in args.attributes for a in group))
    for path in args.read_as.fields:
        try:
            formats.parse_path(path)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    _check_source_lang(args)


def _check_source_lang(args: argparse.Namespace) -> None:
    if args.source_lang not in SOURCE_LANGS:
        raise UsageError(f"unknown source language '{args.source_lang}' (one of: {', '.join(SOURCE_LANGS)})")


def _included(args: argparse.Namespace) -> list[str]:
    """The --include patterns, or the default ones."""
    return [p for group in args.include for p in group] if args.include else list(DEFAULT_INCLUDE)


def _check_folder_output(args: argparse.Namespace, folder: str) -> None:
    """A folder's clean texts go back into it, into a mirror of it (-o), or nowhere (a diff, a check, JSON)."""
    if args.output:
        out, inside = os.path.realpath(args.output), os.path.realpath(folder)
        if os.path.exists(out) and not os.path.isdir(out):
            raise UsageError(f"-o {args.output}: not a folder (a folder's clean texts go into a folder)")
        if out == inside or out.startswith(inside + os.sep):
            raise UsageError(f"-o {args.output}: inside the folder it would mirror; use --in-place to rewrite it")
    elif not (args.in_place or args.check or args.diff or args.interactive
              or args.format in ("json", "jsonl", "sarif", "github")):
        raise UsageError(f"{folder} is a folder: give --in-place, -o OUTDIR, --diff or --check "
                         "(the clean texts of many files on standard output would run together)")


class _Tally:
    """Which files changed (or would: `wrote` says whether files are written) and which failed."""

    def __init__(self, total: int, wrote: bool) -> None:
        self.total, self.wrote = total, wrote
        self.changed: list[str] = []
        self.failed: list[str] = []

    def summary(self) -> str:
        unchanged = self.total - len(self.changed) - len(self.failed)
        parts = [f"{len(self.changed)} {'changed' if self.wrote else 'would change'}", f"{unchanged} unchanged"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed: {', '.join(self.failed)}")
        return f"transclean: {self.total} file{'s' * (self.total != 1)}: {', '.join(parts)}"


def run_fix(args: argparse.Namespace) -> int:
    files = _check_fix_args(args)
    pipeline = Pipeline(  # bad rules or packs are reported before any file is read
        source_lang=args.source_lang, unsafe=args.unsafe_fixes or args.interactive,
        select=args.select, ignore=args.ignore, rule_dirs=args.rules,
    )
    if args.interactive:
        return interactive.review(
            [t.name for t in files], lambda name: read_source(name, regular_only=True, lang=_given_lang(args)),
            lambda name, text: _fix_text(pipeline, name, text, args), _encoded)
    results: list[tuple[str, Result]] = []  # kept for JSON and SARIF only: a long run holds one result at a time
    statistics = Statistics({r.id: r.summary for r in pipeline.rules}) if args.statistics else None
    tally = _Tally(len(files), wrote=args.in_place or bool(args.output))
    several = len(files) > 1 or any(t.found for t in files)  # a folder's results are listed even if one
    if not files and not args.quiet:
        say(f"transclean: no files to fix: none in the folders matches {','.join(_included(args))} (see --include)")
    bar, progress = _displays(args, files)
    shown = bar or progress

    def report(item, text):
        return progress.for_file(item[0].name, text) if progress else None

    try:
        for (target, source, error), result in fix_all(pipeline, _sources(files, args),
                                                       job_count(args.jobs, len(files)), report):
            if shown:
                shown.clear()
            try:
                if error:
                    raise error
                if source is STREAMED or isinstance(source, Stream):
                    output = _output_path(args.output, target) if args.output else None
                    stream = source if isinstance(source, Stream) else None
                    streamed_bar = bar or _stream_bar(args, target)
                    try:
                        changed = fix_streamed(args, target.name, pipeline, output, stream, streamed_bar,
                                               _given_lang(args)).changed
                        if streamed_bar and not bar:
                            streamed_bar.advance(target.size)
                    finally:
                        if streamed_bar and not bar:
                            streamed_bar.close()
                    if changed:
                        tally.changed.append(target.name)
                else:
                    done = _emit(args, target, source, result, pipeline)
                    _settle(args, tally, results, target.name, done)
                    if statistics:
                        statistics.add(done)
            except (InputError, OutputError) as exc:
                if not args.keep_going:
                    raise
                say(f"transclean: {exc}")
                tally.failed.append(target.name)
            if bar:
                bar.advance(target.size)
    finally:
        if bar:
            bar.close()
    if args.format == "json":
        # a file name that is not UTF-8 holds lone surrogates: as \udcXX escapes they are
        # valid JSON, and os.fsencode(json.loads(...)["file"]) gives the name's bytes back
        extra = (lambda r: {"statistics": Statistics(statistics.summaries, [r]).to_dict()}) if statistics else None
        write_stdout(to_json(results, listed=several, extra=extra).encode("utf-8", "backslashreplace"))
    elif args.format == "sarif":
        rules = {r.id: r for r in pipeline.rules}
        write_stdout(annotate.sarif(results, rules).encode("utf-8", "backslashreplace"))
    if statistics:
        for line in statistics.lines():
            say(line)
    if args.check and not args.quiet:
        for name in tally.changed:
            say(f"would change {name}")
    if tally.failed or (several and not args.quiet):
        say(tally.summary())
    return 2 if tally.failed else 1 if (args.check or args.format == "github") and tally.changed else 0


def _displays(args: argparse.Namespace, files: list[Target]) -> tuple[FilesBar | None, Progress | None]:
    """On a terminal (unless -q): a bar for several files, a step line for one long text."""
    if args.quiet or sys.stderr is None or not sys.stderr.isatty():
        return None, None
    if len(files) > 1:
        return FilesBar(sys.stderr, len(files), sum(t.size for t in files)), None
    return None, Progress(sys.stderr)


def _stream_bar(args: argparse.Namespace, target: Target) -> FilesBar | None:
    """The bar of one long file fixed chunk by chunk, on a terminal (unless -q)."""
    if args.quiet or sys.stderr is None or not sys.stderr.isatty():
        return None
    try:
        size = os.stat(target.name).st_size if target.name != "-" else 0
    except OSError:
        size = 0
    return FilesBar(sys.stderr, 1, size or None)


def _settle(args: argparse.Namespace, tally: _Tally, results: list, name: str, result: Result) -> None:
    """Count a file done, keep its result for JSON and SARIF (or print its GitHub annotations: those of
    what was written, in place), and show its review lines."""
    if args.format in ("json", "sarif"):
        results.append((name, result))
    elif args.format == "github":
        write_stdout(annotate.github(result, name).encode("utf-8", "surrogateescape"))
    if result.changed:
        tally.changed.append(name)
    if not args.quiet:
        for line in review_lines(result, name):
            say(line)
        if result.changes or result.flags:
            say(summary(result, name))


def _given_lang(args: argparse.Namespace) -> str | None:
    """The source language given, which chooses among legacy encodings; None for auto."""
    return None if args.source_lang == AUTO else args.source_lang


def _sources(files: list[Target], args: argparse.Namespace):
    """((target, source, error), text) for each file; a file that cannot be read carries its error."""
    streams = may_stream(args)
    for target in files:
        try:
            if target.error:
                raise target.error
            structured = formats.format_of(target.name, args.read_as) != "text"
            if streams and target.name == "-" and not structured:
                source = read_or_stream("-", lang=_given_lang(args))
            elif streams and not structured and wants_stream(target.name):
                source = STREAMED  # opened when its turn comes (in place: under the lock)
            else:
                source = read_source(target.name, regular_only=args.in_place or target.found, lang=_given_lang(args))
            if not isinstance(source, Source):
                yield (target, source, None), ""
                continue
            document = _document(target.name, source.text, args) if structured else source.text
        except InputError as exc:
            yield (target, None, exc), ""
        else:
            yield (target, source, None), document


def _document(name: str, text: str, args: argparse.Namespace) -> formats.Document:
    """A file read in its format; one that does not parse is an input error, never fixed as text."""
    fmt = formats.format_of(name, args.read_as)
    try:
        return formats.read(text, fmt, args.read_as)
    except formats.FormatError as exc:
        where = f"{printable(name)}:{exc.line}" if exc.line else printable(name)
        raise InputError(f"{where}: {exc} (read as {fmt}; --input-format text fixes it as plain text)") from None


def _fix_text(pipeline: Pipeline, name: str, text: str, args: argparse.Namespace) -> Result:
    """Fix a file's text as its format says."""
    if formats.format_of(name, args.read_as) == "text":
        return pipeline.fix(text)
    return formats.fix(pipeline, _document(name, text, args))


def _emit(args: argparse.Namespace, target: Target, source: Source, result: Result, pipeline: Pipeline) -> Result:
    """Write one file's result where the flags say; the result of an in-place rewrite may be newer."""
    name = target.name
    if args.in_place:
        return _rewrite(name, source, result, pipeline, args)
    if args.output:
        write_file(_output_path(args.output, target), _encoded(name, source, result))
    elif args.diff:
        write_stdout(result.diff(name).encode("utf-8", "surrogateescape"))
    elif args.word_diff:
        write_stdout(word_diff(result, colour=sys.stdout is not None and sys.stdout.isatty()).encode("utf-8"))
    elif args.format == "text" and not args.check:
        write_stdout(result.text.encode("utf-8"))
    elif args.format == "jsonl":
        applied, held = sum(c.applied for c in result.changes), len(result.held_back)
        records = jsonl_source(result, name) + jsonl_items(result, name) + jsonl_end(
            name, result.changed, applied, held, len(result.flags))
        write_stdout(records.encode("utf-8", "backslashreplace"))
    return result


def _output_path(output: str, target: Target) -> str:
    """-o OUT for a file named; OUT/<its path in the folder> for a file found in a folder, folders made."""
    if not target.found:
        return output
    path = os.path.join(output, target.relative)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{os.path.dirname(path)}: cannot make the folder ({exc.strerror})") from None
    return path


def _rewrite(name: str, source: Source, result: Result, pipeline: Pipeline, args: argparse.Namespace) -> Result:
    """Replace FILE with its clean text, under a lock.

    If the file changed since it was read (another run rewrote it), what it
    holds now is fixed and written instead, and that result is returned.
    """
    with locked(name) as target:
        current = target.read()
        if digest(current) != source.digest:
            source = decode(current, name, _given_lang(args))
            result = _fix_text(pipeline, name, source.text, args)
        if result.changed:
            target.replace(_encoded(name, source, result))
    return result


def _encoded(name: str, source: Source, result: Result) -> bytes:
    """The clean text in the input's encoding, or in UTF-8 (said on stderr) when it no longer fits."""
    data, written_as = encode(result.text, source.encoding)
    if written_as != source.encoding and result.changed:
        say(f"{name}: written as {written_as} (the text no longer fits {source.encoding})")
    return data


def run_rules(args: argparse.Namespace) -> int:
    """List the rules or packs, or explain one; what comes from user packs is shown printable."""
    text = "\n".join(_rules_listing(args))
    write_stdout("".join(f"{printable(line)}\n" for line in text.split("\n")).encode("utf-8"))
    return 0


def _rules_listing(args: argparse.Namespace) -> list[str]:
    if args.packs:
        packs = load_packs(tuple(map(Path, args.rules)), builtin_packs())
        width = max(len(p.id) for p in packs)
        return [f"{p.id:<{width}}  {len(p.entries):>5} entries  {_languages(p):<11}  {p.path}"
                for p in packs]
    rules = all_rules(args.rules)
    if args.explain:
        match = [r for r in rules if r.id == args.explain]
        if not match:
            raise UnknownRuleError(f"unknown rule '{args.explain}' (see `transclean rules`)")
        rule = match[0]
        return [f"{rule.id} ({'safe' if rule.safe else 'unsafe'})\n\n{rule.explain()}"]
    width = max(len(r.id) for r in rules)
    return [f"{r.id:<{width}}  {'safe  ' if r.safe else 'unsafe'}  {_languages(r):<5}  {r.summary}"
            for r in rules]


def _languages(rule_or_pack) -> str:
    return ",".join(sorted(rule_or_pack.languages)) or "all"


def main(argv: Sequence[str] | None = None) -> int:
    _guard_standard_descriptors()
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past `ulimit -f`, a write fails (EFBIG) instead of killing us
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in ("fix", "rules", "review", "server"):
            _apply_config(args)
        if args.command == "fix":
            return run_fix(args)
        if args.command == "rules":
            return run_rules(args)
        if args.command in review_cli.COMMANDS:
            return review_cli.run(args)
        if args.command == "server":
            _check_source_lang(args)
            try:
                from .server import serve
            except ImportError as exc:
                raise UsageError(f"transclean server needs pygls ({exc.name} is not installed): "
                                 "pip install 'transclean[server]'") from None
            return serve(args)
        parser.print_help(sys.stderr)
        return 2
    except (UsageError, InputError, OutputError, PackError, UnknownRuleError, WorkerError, DecisionError) as exc:
        say(f"transclean: {exc}")
        return 2
    except KeyboardInterrupt as exc:
        say(f"transclean: interrupted{f' ({exc})' if str(exc) else ''}")
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: still one line, never a traceback
        say(f"transclean: internal error: {type(exc).__name__}: {exc}")
        return 2


def _stop(signum: int, frame) -> None:
    """SIGTERM, SIGHUP (and SIGINT) unwind like Ctrl-C, so temporary files are removed on the way out."""
    for other in STOP_SIGNALS:  # a second signal must not cut the clean-up short
        signal.signal(other, signal.SIG_IGN)
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _guard_standard_descriptors() -> None:
    """Open /dev/null on a closed descriptor 0, 1 or 2, so no file we open takes its number.

    sys.stdin and the others stay None: reading or writing them is still reported.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


if __name__ == "__main__":
    sys.exit(main())
