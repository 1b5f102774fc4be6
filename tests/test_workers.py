"""Work shared among processes comes back complete and in order, whoever did it."""

from __future__ import annotations

import os

import pytest

from vocab.export import anki, glossary
from vocab.workers import default_jobs, in_order


def test_items_come_back_in_order_from_other_processes() -> None:
    got = list(in_order(lambda i: (i, os.getpid()), 200, 2))
    assert [i for i, _ in got] == list(range(200))
    assert os.getpid() not in {pid for _, pid in got}


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


def test_more_processes_only_where_there_is_enough_to_do() -> None:
    assert default_jobs(glossary.POOL_MIN_DOCUMENTS - 1, glossary.POOL_MIN_DOCUMENTS) == 1
    assert default_jobs(anki.POOL_MIN_NOTES, anki.POOL_MIN_NOTES) == (os.cpu_count() or 1)
