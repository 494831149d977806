"""The one way the dossier works in parallel: a ``concurrent.futures`` process pool.

Workers start with the ``forkserver`` method where the platform has it (``spawn`` elsewhere): a
fresh process that imports what it needs, never a copy of a parent that may run threads, as
``mkdocs serve`` does. So the function and its arguments must be picklable (module-level).
``DOSSIER_WORKERS`` sets the number of processes (1: everything in this process, in order).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def workers(wanted: int | None = None) -> int:
    """How many processes to use: ``DOSSIER_WORKERS`` when set, else ``wanted``, else the CPUs
    this process may run on."""
    setting = os.environ.get("DOSSIER_WORKERS", "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    if wanted:
        return wanted
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_processes(
    function: Callable[[Item], Result], items: Sequence[Item], processes: int | None = None
) -> list[Result]:
    """``[function(item) for item in items]``, computed in up to ``processes`` worker processes;
    results in the order of ``items``. With one process or one item, it runs here.  Each item gets
    a new process, so its memory goes back to the system when it is done (the jobs are large and
    few: the parts of the PDF, the site's MkDocs builds)."""
    count = min(len(items), workers(processes))
    if count <= 1:
        return [function(item) for item in items]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(count, mp_context=context, max_tasks_per_child=1) as pool:
        return list(pool.map(function, items))
