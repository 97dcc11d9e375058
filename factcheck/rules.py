"""The rule plugin API: Rule, Diagnostic, Severity, and discovery.

A rule is a small class with a code, a name, a default severity, a summary,
an explanation and a scope. Its ``check`` receives only what its scope
gives it and returns Diagnostics; it never prints.

Rule packages register themselves under the entry-point group
``factcheck.checks``: the entry point names a module (or any object) whose
``RULES`` attribute lists rule classes. The built-in ``checks`` package is
registered the same way as a third-party one.

A rule class is checked when it is defined (``Rule.__init_subclass__``): a bad
one raises RuleDefinitionError naming the class and the field. A broken rule
package (it fails to import, or one of its rules clashes with a rule already
loaded) is skipped and reported in ``load_rules().problems``; the built-in
rules are loaded first, so they win a clash.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, ClassVar, Iterable

from .document import Document, Span

if TYPE_CHECKING:
    from .archive import Archive
    from .figures import Figure
    from .keys import Facts
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


class Evidence(str, enum.Enum):
    """What a finding rests on, strongest first; it sets the finding's confidence."""

    INPUT = "input"                # the file itself (unreadable, a rule that failed): certain
    COPY = "copy"                  # another copy of the story says otherwise
    TEXT = "text"                  # arithmetic or the form of the text itself
    PLAUSIBILITY = "plausibility"  # only how likely a figure is: never more than a warning


CONFIDENCE = {Evidence.INPUT: 1.0, Evidence.COPY: 0.9, Evidence.TEXT: 0.7, Evidence.PLAUSIBILITY: 0.4}


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
    evidence: Evidence = Evidence.INPUT

    def sort_key(self) -> tuple:
        return (self.span.path, self.span.start, self.code, self.span.end)


@dataclass
class Context:
    """What a rule sees: documents with their figures, (for story and corpus scope)
    the stories the documents were grouped into, and the archive of published figures
    the run checks against (``factcheck check --against``; None without one), read
    through ``archive.published(keys)`` (``factcheck.archive.Archive``)."""

    documents: list[Document]
    figures: dict[str, list["Figure"]]  # by document path
    stories: list["Story"] = field(default_factory=list)
    read_errors: list["ReadError"] = field(default_factory=list)  # files the readers could not read
    archive: "Archive | None" = None
    facts: "dict[str, Facts] | None" = None  # by document path: what the cross-report rules read

    def figures_of(self, doc: Document) -> list["Figure"]:
        return self.figures.get(doc.path, [])

    def facts_of(self, doc: Document) -> "Facts":
        """What the cross-report rules read of a report (``factcheck.keys.Facts``): given by
        the engine (from the result cache or the check of the report), else made here."""
        known = self.facts.get(doc.path) if self.facts is not None else None
        if known is None:
            from .keys import facts

            made = self.__dict__.setdefault("_facts_made", {})
            known = made.get(doc.path)
            if known is None:
                known = made[doc.path] = facts(doc, self.figures_of(doc))
        return known

    def copies_of(self, doc: Document) -> list[Document]:
        """The other copies of ``doc``'s story (empty when it has none)."""
        story = self.story_of(doc)
        return [d for d in story.documents if d is not doc] if story is not None else []

    def story_of(self, doc: Document) -> "Story | None":
        """The first story holding ``doc``, looked up among the stories that hold a
        document of its path (an equal document has the same path), not all of them."""
        for story, held in self._stories_by_path().get(doc.path, ()):
            # (by identity first: ``in`` compares it with every document before it, field by field)
            if id(doc) in held or doc in story.documents:
                return story
        return None

    def _stories_by_path(self) -> dict[str, list[tuple["Story", set[int]]]]:
        """path -> each story holding a document of that path, with the ids of its documents."""
        # Rules ask once per document or figure; built on first use, and again if
        # ``stories`` has been replaced or grown since.
        key = (id(self.stories), len(self.stories))
        cached = self.__dict__.get("_story_index")
        if cached is None or cached[0] != key:
            index: dict[str, list[tuple[Story, set[int]]]] = {}
            for story in self.stories:
                held = {id(d) for d in story.documents}
                for d in story.documents:
                    found = index.setdefault(d.path, [])
                    if not found or found[-1][0] is not story:
                        found.append((story, held))
            cached = self.__dict__["_story_index"] = (key, index)
        return cached[1]


CODE_FORMAT = re.compile(r"[A-Z][0-9]{3}")                 # G101, Z901
NAME_FORMAT = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")   # merged-figures
CHECK_METHODS = {Scope.DOCUMENT: "check_document", Scope.STORY: "check_story", Scope.CORPUS: "check_corpus"}


class RuleDefinitionError(TypeError):
    """A rule class lacks a field or has a bad one; raised when the class is defined."""


class Rule:
    """Base class for rules. Subclasses set the class attributes and the check
    method of their scope (``check_document``, ``check_story`` or ``check_corpus``).

    A base class shared by several rules, not a rule itself, says
    ``abstract = True`` in its own body; its subclasses are checked as usual.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    explanation: ClassVar[str]
    scope: ClassVar[Scope] = Scope.DOCUMENT
    # What the rule's findings rest on when no other copy is quoted (a finding whose
    # evidence is in another copy rests on that copy): sets their confidence.
    evidence: ClassVar[Evidence] = Evidence.TEXT
    # Where the rule's pass/fail cases are, for ``factcheck explain``: "package:path/in/it.toml"
    # (read with importlib.resources) or a Path/Traversable. None: factcheck's own case files.
    cases: ClassVar[object] = None
    abstract: ClassVar[bool] = True  # only Rule itself and classes that say so in their own body

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.abstract = bool(cls.__dict__.get("abstract", False))
        if not cls.abstract:
            _check_definition(cls)

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
        found: list[Diagnostic] = []
        if self.scope is Scope.DOCUMENT:  # written out per scope: the engine calls this per file
            for doc in ctx.documents:
                try:
                    found.extend(self.check_document(doc, ctx.figures_of(doc), ctx))
                except Exception as exc:  # a broken rule must not stop the others, nor the CI job
                    found.append(self.failure(doc, exc))
        elif self.scope is Scope.STORY:
            for story in ctx.stories:
                try:
                    found.extend(self.check_story(story, ctx))
                except Exception as exc:
                    found.append(self.failure(story.documents[0], exc))
        else:
            try:
                found.extend(self.check_corpus(ctx))
            except Exception as exc:
                if not ctx.documents:
                    raise
                found.append(self.failure(ctx.documents[0], exc))
        return found

    def failure(self, doc: Document, exc: Exception) -> Diagnostic:
        from .i18n import _

        span = Span(doc.path, 0, 0, "", 1, 1, 1, 1)
        message = _("规则 {code} {name} 检查此文件时出错（{error}），此文件未经该规则检查；请报告这个问题").format(
            code=self.code, name=self.name, error=f"{type(exc).__name__}: {exc}")
        return Diagnostic(RuleError.code, RuleError.name, RuleError.severity, message, span)

    def diagnostic(self, doc: Document, start: int, end: int, message: str, *,
                   suggestion: str | None = None, related: Iterable[Related] = (),
                   severity: Severity | None = None, evidence: Evidence | None = None) -> Diagnostic:
        """A Diagnostic for the normalised span [start, end) of ``doc``. Its evidence is
        ``evidence``, else another copy when a related place is in another file, else the
        rule's; a finding on plausibility alone is at most a warning."""
        related = tuple(related)
        if evidence is None:
            evidence = Evidence.COPY if any(r.span.path != doc.path for r in related) else self.evidence
        severity = severity or self.severity
        if evidence is Evidence.PLAUSIBILITY:
            severity = min(severity, Severity.WARNING)
        return Diagnostic(self.code, self.name, severity, message, doc.span(start, end), suggestion, related,
                          CONFIDENCE[evidence], evidence)


def _check_definition(cls: type) -> None:
    def bad(field: str, why: str) -> RuleDefinitionError:
        return RuleDefinitionError(f"rule class {cls.__module__}.{cls.__qualname__}: {field} {why}")

    missing = [f for f in ("code", "name", "summary", "explanation") if not hasattr(cls, f)]
    if missing:
        raise bad(missing[0], "is missing (a base class that is not a rule says abstract = True)")
    if not isinstance(cls.code, str) or not CODE_FORMAT.fullmatch(cls.code):
        raise bad("code", f"{cls.code!r} is not a capital letter and 3 digits, like 'G101'")
    if not isinstance(cls.name, str) or not NAME_FORMAT.fullmatch(cls.name):
        raise bad("name", f"{cls.name!r} is not kebab-case ASCII, like 'merged-figures'")
    if not isinstance(cls.severity, Severity):
        raise bad("severity", f"{cls.severity!r} is not a Severity")
    for attribute in ("summary", "explanation"):
        value = getattr(cls, attribute)
        if not isinstance(value, str) or not value.strip():
            raise bad(attribute, f"{value!r} is not a non-empty string")
    if not isinstance(cls.scope, Scope):
        raise bad("scope", f"{cls.scope!r} is not a Scope")
    if not isinstance(cls.evidence, Evidence):
        raise bad("evidence", f"{cls.evidence!r} is not an Evidence")
    method = CHECK_METHODS[cls.scope]
    if getattr(cls, method) is getattr(Rule, method):
        raise bad(method, f"is not defined: a {cls.scope.value}-scope rule must override it")
    if cls.cases is not None and not (isinstance(cls.cases, str) and ":" in cls.cases
                                      or hasattr(cls.cases, "read_text")):
        raise bad("cases", f"{cls.cases!r} is neither 'package:path/to/cases.toml' nor a path")


class RuleError(Rule):
    """E002, reported by the engine (``Rule.run``) rather than found in a text;
    a class so that ``factcheck explain rule-error`` can say what it means."""

    code = RULE_ERROR_CODE
    name = RULE_ERROR_NAME
    severity = Severity.ERROR
    scope = Scope.CORPUS
    summary = "某条规则检查文件时出错，该文件未经这条规则检查"
    explanation = """\
作用：某条规则检查一个文件时出错（程序缺陷或插件故障），就在该文件上报告一条 E002，其余规则和文件照常检查。
为何重要：这个文件没有经过出错的那条规则检查，其中的问题可能未被发现。
如何判断：消息中写明出错的规则代码、名称和错误信息。
应改为：把消息和文件报告给该规则的维护者（内置规则报告给 factcheck）；修好之前可用 --ignore 暂时停用那条规则。"""

    def check_corpus(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()


class RuleLoadError(Exception):
    pass


@dataclass(frozen=True)
class LoadProblem:
    """A rule package, or one rule of it, that was skipped, and why."""

    package: str
    reason: str
    rule: str | None = None  # "Z901 no-unicorns" when only that rule was skipped

    def __str__(self) -> str:
        if self.rule:
            return f"rule {self.rule} of rule package {self.package!r} skipped: {self.reason}"
        return f"rule package {self.package!r} skipped: {self.reason}"


class LoadedRules(list):
    """The rules loaded (a list, sorted by code), with ``problems``: what was skipped,
    and ``builtin``: the rules that come from factcheck's own ``checks`` package."""

    def __init__(self, rules=(), problems=(), builtin=()) -> None:
        super().__init__(rules)
        self.problems: list[LoadProblem] = list(problems)
        self.builtin: list[type[Rule]] = list(builtin)


def _is_builtin(ep, names: dict) -> bool:
    """Whether the entry point is factcheck's own. ``names`` keeps each distribution's
    name by its folder: reading it parses the whole METADATA file (about 1 ms), and
    every built-in entry point shares one distribution."""
    dist = getattr(ep, "dist", None)
    if dist is None:
        return False
    where = getattr(dist, "_path", None)
    if where is None or where not in names:
        name = dist.metadata["Name"]
        if where is None:
            return name == "factcheck"
        names[where] = name
    return names[where] == "factcheck"


def load_rules(group: str = ENTRY_POINT_GROUP) -> LoadedRules:
    """All rule classes registered under the entry-point group.

    A package that fails to import (a bad rule class fails it too) is skipped; so
    is a rule whose code or name an earlier rule has, and a RULES entry that is
    not a rule class. Each skip is a LoadProblem in ``.problems``. The built-in
    packages load first, so a plugin never replaces a built-in rule.
    """
    seen: dict[str, str] = {}  # code or name -> "code name" of the rule that has it
    rules: list[type[Rule]] = []
    builtin: list[type[Rule]] = []
    problems: list[LoadProblem] = []
    names: dict = {}
    ours = {ep: _is_builtin(ep, names) for ep in entry_points(group=group)}
    for ep in sorted(ours, key=lambda e: (not ours[e], e.name)):
        try:
            provided = list(ep.load().RULES)
        except Exception as exc:  # a broken plugin must not hide the others
            problems.append(LoadProblem(ep.name, f"{ep.value} failed to load: {type(exc).__name__}: {exc}"))
            continue
        for rule in provided:
            if not (isinstance(rule, type) and issubclass(rule, Rule)) or rule.abstract:
                problems.append(LoadProblem(ep.name, f"{rule!r} in RULES is not a rule class"))
                continue
            label = f"{rule.code} {rule.name}"
            clash = next((seen[k] for k in (rule.code, rule.name) if k in seen), None)
            if clash:
                problems.append(LoadProblem(ep.name, f"its code or name is already used by {clash}", label))
                continue
            seen[rule.code] = seen[rule.name] = label
            rules.append(rule)
            if ours[ep]:
                builtin.append(rule)
    order = lambda r: r.code  # noqa: E731
    return LoadedRules(sorted(rules, key=order), problems, sorted(builtin, key=order))


def builtin_rules() -> list[type[Rule]]:
    """factcheck's own rules, whatever plugins are installed beside them."""
    return load_rules().builtin


def select_rules(rules: list[type[Rule]], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    """Rules matching ``select`` (all if empty) and not ``ignore``; each entry
    is a code, a code prefix (``G``, ``G1``) or a name. The ALWAYS_ON rules are
    kept whatever the selection."""

    def matches(rule: type[Rule], keys: list[str]) -> bool:
        return any(rule.name == k or rule.code.upper().startswith(k.upper()) for k in keys)

    select, ignore = [s for s in select if s], [s for s in ignore if s]
    return [r for r in rules if r.code in ALWAYS_ON
            or (not select or matches(r, select)) and not matches(r, ignore)]
