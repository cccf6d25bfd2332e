"""The pipeline: the one place where the order of the stages lives.

Each stage shows its rules the current text; their edits are filtered (protected
spans), resolved (where two overlap, the rule listed first wins), applied
together, and recorded against the original text. Unsafe edits are reported and
applied only when asked for.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import eq, itemgetter, lt
from pathlib import Path
from typing import Any, NamedTuple

from . import guard, segments
from .detect import SAMPLE, Detection, detect, pack_matcher
from .model import Change, Finding, Flag, Result
from .offsets import ChangeLog, Proposal
from .packs import Entry, PackError, builtin_packs, load_packs
from .profiles import via
from .protect import Protected
from .rule import AUTO, Context, Rule
from .rules import encoding, fragments, glossary, locale, names, punctuation, quotes, whitespace

# Stage order. Pack stages take their rules from rules/<stage>/*.toml.
STAGES: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    ("encoding", encoding.RULES),
    ("whitespace", whitespace.RULES),
    ("quotes", quotes.RULES),
    ("punctuation", punctuation.RULES),
    ("locale", locale.RULES),
    ("glossary", ()),
    ("names", names.RULES),
    ("fragments", fragments.RULES),
)


# What rules read once for a whole document (from its head, into Context.document); the first
# chunk settles each, whether or not a rule asked, so that chunks fixed elsewhere agree.
DOCUMENT_FACTS = (quotes.document_style,)

# In auto mode, the languages that may run one after another: the text fixed as one
# language may read as another, whose rules then run on it too (see Pipeline.fix). Three
# settle all but a few texts in ten thousand made of several languages' leftovers
# (`n°¿0n°5«Sig.Moscou`: French, Italian, Spanish, then French again).
MAX_ROUNDS = 4


class UnknownRuleError(ValueError):
    """--select or --ignore named no rule."""


def all_rules(rule_dirs: Sequence[Path] = ()) -> list[Rule]:
    """Every rule in pipeline order, pack rules included."""
    packs = load_packs(tuple(map(Path, rule_dirs)), builtin_packs())
    by_stage: dict[str, list[Rule]] = {name: list(rules) for name, rules in STAGES}
    for pack in packs:
        by_stage[pack.id.split(".")[0]].append(glossary.PackRule(pack))
    from .formats.rules import RULES as FORMAT_RULES
    return [rule for name, _ in STAGES for rule in by_stage[name]] + [*FORMAT_RULES, guard.RULE]


def _matches(rule_id: str, selector: str) -> bool:
    return rule_id == selector or rule_id.startswith(selector.rstrip(".") + ".")


def _pick(rules: list[Rule], selectors: Iterable[str], keep: bool) -> list[Rule]:
    selectors = [s.strip() for s in selectors if s.strip()]
    for s in selectors:
        if not any(_matches(r.id, s) for r in rules):
            raise UnknownRuleError(f"unknown rule or prefix '{s}' (see `transclean rules`)")
    return [r for r in rules if any(_matches(r.id, s) for s in selectors) == keep]


class Pipeline:
    """A configured pipeline, built once and reused for many texts.

    >>> Pipeline(unsafe=True).fix("made. across the line").text
    'made across the line'
    """

    def __init__(
        self,
        *,
        source_lang: str = AUTO,
        unsafe: bool = False,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        rule_dirs: Sequence[Path | str] = (),
    ) -> None:
        with _collector_paused():  # the packs make thousands of objects, and no cycles
            rules = all_rules(tuple(Path(d) for d in rule_dirs))
        select, ignore = list(select), list(ignore)
        # what it takes to build the same pipeline elsewhere (a worker process)
        self.settings = dict(source_lang=source_lang, unsafe=unsafe, select=select, ignore=ignore,
                             rule_dirs=tuple(map(str, rule_dirs)))
        if select:
            rules = _pick(rules, select, keep=True)
        if ignore:
            rules = _pick(rules, ignore, keep=False)
        # the never-worse guard judges the rules that run: --select leaves it on, --ignore guard turns it off
        self.guard = None if any(_matches(guard.ID, s.strip()) for s in ignore if s.strip()) else guard.Guard(rules)
        self.source_lang = source_lang.lower()
        self.unsafe = unsafe
        self.rules = rules
        self._stages_by_language: dict[str | None, tuple[list, glossary.FormIndex | None]] = {}
        self._index: glossary.FormIndex | None = None  # of every pack's forms: the languages share it
        self._matchers: dict[tuple[str, ...], glossary.StageMatcher] = {}  # by their pack rules' ids
        self._serves = None if self.source_lang == AUTO else {self.source_lang, *via(self.source_lang)}
        self._serving: dict[frozenset[str], bool] = {}  # _may_apply's answer per set of languages

    def _stages(self, language: str | None) -> tuple[list, glossary.FormIndex | None]:
        """The stages with the rules that serve a source language (None: language-neutral only),
        and the one index of the wrong forms of every pack, which all pack stages share (a stage's
        matcher passes over the forms of packs not its own); stages of the same packs share a matcher."""
        if language not in self._stages_by_language:
            passed_through = via(language)
            by_stage = [[r for r in self.rules if r.stage == name and r.applies_to(language, passed_through)]
                        for name, _ in STAGES]
            stages = []
            for stage_rules in filter(None, by_stage):
                pack_rules = [r for r in stage_rules if isinstance(r, glossary.PackRule)]
                stages.append((stage_rules, self._matcher(pack_rules) if pack_rules else None))
            has_packs = any(matcher is not None for _, matcher in stages)
            self._stages_by_language[language] = stages, self._index if has_packs else None
        return self._stages_by_language[language]

    def _matcher(self, pack_rules: list[glossary.PackRule]) -> glossary.StageMatcher:
        """The matcher of a stage's pack rules, on the one index of every pack's forms."""
        key = tuple(r.id for r in pack_rules)
        if key not in self._matchers:
            self._matchers[key] = glossary.StageMatcher(pack_rules, self._pack_index(), self._may_apply)
        return self._matchers[key]

    def _may_apply(self, entry: Entry) -> bool:
        """May a pack entry apply in this pipeline's source language? (In auto mode any may; with a
        language given, those of other languages never do, but an acronym after its expansion.)"""
        if self._serves is None or not entry.languages or entry.expansion:
            return True
        languages = entry.languages  # few distinct sets, shared by the entries (packs._packs_from_plain)
        if languages not in self._serving:
            self._serving[languages] = not self._serves.isdisjoint(languages)
        return self._serving[languages]

    def _pack_index(self) -> glossary.FormIndex | None:
        """The one index of the forms of every pack entry that may apply (None: no packs), built
        once; in auto mode, where detection's index holds them all, that one, so that detection and
        the stages share a scan."""
        if self._index is None:
            forms = dict.fromkeys(form for r in self.rules if isinstance(r, glossary.PackRule)
                                  for entry in r.pack.entries if self._may_apply(entry) for form in entry.find)
            if forms:
                shared = pack_matcher() if self.source_lang == AUTO else None
                self._index = (shared.index if shared is not None and shared.index is not None
                               and forms.keys() <= shared.lookup.keys() else glossary.FormIndex(forms))
        return self._index

    def fix(self, text: str, progress: Callable[[str, int, int], None] | None = None,
            keep: Sequence[tuple[int, int]] = ()) -> Result:
        """Repair one text; the result holds the clean text, the changes and the flags.

        In auto mode the stages run with the language detected in the text; if the
        fixed text then reads as another language, that language's rules run on it
        too (at most MAX_ROUNDS rounds), so that fixing the output again changes
        nothing. Reading as no language settles it: the language-neutral rules leave
        any language's output alone. A long text is fixed in chunks of whole
        segments (segments.py), every chunk with what the first decided.

        `progress(step, done, total)` is called before each step ("detect", then
        each stage by name; for a long text, each "chunk") and once at the end ("done").
        `keep`: sorted spans of the text that no rule may edit besides the protected ones
        (the structure around the prose of a document format: see formats/).
        """
        progress = progress or _silent
        with _collector_paused():
            layout, chunks = segments.split((text,))
            chunks = list(chunks)
            if len(chunks) == 1:
                (_, result), = self._fix_chunks(layout, chunks, progress, keep)
                total = len(self._stages(result.source_lang)[0])
            else:
                parts = []
                for k, part in enumerate(self._fix_chunks(layout, chunks, _silent, keep)):
                    progress("chunk", k, len(chunks))
                    parts.append(part)
                result, total = joined(text, parts), len(chunks)
        progress("done", total, total)
        return result

    def fix_stream(self, pieces: Iterable[str], longest: int | None = None) -> Iterator[tuple[int, Result]]:
        """Repair a document read in pieces, chunk by chunk: (offset of the chunk, its result,
        with changes and flags at offsets into the document). Memory stays flat however long
        the document; the chunks joined give what fix() gives for the whole text."""
        layout, chunks = segments.split(pieces, longest=longest)
        yield from self._fix_chunks(layout, chunks, _silent)

    def plan(self, layout: str) -> DocumentPlan:
        """What a run decides once for a document of this layout (the language, in auto mode, on its first chunk)."""
        if self.source_lang == AUTO:
            return DocumentPlan(layout)
        return DocumentPlan(layout, languages=(None if self.source_lang == "en" else self.source_lang,))

    def _fix_chunks(self, layout: str, chunks: Iterable[tuple[str, bool]],
                    progress: Callable[[str, int, int], None],
                    keep: Sequence[tuple[int, int]] = ()) -> Iterator[tuple[int, Result]]:
        plan, offset = self.plan(layout), 0
        for chunk, last in chunks:
            end = offset + len(chunk)
            within = [(max(s, offset) - offset, min(e, end) - offset) for s, e in keep if s < end and e > offset]
            yield offset, self.fix_chunk(chunk, plan, offset, last, progress, within)
            offset = end

    def fix_chunk(self, chunk: str, plan: DocumentPlan, offset: int, last: bool,
                  progress: Callable[[str, int, int], None] | None = None,
                  keep: Sequence[tuple[int, int]] = ()) -> Result:
        """Repair one chunk of a document (at `offset`; `last`: it ends the document), with the
        document's plan; the first chunk of an auto-mode document decides the languages.
        Its changes and flags are at offsets into the document; `keep`: spans of the chunk
        no rule may edit (as for fix)."""
        with _collector_paused():
            return self._fix_chunk(chunk, plan, offset, last, progress or _silent, tuple(keep))

    def _fix_chunk(self, chunk: str, plan: DocumentPlan, offset: int, last: bool,
                   progress: Callable[[str, int, int], None], keep: tuple[tuple[int, int], ...] = ()) -> Result:
        log, reports = ChangeLog(chunk), _Reports()
        where = _Where(plan, offset == 0, last, keep, {})
        if plan.languages is None:
            progress("detect", 0, 0)
            current, detections = self._detect_and_run(log, chunk, reports, progress, where)
            plan.detections, plan.languages = detections, tuple(d.language for d in detections)
        else:
            current = chunk
            for k, language in enumerate(plan.languages):
                current = self._run(log, current, language, reports, progress, where, k > 0)
        result = reports.result(log, current, plan.languages[-1], plan.detections)
        if offset == 0:
            for read_fact in DOCUMENT_FACTS:  # the facts no rule asked for yet, so that every chunk after has them
                read_fact(chunk, Context(document=plan.facts))
        return shifted(result, offset) if offset else result

    def _detect_and_run(self, log: ChangeLog, text: str, reports: _Reports,
                        progress: Callable[[str, int, int], None], where: _Where) -> tuple[str, tuple[Detection, ...]]:
        """Run the stages of the language detected in the text, then of the one its output
        reads as, until it reads as the last one that ran, or as none (the detections, one per round)."""
        index = self._pack_index()
        occurrences = where.carried["occurrences"] = glossary.Occurrences(index) if index is not None else None
        detections = [detect(text, occurrences)]
        before, current = text, self._run(log, text, detections[0].language, reports, progress, where)
        while len(detections) < MAX_ROUNDS and current != before:
            if current[:SAMPLE] == before[:SAMPLE]:
                break  # detection reads no further: it would read the same language again
            again = detect(current, occurrences)
            if again.language in (None, detections[-1].language):
                break  # settled: the rules of the language it reads as (or the neutral ones) leave it alone
            detections.append(again)
            before, current = current, self._run(log, current, again.language, reports, progress, where, True)
        return current, tuple(detections)

    def _run(self, log: ChangeLog, current: str, language: str | None, reports: _Reports,
             progress: Callable[[str, int, int], None], where: _Where, after_round: bool = False) -> str:
        """Run every stage that serves a language on the current text; the changes go to the log.

        `after_round`: the text is the output of a round of another language's stages, which the
        language-neutral rules leave alone: until a rule of this language proposes an edit, only
        those rules run (if none does, the round changes nothing, and only their findings are
        taken); the stages from that one on run whole.
        """
        stages, index = self._stages(language)
        occurrences = where.carried.get("occurrences")
        if index is None:
            occurrences = None
        elif occurrences is None or occurrences.index is not index:
            # the rounds of a chunk whose languages share an index carry its occurrences from one to the next
            occurrences = where.carried["occurrences"] = glossary.Occurrences(index)
        protected = self._protected(current, log, where) if after_round else None
        untouched, findings = after_round, _Reports()
        for done, (rules, matcher) in enumerate(stages):
            ctx = _context(language, where, matcher, occurrences)
            if untouched:
                proposals = _proposals([r for r in rules if r.language_specific], current, ctx, protected, log,
                                       findings)
                if not proposals:
                    continue
                untouched = False
                reports.take(findings)
            else:
                if protected is None and any(r.respects_protected for r in rules):
                    protected = self._protected(current, log, where)
                proposals = _proposals(rules, current, ctx, protected, log, reports)
            progress(rules[0].stage, done, len(stages))
            applied = _first_wins([p for p in proposals if p.safe or self.unsafe])
            held = _first_wins([p for p in proposals if not (p.safe or self.unsafe)], taken=applied)
            for p in held:
                reports.suggest(log.suggestion(current, p))
            if self.guard is not None:
                applied = self.guard.screen(current, applied, lambda f: reports.flag(log.flag(guard.ID, f)),
                                            where.plan.layout)
            current = log.apply(current, applied)
            if occurrences is not None:
                occurrences.follow(current, [p.edit for p in applied])
            if protected:
                protected = protected.shifted([p.edit for p in applied])
            del proposals, applied, held  # the change log holds what is needed: free the edits now
        if untouched:
            reports.take(findings)
        return current

    @staticmethod
    def _protected(text: str, log: ChangeLog, where: _Where) -> Protected:
        return Protected.of(text, log.unmoved(where.keep) if where.keep else ())


def _context(language: str | None, where: _Where, matcher: glossary.StageMatcher | None,
             occurrences: glossary.Occurrences | None) -> Context:
    """A stage's context: the language in force, where the chunk lies, the stage's pack matcher."""
    ctx = Context(language, via=via(language), layout=where.plan.layout, document=where.plan.facts,
                  starts=where.starts, ends=where.ends)
    if matcher is not None:
        ctx.memo["matcher"] = matcher
        ctx.memo["occurrences"] = occurrences
    return ctx


@dataclass(slots=True)
class DocumentPlan:
    """What a run decides once for a whole document and hands to each of its chunks."""

    layout: str  # segments.PARAGRAPHS or LINES
    languages: tuple[str | None, ...] | None = None  # the profiles that run, in order (None: not decided yet)
    detections: tuple[Detection, ...] = ()  # auto mode: one per round, on the first chunk
    facts: dict[str, Any] = field(default_factory=dict)  # what rules read once for the document (Context.document)


class _Where(NamedTuple):
    """Where a chunk lies in its document."""

    plan: DocumentPlan
    starts: bool
    ends: bool
    keep: tuple[tuple[int, int], ...]  # spans of the chunk no rule may edit (Pipeline.fix)
    carried: dict[str, Any]  # what one round of the chunk hands the next (the pack forms' occurrences)


def shifted(result: Result, offset: int) -> Result:
    """The result of a chunk with its changes and flags at offsets into the document."""
    return replace(result,
                   changes=tuple(c._replace(start=c.start + offset, end=c.end + offset) for c in result.changes),
                   flags=tuple(f._replace(start=f.start + offset, end=f.end + offset) for f in result.flags))


def joined(original: str, parts: Sequence[tuple[int, Result]]) -> Result:
    """One result for a document from the results of its chunks (offsets into the document already)."""
    first, last = parts[0][1], parts[-1][1]
    return Result(original, "".join(r.text for _, r in parts),
                  tuple(c for _, r in parts for c in r.changes), tuple(f for _, r in parts for f in r.flags),
                  last.source_lang, first.detections)


class _Reports:
    """The flags and held-back suggestions of a run's rounds, each reported once (the latest wins)."""

    def __init__(self) -> None:
        self._flags: dict[Flag, None] = {}
        self._suggestions: dict[tuple[str, int, int], Change] = {}

    def flag(self, flag: Flag) -> None:
        self._flags[flag] = None

    def suggest(self, change: Change) -> None:
        self._suggestions[change.rule, change.start, change.end] = change

    def take(self, other: _Reports) -> None:
        """Report what another's rules found."""
        self._flags.update(other._flags)

    def result(self, log: ChangeLog, text: str, language: str | None, detections: tuple[Detection, ...]) -> Result:
        """The run's result; `language` is the one whose rules ran last."""
        changes = log.changes()  # in order already: disjoint pieces of the original
        if self._suggestions:
            changes = sorted(changes + list(self._suggestions.values()), key=lambda c: (c.start, c.end, not c.applied))
        flags = sorted(self._flags, key=lambda f: (f.start, f.end))
        return Result(log.original, text, tuple(changes), tuple(flags), language, detections)


def _proposals(rules: list[Rule], text: str, ctx: Context, protected: Protected | None, log: ChangeLog,
               reports: _Reports) -> list[Proposal]:
    """What a stage's rules propose for the text, in listing order; their findings go to `reports`."""
    proposals: list[Proposal] = []
    for rule in rules:
        rule_id, rule_safe = rule.id, rule.safe
        touches = protected.touches if rule.respects_protected and protected else None
        for item in rule.find(text, ctx):
            if touches is not None and touches(item.start, item.end):
                continue
            if type(item) is Finding:
                reports.flag(log.flag(rule_id, item))
            elif text[item.start:item.end] != item.replacement:
                proposals.append(Proposal(item, rule_id, rule_safe and item.safe))
    return proposals


def _silent(step: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector for one run, as it was before afterwards.

    A run on a long text makes hundreds of thousands of small tuples and no cycles;
    the collector would otherwise walk every live object several times (a tenth
    of the run's time on a few megabytes).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _first_wins(proposals: list[Proposal], taken: Sequence[Proposal] = ()) -> list[Proposal]:
    """The proposals that overlap none listed before them (nor any taken one), by position.

    Sorted by position, the edits fall into clusters that reach no further than the
    next one starts; only inside a cluster of several is the listing order consulted.
    """
    if not proposals:
        return []  # (most stages of a short text propose nothing)
    if taken:
        spans = sorted(map(_span, taken))
        proposals = [p for p in proposals if not _touches_any(spans, *_span(p))]
    spans = [p.edit[:2] for p in proposals]
    order = sorted(range(len(spans)), key=spans.__getitem__)  # stable: of equal spans, the one listed first
    ordered = [proposals[i] for i in order]
    if _neighbours_apart([spans[i] for i in order]):
        return ordered  # the usual case: no two neighbours overlap, so none do
    rank = {id(p): i for i, p in enumerate(proposals)}
    kept: list[Proposal] = []
    cluster = [ordered[0]]
    reach = ordered[0].edit.end
    for p in ordered[1:]:
        start, end = _span(p)
        if start > reach:
            _resolve(cluster, rank, kept)
            cluster, reach = [p], end
        else:
            cluster.append(p)
            reach = max(reach, end)
    _resolve(cluster, rank, kept)
    return kept


def _neighbours_apart(spans: list[tuple[int, int]]) -> bool:
    """Does no span of the sorted list overlap the next one (as _overlap has it)? Sorted, a pair
    overlaps when the second starts before the first ends, or when both are the same insertion."""
    starts, ends = list(map(itemgetter(0), spans)), list(map(itemgetter(1), spans))
    return not any(map(lt, starts[1:], ends)) and not any(map(eq, spans, spans[1:]))


def _resolve(cluster: list[Proposal], rank: dict[int, int], kept: list[Proposal]) -> None:
    """Keep the edits of one cluster that overlap none listed before them, in position order."""
    if len(cluster) == 1:
        kept.append(cluster[0])
        return
    won: list[Proposal] = []
    for p in sorted(cluster, key=lambda p: rank[id(p)]):
        if not any(_overlap(*_span(p), *_span(w)) for w in won):
            won.append(p)
    kept.extend(sorted(won, key=_span))


def _touches_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint spans?"""
    j = bisect.bisect_left(spans, (start, end))
    return any(_overlap(start, end, *spans[i]) for i in range(max(0, j - 1), min(len(spans), j + 2)))


def _span(p: Proposal) -> tuple[int, int]:
    return p.edit[:2]


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Would applying both edits be ambiguous? Insertions may touch a span's edges."""
    if a_start == a_end and b_start == b_end:
        return a_start == b_start
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


__all__ = ["Pipeline", "PackError", "UnknownRuleError", "STAGES", "all_rules"]
