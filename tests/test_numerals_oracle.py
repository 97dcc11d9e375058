"""Numeral accuracy per category, against peers' published test cases and hand-written ones.

Each file in tests/data/numerals/ names its source in a header comment. A line is
``category <TAB> input <TAB> expected [<TAB> note]``; expected lists the figures
scan() must find in the input, in order, separated by " ; ":

    -          no figure at all (a trap: 一律, 十三五, 京ICP备12345678号)
    12000      one figure of that value (base units: 1.2万 -> 12000)
    25%        the same, written as a percent (% 百分之 成)
    ord:18     an ordinal (第一, 十八大)
    6e8..7e8   low and high of a range or hedge; either end may be left out (500..)

An input that is one numeral alone (二, 拾, 一一) may instead pass through parse_numeral:
in running text scan wants a classifier after a lone Chinese digit, as 一些 and 统一 are words.
Each category must reach THRESHOLD; the assertion lists every failing case.
`python tests/test_numerals_oracle.py` prints the table.
"""
from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

import pytest

from factcheck.numbers import Quantity, parse_numeral, scan

DATA = Path(__file__).resolve().parent / "data" / "numerals"
CATEGORIES = ["financial", "mixed", "separators", "negatives", "ranges", "approx", "fractions",
              "currency", "traditional", "percent", "basic", "traps"]
THRESHOLD = 0.95


def load_cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for path in sorted(DATA.glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            category, text, expected = line.split("\t")[:3]
            assert category in CATEGORIES, (path.name, n, category)
            cases.append((category, text, expected, f"{path.name}:{n}"))
    return cases


def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _matches(q: Quantity, want: str) -> bool:
    if want.startswith("ord:"):
        return q.ordinal and _close(q.value, float(want[4:]))
    if q.ordinal:
        return False
    if ".." in want:
        lo, hi = want.split("..")
        low = q.value if q.low is None else q.low
        return (not lo or _close(low, float(lo))) and (not hi or _close(q.high, float(hi)))
    if want.endswith("%"):
        pct = float(want[:-1])       # 千分之一 is 1‰ and 万分之三 the fraction 0.0003: 0.1% and 0.03%
        return (q.percent and _close(q.value, pct) or q.permille and _close(q.value / 10, pct)
                or q.fraction and _close(q.value * 100, pct))
    return _close(q.value, float(want))


def passes(text: str, expected: str) -> bool:
    got = scan(text)
    if expected.strip() == "-":
        return not got
    wants = [w.strip() for w in expected.split(";")]
    if len(got) == len(wants) and all(_matches(q, w) for q, w in zip(got, wants)):
        return True
    # A numeral alone (二, 十): scan wants a unit after a lone Chinese digit, an isolated one is parse_numeral's
    value = parse_numeral(text)
    return len(wants) == 1 and value is not None and "%" not in wants[0] and ".." not in wants[0] \
        and ":" not in wants[0] and _close(value, float(wants[0]))


def _show(text: str) -> str:
    return ", ".join(f"{q.text}={q.value:g}" + (f"[{q.low:g}..{q.high}]" if q.low is not None else "")
                     for q in scan(text)) or "nothing"


CASES = load_cases()


@pytest.mark.parametrize("category", CATEGORIES)
def test_category_accuracy(category):
    cases = [c for c in CASES if c[0] == category]
    assert len(cases) >= 10, f"{category}: only {len(cases)} cases"
    failures = [f"{where}: {text!r} wants {expected}, got {_show(text)}"
                for _, text, expected, where in cases if not passes(text, expected)]
    accuracy = 1 - len(failures) / len(cases)
    assert accuracy >= THRESHOLD, f"{category}: {accuracy:.3f} of {len(cases)}\n" + "\n".join(failures)


def test_every_source_is_named():
    for path in DATA.glob("*.tsv"):
        head = path.read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("# source:"), path.name


def accuracy_table() -> dict[str, tuple[int, int]]:
    """category -> (passed, total); `python tests/test_numerals_oracle.py` prints it."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for category, text, expected, _ in CASES:
        table[category][0] += passes(text, expected)
        table[category][1] += 1
    return {k: (v[0], v[1]) for k, v in table.items()}


if __name__ == "__main__":
    for category, (ok, total) in sorted(accuracy_table().items()):
        print(f"{category:12} {ok:4}/{total:<4} {ok / total:.3f}")
