"""`transclean server`: a Language Server on stdio (with pygls, the `server` extra).

Plain-text and Markdown documents (by language id, or by the file's extension) get a
diagnostic per change and flag each time they are opened, changed or saved; Markdown
is read through the formats layer, so its code and markup are left alone. Code actions:
a quick fix per change (an unsafe fix held back too) and one that applies every safe fix,
which gives the text `transclean fix` gives. Positions are in the encoding agreed with
the client (UTF-16 unless it offers another).
"""

from __future__ import annotations

import argparse
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import formats
from .annotate import message
from .model import Change, Result
from .pipeline import Pipeline
from .positions import Lines
from .version import VERSION

SOURCE = "transclean"
KINDS = {"plaintext": "text", "text": "text", "markdown": "md"}  # "text": the file type some editors send
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "md", ".markdown": "md"}
FIX_ALL = "Apply every safe fix (transclean)"


def document_format(language_id: str | None, uri: str) -> str | None:
    """How a document is read ('text' or 'md'), or None for a document the server leaves alone."""
    if language_id in KINDS:
        return KINDS[language_id]
    return next((fmt for ext, fmt in EXTENSIONS.items() if uri.lower().endswith(ext)), None)


class Checker:
    """Fixes the open documents and turns the results into diagnostics and edits."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.results: dict[str, Result] = {}  # uri -> the result on the document's current text

    def check(self, uri: str, text: str, fmt: str) -> Result:
        result = self.results.get(uri)
        if result is None or result.original != text:
            try:
                result = self.pipeline.fix(text) if fmt == "text" else formats.fix(self.pipeline, formats.read(text, fmt))
            except formats.FormatError:
                result = Result(text, text)
            self.results[uri] = result
        return result

    def forget(self, uri: str) -> None:
        self.results.pop(uri, None)


def lsp_range(lines: Lines, start: int, end: int) -> types.Range:
    (l1, c1), (l2, c2) = lines.position(start), lines.position(end)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def diagnostics(result: Result, lines: Lines) -> list[types.Diagnostic]:
    """A warning per applied change, information for each held-back fix and flag; in text order."""
    found = []
    for item in sorted([*result.changes, *result.flags], key=lambda i: (i.start, i.end)):
        if isinstance(item, Change) and item.applied:
            severity = types.DiagnosticSeverity.Warning
        else:
            severity = types.DiagnosticSeverity.Information
        found.append(types.Diagnostic(range=lsp_range(lines, item.start, item.end), message=message(item),
                                      severity=severity, code=item.rule, source=SOURCE))
    return found


def code_actions(uri: str, result: Result, lines: Lines, wanted: types.Range,
                 only: list[str] | None) -> list[types.CodeAction]:
    """A quick fix for each change whose range meets `wanted`, and one for every safe fix."""
    actions = []
    if _asked(types.CodeActionKind.QuickFix, only):
        for change in result.changes:
            where = lsp_range(lines, change.start, change.end)
            if _before(where.end, wanted.start) or _before(wanted.end, where.start):
                continue
            unsafe = "" if change.safe else " (unsafe)"
            actions.append(types.CodeAction(
                title=f"{change.message}: {change.before!r} → {change.after!r}{unsafe} ({change.rule})",
                kind=types.CodeActionKind.QuickFix,
                edit=_edit(uri, [types.TextEdit(range=where, new_text=change.after)]),
                is_preferred=change.applied,
            ))
    safe = [c for c in result.changes if c.applied]
    if safe and (_asked(types.CodeActionKind.QuickFix, only) or _asked(types.CodeActionKind.SourceFixAll, only)):
        edits = [types.TextEdit(range=lsp_range(lines, c.start, c.end), new_text=c.after) for c in safe]
        actions.append(types.CodeAction(title=FIX_ALL, kind=types.CodeActionKind.SourceFixAll, edit=_edit(uri, edits)))
    return actions


def _asked(kind: str, only: list[str] | None) -> bool:
    """Does the client want actions of this kind (`only`: the kinds or their parents it asks for)?"""
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def build(pipeline: Pipeline) -> LanguageServer:
    """The language server, its features registered."""
    server = LanguageServer(SOURCE, VERSION, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    checker = Checker(pipeline)

    def lines_of(text: str) -> Lines:
        encoding = server.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return Lines(text, getattr(encoding, "value", encoding))  # an enum member, or the client's string

    def publish(uri: str) -> None:
        document = server.workspace.get_text_document(uri)
        fmt = document_format(document.language_id, uri)
        found: list[Any] = []
        if fmt:
            found = diagnostics(checker.check(uri, document.source, fmt), lines_of(document.source))
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=document.version))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        checker.forget(params.text_document.uri)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = server.workspace.get_text_document(uri)
        fmt = document_format(document.language_id, uri)
        if not fmt:
            return []
        result = checker.check(uri, document.source, fmt)
        return code_actions(uri, result, lines_of(document.source), params.range, params.context.only)

    return server


def serve(args: argparse.Namespace) -> int:
    """Run the server on stdio until the client says exit."""
    pipeline = Pipeline(source_lang=args.source_lang, select=args.select, ignore=args.ignore, rule_dirs=args.rules)
    build(pipeline).start_io()
    return 0
