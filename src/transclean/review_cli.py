"""`transclean review` (a page to accept or reject each change) and `transclean apply` (its decisions replayed).

The review runs with the unsafe fixes applied, so that every change is there to decide:
safe ones start accepted, unsafe ones pending. `apply` gives, byte for byte, the text the
page downloads: the file with only the accepted changes, in its own encoding.
"""

from __future__ import annotations

import argparse
import os

from .decisions import DIGEST, DecisionError, Decisions, load, pick
from .folders import Target
from .model import Result
from .output import locked, say, write_file, write_stdout
from .pipeline import Pipeline
from .review import page
from .textio import Source, decode, digest, open_regular, read_fd, read_source

COMMANDS = ("review", "apply")

REVIEW_EXAMPLES = """\
examples:
  transclean review article.txt                   the page in article.txt.review.html
  transclean review article.txt -o review.html    the page in review.html
  transclean review --source-lang fr subtitles.srt   cue text only, as fix reads it
  transclean review a.txt b.md c.srt              one page for the three, in ./review.html
  transclean review -o drafts.html --exclude old/ drafts/   one page for the text files under drafts/
"""
APPLY_EXAMPLES = """\
examples:
  transclean apply article.txt --decisions article.decisions.json -o clean.txt
  transclean apply article.txt --decisions article.decisions.json --in-place
  transclean fix --format json --unsafe-fixes article.txt > decisions.json   (edit it, then:)
  transclean apply article.txt --decisions decisions.json
"""


def add_parsers(sub) -> None:
    """The `review` and `apply` subcommands."""
    from .cli import add_folder_options, add_reading_options, add_rule_options

    review = sub.add_parser(
        "review", help="write an HTML page to accept or reject each change",
        description="Write a self-contained HTML page showing every change and flag of each FILE (one page for "
                    "all the files and the text files of the folders named), to accept or reject the changes "
                    "and download each text with the accepted ones (and the decisions).",
        epilog=REVIEW_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    review.add_argument("files", nargs="+", metavar="FILE", help="the files or folders to review")
    review.add_argument("-o", "--output", metavar="OUT",
                        help="write the page to OUT; default: FILE.review.html beside FILE for one file, "
                             "review.html in the current folder for several (one page holds them all)")
    add_reading_options(review)
    add_folder_options(review, "review")
    add_rule_options(review)
    review.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")

    apply = sub.add_parser(
        "apply", help="apply the decisions of a review to a file",
        description="Write FILE with only the changes its decisions file accepts (from the review page, "
                    "or edited `fix --format json` output), in FILE's encoding; to stdout unless told otherwise.",
        epilog=APPLY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    apply.add_argument("file", metavar="FILE", help="the file reviewed")
    apply.add_argument("--decisions", required=True, metavar="JSON", help="the decisions file")
    out = apply.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT", help="write the text to OUT")
    out.add_argument("--in-place", action="store_true", help="replace FILE with the text (atomically)")


def run(args: argparse.Namespace) -> int:
    return run_review(args) if args.command == "review" else run_apply(args)


def run_review(args: argparse.Namespace) -> int:
    from .cli import UsageError, _fix_text, _given_lang, check_reading_args, found_files

    check_reading_args(args)
    if "-" in args.files:
        raise UsageError("review needs files, not standard input (the page and its decisions name the file)")
    files = found_files(args, args.files)
    if not files:
        raise UsageError("no files to review: none in the folders matches the --include patterns")
    out = _page_path(args.output, files)
    pipeline = Pipeline(source_lang=args.source_lang, unsafe=True, select=args.select, ignore=args.ignore,
                        rule_dirs=args.rules)
    documents = []
    for target in files:
        if target.error:
            raise target.error
        source = read_source(target.name, regular_only=True, lang=_given_lang(args))
        documents.append((_fix_text(pipeline, target.name, source.text, args), source))
    write_file(out, page(documents).encode("utf-8"))
    if not args.quiet:
        for result, source in documents:
            changes, flags = len(result.changes), len(result.flags)
            unsafe = sum(not c.safe for c in result.changes)
            say(f"{out}: {changes} change{'s' * (changes != 1)} ({unsafe} unsafe, pending) and "
                f"{flags} flag{'s' * (flags != 1)} of {source.name} to review")
    return 0


def _page_path(output: str | None, files: list[Target]) -> str:
    """Where the page goes: OUT, else FILE.review.html for one file named, else review.html here;
    never over a file reviewed, nor a folder."""
    from .cli import UsageError

    out = output or (files[0].name + ".review.html" if len(files) == 1 and not files[0].found else "review.html")
    if os.path.isdir(out):
        raise UsageError(f"-o {out}: a folder; the review of every file is one page: give its file name")
    real = os.path.realpath(out)
    for target in files:
        if os.path.realpath(target.name) == real:
            raise UsageError(f"{out}: is {target.name}, a file to review; give another -o")
    return out


def run_apply(args: argparse.Namespace) -> int:
    documents = load(_read(args.decisions), args.decisions)
    if args.in_place:
        with locked(args.file) as target:
            data = _applied(*_matching(target.read(), args.file, documents, args.decisions))
            if data != target.read():
                target.replace(data)
        return 0
    data = _applied(*_matching(_read(args.file), args.file, documents, args.decisions))
    if args.output:
        write_file(args.output, data)
    else:
        write_stdout(data)
    return 0


def _read(name: str) -> bytes:
    fd = open_regular(name)
    try:
        return read_fd(fd, name)
    finally:
        os.close(fd)


def _matching(data: bytes, name: str, documents: tuple[Decisions, ...], where: str) -> tuple[Source, Decisions]:
    """The file's text and its decisions, if it is the file they were made on (read in the encoding they name)."""
    own = digest(data)
    decisions = pick(documents, own, name, where)
    if decisions.digest is not None and decisions.digest != DIGEST + own.hex():
        raise DecisionError(f"{name}: not the file the decisions were made on (its digest differs: "
                            "changed since the review?); review it again")
    if decisions.encoding is None:
        return decode(data, name), decisions
    try:
        return Source(name, data.decode(decisions.encoding), decisions.encoding, own), decisions
    except (LookupError, UnicodeDecodeError):
        raise DecisionError(f"{name}: does not read as {decisions.encoding}, the encoding the decisions name") from None


def _applied(source: Source, decisions: Decisions) -> bytes:
    """The file's text with the accepted changes, in its encoding (UTF-8 if the text no longer fits it)."""
    from .cli import _encoded

    text = decisions.applied_to(source.text)
    return _encoded(source.name, source, Result(source.text, text))
