"""The rule plugin API: Rule, Diagnostic, Severity, and discovery.

A rule is a small class with a code, a name, a default severity, a summary,
an explanation and a scope. Its ``check`` receives only what its scope
gives it and returns Diagnostics; it never prints.

Rule packages register themselves under the entry-point group
``factcheck.checks``: the entry point names a module (or any object) whose
``RULES`` attribute lists rule classes. The built-in ``checks`` package is
registered the same way as a third-party one.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, ClassVar, Iterable

from .document import Document, Span

if TYPE_CHECKING:
    from .figures import Figure
    from .readers import ReadError
    from .stories import Story

ENTRY_POINT_GROUP = "factcheck.checks"
RULE_ERROR_CODE, RULE_ERROR_NAME = "E002", "rule-error"  # reported by the engine when a rule fails
# Rules that select/ignore cannot switch off: a file that could not be read was not
# checked, and that must always fail the run (a CI job must not pass it silently).
ALWAYS_ON = ("E001",)


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use error, warning or info") from None


class Scope(str, enum.Enum):
    DOCUMENT = "document"
    STORY = "story"
    CORPUS = "corpus"


@dataclass(frozen=True)
class Related:
    """A place in another text (or elsewhere in the same one) that a finding rests on."""

    span: Span
    message: str = ""

    def to_dict(self) -> dict:
        return {**self.span.to_dict(), "message": self.message}


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a typed value, formatted only by the reporters."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    suggestion: str | None = None
    related: tuple[Related, ...] = ()
    confidence: float = 1.0

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.start, self.code, self.span.end)


@dataclass
class Context:
    """What a rule sees: documents with their figures, and (for story and
    corpus scope) the stories the documents were grouped into."""

    documents: list[Document]
    figures: dict[str, list["Figure"]]  # by document path
    stories: list["Story"] = field(default_factory=list)
    read_errors: list["ReadError"] = field(default_factory=list)  # files the readers could not read

    def figures_of(self, doc: Document) -> list["Figure"]:
        return self.figures.get(doc.path, [])

    def copies_of(self, doc: Document) -> list[Document]:
        """The other copies of ``doc``'s story (empty when it has none)."""
        story = self.story_of(doc)
        return [d for d in story.documents if d is not doc] if story is not None else []

    def story_of(self, doc: Document) -> "Story | None":
        """The first story holding ``doc``, looked up among the stories that hold a
        document of its path (an equal document has the same path), not all of them."""
        for story in self._stories_by_path().get(doc.path, ()):
            if doc in story.documents:
                return story
        return None

    def _stories_by_path(self) -> dict[str, list["Story"]]:
        # Rules ask once per document or figure; built on first use, and again if
        # ``stories`` has been replaced or grown since.
        key = (id(self.stories), len(self.stories))
        cached = self.__dict__.get("_story_index")
        if cached is None or cached[0] != key:
            index: dict[str, list[Story]] = {}
            for story in self.stories:
                for d in story.documents:
                    found = index.setdefault(d.path, [])
                    if not found or found[-1] is not story:
                        found.append(story)
            cached = self.__dict__["_story_index"] = (key, index)
        return cached[1]


class Rule:
    """Base class for rules. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    explanation: ClassVar[str]
    scope: ClassVar[Scope] = Scope.DOCUMENT

    def check_document(self, doc: Document, figures: list["Figure"], ctx: Context) -> Iterable[Diagnostic]:
        """Document scope: one report and its figures. ``ctx.copies_of(doc)`` gives
        other copies of its story, for rules that quote them as evidence."""
        return ()

    def check_story(self, story: "Story", ctx: Context) -> Iterable[Diagnostic]:
        return ()

    def check_corpus(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()

    def run(self, ctx: Context) -> list[Diagnostic]:
        """The rule's findings on everything in ``ctx``. A rule that fails on one
        document (or story) yields one rule-error finding there, and the run goes on."""
        if self.scope is Scope.DOCUMENT:
            units = [(doc, lambda doc=doc: self.check_document(doc, ctx.figures_of(doc), ctx))
                     for doc in ctx.documents]
        elif self.scope is Scope.STORY:
            units = [(story.documents[0], lambda story=story: self.check_story(story, ctx))
                     for story in ctx.stories]
        else:
            units = [(ctx.documents[0] if ctx.documents else None, lambda: self.check_corpus(ctx))]
        found: list[Diagnostic] = []
        for doc, produce in units:
            try:
                found.extend(produce())
            except Exception as exc:  # a broken rule must not stop the others, nor the CI job
                if doc is None:
                    raise
                found.append(self.failure(doc, exc))
        return found

    def failure(self, doc: Document, exc: Exception) -> Diagnostic:
        from .i18n import _

        span = Span(doc.path, 0, 0, "", 1, 1, 1, 1)
        message = _("规则 {code} {name} 检查此文件时出错（{error}），此文件未经该规则检查；请报告这个问题").format(
            code=self.code, name=self.name, error=f"{type(exc).__name__}: {exc}")
        return Diagnostic(RULE_ERROR_CODE, RULE_ERROR_NAME, Severity.ERROR, message, span)

    def diagnostic(self, doc: Document, start: int, end: int, message: str, *,
                   suggestion: str | None = None, related: Iterable[Related] = (),
                   severity: Severity | None = None, confidence: float = 1.0) -> Diagnostic:
        """A Diagnostic for the normalised span [start, end) of ``doc``."""
        return Diagnostic(self.code, self.name, severity or self.severity, message,
                          doc.span(start, end), suggestion, tuple(related), confidence)


class RuleLoadError(Exception):
    pass


def load_rules(group: str = ENTRY_POINT_GROUP) -> list[type[Rule]]:
    """All rule classes registered under the entry-point group.

    Two rules with one code or one name are an error, not a silent override.
    """
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    rules: list[type[Rule]] = []
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        try:
            provider = ep.load()
        except Exception as exc:  # a broken plugin must not hide the others
            raise RuleLoadError(f"rule package {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        for rule in getattr(provider, "RULES", ()):
            origin = f"{ep.name}:{rule.__name__}"
            for key, seen in ((rule.code, seen_codes), (rule.name, seen_names)):
                if key in seen:
                    raise RuleLoadError(f"rule {key!r} is defined twice: by {seen[key]} and by {origin}")
                seen[key] = origin
            rules.append(rule)
    return sorted(rules, key=lambda r: r.code)


def select_rules(rules: list[type[Rule]], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    """Rules matching ``select`` (all if empty) and not ``ignore``; each entry
    is a code, a code prefix (``G``, ``G1``) or a name. The ALWAYS_ON rules are
    kept whatever the selection."""

    def matches(rule: type[Rule], keys: list[str]) -> bool:
        return any(rule.name == k or rule.code.upper().startswith(k.upper()) for k in keys)

    select, ignore = [s for s in select if s], [s for s in ignore if s]
    return [r for r in rules if r.code in ALWAYS_ON
            or (not select or matches(r, select)) and not matches(r, ignore)]
