"""Realistic garbles injected into real sentences are found; clean text and
harmless rewrites raise nothing."""
import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from checks.copies import FigureMismatch
from checks.garbling import DuplicatedText, MergedFigures, MissingSeparator
from factcheck import check
from factcheck.document import Document
from factcheck.figures import extract

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PRINT = (SAMPLES / "taobei-2020-03-25.print.txt").read_text(encoding="utf-8")
GARBLE_RULES = [MergedFigures, MissingSeparator, FigureMismatch]

# Real sentences that state households and persons together ({h}户{p}人).
HOUSEHOLD_SENTENCES = [
    "{place}建档立卡贫困人口累计实现{h}户{p}人稳定脱贫，53个贫困村出列。",
    "会上，县委书记回顾了{place}五年来脱贫攻坚工作，全县累计减贫{h}户{p}人。",
    "截至2018年底，{place}3年完成贫困人口退出{h}户{p}人，贫困发生率下降到0.06%。",
    "{place}探索了易地扶贫搬迁模式，覆盖建档立卡贫困户{h}户{p}人。",
]
# Real sentences with a percentage followed by a count in the next clause.
SEPARATED_SENTENCES = [
    "全区村屯道路硬化率达到87%，贫困村通屯硬化率达到{r}%，{n}个村实现户户通。",
    "贫困人口参合率达到{r}%，{n}家定点医疗机构全部实行“先诊疗、后付费”。",
    "90%以上的村较好完成了村屯环境整治工作，安全饮水达标率{r}%，{n}个行政村全部达到标准。",
]
COUNTIES = ["洮北区", "镇赉县", "田东县", "通榆县"]


def run(rules, *texts, names=("a.web.txt", "b.print.txt")):
    docs = [Document.from_text(name, text) for name, text in zip(names, texts)]
    return check(docs, rules=rules, stories=[list(names)] if len(docs) > 1 else []).diagnostics


households = st.integers(100, 99999)
ratio = st.floats(1.3, 5.5)


@given(st.sampled_from(HOUSEHOLD_SENTENCES), st.sampled_from(COUNTIES), households, ratio)
@settings(max_examples=150, deadline=None)
def test_lost_household_unit_is_found_with_the_other_copy(template, place, h, r):
    p = int(h * r)
    clean = template.format(place=place, h=h, p=p)
    fused = clean.replace(f"{h}户{p}人", f"{h}{p}人")
    found = [d for d in run([MergedFigures], fused, clean) if d.span.path == "a.web.txt"]
    assert [(d.span.text, d.suggestion) for d in found] == [(f"{h}{p}人", f"{h}户{p}人")]


@given(st.sampled_from(HOUSEHOLD_SENTENCES), st.sampled_from(COUNTIES), st.integers(1000, 99999), ratio)
@settings(max_examples=150, deadline=None)
def test_lost_household_unit_is_found_in_one_county_report(template, place, h, r):
    p = int(h * r)
    fused = template.format(place=place, h=h, p=p).replace(f"{h}户{p}人", f"{h}{p}人")
    found = run([MergedFigures], fused, names=("r.txt",))
    # a split is only offered when exactly one split is plausible, and then it is the true one
    assert all(d.suggestion == f"{h}户{p}人" for d in found)
    assert [d.span.text for d in found] in ([f"{h}{p}人"], [])
    digits = f"{h}{p}"
    plausible = [k for k in range(1, len(digits)) if not digits[k:].startswith("0")
                 and 1 <= int(digits[k:]) / int(digits[:k]) <= 6]
    if len(plausible) == 1:
        assert found, fused


# Real sentences of government work reports (2026) where a count after its noun, or after
# 达/调整为, closes a clause and the next clause opens with a count of its own: {a}{u}，{b}{v}.
CLAUSE_PAIR_SENTENCES = [
    ("恒丰银行稳健发展，新增上市公司{a}家，{b}家村镇银行完成改革任务。", "家"),
    ("国家卓越级智能工厂达{a}个，{b}家企业通过国家两化融合贯标。", "个"),
    ("省财政直管县调整优化为{a}个，{b}个强县参照直管县管理。", "个"),
    ("城中村改造8.8万套，更新改造燃气管道{a}公里，{b}个小区完成临时用电治理。", "公里"),
]


@given(st.sampled_from(CLAUSE_PAIR_SENTENCES), st.integers(10, 9999), st.integers(10, 999))
@settings(max_examples=80, deadline=None)
def test_two_clauses_counts_run_together_are_found(template, a, b):
    sentence, unit = template
    written = sentence.format(a=a, b=b)
    assert not run([MergedFigures], written, names=("r.txt",))
    fused = written.replace(f"{a}{unit}，{b}", f"{a}{b}")
    found = run([MergedFigures], fused, names=("r.txt",))
    assert [d.span.text[:len(f"{a}{b}")] for d in found] == [f"{a}{b}"], fused


@given(st.sampled_from(SEPARATED_SENTENCES), st.integers(50, 100), st.integers(2, 999))
@settings(max_examples=100, deadline=None)
def test_deleted_separator_after_a_percentage_is_found(template, r, n):
    clean = template.format(r=r, n=n)
    garbled = clean.replace(f"{r}%，{n}", f"{r}%{n}")
    assert garbled != clean
    assert not run([MissingSeparator], clean, names=("r.txt",))
    found = run([MissingSeparator], garbled, names=("r.txt",))
    assert [d.span.text for d in found] == [f"{r}%{n}" + re.match(r"\D", template.split("{n}")[1]).group(0)]


# Real sentences where a figure ends one clause and a noun opens the next.
RUN_ON_SENTENCES = [
    "一般公共预算收入完成89138万元，增长{r}%，上级补助405490万元。",
    "全年粮食产量52.3万吨，比上年增长{r}%，粮食播种面积稳定在1.3亿亩以上。",
]


@given(st.sampled_from(RUN_ON_SENTENCES), st.integers(2, 99), st.integers(3, 12), st.data())
@settings(max_examples=40, deadline=None)
def test_a_clause_run_on_in_one_copy_is_one_finding_however_many_copies_separate_it(template, r, copies, data):
    clean = template.format(r=r)
    garbled = clean.replace(f"{r}%，", f"{r}%", 1)
    odd = data.draw(st.integers(0, copies - 1))
    texts = [garbled if k == odd else clean for k in range(copies)]
    found = run([MissingSeparator], *texts, names=[f"c{k:02d}.txt" for k in range(copies)])
    assert [(d.span.path, d.span.text) for d in found] == [(f"c{odd:02d}.txt", f"{r}%" + clean.split(f"{r}%，")[1][0])]
    first_other = 1 if odd == 0 else 0  # the evidence: the first other copy in the story's order
    assert [e.span.path for e in found[0].related] == [f"c{first_other:02d}.txt"]


# Harmless rewrites of a copy: what PDF extraction and web publishing do.
def to_chinese_small(text):
    digits = "零一二三四五六七八九"
    return re.sub(r"(?<![\d.])([1-9])(?=[年类项])", lambda m: digits[int(m.group(1))], text)


def spaces_around_digits(text):
    return re.sub(r"(\d+(?:\.\d+)?)", r" \1 ", text)


def half_width(text):
    return text.replace("，", ",").replace("；", ";").replace("：", ":")


def hard_wrap(text, width=15):
    flat = text.replace("\n", "")
    return "\n".join(flat[i:i + width] for i in range(0, len(flat), width))


def drop_quotes(text):
    return re.sub(r"[“”]", "", text)


REWRITES = [to_chinese_small, spaces_around_digits, half_width, hard_wrap, drop_quotes]
PARAGRAPHS = [p.replace("\n", "") for p in re.split(r"\n\s*\n", PRINT) if len(p) > 60]


@given(st.lists(st.sampled_from(REWRITES), min_size=1, max_size=5, unique=True))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_harmless_rewrites_raise_nothing(rewrites):
    clean = "\n\n".join(PARAGRAPHS)
    copy = clean
    for rewrite in rewrites:
        copy = rewrite(copy)
    assert not run(GARBLE_RULES, clean, copy)


def _retypable_figures():
    doc = Document.from_text("b.print.txt", "\n\n".join(PARAGRAPHS))
    keys = {}
    for f in extract(doc):
        keys[f] = f.kind in ("count", "amount", "percent") and len(f.digits) >= 2
    return doc, [f for f, ok in keys.items() if ok]


RETYPE_DOC, RETYPABLE = _retypable_figures()


@given(st.sampled_from(RETYPABLE), st.data())
@settings(max_examples=60, deadline=None)
def test_a_retyped_digit_is_found(figure, data):
    text = RETYPE_DOC.norm
    positions = [i for i in range(figure.start, figure.end) if text[i].isdigit()]
    pos = data.draw(st.sampled_from(positions))
    new_digit = data.draw(st.sampled_from([d for d in "0123456789" if d != text[pos]]))
    assume(not (pos == figure.start and new_digit == "0"))
    retyped = text[:pos] + new_digit + text[pos + 1:]
    found = run([FigureMismatch], retyped, text)
    spans = [(d.span.start, d.span.end) for d in found]
    assert (figure.start, figure.end) in spans, (figure.text, retyped[figure.start:figure.end], found)


@given(st.sampled_from(SEPARATED_SENTENCES), st.integers(50, 100), st.integers(2, 999))
@settings(max_examples=60, deadline=None)
def test_a_lost_percentage_is_found(template, r, n):
    from checks.garbling import MissingFigure

    clean = template.format(r=r, n=n)
    garbled = clean.replace(f"{r}%，{n}", f"%，{n}")
    assert not run([MissingFigure], clean, names=("r.txt",))
    found = run([MissingFigure], garbled, names=("r.txt",))
    assert [d.span.text for d in found] == ["%"]


@given(st.integers(1, 99), st.integers(1, 9), st.sampled_from(["·", "、"]))
@settings(max_examples=60, deadline=None)
def test_a_mistyped_decimal_point_is_found(whole, tenth, mark):
    from checks.garbling import MalformedNumber

    clean = f"泾源县境内六盘山地区被列为国家级自然保护区，森林覆盖率达{whole}.{tenth}%。"
    assert not run([MalformedNumber], clean, names=("r.txt",))
    found = run([MalformedNumber], clean.replace(".", mark), names=("r.txt",))
    assert [(d.span.text, d.suggestion) for d in found] == [(f"{whole}{mark}{tenth}", f"{whole}.{tenth}")]


# --- G106 malformed-number: garbles of form -----------------------------------------------------

@given(st.integers(1, 99), st.integers(1, 9), st.sampled_from(["千", "百", ""]))
@settings(max_examples=60, deadline=None)
def test_a_hundred_million_turned_to_ten_thousand_inside_a_number_is_found(high, low, place):
    from checks.garbling import MalformedNumber

    clean = f"预计整个雪季，游客将增长10%以上，达到{high}亿{low}{place}万人次。"
    assert not run([MalformedNumber], clean, names=("r.txt",))
    found = run([MalformedNumber], clean.replace("亿", "万"), names=("r.txt",))
    assert [(d.span.text, d.suggestion) for d in found] == [(f"{high}万{low}{place}万", f"{high}亿{low}{place}万")]


@settings(max_examples=40, deadline=None)
@given(whole=st.integers(min_value=1, max_value=999), tenths=st.integers(min_value=1, max_value=99))
def test_a_point_typed_as_a_full_stop_or_cut_by_a_paragraph_break(whole, tenths):
    from checks.garbling import MalformedNumber

    def found(text):
        return {d.suggestion for d in check([Document.from_text("t.txt", text)], rules=[MalformedNumber]).diagnostics}

    share = f"{whole}.{tenths}"
    assert not found(f"全县居民消费价格上涨{share}%，其中食品价格上涨2.9%。")
    assert found(f"全县居民消费价格上涨{whole}。{tenths}%，其中食品价格上涨2.9%。") == {share}
    assert found(f"全县居民消费价格上涨{whole}.\n\n{tenths}%，其中食品价格上涨2.9%。") == {share}


@settings(max_examples=40, deadline=None)
@given(whole=st.integers(min_value=1, max_value=9999), hundredths=st.integers(min_value=1, max_value=99),
       unit=st.sampled_from(["%", "万人次", "亿元", "万亩"]))
def test_a_point_or_percent_sign_typed_twice_is_found(whole, hundredths, unit):
    from checks.garbling import MalformedNumber

    def found(text):
        return [(d.span.text, d.suggestion)
                for d in check([Document.from_text("t.txt", text)], rules=[MalformedNumber]).diagnostics]

    written = f"{whole}.{hundredths:02d}"
    sentence = "十年间，我国实际使用外资突破到1.15万亿元，增长{}{}，自2017年起，连续五年位居全球第二位。"
    assert not found(sentence.format(written, unit))
    assert found(sentence.format(written.replace(".", ".."), unit)) == [(written.replace(".", ".."), written)]
    if unit == "%":
        assert found(sentence.format(written, "%%")) == [(written + "%%", written + "%")]

# paragraphs not cut by a page's end, after one that is not
_ENDED = [p.endswith(("。", "！", "？")) for p in PARAGRAPHS]
WHOLE = [i for i, ended in enumerate(_ENDED) if ended and (i == 0 or _ENDED[i - 1])]


def _wrapped(paragraph: str, width: int) -> str:
    """Lines of about ``width`` characters, none starting with a closing mark (as typeset)."""
    lines, i = [], 0
    while i < len(paragraph):
        j = i + width
        while j < len(paragraph) and paragraph[j] in "，。、；：？！”）…,.;:?!) ":
            j += 1
        lines.append(paragraph[i:j])
        i = j
    return "\n".join(lines)


@given(st.sampled_from(WHOLE), st.lists(st.sampled_from([to_chinese_small, spaces_around_digits,
                                                                        half_width, drop_quotes]), unique=True),
       st.sampled_from([None, 14, 16, 18]))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_paragraph_pasted_right_after_itself_is_found(k, rewrites, width):
    """As a print copy has it: the pasted copy rewritten harmlessly, the lines maybe hard-wrapped."""
    copy = PARAGRAPHS[k]
    for rewrite in rewrites:
        copy = rewrite(copy)
    paragraphs = PARAGRAPHS[:k + 1] + [copy] + PARAGRAPHS[k + 1:]
    laid_out = [_wrapped(p, width) if width else p for p in paragraphs]
    text = "\n".join(laid_out)
    start = len("\n".join(laid_out[:k + 1])) + 1
    end = start + len(laid_out[k + 1])
    found = [d for d in run([DuplicatedText], text, names=("r.txt",)) if d.severity.name != "INFO"]
    assert any(d.span.start < end and d.span.end > start for d in found), (k, rewrites, width, found)
    assert not run([DuplicatedText], "\n".join(laid_out[:k + 1] + laid_out[k + 2:]), names=("r.txt",))


# Real headlines of news pages (新华社, 2025), some with spaces between their parts.
HEADLINES = [
    "传达学习贯彻中共二十届四中全会精神 全国政协十四届常委会第十四次会议开幕 李强作报告 王沪宁主持",
    "李强分别会见世界银行、国际货币基金组织、联合国贸易和发展会议负责人",
    "刘国中在北京调研时强调：持续巩固艾滋病防治成效 切实保障人民群众身体健康",
    "丁薛祥出席第二届中欧班列国际合作论坛开幕式并致辞",
]


@given(st.sampled_from(HEADLINES), st.sampled_from(WHOLE), st.sampled_from([None, 14, 16, 18]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_headline_pasted_right_under_itself_is_found(headline, k, width):
    """As a print copy has it too: every line hard-wrapped, so that unwrapping runs the two
    copies of the headline and the first paragraph into one sentence."""
    laid_out = [_wrapped(p, width) if width else p for p in (headline, headline, PARAGRAPHS[k])]
    text = "\n".join(laid_out)
    start = len(laid_out[0]) + 1
    end = start + len(laid_out[1])
    found = [d for d in run([DuplicatedText], text, names=("r.txt",)) if d.severity.name != "INFO"]
    assert any(d.span.start < end and d.span.end > start for d in found), (headline, k, width, found)
    assert not run([DuplicatedText], "\n".join(laid_out[:1] + laid_out[2:]), names=("r.txt",))


# A county bulletin's lines (lc5-read/0204: 全年全市电信业务总量42.34亿元，比上年增长14.8%。), each
# with its figures stripped, as a conversion that loses every number leaves them.
_STRIPPED_LINE = "全年全市电信业务总量亿元，比上年增长%。"


@given(st.integers(1, 30))
@settings(max_examples=30, deadline=None)
def test_lost_figures_throughout_a_text_are_one_finding(lines):
    from checks.garbling import MAX_LOST_FIGURES, MissingFigure

    found = run([MissingFigure], "\n".join([_STRIPPED_LINE] * lines), names=("r.txt",))
    lost = 2 * lines
    if lost <= MAX_LOST_FIGURES:
        assert len(found) == lost
    else:
        assert len(found) == 1 and f"全文有{lost}处" in found[0].message and found[0].span.text == "亿元"


# --- G107 doubled-punctuation: a mark typed twice ---------------------------------------------------

@given(st.sampled_from(range(len(PARAGRAPHS))), st.data())
@settings(max_examples=40, deadline=None)
def test_a_mark_typed_twice_into_clean_text_is_found_there(k, data):
    from checks.garbling import DoubledPunctuation

    text = PARAGRAPHS[k]
    assert not run([DoubledPunctuation], text, names=("r.txt",))
    at = data.draw(st.sampled_from([i for i, c in enumerate(text) if c in "，。、；："]))
    found = run([DoubledPunctuation], text[:at + 1] + text[at:], names=("r.txt",))
    assert [(d.span.start, d.span.end, d.suggestion) for d in found] == [(at, at + 2, text[at])]


@given(st.integers(1, 20))
@settings(max_examples=20, deadline=None)
def test_marks_doubled_throughout_a_text_are_one_finding(lines):
    from checks.garbling import MAX_DOUBLED_MARKS, DoubledPunctuation

    found = run([DoubledPunctuation], "\n".join([_STRIPPED_LINE.replace("，", "，，")] * lines), names=("r.txt",))
    if lines <= MAX_DOUBLED_MARKS:
        assert len(found) == lines
    else:
        assert len(found) == 1 and f"全文有{lines}处" in found[0].message
