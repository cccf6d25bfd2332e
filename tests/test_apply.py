"""`transclean review` and `transclean apply` on the command line: the decisions file, replayed byte for byte."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import SAMPLES
from transclean.decisions import DIGEST, SCHEMA, change_id, load
from transclean.model import Change

SEED = SAMPLES / "seed-space-film.txt"


def run(*args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "transclean.cli", *map(str, args)],
                          capture_output=True, cwd=cwd, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8")


def one_line_error(rc, err):
    return rc == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def page_data(page: str, document: int = 0) -> dict:
    """The data a review page embeds for one document (its decisions file before any decision among them)."""
    block = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)["documents"][document]


def review(path, *flags) -> dict:
    """The decisions file of a review of `path`, as the page would download it untouched."""
    out = path.parent / (path.name + ".review.html")
    rc, _, err = run("review", *flags, path)
    assert rc == 0, err
    return page_data(out.read_text(encoding="utf-8"))["decisions"]


def decided(decisions: dict, choose) -> dict:
    """The decisions with each change's decision set by choose(index, change)."""
    return {**decisions, "changes": [{**c, "decision": choose(n, c)} for n, c in enumerate(decisions["changes"])]}


def apply(tmp_path, target, decisions, *flags):
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps(decisions), encoding="utf-8")
    return run("apply", target, "--decisions", path, *flags)


def rebuilt(original: str, changes: list[dict]) -> str:
    """The original with these (disjoint, ordered) changes, spliced in by hand."""
    out, pos = [], 0
    for c in changes:
        out += [original[pos:c["start"]], c["after"]]
        pos = c["end"]
    return "".join(out) + original[pos:]


@pytest.fixture()
def seed(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(SEED.read_bytes())
    return path


def test_the_review_names_the_file_its_digest_and_every_change(seed):
    decisions = review(seed, "--source-lang", "fr")
    assert decisions["schema"] == SCHEMA and decisions["file"] == "article.txt" and decisions["encoding"] == "utf-8"
    assert decisions["digest"].startswith(DIGEST) and len(decisions["digest"]) == len(DIGEST) + 32
    changes = decisions["changes"]
    assert changes and {c["decision"] for c in changes if c["safe"]} == {"accepted"}
    assert {c["decision"] for c in changes if not c["safe"]} == {"pending"}
    for c in changes:
        change = Change(c["rule"], c["start"], c["end"], c["before"], c["after"], c["message"], c["safe"], True)
        assert c["id"] == change_id(change)


def test_accepting_all_is_fix_with_unsafe_fixes_and_rejecting_all_is_the_input(seed, tmp_path):
    decisions = review(seed, "--source-lang", "fr")
    rc, out, err = apply(tmp_path, seed, decided(decisions, lambda n, c: "accepted"))
    assert rc == 0, err
    assert out == run("fix", "--source-lang", "fr", "--unsafe-fixes", seed)[1]
    rc, out, err = apply(tmp_path, seed, decided(decisions, lambda n, c: "rejected"))
    assert rc == 0, err
    assert out == seed.read_bytes()


def test_only_the_accepted_changes_are_applied(seed, tmp_path):
    decisions = review(seed, "--source-lang", "fr")
    choice = decided(decisions, lambda n, c: ("accepted", "rejected", "pending")[n % 3])
    rc, out, err = apply(tmp_path, seed, choice)
    assert rc == 0, err
    accepted = [c for c in choice["changes"] if c["decision"] == "accepted"]
    assert out.decode("utf-8") == rebuilt(seed.read_text(encoding="utf-8"), accepted)


def test_a_file_changed_since_the_review_is_refused(seed, tmp_path):
    decisions = review(seed, "--source-lang", "fr")
    seed.write_bytes(seed.read_bytes() + b"One more line.\n")
    rc, out, err = apply(tmp_path, seed, decisions)
    assert one_line_error(rc, err) and "digest differs" in err and out == b""


def test_edited_fix_json_output_is_a_decisions_file(seed, tmp_path):
    rc, out, _ = run("fix", "--format", "json", "--source-lang", "fr", "--unsafe-fixes", seed)
    fixed = json.loads(out)
    rejected = next(c for c in fixed["changes"] if c["rule"] == "names.people")
    rejected["decision"] = "rejected"  # the edit: one change turned down, the others left as they were
    rc, out, err = apply(tmp_path, seed, fixed)
    assert rc == 0, err
    others = [c for c in fixed["changes"] if c is not rejected]
    assert out.decode("utf-8") == rebuilt(seed.read_text(encoding="utf-8"), others) != fixed["text"]
    # without --unsafe-fixes, the held-back fixes (applied: false) stay out: fix's own text
    rc, out, _ = run("fix", "--format", "json", "--source-lang", "fr", seed)
    assert apply(tmp_path, seed, json.loads(out))[1].decode("utf-8") == json.loads(out)["text"]


def test_in_place_replaces_the_file_atomically(seed, tmp_path):
    decisions = review(seed, "--source-lang", "fr")
    expected = run("fix", "--source-lang", "fr", "--unsafe-fixes", seed)[1]
    before = set(os.listdir(tmp_path))
    rc, out, err = apply(tmp_path, seed, decided(decisions, lambda n, c: "accepted"), "--in-place")
    assert rc == 0 and out == b"", err
    assert seed.read_bytes() == expected
    assert set(os.listdir(tmp_path)) == before | {"decisions.json"}  # no temporary file left beside it
    rc, _, err = apply(tmp_path, seed, decisions, "--in-place")  # the file is no longer the one reviewed
    assert one_line_error(rc, err) and seed.read_bytes() == expected


def test_a_legacy_encoding_and_crlf_come_back_as_they_were(tmp_path):
    path = tmp_path / "legacy.txt"
    text = "Le film « The challenge » , tourné à bord.\r\nL’équipe a douze jours .\r\n"
    path.write_bytes(text.encode("cp1252"))
    decisions = review(path, "--source-lang", "fr")
    assert decisions["encoding"] == "cp1252" and decisions["changes"]
    rc, out, err = apply(tmp_path, path, decided(decisions, lambda n, c: "accepted"))
    assert rc == 0, err
    clean = tmp_path / "clean.txt"
    assert run("fix", "--source-lang", "fr", "--unsafe-fixes", "-o", clean, path)[0] == 0
    assert out == clean.read_bytes() and b"\r\n" in out and out.decode("cp1252").count("\r\n") == 2
    rc, out, _ = apply(tmp_path, path, decided(decisions, lambda n, c: "rejected"))
    assert out == path.read_bytes()


def test_a_review_of_a_subtitle_file_changes_only_its_cue_text(tmp_path):
    path = tmp_path / "film.srt"
    path.write_bytes((SAMPLES / "srt-cosmonauts.srt").read_bytes())
    decisions = review(path, "--source-lang", "fr")
    assert decisions["changes"]
    rc, out, err = apply(tmp_path, path, decided(decisions, lambda n, c: "accepted"))
    assert rc == 0, err
    assert out == run("fix", "--source-lang", "fr", "--unsafe-fixes", path)[1]


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["changes"].append({**d["changes"][1], "id": None, "end": d["changes"][1]["end"] + 1,
                                    "before": None, "decision": "accepted"}), "overlap"),
    (lambda d: d["changes"][0].update(before="nothing like it"), "does not name this change"),
    (lambda d: (d["changes"][0].update(before="nothing like it"), d["changes"][0].pop("id")), "does not match"),
    (lambda d: d["changes"][0].update(decision="maybe"), "decision 'maybe'"),
    (lambda d: d["changes"][0].pop("rule"), "needs 'rule'"),
    (lambda d: d.update(schema="transclean.decisions/9"), "schema"),
])
def test_decisions_that_do_not_fit_are_refused_in_one_line(seed, tmp_path, edit, message):
    decisions = review(seed, "--source-lang", "fr")
    original = seed.read_text(encoding="utf-8")
    edit(decisions)
    for change in decisions["changes"]:
        if change.get("before") is None:  # the overlapping copy: what the file holds at its span
            change["before"] = original[change["start"]:change["end"]]
            change.pop("id")
    rc, out, err = apply(tmp_path, seed, decisions)
    assert one_line_error(rc, err) and message in err and out == b"", err


def test_a_file_that_is_not_json_is_refused(seed, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    rc, _, err = run("apply", seed, "--decisions", bad)
    assert one_line_error(rc, err) and "not JSON" in err


@pytest.fixture()
def other(tmp_path):
    path = tmp_path / "other.txt"
    path.write_bytes((SAMPLES / "quotes-reversed-fashion.txt").read_bytes())
    return path


def test_fix_json_of_several_files_is_a_decisions_file_for_each_by_name(seed, other, tmp_path):
    rc, out, err = run("fix", "--format", "json", "--source-lang", "fr", "--unsafe-fixes", seed, other)
    assert rc == 0, err
    listed = tmp_path / "listed.json"
    listed.write_bytes(out)
    for path in (other, seed):
        rc, out, err = run("apply", path, "--decisions", listed)
        assert rc == 0, err
        assert out == run("fix", "--source-lang", "fr", "--unsafe-fixes", path)[1] != path.read_bytes()
    stranger = tmp_path / "stranger.txt"
    stranger.write_bytes(seed.read_bytes())
    rc, out, err = run("apply", stranger, "--decisions", listed)
    assert one_line_error(rc, err) and "none of the 2 documents" in err and out == b""


def several_reviewed(tmp_path, *paths) -> dict:
    """The decisions file a review page of several files downloads untouched."""
    rc, _, err = run("review", "--source-lang", "fr", *paths, cwd=tmp_path)
    assert rc == 0, err
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    return {"schema": SCHEMA, "documents": [page_data(page, n)["decisions"] for n in range(len(paths))]}


def test_a_decisions_file_of_several_documents_gives_each_file_its_own(seed, other, tmp_path):
    decisions = several_reviewed(tmp_path, seed, other)
    assert [d["file"] for d in decisions["documents"]] == ["article.txt", "other.txt"]
    choice = {"schema": SCHEMA, "documents": [
        decided(decisions["documents"][0], lambda n, c: "rejected"), decided(decisions["documents"][1], lambda n, c: "accepted")]}
    rc, out, err = apply(tmp_path, seed, choice)
    assert rc == 0 and out == seed.read_bytes(), err
    rc, out, err = apply(tmp_path, other, choice)
    assert rc == 0, err
    assert out == run("fix", "--source-lang", "fr", "--unsafe-fixes", other)[1] != other.read_bytes()
    # by digest first: a copy of other.txt under another name is other.txt's document
    copy = tmp_path / "copy.txt"
    copy.write_bytes(other.read_bytes())
    assert apply(tmp_path, copy, choice)[1] == out
    # by name: the same name with other bytes is the file changed since the review
    seed.write_bytes(seed.read_bytes() + b"One more line.\n")
    rc, _, err = apply(tmp_path, seed, choice)
    assert one_line_error(rc, err) and "digest differs" in err
    stranger = tmp_path / "stranger.txt"
    stranger.write_text("Nothing reviewed here .\n", encoding="utf-8")
    rc, out, err = apply(tmp_path, stranger, choice)
    assert one_line_error(rc, err) and "none of the 2 documents" in err and out == b""
    rc, _, err = apply(tmp_path, other, {"schema": SCHEMA, "documents": []})
    assert one_line_error(rc, err) and "documents must be a list" in err


def test_review_of_several_files_and_folders_writes_one_page(seed, other, tmp_path):
    folder = tmp_path / "folder"
    (folder / "old").mkdir(parents=True)
    (folder / "a.md").write_bytes((SAMPLES / "quotes-reversed-fashion.txt").read_bytes())
    (folder / "b.srt").write_bytes((SAMPLES / "srt-cosmonauts.srt").read_bytes())
    (folder / "c.txt").write_text("The saga Impossible mission , by Space X .\n", encoding="utf-8")
    (folder / "old" / "d.txt").write_text("Space X , again .\n", encoding="utf-8")
    rc, _, err = run("review", "--source-lang", "fr", "--include", "*.md,*.srt,*.txt", "--exclude", "old/",
                     seed, folder, cwd=tmp_path)
    assert rc == 0, err
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    files = [seed, folder / "a.md", folder / "b.srt", folder / "c.txt"]
    assert [page_data(page, n)["text"] for n in range(4)] == [f.read_text(encoding="utf-8") for f in files]
    with pytest.raises(IndexError):
        page_data(page, 4)
    out = tmp_path / "one.html"
    assert run("review", "-o", out, seed, other)[0] == 0
    assert [page_data(out.read_text(encoding="utf-8"), n)["decisions"]["file"] for n in (0, 1)] == ["article.txt", "other.txt"]


def test_review_refuses_standard_input_a_folder_to_write_and_writing_over_a_file_reviewed(seed, other, tmp_path):
    before = seed.read_bytes()
    for args in (["-"], ["-o", tmp_path, seed, other], ["-o", other, seed, other], ["-o", seed, seed]):
        rc, _, err = run("review", *args, cwd=tmp_path)
        assert one_line_error(rc, err), (args, err)
    assert seed.read_bytes() == before and not (tmp_path / "review.html").exists()
    rc, _, err = run("review", "--include", "*.nothing", tmp_path)
    assert one_line_error(rc, err) and "no files to review" in err


def test_the_readme_example_is_a_decisions_file_for_the_seed():
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Reviewing changes\n", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"^```json\n(.*?)^```$", section, flags=re.M | re.S).group(1)
    (decisions,) = load(example.encode("utf-8"), "README.md")
    seed = SEED.read_text(encoding="utf-8")
    assert decisions.applied_to(seed) == seed.replace("made. across", "made across", 1)
