"""Rule packs as rules: known wrong forms of titles, brands and names, replaced by the right one.

Every pack of a stage is matched in one pass: all wrong forms of all packs go
into one Aho-Corasick automaton, so thousands of entries cost one scan. A match
counts only on word boundaries and in its exact case. An entry with `context`
words applies only when one of them stands within a few words of the match, in
the same sentence; an entry's `expansion` before the match in brackets (`the
International Monetary Fund (FMI)`) makes it apply in any source language; a pack
with `reorder` words moves them behind a known title (`the saga Impossible
mission` → `the Mission: Impossible saga`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import ahocorasick

from ..model import Edit
from ..packs import Entry, Pack
from ..rule import Rule

CONTEXT_WINDOW = 60  # characters around a match searched for its context words


class PackRule(Rule):
    """A rule whose knowledge is a rule pack (see rules/README.md)."""

    reads_language = True  # an entry may serve some languages only

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.id = pack.id
        self.summary = pack.summary
        self.safe = pack.safe
        self.languages = pack.languages
        self.__doc__ = f"{pack.summary}\n\nRule pack: {pack.path} ({len(pack.entries)} entries)."
        self._reorder_re = (
            re.compile(r"\b(the )(" + "|".join(map(re.escape, pack.reorder)) + r") \Z") if pack.reorder else None
        )

    def explain(self) -> str:
        return self.__doc__

    def find(self, text, ctx):
        matcher: StageMatcher = ctx.memo["matcher"]
        for hit, entry in matcher.matches(text, ctx).get(self.id, ()):
            yield self._edit(text, hit, entry)

    def _edit(self, text: str, hit: Hit, entry: Entry) -> Edit:
        message = f"{hit.form} → {entry.replace}" + (f" ({entry.note})" if entry.note else "")
        if self._reorder_re:
            head = self._reorder_re.search(text, max(0, hit.start - 30), hit.start)
            if head:
                # a title with its own article takes the place of ours: the film The X -> The X film
                start = head.start(1) if entry.replace.startswith("The ") else head.start(2)
                return Edit(start, hit.end, f"{entry.replace} {head.group(2)}",
                            message + ", in English word order", entry.safe)
        if entry.replace.startswith("The ") and text[max(0, hit.start - 4):hit.start] in ("the ", "The "):
            # a form without its article after one: the title's own takes its place (the Empire strikes again)
            return Edit(hit.start - 4, hit.end, entry.replace, message, entry.safe)
        if entry.replace.startswith("The ") and (m := _INDEFINITE_RE.search(text, max(0, hit.start - 4), hit.start)):
            # after `a`, a title names a kind of thing without its article: a Flintstones musical
            rest = entry.replace[4:]
            article = ("an" if rest[:1].lower() in "aeiou" else "a")
            article = article.capitalize() if m.group(1)[0].isupper() else article
            return Edit(m.start(1), hit.end, f"{article} {rest}", message, entry.safe)
        return Edit(hit.start, hit.end, entry.replace, message, entry.safe)


_INDEFINITE_RE = re.compile(r"(?<![\w'’])([Aa]n?) \Z")


@dataclass(frozen=True, slots=True)
class Hit:
    """One whole-word occurrence of a wrong form."""

    start: int
    end: int
    form: str


# The automaton looks a character up among a state's next characters one by one, in the order they
# were added: at the start state, every character of the text that begins no form is compared with
# the first character of every form. A dummy word for each common character of prose, added first
# (that character and a NUL, never reported), puts these characters at the front of the list.
COMMON_CHARS = " etaoinsrhldcumfpgwybvkxjqz\n,."


def add_common_chars(automaton: ahocorasick.Automaton, value) -> None:
    """Dummy words (a common character and a NUL) with this value, to be added before the real words."""
    for ch in COMMON_CHARS:
        automaton.add_word(ch + "\0", value)


class FormIndex:
    """Wrong forms in one Aho-Corasick automaton, which reports every occurrence, overlaps included."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        add_common_chars(self.automaton, None)
        self.longest = 0
        for form in forms:
            self.automaton.add_word(form, form)
            self.longest = max(self.longest, len(form))
        self.automaton.make_automaton()

    def scan(self, text: str, offset: int = 0) -> list[tuple[int, str]]:
        """(start + offset, form) of every occurrence in the text."""
        return [(offset + last - len(form) + 1, form) for last, form in self.automaton.iter(text) if form is not None]


class Occurrences:
    """The occurrences of an index's forms in the current text of one run: the text is scanned
    once, and the occurrences are carried through the edits of later stages (only the
    neighbourhood of each edit is scanned again), so the packs of two stages cost one scan."""

    def __init__(self, index: FormIndex) -> None:
        self.index = index
        self._text: str | None = None
        self._found: list[tuple[int, str]] = []
        self._pending: list[tuple[str, list[Edit]]] = []  # edits made since, carried when next asked

    def of(self, text: str) -> list[tuple[int, str]]:
        """(start, form) of every occurrence in the text, in no particular order."""
        for new_text, edits in self._pending:
            self._carry(new_text, edits)
        self._pending.clear()
        if text is not self._text:
            self._text, self._found = text, self.index.scan(text)
        return self._found

    def follow(self, text: str, edits: list[Edit]) -> None:
        """The current text became `text` by the sorted, disjoint edits."""
        if self._text is not None and edits:
            self._pending.append((text, edits))

    def _carry(self, text: str, edits: list[Edit]) -> None:
        shifts = list(accumulate((len(e.replacement) - (e.end - e.start) for e in edits), initial=0))
        old = [(e.start, e.end) for e in edits]
        kept = []
        for start, form in self._found:
            end = start + len(form)
            before = bisect.bisect_left(old, (end,))
            if not _touches(old, before, start, end):
                kept.append((start + shifts[before], form))
        new = [(e.start + shift, e.start + shift + len(e.replacement)) for e, shift in zip(edits, shifts)]
        self._text, self._found = text, kept + self._around(text, new)

    def _around(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
        """Occurrences in the new text that take in some of the replaced spans."""
        reach = self.index.longest - 1
        windows: list[list[int]] = []
        for start, end in spans:
            lo, hi = max(0, start - reach), min(len(text), end + reach)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        # (a slice: the automaton reads the whole string it is given, whatever the bounds)
        return [(start, form) for lo, hi in windows for start, form in self.index.scan(text[lo:hi], lo)
                if _touches(spans, bisect.bisect_left(spans, (start + len(form),)), start, start + len(form))]


def _touches(spans: list[tuple[int, int]], after: int, start: int, end: int) -> bool:
    """Does an edit of one of the sorted, disjoint spans touch [start, end)? `after`: how many of them
    start before `end`; of those only the last can (an empty span only from strictly inside)."""
    if not after:
        return False
    s, e = spans[after - 1]
    return e > start if s < e else start < s


class StageMatcher:
    """All wrong forms of a stage's packs, matched in one pass of an Aho-Corasick automaton.

    The automaton reports every occurrence; those that are not whole words are
    dropped, and of overlapping ones the leftmost, then the longest, is kept. Stages
    may share one index of their forms, whose occurrences a run carries from stage
    to stage (ctx.memo["occurrences"]).
    """

    def __init__(self, rules: Iterable[PackRule], index: FormIndex | None = None,
                 admits: Callable[[Entry], bool] | None = None) -> None:
        """`admits`: the entries that may apply at all (default: every one); the others are left out."""
        self.lookup: dict[str, list[tuple[str, Entry]]] = {}
        self._replaced_by: dict[str, set[str]] = {}  # a right form, lower case -> its wrong forms
        self._context: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._not_after: dict[str, re.Pattern] = {}  # rule id -> the words its forms must not follow
        self._ends_no_name: set[str] = set()  # rule ids whose forms are whole names (a pack's `whole`)
        self._compounds: set[str] = set()  # rule ids whose forms may be hyphened to a name (a pack's `compounds`)
        for rule in rules:
            if rule.pack.whole:
                self._ends_no_name.add(rule.id)
            if rule.pack.compounds:
                self._compounds.add(rule.id)
            if rule.pack.not_after:
                self._not_after[rule.id] = _not_after_pattern(rule.pack.not_after)
            for entry in rule.pack.entries:
                if admits is not None and not admits(entry):
                    continue
                for form in entry.find:
                    self.lookup.setdefault(form, []).append((rule.id, entry))
                self._replaced_by.setdefault(entry.replace.lower(), set()).update(f.lower() for f in entry.find)
        self.index = index if index is not None or not self.lookup else FormIndex(self.lookup)

    def hits(self, text: str, accept=None, occurrences: Occurrences | None = None) -> list[tuple[Hit, str, Entry]]:
        """Whole-word occurrences with the first entry `accept(hit, entry)` takes (default: any),
        without overlaps: leftmost first, then longest. Filtering comes before the overlap
        rule, so a longer form that does not apply never hides a shorter one that does."""
        found = []
        lookup = self.lookup
        for start, form in occurrences.of(text) if occurrences is not None else self.index.scan(text):
            if form not in lookup:
                continue  # a form of another stage sharing the index
            end = start + len(form)
            before, after = text[start - 1:start], text[end:end + 1]
            joined = before == "-" or after == "-"
            if joined:
                if not self._compounds or not _hyphened_to_name(text, start, end):
                    continue
            elif (before and (before.isalnum() or before == "_")) or (after and (after.isalnum() or after == "_")):
                continue
            hit = Hit(start, end, form)
            for rule_id, entry in lookup[form]:
                if self._follows_name_word(text, hit, rule_id) or (rule_id in self._ends_no_name and _inside_name(text, start, end)):
                    continue
                if joined and rule_id not in self._compounds:
                    continue
                if accept is None or accept(hit, entry):
                    found.append((hit, rule_id, entry))
                    break
        found.sort(key=lambda f: (f[0].start, -f[0].end))
        kept: list[tuple[Hit, str, Entry]] = []
        for item in found:
            if not kept or item[0].start >= kept[-1][0].end:
                kept.append(item)
        return kept

    def _follows_name_word(self, text: str, hit: Hit, rule_id: str) -> bool:
        """Does the form follow one of its pack's `not_after` words (Banque d'Algérie)?"""
        pattern = self._not_after.get(rule_id)
        return pattern is not None and pattern.search(text, max(0, hit.start - 12), hit.start) is not None

    def context_words(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """An entry's context words and the wrong forms the stage replaces by one of them
        (Moscou for moscow): the stage repairs them at the same time as it reads them."""
        if words not in self._context:
            wrong = sorted({f for w in words for f in self._replaced_by.get(w, ())} - set(words))
            self._context[words] = words + tuple(wrong)
        return self._context[words]

    def has_context(self, text: str, hit: Hit, entry: Entry) -> bool:
        """Does the entry apply here as far as its context words go? (Its expansion before it will do.)"""
        return (not entry.context or after_expansion(text, hit, entry)
                or has_context(text, hit.start, hit.end, self.context_words(entry.context)))

    def matches(self, text: str, ctx) -> dict[str, list[tuple[Hit, Entry]]]:
        """Matches per rule id, once per stage (kept in ctx.memo)."""
        if "matches" in ctx.memo:
            return ctx.memo["matches"]

        def applies(hit: Hit, entry: Entry) -> bool:
            if entry.languages and not ctx.serves(entry.languages) and not after_expansion(text, hit, entry):
                return False
            return self.has_context(text, hit, entry)

        found: dict[str, list[tuple[Hit, Entry]]] = {}
        if self.lookup:
            for hit, rule_id, entry in self.hits(text, applies, ctx.memo.get("occurrences")):
                found.setdefault(rule_id, []).append((hit, entry))
        ctx.memo["matches"] = found
        return found


def after_expansion(text: str, hit: Hit, entry: Entry) -> bool:
    """Does the form stand in brackets right after one of the entry's English expansions
    (`the International Monetary Fund (FMI)`)? That tells an acronym whatever the source language."""
    if not entry.expansion or text[hit.end:hit.end + 1] != ")":
        return False
    before = text[max(0, hit.start - 2 - max(map(len, entry.expansion))):hit.start].lower()
    return any(before.endswith(f"{name.lower()} (") for name in entry.expansion)


def _hyphened_to_name(text: str, start: int, end: int) -> bool:
    """Is the form joined by a hyphen to a capitalised word (Bâle-Mulhouse, Moscou-Pékin), and
    otherwise a whole word? A compound of names, whose parts each take their English form."""
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    if before == "-":
        word = _WORD_BEFORE_RE.search(text, max(0, start - 41), start - 1)
        if word is None or not word.group()[0].isupper():
            return False
        before = text[word.start() - 1:word.start()] if word.start() else ""
    if after == "-":
        if not text[end + 1:end + 2].isupper():
            return False
        after = ""
    return not (before.isalnum() or before in ("_", "-") or after.isalnum() or after == "_")


_WORD_BEFORE_RE = re.compile(r"(?<![\w-])[^\W\d_]{2,}\Z")


def _inside_name(text: str, start: int, end: int) -> bool:
    """Does a capitalised word stand right before `start` (one space between; not a possessive,
    an article or a determiner) or right after `end`, so that the form there is part of a
    longer name (To Save Private Ryan, Great White Shark, Brain Agents Team; not The Impossible
    Mission films)?"""
    if start >= 2 and text[start - 1] == " ":
        word = text[text.rfind(" ", 0, start - 1) + 1:start - 1]
        if (word[:1].isupper() and word[-1:].isalpha() and word not in _DETERMINERS
                and not word.endswith(("'s", "\u2019s"))):
            return True
    return text[end:end + 1] == " " and text[end + 1:end + 2].isupper() and text[end + 2:end + 3].isalpha()


_DETERMINERS = frozenset("The A An This That These Those Its His Her Their Our My Your Every Each".split())


def _not_after_pattern(words: tuple[str, ...]) -> re.Pattern:
    """A `not_after` word ending where a form starts: one space after a word, none after an apostrophe."""
    alternatives = [re.escape(w) + ("" if w[-1] in "'’" else " ") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")\Z")


@cache
def _context_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(_whole, words)))


def _whole(word: str) -> str:
    """A context word as a pattern, not inside a longer word: \\b only at an end that is a letter or
    digit, so that a sign (`%` in `5%`) counts too."""
    edge = [r"\b" if re.match(r"\w", ch) else "" for ch in (word[0], word[-1])]
    return edge[0] + re.escape(word.lower()) + edge[1]


_SENTENCE_END_RE = re.compile(r"(?<!\b[A-Z])[.!?]\s|\n")  # an initial (V. Poutine) ends no sentence


def has_context(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Does a context word stand in the same sentence, a few words before or after? A full name
    among them (two capitalised words or more: José Padilha, Security Council) may stand anywhere
    in the same paragraph (within NAME_REACH characters): a name that far says as much."""
    before = text[max(0, start - CONTEXT_WINDOW):start]
    cut = None
    for cut in _SENTENCE_END_RE.finditer(before):
        pass
    if cut:
        before = before[cut.end():]
    after = text[end:end + CONTEXT_WINDOW // 2]
    stop = _SENTENCE_END_RE.search(after)
    if stop:
        after = after[:stop.start()]
    pattern = _context_pattern(words)
    if pattern.search(before.lower()) or pattern.search(after.lower()):
        return True
    names = _names_pattern(words)
    if names is None:
        return False
    lo = max(text.rfind("\n", 0, start) + 1, start - NAME_REACH)
    hi = text.find("\n", end, end + NAME_REACH)
    hi = end + NAME_REACH if hi < 0 else hi
    # (outside the form itself, which may hold a name: Sun Tzu's Art of War)
    return names.search(text, lo, start) is not None or names.search(text, end, hi) is not None


NAME_REACH = 1000


@cache
def _names_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """The full names among context words, as they are written (None: there are none)."""
    names = [w for w in words if len(w.split()) > 1 and all(part[:1].isupper() for part in w.split())]
    return re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names)) if names else None
