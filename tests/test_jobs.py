"""Many files at once: worker processes give the same results, in input order."""

from __future__ import annotations

import os

import pytest

from conftest import SAMPLES
from test_cli import one_line_error, run
from transclean import Pipeline
from transclean.jobs import fix_all, job_count

TEXTS = sorted(p for p in SAMPLES.glob("*.txt") if not p.name.endswith(".expected.txt"))


def test_job_count():
    assert job_count(1, 10) == 1
    assert job_count(4, 2) == 2  # never more processes than texts
    assert job_count(3, 0) == 1
    assert job_count(0, 1000) == (os.cpu_count() or 1)


@pytest.mark.parametrize("settings", [{}, {"source_lang": "fr", "unsafe": True, "ignore": ["glossary"]}])
def test_workers_give_the_results_of_one_process_in_input_order(settings):
    pipeline = Pipeline(**settings)
    items = [(p.name, p.read_text(encoding="utf-8")) for p in TEXTS]
    alone = list(fix_all(pipeline, items, jobs=1))
    spread = list(fix_all(pipeline, iter(items), jobs=3))
    assert [name for name, _ in spread] == [name for name, _ in items]
    assert [r.to_dict() for _, r in spread] == [r.to_dict() for _, r in alone]
    assert any(r.changed for _, r in spread)


def test_workers_report_each_text_when_done():
    pipeline = Pipeline()
    items = [(p.name, p.read_text(encoding="utf-8")) for p in TEXTS[:4]]
    heard = []
    list(fix_all(pipeline, items, jobs=2, progress=lambda item, text: lambda *step: heard.append((item, step))))
    assert heard == [(name, ("done", 0, 0)) for name, _ in items]


def test_cli_jobs_same_output_as_one_process(tmp_path):
    files = [str(p) for p in TEXTS[:5]]
    assert run("fix", "-j", "2", *files)[:2] == run("fix", *files)[:2]
    copies = []
    for p in TEXTS[:3]:
        copy = tmp_path / p.name
        copy.write_bytes(p.read_bytes())
        copies.append(copy)
    rc, _, _ = run("fix", "--in-place", "-j", "0", *copies)
    assert rc == 0
    assert [c.read_text(encoding="utf-8") for c in copies] == [
        Pipeline().fix(p.read_text(encoding="utf-8")).text for p in TEXTS[:3]]


def test_cli_jobs_bad_value_and_bad_file_give_one_line():
    assert one_line_error(*run("fix", "-j", "two", TEXTS[0])[::2])
    rc, _, err = run("fix", "-q", "-j", "2", TEXTS[0], "/no/such/file.txt", TEXTS[1])
    assert one_line_error(rc, err) and "/no/such/file.txt: no such file" in err
