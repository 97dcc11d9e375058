"""CPU seconds of each stage and each rule of `factcheck check` on the bench corpus,
in one process (the best of several runs), optionally against another source tree:

    python bench/bench.py                           # builds bench/corpus/ first
    python bench/stages.py                          # this tree
    python bench/stages.py --against /tmp/base-src  # and a `git archive` of another commit, in turn

Each run is a fresh interpreter (so no cache is shared between the two trees);
the runs of the two trees alternate so that drift on the machine hits both alike.
Timed: reading (read_paths or read_path), extract, group and align_story where the
tree's api or engine calls them, and Rule.run for each rule; one process, no cache,
with what the tree's command line sets before any command (the collector's settings).
The pauses of Python's garbage collector are their own line, taken out of the stage or
rule they fell in: where a collection falls depends on how much the whole run has
allocated so far, not on the code it interrupts (one pass costs 0.06-0.08 s here).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import gc, json, sys, time
from collections import defaultdict
import factcheck.api as api
from factcheck.rules import Rule

spent = defaultdict(float)
within = []  # the stages and rules running now, innermost last
collected = [0.0]

def collecting(phase, info):
    # a collection's pause is charged to "garbage collection", not to whatever it fell in
    if phase == "start":
        collected[0] = time.process_time()
        return
    pause = time.process_time() - collected[0]
    spent["garbage collection"] += pause
    for name in set(within):
        spent[name] -= pause

gc.callbacks.append(collecting)

def timed(name, fn):
    def wrapper(*args, **kwargs):
        within.append(name)
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
            within.pop()
    return wrapper

import importlib, inspect
for module_name in ("factcheck.api", "factcheck.engine"):  # where each tree's engine calls them
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        continue
    for stage in ("read_paths", "read_path", "extract", "group", "align_story"):
        if hasattr(module, stage):
            setattr(module, stage, timed(stage.replace("read_paths", "read_path"), getattr(module, stage)))
original_run = Rule.run

def run(self, ctx):
    return timed("rule " + self.name, lambda: list(original_run(self, ctx)))()

Rule.run = run
# the rules of this tree's checks/ package (the installed entry points may name modules
# that another tree lacks)
import importlib, pkgutil, checks
rules = []
for info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda i: i.name):
    rules += getattr(importlib.import_module("checks." + info.name), "RULES", [])
options = {"jobs": 1, "cache": False} if "jobs" in inspect.signature(api.check).parameters else {}
import click, factcheck.cli
with click.Context(factcheck.cli.main).scope(cleanup=False):  # left open: its settings hold for the run
    factcheck.cli.main.callback()  # what the command line sets before any command (the collector switched off)
start = time.process_time()
api.check([sys.argv[1]], rules=rules, **options)
spent["total"] = time.process_time() - start
print(json.dumps(spent))
"""


def measure(src: Path | None, corpus: Path) -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    out = subprocess.run([sys.executable, "-c", PROBE, str(corpus)], capture_output=True, text=True, env=env,
                         cwd=str(src or ROOT))
    if out.returncode:
        sys.exit(f"probe failed in {src or ROOT}:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another source tree (a folder holding factcheck/ and checks/)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus}: no corpus; run bench/bench.py first")
    trees = [("this", None)] + ([("other", args.against.resolve())] if args.against else [])
    best: dict[str, dict[str, float]] = {name: {} for name, _src in trees}
    for _ in range(args.runs):
        for name, src in trees:
            for key, seconds in measure(src, args.corpus).items():
                best[name][key] = min(seconds, best[name].get(key, seconds))
    keys = sorted(set().union(*best.values()), key=lambda k: (k == "total", k.startswith("rule"), k))
    header = f"{'stage or rule':32} {'this':>8}" + (f" {'other':>8} {'this/other':>10}" if args.against else "")
    print(f"CPU seconds, best of {args.runs}, corpus {args.corpus}")
    print(header)
    for key in keys:
        line = f"{key:32} {best['this'].get(key, float('nan')):8.3f}"
        if args.against:
            other = best["other"].get(key)
            ratio = best["this"].get(key, 0) / other if other else float("nan")
            line += f" {other if other is not None else float('nan'):8.3f} {ratio:10.2f}"
        print(line)


if __name__ == "__main__":
    main()
