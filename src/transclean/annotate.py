"""Findings for code review tools: SARIF 2.1.0 (`--format sarif`) and GitHub workflow commands
(`--format github`).

Every change is a `warning` with its fix (its properties say whether it is safe and whether
it was applied: an unsafe one is held back unless --unsafe-fixes), every flag a `note`. Lines and columns count from 1; columns are UTF-16 code units, which
the SARIF log says in `columnKind` and GitHub's runner counts too; an end column is the
column just past the span.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .model import Change, Flag, Result
from .positions import Lines
from .statistics import summary_of
from .version import VERSION

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/transclean/"


def region(lines: Lines, start: int, end: int) -> dict[str, int]:
    """A SARIF region (also the place of a GitHub annotation): 1-based lines and columns."""
    (start_line, start_col), (end_line, end_col) = lines.position(start), lines.position(end)
    return {"startLine": start_line + 1, "startColumn": start_col + 1, "endLine": end_line + 1, "endColumn": end_col + 1}


def message(item: Change | Flag) -> str:
    """What a change or flag says, with the text it would write or suggests."""
    if isinstance(item, Flag):
        return item.message + (f" (suggestion: {item.suggestion})" if item.suggestion else "")
    held = "" if item.applied else " (unsafe fix, held back; --unsafe-fixes applies it)"
    return f"{item.message}: {item.before!r} → {item.after!r}{held}"


def artifact_uri(name: str) -> str:
    """A file's name as a URI reference: relative to the working directory when inside it."""
    if name == "-":
        return "stdin"
    path = Path(os.path.abspath(name))
    try:
        relative = path.relative_to(Path.cwd())
    except ValueError:
        return "file://" + quote(path.as_posix(), errors="surrogateescape")
    return quote(relative.as_posix(), errors="surrogateescape")


def sarif(results: Sequence[tuple[str, Result]], rules: Mapping[str, Any]) -> str:
    """One SARIF log with one run for the results of the files (`rules`: id -> Rule)."""
    summaries = {rule_id: rule.summary for rule_id, rule in rules.items()}
    found: list[dict[str, Any]] = []
    for name, result in results:
        lines, uri = Lines(result.original), artifact_uri(name)
        for item in sorted([*result.changes, *result.flags], key=lambda i: (i.start, i.end)):
            found.append(_sarif_result(item, lines, uri))
    used = sorted({r["ruleId"] for r in found})
    for r in found:
        r["ruleIndex"] = used.index(r["ruleId"])
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "transclean", "version": VERSION, "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule_id, rules, summaries) for rule_id in used],
            }},
            "columnKind": "utf16CodeUnits",
            "results": found,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _descriptor(rule_id: str, rules: Mapping[str, Any], summaries: Mapping[str, str]) -> dict[str, Any]:
    summary = summary_of(rule_id, summaries) or rule_id
    explained = "\n\n".join(rules[part].explain() for part in rule_id.split("+") if part in rules)
    return {"id": rule_id, "shortDescription": {"text": summary}, "help": {"text": explained or summary}}


def _sarif_result(item: Change | Flag, lines: Lines, uri: str) -> dict[str, Any]:
    place = region(lines, item.start, item.end)
    found: dict[str, Any] = {
        "ruleId": item.rule,
        "level": "note" if isinstance(item, Flag) else "warning",
        "message": {"text": message(item)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": place}}],
    }
    if isinstance(item, Change):
        found["properties"] = {"safe": item.safe, "applied": item.applied}
        found["fixes"] = [{
            "description": {"text": item.message},
            "artifactChanges": [{"artifactLocation": {"uri": uri},
                                 "replacements": [{"deletedRegion": place, "insertedContent": {"text": item.after}}]}],
        }]
    return found


def github(result: Result, name: str) -> str:
    """One workflow command per change (`::warning`) and flag (`::notice`), in text order."""
    lines, out = Lines(result.original), []
    for item in sorted([*result.changes, *result.flags], key=lambda i: (i.start, i.end)):
        place = region(lines, item.start, item.end)
        properties = {"file": name, "line": place["startLine"], "col": place["startColumn"],
                      "endLine": place["endLine"], "endColumn": place["endColumn"], "title": item.rule}
        fields = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
        level = "notice" if isinstance(item, Flag) else "warning"
        out.append(f"::{level} {fields}::{_escape_data(message(item))}\n")
    return "".join(out)


def _escape_data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped (as the runner's toolkit does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value: also : and , escaped."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
