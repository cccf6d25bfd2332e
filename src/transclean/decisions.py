"""Decisions on a run's changes: the original text with only the accepted changes.

A change is named by what it is: its rule, its span in the original text, and the text
before and after. The same change has the same name in every run on the same text, so
decisions taken on a review page, in a terminal or by editing `fix --format json`
output can be replayed later.

A review runs with the unsafe fixes applied: its changes are disjoint and accepting them
all gives `fix --unsafe-fixes`. A held-back fix of a safe run may cover applied changes
(its `after` was computed with them applied); accepting it supersedes the ones it covers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .model import Change


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
        if not 0 <= change.start <= change.end <= len(original) or original[change.start:change.end] != change.before:
            raise DecisionError(f"change {change_id(change)} ({change.rule}) does not match the text: "
                                "it was made on another version of the file")
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
