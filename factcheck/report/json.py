"""The JSON contract, schema ``factcheck/v1`` (see DESIGN.md and schemas/check-v1.json)."""
from __future__ import annotations

import json

import orjson

from ..rules import Severity

SCHEMA = "factcheck/v1"
FIGURES_SCHEMA = "factcheck-figures/v2"


def diagnostic_dict(d) -> dict:
    return {
        "rule": d.code, "name": d.name, "severity": d.severity.label, "message": d.message,
        **d.span.to_dict(),
        "suggestion": d.suggestion,
        "related": [r.to_dict() for r in d.related],
        "confidence": d.confidence, "evidence": d.evidence.value,
    }


def report_dict(report) -> dict:
    return {
        "schema": SCHEMA,
        "files": [{"path": d.path, "encoding": d.encoding, "chars": d.chars} for d in report.documents],
        "stories": [{"files": s.paths, "similarity": s.similarity} for s in report.stories],
        "diagnostics": [diagnostic_dict(d) for d in report.diagnostics],
        "summary": {"files": len(report.documents) + len(report.read_errors),
                    **{s.label: report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}},
    }


def render(report) -> str:
    return dumps(report_dict(report))


def dumps(value) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, written by orjson: the standard
    library writes indented JSON in pure Python, ten times as slowly, and a report of 50,000
    files holds over 100,000 findings. orjson writes a float in its shortest form (0.00001
    for 1e-05, the same number) and NaN or infinity, which JSON lacks, as null. What it
    refuses, an integer beyond 64 bits (a figure's value of a hundred digits), the standard
    library writes."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, indent=2)


def render_figures(documents, figures) -> str:
    from ..keys import key

    rows = []
    for doc in documents:
        for f in figures[doc.path]:
            row, k = f.to_dict(doc), key(f)
            row["key"] = None if k is None else {"place": k.place, "metric": k.metric, "period": k.period,
                                                 "cumulative": k.cumulative}
            rows.append(row)
    return dumps({"schema": FIGURES_SCHEMA, "figures": rows})

