"""Word drafts: the text as the draft now reads (tracked deletions out, insertions
in), comments and field codes not mistaken for it, and the paragraph in diagnostics."""
from builders import docx_bytes, docx_paragraphs, raw_runs, tracked
from factcheck.readers import ReadError, read_path


def _read(tmp_path, document, name="draft.docx"):
    path = tmp_path / name
    path.write_bytes(docx_bytes(document))
    doc = read_path(str(path))
    assert not isinstance(doc, ReadError), doc
    return doc


def test_paragraphs_are_lines_and_diagnostics_name_the_paragraph(tmp_path):
    document = docx_paragraphs(["洮北区:勠力同心拔穷根", "", "历经四年鏖战，累计实现700112736人稳定脱贫。"])
    doc = _read(tmp_path, document)
    assert doc.text == "洮北区:勠力同心拔穷根\n\n历经四年鏖战，累计实现700112736人稳定脱贫。"
    at = doc.text.index("700112736人")
    span = doc.original_span(at, at + 10)
    assert span.paragraph == 3 and span.line == 3 and span.page is None
    assert span.to_dict()["paragraph"] == 3
    # A paragraph with a soft line break (w:br) is still one paragraph.
    document = docx_paragraphs(["第一段"])
    document.add_paragraph("第二段上半").add_run().add_break()
    document.paragraphs[-1].add_run("下半，53个贫困村出列。")
    doc = _read(tmp_path, document, "breaks.docx")
    at = doc.text.index("53个")
    assert doc.text.split("\n") == ["第一段", "第二段上半", "下半，53个贫困村出列。"]
    assert doc.original_span(at, at + 3).paragraph == 2 and doc.original_span(at, at + 3).line == 3


def test_tracked_deletions_are_gone_and_insertions_are_read(tmp_path):
    document = docx_paragraphs([])
    p = document.add_paragraph("累计实现7001户")
    tracked(p, "del", "12763人")     # the reporter's figure, struck out by the editor
    tracked(p, "ins", "12736人")     # the editor's correction
    p.add_run("稳定脱贫，")
    tracked(p, "moveFrom", "53个贫困村出列，")
    tracked(p, "moveTo", "贫困发生率降到0.103%。")
    doc = _read(tmp_path, document)
    assert doc.text == "累计实现7001户12736人稳定脱贫，贫困发生率降到0.103%。"
    assert "12763" not in doc.norm and "53个" not in doc.norm


def test_a_text_box_fallback_copy_is_not_read_twice(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx_paragraphs(["第一段，53个贫困村出列。"])
    # Word writes a text box twice: the DrawingML choice and a VML fallback copy.
    document.element.body.insert(0, parse_xml(
        f'<w:p {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>框内：6%</w:t></mc:Choice>'
        '<mc:Fallback><w:p><w:r><w:t>框内：6%</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p>'))
    doc = _read(tmp_path, document)
    assert doc.text.count("框内：6%") == 1


def test_comments_field_codes_and_hidden_text_are_not_the_text(tmp_path):
    document = docx_paragraphs(["稿件："])
    p = document.paragraphs[-1]
    run = p.add_run("累计实现7001户12736人稳定脱贫。")
    if hasattr(document, "add_comment"):  # python-docx >= 1.2
        document.add_comment(run, text="核对：印刷版为7001户12736人，网页版为700112736人", author="编辑",
                             initials="BJ")
    # A hyperlink field: its code (with a URL full of digits) is not text, its result is.
    raw_runs(p, '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://www.jlbc.gov.cn/2020/0325/12345.html" </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                '<w:r><w:t>原文链接</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏：99999人</w:t></w:r>')
    path = tmp_path / "draft.docx"
    path.write_bytes(docx_bytes(document))
    doc = read_path(str(path))
    assert doc.text == "稿件：累计实现7001户12736人稳定脱贫。原文链接"
    import zipfile

    if hasattr(document, "add_comment"):
        assert "700112736" in zipfile.ZipFile(path).read("word/comments.xml").decode()


def test_tables_are_read_in_document_order(tmp_path):
    document = docx_paragraphs(["表前一段。"])
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "贫困人口"
    table.cell(0, 1).text = "7001户12736人"
    document.add_paragraph("表后一段。")
    doc = _read(tmp_path, document)
    assert doc.text.split("\n") == ["表前一段。", "贫困人口", "7001户12736人", "表后一段。"]
    at = doc.text.index("7001户")
    assert doc.original_span(at, at + 5).paragraph == 3


def test_not_a_word_file_is_a_read_error(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert isinstance(read_path(str(path)), ReadError)
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "累计实现")
    result = read_path(str(path))
    assert isinstance(result, ReadError) and "docx" in result.reason
