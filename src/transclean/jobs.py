"""Fixing many texts at once: in this process, or spread over worker processes.

Texts are independent, so the command line can hand files to several processes,
and so are the chunks of one long document once its first chunk has settled the
document's plan; results come back in the order the texts went in, and at most a
few texts per worker are in flight, so memory stays bounded however many there are.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any, NamedTuple, TypeVar

from . import formats, segments
from .model import Result
from .pipeline import DocumentPlan, Pipeline

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
            yield item, fix_any(pipeline, text, progress(item, text))
        return
    with _workers(pipeline, jobs, "stopped before the remaining files") as pool:
        pending: deque[tuple[T, str, Future]] = deque()
        for item, text in items:
            pending.append((item, text, pool.submit(_fix, text)))
            if len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                yield _finished(pending.popleft(), progress)
        while pending:
            yield _finished(pending.popleft(), progress)


@contextmanager
def _workers(pipeline: Pipeline, jobs: int, stopped: str) -> Iterator[ProcessPoolExecutor]:
    """A pool of worker processes with the pipeline built in each, gone when the block ends.

    If the block fails, the queued work is cancelled and the pool waited for, so that none
    of its threads outlives the run (one left running can fail at interpreter exit, on a
    pipe already closed); on Ctrl-C the workers are ended first rather than waited for.
    """
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(pipeline.settings,))
    try:
        _launch(pool)
        yield pool
    except BrokenProcessPool:
        pool.shutdown(wait=True, cancel_futures=True)
        raise WorkerError(f"a worker process died (killed, or out of memory); {stopped}") from None
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            for worker in set(multiprocessing.active_children()) - before:
                worker.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def fix_any(pipeline: Pipeline, text: str | formats.Document,
            progress: Callable[[str, int, int], None] | None = None) -> Result:
    """Fix a text, or the prose of a document read in its format."""
    if isinstance(text, formats.Document):
        return formats.fix(pipeline, text, progress)
    return pipeline.fix(text, progress)


def _finished(entry: tuple[T, str, Future], progress) -> tuple[T, Result]:
    item, text, future = entry
    result = future.result()
    report = progress(item, text)
    if report is not None:
        report("done", 0, 0)
    return item, result


class Part(NamedTuple):
    """A fixed chunk of a document: where it starts, its result, how many changes were applied.
    A slim part's result holds only the changes held back (the applied ones stay in the worker)."""

    offset: int
    result: Result
    applied: int


def fix_chunks(pipeline: Pipeline, pieces: Iterable[str], jobs: int, longest: int | None = None,
               slim: bool = False) -> Iterator[Part]:
    """Each chunk of one document given in pieces, fixed, in order.

    The first chunk is fixed here and settles the document's plan; with several
    jobs, worker processes fix the chunks after it, at most a few per worker in
    flight, and send back only the changes held back when `slim` (less to copy
    between processes when the applied ones are not shown). The output is the
    same for any number of jobs.
    """
    if jobs <= 1:
        for offset, result in pipeline.fix_stream(pieces, longest):
            yield Part(offset, result, _applied(result))
        return
    layout, chunks = segments.split(pieces, longest=longest)
    plan = pipeline.plan(layout)
    first, last = next(chunks)
    result = pipeline.fix_chunk(first, plan, 0, last)
    yield Part(0, result, _applied(result))
    offset = len(first)
    with _workers(pipeline, jobs, "stopped") as pool:
        pending: deque[tuple[int, str, Future]] = deque()
        for chunk, last in chunks:
            pending.append((offset, chunk, pool.submit(_fix_chunk, chunk, plan, offset, last, slim)))
            offset += len(chunk)
            if len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                yield _chunk_done(pending.popleft())
        while pending:
            yield _chunk_done(pending.popleft())


def _applied(result: Result) -> int:
    return sum(c.applied for c in result.changes)


def _chunk_done(entry: tuple[int, str, Future]) -> Part:
    offset, chunk, future = entry
    result, applied = future.result()
    return Part(offset, replace(result, original=chunk), applied)  # the worker sends the chunk back as ""


_STOP = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_MASKS = hasattr(signal, "pthread_sigmask")


def _launch(pool: ProcessPoolExecutor) -> None:
    """Start the pool's workers with the stop signals blocked, so that none reaches a worker
    before it has its own handlers (the command line's would unwind it with a traceback); the
    signals that came meanwhile reach this process once they are unblocked."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP) if _MASKS else None
    try:
        pool.submit(_nothing)  # forks every worker (they inherit the mask)
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _nothing() -> None:
    """A task that starts the pool."""


def _start_worker(settings: dict[str, Any]) -> None:
    """Build the pipeline; Ctrl-C is left to the main process, SIGTERM and SIGHUP end the worker."""
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP)
    _worker_pipeline = Pipeline(**settings)


def _fix(text: str | formats.Document) -> Result:
    assert _worker_pipeline is not None, "worker not started"
    return fix_any(_worker_pipeline, text)


def _fix_chunk(chunk: str, plan: DocumentPlan, offset: int, last: bool, slim: bool) -> tuple[Result, int]:
    assert _worker_pipeline is not None, "worker not started"
    result = _worker_pipeline.fix_chunk(chunk, plan, offset, last)
    return replace(result, original="", changes=result.held_back if slim else result.changes), _applied(result)
