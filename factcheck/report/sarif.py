"""SARIF 2.1.0, the format code scanning (GitHub, Azure DevOps, IDEs) reads.

One run; the driver lists every rule that ran, with its summary, explanation
and default level; each finding is a result pointing at the characters at
fault (columns count Unicode code points, as ``columnKind`` says), with the
other copy's text as ``relatedLocations`` and the suggestion as a ``fix``.
Paths under the current folder are relative to ``%SRCROOT%`` (the repository
root when run from there, as ``upload-sarif`` expects).
"""
from __future__ import annotations

import hashlib

from .. import __version__
from ..i18n import _, language
from ..rules import RULE_ERROR_CODE, RULE_ERROR_NAME, Scope, Severity
from .json import dumps
from .paths import relative, srcroot, uri

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
BASE = "%SRCROOT%"


def _engine_rule() -> dict:
    return {"code": RULE_ERROR_CODE, "name": RULE_ERROR_NAME, "severity": Severity.ERROR,
            "scope": Scope.DOCUMENT,
            "summary": _("某条规则检查文件时出错"),
            "explanation": _("规则在检查某个文件时出错，该文件未经该规则检查。其他规则和文件照常检查。请报告这个问题。")}


def _descriptor(code, name, severity, scope, summary, explanation) -> dict:
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": explanation},
        "help": {"text": explanation},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"tags": ["factcheck", scope.value],
                       "problem.severity": {"error": "error", "warning": "warning"}.get(severity.label, "recommendation")},
    }


def _artifact_location(path: str, index: int | None = None) -> dict:
    ref, relative = uri(path)
    loc = {"uri": ref}
    if relative:
        loc["uriBaseId"] = BASE
    if index is not None:
        loc["index"] = index
    return loc


def _region(span) -> dict:
    region = {"startLine": max(1, span.line), "startColumn": max(1, span.column)}
    if span.end > span.start:
        region.update(endLine=span.end_line, endColumn=span.end_column,
                      charOffset=span.start, charLength=span.end - span.start,
                      snippet={"text": span.text})
    return region


def _physical(span, index: int | None) -> dict:
    return {"artifactLocation": _artifact_location(span.path, index), "region": _region(span)}


def _fingerprint(d, seen: dict) -> str:
    """Stable across runs, line moves and --lang: the rule, the file, the text at fault
    and which occurrence of that text it is (two equal garbles in a file are two alerts)."""
    key = (d.code, relative(d.span.path), d.span.text)
    seen[key] = n = seen.get(key, 0) + 1
    data = "\x1f".join((*key, str(n)))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _result(d, rule_index: dict[str, int], artifact_index: dict[str, int], seen: dict) -> dict:
    result = {
        "ruleId": d.code,
        "ruleIndex": rule_index[d.code],
        "level": LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": _physical(d.span, artifact_index.get(d.span.path))}],
        "partialFingerprints": {"factcheck/v1": _fingerprint(d, seen)},
        "properties": {"name": d.name, "severity": d.severity.label, "confidence": d.confidence,
                       "evidence": d.evidence.value},
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(r.span, artifact_index.get(r.span.path)),
             "message": {"text": f"{r.message} “{r.span.text}”" if r.message else f"“{r.span.text}”"}}
            for i, r in enumerate(d.related, 1)]
    if d.suggestion is not None:
        result["properties"]["suggestion"] = d.suggestion
        if d.span.end > d.span.start:
            result["fixes"] = [{
                "description": {"text": _("建议：") + d.suggestion},
                "artifactChanges": [{
                    "artifactLocation": _artifact_location(d.span.path, artifact_index.get(d.span.path)),
                    "replacements": [{"deletedRegion": _region(d.span),
                                      "insertedContent": {"text": d.suggestion}}],
                }],
            }]
    return result


def sarif_dict(report) -> dict:
    rules = [_descriptor(r.code, r.name, r.severity, r.scope, _(r.summary), _(r.explanation).strip())
             for r in report.rules]
    codes = {r["id"] for r in rules}
    for d in report.diagnostics:  # the engine's own code, and any code not in the rules that ran
        if d.code not in codes:
            codes.add(d.code)
            engine = _engine_rule() if d.code == RULE_ERROR_CODE else {
                "code": d.code, "name": d.name, "severity": d.severity, "scope": Scope.DOCUMENT,
                "summary": d.name, "explanation": d.name}
            rules.append(_descriptor(engine["code"], engine["name"], engine["severity"], engine["scope"],
                                     engine["summary"], engine["explanation"]))
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    artifacts, artifact_index = [], {}
    for doc in report.documents:
        artifact_index[doc.path] = len(artifacts)
        artifacts.append({"location": _artifact_location(doc.path), "encoding": doc.encoding,
                          "properties": {"chars": doc.chars}})
    for error in report.read_errors:
        if error.path not in artifact_index:
            artifact_index[error.path] = len(artifacts)
            artifacts.append({"location": _artifact_location(error.path)})
    seen: dict = {}
    run = {
        "tool": {"driver": {"name": "factcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "originalUriBaseIds": {BASE: {"uri": srcroot()}},
        "artifacts": artifacts,
        "results": [_result(d, rule_index, artifact_index, seen) for d in report.diagnostics],
        "invocations": [{"executionSuccessful": True}],
        "columnKind": "unicodeCodePoints",
        "language": "en-US" if language() == "en" else "zh-CN",
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report) -> str:
    return dumps(sarif_dict(report))
