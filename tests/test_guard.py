"""The never-worse guard: a stage's edits that would add a defect to a paragraph are held
and flagged; on correct text and on the golden data it never fires.
(The property on generated texts is in test_properties.py.)
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

import transclean
from conftest import ROOT, SAMPLES
from transclean import defects, guard, segments
from transclean.model import Edit
from transclean.offsets import Proposal, splice
from transclean.pipeline import all_rules

# A paragraph whose quotation marks the pairing misreads: the first quotation is not closed
# on its line, so the correct “I am … myself” is paired the wrong way round, and its marks
# would be turned into ” I am … myself “.
SAHIN = ("Şahin said that ”the vaccine is safe\n"
         "“I am currently legally not allowed to receive the vaccine myself”, said Şahin then.\n"
         "He added: ”soon.\n")
REVERSED = "the value of” experience “, estimated\n"


def guard_flags(result: transclean.Result) -> list[transclean.Flag]:
    return [f for f in result.flags if f.rule == guard.ID]


def test_a_stage_that_would_reverse_correct_quotes_is_held_and_flagged():
    result = transclean.fix(SAHIN)
    assert result.text == SAHIN and not result.changes
    [flag] = guard_flags(result)
    assert flag.message == ("Not applied: quotes.reversed-pair, quotes.mixed-pair would add "
                            "a quotation mark with spaces on both sides")
    assert SAHIN[flag.start:flag.end].startswith("”the vaccine") and SAHIN[flag.start:flag.end].endswith("He added: ”")


def test_without_the_guard_the_damage_is_done():
    damaged = transclean.Pipeline(ignore=["guard"]).fix(SAHIN).text
    assert "” I am currently" in damaged and "myself “, said" in damaged
    assert defects.worse(defects.count(SAHIN), defects.count(damaged)) == {defects.SPACED: 1}


def test_only_the_paragraph_made_worse_is_held():
    text = SAHIN + "\n" + REVERSED
    result = transclean.fix(text)
    assert result.text == SAHIN + "\nthe value of “experience”, estimated\n"
    assert len(guard_flags(result)) == 1


def test_the_stage_before_and_after_still_run_on_a_held_paragraph():
    text = SAHIN.replace("He added", "He  added").replace("safe\n", "safe ,\n")
    result = transclean.fix(text)
    assert result.text == SAHIN.replace("safe\n", "safe,\n")  # whitespace and punctuation stages applied
    assert len(guard_flags(result)) == 1


def test_mojibake_repair_is_not_judged():
    # the guillemets it writes back are the author's, and the quote stage repairs them
    assert transclean.fix("Il a dit Â« Bonjour Â» hier.\n", source_lang="fr").text == "Il a dit “Bonjour” hier.\n"
    assert not guard_flags(transclean.fix("Il a dit Â« oui\n"))


def test_a_kind_is_judged_from_the_stage_of_the_rule_that_repairs_it():
    # deleting the control character leaves two spaces, which whitespace.space-run then collapses
    text = "These control characters \x1a are apparently intentional\n"
    result = transclean.fix(text)
    assert result.text == "These control characters are apparently intentional\n" and not result.flags
    # without that rule the two spaces would stay: the deletion is held
    held = transclean.Pipeline(select=["encoding"]).fix(text)
    assert held.text == text
    assert [f.message for f in guard_flags(held)] == ["Not applied: encoding.control-chars would add a run of spaces"]


def test_ignore_guard_turns_it_off_and_select_leaves_it_on():
    assert transclean.Pipeline(ignore=["guard"]).guard is None
    assert transclean.Pipeline(ignore=["guard.worse"]).guard is None
    assert transclean.Pipeline(ignore=["quotes"]).guard is not None
    assert guard_flags(transclean.Pipeline(select=["quotes"]).fix(SAHIN))
    assert guard.ID in [r.id for r in all_rules()]


def test_flags_in_json_and_on_the_command_line(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(SAHIN, encoding="utf-8")
    cmd = [sys.executable, "-m", "transclean.cli", "fix"]
    doc = json.loads(subprocess.run([*cmd, "--format", "json", str(path)], capture_output=True, check=True).stdout)
    assert doc["text"] == SAHIN
    assert [f["rule"] for f in doc["flags"]] == [guard.ID]
    plain = subprocess.run([*cmd, str(path)], capture_output=True, text=True, check=True)
    assert plain.stdout == SAHIN and f"in.txt:1:17: {guard.ID}: Not applied: quotes.reversed-pair" in plain.stderr
    off = subprocess.run([*cmd, "--ignore", "guard", str(path)], capture_output=True, text=True, check=True)
    assert "” I am" in off.stdout
    listing = subprocess.run([sys.executable, "-m", "transclean.cli", "rules"], capture_output=True, text=True, check=True)
    assert listing.stdout.splitlines()[-1].startswith(guard.ID)


@pytest.mark.parametrize("text, expected", [
    ("“I am not allowed to receive it myself”, said Şahin then.", {}),
    ("” I am not allowed myself “, said Şahin", {defects.SPACED: 1, defects.REVERSED: 1}),
    ("the value of” experience “, estimated", {defects.REVERSED: 1}),
    ("a word“ here and (”there", {defects.REVERSED: 2}),
    ("he called it “ a success ” today", {defects.SPACED: 2}),
    ("the porthole », he noted", {defects.FOREIGN: 1, defects.UNPAIRED: 1}),
    ("the so-called „Energiewende“", {defects.FOREIGN: 1, defects.REVERSED: 1}),  # “ closes there
    ("a “b” c\n\nd “e", {defects.UNPAIRED: 1}),
    ('a 12" screen and 2038” and', {}),  # inch marks: two marks, one paragraph, paired
    ("the company Space X , by", {defects.SPACE_BEFORE: 1}),
    ("the score ( 3-1)", {defects.SPACE_AFTER_BRACKET: 1}),
    ("Baikonur Cosmodrome. , in Kazakhstan", {defects.ORPHAN: 1, defects.SPACE_BEFORE: 1}),
    ("in 2020,, after", {defects.DOUBLED: 1}),
    ("the  company", {defects.SPACE_RUN: 1}),
    ("a line\n, and the next", {defects.LINE_START: 1}),
    # correct text: none
    ("U.S. officials met at 3 p.m. at approx. 40% of the cost, etc., and left.", {}),
    ("The score was 3 : 1. Use std::vector here. Two spaces.  After a sentence.", {}),
    ("British ‘single quotes’ and don’t; 'straight' and \"straight\" ones.", {}),
    ("He paused... then went on . . . and on.", {}),
])
def test_defect_counts(text, expected):
    assert defects.count(text) == expected


def test_what_no_rule_may_edit_is_not_counted():
    # found by fuzzing: the tab became a space after `:(`, an emoticon (protected), where
    # punctuation.space-after-open may not remove it; it is no defect the tool repairs
    assert defects.count(":( .") == {}
    assert defects.count("x ( .") == {defects.SPACE_AFTER_BRACKET: 1}
    assert transclean.fix(":(\t.").text == ":( ."


def test_counts_add_up_over_paragraphs():
    paragraphs = [SAHIN, REVERSED, "a “b\n", "c ,d  e\n", "„x“\n"]
    total = defects.count("\n".join(paragraphs))
    summed: dict[str, int] = {}
    for p in paragraphs:
        for kind, n in defects.count(p).items():
            summed[kind] = summed.get(kind, 0) + n
    assert total == summed


def test_describe():
    assert defects.describe({defects.SPACED: 1}) == "a quotation mark with spaces on both sides"
    assert defects.describe({defects.SPACE_RUN: 2, defects.REVERSED: 1}) == \
        "a reversed quotation mark and 2 runs of spaces"


def test_paragraph_segments():
    text = "one\ntwo\n\nthree\n \nfour"
    assert guard.paragraphs(text, 0, 0) == (0, 9)
    assert guard.paragraphs(text, 4, 6) == (0, 9)
    assert guard.paragraphs(text, 9, 9) == (9, 17)  # an insertion at a paragraph's start
    assert guard.paragraphs(text, 5, 12) == (0, 17)
    assert guard.paragraphs(text, 18, 19) == (17, 21)


def test_line_segments():
    text = "a b\nc d\ne f\n"
    assert guard.lines(text, 0, 1) == (0, 4)
    assert guard.lines(text, 4, 4) == (4, 8)  # an insertion at a line's start
    assert guard.lines(text, 2, 6) == (0, 8)
    assert guard.lines(text, 9, 12) == (8, 12)


def _proposal(start: int, end: int, replacement: str, rule: str = "quotes.reversed-pair") -> Proposal:
    return Proposal(Edit(start, end, replacement, "test"), rule, True)


def test_line_segments_plug_in():
    """With one segment per line, a stage's edits are judged line by line."""
    text = "“a” b\n“c” d\n"
    bad = [_proposal(0, 1, "\u201d"), _proposal(2, 3, "\u201c"), _proposal(8, 9, "\u201c ")]
    flags = []
    kept = guard.Guard(all_rules()).screen(text, bad, flags.append, segments.LINES)
    assert kept == []  # both lines get worse
    assert len(flags) == 2
    flags.clear()
    by_paragraph = guard.Guard(all_rules())
    assert by_paragraph.screen(text, bad, flags.append) == [] and len(flags) == 1


def test_unguarded_edits_stay_when_the_rest_of_the_segment_is_held():
    text = "x “a” y\n"
    proposals = [_proposal(0, 1, "z", "encoding.mojibake"), _proposal(2, 3, "\u201d"), _proposal(4, 5, "\u201c")]
    flags = []
    kept = guard.Guard(all_rules()).screen(text, proposals, flags.append)
    assert kept == proposals[:1] and len(flags) == 1
    assert "encoding.mojibake" not in flags[0].message


def test_windows_agree_with_whole_counts():
    """A long paragraph is read in windows around its edits: the verdicts are those of counting it whole."""
    prose = (SAMPLES / "seed-space-film.txt").read_text(encoding="utf-8").replace("\n", " ")
    rng = random.Random(7)
    damage = ["” ", " “", ", ,", "  ", "«", " ;", "(", "\u201c,", "x", "", "\n", '"']
    for _ in range(300):
        edits, pos = [], rng.randrange(40)
        while pos < len(prose) - 20:
            end = pos + rng.choice((0, 1, 2))
            edits.append(Edit(pos, end, rng.choice(damage), "test"))
            pos = end + rng.randrange(1, 900)
        base = edits[::3]
        windowed = defects.increase(prose, 0, len(prose), base, edits)
        whole = defects.worse(defects.count(splice(prose, 0, len(prose), base)),
                              defects.count(splice(prose, 0, len(prose), edits)))
        assert windowed is None or windowed == whole


def _golden():
    for path in sorted(SAMPLES.glob("*.txt")):
        if not path.name.endswith(".expected.txt"):
            head = path.name.split("-", 1)[0]
            lang = head if len(head) == 2 and head != "en" else "auto"
            yield pytest.param(path, lang, id=path.stem)
            yield pytest.param(path.with_name(path.stem + ".expected.txt"), lang, id=path.stem + "-expected")
    for path in sorted((SAMPLES / "clean").glob("*.txt")):
        yield pytest.param(path, "auto", id="clean-" + path.stem)


@pytest.mark.parametrize("path, lang", list(_golden()))
def test_never_fires_on_the_golden_samples(path, lang):
    text = path.read_bytes().decode("utf-8")
    for unsafe in (False, True):
        assert not guard_flags(transclean.fix(text, source_lang=lang, unsafe=unsafe))


def test_never_fires_on_the_case_files():
    import tomllib
    fired = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.toml")):
        for kind, cases in tomllib.loads(path.read_text(encoding="utf-8")).items():
            for case in cases:
                for unsafe in (False, True):
                    result = transclean.fix(case["text"], source_lang=case.get("source_lang", "auto"), unsafe=unsafe)
                    fired += [(path.stem, kind, case["text"]) for _ in guard_flags(result)]
    assert fired == []


def test_never_fires_on_the_external_data(shared):
    external = shared / "external"
    lines = [line for line in (external / "lt-en-correct.txt").read_text(encoding="utf-8").split("\n") if line]
    assert not guard_flags(transclean.fix("\n\n".join(lines) + "\n", unsafe=True))
    rows = [line.split("\t") for line in (external / "lt-en-typography.tsv").read_text(encoding="utf-8").split("\n")[1:]
            if line]
    java = [line for line in (external / "lt-en-correct-java.txt").read_text(encoding="utf-8").split("\n") if line]
    from test_external import _ftfy_rows
    ftfy = [text for row in _ftfy_rows(shared) for text in (row["original"], row["fixed_expected"])]
    for text in [*java, *(row[1] for row in rows), *(row[2] for row in rows), *ftfy]:
        assert not guard_flags(transclean.fix(text, unsafe=True)), text


def test_a_pairing_that_trades_one_line_for_another_is_held():
    """Speakers quoted over lines with a mark on each throw the paragraph's pairing off: it would
    repair the last line's marks and reverse a correct one above (the totals alone stay level)."""
    text = ("“We knew the title was close.\n“The players answered.\n"
            "“This title belongs to them”, he said.\nThe coach called it ” a miracle “.\n")
    result = transclean.fix(text)
    assert result.text == text
    assert [f.rule for f in result.flags] == ["guard.worse"]
    assert "” The players answered." in transclean.Pipeline(ignore=["guard"]).fix(text).text
