"""Long input on the command line: read, fixed and written chunk by chunk, with the output it would have whole.

The thresholds are lowered here (a file of 4 KB is "long", a chunk 1 KB), so that
small files take the streaming path; bench/stream.py measures it on a gigabyte.
"""

from __future__ import annotations

import json
import os
import random

import pytest

import transclean
from transclean import cli, segments, textio

LINES = ["Le ministre a présenté le budget , mardi .", "« Nous verrons », a dit le ministre.",
         "The company said « it will deliver » in May.", "Prices rose by 2,5 % over the year.",
         "The minister presented the budget on Tuesday.", "He added: “We asked the authorities",
         "for an exception.”", "Exports fell for the third month in a row."]


@pytest.fixture(autouse=True)
def small_thresholds(monkeypatch):
    monkeypatch.setattr(textio, "STREAM_FROM", 4096)
    monkeypatch.setattr(textio, "CHUNK", 1024)
    monkeypatch.setattr(segments, "CHUNK", 1024)
    monkeypatch.setattr(segments, "HEAD", 1024)


def long_text(lines: int = 400, seed: int = 3) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(LINES) + "\n" for _ in range(lines))


def run(capfdbinary, *args) -> tuple[int, bytes, str]:
    rc = cli.main(list(map(str, args)))
    out, err = capfdbinary.readouterr()
    return rc, out, err.decode("utf-8")


def test_a_long_file_gives_what_the_whole_text_gives(tmp_path, capfdbinary):
    text = long_text()
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    expected = transclean.Pipeline().fix(text).text.encode("utf-8")
    assert len(list(segments.split((text,))[1])) > 5
    for jobs in ("1", "2"):
        rc, out, err = run(capfdbinary, "fix", "-q", "-j", jobs, path)
        assert (rc, err) == (0, "")
        assert out == expected


def test_standard_input_is_streamed_too(tmp_path, capfdbinary, monkeypatch):
    text = long_text()
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    with open(path, "rb") as stdin:
        monkeypatch.setattr("sys.stdin", stdin)
        rc, out, _ = run(capfdbinary, "fix", "-q")
    assert rc == 0 and out == transclean.Pipeline().fix(text).text.encode("utf-8")


def test_in_place_and_output_file(tmp_path, capfdbinary):
    text = long_text()
    expected = transclean.Pipeline().fix(text).text
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, encoding="utf-8")
    assert run(capfdbinary, "fix", "-q", "--in-place", a)[0] == 0
    assert a.read_text(encoding="utf-8") == expected
    a.write_text(text, encoding="utf-8")
    assert run(capfdbinary, "fix", "-q", "-o", b, a)[0] == 0
    assert b.read_text(encoding="utf-8") == expected and a.read_text(encoding="utf-8") == text
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


def test_in_place_leaves_a_clean_file_untouched(tmp_path, capfdbinary):
    clean = "".join(line + "\n" for line in ["The minister presented the budget on Tuesday."] * 200)
    path = tmp_path / "clean.txt"
    path.write_text(clean, encoding="utf-8")
    before = os.stat(path)
    assert run(capfdbinary, "fix", "--in-place", path)[0] == 0
    after = os.stat(path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_in_place_of_a_file_with_hard_links_rewrites_it_in_place(tmp_path, capfdbinary):
    text = long_text()
    path, link = tmp_path / "a.txt", tmp_path / "link.txt"
    path.write_text(text, encoding="utf-8")
    os.link(path, link)
    assert run(capfdbinary, "fix", "-q", "--in-place", path)[0] == 0
    assert link.read_text(encoding="utf-8") == transclean.Pipeline().fix(text).text
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "link.txt"]


def test_review_lines_name_lines_of_the_whole_file(tmp_path, capfdbinary):
    text = "".join(f"Line {k} is fine.\n" for k in range(300)) + "Ce projet de loi est une honte pour la République.\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    rc, _, err = run(capfdbinary, "fix", "--source-lang", "fr", path)
    whole = transclean.Pipeline(source_lang="fr").fix(text)
    assert whole.flags
    assert rc == 0 and f"{path}:301:1: " in err


def test_json_lines_records_rebuild_the_clean_text(tmp_path, capfdbinary):
    text = long_text()
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    rc, out, _ = run(capfdbinary, "fix", "-q", "--format", "jsonl", path)
    records = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert rc == 0 and records[0]["type"] == "source" and records[-1]["type"] == "end"
    changes = [r for r in records if r["type"] == "change" and r["applied"]]
    rebuilt, pos = [], 0
    for c in changes:
        assert text[c["start"]:c["end"]] == c["before"]
        rebuilt += [text[pos:c["start"]], c["after"]]
        pos = c["end"]
    assert "".join(rebuilt) + text[pos:] == transclean.Pipeline().fix(text).text
    assert records[-1]["applied"] == len(changes) and records[-1]["changed"] is True


def test_json_lines_of_a_short_file_have_the_same_records(tmp_path, capfdbinary):
    path = tmp_path / "short.txt"
    path.write_text("Hello , world .\n", encoding="utf-8")
    rc, out, _ = run(capfdbinary, "fix", "--format", "jsonl", path)
    kinds = [json.loads(line)["type"] for line in out.decode("utf-8").splitlines()]
    assert rc == 0 and kinds == ["source", "change", "change", "end"]


def test_a_legacy_encoding_is_kept(tmp_path, capfdbinary):
    text = long_text().replace("“", '"').replace("”", '"')
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    rc, out, _ = run(capfdbinary, "fix", "-q", path)
    assert rc == 0 and out == transclean.Pipeline().fix(text).text.encode("cp1252")


@pytest.mark.parametrize("damage, words", [
    (lambda data: data[:2000] + b"\x00" + data[2000:], ["NUL byte", "line"]),
    (lambda data: data + "é".encode("utf-8")[:1], ["truncated"]),
    (lambda data: data[:6000] + b"\xff" + data[6000:], ["not utf-8", "line"]),
])
def test_damaged_long_input_is_one_line_naming_where(tmp_path, capfdbinary, damage, words):
    path = tmp_path / "bad.txt"
    data = damage(long_text().encode("utf-8"))
    path.write_bytes(data)
    rc, _, err = run(capfdbinary, "fix", "-q", "--in-place", path)  # (review lines of the chunks before would come first)
    assert cli_error(rc, err) and all(w in err for w in words), err
    assert path.read_bytes() == data  # never a partial file
    assert os.listdir(tmp_path) == ["bad.txt"]


def test_a_line_too_long_is_refused_with_its_number(tmp_path, capfdbinary, monkeypatch):
    from transclean import streaming
    monkeypatch.setattr(streaming, "LONGEST_LINE", 50_000)
    path = tmp_path / "one-line.txt"
    path.write_text("First line.\n" + "word " * 30_000, encoding="utf-8")
    rc, _, err = run(capfdbinary, "fix", path)
    assert cli_error(rc, err) and "line 2 is longer" in err


def cli_error(rc: int, err: str) -> bool:
    return rc == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_bar_shows_the_bytes_done_on_a_terminal_only(tmp_path, capfdbinary, monkeypatch):
    from test_cli import FakeTerminal

    path = tmp_path / "long.txt"
    path.write_text(long_text(), encoding="utf-8")
    terminal = FakeTerminal(tty=True)
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["fix", "--check", "--source-lang", "en", str(path)]) == 1
    bars = [s for s in "".join(terminal.written).split("\r") if s.startswith("transclean ")]
    assert any("100%" in s and "B/s" in s for s in bars), bars
    terminal = FakeTerminal(tty=True)
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["fix", "-q", "--check", str(path)]) == 1
    assert terminal.written == []


def test_json_lines_and_the_summary_are_the_same_over_two_processes(tmp_path, capfdbinary):
    path = tmp_path / "long.txt"
    path.write_text(long_text(), encoding="utf-8")
    outputs = [run(capfdbinary, "fix", "-j", jobs, "--format", "jsonl", path) for jobs in ("1", "2")]
    assert outputs[0] == outputs[1] and outputs[0][0] == 0
    summaries = [run(capfdbinary, "fix", "-j", jobs, "--check", path)[2] for jobs in ("1", "2")]
    assert summaries[0] == summaries[1] and "changes applied" in summaries[0]
