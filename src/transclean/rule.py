"""What a rule is, and the context the pipeline hands it."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .model import Edit, Finding
from .segments import PARAGRAPHS

AUTO = "auto"


@dataclass(slots=True)
class Context:
    """What a rule may know besides the text: the source language, the document, shared analyses.

    `memo` is fresh for each stage, so rules of one stage can share an analysis of the
    text they all see (the quote pairing, for instance) without recomputing it.
    `document` holds the facts of the whole document (its quote style), computed once
    from its first chunk and handed to every other chunk. A rule sees one chunk of a
    long document; `starts` and `ends` say whether the chunk holds its start and end.
    """

    source_lang: str | None = None  # the language in force: given, or detected; None if unknown
    memo: dict[str, Any] = field(default_factory=dict)
    via: tuple[str, ...] = ()  # languages the text may have passed through (Russian via French)
    layout: str = PARAGRAPHS  # what a segment is: see segments.py
    document: dict[str, Any] = field(default_factory=dict)
    starts: bool = True
    ends: bool = True

    def serves(self, languages: frozenset[str]) -> bool:
        """Is the source language, or a language the text passed through, among these?"""
        return serves(languages, self.source_lang, self.via)


def serves(languages: frozenset[str], source_lang: str | None, via: tuple[str, ...] = ()) -> bool:
    """Is the source language, or a language the text passed through (`via`), among these?"""
    return source_lang in languages or any(v in languages for v in via)


class Rule:
    """A rule proposes edits or findings; it never changes the text itself.

    Subclasses set `id` ("stage.name", never reused), `summary` (one line), `safe`
    (False: reported, applied only with --unsafe-fixes) and `languages` (source
    languages it serves; empty means all), and implement `find`.
    """

    id: str = ""
    summary: str = ""
    safe: bool = True
    languages: frozenset[str] = frozenset()
    # False for rules that read the source language's own profile: a language the text
    # passed through (Russian via French) does not bring them in.
    follows_via: bool = True
    # True for rules that serve every language but read the one in force (its profile, its
    # pack entries): with `languages`, what makes a rule's finds differ from one language to another.
    reads_language: bool = False
    # False for rules below the level of words (encoding repair), which may edit
    # inside URLs, handles and code like anywhere else.
    respects_protected: bool = True
    # False for rules whose edits the never-worse guard (guard.py) does not judge: the
    # mojibake repair, which writes back the characters the author wrote.
    guarded: bool = True

    @property
    def stage(self) -> str:
        return self.id.partition(".")[0]

    def applies_to(self, source_lang: str | None, via: tuple[str, ...] = ()) -> bool:
        """Language-neutral rules always apply; the others only for their source languages
        (or a language the text passed through on its way to English)."""
        return not self.languages or serves(self.languages, source_lang, via if self.follows_via else ())

    @property
    def language_specific(self) -> bool:
        """Do this rule's finds depend on the source language?"""
        return bool(self.languages) or self.reads_language

    def find(self, text: str, ctx: Context) -> Iterator[Edit | Finding]:
        raise NotImplementedError

    def explain(self) -> str:
        """The rule's documentation, as `transclean rules --explain` prints it."""
        return inspect.cleandoc(type(self).__doc__ or self.summary)

    def __repr__(self) -> str:
        return f"<rule {self.id}>"


class PatternRule(Rule):
    """A rule that is one pattern and one replacement.

    `pattern` finds the damage; `replace` returns the repaired text for a match, or
    None to leave it alone (default: expand the `replacement` template). `screen`,
    when set, is a string whose absence from the text proves the rule cannot match.
    """

    pattern: Any = None
    replacement: str = ""
    message: str = ""
    # Substrings of which every match contains one: when the text holds none of
    # them, the pattern is not run. Substring tests are far cheaper than a scan
    # with a pattern that starts with a character class.
    screen: tuple[str, ...] = ()

    def replace(self, m: Any, text: str, ctx: Context) -> str | None:
        return m.expand(self.replacement)

    def screened_out(self, text: str) -> bool:
        return bool(self.screen) and not any(s in text for s in self.screen)

    def find(self, text: str, ctx: Context) -> Iterator[Edit | Finding]:
        if self.screened_out(text):
            return
        for m in self.pattern.finditer(text):
            new = self.replace(m, text, ctx)
            if new is not None and new != m.group():
                yield Edit(m.start(), m.end(), new, self.message, self.safe)
