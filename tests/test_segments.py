"""The document layer: layouts, segments of line-oriented text, chunks of whole segments."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import transclean
from transclean import segments
from transclean.segments import LINES, PARAGRAPHS

import textgen

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

PROSE = [
    "The minister presented the budget on Tuesday.",
    "“We will not raise taxes”, she said.",
    "Unions called for a strike in March.",
    "The opposition asked for a vote of confidence.",
    "Prices rose by 2.5% over the year.",
    "The central bank left its rate unchanged.",
    "Exports fell for the third month in a row.",
    "“It is a difficult time”, said the governor.",
]


def lines_text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


# --- layout -------------------------------------------------------------------------------

def test_a_file_of_one_sentence_per_line_is_laid_out_in_lines():
    assert segments.layout_of(lines_text(PROSE * 3)) == LINES


@pytest.mark.parametrize("text", [
    "\n\n".join(PROSE * 3),  # paragraphs between blank lines
    lines_text(PROSE[:4]),  # too few lines to tell
    # prose wrapped at a column: the lines do not end sentences
    lines_text(["The minister presented the budget on Tuesday, and the unions", "called for a strike in March while the",
                "opposition asked for a vote of confidence in the government of", "the day; prices rose by 2.5% over the"] * 4),
])
def test_other_texts_are_laid_out_in_paragraphs(text):
    assert segments.layout_of(text) == PARAGRAPHS


def test_the_samples_are_laid_out_as_their_shape_says():
    for path in SAMPLES.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if "\n\n" in text.strip():
            assert segments.layout_of(text) == PARAGRAPHS, path.name


# --- segments of a line-oriented text ----------------------------------------------------------

def newline_indexes(text: str, breaks: list[int]) -> list[int]:
    """Which line breaks (by index) are segment breaks."""
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    return [newlines.index(b) for b in breaks]


def test_each_line_is_a_segment_and_a_quotation_over_lines_is_one():
    text = lines_text(["One.", "He said: “We asked", "for an exception.”", "«He said that", "it would", "rain.»", "Two."])
    assert newline_indexes(text, segments.breaks(text, LINES)) == [0, 2, 5, 6]


def test_a_spaced_closing_mark_before_punctuation_closes():
    # `minute »,` closes the quotation: the next lines are segments of their own
    text = lines_text(["«He said that", "it would rain the minute »,", "One.", "Two.", "«Three»."])
    assert newline_indexes(text, segments.breaks(text, LINES)) == [1, 2, 3, 4]
    assert transclean.fix(text, source_lang="fr").text.splitlines()[1] == "it would rain the minute”,"


def test_a_speaker_quoted_over_lines_with_a_mark_on_each_is_not_joined():
    text = lines_text(["“First paragraph.", "“Second paragraph.", "“Last paragraph.”", "After."])
    assert newline_indexes(text, segments.breaks(text, LINES)) == [0, 1, 2, 3]


def test_a_quotation_left_open_is_not_joined_to_the_lines_after_it():
    text = lines_text(["“Never closed."] + [f"Line {k}." for k in range(12)])
    assert len(segments.breaks(text, LINES)) == 13


# --- line mode in the pipeline -------------------------------------------------------------------

def test_correct_quotes_of_a_line_oriented_file_are_left_alone():
    # a quotation over two lines used to flip the pairing of every quotation after it
    lines = ["He added: “We have asked the authorities", "for an exception, and we are waiting.”"]
    lines += ["“I am currently legally not allowed to receive the vaccine myself”, said Şahin then."] * 30
    lines += ["“First paragraph of a long quotation.", "“Last paragraph.”"] + PROSE * 5
    text = lines_text(lines)
    assert transclean.fix(text).text == text


def test_guillemets_of_each_line_are_repaired_in_a_line_oriented_file():
    lines = ["« Nous verrons », said the minister.", "«He said that", "it would rain.»"] + PROSE * 2
    lines += ["The company said « it will deliver » in May."] * 40
    fixed = transclean.fix(lines_text(lines), source_lang="fr").text.splitlines()
    assert fixed[:3] == ["“Nous verrons”, said the minister.", "“He said that", "it would rain.”"]
    assert fixed[-1] == "The company said “it will deliver” in May."


def test_line_mode_repairs_every_line_of_a_long_file():
    line = "The company said « it will deliver » in May, and « it will pay » later."
    text = lines_text([line] * 3000)
    fixed = transclean.fix(text, source_lang="fr").text
    assert fixed == text.replace("« ", "“").replace(" »", "”")


# --- chunks -----------------------------------------------------------------------------------

def chunks(text: str, size: int) -> list[str]:
    return [chunk for chunk, _ in segments.split((text,), size)[1]]


@pytest.fixture(autouse=True)
def small_head(monkeypatch):
    """A head of 200 characters, so that texts of a few kilobytes make several chunks."""
    monkeypatch.setattr(segments, "HEAD", 200)


def test_chunks_are_whole_lines_that_rebuild_the_text():
    text = lines_text(PROSE * 200)
    parts = chunks(text, 1000)
    assert len(parts) > 5 and "".join(parts) == text
    assert all(part.endswith("\n") for part in parts)


def test_a_chunk_is_never_cut_inside_a_code_fence_or_a_quotation():
    fence = ["```", "x = 1  # the code", "", "y = 2 .", "```"]
    quotation = ["He said: “We asked the authorities", "for an exception.”"]
    lines = (PROSE + fence + PROSE + quotation) * 40
    text = lines_text(lines)
    for size in (100, 300, 1000):
        for part in chunks(text, size):
            assert part.count("```") % 2 == 0
            assert part.count("“") == part.count("”")


def test_a_paragraph_text_is_cut_between_paragraphs():
    text = "\n\n".join(PROSE * 100) + "\n"
    parts = chunks(text, 500)
    assert len(parts) > 5 and "".join(parts) == text
    assert all(part.endswith(".\n\n") or part is parts[-1] for part in parts)


def test_a_line_too_long_for_a_stream_is_refused_with_its_number():
    pieces = ["First line.\nSecond line.\n"] + ["x" * 1000] * 50
    with pytest.raises(segments.LineTooLong) as err:
        list(segments.split(pieces, size=100, longest=20_000)[1])
    assert err.value.line == 3


def _language(name: str) -> str:
    head = name.split("-")[0]
    return head if head in textgen.MODES else "fr"


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.glob("**/*.txt") if not p.name.endswith(".expected.txt")),
                         ids=lambda p: p.name)
def test_a_document_gives_the_same_result_in_chunks_as_whole(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    pipeline = transclean.Pipeline(source_lang=_language(path.name))
    monkeypatch.setattr(segments, "HEAD", 2000)  # the facts are read from the same head in every run
    whole = pipeline.fix(text)
    for size in (300, 1000, 3000):
        monkeypatch.setattr(segments, "CHUNK", size)
        part = pipeline.fix(text)
        assert (part.text, part.changes, part.flags) == (whole.text, whole.changes, whole.flags), size


def test_edge_blank_lines_go_only_at_the_edges_of_the_document(monkeypatch):
    monkeypatch.setattr(segments, "CHUNK", 200)
    monkeypatch.setattr(segments, "HEAD", 200)
    text = "\n\n" + "\n\n".join(PROSE * 10) + "\n\n\n"
    fixed = transclean.fix(text).text
    assert fixed == "\n\n".join(PROSE * 10) + "\n"


def test_a_stream_read_in_pieces_gives_what_the_whole_text_gives(monkeypatch):
    monkeypatch.setattr(segments, "CHUNK", 2000)
    monkeypatch.setattr(segments, "HEAD", 2000)
    rng = random.Random(7)
    lines = [rng.choice(PROSE + ["Le « budget » , dit-il .", "Le 5 octobre , à 21h30 .", "2,5 milliards"])
             for _ in range(600)]
    text = lines_text(lines)
    pipeline = transclean.Pipeline(source_lang="fr")
    whole = pipeline.fix(text)
    cuts = sorted(rng.sample(range(1, len(text)), 40))
    pieces = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]
    parts = list(pipeline.fix_stream(pieces))
    assert len(parts) > 3
    assert "".join(r.text for _, r in parts) == whole.text
    assert [c for _, r in parts for c in r.changes] == list(whole.changes)
    assert [offset for offset, _ in parts] == [sum(len(r.original) for _, r in parts[:k]) for k in range(len(parts))]


@pytest.mark.parametrize("mode", ["fr", "de", "en"])
def test_random_line_oriented_texts_give_the_same_result_in_chunks(mode, monkeypatch):
    pipeline = transclean.Pipeline(source_lang=mode)
    monkeypatch.setattr(segments, "HEAD", 400)
    rng = random.Random(11)
    for k, text in enumerate(textgen.texts(seed=5, count=150, max_pieces=30)):
        lines = [t.replace("\n", " ") + "." for t in textgen.texts(seed=k, count=rng.randint(20, 60))]
        doc = lines_text(lines)
        monkeypatch.setattr(segments, "CHUNK", 1 << 20)
        whole = pipeline.fix(doc)
        monkeypatch.setattr(segments, "CHUNK", 400)
        part = pipeline.fix(doc)
        assert part.text == whole.text, doc
