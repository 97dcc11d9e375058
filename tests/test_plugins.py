"""Rules are plugins: an external package registers a rule through the
``factcheck.checks`` entry-point group, exactly like the built-in checks/."""
import os
import subprocess
import sys

import pytest

from factcheck import check
from factcheck.document import Document
from factcheck.rules import Rule, RuleDefinitionError, RuleError, Scope, Severity, load_rules

PLUGIN = '''
from factcheck.rules import Rule, Severity

class NoUnicorns(Rule):
    code = "Z901"
    name = "no-unicorns"
    severity = Severity.WARNING
    summary = "Unicorns are not news"
    explanation = "Reports the word 独角兽."

    def check_document(self, doc, figures, ctx):
        i = doc.norm.find("独角兽")
        if i >= 0:
            yield self.diagnostic(doc, i, i + 3, "独角兽不是新闻")

RULES = [NoUnicorns]
'''


def install_plugin(folder, code="Z901", name="no-unicorns", source=PLUGIN):
    """A minimal installed distribution: a module and a dist-info with an entry point.
    The module is named after the rule, so tests do not share a cached import."""
    module = name.replace("-", "_") + "_rules"
    (folder / f"{module}.py").write_text(source.replace("Z901", code).replace("no-unicorns", name))
    info = folder / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[factcheck.checks]\n{name} = {module}\n")


def test_external_rule_is_discovered_and_runs(tmp_path, monkeypatch):
    install_plugin(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    rules = load_rules()
    assert "no-unicorns" in [r.name for r in rules]
    assert "merged-figures" in [r.name for r in rules]  # the built-ins come the same way
    report = check([Document.from_text("a.txt", "村里出现了独角兽。")], rules=rules)
    assert [(d.code, d.span.text) for d in report.diagnostics] == [("Z901", "独角兽")]


def test_a_plugin_reusing_a_builtin_code_is_skipped_and_reported(tmp_path, monkeypatch):
    install_plugin(tmp_path, code="G101", name="other-name")
    monkeypatch.syspath_prepend(str(tmp_path))
    rules = load_rules()
    assert [r.name for r in rules if r.code == "G101"] == ["merged-figures"]  # the built-in wins
    assert "other-name" not in [r.name for r in rules]
    assert [str(p) for p in rules.problems] == [
        "rule G101 other-name of rule package 'other-name' skipped:"
        " its code or name is already used by G101 merged-figures"]


def test_a_plugin_reusing_a_builtin_name_is_skipped_and_reported(tmp_path, monkeypatch):
    install_plugin(tmp_path, code="Z902", name="merged-figures")
    monkeypatch.syspath_prepend(str(tmp_path))
    rules = load_rules()
    assert [r.code for r in rules if r.name == "merged-figures"] == ["G101"]
    assert "Z902" not in [r.code for r in rules] and "merged-figures" in str(rules.problems[0])


def test_of_two_plugins_with_one_code_the_first_by_entry_point_name_wins(tmp_path, monkeypatch):
    install_plugin(tmp_path, code="Z901", name="alpha-rule")
    install_plugin(tmp_path, code="Z901", name="beta-rule")
    monkeypatch.syspath_prepend(str(tmp_path))
    rules = load_rules()
    assert [r.name for r in rules if r.code == "Z901"] == ["alpha-rule"]
    assert [(p.package, p.rule) for p in rules.problems] == [("beta-rule", "Z901 beta-rule")]


def test_a_plugin_that_fails_to_import_is_skipped_and_the_others_load(tmp_path, monkeypatch):
    install_plugin(tmp_path, name="broken-import", source="import no_such_module_anywhere\n")
    install_plugin(tmp_path, name="no-unicorns")
    monkeypatch.syspath_prepend(str(tmp_path))
    rules = load_rules()
    assert "no-unicorns" in [r.name for r in rules] and "merged-figures" in [r.name for r in rules]
    assert len(rules.problems) == 1
    assert str(rules.problems[0]).startswith("rule package 'broken-import' skipped: broken_import_rules failed to load:")
    assert "no_such_module_anywhere" in str(rules.problems[0])


def test_a_plugin_with_a_bad_rule_class_is_skipped_and_reported(tmp_path, monkeypatch):
    install_plugin(tmp_path, code="Z9001", name="bad-code")
    monkeypatch.syspath_prepend(str(tmp_path))
    rules = load_rules()
    assert "bad-code" not in [r.name for r in rules]
    [problem] = rules.problems
    assert problem.package == "bad-code"
    assert "RuleDefinitionError" in problem.reason and "NoUnicorns" in problem.reason and "code" in problem.reason


def test_a_plugin_listing_something_else_than_a_rule_is_reported(tmp_path, monkeypatch):
    install_plugin(tmp_path, name="odd-list", source=PLUGIN + "RULES = [NoUnicorns, 'Z903']\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    rules = load_rules()
    assert "odd-list" in [r.name for r in rules]
    assert [p.package for p in rules.problems] == ["odd-list"] and "'Z903'" in str(rules.problems[0])


def test_builtin_rules_load_without_problems():
    rules = load_rules()
    assert not rules.problems
    assert rules.builtin == list(rules) and all(r.__module__.startswith("checks.") for r in rules)


def test_cli_warns_about_a_broken_plugin_and_goes_on(tmp_path):
    install_plugin(tmp_path, name="broken-import", source="raise RuntimeError('kaput')\n")
    install_plugin(tmp_path, code="G101", name="other-name")
    install_plugin(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text("村里出现了独角兽。", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    ran = subprocess.run([sys.executable, "-m", "factcheck", "check", str(report), "--fail-on", "warning"],
                         env=env, capture_output=True, text=True)
    assert ran.returncode == 1 and "Z901" in ran.stdout, ran.stdout + ran.stderr
    assert ran.stderr.splitlines() == [
        "factcheck: warning: rule package 'broken-import' skipped:"
        " broken_import_rules failed to load: RuntimeError: kaput",
        "factcheck: warning: rule G101 other-name of rule package 'other-name' skipped:"
        " its code or name is already used by G101 merged-figures"]


def test_cli_lists_and_runs_the_plugin(tmp_path):
    install_plugin(tmp_path)
    report = tmp_path / "r.txt"
    report.write_text("村里出现了独角兽。", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    listed = subprocess.run([sys.executable, "-m", "factcheck", "rules"], env=env, capture_output=True, text=True)
    assert "no-unicorns" in listed.stdout
    ran = subprocess.run([sys.executable, "-m", "factcheck", "check", str(report), "--select", "Z9", "--fail-on", "warning"],
                         env=env, capture_output=True, text=True)
    assert ran.returncode == 1 and "Z901" in ran.stdout, ran.stdout + ran.stderr


def test_a_failing_rule_is_reported_and_the_others_still_run():
    from factcheck.rules import Rule, Severity

    class Broken(Rule):
        code, name, severity, summary, explanation = "Z999", "broken", Severity.WARNING, "fails", "fails"

        def check_document(self, doc, figures, ctx):
            raise ValueError("boom")

    docs = [Document.from_text("a.web.txt", "累计实现700112736人稳定脱贫"),
            Document.from_text("b.print.txt", "累计实现7001户12736人稳定脱贫")]
    rules = [Broken] + [r for r in load_rules() if r.name == "merged-figures"]
    report = check(docs, rules=rules, stories=[["a.web.txt", "b.print.txt"]])
    codes = sorted((d.code, d.span.path) for d in report.diagnostics)
    assert codes == [("E002", "a.web.txt"), ("E002", "b.print.txt"), ("G101", "a.web.txt")]
    assert "boom" in report.diagnostics[0].message


def rule_class(**fields):
    """Define a document rule class from the fields given (a check_document unless told)."""
    body = {"code": "Z950", "name": "test-rule", "severity": Severity.INFO, "summary": "s",
            "explanation": "e", "check_document": lambda self, doc, figures, ctx: ()}
    body.update(fields)
    return type("TestRule", (Rule,), {k: v for k, v in body.items() if v is not None})


def test_a_good_rule_class_is_accepted():
    assert rule_class().code == "Z950"
    assert rule_class(scope=Scope.CORPUS, check_corpus=lambda self, ctx: ()).scope is Scope.CORPUS


@pytest.mark.parametrize("fields,field", [
    ({"code": "G1010"}, "code"), ({"code": "g101"}, "code"), ({"code": "GG10"}, "code"), ({"code": None}, "code"),
    ({"name": "Merged_Figures"}, "name"), ({"name": "merged--figures"}, "name"), ({"name": "数字"}, "name"),
    ({"name": None}, "name"), ({"severity": "error"}, "severity"), ({"summary": ""}, "summary"),
    ({"summary": None}, "summary"), ({"explanation": "  "}, "explanation"), ({"scope": "document"}, "scope"),
    ({"check_document": None}, "check_document"), ({"scope": Scope.STORY}, "check_story"),
    ({"cases": 3}, "cases"),
])
def test_a_bad_rule_class_is_refused_when_defined(fields, field):
    with pytest.raises(RuleDefinitionError, match=f"TestRule: {field} ") as raised:
        rule_class(**fields)
    assert isinstance(raised.value, TypeError)


def test_an_abstract_base_is_not_checked_but_its_subclasses_are():
    class FigureRule(Rule):
        abstract = True
        severity = Severity.INFO

        def check_document(self, doc, figures, ctx):
            return [d for f in figures for d in self.check_figure(doc, f)]

    class Concrete(FigureRule):
        code, name, summary, explanation = "Z960", "concrete-rule", "s", "e"

        def check_figure(self, doc, figure):
            return ()

    assert FigureRule.abstract and not Concrete.abstract and Concrete.severity is Severity.INFO
    with pytest.raises(RuleDefinitionError, match="Incomplete: code is missing"):
        class Incomplete(FigureRule):
            name, summary, explanation = "incomplete", "s", "e"


def test_explain_rule_error(tmp_path):
    explained = subprocess.run([sys.executable, "-m", "factcheck", "explain", "rule-error"],
                               capture_output=True, text=True, cwd=tmp_path)
    assert explained.returncode == 0 and "E002 rule-error" in explained.stdout, explained.stderr
    assert RuleError.explanation.splitlines()[0][:20] in explained.stdout.replace("\n", "")


def test_the_library_warns_about_a_skipped_plugin(tmp_path, monkeypatch):
    install_plugin(tmp_path, name="broken-library", source="raise ImportError('gone')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.warns(RuntimeWarning, match="rule package 'broken-library' skipped"):
        report = check([Document.from_text("a.web.txt", "累计实现700112736人稳定脱贫")])
    assert "merged-figures" in [r.name for r in report.rules]


def test_a_rule_finds_its_cases(tmp_path):
    from factcheck.testing import case_file, load_cases

    cases = tmp_path / "cases.toml"
    cases.write_text('[[pass]]\ntext = "村里没有独角兽"\n[[fail]]\ntext = "独角兽"\ncovers = "独角兽"\n', encoding="utf-8")
    own = rule_class(cases=cases)
    assert case_file(own) == cases and [c.kind for c in load_cases(case_file(own))] == ["pass", "fail"]
    assert case_file(rule_class(cases="factcheck:no/such/cases.toml")) is None
    assert case_file(rule_class(cases="no_such_package_anywhere:cases.toml")) is None
    builtin = next(r for r in load_rules() if r.name == "merged-figures")
    assert case_file(builtin).name == "merged-figures.toml"   # factcheck's own, by name
    assert case_file(rule_class()) is None
