#!/usr/bin/env python3
"""figure-mismatch on copies of figure-dense reports, laid out as PDF extraction and web
publishing lay them out (tests/layouts.py): false alarms on clean copies, and recall of one
retyped figure, by layout.

    python tools/eval_copies.py CORPUS_DIR [--min-density 8] [--retypes 5] [--seed 1]

Each *.txt report of CORPUS_DIR with at least --min-density figures (counts, amounts,
percentages written in digits) per 1,000 characters is copy A; copy B is A in each layout
alone and in all of them at once. Clean: A against B, any figure-mismatch on A is a false
alarm. Retyped: one digit of one figure of A changed (--retypes figures per report, drawn
with --seed); found when figure-mismatch reports exactly that figure of A.
"""
import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from layouts import LAYOUTS  # noqa: E402

from checks.copies import FigureMismatch  # noqa: E402
from factcheck import check  # noqa: E402
from factcheck.document import Document  # noqa: E402
from factcheck.figures import extract  # noqa: E402

KINDS = ("count", "amount", "percent")


def mismatches(a: str, b: str) -> list[tuple[int, int]]:
    report = check([Document.from_text("r.web.txt", a), Document.from_text("r.print.txt", b)],
                   rules=[FigureMismatch], stories=[["r.web.txt", "r.print.txt"]])
    return [(d.span.start, d.span.end) for d in report.diagnostics if d.span.path == "r.web.txt"]


def layouts_of(text: str, rng: random.Random):
    for layout in LAYOUTS:
        yield layout.__name__, layout(text, random.Random(rng.random()))
    every = text
    for layout in LAYOUTS:
        every = layout(every, random.Random(rng.random()))
    yield "all", every


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--min-density", type=float, default=8.0)
    ap.add_argument("--retypes", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    reports = clean_fp = 0
    found, tried = Counter(), Counter()
    for path in sorted(a.corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = Document.from_text("r.web.txt", text)
        figures = [doc.original_range(f.start, f.end) for f in extract(doc)
                   if f.kind in KINDS and len(f.digits) >= 2 and "\n" not in f.text]
        if len(figures) * 1000 / max(1, len(text)) < a.min_density:
            continue
        reports += 1
        picks = rng.sample(figures, min(a.retypes, len(figures)))
        for name, copy in layouts_of(text, rng):
            clean_fp += len(mismatches(text, copy))
            for start, end in picks:
                pos = rng.choice([k for k in range(start, end) if text[k].isdigit()])
                digit = rng.choice([d for d in "123456789" if d != text[pos]])
                retyped = text[:pos] + digit + text[pos + 1:]
                tried[name] += 1
                found[name] += (start, end) in mismatches(retyped, copy)
    print(f"{reports} figure-dense reports (>= {a.min_density:g} figures per 1,000 characters), "
          f"{len(LAYOUTS) + 1} layouts each")
    print(f"clean copies: {clean_fp} figure-mismatch false alarms")
    for name in [layout.__name__ for layout in LAYOUTS] + ["all"]:
        print(f"retyped figure found, layout {name:20} {found[name]}/{tried[name]} = "
              f"{found[name] / max(1, tried[name]):.2f}")


if __name__ == "__main__":
    main()
