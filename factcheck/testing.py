"""The case-file harness, public so that plugin authors test their rules the way
the built-in ones are tested.

A case file ``tests/rules/<rule-name>.toml`` holds ``[[pass]]`` and ``[[fail]]``
tables. A case has either ``text`` (one report) or ``copies`` (a list of
texts that are copies of one story; ``paths`` may name them, by default
``copy1.web.txt``, ``copy2.print.txt`` …), or ``reports`` (a list of texts that
are separate reports, for corpus rules: ``report1.txt`` …), or ``data_hex`` (the bytes of one
file, for input rules; ``path`` names it). A case may also give ``published``, a
list of texts indexed (as ``published1.txt`` …) into a temporary archive that the
case is checked against (``factcheck check --against``). A fail case names with ``covers``
the text (spaces and line breaks aside) that one of the rule's diagnostics
must cover exactly, and may give ``suggestion`` and the ``severity`` ("error", "warning",
"info") that finding must have. A pass case must raise
nothing from the rule, or nothing above ``max_severity`` when it says so.

    from factcheck.testing import load_cases, run_case, assert_case

``case_file(rule)`` finds a rule's case file: the rule's own ``cases``
attribute (a plugin's: ``"package:path/in/it.toml"`` or a path), else
factcheck's ``tests/rules/<name>.toml``, which a wheel installs as data into
``<prefix>/share/factcheck/cases/``.
"""
from __future__ import annotations

import os
import re
import sysconfig
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .document import Document
from .rules import Diagnostic, Rule, Severity

DEFAULT_PATHS = ("copy1.web.txt", "copy2.print.txt", "copy3.wire.txt", "copy4.draft.txt")


@dataclass
class Case:
    kind: str            # "pass" or "fail"
    name: str
    texts: list[str]
    paths: list[str]
    covers: str | None = None
    suggestion: str | None = None
    max_severity: Severity | None = None
    data: bytes | None = None
    separate: bool = False  # the texts are separate reports, not copies of one story
    published: list[str] | None = None  # texts of an archive the case is checked against
    severity: Severity | None = None  # of a fail case's finding over ``covers``

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


CASES_DATA_DIR = ("share", "factcheck", "cases")  # setup.cfg [options.data_files]


def case_dirs() -> list[Path]:
    """Where factcheck's own case files may be, first match wins: tests/rules in the
    source tree (a checkout, an editable install), share/factcheck/cases beside the
    package (``pip install --target``), then under the install prefix and the user's."""
    top = Path(__file__).resolve().parent.parent
    dirs = [top / "tests" / "rules", top.joinpath(*CASES_DATA_DIR)]
    for scheme in (sysconfig.get_default_scheme(), f"{os.name}_user"):
        dirs.append(Path(sysconfig.get_path("data", scheme)).joinpath(*CASES_DATA_DIR))
    return dirs


def find_case_file(rule_name: str, root: Path | None = None) -> Path | None:
    """factcheck's case file for a rule, ``<root>/tests/rules/<name>.toml`` when
    ``root`` is given, else the first in ``case_dirs()``."""
    dirs = [root / "tests" / "rules"] if root else case_dirs()
    return next((d / f"{rule_name}.toml" for d in dirs if (d / f"{rule_name}.toml").is_file()), None)


def case_file(rule: type[Rule]) -> Path | Traversable | None:
    """The rule's case file: its ``cases`` attribute when set, else factcheck's own."""
    if rule.cases is None:
        return find_case_file(rule.name)
    if isinstance(rule.cases, str):
        package, _, path = rule.cases.partition(":")
        try:
            found = files(package).joinpath(path)
        except ModuleNotFoundError:
            return None
    else:
        found = rule.cases
    return found if found.is_file() else None


def load_cases(path: Path | Traversable | str) -> list[Case]:
    source = path if hasattr(path, "read_text") else Path(path)
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    cases = []
    for kind in ("pass", "fail"):
        for i, raw in enumerate(data.get(kind, []), 1):
            texts = raw.get("copies") or raw.get("reports") or [raw.get("text", "")]
            names = DEFAULT_PATHS if "copies" in raw else [f"report{n}.txt" for n in range(1, len(texts) + 1)]
            paths = raw.get("paths") or list(names[:len(texts)]) if len(texts) > 1 else [raw.get("path", "case.txt")]
            level = raw.get("max_severity")
            cases.append(Case(kind, raw.get("name", str(i)), texts, paths, raw.get("covers"),
                              raw.get("suggestion"), Severity.parse(level) if level else None,
                              bytes.fromhex(raw["data_hex"]) if "data_hex" in raw else None, "reports" in raw,
                              raw.get("published"), Severity.parse(raw["severity"]) if "severity" in raw else None))
    return cases


def run_case(rule: type[Rule], case: Case) -> list[Diagnostic]:
    from .api import check

    if case.data is not None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / case.paths[0]
            path.write_bytes(case.data)
            return check([str(path)], rules=[rule]).diagnostics
    documents = [Document.from_text(p, t) for p, t in zip(case.paths, case.texts)]
    stories = [case.paths] if len(documents) > 1 and not case.separate else []
    if case.published is None:
        return check(documents, rules=[rule], stories=stories).diagnostics
    import tempfile

    from .archive import Archive

    with tempfile.TemporaryDirectory() as folder, Archive.open(str(Path(folder) / "archive.sqlite")) as archive:
        for i, text in enumerate(case.published, 1):
            archive.add(Document.from_text(f"published{i}.txt", text))
        return check(documents, rules=[rule], stories=stories, archive=archive).diagnostics


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_case(rule: type[Rule], case: Case) -> None:
    found = run_case(rule, case)
    shown = "; ".join(f"{d.code} {d.span.text!r}: {d.message}" for d in found) or "nothing"
    if case.kind == "pass":
        allowed = [d for d in found if case.max_severity and d.severity <= case.max_severity]
        assert len(found) == len(allowed), f"{rule.name} should pass {case.name!r} but reported {shown}"
        return
    assert found, f"{rule.name} should fail {case.name!r} but reported nothing"
    if case.covers is not None:
        hits = [d for d in found if _squeeze(d.span.text) == _squeeze(case.covers)]
        assert hits, f"{rule.name} on {case.name!r}: expected a finding on {case.covers!r}, got {shown}"
        if case.severity is not None:
            assert any(d.severity == case.severity for d in hits), \
                f"{rule.name} on {case.name!r}: expected a finding of severity {case.severity.name.lower()}, got {shown}"
        if case.suggestion is not None:
            assert any(d.suggestion == case.suggestion for d in hits), \
                f"{rule.name} on {case.name!r}: expected suggestion {case.suggestion!r}, got {shown}"
