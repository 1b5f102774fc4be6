"""Work shared among the machine's cores: forked processes that start with what the caller holds (documents, terms,
open word lists), so only each item's number goes to a worker and only its result comes back.

A worker must not write to what the caller has open (the cache's SQLite connection): it computes, and the caller
stores. Where processes cannot be forked (Windows), or for one job, the work runs inline.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

R = TypeVar("R")

_work: list[Callable[[int], Any]] = []  # what the forked workers run: set before they start


def default_jobs(amount: int, worth_from: int) -> int:
    """One job per core for ``worth_from`` or more of work (items, bytes), else one: below, starting the workers
    costs more than they save."""
    return (os.cpu_count() or 1) if amount >= worth_from else 1


ROUNDS = 6  # a pool's items are done in this many rounds, each by workers forked afresh (``in_order``)


def in_order(
    work: Callable[[int], R], count: int, jobs: int, chunks_per_job: int = 8, with_caller: bool = False
) -> Iterator[R]:
    """``work(0)`` … ``work(count - 1)`` in that order, computed by ``jobs`` forked processes (inline for one job,
    one item, or where there is no fork); each worker takes items ``chunks_per_job`` chunks at a time. With
    ``with_caller``, this process is one of the ``jobs``: it does every ``jobs``-th chunk itself while it waits for
    the others (where the work needs nothing this process would not hold anyway: a worker is a second copy of the
    pages it touches, so one fewer is less memory).

    The items are done in ``ROUNDS`` rounds, each by fresh workers: a forked worker gets its own copy of every page
    of the caller's memory it reads (CPython writes a reference count into each object it touches), so a worker that
    went through a whole library's items ended holding much of the caller's memory a second time (1,000 episodes,
    cold: peak PSS 374 MiB in one round, 309 MiB in four; in session 43 the extraction rounds' plateau ~298 MiB in
    four, ~270 in six and ~258 in eight, the cold build 160.0, 157.6 and 173.2 s)."""
    if jobs <= 1 or count < 2 or not _can_fork():
        yield from map(work, range(count))
        return
    size = max(-(-count // ROUNDS), jobs * chunks_per_job)
    for start in range(0, count, size):
        shifted, amount = partial(_shifted, work, start), min(size, count - start)
        if with_caller:
            yield from _with_caller(shifted, amount, jobs, chunks_per_job)
        else:
            yield from _in_one_round(shifted, amount, jobs, chunks_per_job)


def _shifted(work: Callable[[int], R], first: int, k: int) -> R:
    return work(first + k)


def _in_one_round(work: Callable[[int], R], count: int, jobs: int, chunks_per_job: int) -> Iterator[R]:
    """``in_order`` by one set of forked workers."""
    workers = min(jobs, count)
    with _pool(work, workers) as pool:
        yield from pool.map(_run, range(count), chunksize=max(1, count // (chunks_per_job * workers)))


def _with_caller(work: Callable[[int], R], count: int, jobs: int, chunks_per_job: int) -> Iterator[R]:
    """``in_order`` by ``jobs - 1`` forked workers and this process, which does the last chunk of every ``jobs``."""
    size = max(1, count // (chunks_per_job * jobs))
    chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
    with _pool(work, jobs - 1) as pool:
        sent = {k: pool.submit(_run_chunk, chunk) for k, chunk in enumerate(chunks) if k % jobs != jobs - 1}
        for k, chunk in enumerate(chunks):
            yield from sent.pop(k).result() if k in sent else map(work, chunk)


@contextmanager
def _pool(work: Callable[[int], Any], workers: int) -> Iterator[Any]:
    """A pool of ``workers`` forked processes that run ``work`` (``_run``), deaf to Ctrl-C; its waiting work is
    dropped when the caller stops early (an error, a result not wanted): only the chunks being done are finished, not
    the whole round. On Ctrl-C the workers are stopped at once: what they were doing would be dropped all the same,
    and a chunk holding a 20 MB document kept a learner waiting 40 s after pressing it."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _work.append(work)
    gc.freeze()  # what the workers inherit stays out of their collector's passes, which would copy its pages
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_deaf_to_interrupt) as pool:
            try:
                yield pool
            except BaseException as stopped:
                with _quiet_when_broken():
                    if isinstance(stopped, KeyboardInterrupt):
                        for process in list((getattr(pool, "_processes", None) or {}).values()):
                            process.terminate()
                    pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
        _work.pop()


@contextmanager
def _quiet_when_broken() -> Iterator[None]:
    """The pool's own thread kept from printing a traceback while the pool stops: when its workers are stopped, it
    fails the work they had waiting, and a piece of that work the caller cancelled first raises `InvalidStateError`
    there (CPython gh-107219, which later versions ignore; after Ctrl-C, 6 runs in 40 printed it)."""
    import threading
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook

    def hook(args: Any) -> None:
        if not isinstance(args.exc_value, InvalidStateError):
            previous(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


def _run_chunk(chunk: range) -> list[Any]:
    return [_work[-1](i) for i in chunk]


def in_fork(work: Callable[[], object]) -> bool:
    """``work()`` run in a forked process, this one waiting: True when it ran to the end. What it allocates on the
    way (a library's word list read whole) is never this process's memory. False where there is no fork: the
    caller does the work itself."""
    if not _can_fork():
        return False
    import multiprocessing

    process = multiprocessing.get_context("fork").Process(target=_quietly, args=(work,))
    process.start()
    process.join()
    return process.exitcode == 0


@contextmanager
def in_background(work: Callable[[], R]) -> Iterator[Callable[[], R | None]]:
    """``work()`` started in a forked process while this one goes on, for the length of the ``with`` block: the
    function it gives waits for the child and returns its result, or None where it failed or could not be sent back
    (the caller then does the work itself, so that an error is raised where it can be reported). Where there is no
    fork, the work is done inline, at once.

    The child starts with this process's memory and must not write to what this one has open: it computes and
    writes its own files, and sends back what the caller is to store. Should the block end before it waited (an
    error), the child is still waited for, so that it ends its work (and removes its temporary files) before the
    caller goes on. It is ended with this process all the same (should that be killed), so it may start no process
    of its own."""
    if not _can_fork():
        done = work()
        yield lambda: done
        return
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_sending, args=(work, sending), daemon=True)  # ends with this process
    process.start()
    sending.close()

    def wait() -> R | None:
        try:
            answer: R | None = receiving.recv()
        except (EOFError, OSError):
            answer = None
        receiving.close()
        process.join()
        return answer if process.exitcode == 0 else None

    try:
        yield wait
    finally:
        if not receiving.closed:
            wait()  # its answer read and dropped: a child blocked sending it would never end


def _deaf_to_interrupt() -> None:
    """A pool's worker lets Ctrl-C be the caller's (``_pool``): one that died of it would break the
    pool, and each would print the traceback of the KeyboardInterrupt it was waiting in."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _ends_on_interrupt() -> None:
    """Ctrl-C reaches every process of the terminal's group: a forked child ends at once, saying nothing (the caller
    says `Aborted!` and does the work itself no more), rather than printing the traceback of its KeyboardInterrupt."""
    import signal

    signal.signal(signal.SIGINT, lambda *_: os._exit(130))


def _sending(work: Callable[[], object], sending: Any) -> None:
    import gc

    _ends_on_interrupt()
    gc.freeze()  # as ``_quietly``: the collector's passes would copy every page the child inherited
    try:
        sending.send(work())
    except BaseException:  # noqa: BLE001 (the caller does the work again, and reports what goes wrong there)
        os._exit(1)
    finally:
        sending.close()


def _quietly(work: Callable[[], object]) -> None:
    import gc

    _ends_on_interrupt()
    gc.freeze()  # the collector's passes in the child would copy every page of what it inherited
    try:
        work()
    except BaseException:  # noqa: BLE001 (the caller only needs to know it failed, and does the work itself)
        os._exit(1)


def is_worker() -> bool:
    """This process was forked by ``in_order`` or ``in_fork`` (multiprocessing knows its parent)."""
    import multiprocessing

    return multiprocessing.parent_process() is not None


def _can_fork() -> bool:
    """Processes can be forked here: the platform forks, and this is no daemonic process (one that a caller's
    pool started, which multiprocessing lets start none: the work is then done inline)."""
    import multiprocessing  # only for more than one job, or a table to build: a small build never imports it

    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


def _run(i: int) -> Any:
    return _work[-1](i)
