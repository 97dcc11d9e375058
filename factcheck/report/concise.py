"""One line per finding, ``path:line:col: CODE [severity] message``: for grep, editors'
problem matchers and quick looks. Line breaks inside a message become spaces."""
from __future__ import annotations


def quote(text: str, limit: int = 60) -> str:
    """A quotation of report text on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def line(d) -> str:
    s = d.span
    message = " ".join(d.message.split())
    return f"{s.path}:{s.line}:{s.column}: {d.code} [{d.severity.label}] {message}"


def render(report) -> str:
    return "\n".join(line(d) for d in report.diagnostics)
