"""The library face: ``check(...)`` takes paths or Documents and returns a Report.

The command line is a thin shell around this function, so a CMS plugin or a
notebook gets exactly what ``factcheck check`` prints.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Iterable

from .config import Config
from .document import Document
from .figures import Figure, extract
from .readers import ReadError, read_paths
from .rules import Context, Diagnostic, Rule, Severity, load_rules, select_rules
from .stories import Story, align_story, group


@dataclass
class Report:
    documents: list[Document]
    figures: dict[str, list[Figure]]
    stories: list[Story]
    diagnostics: list[Diagnostic]
    read_errors: list[ReadError] = field(default_factory=list)
    rules: list[type[Rule]] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def fails(self, threshold: Severity) -> bool:
        return any(d.severity >= threshold for d in self.diagnostics)


def check(inputs: Iterable[str | Document | ReadError], *, config: Config | None = None,
          stories: Iterable[Iterable[str]] = (), rules: list[type[Rule]] | None = None) -> Report:
    """Lint paths (files or directories) and/or Documents (a ReadError given is
    reported as an unreadable file).

    ``stories`` names groups of paths that are copies of one story, in addition
    to the copies found automatically. ``rules`` defaults to every installed
    rule, filtered by ``config.select``/``config.ignore``; a rule package that
    fails to load is skipped with a RuntimeWarning.
    """
    config = config or Config()
    given = list(inputs)
    paths = [p for p in given if isinstance(p, str)]
    documents, errors = read_paths(paths) if paths else ([], [])
    documents += [d for d in given if isinstance(d, Document)]
    errors += [e for e in given if isinstance(e, ReadError)]  # e.g. standard input that did not decode
    if rules is None:
        loaded = load_rules()
        for problem in loaded.problems:  # a broken plugin is skipped, not silently
            warnings.warn(str(problem), RuntimeWarning, stacklevel=2)
        rules = select_rules(loaded, config.select, config.ignore)
    figures = {doc.path: extract(doc) for doc in documents}
    grouped = [align_story(s, figures) for s in group(documents, [list(s) for s in stories])]
    ctx = Context(documents, figures, grouped, errors)
    diagnostics = [d for rule in rules for d in rule().run(ctx)]
    diagnostics = config.apply(diagnostics)
    diagnostics.sort(key=Diagnostic.sort_key)
    return Report(documents, figures, grouped, diagnostics, errors, rules)
