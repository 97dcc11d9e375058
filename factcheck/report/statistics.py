"""``--statistics``: how many findings each rule made, most first, instead of the findings.

JSON: schema ``factcheck-statistics/v1`` (schemas/statistics-v1.json)."""
from __future__ import annotations

from collections import Counter

SCHEMA = "factcheck-statistics/v1"


def counts(report) -> list[tuple[str, str, int]]:
    by_rule = Counter((d.code, d.name) for d in report.diagnostics)
    return sorted(((code, name, n) for (code, name), n in by_rule.items()), key=lambda t: (-t[2], t[0]))


def render(report, fmt: str = "terminal") -> str:
    rows = counts(report)
    if fmt == "json":
        from .json import dumps, report_dict

        return dumps({"schema": SCHEMA,
                           "statistics": [{"rule": code, "name": name, "count": n} for code, name, n in rows],
                           "summary": report_dict(report)["summary"]})
    width = max([len(str(n)) for _c, _n, n in rows] + [1])
    return "\n".join(f"{n:>{width}}  {code}  {name}" for code, name, n in rows)
