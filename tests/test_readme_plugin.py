"""The plugin example in README.md ("Writing a rule (plugins)") works as written:
its rule module, entry point, case file and test, installed as a distribution."""
import configparser
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_blocks() -> dict[str, list[str]]:
    """The fenced code blocks of the plugin section, by language, in order."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Writing a rule (plugins)"):]
    section = section[:section.index("\n## ", 1)]
    blocks: dict[str, list[str]] = {}
    for language, body in re.findall(r"^```(\w+)\n(.*?)^```", section, re.M | re.S):
        blocks.setdefault(language, []).append(body)
    return blocks


@pytest.fixture
def readme_plugin(tmp_path, monkeypatch):
    """my_package from the README alone, installed in tmp_path (a dist-info on sys.path)."""
    blocks = readme_blocks()
    rule_module, test_module = blocks["python"]
    setup = configparser.ConfigParser()
    setup.read_string(blocks["ini"][0])
    entry_points = setup["options.entry_points"]["factcheck.checks"].strip()
    package = tmp_path / "my_package"
    (package / "cases").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    module = entry_points.split("=")[1].strip()           # my_package.rules
    (tmp_path / (module.replace(".", "/") + ".py")).write_text(rule_module, encoding="utf-8")
    cases = re.search(r'cases = "my_package:(.*?)"', rule_module).group(1)
    (package / cases).write_text(blocks["toml"][0], encoding="utf-8")
    info = tmp_path / "my_package-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: my_package\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[factcheck.checks]\n{entry_points}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path, test_module
    for name in [m for m in sys.modules if m == "my_package" or m.startswith("my_package.")]:
        del sys.modules[name]


def factcheck(folder, *args):
    env = {**os.environ, "PYTHONPATH": str(folder), "COLUMNS": "200", "FACTCHECK_LANG": "zh"}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], env=env, cwd=folder,
                          capture_output=True, text=True)


def test_the_readme_plugin_is_listed_run_and_explained(readme_plugin):
    folder, _ = readme_plugin
    listed = factcheck(folder, "rules", "--format", "json")
    assert listed.returncode == 0 and not listed.stderr, listed.stderr
    assert {"code": "Z901", "name": "too-many-people", "severity": "warning", "scope": "document",
            "summary": "人数多于全国总人口"} in json.loads(listed.stdout)

    report = folder / "report.txt"
    report.write_text("全县常住人口28.1亿人，比上年增加0.3万人。全国总人口14.1亿人。", encoding="utf-8")
    ran = factcheck(folder, "check", str(report), "--format", "json", "--fail-on", "warning")
    assert ran.returncode == 1, ran.stdout + ran.stderr
    found = [(d["rule"], d["text"]) for d in json.loads(ran.stdout)["diagnostics"]]
    assert ("Z901", "28.1亿人") in found and ("Z901", "14.1亿人") not in found

    explained = factcheck(folder, "explain", "too-many-people")
    assert explained.returncode == 0 and not explained.stderr, explained.stderr
    for shown in ("Z901 too-many-people", "人数多于全国总人口", "通过", "报错",
                  "截至2020年底，全国总人口14.1亿人。", "全县常住人口28.1亿人，比上年增加0.3万人。", "28.1亿人"):
        assert shown in explained.stdout, shown


def test_the_readme_plugin_passes_its_readme_test(readme_plugin):
    from factcheck.rules import load_rules
    from factcheck.testing import case_file, load_cases

    _, test_module = readme_plugin
    rules = load_rules()
    assert not rules.problems
    [rule] = [r for r in rules if r.name == "too-many-people"]
    assert [c.kind for c in load_cases(case_file(rule))] == ["pass", "pass", "fail"]
    namespace: dict = {}
    exec(compile(test_module, "README.md", "exec"), namespace)
    namespace["test_too_many_people"]()  # load_cases + assert_case on the case file written above
