"""factcheck: a fact-consistency checker and data-quality linter for Chinese news reports.

    >>> import factcheck
    >>> report = factcheck.check(["samples/"])
    >>> [d.name for d in report.diagnostics]

See ``factcheck.api.check`` for the options.
"""
__version__ = "0.1.0"

from .api import Report, check  # noqa: E402
from .document import Document, Span  # noqa: E402
from .rules import Diagnostic, Related, Rule, Scope, Severity  # noqa: E402

__all__ = ["check", "Report", "Document", "Span", "Diagnostic", "Related", "Rule", "Scope", "Severity"]
