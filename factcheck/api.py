"""The library face: ``check(...)`` takes paths or Documents and returns a Report.

The command line is a thin shell around this function, so a CMS plugin or a
notebook gets exactly what ``factcheck check`` prints.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from . import gazetteer
from .config import Config
from .document import Document
from .figures import Figure
from .readers import ReadError, expand, path_name
from .rules import Diagnostic, Rule, Severity, load_rules, select_rules
from .stories import Story

if TYPE_CHECKING:
    from pathlib import Path

    from .archive import Archive
    from .results import ResultCache


@dataclass
class Report:
    documents: list[Document]
    figures: Mapping[str, list[Figure]]  # extracted on first use where a worker or the cache checked the file
    stories: list[Story]
    diagnostics: list[Diagnostic]
    read_errors: list[ReadError] = field(default_factory=list)
    rules: list[type[Rule]] = field(default_factory=list)
    cache_path: Path | None = None  # the result cache the run used, where the terminal report keeps its text

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def fails(self, threshold: Severity) -> bool:
        return any(d.severity >= threshold for d in self.diagnostics)


def check(inputs: Iterable[str | Document | ReadError], *, config: Config | None = None,
          stories: Iterable[Iterable[str]] = (), rules: list[type[Rule]] | None = None,
          progress: Callable[[str, int, int], None] | None = None, report_unused_ignores: bool = False,
          jobs: int = 1, cache: "bool | ResultCache | None" = None, archive: "Archive | None" = None,
          quotes: bool = True) -> Report:
    """Lint paths (files or directories) and/or Documents (a ReadError given is
    reported as an unreadable file).

    ``stories`` names groups of paths that are copies of one story, in addition
    to the copies found automatically. ``rules`` defaults to every installed
    rule, filtered by ``config.select``/``config.ignore``; a rule package that
    fails to load is skipped with a RuntimeWarning. ``progress(stage, done, total)``, if
    given, is called as documents are read into figures ("figures") and as rules run ("rules").
    Inline ``<!-- factcheck: ignore RULE -->`` markers suppress findings (``factcheck.suppress``);
    ``report_unused_ignores`` reports each marker that suppressed nothing (E003).
    ``jobs`` worker processes check many files (``factcheck.engine``; the report is the
    same whatever the number); ``cache`` (True: the user's cache folder, or a ResultCache)
    keeps findings and fingerprints between runs, so unchanged files are not checked again.
    ``archive`` (``factcheck.archive.Archive``) is the store of published figures that
    X102 archive-conflict compares the documents with. ``quotes=False`` (a report that
    quotes no text: JSON, SARIF …) spares the workers and the cache the stories' tables and
    the lines findings are on, which the terminal report prints.
    """
    from . import engine
    from .i18n import language
    from .results import ResultCache, stamp

    config = config or Config()
    gazetteer.use_extra(config.gazetteer)
    given = list(inputs)
    paths = [p for p in given if isinstance(p, str)]
    errors: list[ReadError] = []
    files = expand(paths, errors) if paths else []
    documents = [d for d in given if isinstance(d, Document)]
    late_errors = [e for e in given if isinstance(e, ReadError)]  # e.g. standard input that did not decode
    if rules is None:
        loaded = load_rules()
        for problem in loaded.problems:  # a broken plugin is skipped, not silently
            warnings.warn(str(problem), RuntimeWarning, stacklevel=2)
        rules = select_rules(loaded, config.select, config.ignore)
    own_cache = cache is True
    if own_cache:
        cache = ResultCache.default()
    cache = cache or None
    settings = engine.Settings(rules, config, report_unused_ignores, language(), quotes=quotes)
    if cache is not None:
        cache.adopt(stamp([]))
        settings.stamp, settings.cache_path = stamp(rules), cache.path if cache.db is not None else None
    explicit = [[path_name(p) for p in s] for s in stories]  # documents go by path_name
    try:
        outcome = engine.run(files, documents, errors + late_errors, settings, explicit, cache, max(1, jobs), progress,
                             late_errors=len(late_errors), archive=archive)
        # (a cache that failed during the run has said so once: the report does not try it again)
        usable = cache.path if cache is not None and cache.db is not None else None
    finally:
        if own_cache and cache is not None:
            cache.close()
    return Report(outcome.documents, outcome.figures, outcome.stories, outcome.diagnostics,
                  outcome.read_errors, rules, usable)
