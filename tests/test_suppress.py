"""Inline suppressions: <!-- factcheck: ignore RULE --> in the file itself."""
import json

from click.testing import CliRunner

from factcheck import check
from factcheck.cli import main
from factcheck.document import Document

GARBLED = "举全縣之力、集全民之智，全力推进脱贫攻坚。"


def codes(text, path="a.md", **kw):
    return [(d.code, d.span.line) for d in check([Document.from_text(path, text)], **kw).diagnostics]


def test_a_marker_suppresses_the_next_paragraph_only():
    text = f"<!-- factcheck: ignore mixed-script -->\n\n{GARBLED}\n\n{GARBLED}\n"
    assert codes(text) == [("G104", 5)]


def test_a_marker_at_the_end_of_a_line_covers_that_line():
    text = f"{GARBLED} <!-- factcheck: ignore G104 -->\n{GARBLED}\n"
    assert codes(text) == [("G104", 2)]


def test_ignore_file_and_a_marker_for_another_rule():
    assert codes(f"<!-- factcheck: ignore-file G1 -->\n{GARBLED}\n{GARBLED}\n") == []
    assert codes(f"<!-- factcheck: ignore merged-figures -->\n{GARBLED}\n") == [("G104", 2)]


def test_the_marker_survives_edits_above_it():
    text = f"<!-- factcheck: ignore mixed-script -->\n{GARBLED}\n"
    assert codes("新加的一段导语。\n\n" * 3 + text) == []


def test_unused_markers_are_reported_when_asked(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"<!-- factcheck: ignore merged-figures -->\n{GARBLED}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--report-unused-ignores"])
    found = [(d["rule"], d["name"], d["line"]) for d in json.loads(result.output)["diagnostics"]]
    assert found == [("E003", "unused-ignore", 1), ("G104", "mixed-script", 2)]
    quiet = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert [d["rule"] for d in json.loads(quiet.output)["diagnostics"]] == ["G104"]
