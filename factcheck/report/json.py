"""The JSON contract, schema ``factcheck/v1`` (see DESIGN.md and schemas/check-v1.json)."""
from __future__ import annotations

import json

from ..rules import Severity

SCHEMA = "factcheck/v1"
FIGURES_SCHEMA = "factcheck-figures/v2"


def diagnostic_dict(d) -> dict:
    return {
        "rule": d.code, "name": d.name, "severity": d.severity.label, "message": d.message,
        **d.span.to_dict(),
        "suggestion": d.suggestion,
        "related": [r.to_dict() for r in d.related],
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
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2)


def render_figures(documents, figures) -> str:
    rows = [f.to_dict(doc) for doc in documents for f in figures[doc.path]]
    return json.dumps({"schema": FIGURES_SCHEMA, "figures": rows}, ensure_ascii=False, indent=2)

