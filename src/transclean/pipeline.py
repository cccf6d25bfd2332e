"""The pipeline: the one place where the order of the stages lives.

Each stage shows its rules the current text; their edits are filtered (protected
spans), resolved (where two overlap, the rule listed first wins), applied
together, and recorded against the original text. Unsafe edits are reported and
applied only when asked for.
"""

from __future__ import annotations

import bisect
import gc
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .detect import detect
from .model import Finding, Flag, Result
from .offsets import ChangeLog, Proposal
from .packs import PackError, builtin_packs, load_packs
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


class UnknownRuleError(ValueError):
    """--select or --ignore named no rule."""


def all_rules(rule_dirs: Sequence[Path] = ()) -> list[Rule]:
    """Every rule in pipeline order, pack rules included."""
    packs = load_packs(tuple(map(Path, rule_dirs)), builtin_packs())
    by_stage: dict[str, list[Rule]] = {name: list(rules) for name, rules in STAGES}
    for pack in packs:
        by_stage[pack.id.split(".")[0]].append(glossary.PackRule(pack))
    return [rule for name, _ in STAGES for rule in by_stage[name]]


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
        rules = all_rules(tuple(Path(d) for d in rule_dirs))
        select, ignore = list(select), list(ignore)
        # what it takes to build the same pipeline elsewhere (a worker process)
        self.settings = dict(source_lang=source_lang, unsafe=unsafe, select=select, ignore=ignore,
                             rule_dirs=tuple(map(str, rule_dirs)))
        if select:
            rules = _pick(rules, select, keep=True)
        if ignore:
            rules = _pick(rules, ignore, keep=False)
        self.source_lang = source_lang.lower()
        self.unsafe = unsafe
        self.rules = rules
        self._stages_by_language: dict[str | None, list] = {}

    def _stages(self, language: str | None) -> list:
        """The stages with the rules that serve a source language (None: language-neutral only)."""
        if language not in self._stages_by_language:
            stages = []
            passed_through = via(language)
            for name, _ in STAGES:
                stage_rules = [r for r in self.rules if r.stage == name and r.applies_to(language, passed_through)]
                if stage_rules:
                    packs = [r for r in stage_rules if isinstance(r, glossary.PackRule)]
                    stages.append((stage_rules, glossary.StageMatcher(packs) if packs else None))
            self._stages_by_language[language] = stages
        return self._stages_by_language[language]

    def fix(self, text: str, progress: Callable[[str, int, int], None] | None = None) -> Result:
        """Repair one text; the result holds the clean text, the changes and the flags.

        `progress(step, done, total)` is called before each step ("detect", then
        each stage by name) and once at the end ("done"), for long texts.
        """
        with _collector_paused():
            return self._fix(text, progress or _silent)

    def _fix(self, text: str, progress: Callable[[str, int, int], None]) -> Result:
        if self.source_lang == AUTO:
            progress("detect", 0, 0)
            detection = detect(text)
            language = detection.language
        else:
            detection = None
            language = None if self.source_lang == "en" else self.source_lang
        log = ChangeLog(text)
        current = text
        suggestions = []
        flags: list[Flag] = []
        protected: Protected | None = None
        stages = self._stages(language)
        passed_through = via(language)
        for done, (rules, matcher) in enumerate(stages):
            progress(rules[0].stage, done, len(stages))
            ctx = Context(language, via=passed_through)
            if matcher is not None:
                ctx.memo["matcher"] = matcher
            if protected is None and any(r.respects_protected for r in rules):
                protected = Protected.of(current)
            proposals: list[Proposal] = []
            for rule in rules:
                for item in rule.find(current, ctx):
                    if rule.respects_protected and protected and protected.touches(item.start, item.end):
                        continue
                    if isinstance(item, Finding):
                        flags.append(log.flag(rule.id, item))
                    elif current[item.start:item.end] != item.replacement:
                        proposals.append(Proposal(item, rule.id, rule.safe and item.safe))
            applied = _first_wins([p for p in proposals if p.safe or self.unsafe])
            held = _first_wins([p for p in proposals if not (p.safe or self.unsafe)], taken=applied)
            suggestions += [log.suggestion(current, p) for p in held]
            current = log.apply(current, applied)
            if protected:
                protected = protected.shifted([p.edit for p in applied])
            del proposals, applied, held  # the change log holds what is needed: free the edits now
        progress("done", len(stages), len(stages))
        changes = log.changes()  # in order already: disjoint pieces of the original
        if suggestions:
            changes = sorted(changes + suggestions, key=lambda c: (c.start, c.end, not c.applied))
        flags.sort(key=lambda f: (f.start, f.end))
        return Result(text, current, tuple(changes), tuple(flags), language, detection)


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
    if taken and proposals:
        spans = sorted(map(_span, taken))
        proposals = [p for p in proposals if not _touches_any(spans, *_span(p))]
    ordered = sorted(proposals, key=_span)  # stable: of equal spans, the one listed first comes first
    if all(not _overlap(*_span(a), *_span(b)) for a, b in zip(ordered, ordered[1:])):
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
