"""The library face: ``check(...)`` takes paths or Documents and returns a Report.

The command line is a thin shell around this function, so a CMS plugin or a
notebook gets exactly what ``factcheck check`` prints.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from . import gazetteer, suppress
from .config import Config
from .document import Document, Span, forget_segments, sections
from .figures import Figure, extract
from .readers import ReadError, path_name, read_paths
from .rules import RULE_ERROR_CODE, RULE_ERROR_NAME, Context, Diagnostic, Rule, Severity, load_rules, select_rules
from .stories import Story, align_story, group

if TYPE_CHECKING:
    from .archive import Archive


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


def _figures(documents: list[Document], progress=None) -> tuple[dict[str, list[Figure]], list[Diagnostic]]:
    """Each document's figures. A document on which the figures stage fails gets no
    figures and one E002 finding; the text rules and the other files are still checked."""
    figures, failed = {}, []
    for done, doc in enumerate(documents, 1):
        if progress:
            progress("figures", done, len(documents))
        try:
            figures[doc.path] = extract(doc)
        except Exception as exc:  # a bug on one file must not stop the run (nor the CI job)
            figures[doc.path] = []
            failed.append(_stage_failure(doc, exc))
    return figures, failed


def _align(stories: list[Story], figures: dict[str, list[Figure]]) -> tuple[list[Story], list[Diagnostic]]:
    """Align each story's copies; a story whose alignment fails keeps the pairs done
    so far and gets one E002 finding on its first copy."""
    failed = []
    for story in stories:
        try:
            align_story(story, figures)
        except Exception as exc:
            failed.append(_stage_failure(story.documents[0], exc, "story"))
    return stories, failed


def _check_in_sections(doc: Document, size: int, rules: list[type[Rule]]) -> list[Diagnostic]:
    """The findings on a document too large to check whole (``section-size``): each section
    on its own, alone (no story, no copies), its figures and working data let go when done,
    so that memory stays that of one section whatever the size of the file."""
    found = []
    for section in sections(doc, size):
        figures, failed = _figures([section])
        ctx = Context([section], figures, [], [])
        for rule in rules:
            found += rule().run(ctx)
        found += failed
        del section, figures, ctx
        forget_segments()
    return found


def _stage_failure(doc: Document, exc: Exception, stage: str = "figures") -> Diagnostic:
    from .i18n import _

    text = (_("提取此文件的数字时出错（{error}），此文件的数字未经检查；请报告这个问题") if stage == "figures" else
            _("对照此报道的各版本时出错（{error}），各版本未经完整对照；请报告这个问题"))
    message = text.format(error=f"{type(exc).__name__}: {exc}")
    return Diagnostic(RULE_ERROR_CODE, RULE_ERROR_NAME, Severity.ERROR, message, Span(doc.path, 0, 0, "", 1, 1, 1, 1))


def check(inputs: Iterable[str | Document | ReadError], *, config: Config | None = None,
          stories: Iterable[Iterable[str]] = (), rules: list[type[Rule]] | None = None,
          progress: Callable[[str, int, int], None] | None = None, report_unused_ignores: bool = False,
          archive: "Archive | None" = None) -> Report:
    """Lint paths (files or directories) and/or Documents (a ReadError given is
    reported as an unreadable file).

    ``stories`` names groups of paths that are copies of one story, in addition
    to the copies found automatically. ``rules`` defaults to every installed
    rule, filtered by ``config.select``/``config.ignore``; a rule package that
    fails to load is skipped with a RuntimeWarning. ``progress(stage, done, total)``, if
    given, is called as documents are read into figures ("figures") and as rules run ("rules").
    Inline ``<!-- factcheck: ignore RULE -->`` markers suppress findings (``factcheck.suppress``);
    ``report_unused_ignores`` reports each marker that suppressed nothing (E003).
    ``archive`` (``factcheck.archive.Archive``) is the store of published figures that
    X102 archive-conflict compares the documents with.
    """
    config = config or Config()
    gazetteer.use_extra(config.gazetteer)
    given = list(inputs)
    paths = [p for p in given if isinstance(p, str)]
    documents, errors = read_paths(paths, config.max_file_size) if paths else ([], [])
    documents += [d for d in given if isinstance(d, Document)]
    errors += [e for e in given if isinstance(e, ReadError)]  # e.g. standard input that did not decode
    if rules is None:
        loaded = load_rules()
        for problem in loaded.problems:  # a broken plugin is skipped, not silently
            warnings.warn(str(problem), RuntimeWarning, stacklevel=2)
        rules = select_rules(loaded, config.select, config.ignore)
    large = [d for d in documents if len(d.norm) > config.section_size]
    ordinary = [d for d in documents if len(d.norm) <= config.section_size] if large else documents
    figures, failed = _figures(ordinary, progress)
    explicit = [[path_name(p) for p in s] for s in stories]  # documents go by path_name
    grouped, unaligned = _align(group(ordinary, explicit), figures)
    ctx = Context(ordinary, figures, grouped, errors, archive)
    diagnostics = []
    for done, rule in enumerate(rules, 1):
        if progress:
            progress("rules", done, len(rules))
        diagnostics += rule().run(ctx)
    diagnostics += failed + unaligned
    for doc in large:
        figures[doc.path] = []  # not kept: a section's figures go with it
        diagnostics += _check_in_sections(doc, config.section_size, rules)
    diagnostics = suppress.apply(config.apply(diagnostics), documents, report_unused_ignores)
    diagnostics.sort(key=Diagnostic.sort_key)
    return Report(documents, figures, grouped, diagnostics, errors, rules)
