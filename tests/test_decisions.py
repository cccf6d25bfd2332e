"""Replaying decisions: the original text with only the accepted changes."""

import random

import pytest

import transclean
from transclean.decisions import DecisionError, accepted_text, change_id
from transclean.model import Change

SEED = open("samples/seed-space-film.txt", encoding="utf-8").read()


def _change(start, end, before, after, rule="r.x", applied=True):
    return Change(rule, start, end, before, after, "m", True, applied)


def test_accepting_every_change_of_an_unsafe_run_gives_its_text():
    result = transclean.fix(SEED, source_lang="fr", unsafe=True)
    assert result.changes
    assert accepted_text(SEED, result.changes) == result.text


def test_accepting_nothing_gives_the_input():
    assert accepted_text(SEED, []) == SEED


def test_a_random_choice_applies_exactly_the_chosen_changes():
    result = transclean.fix(SEED, source_lang="fr", unsafe=True)
    rng = random.Random(7)
    chosen = [c for c in result.changes if rng.random() < 0.5]
    assert 0 < len(chosen) < len(result.changes)
    text = accepted_text(SEED, chosen)
    pos, rebuilt = 0, []
    for change in sorted(chosen, key=lambda c: c.start):
        rebuilt += [SEED[pos:change.start], change.after]
        pos = change.end
    assert text == "".join(rebuilt) + SEED[pos:]


def test_a_held_back_fix_supersedes_the_applied_changes_it_covers():
    original = "a  b"
    applied = _change(1, 3, "  ", " ")
    held = _change(0, 4, "a  b", "A b", applied=False)  # computed with the applied change in place
    assert accepted_text(original, [applied, held]) == "A b"
    assert accepted_text(original, [held]) == "A b"
    assert accepted_text(original, [applied]) == "a b"


def test_a_change_that_does_not_match_the_text_is_refused():
    with pytest.raises(DecisionError, match="does not match"):
        accepted_text("hello", [_change(0, 2, "xx", "y")])
    with pytest.raises(DecisionError, match="does not match"):
        accepted_text("hello", [_change(3, 9, "lo", "y")])


def test_overlapping_accepted_changes_are_refused():
    with pytest.raises(DecisionError, match="overlap"):
        accepted_text("abcdef", [_change(0, 3, "abc", "x"), _change(2, 4, "cd", "y")])
    with pytest.raises(DecisionError, match="overlap"):
        accepted_text("abc", [_change(1, 1, "", "x"), _change(1, 1, "", "y", rule="r.y")])


def test_adjacent_changes_both_apply():
    assert accepted_text("abcd", [_change(0, 2, "ab", "X"), _change(2, 2, "", "-")]) == "X-cd"
    with pytest.raises(DecisionError, match="overlap"):  # which comes first is not known
        accepted_text("abcd", [_change(2, 2, "", "-"), _change(2, 4, "cd", "Y")])
    assert accepted_text("abcd", [_change(0, 2, "ab", "X"), _change(2, 4, "cd", "Y")]) == "XY"


def test_the_id_names_what_the_change_is():
    a = _change(3, 5, "ab", "c")
    assert change_id(a) == change_id(_change(3, 5, "ab", "c"))
    assert change_id(a).startswith("3-5-")
    assert change_id(a) != change_id(_change(3, 5, "ab", "d"))
    assert change_id(a) != change_id(_change(3, 5, "ab", "c", rule="r.y"))
