"""The JSON contract, schema ``factcheck/v1`` (see DESIGN.md and schemas/check-v1.json)."""
from __future__ import annotations

import json
from json.encoder import encode_basestring

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


def dumps(value, indent: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` for the report's plain values
    (dicts, lists, strings, numbers, booleans, None), in one recursive pass: the standard
    library writes indented JSON in pure Python, twice as slowly, and a report of 50,000
    files holds over 100,000 findings."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        return ("{" + inner + ("," + inner).join(f"{dumps(str(k))}: {dumps(v, inner)}" for k, v in value.items())
                + indent + "}")
    if not value:
        return "[]"
    return "[" + inner + ("," + inner).join(dumps(v, inner) for v in value) + indent + "]"


def render_figures(documents, figures) -> str:
    from ..keys import key

    rows = []
    for doc in documents:
        for f in figures[doc.path]:
            row, k = f.to_dict(doc), key(f)
            row["key"] = None if k is None else {"place": k.place, "metric": k.metric, "period": k.period,
                                                 "cumulative": k.cumulative}
            rows.append(row)
    return json.dumps({"schema": FIGURES_SCHEMA, "figures": rows}, ensure_ascii=False, indent=2)

