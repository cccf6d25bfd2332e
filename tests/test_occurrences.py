"""Occurrences carried through edits are those a fresh scan of the edited text finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transclean.model import Edit
from transclean.rules.glossary import FormIndex, Occurrences

FORMS = ("ab", "b", "abc", "ca", "a b", "bb", "c")
TEXT = st.text(alphabet="abc ", max_size=30)


@st.composite
def edited(draw):
    """A text and sorted, disjoint edits of it (insertions may touch a span's edges)."""
    text = draw(TEXT)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, pos = [], 0
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < pos or (a == b and edits and edits[-1].start == edits[-1].end == a):
            continue
        edits.append(Edit(a, b, draw(st.text(alphabet="abc ", max_size=4)), ""))
        pos = b
    return text, edits


def _apply(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in edits:
        out += [text[pos:e.start], e.replacement]
        pos = e.end
    return "".join(out) + text[pos:]


@settings(max_examples=500, deadline=None)
@given(edited(), st.lists(edited(), max_size=2))
def test_carried_occurrences_are_a_fresh_scan(first, more):
    index = FormIndex(FORMS)
    text, edits = first
    occurrences = Occurrences(index)
    assert sorted(occurrences.of(text)) == sorted(index.scan(text))
    for _, later in [(None, edits)] + [(None, e) for _, e in more]:
        later = [e for e in later if e.end <= len(text)]
        text = _apply(text, later)
        occurrences.follow(text, later)
    assert sorted(occurrences.of(text)) == sorted(index.scan(text))
