"""Work spread over processes forked for it, which inherit what they read instead of
receiving it: a long document and its figures, or a report's findings, would cost more
to send to a worker than to work on."""
from __future__ import annotations

shared: tuple | None = None  # what the workers forked now read (set only while they run)


def can_fork() -> bool:
    """Whether processes can be forked here (not on Windows)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


def in_forked_workers(function, count: int, jobs: int, what: tuple) -> list:
    """function(k) for k in range(count), in order, in up to ``jobs`` workers forked now,
    which find ``what`` in ``shared``."""
    global shared
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shared = what
    # (an executor, not a Pool: a worker killed by the system fails the run instead of hanging it)
    pool = ProcessPoolExecutor(min(jobs, count), mp_context=multiprocessing.get_context("fork"),
                               initializer=ignore_interrupts)
    try:
        found = list(pool.map(function, range(count)))
    except BaseException:
        # Ctrl-C: the work queued is dropped; a worker ends what it has under way (killed, it
        # could leave its result half-written in the pipe, and the executor waiting on it)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        shared = None
    pool.shutdown()
    return found
