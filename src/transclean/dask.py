"""Dask: repair a bag of texts, or a text column of a dataframe, across a cluster.

    import transclean.dask

    clean = transclean.dask.fix_bag(texts, source_lang="fr")        # a dask bag of clean texts
    frame = frame.assign(clean=transclean.dask.fix_column(frame, "text"))

The options are those of transclean.Pipeline. Each worker process builds the
pipeline once, for all the partitions it is given, and keeps it while the same
options come back. Needs `pip install 'transclean[dask]'`; importing transclean
alone does not import dask.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .pipeline import Pipeline

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe


def fix_bag(bag: dask.bag.Bag, **options: Any) -> dask.bag.Bag:
    """The clean text of each text in `bag`, in the same order (lazy, like any bag)."""
    return bag.map_partitions(_fix_texts, _key(options))


def fix_column(frame: dask.dataframe.DataFrame, column: str, **options: Any) -> dask.dataframe.Series:
    """The clean texts of `frame[column]` as a series with the same index; missing values stay missing."""
    texts = frame[column]
    return texts.map_partitions(_fix_series, _key(options), meta=texts._meta)


def _key(options: dict[str, Any]) -> str:
    """The pipeline's settings as a string: checked here (a bad rule id fails now), hashable there."""
    return json.dumps(Pipeline(**options).settings, sort_keys=True)


@lru_cache(maxsize=8)
def _pipeline(key: str) -> Pipeline:
    """The pipeline for these settings, built once per process."""
    return Pipeline(**json.loads(key))


def _fix_texts(texts, key: str) -> list[str]:
    pipeline = _pipeline(key)
    return [pipeline.fix(text).text for text in texts]


def _fix_series(texts, key: str):
    pipeline = _pipeline(key)
    return texts.map(lambda text: pipeline.fix(text).text, na_action="ignore")
