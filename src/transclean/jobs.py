"""Fixing many texts at once: in this process, or spread over worker processes.

Texts are independent, so the command line can hand files to several processes;
results come back in the order the texts went in, and at most a few texts per
worker are in flight, so memory stays bounded however many files there are.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .model import Result
from .pipeline import Pipeline

T = TypeVar("T")
IN_FLIGHT_PER_WORKER = 2

_worker_pipeline: Pipeline | None = None


class WorkerError(Exception):
    """A worker process died (killed, or out of memory); the message is one line for the user."""


def job_count(requested: int, texts: int) -> int:
    """The number of processes to use: 0 asks for one per CPU; never more than the texts."""
    wanted = requested or os.cpu_count() or 1
    return max(1, min(wanted, texts))


def fix_all(
    pipeline: Pipeline,
    items: Iterable[tuple[T, str]],
    jobs: int,
    progress: Callable[[T, str], Callable[[str, int, int], None] | None] = lambda item, text: None,
) -> Iterator[tuple[T, Result]]:
    """(item, Result) for each (item, text), in input order.

    With one job the pipeline fixes the texts here, and `progress(item, text)` may
    give a callback for Pipeline.fix; with more, worker processes build the same
    pipeline and fix them, and the callback only hears "done".
    """
    if jobs <= 1:
        for item, text in items:
            yield item, pipeline.fix(text, progress(item, text))
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(pipeline.settings,)) as pool:
        pending: deque[tuple[T, str, Future]] = deque()
        try:
            for item, text in items:
                pending.append((item, text, pool.submit(_fix, text)))
                if len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                    yield _finished(pending.popleft(), progress)
            while pending:
                yield _finished(pending.popleft(), progress)
        except BrokenProcessPool:
            raise WorkerError("a worker process died (killed, or out of memory); "
                              "stopped before the remaining files") from None
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _finished(entry: tuple[T, str, Future], progress) -> tuple[T, Result]:
    item, text, future = entry
    result = future.result()
    report = progress(item, text)
    if report is not None:
        report("done", 0, 0)
    return item, result


def _start_worker(settings: dict[str, Any]) -> None:
    """Build the pipeline; Ctrl-C is left to the main process, SIGTERM and SIGHUP end the worker."""
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    _worker_pipeline = Pipeline(**settings)


def _fix(text: str) -> Result:
    assert _worker_pipeline is not None, "worker not started"
    return _worker_pipeline.fix(text)
