"""Formatters: a Report in, text out. One module per format."""
from __future__ import annotations

FORMATS = ("terminal", "json")


def render(report, fmt: str, console=None) -> str | None:
    """JSON returns its text; the terminal format prints to ``console``."""
    if fmt == "json":
        from .json import render as render_json

        return render_json(report)
    from .terminal import render as render_terminal

    render_terminal(report, console)
    return None
