"""Done-when of issue 9 (readers): `factcheck check story.docx story.pdf story.html`
on files built from the samples reports the same figure findings as on the .txt
copies: the web copy's 700112736人 garble, with the print PDF's 7001户12736人 as
evidence, and its 100%76个, in the Word draft and on the web page alike."""
import json

import pytest
from click.testing import CliRunner

from builders import SAMPLES, docx_bytes, docx_paragraphs, html_page, pdf_columns, sample, web_copy_parts
from factcheck.cli import main

WEB, PRINT = sample("taobei-2020-03-25.web.txt"), sample("taobei-2020-03-25.print.txt")


def _findings(output: str, path: str) -> list[tuple]:
    report = json.loads(output)
    return sorted((d["rule"], d["name"], d["severity"], d["text"], d["suggestion"],
                   tuple(r["text"] for r in d["related"]))
                  for d in report["diagnostics"] if d["path"] == path and d["rule"] != "X105")  # figure findings


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("story")
    nav, info, title, article, footer = web_copy_parts(WEB)
    (folder / "story.html").write_text(html_page(title, article, nav=nav, info=info, footer=footer), encoding="utf-8")
    (folder / "story.docx").write_bytes(docx_bytes(docx_paragraphs(WEB.split("\n"))))  # the draft: the web text
    (folder / "story.pdf").write_bytes(pdf_columns(PRINT.split("\n"), columns=3, per_column=45))
    return folder


def test_word_pdf_and_html_copies_report_what_the_text_copies_report(story, monkeypatch):
    runner = CliRunner()
    web, printed = str(SAMPLES / "taobei-2020-03-25.web.txt"), str(SAMPLES / "taobei-2020-03-25.print.txt")
    expected = runner.invoke(main, ["check", web, printed, "--format", "json", "--lang", "zh"])
    assert expected.exit_code == 1, expected.output
    want = _findings(expected.output, web)
    assert [f[1] for f in want] == ["merged-figures", "missing-separator"]
    assert not _findings(expected.output, printed)

    monkeypatch.chdir(story)
    result = runner.invoke(main, ["check", "story.docx", "story.pdf", "story.html", "--format", "json", "--lang", "zh"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert sorted(report["stories"][0]["files"]) == ["story.docx", "story.html", "story.pdf"]
    assert _findings(result.output, "story.docx") == want
    assert _findings(result.output, "story.html") == want
    assert _findings(result.output, "story.pdf") == []
    merged = next(d for d in report["diagnostics"] if d["path"] == "story.html" and d["rule"] == "G101")
    assert merged["text"] == "700112736人" and merged["suggestion"] == "7001户12736人"
    evidence = merged["related"][0]
    assert evidence["path"] == "story.pdf" and evidence["text"] == "7001 户 12736 人" and evidence["page"] == 1
    assert "印刷版" in merged["message"]  # the PDF is called the print copy, as x.print.txt is
    in_draft = next(d for d in report["diagnostics"] if d["path"] == "story.docx" and d["rule"] == "G101")
    assert in_draft["paragraph"] == WEB.split("\n").index(next(ln for ln in WEB.split("\n") if "700112736" in ln)) + 1

    # The terminal report says the same, and a folder walk picks the three files up.
    shown = runner.invoke(main, ["check", ".", "--lang", "zh"])
    assert shown.exit_code == 1
    assert "story.docx" in shown.output and "story.pdf" in shown.output and "story.html" in shown.output
    assert shown.output.count("merged-figures") >= 2 and "3 个文件已检查" in shown.output
    # The editor is told where to look in the files as they hold them.
    assert "story.pdf:5:5 (第1页)" in shown.output and f"(第{in_draft['paragraph']}段)" in shown.output
