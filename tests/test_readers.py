"""Readers: encodings, directories, markdown, and files that cannot be read."""
import pytest

from factcheck.readers import ReadError, expand, read_path, read_paths

TEXT = "累计实现7001户12736人稳定脱贫，53个贫困村出列。举全县之力。"


@pytest.mark.parametrize("encoding,reported", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("big5", "big5"), ("utf-16", "utf-16"),
])
def test_encodings_are_detected(tmp_path, encoding, reported):
    text = TEXT if encoding != "big5" else "累計實現7001戶12736人穩定脫貧，53個貧困村出列。舉全縣之力，臺灣與香港的報導。"
    path = tmp_path / "a.txt"
    path.write_bytes((text * 3).encode(encoding))
    doc = read_path(str(path))
    assert not isinstance(doc, ReadError), doc
    assert doc.text == text * 3
    assert doc.encoding == reported


def test_binary_and_missing_files_are_read_errors(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\x00\x01\x02\xff\xfe binary")
    assert isinstance(read_path(str(pdf)), ReadError)
    missing = read_path(str(tmp_path / "nope.txt"))
    assert isinstance(missing, ReadError) and "no such file" in missing.reason


def test_a_stray_nul_in_utf8_text_is_text(tmp_path):
    # a city bulletin exported from a PDF held three NUL bytes in 9,711: it was read as binary
    path = tmp_path / "a.txt"
    path.write_bytes(("全年地区生产总值52.3亿元。\x00" + TEXT * 40).encode("utf-8"))
    doc = read_path(str(path))
    assert not isinstance(doc, ReadError), doc
    assert doc.text.startswith("全年地区生产总值52.3亿元。\x00")
    many = tmp_path / "b.txt"
    many.write_bytes(("增长5%\x00" * 50).encode("utf-8"))
    assert isinstance(read_path(str(many)), ReadError)


def test_directories_are_walked_recursively(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text("# 标题\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text(TEXT, encoding="utf-8")
    found = expand([str(tmp_path)])
    assert [p.split(str(tmp_path))[1] for p in found] == ["/a.txt", "/sub/b.md", "/sub/deeper/c.txt"]
    docs, errors = read_paths([str(tmp_path)])
    assert len(docs) == 3 and not errors


def test_markdown_markup_is_blanked_but_offsets_stay(tmp_path):
    path = tmp_path / "r.md"
    source = "## 洮北区\n\n**累计实现**7001户12736人稳定脱贫，见[报道](http://x.cn/1)。"
    path.write_text(source, encoding="utf-8")
    doc = read_path(str(path))
    assert "**" not in doc.norm and "http" not in doc.norm and "#" not in doc.norm
    start = doc.norm.index("7001户")
    span = doc.span(start, start + 5)
    assert span.text == "7001户" and source[span.start:span.end] == "7001户"


def test_locations_name_the_page_or_paragraph_and_plain_text_has_none():
    from factcheck.document import Document, Locations

    text = "第一页7001户\n第二页12736人\n"
    doc = Document.from_text("x.pdf", text, "pdf", locations=Locations("page", (0, text.index("第二页"))))
    first, second = text.index("7001户"), text.index("12736人")
    assert doc.original_span(first, first + 5).page == 1
    span = doc.original_span(second, second + 6)
    assert span.page == 2 and span.paragraph is None
    assert span.to_dict()["page"] == 2 and "paragraph" not in span.to_dict()
    plain = Document.from_text("x.txt", text).original_span(second, second + 6).to_dict()
    assert "page" not in plain and "paragraph" not in plain  # the JSON of .txt files is unchanged


MARKDOWN_REPORT = """---
title: 洮北区脱贫攻坚
date: 2020-03-25
views: 700112736
---

# 洮北区：累计实现7001户12736人稳定脱贫

据[白城日报](http://www.jlbc.gov.cn/2020/0325/70011.html "第12736期")报道，53个贫困村出列，
详见[原文][1]和<https://bc.gov.cn/a/99999.html>，或 www.bc.gov.cn/2020/88888.html 。
运行 `factcheck check 100%76个.txt` 可复核；![贫困发生率6%](img/2020-0.103.png)

```python
figures = {"贫困人口": 700112736}  # 代码里的数字
```

~~~
100%76个村
~~~

<!-- 编辑注：印刷版作
     7001户12736人 -->

贫困发生率由原来的6%下降到0.103%。

[1]: http://www.jlbc.gov.cn/2020/0325/12345.html "2020年3月25日第5版"
"""


def test_markdown_checks_prose_only(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(MARKDOWN_REPORT, encoding="utf-8")
    doc = read_path(str(path))
    assert len(doc.text) == len(MARKDOWN_REPORT)
    for hidden in ["700112736", "70011", "12345", "99999", "88888", "100%76", "第12736期", "第5版", "python",
                   "figures", "编辑注", "title", "2020-03-25", "http", "img/", ".png", "factcheck check"]:
        assert hidden not in doc.norm, hidden
    for prose in ["洮北区：累计实现7001户12736人稳定脱贫", "白城日报报道，53个贫困村出列", "详见原文和",
                  "贫困发生率6%", "贫困发生率由原来的6%下降到0.103%。"]:
        assert prose in doc.norm, prose
    # Offsets still point into the file, and its figures are found where they are.
    start = doc.norm.index("0.103%")
    span = doc.span(start, start + 6)
    assert MARKDOWN_REPORT[span.start:span.end] == "0.103%" and span.line == MARKDOWN_REPORT[:span.start].count("\n") + 1
    from factcheck import check

    assert not [d for d in check([str(path)]).diagnostics if d.code.startswith("G")]


def test_markdown_fence_rules(tmp_path):
    from factcheck.readers.markdown import blank_markup

    # An unclosed fence runs to the end; a longer closing fence closes; backticks
    # in a ``` info string make it inline code, not a fence; ~~~ is not closed by ```.
    assert blank_markup("正文1\n```\n700112736人\n").strip() == "正文1"
    assert blank_markup("````\n700112736人\n`````\n正文2").strip() == "正文2"
    assert "正文3" in blank_markup("~~~\n```\n700112736人\n~~~\n正文3") and "7001" not in blank_markup(
        "~~~\n```\n700112736人\n~~~\n正文3")
    assert "53个" in blank_markup("```a`b``` 有53个村")


def test_directories_yield_every_format_read(tmp_path):
    for name in ["a.txt", "b.md", "c.html", "d.htm", "e.pdf", "f.docx", "g.PDF", "h.png", "i.doc", "j.xlsx"]:
        (tmp_path / name).write_bytes(b"x")
    found = [p.split(str(tmp_path))[1] for p in expand([str(tmp_path)])]
    assert found == ["/a.txt", "/b.md", "/c.html", "/d.htm", "/e.pdf", "/f.docx", "/g.PDF"]


def test_a_missing_format_library_is_a_read_error_not_a_crash(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pdfminer(name, *args, **kwargs):
        if name.startswith("pdfminer"):
            raise ImportError("No module named 'pdfminer'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pdfminer)
    path = tmp_path / "page.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = read_path(str(path))
    assert isinstance(result, ReadError) and "pdfminer" in result.reason


def test_text_runs_do_not_import_the_format_libraries():
    import subprocess
    import sys

    code = ("import sys, factcheck.cli, factcheck; factcheck.check([factcheck.Document.from_text('a.txt', '53个村')]);"
            "print(sorted({'trafilatura', 'pdfminer', 'docx', 'lxml', 'factcheck.readers.pdf',"
            " 'factcheck.readers.html', 'factcheck.readers.docx'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
