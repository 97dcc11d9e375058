"""Formatters: a Report in, text out. One module per format.

``terminal`` prints to a rich Console (for people); every other format returns
its text (for machines and CI): ``json`` (the factcheck/v1 contract), ``sarif``
(SARIF 2.1.0, for code scanning), ``github`` (workflow-command annotations),
``junit`` (JUnit XML) and ``concise`` (one ``path:line:col:`` line per finding).
"""
from __future__ import annotations

from importlib import import_module

from ..i18n import _
from ..rules import Severity

FORMATS = ("terminal", "json", "sarif", "github", "junit", "concise", "html")
# Read by programs: their messages stay in Chinese whatever the locale, unless --lang is given.
MACHINE_FORMATS = ("json", "sarif", "github", "junit")
MAX_EVIDENCE = 5  # related places a report read by people lists (a passage may stand forty times)


def listed_evidence(d) -> tuple[tuple, str | None]:
    """The related places the terminal, HTML and GitHub reports list for a finding, and the
    line that says how many more the JSON, SARIF and JUnit reports hold (or None)."""
    left = len(d.related) - MAX_EVIDENCE
    return d.related[:MAX_EVIDENCE], _("……另有{n}处（JSON 报告列出全部）").format(n=left) if left > 0 else None


def render(report, fmt: str, console=None, *, fail_on: Severity = Severity.ERROR,
           verbose: bool = False, jobs: int = 1) -> str | None:
    """The report in ``fmt``: the text, or None for ``terminal``, which prints to ``console``
    (``verbose``: every story's whole table, not only the copies that disagree; ``jobs``:
    processes that may make a long one side by side)."""
    if fmt == "terminal":
        from .terminal import render as render_terminal

        render_terminal(report, console, verbose=verbose, jobs=jobs)
        return None
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = import_module(f".{fmt}", __name__)
    if fmt == "junit":
        return module.render(report, fail_on=fail_on)
    return module.render(report)
