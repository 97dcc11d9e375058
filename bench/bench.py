"""Throughput and memory of `factcheck check` end to end, against DESIGN.md's budget
(at least 2 MB of text per second per process; one article well under a second).

    python bench/bench.py            # builds bench/corpus/ (about 5 MB) and measures
    python bench/bench.py --mb 20

The corpus is made from samples/: each file is 20 to 60 sentences drawn from
all the samples, with their figures re-drawn and their ordinary characters
enciphered (a per-file permutation that spares numerals, units and the words
the rules key on), so that files are as distinct as a news desk's articles
while figures stay as dense as in real reports; one file in ten is a second
copy of the one before it, with half-width punctuation and lines hard-wrapped
like a PDF, so that stories form.
"""
from __future__ import annotations

import argparse
import importlib.util
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def build(folder: Path, megabytes: float, seed: int = 7) -> int:
    rng = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    sentences = list(dict.fromkeys(s for t in texts for s in re.findall(r"[^。！？\n]+[。！？]", t)))
    alphabet = sorted({c for t in texts for c in t if "\u4e00" <= c <= "\u9fff"} - KEPT - TRADITIONAL)
    total, i, previous = 0, 0, ""
    while total < megabytes * 1e6:
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


def timed(args: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"factcheck failed ({result.returncode}): {result.stderr}")
    return elapsed, result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command on the corpus (median)")
    args = parser.parse_args()
    size = build(args.corpus, args.mb)
    files = len(list(args.corpus.glob("*.txt")))
    exe = [sys.executable, "-m", "factcheck", "check", "--format", "json"]
    single, _ = timed(exe + [str(SAMPLES[0])])
    runs, yardstick = [], []
    for _ in range(args.runs):  # factcheck and autocorrect-py in turn, so that drift hits both alike
        runs.append(timed(exe + [str(args.corpus)])[0])
        if HAVE_AUTOCORRECT:
            yardstick.append(timed([sys.executable, "-c", AUTOCORRECT_LINT, str(args.corpus)])[0])
    elapsed = statistics.median(runs)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"corpus: {files} files, {size / 1e6:.2f} MB")
    print(f"one article ({SAMPLES[0].name}, {SAMPLES[0].stat().st_size} bytes): {single:.2f} s including start-up")
    print(f"corpus: {elapsed:.1f} s (median of {len(runs)}), {size / 1e6 / elapsed:.2f} MB/s (budget: >= 2 MB/s)")
    if yardstick:
        other = statistics.median(yardstick)
        print(f"autocorrect-py lint of the same corpus, in turn: {other:.1f} s, {size / 1e6 / other:.2f} MB/s; "
              f"factcheck's throughput is {other / elapsed:.2f}x autocorrect-py's")
    else:
        print("autocorrect-py: not installed here (pip install autocorrect-py), no comparison")
    print(f"peak memory of one factcheck process: {peak_mb:.0f} MB")
    first, again, against = archive_timings(args.corpus)
    print(f"factcheck index of the corpus into a SQLite archive: {first:.1f} s ({size / 1e6 / first:.2f} MB/s); "
          f"again, nothing changed: {again:.1f} s; check --against it: {against:.1f} s (without: {elapsed:.1f} s)")
    checking, rendering = render_share(args.corpus)
    print(f"terminal report of the {files} files: {rendering:.2f} s of {checking + rendering:.2f} s "
          f"({rendering / (checking + rendering):.0%} of the run; budget: under 10%)")


def archive_timings(corpus: Path) -> tuple[float, float, float]:
    """Seconds to index the corpus into a new archive, to index it again unchanged (read and
    hashed, not extracted), and to check it against the archive."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "archive.sqlite")
        index = [sys.executable, "-m", "factcheck", "index", str(corpus), "--db", db]
        first, again = timed(index)[0], timed(index)[0]
        against = timed([sys.executable, "-m", "factcheck", "check", "--format", "json", str(corpus),
                         "--against", db])[0]
    return first, again, against


def render_share(corpus: Path) -> tuple[float, float]:
    """Seconds to check the corpus and to render its terminal report, in this process."""
    import io

    from rich.console import Console

    from factcheck import check
    from factcheck.report import render

    start = time.perf_counter()
    report = check([str(corpus)])
    checked = time.perf_counter()
    render(report, "terminal", Console(file=io.StringIO(), width=100, highlight=False, soft_wrap=False))
    return checked - start, time.perf_counter() - checked


if __name__ == "__main__":
    main()
