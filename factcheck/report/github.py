"""GitHub Actions workflow commands: one annotation per finding.

``::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE name::message``.
GitHub reads the message up to the end of the line, so ``%``, ``\\r`` and ``\\n``
are escaped in it; in the properties ``,`` and ``:`` are escaped too, since they
separate them. Columns are given only when the span is on one line (annotations
support no other), and count characters, one past the last like ``end_column``.
"""
from __future__ import annotations

from ..i18n import _
from . import listed_evidence
from ..rules import Severity
from .concise import quote
from .paths import relative

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d) -> str:
    span = d.span
    props = [("file", relative(span.path)), ("line", str(span.line))]
    if span.end > span.start:
        if span.end_line == span.line:
            props += [("col", str(span.column)), ("endLine", str(span.end_line)),
                      ("endColumn", str(span.end_column))]
        else:
            props += [("endLine", str(span.end_line))]
    props.append(("title", f"{d.code} {d.name}"))
    message = d.message
    if d.suggestion is not None:
        message += "\n" + _("建议：") + d.suggestion
    listed, more = listed_evidence(d)
    for r in listed:
        s = r.span
        message += f"\n{relative(s.path)}:{s.line}:{s.column} {r.message} “{quote(s.text)}”"
    if more:
        message += "\n" + more
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[d.severity]} {head}::{escape_data(message)}"


def render(report) -> str:
    return "\n".join(annotation(d) for d in report.diagnostics)
