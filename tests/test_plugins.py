"""Rules are plugins: an external package registers a rule through the
``factcheck.checks`` entry-point group, exactly like the built-in checks/."""
import os
import subprocess
import sys

import pytest

from factcheck import check
from factcheck.document import Document
from factcheck.rules import RuleLoadError, load_rules

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


def install_plugin(folder, code="Z901", name="no-unicorns"):
    """A minimal installed distribution: a module and a dist-info with an entry point.
    The module is named after the rule, so tests do not share a cached import."""
    module = name.replace("-", "_") + "_rules"
    (folder / f"{module}.py").write_text(PLUGIN.replace("Z901", code).replace("no-unicorns", name))
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


def test_duplicate_code_is_an_error_not_an_override(tmp_path, monkeypatch):
    install_plugin(tmp_path, code="G101", name="other-name")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RuleLoadError, match="G101"):
        load_rules()


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
