"""Hostile inputs, end to end: builds each one and times `factcheck check FILE`
in a fresh process, with that process's peak memory.

    python bench/hostile.py                  # every input (the 50 MB file takes a while)
    python bench/hostile.py zeros md-lt      # some of them
    python bench/hostile.py --timeout 60     # give up on an input after 60 s

Budgets (issue 10): each input under 100 KB in under 5 s; the 20 MB file in
under 20 s; the 50 MB file finishes with bounded memory. The inputs are built
by ``hostile_inputs`` in tests/builders.py, as tests/test_bounded.py builds them.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from builders import big_text, hostile_inputs  # noqa: E402  (the tests build the same inputs)

BUDGET = {"20mb": 20.0, "50mb": None}  # seconds; the rest: 5 s


def run(path: Path, timeout: float) -> tuple[float, float, float, int | None]:
    """(seconds, CPU seconds, peak RSS in MB, exit code or None when it timed out) of
    `factcheck check PATH`. CPU time as well as wall time: on a shared machine the wall
    time says as much about the other processes."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return (time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                    os.waitstatus_to_exitcode(status))
        if time.perf_counter() > deadline:
            proc.kill()
            _pid, _status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, None
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="inputs to run (default: all)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before an input is given up")
    args = parser.parse_args()
    small = hostile_inputs()
    names = args.names or list(small) + ["20mb", "50mb"]
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            # built here and let go before the run: a child's peak memory counts the parent's at the fork
            file_name, text = small[name] if name in small else (f"{name}.txt", big_text(int(name[:-2])))
            path = Path(folder) / file_name
            path.write_text(text, encoding="utf-8")
            del text
            size = path.stat().st_size
            seconds, cpu, peak, code = run(path, args.timeout)
            budget = BUDGET.get(name, 5.0)
            verdict = "TIMED OUT" if code is None else f"exit {code}"
            if code is not None and budget is not None:
                verdict += "" if seconds <= budget else f" (over the {budget:.0f} s budget)"
            per_mb = f", {peak / (size / 1e6):.1f} MB per MB" if size > 1e6 else ""
            print(f"{name:14} {size / 1e3:9.0f} KB {seconds:7.2f} s ({cpu:6.2f} s CPU)  peak {peak:6.0f} MB{per_mb}"
                  f"  {verdict}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
