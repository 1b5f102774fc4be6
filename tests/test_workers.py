"""Work shared among processes comes back complete and in order, whoever did it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vocab.export import anki, glossary
from vocab.workers import default_jobs, in_background, in_fork, in_order

from .conftest import EXAMPLES


def test_items_come_back_in_order_from_other_processes() -> None:
    got = list(in_order(lambda i: (i, os.getpid()), 200, 2))
    assert [i for i, _ in got] == list(range(200))
    assert os.getpid() not in {pid for _, pid in got}


def test_a_long_job_is_done_in_rounds_each_by_fresh_workers() -> None:
    """A worker copies the pages of the caller's memory it reads: none lives through more than a round."""
    from vocab.workers import ROUNDS

    got = list(in_order(lambda i: (i, os.getpid()), 200, 2))
    assert [i for i, _ in got] == list(range(200))
    size = -(-200 // ROUNDS)  # as in_order cuts them: the last round may be shorter
    rounds = [{pid for _, pid in got[r * size : (r + 1) * size]} for r in range(ROUNDS)]
    assert all(len(pids) <= 2 for pids in rounds)  # two workers in each round
    assert len(set().union(*rounds)) > 2  # and other ones in the next


def test_with_the_caller_it_is_one_of_the_jobs() -> None:
    """Two jobs with the caller: one forked worker in each round, and the caller doing its share, in order."""
    from vocab.workers import ROUNDS

    got = list(in_order(lambda i: (i, os.getpid()), 200, 2, with_caller=True))
    assert [i for i, _ in got] == list(range(200))
    size = -(-200 // ROUNDS)  # as in_order cuts them: the last round may be shorter
    rounds = [{pid for _, pid in got[r * size : (r + 1) * size]} for r in range(ROUNDS)]
    assert all(len(pids) == 2 and os.getpid() in pids for pids in rounds)
    assert len(set().union(*rounds)) == ROUNDS + 1  # a fresh worker in each round


def test_a_failure_in_the_callers_share_or_a_workers_reaches_the_caller() -> None:
    for failing in (2, 7):  # chunks of one item: the worker does the even ones, the caller the odd ones
        def work(i: int, failing: int = failing) -> int:
            if i == failing:
                raise ValueError(str(failing))
            return i

        with pytest.raises(ValueError, match=str(failing)):
            list(in_order(work, 20, 2, chunks_per_job=10, with_caller=True))


_INTERRUPTED = """
import os, signal, sys, threading, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal: a shell's background job ignores it
from vocab.workers import in_order
def work(i):
    time.sleep(0.05 if i % 2 else 0.3)
    return i
threading.Timer(1.0, lambda: os.killpg(os.getpgrp(), signal.SIGINT)).start()  # Ctrl-C: the whole group
try:
    sum(in_order(work, 400, 2, with_caller=sys.argv[1] == "with-caller"))
except KeyboardInterrupt:
    print("interrupted", file=sys.stderr)
"""


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="no process groups here")
@pytest.mark.parametrize("caller", ["with-caller", "workers-only"])
def test_ctrl_c_reaches_the_caller_alone_and_no_worker_prints_a_traceback(caller: str) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED, caller], capture_output=True, text=True, timeout=120,
        start_new_session=True,
    )  # fmt: skip
    assert done.stderr == "interrupted\n"


_INTERRUPTED_LONG = """
import os, signal, sys, threading, time
signal.signal(signal.SIGINT, signal.default_int_handler)
from vocab.workers import in_order
def work(i):
    time.sleep(6)
    open(os.path.join(sys.argv[1], f"done-{i}"), "w").close()
    return i
threading.Timer(1.0, lambda: os.killpg(os.getpgrp(), signal.SIGINT)).start()
try:
    sum(in_order(work, 4, 2))
except KeyboardInterrupt:
    print("interrupted", file=sys.stderr)
"""


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="no process groups here")
def test_ctrl_c_stops_the_workers_rather_than_waiting_for_their_work(tmp_path: Path) -> None:
    """What a worker was doing would be dropped: Ctrl-C stops it (it waited for a 20 MB document's reading)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_LONG, str(tmp_path)], capture_output=True, text=True, timeout=120,
        start_new_session=True,
    )  # fmt: skip
    assert done.stderr == "interrupted\n"
    assert not list(tmp_path.iterdir())  # no worker lived to finish its item


def test_one_job_works_here() -> None:
    assert {pid for pid in in_order(lambda _: os.getpid(), 20, 1)} == {os.getpid()}
    assert list(in_order(lambda i: i, 0, 2)) == []


def test_a_failure_in_a_worker_reaches_the_caller() -> None:
    def work(i: int) -> int:
        if i == 7:
            raise ValueError("seven")
        return i

    with pytest.raises(ValueError, match="seven"):
        list(in_order(work, 20, 2))


def test_a_daemonic_process_does_its_work_itself() -> None:
    """multiprocessing lets a daemonic process (one a caller's pool started) start none: vocab works inline there."""
    import multiprocessing

    def in_daemon(sending) -> None:  # type: ignore[no-untyped-def]
        pids = {pid for pid in in_order(lambda _: os.getpid(), 40, 2)}
        with in_background(lambda: os.getpid()) as waiting:
            background = waiting()
        sending.send((pids == {os.getpid()}, in_fork(lambda: None), background == os.getpid()))

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    daemon = context.Process(target=in_daemon, args=(sending,), daemon=True)
    daemon.start()
    assert receiving.poll(30), "the daemonic process did not answer"
    assert receiving.recv() == (True, False, True)
    daemon.join()


def test_work_in_a_fork_runs_elsewhere_and_says_whether_it_ended(tmp_path) -> None:  # type: ignore[no-untyped-def]
    where = tmp_path / "pid"
    assert in_fork(lambda: where.write_text(str(os.getpid())))
    assert int(where.read_text()) != os.getpid()
    assert not in_fork(lambda: 1 / 0)


def test_work_in_the_background_gives_its_result_or_none_where_it_failed() -> None:
    with in_background(lambda: os.getpid()) as waiting:
        assert waiting() not in (None, os.getpid())
    with in_background(lambda: 1 / 0) as waiting:
        assert waiting() is None


def test_work_in_the_background_is_waited_for_when_the_block_fails_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A caller that fails before it waits (a glossary that cannot be written) leaves no child at work: the
    child's files (a deck's temporary file) are done with before the error goes on."""
    import time

    done = tmp_path / "done"

    def slow() -> bytes:
        time.sleep(0.5)
        done.write_text("written")
        return b"x" * 1_000_000  # more than a pipe holds: the child cannot end before its answer is read

    with pytest.raises(ValueError), in_background(slow):
        raise ValueError("the caller's own error")
    assert done.read_text() == "written"


def test_a_kept_table_is_built_in_another_process_and_read_here(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The library data a table is built from never lives in the process that uses the table; where the cache
    folder cannot be written, the table is built here (once the fork has failed to keep it)."""
    from vocab.memo import kept_table

    builders = tmp_path / "builders"

    def build() -> dict[str, tuple[str, ...]]:
        with builders.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return {"模型": ("model", "mold"), "学习": ("learning",)}

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path / "cache"))
    table = kept_table("test-words", "jieba", build)
    assert table.get("模型") == ("model", "mold") and "学习" in table
    assert str(os.getpid()) not in builders.read_text().split()
    assert kept_table("test-words", "jieba", build).get("学习") == ("learning",)
    assert len(builders.read_text().split()) == 1  # read from the cache folder the second time

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("VOCAB_CACHE", str(blocked))
    assert kept_table("test-words", "jieba", build).get("模型") == ("model", "mold")
    assert builders.read_text().split()[-1] == str(os.getpid())


def test_more_processes_only_where_there_is_enough_to_do() -> None:
    assert default_jobs(glossary.POOL_MIN_DOCUMENTS - 1, glossary.POOL_MIN_DOCUMENTS) == 1
    assert default_jobs(anki.POOL_MIN_NOTES, anki.POOL_MIN_NOTES) == (os.cpu_count() or 1)


def test_by_default_more_processes_only_for_many_glossaries_to_make(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What decides is how many glossaries are not in the cache, not how many documents there are."""
    from vocab.cache import DocumentCache
    from vocab.corpus import load_corpus
    from vocab.models import OutputFormat

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in "abc":
        (docs / f"{name}.md").write_text(f"第{name}集讲强化学习（reinforcement learning）。\n", encoding="utf-8")
    asked: list[tuple[int, int]] = []
    real = glossary.in_order
    monkeypatch.setattr(glossary, "in_order", lambda work, n, jobs, **_: asked.append((n, jobs)) or real(work, n, 1))
    monkeypatch.setattr(glossary, "POOL_MIN_DOCUMENTS", 2)
    cache = DocumentCache(tmp_path / "cache")
    for edit in ("", "又说到蒸馏（distillation）。\n"):
        with (docs / "a.md").open("a", encoding="utf-8") as a:
            a.write(edit)
        corpus = load_corpus(sorted(docs.iterdir()))
        glossary.write_glossaries(corpus.documents, corpus.terms, tmp_path / "out", OutputFormat.MD, cache)
    assert asked == [(3, os.cpu_count() or 1), (1, 1)]


def test_counting_in_workers_keeps_what_they_remembered(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A worker ends without writing the memo: the verdicts on the Chinese windows it judged come back with what it
    heard, and the memo holds the same ones as when one process counts."""
    import sqlite3

    from vocab import memo
    from vocab.corpus import load_corpus

    verdicts = []
    for jobs in (1, 2):
        monkeypatch.setenv("VOCAB_CACHE", str(tmp_path / f"cache{jobs}"))
        memo.clear()  # nothing remembered from the other run
        load_corpus(sorted(EXAMPLES.iterdir()), jobs=jobs)
        with sqlite3.connect(tmp_path / f"cache{jobs}" / memo.MEMO_FILE) as db:
            rows = db.execute("SELECT space, key, answer FROM memo").fetchall()
        verdicts.append(sorted(row for row in rows if row[0].endswith(":crossed") or ":whole-" in row[0]))
    assert verdicts[0] == verdicts[1] and len(verdicts[0]) > 20


def test_answers_sent_back_are_written_in_batches_and_read_back(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from vocab import memo

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    memo.clear()
    monkeypatch.setattr(memo, "WRITE_EVERY", 3)
    memo.keep_answers([("test", "a", "1"), ("test", "b", "2")])
    assert len(memo._pending) == 2  # waiting for a batch
    memo.keep_answers([("test", "c", "3")])
    assert memo._pending == []

    def never(_: str) -> str:
        raise AssertionError("computed again")

    assert [memo.remembered("test", key, never) for key in "abc"] == ["1", "2", "3"]


def test_a_worker_keeps_few_identities(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Counting with more than one job empties ``en_key``'s cache past ``WORKER_IDENTITIES`` (here, inline: one
    document to hear runs in this process)."""
    from vocab import rank
    from vocab.corpus import load_corpus
    from vocab.identity import en_key

    monkeypatch.setattr(rank, "WORKER_IDENTITIES", 0)
    monkeypatch.setattr(rank, "_forget_what_counting_remembered", lambda: None)  # would empty it anyway
    load_corpus([EXAMPLES / "gradient-hour-ep12.txt"], jobs=2)
    assert en_key.cache_info().currsize == 0
    load_corpus([EXAMPLES / "gradient-hour-ep12.txt"], jobs=1)
    assert en_key.cache_info().currsize > 0
