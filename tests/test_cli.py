"""The command line, as a user drives it: flags, exit codes, stdout/stderr, files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import SAMPLES

SEED = SAMPLES / "seed-space-film.txt"
SEED_EXPECTED = SAMPLES / "seed-space-film.expected.txt"


def run(*args, data: bytes | None = None, cwd=None):
    proc = subprocess.run(
        [sys.executable, "-m", "transclean.cli", *map(str, args)],
        input=data, capture_output=True, cwd=cwd, timeout=120,
    )
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def one_line_error(rc, err):
    return rc == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_seed_all_fixes_give_expected_repair():
    rc, out, _ = run("fix", "--source-lang", "fr", "--unsafe-fixes", SEED)
    assert rc == 0
    assert out == SEED_EXPECTED.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["nl", "pl", "cs", "uk", "tr", "zh", "ja"])
def test_source_lang_of_the_new_profiles(lang):
    sample = next(p for p in sorted(SAMPLES.glob(f"{lang}-*.txt")) if not p.name.endswith(".expected.txt"))
    rc, out, err = run("fix", "--source-lang", lang, "--unsafe-fixes", sample)
    assert rc == 0, err
    assert out == sample.with_name(sample.stem + ".expected.txt").read_text(encoding="utf-8")
    rc, out, _ = run("rules")
    assert any(lang in line.split()[2].split(",") for line in out.splitlines() if line.startswith("locale."))


def test_default_mode_holds_back_unsafe_fix_and_says_so():
    rc, out, err = run("fix", SEED)
    assert rc == 0
    assert "made. across" in out and "made across" not in out
    assert "SpaceX" in out
    assert "1 unsafe fix held back" in err
    assert "punctuation.sentence-break" in err


def test_stdin_and_dash():
    rc, out, _ = run("fix", data=b"the company Space X , by Elon Musk\n")
    assert (rc, out) == (0, "the company SpaceX, by Elon Musk\n")
    rc, out, _ = run("fix", "-", data=b"red ,green\n")
    assert out == "red, green\n"


def test_check_exit_codes():
    assert run("fix", "--check", SEED)[0] == 1
    rc, out, _ = run("fix", "--check", "--source-lang", "fr", "--unsafe-fixes", SEED_EXPECTED)
    assert (rc, out) == (0, "")


def test_check_prints_nothing_on_stdout():
    rc, out, err = run("fix", "--check", SEED)
    assert out == "" and "would change" in err


def test_json_schema_offsets_and_flag():
    rc, out, _ = run("fix", "--source-lang", "fr", "--format", "json", SEED)
    doc = json.loads(out)
    src = SEED.read_text(encoding="utf-8")
    assert set(doc) == {"text", "changes", "flags", "source"}
    assert doc["source"] == {"language": "fr", "detected": False}
    rebuilt, pos = [], 0
    for c in sorted((c for c in doc["changes"] if c["applied"]), key=lambda c: c["start"]):
        assert set(c) == {"rule", "start", "end", "before", "after", "message", "safe", "applied"}
        assert src[c["start"]:c["end"]] == c["before"]
        rebuilt += [src[pos:c["start"]], c["after"]]
        pos = c["end"]
    assert "".join(rebuilt) + src[pos:] == doc["text"]
    held = [c for c in doc["changes"] if not c["applied"]]
    assert [c["rule"] for c in held] == ["punctuation.sentence-break"] and held[0]["safe"] is False
    flag = next(f for f in doc["flags"] if f["rule"] == "fragments.untranslated")
    assert src[flag["start"]:flag["end"]] == "vis-à-vis de ses" and flag["language"] == "fr"


def test_json_reports_detected_language_and_evidence():
    rc, out, _ = run("fix", "--format", "json", SEED)
    source = json.loads(out)["source"]
    assert source["language"] == "fr" and source["detected"] is True
    signals = {e["signal"] for e in source["evidence"]}
    assert {"guillemets", "untranslated fragment"} <= signals


def test_diff_is_a_patch(tmp_path):
    rc, out, _ = run("fix", "--diff", SEED)
    assert rc == 0 and out.startswith("--- a/")
    target = tmp_path / "seed.txt"
    target.write_bytes(SEED.read_bytes())
    patch = subprocess.run(["patch", "-s", str(target)], input=out.encode(), capture_output=True)
    if patch.returncode == 127:
        pytest.skip("patch not installed")
    assert patch.returncode == 0, patch.stderr
    assert target.read_text(encoding="utf-8") == run("fix", SEED)[1]


def test_word_diff_names_rules():
    rc, out, _ = run("fix", "--word-diff", SEED)
    assert "[-Space X-]{+SpaceX+}⟨glossary.brands⟩" in out
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_select_and_ignore_by_prefix():
    text = b"the company Space X , by Elon Musk\n"
    assert run("fix", "--select", "glossary", data=text)[1] == "the company SpaceX , by Elon Musk\n"
    assert run("fix", "--ignore", "glossary", data=text)[1] == "the company Space X, by Elon Musk\n"
    assert run("fix", "--select", "punctuation.space-before", data=text)[1] == "the company Space X, by Elon Musk\n"


def test_output_file(tmp_path):
    out_file = tmp_path / "clean.txt"
    rc, out, _ = run("fix", "-o", out_file, data=b"Hello , world .\n")
    assert rc == 0 and out == "" and out_file.read_text() == "Hello, world.\n"


def test_in_place_and_read_only(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"Hello , world .\n")
    assert run("fix", "--in-place", target)[0] == 0
    assert target.read_bytes() == b"Hello, world.\n"
    target.write_bytes(b"Hello , world .\n")
    target.chmod(stat.S_IRUSR)
    rc, _, err = run("fix", "--in-place", target)
    assert one_line_error(rc, err) and "read-only" in err
    assert target.read_bytes() == b"Hello , world .\n"
    assert not [p for p in os.listdir(tmp_path) if p != "a.txt"]  # no temporary file left


def test_bom_and_crlf_kept():
    rc, out, _ = run("fix", data=b"\xef\xbb\xbfHello , world .\r\nSecond line .\r\n")
    assert out.encode() == b"\xef\xbb\xbfHello, world.\r\nSecond line.\r\n"


def test_legacy_encoding_is_decoded(tmp_path):
    target = tmp_path / "latin.txt"
    text = "Le président a déclaré que la réforme était nécessaire pour l'économie française. " * 3
    target.write_bytes(("He said : " + text + "\n").encode("cp1252"))
    rc, out, _ = run("fix", target)
    assert rc == 0 and out.startswith("He said: Le président")


def test_empty_input_gives_empty_output():
    assert run("fix", data=b"") == (0, "", "")


@pytest.mark.parametrize("args,content", [
    (["fix", "/no/such/file.txt"], None),
    (["fix", "{bin}"], bytes(range(256)) * 16),
    (["fix", "--select", "NO-SUCH-RULE", str(SEED)], None),
    (["fix", "--ignore", "nothing.here", str(SEED)], None),
    (["fix", "--source-lang", "xx", str(SEED)], None),
    (["fix", "--no-such-flag"], None),
    (["fix", "--diff", "--check", str(SEED)], None),
    (["fix", "-o", "x.txt", str(SEED), str(SEED)], None),
    (["fix", "--in-place"], None),
    (["rules", "--explain", "no.such-rule"], None),
    (["fix", "--rules", "/no/such/dir", str(SEED)], None),
])
def test_bad_input_one_line_exit_2(tmp_path, args, content):
    if content is not None:
        (tmp_path / "bin.dat").write_bytes(content)
        args = [a.replace("{bin}", str(tmp_path / "bin.dat")) for a in args]
    rc, out, err = run(*args, cwd=tmp_path)
    assert one_line_error(rc, err), err
    assert out == ""


def test_malformed_rule_pack_names_file_entry_and_key(tmp_path):
    pack = tmp_path / "glossary" / "mine.toml"
    pack.parent.mkdir()
    pack.write_text('[pack]\nsummary = "Mine"\n\n[[entry]]\nfind = ["Foo Bar"]\n', encoding="utf-8")
    rc, _, err = run("fix", "--rules", tmp_path, SEED)
    assert one_line_error(rc, err)
    assert "mine.toml" in err and "entry 1" in err and "'replace'" in err


def test_user_rule_pack_is_used(tmp_path):
    pack = tmp_path / "glossary" / "mine.toml"
    pack.parent.mkdir()
    pack.write_text('[pack]\nsummary = "Mine"\n\n[[entry]]\nreplace = "Canal+"\nfind = ["Canal +"]\n', encoding="utf-8")
    rc, out, _ = run("fix", "--rules", tmp_path, data=b"on Canal + tonight\n")
    assert (rc, out) == (0, "on Canal+ tonight\n")
    assert "glossary.mine" in run("rules", "--rules", tmp_path)[1]


def test_rules_listing_and_explain():
    rc, out, _ = run("rules")
    ids = [line.split()[0] for line in out.splitlines()]
    assert rc == 0 and ids[0].startswith("encoding.") and "fragments.untranslated" in ids
    assert len(ids) == len(set(ids))
    assert "unsafe" in next(line for line in out.splitlines() if line.startswith("punctuation.sentence-break"))
    rc, out, _ = run("rules", "--explain", "quotes.reversed-pair")
    assert rc == 0 and "experience" in out


def test_version_and_help():
    rc, out, _ = run("--version")
    assert rc == 0 and out.startswith("transclean ")
    rc, out, _ = run("fix", "--help")
    assert rc == 0 and "examples:" in out


def test_config_in_pyproject_sets_packs_and_language(tmp_path):
    (tmp_path / "packs" / "glossary").mkdir(parents=True)
    (tmp_path / "packs" / "glossary" / "mine.toml").write_text(
        '[pack]\nsummary = "Mine"\n\n[[entry]]\nreplace = "Canal+"\nfind = ["Canal +"]\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.transclean]\nrules = ["packs"]\nsource-lang = "fr"\n', encoding="utf-8")
    rc, out, _ = run("fix", "-q", data="on Canal + tonight, M. Dupont said\n".encode(), cwd=tmp_path)
    assert (rc, out) == (0, "on Canal+ tonight, Mr. Dupont said\n")
    rc, out, _ = run("fix", "-q", "--source-lang", "en", data="M. Dupont said\n".encode(), cwd=tmp_path)
    assert out == "M. Dupont said\n"  # the command line wins
    rc, out, _ = run("rules", "--packs", cwd=tmp_path)
    assert rc == 0 and "glossary.mine" in out and "1 entries" in out


def test_bad_config_is_one_line(tmp_path):
    (tmp_path / "transclean.toml").write_text('sourcelang = "fr"\n', encoding="utf-8")
    rc, _, err = run("fix", data=b"x\n", cwd=tmp_path)
    assert one_line_error(rc, err) and "transclean.toml" in err and "sourcelang" in err


def test_pipeline_reports_each_step_to_a_progress_callback():
    import transclean

    steps = []
    result = transclean.Pipeline().fix(SEED.read_text(encoding="utf-8"), progress=lambda *a: steps.append(a))
    assert steps[0] == ("detect", 0, 0) and steps[-1] == ("done", 8, 8)
    assert [s for s, _, _ in steps[1:-1]] == ["encoding", "whitespace", "quotes", "punctuation", "locale",
                                               "glossary", "names", "fragments"]
    assert result.text == transclean.fix(SEED.read_text(encoding="utf-8")).text


class FakeTerminal:
    def __init__(self, tty: bool) -> None:
        self.tty, self.written = tty, []

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> None:
        self.written.append(s)

    def flush(self) -> None:
        pass


def test_progress_line_on_a_terminal_for_a_long_text_only():
    from transclean.render import Progress

    short, long = "word " * 10, "word " * (Progress.LONG_TEXT // 5)
    terminal = FakeTerminal(tty=True)
    assert Progress(terminal).for_file("a.txt", short) is None  # quick: nothing shown
    assert Progress(FakeTerminal(tty=False)).for_file("a.txt", long) is None  # not a terminal
    progress = Progress(terminal)
    report = progress.for_file("b.txt", long)
    report("quotes", 2, 8)
    assert terminal.written[-1] == "\r\x1b[Ktransclean b.txt (1.0 M characters): quotes 3/8"
    progress.clear()
    assert terminal.written[-1] == "\r\x1b[K" and not progress.shown


def test_progress_never_reaches_a_pipe():
    rc, _, err = run("fix", "--check", SEED, SEED)
    assert rc == 1 and "\x1b[K" not in err
