"""`fix --interactive`: the terminal review, driven with scripted keys through a pseudo-terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest

import transclean
from transclean.decisions import accepted_text
from transclean.interactive import walk

pexpect = pytest.importorskip("pexpect", reason="pexpect is not installed: pip install 'transclean[test]'")

TEXT = ("the value of” experience “, estimated by the company Space X , by Elon Musk.\n"
        "The launch had never been made. across the line, said Space X .\n")
PROMPT = r"Apply this change \[y,n,a,d,u,q,\?\]\? "
CHANGES = transclean.fix(TEXT, unsafe=True).changes
RULES = [c.rule for c in CHANGES]


def with_answers(*accepted: bool) -> str:
    """The text with the changes answered yes (one answer per change, in order; missing: not applied)."""
    return accepted_text(TEXT, [c for c, yes in zip(CHANGES, accepted) if yes])


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def review(path, keys: list[str], *more) -> tuple[int, str]:
    """Answer each prompt with the next key; the exit status and everything the terminal showed."""
    child = pexpect.spawn(sys.executable, ["-m", "transclean.cli", "fix", "--interactive", str(path), *map(str, more)],
                          encoding="utf-8", timeout=60, dimensions=(50, 200))
    shown = []
    for key in keys:
        child.expect(PROMPT)
        shown.append(child.before + child.after)
        child.sendline(key) if key != "\x03" else child.sendintr()
    child.expect(pexpect.EOF)
    shown.append(child.before)
    child.close()
    return child.exitstatus, "".join(shown)


def test_the_rules_of_the_sample():
    """The scripts below rely on this order of changes (fix the sample, not the scripts, if it moves)."""
    assert RULES == ["quotes.reversed-pair", "quotes.reversed-pair", "glossary.brands", "punctuation.space-before",
                     "punctuation.sentence-break", "glossary.brands", "punctuation.space-before"]


def test_yes_and_no_one_by_one_with_the_change_in_context(article):
    answers = ["y", "n", "y", "y", "n", "n", "y"]
    rc, shown = review(article, answers)
    assert rc == 0
    assert article.read_text(encoding="utf-8") == with_answers(*(a == "y" for a in answers))
    assert "article.txt:1:13: quotes.reversed-pair (safe): Reversed quotation marks" in shown
    assert "punctuation.sentence-break (unsafe)" in shown  # held-back fixes are offered too
    assert "[-Space X-]" in shown and "{+SpaceX+}" in shown and "(7/7)" in shown
    assert "4 of 7 changes applied" in shown


def test_all_and_none_of_a_rule_answer_its_later_changes(article):
    # a: both quote changes; y: brand; d: every space-before; n: the break; the second brand is asked
    rc, shown = review(article, ["a", "y", "d", "n", "y"])
    assert rc == 0
    assert shown.count("Apply this change") == 5
    assert article.read_text(encoding="utf-8") == with_answers(True, True, True, False, False, True, False)


def test_undo_goes_back_to_the_last_answer_and_forgets_what_followed(article):
    # d on the quotes (both skipped), then undo: the first quote change is asked again
    rc, shown = review(article, ["d", "u", "y", "n", "a", "y", "n", "y"])
    assert rc == 0
    assert article.read_text(encoding="utf-8") == with_answers(True, False, True, True, False, True, True)
    assert shown.count("(1/7)") == 2


def test_quit_keeps_the_answers_so_far_and_applies_nothing_else(article):
    rc, shown = review(article, ["n", "y", "q"])
    assert rc == 0
    assert article.read_text(encoding="utf-8") == with_answers(False, True)
    assert "1 of 7 changes applied" in shown


def test_help_then_the_same_change_again(article):
    rc, shown = review(article, ["?", "q"])
    assert rc == 0 and "u - undo the last answer\r\nq - quit" in shown and shown.count("(1/7)") == 2
    assert article.read_text(encoding="utf-8") == TEXT  # nothing accepted: the file as it was


def test_a_rules_answer_carries_to_the_next_file_and_quit_stops_the_run(article, tmp_path):
    second, third = tmp_path / "second.txt", tmp_path / "third.txt"
    second.write_text(TEXT, encoding="utf-8")
    third.write_text(TEXT, encoding="utf-8")
    # first file: a (quotes), d (brands), a (space-before), y (the break); the second asks only the break
    rc, shown = review(article, ["a", "d", "a", "y", "q"], second, third)
    assert rc == 0 and shown.count("Apply this change") == 5
    assert article.read_text(encoding="utf-8") == with_answers(True, True, False, True, True, False, True)
    assert second.read_text(encoding="utf-8") == with_answers(True, True, False, True)
    assert third.read_text(encoding="utf-8") == TEXT


def test_ctrl_c_leaves_the_file_untouched(article):
    before = article.stat().st_mtime_ns
    rc, shown = review(article, ["y", "y", "\x03"])
    assert rc == 2 and "interrupted" in shown and "Traceback" not in shown
    assert article.read_text(encoding="utf-8") == TEXT and article.stat().st_mtime_ns == before


def test_refused_when_standard_input_is_not_a_terminal(article):
    proc = subprocess.run([sys.executable, "-m", "transclean.cli", "fix", "--interactive", str(article)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "terminal" in proc.stderr
    assert article.read_text(encoding="utf-8") == TEXT


def test_statistics_do_not_go_with_a_review(article):
    proc = subprocess.run([sys.executable, "-m", "transclean.cli", "fix", "--interactive", "--statistics", str(article)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--statistics" in proc.stderr


def test_walk_carries_a_rules_answer_to_the_next_file_and_matches_joined_ids():
    changes = [CHANGES[0]._replace(rule="quotes.reversed-pair+punctuation.space-before"), CHANGES[3]]
    keys = iter(["d"])
    decided, by_rule, quit = walk(changes, lambda i: next(keys), lambda line: None)
    assert decided == {0: False, 1: False} and not quit
    assert by_rule == {"quotes.reversed-pair": False, "punctuation.space-before": False}
    decided, _, _ = walk([CHANGES[1]], lambda i: pytest.fail("asked"), lambda line: None, by_rule)
    assert decided == {0: False}


def test_walk_an_empty_answer_is_no_answer_and_the_last_answer_is_carried():
    keys, told = iter(["", "x", "n", "a"]), []
    decided, by_rule, quit = walk(CHANGES[2:4], lambda i: next(keys), told.append)
    assert decided == {0: False, 1: True} and by_rule == {"punctuation.space-before": True} and not quit
    assert len(told) == 2 and all("u - undo" in line for line in told)
