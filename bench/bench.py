"""Throughput and memory of `factcheck check` end to end, against DESIGN.md's budget
(at least 2 MB of text per second per process; one article well under a second).

    python bench/bench.py            # builds bench/corpus/ (about 5 MB) and measures, then
                                     # the incremental run on bench/many/ (50,000 articles)
    python bench/bench.py --mb 20 --many 5000
    python bench/bench.py --only-many --many 5000

The corpus is made from samples/: each file is 20 to 60 sentences drawn from
all the samples, with their figures re-drawn and their ordinary characters
enciphered (a per-file permutation that spares numerals, units and the words
the rules key on), so that files are as distinct as a news desk's articles
while figures stay as dense as in real reports; one file in ten is a second
copy of the one before it, with half-width punctuation and lines hard-wrapped
like a PDF, so that stories form.

The incremental run builds a repository of many such articles (--many), checks it
once with an empty result cache, edits 10 files and times the next run, all as typed
(the terminal report, the default); then once more with `--format json`; then lays the
folder out again as a fresh copy (a CI job's checkout: every file new to the stat cache),
edits the same 10 files again and times that run too.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from factcheck.engine import default_jobs  # noqa: E402  (the cores a default run uses)
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


# Characters that carry figures or that rules key on are never enciphered.
KEPT = set("零〇一二三四五六七八九十百千万亿两第余多近约左右以上下年月日号个户人名元次位口支家项处所座间套台辆条类种"
           "公里亩吨千瓦米其中共计合总占率比例重由从到至降增长提高减少加升平均每全市县区乡镇村省和及与等分别为包括含是")


TRADITIONAL = set("縣")  # the samples' one traditional character: enciphering must not spread it


def encipher(text: str, rng: random.Random, alphabet: list[str]) -> str:
    shuffled = alphabet[:]
    rng.shuffle(shuffled)
    table = str.maketrans(dict(zip(alphabet, shuffled)))
    return text.translate(table)


def build(folder: Path, megabytes: float, seed: int = 7, files: int = 0) -> int:
    """Write the corpus: ``megabytes`` of text, or (``files``) that many articles."""
    rng = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    sentences = list(dict.fromkeys(s for t in texts for s in re.findall(r"[^。！？\n]+[。！？]", t)))
    alphabet = sorted({c for t in texts for c in t if "\u4e00" <= c <= "\u9fff"} - KEPT - TRADITIONAL)
    total, i, previous = 0, 0, ""
    while (i < files) if files else (total < megabytes * 1e6):
        if i % 10 == 9:
            flat = previous.replace("，", ",").replace("\n", "")
            text = "\n".join(flat[k:k + 15] for k in range(0, len(flat), 15))
        else:
            chosen = rng.sample(sentences, rng.randint(20, 60))  # no sentence twice in one article
            chosen = [re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), s) for s in chosen]
            text = "\n\n".join("".join(chosen[k:k + 4]) for k in range(0, len(chosen), 4))
            text = encipher(text, rng, alphabet)
        previous = text
        data = text.encode("utf-8")
        (folder / f"article-{i:05d}.txt").write_bytes(data)
        total += len(data)
        i += 1
    return total


# The yardstick: autocorrect-py (a Rust core) linting every file of the corpus in one process.
AUTOCORRECT_LINT = """
import pathlib, sys
import autocorrect_py
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    autocorrect_py.lint_for(path.read_text(encoding="utf-8"), str(path))
"""
HAVE_AUTOCORRECT = importlib.util.find_spec("autocorrect_py") is not None


# Runs a command and prints, last on stderr, its wall time and the peak resident memory
# of the largest of its processes (the command and the workers it waited for), in KiB:
# measured in this wrapper, so that the wrapper's own start is not in the time.
PEAK_OF = ("import resource, subprocess, sys, time; start = time.perf_counter(); r = subprocess.run(sys.argv[1:]); "
           "print('PEAK', time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
           "file=sys.stderr); sys.exit(r.returncode)")


def timed(args: list[str], env: dict | None = None) -> tuple[float, int, float]:
    """Seconds, exit code and peak memory (MB, its largest process) of one run of ``args``."""
    result = subprocess.run([sys.executable, "-c", PEAK_OF, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)
    if result.returncode not in (0, 1):
        sys.exit(f"factcheck failed ({result.returncode}): {result.stderr}")
    elapsed, peak = result.stderr.rstrip().rsplit("PEAK ", 1)[1].split()
    return float(elapsed), result.returncode, int(peak) / 1024


def byte_compiled() -> str:
    """Compile factcheck's own modules to bytecode, as installing a package or its first run
    does: where PYTHONDONTWRITEBYTECODE is set (this machine sets it), an editable install's
    modules are compiled from source by every run, 0.05 s of each. Says what it did."""
    import compileall

    done = all(compileall.compile_dir(str(ROOT / package), quiet=1) for package in ("factcheck", "checks"))
    unset = "" if os.environ.get("PYTHONDONTWRITEBYTECODE") else " (PYTHONDONTWRITEBYTECODE is not set here)"
    return ("factcheck's modules byte-compiled first, as an installation does" + unset if done
            else "factcheck's modules could not all be byte-compiled: start-up includes compiling them")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command on the corpus (median)")
    parser.add_argument("--many", type=int, default=50_000, metavar="N",
                        help="articles in the incremental run's repository (0: no incremental run)")
    parser.add_argument("--many-corpus", type=Path, default=ROOT / "bench" / "many")
    parser.add_argument("--only-many", action="store_true", help="only the incremental run")
    args = parser.parse_args()
    print(byte_compiled())
    if not args.only_many:
        throughput(args)
    if args.many:
        incremental(args.many, args.many_corpus)


def throughput(args) -> None:
    size = build(args.corpus, args.mb)
    files = len(list(args.corpus.glob("*.txt")))
    cores = default_jobs()
    # --no-cache: every run checks every file (the result cache would answer the repeats)
    exe = [sys.executable, "-m", "factcheck", "check", "--format", "json", "--no-cache"]
    timed(exe + [str(SAMPLES[0])])  # the trimmed dictionary and jieba's cache in place
    alone = [timed(exe + [str(SAMPLES[0])]) for _ in range(5)]
    single, start_mb = statistics.median(a[0] for a in alone), max(a[2] for a in alone)
    runs: dict[int, list[float]] = {jobs: [] for jobs in sorted({1, cores})}
    peaks: dict[int, float] = {}
    yardstick, default = [], []
    # the command as a user types it: the terminal report (to a file here) and the default
    # number of workers; --no-cache still, as autocorrect-py keeps nothing between runs
    plain = [sys.executable, "-m", "factcheck", "check", "--no-cache", str(args.corpus)]
    for _ in range(args.runs):  # factcheck and autocorrect-py in turn, so that drift hits both alike
        for jobs in runs:
            elapsed, _rc, peak = timed(exe + ["--jobs", str(jobs), str(args.corpus)])
            runs[jobs].append(elapsed)
            peaks[jobs] = max(peak, peaks.get(jobs, 0))
        default.append(timed(plain)[0])
        if HAVE_AUTOCORRECT:
            yardstick.append(timed([sys.executable, "-c", AUTOCORRECT_LINT, str(args.corpus)])[0])
    print(f"corpus: {files} files, {size / 1e6:.2f} MB; {cores} core{'s' if cores > 1 else ''}")
    print(f"one article ({SAMPLES[0].name}, {SAMPLES[0].stat().st_size} bytes): {single:.2f} s including start-up "
          f"(median of 5; budget: under 0.3 s)")
    for jobs, times in runs.items():
        elapsed = statistics.median(times)
        print(f"corpus, --jobs {jobs}: {elapsed:.1f} s (median of {len(times)}), {size / 1e6 / elapsed:.2f} MB/s")
    as_typed = statistics.median(default)
    print(f"corpus, as typed (terminal report to a file, --jobs {cores}): {as_typed:.1f} s (median of "
          f"{len(default)}), {size / 1e6 / as_typed:.2f} MB/s")
    elapsed = statistics.median(runs[cores])
    if yardstick:
        other = statistics.median(yardstick)
        print(f"autocorrect-py lint of the same corpus, in turn: {other:.1f} s, {size / 1e6 / other:.2f} MB/s; "
              f"factcheck's throughput (--jobs {cores}) is {other / elapsed:.2f}x autocorrect-py's "
              f"({other / as_typed:.2f}x as typed)")
    else:
        print("autocorrect-py: not installed here (pip install autocorrect-py), no comparison")
    for jobs, peak in peaks.items():
        print(f"peak memory, --jobs {jobs}: {peak:.0f} MB (its largest process; one article alone: {start_mb:.0f} MB), "
              f"{(peak - start_mb) / (size / 1e6):.1f} MB per MB of text above that")
    first, again, against = archive_timings(args.corpus)
    print(f"factcheck index of the corpus into a SQLite archive: {first:.1f} s ({size / 1e6 / first:.2f} MB/s); "
          f"again, nothing changed: {again:.1f} s; check --against it: {against:.1f} s (without: {elapsed:.1f} s)")
    checking, rendering = render_share(args.corpus)
    print(f"terminal report of the {files} files: {rendering:.2f} s of {checking + rendering:.2f} s "
          f"({rendering / (checking + rendering):.1%} of the run; budget: under 10%)")


def archive_timings(corpus: Path) -> tuple[float, float, float]:
    """Seconds to index the corpus into a new archive, to index it again unchanged (read and
    hashed, not extracted), and to check it against the archive."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "archive.sqlite")
        index = [sys.executable, "-m", "factcheck", "index", str(corpus), "--db", db]
        first, again = timed(index)[0], timed(index)[0]
        against = timed([sys.executable, "-m", "factcheck", "check", "--format", "json", "--no-cache", str(corpus),
                         "--against", db])[0]
    return first, again, against


CHANGES = 10  # files edited between the two runs of the incremental benchmark


def incremental(count: int, folder: Path) -> None:
    """A repository of ``count`` small articles checked once with an empty result cache,
    then again after CHANGES of them were edited: the second run is what CI waits for."""
    size = build(folder, 0, seed=11, files=count)
    cache = folder.parent / f"{folder.name}-cache"  # a cache folder of its own, emptied first
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    exe = [sys.executable, "-m", "factcheck", "check"]  # as typed: the terminal report (to a CI log)
    timed(exe + ["--no-cache", str(SAMPLES[0])], env)  # the trimmed dictionary, not the run, is built here
    first, _, first_peak = timed(exe + [str(folder)], env)
    articles = sorted(folder.glob("*.txt"))

    def edit(job: int) -> None:
        for k in range(CHANGES):
            path = articles[(k * len(articles)) // CHANGES]
            path.write_text(path.read_text(encoding="utf-8") + f"\n\n全年新增就业{k + 1}{job}{k}27人。\n",
                            encoding="utf-8")

    edit(0)
    second, _, second_peak = timed(exe + [str(folder)], env)
    unchanged = timed(exe + [str(folder)], env)[0]
    as_json = timed(exe + ["--format", "json", str(folder)], env)[0]
    # a CI job's checkout: the same paths, but every file new to the stat cache (its inode and
    # times), so each is read again for its content hash; 10 of them changed since the last job
    fresh_copy(folder)
    edit(1)
    checkout = timed(exe + [str(folder)], env)[0]
    print(f"incremental: {count} articles, {size / 1e6:.0f} MB, {default_jobs()} cores, as typed: first run {first:.1f} s "
          f"(fills the result cache); after {CHANGES} files changed {second:.1f} s (target: under 20 s for 50,000); "
          f"nothing changed {unchanged:.1f} s ({as_json:.1f} s with --format json); a fresh checkout (every file "
          f"read again) with {CHANGES} changed {checkout:.1f} s; peak memory (largest process) "
          f"{first_peak:.0f} MB in the first run ({first_peak / (size / 1e6):.1f} MB per MB of text), "
          f"{second_peak:.0f} MB after the change")


def fresh_copy(folder: Path) -> None:
    """Replace ``folder`` by a copy of itself, as a new checkout would lay it."""
    old = folder.with_name(folder.name + "-old")
    shutil.rmtree(old, ignore_errors=True)
    folder.rename(old)
    shutil.copytree(old, folder)
    shutil.rmtree(old)


def render_share(corpus: Path) -> tuple[float, float]:
    """Seconds to check the corpus and to render its terminal report (the default number
    of workers, no cache), in this process."""
    import io

    from rich.console import Console

    from factcheck import check
    from factcheck.report import render

    start = time.perf_counter()
    report = check([str(corpus)], jobs=default_jobs(), cache=False)
    checked = time.perf_counter()
    render(report, "terminal", Console(file=io.StringIO(), width=100, highlight=False, soft_wrap=False),
           jobs=default_jobs())
    return checked - start, time.perf_counter() - checked


if __name__ == "__main__":
    main()
