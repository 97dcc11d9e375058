"""PDF print pages: reading order across columns and pages, CJK text, the page in
diagnostics, and a scanned page reported instead of passed."""
import pytest

from builders import pdf_columns, pdf_letter_spaced, pdf_scanned, sample
from factcheck import check
from factcheck.readers import ReadError, read_path
from factcheck.readers.pdf import _fold

PRINT = sample("taobei-2020-03-25.print.txt")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def test_print_page_in_three_columns_reads_in_order(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(pdf_columns(PRINT.split("\n"), columns=3, per_column=45))
    doc = read_path(str(path))
    assert not isinstance(doc, ReadError), doc
    # Every printed line, in the order of the print copy: down each column, then across.
    assert _lines(doc.text) == _lines(PRINT)
    assert doc.wrapped  # hard-wrapped print text, joined again in the normalised view
    assert "7001户12736人稳定脱贫" in doc.norm


def test_headline_across_the_columns_comes_first(tmp_path):
    body = ["第一栏第一行，累计实现", "7001 户 12736 人稳定", "脱贫。", "第二栏第一行，53个贫", "困村出列。"]
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf_columns(body, columns=2, per_column=3, headline="洮北区助力贫困群众走向美好生活"))
    doc = read_path(str(path))
    assert _lines(doc.text) == ["洮北区助力贫困群众走向美好生活", *body]


def test_diagnostics_name_the_page(tmp_path):
    lines = PRINT.split("\n")
    path = tmp_path / "story.pdf"
    path.write_bytes(pdf_columns(lines, columns=2, per_column=40))  # 197 lines: three pages
    doc = read_path(str(path))
    assert doc.locations.kind == "page" and len(doc.locations.starts) == 3
    at = doc.text.index("100%，76个村实现")  # line 137 of the print copy: the second page
    assert doc.original_span(at, at + 3).page == 2
    first = doc.text.index("7001 户")
    assert doc.original_span(first, first + 6).page == 1


def test_scanned_pdf_is_an_unreadable_file_not_an_empty_pass(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_scanned())
    result = read_path(str(path))
    assert isinstance(result, ReadError) and "no text layer" in result.reason
    report = check([str(path)])
    assert [d.code for d in report.diagnostics] == ["E001"]
    assert "no text layer" in report.diagnostics[0].message and "OCR" in report.diagnostics[0].message


def test_damaged_pdf_is_a_read_error(tmp_path):
    good = pdf_columns(["累计实现7001户12736人稳定脱贫。"])
    path = tmp_path / "cut.pdf"
    path.write_bytes(good[: len(good) // 3])
    assert isinstance(read_path(str(path)), ReadError)
    path.write_bytes(b"<html>not a pdf</html>")
    assert "not a PDF" in read_path(str(path)).reason
    path.write_bytes(b"\r\n%!junk from a mail gateway\r\n" + good)  # header after some bytes: still read
    assert "7001户12736人" in read_path(str(path)).text


@pytest.mark.parametrize("lookalike,ideograph", [("\u2f08", "人"), ("\u2f47", "日"), ("\uf907", "龜")])
def test_radical_and_compatibility_forms_fold_to_the_ideograph(lookalike, ideograph):
    text = f"12736{lookalike}稳定脱贫"
    folded = _fold(text)
    assert folded == f"12736{ideograph}稳定脱贫" and len(folded) == len(text)


@pytest.mark.parametrize("char_space", [0, 1.5, 3])
def test_letter_spaced_lines_keep_their_numbers_whole(tmp_path, char_space):
    lines = ["累计实现7001户12736人稳定脱贫，贫困发生率由6%下降到0.103%。", "累计实现 7001 户 12736 人稳定脱贫"]
    path = tmp_path / "spaced.pdf"
    path.write_bytes(pdf_letter_spaced(lines, char_space))
    doc = read_path(str(path))
    assert _lines(doc.text) == lines  # no space put between 7 0 0 1; the PDF's own spaces kept


# A story set over two pages, its sentence running on over the page break.
RUNS_ON = ["洮北区累计实现7001户", "12736人稳定脱贫，53个", "贫困村全部出列。",
           "农村公路硬化率达到", "100%，76个村实现", "村村通客车。"]


@pytest.mark.parametrize("header,footer", [
    ("吉林日报 2020年3月25日 星期三 第{page}版", None),
    (None, "- {page} -"),
    ("洮北区助力贫困群众走向美好生活", "第 {page} 页"),
])
def test_running_headers_and_page_numbers_are_not_the_story(tmp_path, header, footer):
    path = tmp_path / "print.pdf"
    path.write_bytes(pdf_columns(RUNS_ON, columns=1, per_column=3, header=header, footer=footer))
    doc = read_path(str(path))
    assert len(doc.locations.starts) == 2
    kept = [] if header is None else [header.format(page=1)]  # the masthead over the first page
    assert _lines(doc.text) == kept + RUNS_ON


def test_a_sentence_runs_on_over_the_page_break_past_the_running_header(tmp_path):
    lines = PRINT.split("\n")  # 197 printed lines: four pages
    plain, headed = tmp_path / "plain.pdf", tmp_path / "headed.pdf"
    plain.write_bytes(pdf_columns(lines, columns=1, per_column=50))
    headed.write_bytes(pdf_columns(lines, columns=1, per_column=50, header="吉林日报 2020年3月25日 第{page}版",
                                   footer="- {page} -"))
    plain_doc, headed_doc = read_path(str(plain)), read_path(str(headed))
    masthead = "吉林日报 2020年3月25日 第1版\n"
    assert headed_doc.text == masthead + plain_doc.text
    assert headed_doc.wrapped and headed_doc.norm.endswith(plain_doc.norm)


def test_a_running_header_that_repeats_the_headline_is_no_pasted_copy(tmp_path):
    title = "洮北区助力贫困群众走向美好生活"
    path = tmp_path / "print.pdf"
    path.write_bytes(pdf_columns(RUNS_ON, columns=1, per_column=3, headline=title, header=title))
    assert [d.name for d in check([str(path)]).diagnostics if d.name == "duplicated-text"] == []
    assert _lines(read_path(str(path)).text) == [title, title] + RUNS_ON  # masthead and headline


def test_a_line_at_one_page_edge_only_is_kept(tmp_path):
    path = tmp_path / "print.pdf"
    path.write_bytes(pdf_columns(RUNS_ON, columns=1, per_column=3, header="第一部分 脱贫攻坚"))
    lines = _lines(read_path(str(path)).text)
    assert lines[0] == "第一部分 脱贫攻坚" and lines.count("第一部分 脱贫攻坚") == 1  # page 2 drops its copy
    one_page = tmp_path / "one.pdf"
    one_page.write_bytes(pdf_columns(RUNS_ON, columns=1, per_column=10, header="第一部分 脱贫攻坚"))
    assert _lines(read_path(str(one_page)).text) == ["第一部分 脱贫攻坚"] + RUNS_ON
