"""Every rule's pass/fail cases from tests/rules/<name>.toml, run by one test.

Only factcheck's own rules (the built-in ``checks`` package): a plugin installed
beside factcheck is tested by its own package, and must not break this suite."""
from pathlib import Path

import pytest

from factcheck.rules import builtin_rules
from factcheck.testing import assert_case, load_cases

CASES_DIR = Path(__file__).parent / "rules"
RULES = builtin_rules()


def _params(rules=RULES):
    for rule in rules:
        path = CASES_DIR / f"{rule.name}.toml"
        if not path.is_file():
            continue
        for case in load_cases(path):
            yield pytest.param(rule, case, id=f"{rule.name}:{case.id}")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_has_pass_and_fail_cases(rule):
    path = CASES_DIR / f"{rule.name}.toml"
    assert path.is_file(), f"rule {rule.code} {rule.name} has no case file {path}"
    cases = load_cases(path)
    passes, fails = sum(c.kind == "pass" for c in cases), sum(c.kind == "fail" for c in cases)
    # Rules about report text need at least 5 pass and 3 fail cases; input rules (E) are about files.
    need = (1, 1) if rule.code.startswith("E") else (5, 3)
    assert passes >= need[0] and fails >= need[1], \
        f"{path} has {passes} pass and {fails} fail cases; {need[0]} and {need[1]} at least"


def test_case_files_name_existing_rules():
    names = {r.name for r in RULES}
    orphans = [p.stem for p in CASES_DIR.glob("*.toml") if p.stem not in names]
    assert not orphans, f"case files for unknown rules: {orphans}"


@pytest.mark.parametrize("rule,case", list(_params()))
def test_case(rule, case):
    assert_case(rule, case)


def test_a_plugin_installed_beside_factcheck_is_not_tested_here(tmp_path, monkeypatch):
    """A third-party rule without case files is neither collected nor required to have cases."""
    from test_plugins import install_plugin

    from factcheck.rules import load_rules

    install_plugin(tmp_path, code="Z980", name="foreign-rule")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "foreign-rule" in [r.name for r in load_rules()]   # installed and loaded
    rules = builtin_rules()
    assert "foreign-rule" not in [r.name for r in rules]
    assert [r.name for r in rules] == [r.name for r in RULES]
    collected = list(_params(rules))
    assert collected and not [p for p in collected if p.values[0].name == "foreign-rule"]
    for rule in rules:   # the meta-test holds for every rule collected
        test_every_rule_has_pass_and_fail_cases(rule)
