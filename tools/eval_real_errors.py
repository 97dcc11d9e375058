#!/usr/bin/env python3
"""Real published errors (tools/real-errors.jsonl): which ones factcheck reports.

    python tools/eval_real_errors.py [--show] [--cases FILE]

A second batch (tools/real-errors-2.jsonl, collected in stop 34 from correction notices,
reader letters and error reviews) is split by its ids: the even ones were read while rules were
written, the odd ones are a held-out half, measured and never read (``--half read`` or ``held``).
A third (tools/real-errors-3.jsonl, collected in stop 35 from correction notices, error reviews
and garbled reposts, two thirds of them about figures) is split the same way.

Each case is a text as published with a figure, unit or word wrong (collected in stop 31 from
correction notices, news-award reviews and reposts, each with its source; the kinds and the
error are described in English). It is checked alone, and, where the corrected text is known,
as two copies of one story. A case counts as reported when an error or a warning falls on the
published text (any, not only one on the wrong figure: --show tells which). The set was read while the
rules were written, so its figures are no held-out measure: they say which kinds of real errors
the rules reach at all.
"""
import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from factcheck import check  # noqa: E402
from factcheck.rules import Severity  # noqa: E402

CASES = Path(__file__).resolve().parent / "real-errors.jsonl"


def findings(texts: list[str]) -> list:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts):
            path = Path(folder) / f"copy{i}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            paths.append(str(path))
        report = check(paths, cache=False, stories=[paths] if len(paths) > 1 else ())
        return [d for d in report.diagnostics if d.span.path == paths[0] and d.severity >= Severity.WARNING]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print each case's findings")
    ap.add_argument("--cases", type=Path, default=CASES, help="another file of cases in the same form")
    ap.add_argument("--half", choices=("read", "held"), help="only the even (read) or odd (held-out) ids")
    args = ap.parse_args()
    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.half:
        cases = [c for c in cases if int(c["id"][1:]) % 2 == (0 if args.half == "read" else 1)]
    alone, paired, kinds = Counter(), Counter(), Counter()
    for case in cases:
        kinds[case["kind"]] += 1
        found = findings([case["published"]])
        if found:
            alone[case["kind"]] += 1
        both = found
        if case.get("corrected") and case["corrected"] != case["published"]:
            both = findings([case["published"], case["corrected"]])
            if both:
                paired[case["kind"]] += 1
        if args.show:
            print(case["id"], case["kind"], [(d.name, d.message) for d in found],
                  "| with its copy:", [(d.name, d.message) for d in both])
    print(f"{'kind':<18}{'cases':>6}{'alone':>7}{'with copy':>11}")
    for kind, n in kinds.most_common():
        print(f"{kind:<18}{n:>6}{alone[kind]:>7}{paired[kind]:>11}")
    print(f"{'all':<18}{sum(kinds.values()):>6}{sum(alone.values()):>7}{sum(paired.values()):>11}")


if __name__ == "__main__":
    main()
