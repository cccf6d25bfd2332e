"""Reports of a run: --statistics, --format sarif (SARIF 2.1.0) and --format github (workflow commands)."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter


import transclean
from transclean.pipeline import all_rules
from transclean.positions import Lines

from conftest import SAMPLES
from test_cli import run

SEED = SAMPLES / "seed-space-film.txt"
# an emoji (two UTF-16 code units) and CR LF line ends before the damage
EMOJI = "🚀 launch\r\n🚀🚀 the value of” experience “, by Space X , said 50 % of them.\r\n"
STAT_LINE = re.compile(r"^ *(\d+)  (\S+) +(\[\*\]|\[-\]|   )  ?(.*)$")
TOTALS = re.compile(r"^(\d+) changes? \((\d+) applied, (\d+) unsafe fix(?:es)? held back\), (\d+) flags?$")


def statistics_of(err: str) -> tuple[list[tuple[int, str, str, str]], tuple[int, ...]]:
    lines = err.strip().splitlines()
    totals = TOTALS.match(lines[-1])
    assert totals, lines[-1]
    rows = [STAT_LINE.match(line) for line in lines[:-1]]
    assert all(rows), lines
    return [(int(m[1]), m[2], m[3], m[4]) for m in rows], tuple(map(int, totals.groups()))


def expected_rows(*results) -> Counter:
    rows = Counter()
    for result in results:
        rows.update((c.rule, "[*]" if c.safe else "[-]") for c in result.changes)
        rows.update((f.rule, "   ") for f in result.flags)
    return rows


def test_statistics_count_each_rule_with_its_mark_and_summary():
    rc, out, err = run("fix", "-q", "--check", "--statistics", "--source-lang", "fr", SEED)
    assert rc == 1 and out == ""
    rows, totals = statistics_of(err)
    result = transclean.fix(SEED.read_text(encoding="utf-8"), source_lang="fr")
    assert Counter({(rule, mark): n for n, rule, mark, _ in rows}) == expected_rows(result)
    assert [n for n, *_ in rows] == sorted((n for n, *_ in rows), reverse=True)
    summaries = {r.id: r.summary for r in all_rules()}
    assert all(summary == summaries[rule] for _, rule, _, summary in rows)
    assert any(mark == "[-]" for _, _, mark, _ in rows) and any(mark == "   " for _, _, mark, _ in rows)
    applied = sum(c.applied for c in result.changes)
    assert totals == (len(result.changes), applied, len(result.changes) - applied, len(result.flags))


def test_statistics_add_up_over_files_and_go_into_json(tmp_path):
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(EMOJI, encoding="utf-8")
    rc, out, err = run("fix", "-q", "--format", "json", "--statistics", "--source-lang", "fr", tmp_path)
    assert rc == 0
    docs = json.loads(out)
    results = [transclean.fix(p.read_text(encoding="utf-8"), source_lang="fr") for p in (tmp_path / "a.txt", tmp_path / "b.txt")]
    for doc, result in zip(docs, results):
        stats = doc["statistics"]
        assert stats["changes"] == len(result.changes) and stats["flags"] == len(result.flags)
        assert Counter({(r["rule"], {"safe": "[*]", "unsafe": "[-]", "flag": "   "}[r["kind"]]): r["count"]
                        for r in stats["rules"]}) == expected_rows(result)
    rows, totals = statistics_of(err)
    assert Counter({(rule, mark): n for n, rule, mark, _ in rows}) == expected_rows(*results)
    assert totals[0] == sum(len(r.changes) for r in results)


def test_statistics_of_clean_text():
    rc, out, err = run("fix", "--statistics", "-", data=b"Already clean.\n")
    assert rc == 0 and out == "Already clean.\n" and err == "0 changes (0 applied, 0 unsafe fixes held back), 0 flags\n"


def offset_of(text: str, line: int, column: int) -> int:
    """A SARIF line and UTF-16 column (from 1) as a code-point offset, counted independently of the code."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start, units = starts[line - 1], 0
    pos = start
    while units < column - 1:
        units += 2 if ord(text[pos]) > 0xFFFF else 1
        pos += 1
    assert units == column - 1
    return pos


def apply_sarif_fixes(text: str, results: list[dict]) -> str:
    spans = []
    for r in results:
        for fix in r.get("fixes", []):
            for replacement in fix["artifactChanges"][0]["replacements"]:
                region = replacement["deletedRegion"]
                spans.append((offset_of(text, region["startLine"], region["startColumn"]),
                              offset_of(text, region["endLine"], region["endColumn"]),
                              replacement["insertedContent"]["text"]))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def check_sarif_shape(log: dict) -> None:
    """What SARIF 2.1.0 requires of the objects the log uses (no schema ships in a package to validate with)."""
    assert set(log) <= {"$schema", "version", "runs"} and log["version"] == "2.1.0"
    for run_ in log["runs"]:
        assert run_["columnKind"] in ("utf16CodeUnits", "unicodeCodePoints")
        driver = run_["tool"]["driver"]
        assert isinstance(driver["name"], str) and isinstance(driver["rules"], list)
        for rule in driver["rules"]:
            assert isinstance(rule["id"], str) and set(rule) <= {"id", "shortDescription", "help"}
        for r in run_["results"]:
            assert set(r) <= {"ruleId", "ruleIndex", "level", "message", "locations", "fixes", "properties"}
            assert r["level"] in ("none", "note", "warning", "error") and isinstance(r["message"]["text"], str)
            regions = [loc["physicalLocation"]["region"] for loc in r["locations"]]
            for fix in r.get("fixes", []):
                assert isinstance(fix["description"]["text"], str)
                for change in fix["artifactChanges"]:
                    assert change["artifactLocation"]["uri"] == r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    regions += [rep["deletedRegion"] for rep in change["replacements"]]
                    assert all(isinstance(rep["insertedContent"]["text"], str) for rep in change["replacements"])
            for region in regions:
                assert min(region.values()) >= 1 and set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
                assert (region["startLine"], region["startColumn"]) <= (region["endLine"], region["endColumn"])


def test_sarif_log_with_utf16_regions_and_fixes(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a b.txt").write_text(EMOJI, encoding="utf-8", newline="")
    shutil.copy(SEED, tmp_path / "seed.txt")
    rc, out, _ = run("fix", "-q", "--format", "sarif", "--source-lang", "fr", ".", cwd=tmp_path)
    assert rc == 0
    log = json.loads(out)
    check_sarif_shape(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json") and len(log["runs"]) == 1
    run_ = log["runs"][0]
    assert run_["columnKind"] == "utf16CodeUnits"
    rules = run_["tool"]["driver"]["rules"]
    assert run_["tool"]["driver"]["name"] == "transclean"
    assert all(rule["shortDescription"]["text"] and rule["help"]["text"] for rule in rules)
    by_file: dict[str, list[dict]] = {}
    for r in run_["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["message"]["text"]
        location = r["locations"][0]["physicalLocation"]
        by_file.setdefault(location["artifactLocation"]["uri"], []).append(r)
    assert sorted(by_file) == ["notes/a%20b.txt", "seed.txt"]
    for uri, path in (("notes/a%20b.txt", tmp_path / "notes" / "a b.txt"), ("seed.txt", tmp_path / "seed.txt")):
        text = path.read_bytes().decode("utf-8")
        result = transclean.fix(text, source_lang="fr")
        found = by_file[uri]
        assert Counter((r["ruleId"], r["level"]) for r in found) == Counter(
            [(c.rule, "warning") for c in result.changes] + [(f.rule, "note") for f in result.flags])
        applied = [r for r in found if r.get("properties", {}).get("applied")]
        assert apply_sarif_fixes(text, applied) == result.text
        assert len(applied) == sum(c.applied for c in result.changes)
    brand = next(r for r in by_file["notes/a%20b.txt"] if r["ruleId"] == "glossary.brands")
    region = brand["locations"][0]["physicalLocation"]["region"]
    # 34 code points before `Space X` on its line, two of them emoji of two UTF-16 code units each
    assert region == {"startLine": 2, "startColumn": 37, "endLine": 2, "endColumn": 44}


def test_sarif_of_nothing_is_a_valid_empty_run():
    rc, out, _ = run("fix", "--format", "sarif", "-", data=b"Already clean.\n")
    log = json.loads(out)
    assert rc == 0 and log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


GITHUB = re.compile(r"^::(warning|notice) file=([^,:]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),"
                    r"title=([^,:]+)::(.*)$")


def test_github_annotations_escaped_placed_and_failing_the_step(tmp_path):
    name = tmp_path / "a,b: c.txt"
    name.write_text(EMOJI, encoding="utf-8", newline="")
    rc, out, _ = run("fix", "-q", "--format", "github", name.name, cwd=tmp_path)
    assert rc == 1
    result = transclean.fix(EMOJI)
    lines = out.splitlines()
    assert len(lines) == len(result.changes) + len(result.flags)
    matches = [GITHUB.match(line) for line in lines]
    assert all(matches), lines
    assert {m[2] for m in matches} == {"a%2Cb%3A c.txt"}
    places = Lines(EMOJI)
    for m, change in zip(matches, sorted(result.changes, key=lambda c: c.start)):
        line, col = places.position(change.start)
        assert (m[1], m[7], int(m[3]), int(m[4])) == ("warning", change.rule, line + 1, col + 1)
    percent = next(m for m in matches if "%25" in m[8])
    assert "'%25'" in percent[8] and "%" not in percent[8].replace("%25", "")
    rc, out, _ = run("fix", "--format", "github", "-", data=b"Already clean.\n")
    assert (rc, out) == (0, "")


def test_github_flags_are_notices():
    rc, out, _ = run("fix", "-q", "--format", "github", "--source-lang", "fr", SEED)
    result = transclean.fix(SEED.read_text(encoding="utf-8"), source_lang="fr")
    assert result.flags and out.count("::notice ") == len(result.flags)
    assert out.count("::warning ") == len(result.changes)
