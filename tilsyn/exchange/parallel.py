"""The first pass of an import, over runs of lines: in worker processes for a large file, else in this one.

Line checks need nothing but the line and the reference data, so a large file is cut into runs of whole lines
that worker processes check side by side while this process takes their results in file order (`FileCheck`).
Small files are checked here: the workers would hardly have started before the file was done.

The workers are forked, so they start at once with Django set up and the reference data in memory. They
never use the database connection they inherit, and multiprocessing ends them with os._exit, so it is not
closed under this process either.
"""
import io
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Container, Iterator
from concurrent.futures import ProcessPoolExecutor

from tilsyn.exchange.indexes import ReferenceIndex
from tilsyn.exchange.validate import CheckedLines, check_lines

RUN_BYTES = 4_000_000
PARALLEL_FROM_BYTES = 40_000_000
MAX_WORKERS = 4

_reference: ReferenceIndex | None = None  # in a worker process
_existing: Container[str] = ()


def checked_runs(source, size: int | None, reference: ReferenceIndex, existing: Container[str],
                 report: Callable[[int], None]) -> Iterator[CheckedLines]:
    """The line checks of the file, run by run, in file order; `report(bytes_done)` after each run.
    `existing`: the external ids of the cases in the database."""
    workers = min(MAX_WORKERS, os.cpu_count() or 1)
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if size is not None and size >= PARALLEL_FROM_BYTES and workers > 1 and can_fork:
        runs = _in_workers(_runs(source), reference, existing, workers)
    else:
        runs = ((check_lines(io.BytesIO(data), reference, existing), len(data)) for data in _runs(source))
    done = 0
    for checked, length in runs:
        done += length
        report(done)
        yield checked


def _runs(source) -> Iterator[bytes]:
    """The file in pieces of about RUN_BYTES, each ending at the end of a line."""
    while data := source.read(RUN_BYTES):
        if not data.endswith(b"\n"):
            data += source.readline()
        yield data


def _in_workers(runs: Iterator[bytes], reference: ReferenceIndex, existing: Container[str],
                workers: int) -> Iterator[tuple]:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(reference, existing)) as pool:
        pending = deque()
        for data in runs:
            pending.append((pool.submit(_check_run, data), len(data)))
            if len(pending) > 2 * workers:  # enough in flight to keep the workers busy, no more in memory
                future, length = pending.popleft()
                yield future.result(), length
        while pending:
            future, length = pending.popleft()
            yield future.result(), length


def _start_worker(reference: ReferenceIndex, existing: Container[str]) -> None:
    global _reference, _existing
    _reference, _existing = reference, existing


def _check_run(data: bytes) -> CheckedLines:
    return check_lines(io.BytesIO(data), _reference, _existing)
