"""No input crashes the checker: arbitrary text, figures in odd places, bytes."""
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

from factcheck import check
from factcheck.document import Document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PIECES = ["，", "。", "、", "；", "\n", "\n\n", " ", "％", "%", "万", "亿", "余", "多", "近", "约", "第", "其中", "共",
          "合计", "平均每个", "由", "从", "下降到", "增长到", "增长", "倍", "个百分点", "占", "率", "一是", "二是", "六个",
          "“", "”", "（", "）", "年", "月", "日", "星期三", "至", "-", "—", "户", "人", "名", "个", "村", "元", "县",
          "縣", "全县", "等", "分别是", "和", "0", "1", "7", "12", "2020", "100", "0.5", "1,219.2", "百分之", "四分之一",
          "两", "三", "十", "〇", "９", "IE8", "ICP备17005202号", "贫困村", "贫困人口", "发生率",
          # numerals of the fuller grammar: signs, sections, capitals, spoken ranges, 成/半/元角
          "负", "零下", "1万800", "1亿3千多万", "贰万叁仟", "六七亿", "数十万", "三十几万", "两成半", "两吨半",
          "3元5角", "2万(含)-8万", "３，２１８", "十八大", "十四五", "两个亿", "120km"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=60).map("".join)


@given(st.lists(texts, min_size=1, max_size=3))
@example(["0:000", "0\ue000000"])  # a private-use character like those that mark figures in skeletons
@example(["％0\x1b0", "％0\x1b00\ue000"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_is_checked_without_error(bodies):
    docs = [Document.from_text(f"copy{i}.txt", body) for i, body in enumerate(bodies)]
    report = check(docs, stories=[[d.path for d in docs]] if len(docs) > 1 else [])
    for d in report.diagnostics:
        doc = next(x for x in docs if x.path == d.span.path)
        assert 0 <= d.span.start <= d.span.end <= len(doc.text)
        assert doc.text[d.span.start:d.span.end] == d.span.text


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_bytes_are_read_or_reported(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "x.txt"
    path.write_bytes(data)
    report = check([str(path)])
    assert report.documents or [d.code for d in report.diagnostics] == ["E001"]


@given(st.data())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sample_text_cut_anywhere_is_checked(data):
    text = (SAMPLES / data.draw(st.sampled_from(sorted(p.name for p in SAMPLES.glob("*.txt"))))).read_text("utf-8")
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    check([Document.from_text("cut.txt", text[a:b] + text[:a])])


def test_damaged_pdf_docx_and_html_files_are_read_or_reported(tmp_path, capfd):
    """Files of the new formats with bytes overwritten or cut off anywhere: a Document
    or one E001 each, no exception and no library log noise on the terminal."""
    import random

    from builders import docx_bytes, docx_paragraphs, html_page, pdf_columns, sample

    lines = sample("taobei-2020-03-25.print.txt").split("\n")
    good = {"pdf": pdf_columns(lines[:60]), "docx": docx_bytes(docx_paragraphs(lines[:40])),
            "html": html_page("标题", lines[:30]).encode("utf-8")}
    rng = random.Random(9)
    paths = []
    for ext, data in good.items():
        for i in range(25):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 12)):
                at = rng.randrange(len(damaged))
                damaged[at:at + rng.randint(1, 40)] = rng.randbytes(rng.randint(0, 40))
            if i % 3 == 0:
                damaged = damaged[:rng.randrange(len(damaged))]
            path = tmp_path / f"{ext}{i}.{ext}"
            path.write_bytes(bytes(damaged))
            paths.append(str(path))
    report = check(paths)
    read = {d.path for d in report.documents}
    unreadable = [d.span.path for d in report.diagnostics if d.code == "E001"]
    assert sorted(read | set(unreadable)) == sorted(paths) and not read & set(unreadable)
    assert not [d for d in report.diagnostics if d.code == "E002"]
    assert capfd.readouterr().err == ""
