"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure).

One ``testsuite`` per file; in it one ``testcase`` per rule that ran. A rule's
testcase fails when it found something at or above ``--fail-on`` in that file
(all its findings in the failure text); findings below the threshold go to
``system-out`` and the testcase passes. A file that could not be read has one
failing ``E001 unreadable-file`` testcase. Text from the reports is escaped by
the XML writer, and characters XML 1.0 cannot hold at all (control characters,
lone surrogates) are written as ``\\xNN`` / ``\\uNNNN``.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..i18n import _
from ..rules import RULE_ERROR_CODE, Severity
from .concise import line, quote

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    def escape(m: re.Match) -> str:
        c = ord(m.group(0))
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    return _NOT_XML.sub(escape, text)


def _details(diagnostics) -> str:
    out = []
    for d in diagnostics:
        out.append(line(d))
        if d.span.text:
            out.append("  “" + quote(d.span.text, 200) + "”")
        if d.suggestion is not None:
            out.append("  " + _("建议：") + d.suggestion)
        for r in d.related:
            s = r.span
            out.append(f"  {s.path}:{s.line}:{s.column} {r.message} “{quote(s.text, 200)}”")
    return "\n".join(out)


def _element(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: clean(str(v)) for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el


def junit_tree(report, fail_on: Severity = Severity.ERROR) -> ET.Element:
    by_file: dict[str, list] = {}
    for d in report.diagnostics:
        by_file.setdefault(d.span.path, []).append(d)
    unreadable = {e.path for e in report.read_errors}
    paths = list(dict.fromkeys([doc.path for doc in report.documents] + [e.path for e in report.read_errors]
                               + list(by_file)))
    rules = [(r.code, r.name) for r in report.rules]
    root = ET.Element("testsuites", name="factcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path in paths:
        found = by_file.get(path, [])
        cases = [("E001", "unreadable-file")] if path in unreadable else list(rules)
        for d in found:  # the engine's rule-error, or a code that is not among the rules
            if (d.code, d.name) not in cases:
                cases.append((d.code, d.name))
        suite = _element(root, "testsuite", name=path)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for code, name in cases:
            mine = [d for d in found if d.code == code]
            case = _element(suite, "testcase", name=f"{code} {name}", classname=path, file=path)
            counts["tests"] += 1
            failing = [d for d in mine if d.severity >= fail_on or code == "E001"]
            if code == RULE_ERROR_CODE and mine:
                counts["errors"] += 1
                _element(case, "error", _details(mine), message=mine[0].message, type=code)
            elif failing:
                counts["failures"] += 1
                _element(case, "failure", _details(mine), message=failing[0].message, type=code)
            elif mine:
                _element(case, "system-out", _details(mine))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render(report, fail_on: Severity = Severity.ERROR) -> str:
    root = junit_tree(report, fail_on)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
