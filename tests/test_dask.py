"""transclean.dask on a real cluster of worker processes: bags, dataframe columns, one pipeline per worker."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("dask.bag", reason="dask is not installed: pip install 'transclean[dask]'")
pytest.importorskip("dask.dataframe", reason="dask[dataframe] is not installed: pip install 'transclean[dask]'")
distributed = pytest.importorskip("distributed", reason="distributed is not installed: pip install 'transclean[dask]'")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

import transclean  # noqa: E402
import transclean.dask  # noqa: E402

TEXTS = ["the company Space X , by Elon Musk", "red ,green", "Hello , world .", "Already clean."] * 5


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


def test_fix_bag_gives_the_clean_texts_in_order(client):
    bag = db.from_sequence(TEXTS, npartitions=8)
    assert transclean.dask.fix_bag(bag).compute() == [transclean.fix(t).text for t in TEXTS]


def test_pipeline_options_reach_the_workers(client):
    bag = db.from_sequence(["made. across the line", "Space X"], npartitions=2)
    assert transclean.dask.fix_bag(bag, unsafe=True, ignore=["glossary"]).compute() == [
        "made across the line", "Space X"]


def test_fix_column_keeps_the_index_and_missing_values(client):
    frame = pd.DataFrame({"text": [*TEXTS[:3], None], "n": range(4)}, index=[10, 20, 30, 40])
    dask_frame = dd.from_pandas(frame, npartitions=2)
    clean = dask_frame.assign(clean=transclean.dask.fix_column(dask_frame, "text")).compute()
    assert clean.index.tolist() == [10, 20, 30, 40]
    assert clean["clean"].tolist()[:3] == [transclean.fix(t).text for t in TEXTS[:3]]
    assert pd.isna(clean["clean"].iloc[3])


def _calls(client) -> dict[str, tuple[int, int]]:
    """(pipelines built, pipelines reused) in each worker."""
    return client.run(lambda: tuple(transclean.dask._pipeline.cache_info())[1::-1])


def test_each_worker_builds_the_pipeline_once(client):
    before = _calls(client)
    bag = db.from_sequence(TEXTS, npartitions=10)
    transclean.dask.fix_bag(bag, source_lang="fr").compute()  # settings no other test uses
    after = _calls(client)
    built = [after[w][0] - before[w][0] for w in after]
    used = sum(sum(after[w]) - sum(before[w]) for w in after)
    assert max(built) == 1 and used == 10  # one pipeline per worker, for all ten partitions


def test_a_bad_option_fails_before_anything_runs():
    with pytest.raises(transclean.UnknownRuleError):
        transclean.dask.fix_bag(db.from_sequence(TEXTS), select=["no.such-rule"])


def test_importing_transclean_does_not_import_dask():
    code = "import sys, transclean; transclean.fix('x'); print('dask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "False\n"
