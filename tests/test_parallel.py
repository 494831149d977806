"""The one parallel helper: same results as a plain loop, in order, in other processes."""

import os

import pytest

from build_dossier.parallel import map_in_processes, workers


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_back_in_order_from_worker_processes():
    results = map_in_processes(square_and_pid, list(range(10)), processes=2)
    assert [r for r, _ in results] == [n * n for n in range(10)]
    assert os.getpid() not in {pid for _, pid in results}  # computed elsewhere, not here


def test_one_process_runs_here(monkeypatch):
    monkeypatch.setenv("DOSSIER_WORKERS", "1")
    results = map_in_processes(square_and_pid, [1, 2, 3], processes=4)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_each_item_gets_a_new_process():
    results = map_in_processes(square_and_pid, [1, 2, 3, 4], processes=2)
    assert len({pid for _, pid in results}) == 4


def test_an_exception_in_a_worker_reaches_the_caller():
    with pytest.raises(ZeroDivisionError):
        map_in_processes(divide_one_by, [1, 0, 2], processes=2)


def divide_one_by(n: int) -> float:
    return 1 / n


@pytest.mark.parametrize("setting, wanted, expected", [("3", None, 3), ("", 5, 5), ("x", 2, 2), ("0", 2, 2)])
def test_workers_setting(monkeypatch, setting, wanted, expected):
    monkeypatch.setenv("DOSSIER_WORKERS", setting)
    assert workers(wanted) == expected
