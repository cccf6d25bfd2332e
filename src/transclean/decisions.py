"""Decisions on a run's changes: the original text with only the accepted changes.

A change is named by what it is: its rule, its span in the original text, and the text
before and after. The same change has the same name in every run on the same text, so
decisions taken on a review page, in a terminal or by editing `fix --format json`
output can be replayed later.

A review runs with the unsafe fixes applied: its changes are disjoint and accepting them
all gives `fix --unsafe-fixes`. A held-back fix of a safe run may cover applied changes
(its `after` was computed with them applied); accepting it supersedes the ones it covers.

A decisions file (JSON; written by the review page, or `fix --format json` output edited):

    {"schema": "transclean.decisions/1",        optional
     "file": "article.txt",                     the name reviewed (informative)
     "digest": "blake2b-128:<hex>",             optional: of the file's bytes (`b2sum -l 128`)
     "encoding": "utf-8",                       optional: the encoding the file was read in
     "changes": [{"id": "217-219-1f2e3d4c",     optional; if given, must name the change
                  "rule": ..., "start": ..., "end": ..., "before": ..., "after": ...,
                  "decision": "accepted" | "rejected" | "pending",
                  "applied": true, ...}]}       other keys (message, safe) are ignored

A change without `decision` is accepted if its `applied` is true (the default), else
pending; only accepted changes are applied.

A review of several files gives one decisions file holding each file's, as `fix --format
json` of several files gives a list of each file's result:

    {"schema": "transclean.decisions/1",
     "documents": [{"file": "a.txt", "digest": ..., "encoding": ..., "changes": [...]}, ...]}

`pick` chooses the document of a file: the one with its digest, else the one with its name.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model import Change, Result

SCHEMA = "transclean.decisions/1"
DECISIONS = ("accepted", "rejected", "pending")
DIGEST = "blake2b-128:"  # textio.digest: BLAKE2b with a 16-byte digest


class DecisionError(Exception):
    """Decisions that do not fit the text; the message is one line for the user."""


def change_id(change: Change) -> str:
    """A short name for a change, the same in every run that makes it."""
    what = "\0".join((change.rule, change.before, change.after)).encode("utf-8", "surrogatepass")
    return f"{change.start}-{change.end}-{hashlib.blake2b(what, digest_size=4).hexdigest()}"


def accepted_text(original: str, accepted: Iterable[Change]) -> str:
    """`original` with the accepted changes applied (refused if one does not fit it)."""
    kept: list[Change] = []
    for change in sorted(accepted, key=lambda c: (c.start, -c.end, c.applied)):
        _check_fits(original, change)
        if kept and change.start < kept[-1].end or kept and change.start == kept[-1].start == change.end:
            last = kept[-1]
            if not (change.end <= last.end and change.applied and not last.applied):
                raise DecisionError(f"changes {change_id(last)} ({last.rule}) and {change_id(change)} "
                                    f"({change.rule}) overlap: accept one of them")
            continue  # a held-back fix that already contains this applied change
        kept.append(change)
    out, pos = [], 0
    for change in kept:
        out.append(original[pos:change.start])
        out.append(change.after)
        pos = change.end
    out.append(original[pos:])
    return "".join(out)


def _check_fits(original: str, change: Change) -> None:
    if not 0 <= change.start <= change.end <= len(original) or original[change.start:change.end] != change.before:
        raise DecisionError(f"change {change_id(change)} ({change.rule}) does not match the text: "
                            "it was made on another version of the file")


@dataclass(frozen=True, slots=True)
class Decisions:
    """A decisions file read and checked: each change with its decision, and what the file must be."""

    changes: tuple[Change, ...]
    decisions: tuple[str, ...]
    digest: str | None = None
    encoding: str | None = None
    file: str | None = None

    def applied_to(self, original: str) -> str:
        """`original` with the accepted changes; every change, whatever its decision, must fit it."""
        for change in self.changes:
            _check_fits(original, change)
        return accepted_text(original, [c for c, d in zip(self.changes, self.decisions) if d == "accepted"])


def default_decision(change: Change) -> str:
    """What a review starts from: safe fixes accepted, unsafe ones pending."""
    return "accepted" if change.safe else "pending"


def review_document(result: Result, name: str, digest: bytes, encoding: str) -> dict[str, Any]:
    """The decisions file of a review of `result` (read from bytes with this digest), before any decision."""
    return {
        "schema": SCHEMA, "file": name, "digest": DIGEST + digest.hex(), "encoding": encoding,
        "changes": [{"id": change_id(c), "rule": c.rule, "start": c.start, "end": c.end, "before": c.before,
                     "after": c.after, "message": c.message, "safe": c.safe, "decision": default_decision(c)}
                    for c in result.changes],
    }


def load(data: bytes, name: str) -> tuple[Decisions, ...]:
    """Read a decisions file: each document's decisions (DecisionError, naming the file, when it is not one)."""
    try:
        doc = json.loads(data)
    except UnicodeDecodeError:
        raise DecisionError(f"{name}: not UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise DecisionError(f"{name}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if isinstance(doc, dict) and "documents" in doc:
        _check_schema(doc, name)
        documents = doc["documents"]
        if not isinstance(documents, list) or not documents:
            raise DecisionError(f"{name}: documents must be a list of each file's decisions")
    else:
        documents = doc if isinstance(doc, list) and doc else [doc]  # fix --format json of several files
    return tuple(_document(item, name if len(documents) == 1 else f"{name}: document {n}")
                 for n, item in enumerate(documents, 1))


def _check_schema(doc: dict[str, Any], where: str) -> None:
    if doc.get("schema", SCHEMA) != SCHEMA:
        raise DecisionError(f"{where}: schema {doc['schema']!r} is not {SCHEMA!r}")


def _document(doc: Any, where: str) -> Decisions:
    """One file's decisions."""
    if not isinstance(doc, dict) or not isinstance(doc.get("changes"), list):
        raise DecisionError(f"{where}: not a decisions file (an object with a list of changes)")
    _check_schema(doc, where)
    for key in ("digest", "encoding", "file"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            raise DecisionError(f"{where}: {key} must be a string")
    changes, decisions = [], []
    for n, item in enumerate(doc["changes"], 1):
        change, decision = _item(item, f"{where}: change {n}")
        changes.append(change)
        decisions.append(decision)
    return Decisions(tuple(changes), tuple(decisions), doc.get("digest"), doc.get("encoding"), doc.get("file"))


def pick(documents: tuple[Decisions, ...], digest: bytes, file: str, name: str) -> Decisions:
    """The decisions of the file `file` (its bytes with this digest) among the documents read from `name`:
    the one with its digest, else the one with its name; of a single document, that one. The caller
    checks the digest of the one picked (a file changed since its review is refused there)."""
    if len(documents) == 1:
        return documents[0]
    wanted = DIGEST + digest.hex()
    for doc in documents:
        if doc.digest == wanted:
            return doc
    base = os.path.basename(file)
    for doc in documents:
        if doc.file is not None and os.path.basename(doc.file) == base:
            return doc
    raise DecisionError(f"{file}: none of the {len(documents)} documents in {name} is this file "
                        "(by its digest or its name)")


def _item(item: Any, where: str) -> tuple[Change, str]:
    """One change of a decisions file and its decision."""
    if not isinstance(item, dict):
        raise DecisionError(f"{where}: not an object")
    for key, kind in (("rule", str), ("before", str), ("after", str), ("start", int), ("end", int)):
        value = item.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise DecisionError(f"{where}: needs {key!r} ({'a string' if kind is str else 'a number'})")
    applied = item.get("applied", True)
    if not isinstance(applied, bool):
        raise DecisionError(f"{where}: 'applied' must be true or false")
    decision = item.get("decision", "accepted" if applied else "pending")
    if decision not in DECISIONS:
        raise DecisionError(f"{where}: decision {decision!r} is not one of {', '.join(DECISIONS)}")
    change = Change(item["rule"], item["start"], item["end"], item["before"], item["after"],
                    str(item.get("message", "")), bool(item.get("safe", True)), applied)
    if "id" in item and item["id"] != change_id(change):
        raise DecisionError(f"{where}: id {item['id']!r} does not name this change (its rule, span, before "
                            "and after); remove the id of a change you edited")
    return change, decision
