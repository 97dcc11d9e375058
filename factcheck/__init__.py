"""factcheck: a fact-consistency checker and data-quality linter for Chinese news reports.

    >>> import factcheck
    >>> report = factcheck.check(["samples/"])
    >>> [d.name for d in report.diagnostics]

See ``factcheck.api.check`` for the options.
"""
__version__ = "0.1.0"

__all__ = ["check", "Report", "Document", "Span", "Diagnostic", "Related", "Rule", "Scope", "Severity"]

# Imported on first use, so that the console entry point (factcheck.entry) loads
# nothing heavy before it can turn a Ctrl-C or an internal error into an exit code.
_HOMES = {"check": "api", "Report": "api", "Document": "document", "Span": "document",
          "Diagnostic": "rules", "Related": "rules", "Rule": "rules", "Scope": "rules", "Severity": "rules"}


def __getattr__(name: str):
    if name in _HOMES:
        import importlib

        value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
