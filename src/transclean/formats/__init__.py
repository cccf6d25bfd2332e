"""Document formats: the prose of a file fixed, every byte of its structure kept (see core.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Result
from .core import Document, FormatError, fix_document
from .jsonfmt import parse_path

FORMATS = ("md", "html", "srt", "vtt", "jsonl", "json", "csv", "tsv", "xliff", "po", "text")
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".srt": "srt", ".vtt": "vtt", ".jsonl": "jsonl",
              ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
              ".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff"}
DEFAULT_FIELDS = ("text",)


@dataclass(frozen=True, slots=True)
class Options:
    """How to read the files: the format (None: by extension), the JSON fields, CSV columns and HTML attributes."""

    format: str | None = None
    fields: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()  # HTML: the attributes whose values are prose (alt, title)


def format_of(name: str, options: Options) -> str:
    """The format a file is read in: the one asked for, else by its extension, else text."""
    if options.format:
        return options.format
    return EXTENSIONS.get(os.path.splitext(name)[1].lower(), "text") if name != "-" else "text"


def read(text: str, fmt: str, options: Options = Options()) -> Document:
    """The document of a file's text in a format other than text (FormatError if it does not parse)."""
    if fmt == "md":
        from . import markdown
        return markdown.read(text)
    if fmt == "html":
        from . import html
        return html.read(text, options.attributes)
    if fmt in ("srt", "vtt"):
        from . import subtitles
        return subtitles.read(text, fmt)
    if fmt in ("jsonl", "json"):
        from . import jsonfmt
        return jsonfmt.read(text, fmt, options.fields or DEFAULT_FIELDS)
    if fmt in ("csv", "tsv"):
        from . import delimited
        return delimited.read(text, fmt, options.columns)
    if fmt == "xliff":
        from . import xliff
        return xliff.read(text)
    if fmt == "po":
        from . import po
        return po.read(text)
    raise ValueError(f"no reader for {fmt}")


def fix(pipeline, doc: Document, progress: Callable[[str, int, int], None] | None = None) -> Result:
    """Fix a document's prose; the result is against the whole file."""
    return fix_document(pipeline, doc, progress)


__all__ = ["Document", "FormatError", "Options", "FORMATS", "format_of", "parse_path", "read", "fix"]
