"""Hostile inputs, end to end: builds each one and times `factcheck check FILE`
in a fresh process, with that process's peak memory.

    python bench/hostile.py                  # every input (the 50 MB file takes a while)
    python bench/hostile.py zeros md-lt      # some of them
    python bench/hostile.py --timeout 60     # give up on an input after 60 s

Budgets (issue 10): each input under 100 KB in under 5 s; the 20 MB file in
under 20 s; the 50 MB file finishes with bounded memory. The inputs are built
by ``hostile_inputs`` in tests/builders.py, as tests/test_bounded.py builds them.

    python bench/hostile.py --generated      # 50 more, one structure each, repeated

``--generated`` builds inputs that no one reported, each a structure a rule or a
regex might rescan (lists of points, ratios, ranges, slashes, commas, hedges, grades,
units, traditional characters …, 100-400 KB): how two slow paths of stop 31 were
found (a list of numbers joined by full-width commas, 43 s; 全縣 then 全县, 7.7 s),
now both in the list above. Budget 5 s each.

Each input is checked as a first run of its content on a warm machine: the cache folder
holds the trimmed dictionary and the script tables (a run builds them first), but no
results, so a second run of the bench times the checks, not the result cache.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from builders import big_text, hostile_inputs, write_input  # noqa: E402  (the tests build the same inputs)

BUDGET = {"20mb": 20.0, "50mb": None}  # seconds; the rest: 5 s


def generated_inputs() -> dict[str, tuple[str, str]]:
    """name -> (file name, text) of each structure, repeated to 100-400 KB."""
    texts = {
        "points": "1" + ".2" * 40_000 + "%",
        "ratios": "比例为1" + "：2" * 40_000 + "。",
        "percents": "".join(f"{i % 90}.{i % 9}%" for i in range(20_000)),
        "wan": "".join(f"{i % 9 + 1}万" for i in range(40_000)) + "元",
        "dashes": "1" + "-2" * 40_000 + "年",
        "zhi": "1" + "至2" * 30_000 + "元",
        "slashes": "1" + "/2" * 40_000,
        "items": "".join(f"（{i % 99}）" for i in range(20_000)),
        "commas": "增长" + "，" * 100_000 + "5%",
        "hedges": "约" * 50_000 + "5人",
        "duo": "5" + "多" * 50_000 + "人",
        "grades": "5A" * 50_000,
        "spaces": "1" + " 000" * 30_000 + "元",
        "lines": "\n".join(str(i % 1000) for i in range(40_000)),
        "years": "".join(f"{2000 + i % 25}年" for i in range(30_000)),
        "fenbie": "分别" * 40_000 + "5%",
        "yiyuan": "亿元" * 50_000,
        "stops": "。" * 100_000,
        "percent-signs": "5" + "%" * 100_000,
        "mixed-commas": "1" + ",000，000" * 15_000 + ".5元",
        "ascii-commas": "1" + ",250" * 30_000 + "人",
        "wide-commas-decimal": "1" + "，250" * 30_000 + ".5元",
        "cn-commas": "一" + "，二五零" * 25_000 + "人",
        "fullwidth-digits": "１" + "，２５０" * 30_000 + "人",
        "cn-wan": "一万" * 40_000 + "人",
        "minus": "-" * 50_000 + "5",
        "plus": "1+" * 50_000,
        "cn-ranges": "三至五" * 30_000 + "年",
        "jiao": "3元5角" * 20_000,
        "dian": "三点五" * 30_000 + "%",
        "ordinals": "第一" * 50_000,
        "nbsp-digits": "1\u00a0" * 50_000,
        "brackets": "（" * 50_000 + "5人" + "）" * 50_000,
        "quotes": "“" * 50_000 + "5人",
        "latin": "A1" * 50_000,
        "classifiers": "5个" * 50_000,
        "table-cells": "|5|" * 40_000,
        "digit-unit-lines": "5\n万" * 40_000,
        "year-months": "2020年1月" * 20_000,
        "dates": "2020年1月1日" * 15_000,
        "respective-list": "城镇、农村" + "、乡村" * 20_000 + "分别为" + "、".join(f"{i % 90}%" for i in range(20_000)),
        "parts-of": "全县共有1000人，其中" + "，".join(f"第{i}组{i % 50}人" for i in range(15_000)) + "。",
        "growths": "，".join(f"产值{i}亿元，比上年增长{i % 9}.{i % 7}%" for i in range(8_000)) + "。",
        "from-to": "，".join(f"从{i % 9}%下降到{i % 7}.1%" for i in range(12_000)) + "。",
        "shares": "，".join(f"占全县的{i % 90}%" for i in range(15_000)) + "。",
        "ranks": "，".join(f"排名第{i % 90}位" for i in range(15_000)) + "。",
        "households": "".join(f"{i}户{i * 3}人" for i in range(1_000, 16_000)),
        "grade-list": "其中" + "".join(f"{i % 5 + 1}A级景区{i}处" for i in range(15_000)),
        "months": "".join(f"{i % 12 + 1}月{i}人" for i in range(20_000)),
        "pay": "".join(f"董事长年薪{i}万元，" for i in range(20_000)),
        "range-ends": "".join(f"预计{i % 90 + 1}元至{i % 90 + 2}万元，" for i in range(20_000)),
    }
    return {name: (f"{name}.txt", text) for name, text in texts.items()}


def warm_cache_folder(folder: Path) -> dict[str, str]:
    """The environment of a run whose cache folder is ``folder``, made warm: the dictionary
    and tables of the user's own cache folder copied, and built by one small check where
    missing. The result cache is emptied before each input."""

    from factcheck.cache import cache_dir

    (folder / "cache" / "factcheck").mkdir(parents=True)
    for built in cache_dir().iterdir():
        if built.is_file() and not built.name.startswith("results."):
            shutil.copy2(built, folder / "cache" / "factcheck" / built.name)
    small = folder / "warm-up.txt"
    small.write_text("全县共有贫困村82个。", encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"))
    subprocess.run([sys.executable, "-m", "factcheck", "check", str(small)], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return env


def run(path: Path, timeout: float, env: dict[str, str]) -> tuple[float, float, float, int | None]:
    """(seconds, CPU seconds, peak RSS in MB, exit code or None when it timed out) of
    `factcheck check PATH`, with no results cached. CPU time as well as wall time: on a
    shared machine the wall time says as much about the other processes."""
    for old in (Path(env["XDG_CACHE_HOME"]) / "factcheck").glob("results.sqlite*"):
        old.unlink()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(path)], env=env,
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
    parser.add_argument("--generated", action="store_true", help="the generated structures instead")
    args = parser.parse_args()
    small = generated_inputs() if args.generated else hostile_inputs()
    names = args.names or list(small) + ([] if args.generated else ["20mb", "50mb"])
    with tempfile.TemporaryDirectory() as folder:
        env = warm_cache_folder(Path(folder))
        for name in names:
            # built here and let go before the run: a child's peak memory counts the parent's at the fork
            file_name, text = small[name] if name in small else (f"{name}.txt", big_text(int(name[:-2])))
            path = write_input(Path(folder), file_name, text)
            del text
            size = sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
            seconds, cpu, peak, code = run(path, args.timeout, env)
            budget = BUDGET.get(name, 5.0)
            verdict = "TIMED OUT" if code is None else f"exit {code}"
            if code is not None and budget is not None:
                verdict += "" if seconds <= budget else f" (over the {budget:.0f} s budget)"
            per_mb = f", {peak / (size / 1e6):.1f} MB per MB" if size > 1e6 else ""
            print(f"{name:14} {size / 1e3:9.0f} KB {seconds:7.2f} s ({cpu:6.2f} s CPU)  peak {peak:6.0f} MB{per_mb}"
                  f"  {verdict}", flush=True)
            shutil.rmtree(path) if path.is_dir() else path.unlink()


if __name__ == "__main__":
    main()
