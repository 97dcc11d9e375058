"""The terminal report: readable without colour, within 80 columns, carets under spans."""
from __future__ import annotations

import io

from hypothesis import given, settings, strategies as st
from rich.cells import cell_len
from rich.console import Console

from factcheck.api import Report
from factcheck.document import Document, Span
from factcheck.figures import Figure
from factcheck.readers import ReadError
from factcheck.report.terminal import render, render_explanation, render_figures, render_rules, window
from factcheck.rules import Diagnostic, Related, Rule, Scope, Severity
from factcheck.stories import Clause, ClausePair, FigurePair, Story
from factcheck.testing import Case

WEB = "标题\n洮北区建档立卡贫困人口累计实现700112736人稳定脱贫，贫困村通屯硬化率达到100%76个村实现户户通。\n"
PRINT = "洮北区建档立卡贫困人口累计实现 7001 户 12736 人稳定脱贫，\n贫困村通屯硬化率达到100%，76个村实现户户通。\n"
LONG = ("近年来，" * 30) + "全区累计实现700112736人稳定脱贫" + ("，群众满意度持续提升" * 20) + "\n"


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=80, force_terminal=False, color_system=None), out


def span_of(doc: Document, needle: str) -> Span:
    start = doc.text.index(needle)
    return doc.original_span(start, start + len(needle))


def check_plain(text: str) -> None:
    assert "\x1b[" not in text
    for line in text.splitlines():
        assert cell_len(line) <= 80, line


def caret_under(text: str, needle: str) -> None:
    """The caret line right after the source line holding ``needle`` starts under it."""
    lines = text.splitlines()
    i = next(i for i, line in enumerate(lines) if needle in line and " | " in line)
    source, carets = lines[i], lines[i + 1]
    col = cell_len(source[:source.index(needle)])
    assert cell_len(carets[:carets.index("^")]) == col
    assert carets.count("^") == cell_len(needle)


def fig(doc: Document, text: str, value: float, unit: str, kind: str = "count") -> Figure:
    norm = text.replace(" ", "")
    start = doc.norm.index(norm)
    return Figure(doc.path, start, start + len(norm), norm, value, unit, kind, None, None, None,
                  "洮北区", (0, 0), None, doc.norm)


def build_report() -> Report:
    web = Document.from_text("samples/x.web.txt", WEB)
    prt = Document.from_text("samples/x.print.txt", PRINT)
    long = Document.from_text("samples/long.txt", LONG)
    clean = Document.from_text("samples/clean.txt", "今天天气很好。\n")
    merged = Diagnostic("G101", "merged-figures", Severity.ERROR,
                        "“700112736人”疑为两个数字粘连：印刷版作“7001户12736人”（户数、人数）",
                        span_of(web, "700112736人"), "7001户12736人",
                        (Related(span_of(prt, "7001 户 12736 人"), "印刷版"),))
    sep = Diagnostic("G102", "missing-separator", Severity.WARNING, "“100%76个”之间疑缺标点",
                     span_of(web, "100%76个"), None)
    far = Diagnostic("G101", "merged-figures", Severity.ERROR, "远处的粘连数字",
                     span_of(long, "700112736人"), "7001户12736人")
    unreadable = Diagnostic("E001", "unreadable-file", Severity.ERROR, "无法读取文件：no such file",
                            Span("missing.txt", 0, 0, "", 1, 1, 1, 1))
    a_clause = Clause(web, 0, 0, [])
    pairs = [FigurePair(fig(web, "700112736人", 700112736, "人"), fig(prt, "12736 人", 12736, "人")),
             FigurePair(fig(web, "100%", 100, "%", "percent"), fig(prt, "100%", 100, "%", "percent")),
             FigurePair(None, fig(prt, "7001 户", 7001, "户"))]
    pairs += [FigurePair(fig(web, "76个", 76, "个"), fig(prt, "76个", 76, "个")) for _ in range(45)]
    story = Story([web, prt], 0.81, {(web.path, prt.path): [ClausePair(a_clause, a_clause, 90.0, pairs)]})
    diagnostics = sorted([merged, sep, far, unreadable], key=Diagnostic.sort_key)
    return Report([web, prt, long, clean], {}, [story], diagnostics, [ReadError("missing.txt", "no such file")])


def test_check_report_is_plain_and_complete():
    con, out = console()
    render(build_report(), con)
    text = out.getvalue()
    check_plain(text)
    assert "G101 merged-figures" in text and "G102 missing-separator" in text
    assert "samples/x.web.txt:2:16" in text
    assert "疑为两个数字粘连" in text
    assert "建议：7001户12736人" in text
    assert "samples/x.print.txt:1:17" in text and "“7001 户 12736 人”" in text
    assert "错误" in text and "警告" in text
    assert "无法读取文件" in text and "missing.txt" in text
    assert "samples/clean.txt" in text
    assert "4 个文件已检查" in text and "1 个文件无法读取" in text


def test_carets_sit_under_the_span():
    con, out = console()
    render(build_report(), con)
    text = out.getvalue()
    caret_under(text, "700112736人")
    caret_under(text, "100%76个")


def test_long_lines_are_cropped_around_the_span():
    con, out = console()
    render(build_report(), con)
    text = out.getvalue()
    check_plain(text)
    source = next(line for line in text.splitlines() if "远处" not in line and "全区累计实现700112736人" in line)
    assert "..." in source
    shown, s, e = window(LONG.rstrip(), LONG.index("7001"), LONG.index("人稳") + 1, 40)
    assert cell_len(shown) <= 40 and shown[s:e] == "700112736人"


def test_story_table_marks_agreement():
    con, out = console()
    render(build_report(), con)
    text = out.getvalue()
    assert "网页版" in text and "印刷版" in text and "0.81" in text
    assert "✗" in text and "✓" in text and "·" in text and "—" in text
    assert "另有 8 行未列出" in text  # 48 rows, 40 shown, the disagreement kept


def test_figures_rules_and_explanation():
    web = Document.from_text("samples/x.web.txt", WEB)
    con, out = console()
    render_figures([web], {web.path: [fig(web, "700112736人", 700112736, "人")]}, con)

    class Merged(Rule):
        code, name, severity, scope = "G101", "merged-figures", Severity.ERROR, Scope.DOCUMENT
        summary = "两个数字粘连成一个"
        explanation = "What it does: finds 700112736人."

        def check_document(self, doc, figures, ctx):  # a rule must define the check of its scope
            return ()

    render_rules([Merged], con)
    cases = [Case("pass", "ok", ["7001户12736人"], ["a.txt"]),
             Case("fail", "fused", ["实现700112736人", "实现7001户12736人"], ["a.web.txt", "a.print.txt"],
                  covers="700112736人")]
    render_explanation(Merged, cases, con)
    text = out.getvalue()
    check_plain(text)
    assert "2:16" in text and "700112736" in text and "计数" in text  # the kind in the user's language
    assert "两个数字粘连成一个" in text and "What it does" in text
    assert "通过" in text and "报错" in text and "实现700112736人 | 实现7001户12736人" in text


def test_findings_of_a_file_are_listed_strongest_evidence_first():
    """Another copy's evidence, then the text's own arithmetic, then plausibility alone."""
    from factcheck import Document, check
    from factcheck.rules import Evidence, Rule

    class Three(Rule):
        code, name, summary, explanation = "Z950", "three-findings", "x", "x"

        def check_document(self, doc, figures, ctx):
            yield self.diagnostic(doc, 0, 1, "甲", evidence=Evidence.PLAUSIBILITY)
            yield self.diagnostic(doc, 1, 2, "乙")
            yield self.diagnostic(doc, 2, 3, "丙", evidence=Evidence.COPY)

    report = check([Document.from_text("a.txt", "一二三四五。")], rules=[Three])
    con, buffer = console()
    render(report, con)
    out = buffer.getvalue()
    assert out.index("丙") < out.index("乙") < out.index("甲")
    assert {d.message: d.severity.label for d in report.diagnostics}["甲"] == "warning"


def test_a_finding_with_many_related_places_lists_a_few_and_counts_the_rest():
    """A sentence standing forty times is one duplicated-text finding with 39 places beside it:
    the report for people lists five and says how many more the JSON holds."""
    from factcheck import Document, check
    from factcheck.report import render as render_format
    from checks.garbling import DuplicatedText

    sentence = "全县累计减贫12960户50990人，贫困发生率从2015年的15.01%降至2019年的0.24%。"
    report = check([Document.from_text("a.txt", "\n".join([sentence] * 40))], rules=[DuplicatedText])
    [finding] = report.diagnostics
    assert len(finding.related) == 39
    con, buffer = console()
    render(report, con)
    out = buffer.getvalue()
    assert out.count("又一次重复") == 4 and out.count("首次出现") == 1 and "另有34处" in out
    assert "另有34处" in render_format(report, "github") and "另有34处" in render_format(report, "html")
    assert render_format(report, "json").count("又一次重复") == 38


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="数字的一二三abc 12%，。", max_size=300), st.data())
def test_a_window_fits_shows_its_span_and_cannot_grow(line, data):
    start = data.draw(st.integers(0, len(line)))
    end = data.draw(st.integers(start, min(len(line), start + 40)))
    width = data.draw(st.integers(10, 120))
    shown, s, e = window(line, start, end, width)
    left = 3 if shown.startswith("...") else 0  # (the alphabet holds no dot: a dot is a mark)
    right = 3 if shown.endswith("...") and len(shown) >= left + 3 else 0
    a = start - (s - left)  # where the shown piece of the line starts and ends
    b = a + len(shown) - left - right
    assert line[a:b] == shown[left:len(shown) - right] and (left > 0) == (a > 0) and (right > 0) == (b < len(line))
    assert shown[s:e] == line[start:end][:e - s]
    if cell_len(line[start:end]) + 6 <= width:  # the span and both marks fit: all of it shows, within the width
        assert shown[s:e] == line[start:end] and cell_len(shown) <= width

        def width_of(lo: int, hi: int) -> int:
            return (3 if lo > 0 else 0) + cell_len(line[lo:hi]) + (3 if hi < len(line) else 0)
        # and no character more on either side would fit
        assert a == 0 or width_of(a - 1, b) > width
        assert b == len(line) or width_of(a, b + 1) > width


def test_a_story_of_many_copies_names_a_few_and_gives_its_odd_copy_a_column():
    from factcheck import check

    sentence = "全区129个行政村{}处安全饮水工程得到改造和提升。88个村级卫生室得到新建和改建。"
    texts = {f"c{i:02d}.txt": sentence.format(401 if i == 9 else 410) for i in range(12)}
    report = check([Document.from_text(p, t) for p, t in texts.items()], stories=[list(texts)])
    con, out = console()
    render(report, con)
    shown = out.getvalue()
    heading = shown[shown.index("同一报道"):shown.index("相似度")]
    assert "c05.txt" in heading and "c06.txt" not in heading and "共 12 个版本" in heading
    header = next(line for line in shown.splitlines() if "指标" in line)
    assert header.split()[:-1] == ["c00.txt", "c01.txt", "c02.txt", "c03.txt", "c04.txt", "c09.txt"]
    lines = shown.splitlines()
    row = next(k for k, line in enumerate(lines) if "401处" in line and "✗" in line)
    assert "c09" in lines[row] + lines[row + 1]  # the odd copy named (its name may wrap under the mark)
    assert "另有 6 个版本未列为一列" in shown


def pending_text(shown: Console, emit) -> str:
    """What ``emit()`` adds to a report being rendered, as the report writes it."""
    import factcheck.report.terminal as terminal

    terminal._PENDING = []
    try:
        emit()
        return terminal._lines_text(shown, terminal._PENDING)
    finally:
        terminal._PENDING = None


PROSE_PART = st.lists(st.sampled_from(list("增长率达到，。、“”（）《》 12３4.%万亿个百分点abc-+/:;!?…—\n\t")
                                      + ["\u3400", "😀", "\u200b", "\u0301", "\u200d", "\ufe0f", "   "]),
                      max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(PROSE_PART, st.sampled_from([None, "bold", "cyan", "bold green"])), max_size=5),
       st.integers(1, 90), st.sampled_from([None, "truecolor"]))
def test_a_findings_lines_made_without_rich_are_the_lines_rich_makes(parts, width, colours):
    """A finding's prose is wrapped into plain lines and spans (a long report's time went to
    making rich Texts): shown, they are what rich's own Text gives, plain and in colour."""
    import factcheck.report.terminal as terminal
    from factcheck.report.wrap import Prose

    shown = Console(file=io.StringIO(), width=width, force_terminal=colours is not None, color_system=colours)

    made = pending_text(shown, lambda: terminal._emit_prose(shown, parts, 2))
    assert made == pending_text(shown, lambda: terminal._emit(shown, Prose.assemble(*parts), 2))


@settings(max_examples=300, deadline=None)
@given(PROSE_PART, st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45), st.sampled_from(["bold", "cyan", "dim"])),
                            max_size=3), st.integers(1, 90), st.sampled_from([None, "truecolor"]))
def test_a_styled_line_made_without_rich_is_the_line_rich_makes(text, spans, width, colours):
    import factcheck.report.terminal as terminal

    shown = Console(file=io.StringIO(), width=width, force_terminal=colours is not None, color_system=colours)

    assert pending_text(shown, lambda: terminal._emit_styled(shown, text, spans, 1)) \
        == pending_text(shown, lambda: terminal._emit(shown, terminal._rich((text, spans)), 1))
