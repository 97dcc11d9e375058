"""Inline suppressions: an editor marks a finding that is not a fault, in the file itself.

    <!-- factcheck: ignore merged-figures -->        the next paragraph (or, at the end of a
                                                    line of text, that line)
    <!-- factcheck: ignore-file mixed-script, C1 -->  the whole file

Rules are named by code, code prefix or name, as in ``--ignore``. The marker is an HTML
comment, so Markdown renders nothing and a text file reads it as a note; it names a
paragraph, not a line number, so it survives edits around it. ``E001 unreadable-file``
is never suppressed. With ``--report-unused-ignores`` a marker that suppressed nothing
is reported (E003), so that stale ones get removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document, Span
from .rules import ALWAYS_ON, Diagnostic, Severity

UNUSED_CODE, UNUSED_NAME = "E003", "unused-ignore"
MARKER = re.compile(r"<!--\s*factcheck:\s*(?P<kind>ignore-file|ignore)\s+(?P<keys>[\w\-, ]+?)\s*-->")


@dataclass
class Suppression:
    span: Span
    keys: list[str]
    first_line: int
    last_line: int  # inclusive; the whole file for ignore-file
    used: bool = field(default=False)

    def covers(self, d: Diagnostic) -> bool:
        if d.code in ALWAYS_ON or not (self.first_line <= d.span.line <= self.last_line):
            return False
        return any(d.name == k or d.code.upper().startswith(k.upper()) for k in self.keys)


def markers(doc: Document) -> list[Suppression]:
    """The suppressions written in a document's original text."""
    if "factcheck" not in doc.text:
        return []
    lines = doc.text.split("\n")
    found = []
    for m in MARKER.finditer(doc.text):
        span = doc.original_span(*m.span())
        keys = [k.strip() for k in m.group("keys").split(",") if k.strip()]
        if m.group("kind") == "ignore-file":
            found.append(Suppression(span, keys, 1, len(lines)))
            continue
        line = span.line
        alone = not (lines[line - 1][:span.column - 1] + lines[line - 1][span.end_column - 1:]).strip()
        target = line
        if alone:  # the marker on a line of its own: the next paragraph
            target = next((i for i in range(line + 1, len(lines) + 1) if lines[i - 1].strip()), line)
        found.append(Suppression(span, keys, line, target))
    return found


def apply(diagnostics: list[Diagnostic], documents: list[Document], report_unused: bool = False) -> list[Diagnostic]:
    """The findings no marker suppresses, plus (``report_unused``) one E003 per unused marker."""
    from .i18n import _

    by_path = {d.path: markers(d) for d in documents}
    if not any(by_path.values()):
        return diagnostics
    kept = []
    for d in diagnostics:
        hits = [s for s in by_path.get(d.span.path, ()) if s.covers(d)]
        for s in hits:
            s.used = True
        if not hits:
            kept.append(d)
    if report_unused:
        for found in by_path.values():
            for s in found:
                if not s.used:
                    kept.append(Diagnostic(UNUSED_CODE, UNUSED_NAME, Severity.WARNING, _(
                        "忽略标记没有压下任何问题（{keys}），可以删去").format(keys=", ".join(s.keys)), s.span))
    return kept
