"""The English catalog: complete, compiled, placeholders intact, and used by --lang en."""
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.i18n import _, set_language
from factcheck.rules import builtin_rules, load_rules
from factcheck.testing import find_case_file, load_cases, run_case

babel = pytest.importorskip("babel", reason="the catalog tool needs Babel (pip install -e .[test])")
from babel.messages.pofile import read_po  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "factcheck" / "locale" / "en" / "LC_MESSAGES" / "factcheck.po"
SAMPLES = ROOT / "samples"
WEB = str(SAMPLES / "taobei-2020-03-25.web.txt")
PRINT = str(SAMPLES / "taobei-2020-03-25.print.txt")
CJK = re.compile(r"[\u3400-\u9fff]")


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture(autouse=True)
def chinese_afterwards():
    yield
    set_language("zh")


def placeholders(text: str) -> set[str]:
    fields = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.add("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return fields


def catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="en", domain="factcheck")


def test_catalog_is_complete_and_compiled():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "compile_catalogs.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, (
        "the English catalog is incomplete or stale; run python tools/compile_catalogs.py,"
        " translate the empty msgstr entries in factcheck/locale/en/LC_MESSAGES/factcheck.po"
        " and run it again:\n" + result.stdout + result.stderr)


def test_translations_keep_the_placeholders():
    wrong = [(m.id, m.string) for m in catalog()
             if m.id and m.string and placeholders(m.string) != placeholders(m.id)]
    assert not wrong, "\n".join(f"{i!r} -> {s!r}" for i, s in wrong)


def test_translations_format_like_their_ids():
    """Every msgstr takes the same keyword arguments as its msgid without error."""
    for m in catalog():
        if m.id and m.string and placeholders(m.id):
            values = {name: 1.5 for _lit, name, _spec, _conv in string.Formatter().parse(m.id) if name}
            assert m.string.format(**values) is not None


def test_rule_texts_are_translated():
    set_language("en")
    for rule in builtin_rules():  # a plugin's texts are its own package's business
        assert _(rule.summary) != rule.summary, rule.code
        assert _(rule.explanation) != rule.explanation, rule.code
        explanation = _(rule.explanation)
        assert "What it does:" in explanation and "Use instead:" in explanation, rule.code


def test_check_in_english():
    result = run("check", WEB, PRINT, "--format", "json", "--lang", "en")
    data = json.loads(result.output)
    merged = next(d for d in data["diagnostics"] if d["name"] == "merged-figures")
    assert "fused" in merged["message"] and "700112736人" in merged["message"]
    assert "print copy" in merged["message"] and "print copy" in merged["related"][0]["message"]
    for d in data["diagnostics"]:
        if d["rule"] in ("G101", "G102"):   # Chinese only inside the quoted snippets
            assert not CJK.search(re.sub(r"“[^”]*”", "", d["message"])), d["message"]


def test_every_diagnostic_is_translated():
    """Each rule's fail cases give a different message in English than in Chinese:
    a message left out of the catalog (an f-string, or text not passed to _()) shows here."""
    untranslated = []
    for rule in builtin_rules():
        path = find_case_file(rule.name)
        for case in load_cases(path) if path else ():
            if case.kind != "fail":
                continue
            set_language("zh")
            chinese = [(d.message, [r.message for r in d.related]) for d in run_case(rule, case)]
            set_language("en")
            english = [(d.message, [r.message for r in d.related]) for d in run_case(rule, case)]
            for (zh_message, zh_related), (en_message, en_related) in zip(chinese, english):
                if en_message == zh_message:
                    untranslated.append(f"{rule.code} {case.name}: {zh_message}")
                untranslated += [f"{rule.code} {case.name} (related): {z}"
                                 for z, e in zip(zh_related, en_related) if z and z == e]
    assert not untranslated, "\n".join(untranslated)


def test_terminal_report_in_english_fits_80_columns():
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb", "FACTCHECK_LANG": "en"}
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", WEB, PRINT],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 1, result.stderr
    assert "error G101 merged-figures" in result.stdout
    assert "suggestion" in result.stdout and "evidence" in result.stdout and "print copy" in result.stdout
    from rich.cells import cell_len
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80


def test_rules_in_english():
    set_language("en")
    english = {r.code: _(r.summary) for r in load_rules()}
    listed = json.loads(run("rules", "--format", "json", "--lang", "en").output)
    assert {r["code"]: r["summary"] for r in listed} == english
    table = run("rules", "--lang", "en", env={"COLUMNS": "250"}).output
    assert "Two figures fused" in table
    for summary in english.values():
        assert summary in table


def test_chinese_stays_the_default():
    listed = json.loads(run("rules", "--format", "json", "--lang", "zh").output)
    assert all(CJK.search(r["summary"]) for r in listed)
    data = json.loads(run("check", WEB, PRINT, "--format", "json", "--lang", "zh").output)
    merged = next(d for d in data["diagnostics"] if d["name"] == "merged-figures")
    assert "粘连" in merged["message"]


def test_an_update_keeps_or_drops_the_ids_no_longer_in_the_code():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import compile_catalogs as tool
    finally:
        sys.path.remove(str(ROOT / "tools"))
    from babel.messages.catalog import Catalog
    old = Catalog(locale="en", domain="factcheck")
    old.add("旧的说明", "the old explanation")
    old.add("仍在用", "still used")
    extracted = tool.Extracted()
    extracted.add("仍在用", "checks/x.py", 1)
    kept = tool.updated_catalog(old, extracted, "en")
    assert kept["仍在用"].string == "still used" and kept.obsolete["旧的说明"].string == "the old explanation"
    dropped = tool.updated_catalog(old, extracted, "en", obsolete=False)
    assert dropped["仍在用"].string == "still used" and not dropped.obsolete
    # a translation comes back with its id, from the #~ entry kept
    extracted.add("旧的说明", "checks/x.py", 2)
    assert tool.updated_catalog(kept, extracted, "en")["旧的说明"].string == "the old explanation"
