"""The change log: changes made by later stages on top of earlier ones are reported
against the original text, merged where they touch, and always rebuild the output."""

from __future__ import annotations

from transclean.model import Edit
from transclean.offsets import ChangeLog, Proposal


def prop(start, end, new, rule="r.x", safe=True):
    return Proposal(Edit(start, end, new, f"{rule} message"), rule, safe)


def rebuild(original, changes):
    out, pos = [], 0
    for c in sorted(changes, key=lambda c: (c.start, c.end)):
        out += [original[pos:c.start], c.after]
        pos = c.end
    return "".join(out) + original[pos:]


def test_independent_edits_keep_their_own_spans():
    log = ChangeLog("a ,b .c")
    text = log.apply("a ,b .c", [prop(1, 2, "", "p.one"), prop(4, 5, "", "p.two")])
    assert text == "a,b.c"
    changes = log.changes()
    assert [(c.rule, c.start, c.end, c.before, c.after) for c in changes] == [
        ("p.one", 1, 2, " ", ""), ("p.two", 4, 5, " ", "")]


def test_later_stage_on_earlier_output_merges_into_one_change():
    original = "x « y » z"
    log = ChangeLog(original)
    text = log.apply(original, [prop(2, 4, "\u201c", "quotes.guillemets"), prop(5, 7, "\u201d", "quotes.guillemets")])
    assert text == "x \u201cy\u201d z"
    text = log.apply(text, [prop(2, 3, '"', "later.rule")])
    changes = log.changes()
    assert rebuild(original, changes) == text == 'x "y\u201d z'
    first = changes[0]
    assert (first.start, first.end, first.before, first.after) == (2, 4, "« ", '"')
    assert first.rule == "quotes.guillemets+later.rule"


def test_offsets_after_a_length_change_map_back():
    original = "aaa bbb  ccc"
    log = ChangeLog(original)
    text = log.apply(original, [prop(0, 3, "A")])          # shorter by two
    text = log.apply(text, [prop(5, 7, " ")])                # the double space, now at 5
    assert text == "A bbb ccc"
    assert [(c.start, c.end, c.before) for c in log.changes()] == [(0, 3, "aaa"), (7, 9, "  ")]


def test_reverting_an_earlier_change_removes_it():
    log = ChangeLog("ab")
    text = log.apply("ab", [prop(0, 1, "X")])
    text = log.apply(text, [prop(0, 1, "a")])
    assert text == "ab" and log.changes() == []


def test_suggestion_is_reported_against_the_original():
    original = "made. across  the"
    log = ChangeLog(original)
    text = log.apply(original, [prop(12, 14, " ")])
    held = log.suggestion(text, prop(4, 6, " ", "punctuation.sentence-break", safe=False))
    assert (held.start, held.end, held.before, held.after, held.applied) == (4, 6, ". ", " ", False)
