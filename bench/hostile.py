"""Hostile inputs, end to end: builds each one and times `factcheck check FILE`
in a fresh process, with that process's peak memory.

    python bench/hostile.py                  # every input (the 50 MB file takes a while)
    python bench/hostile.py zeros md-lt      # some of them
    python bench/hostile.py --timeout 60     # give up on an input after 60 s

Budgets (issue 10): each input under 100 KB in under 5 s; the 20 MB file in
under 20 s; the 50 MB file finishes with bounded memory. The inputs are built
by ``hostile_inputs`` (tests/test_bounded.py builds the small ones the same way).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))

BUDGET = {"20mb": 20.0, "50mb": None}  # seconds; the rest: 5 s


def big_text(megabytes: float, seed: int = 11) -> str:
    """The samples' paragraphs over and over, each figure re-drawn, to ``megabytes`` of UTF-8."""
    rng = random.Random(seed)
    paragraphs = [p for path in SAMPLES for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    parts, size = [], 0
    while size < megabytes * 1e6:
        p = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), rng.choice(paragraphs))
        parts.append(p)
        size += len(p.encode("utf-8")) + 1
    return "\n".join(parts) + "\n"


def hostile_inputs(large: bool = True) -> dict[str, tuple[str, str]]:
    """name -> (file name, text) of each hostile input."""
    sentence = "累计实现7001户12736人稳定脱贫，53个贫困村出列，贫困发生率由12.5%降至0.8%。"
    inputs = {
        "zeros": ("zeros.txt", "增长" + "0" * 60_000 + "元。"),
        "digits": ("digits.txt", "数字" + "1234567890" * 6_000 + "。"),
        "digit-commas": ("digit-commas.txt", "共" + "1,000" * 12_000 + "元。"),
        "digit-dots": ("digit-dots.txt", "共" + "1.0." * 12_000 + "元。"),
        "averages": ("averages.txt", "".join(f"人均收入{1000 + i}元，" for i in range(6_000)) + "人均收入1元。"),
        "parts": ("parts.txt", "全县共有1000000人，其中" + "、".join(f"{i}村{i % 97 + 1}人" for i in range(11_000)) + "。"),
        "repeated": ("repeated.txt", sentence * 2_200),
        "md-lt": ("lt.md", "<" * 100_000),
        "md-link": ("link.md", "](" * 50_000),
        "arabic-1500": ("arabic.txt", "共有" + "7" * 1_500 + "人。"),
        "chinese-4400": ("chinese.txt", "共有" + "一二三四五六七八九〇" * 440 + "人。"),
    }
    if large:
        inputs["20mb"] = ("twenty.txt", big_text(20))
        inputs["50mb"] = ("fifty.txt", big_text(50))
    return inputs


def run(path: Path, timeout: float) -> tuple[float, float, int | None]:
    """(seconds, peak RSS in MB, exit code or None when it timed out) of `factcheck check --format json PATH`."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", "--format", "json", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)
        if time.perf_counter() > deadline:
            proc.kill()
            _pid, _status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - start, usage.ru_maxrss / 1024, None
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="inputs to run (default: all)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before an input is given up")
    args = parser.parse_args()
    inputs = hostile_inputs(large=not args.names or any(n in ("20mb", "50mb") for n in args.names))
    names = args.names or list(inputs)
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            file_name, text = inputs[name]
            path = Path(folder) / file_name
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size
            seconds, peak, code = run(path, args.timeout)
            budget = BUDGET.get(name, 5.0)
            verdict = "TIMED OUT" if code is None else f"exit {code}"
            if code is not None and budget is not None:
                verdict += "" if seconds <= budget else f" (over the {budget:.0f} s budget)"
            per_mb = f", {peak / (size / 1e6):.1f} MB per MB" if size > 1e6 else ""
            print(f"{name:14} {size / 1e3:9.0f} KB {seconds:7.2f} s  peak {peak:6.0f} MB{per_mb}  {verdict}",
                  flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
