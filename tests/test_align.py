"""Copies aligned as sequences: layouts that PDF extraction and web publishing
produce change nothing, and a retyped figure is found whatever the layout."""
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from checks.copies import FigureMismatch
from factcheck import check
from factcheck.align import align, passages, same_figure
from factcheck.document import Document
from factcheck.figures import extract
from layouts import LAYOUTS, lead_to_end

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
REPORTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}

# The shape of a statistical bulletin: one wording repeated with other figures,
# the structure that pairs a clause with a look-alike three paragraphs away.
BULLETIN_SENTENCES = [
    "全年全市实现地区生产总值{}亿元，比上年增长{}%。",
    "其中，第一产业增加值{}亿元，增长{}%；第二产业增加值{}亿元，增长{}%；第三产业增加值{}亿元，增长{}%。",
    "三次产业结构调整为{}:{}:{}。",
    "全年规模以上工业增加值比上年增长{}%，其中，轻工业增加值增长{}%，重工业增加值增长{}%。",
    "全年全社会固定资产投资{}亿元，比上年增长{}%。",
    "其中，第一产业投资{}亿元，增长{}%；第二产业投资{}亿元，增长{}%；第三产业投资{}亿元，增长{}%。",
    "全年社会消费品零售总额{}亿元，比上年增长{}%。",
    "其中，城镇消费品零售额{}亿元，增长{}%；乡村消费品零售额{}亿元，增长{}%。",
    "全年一般公共预算收入{}亿元，比上年增长{}%，其中，税收收入{}亿元，增长{}%。",
    "全年城镇居民人均可支配收入{}元，比上年增长{}%；农村居民人均可支配收入{}元，增长{}%。",
]


def bulletin(rng: random.Random) -> str:
    def value(m: re.Match) -> str:
        if m.string.startswith("%", m.end()):
            return f"{rng.randint(1, 19)}.{rng.randint(1, 9)}"
        return f"{rng.randint(10, 9999)}.{rng.randint(1, 99)}"

    paragraphs = []
    for k in range(0, len(BULLETIN_SENTENCES), 2):
        paragraphs.append("".join(re.sub(r"\{\}", value, s) for s in BULLETIN_SENTENCES[k:k + 2]))
    return "全市国民经济和社会发展统计公报\n\n" + "\n\n".join(paragraphs) + "\n"


TEXTS = st.one_of(st.sampled_from(sorted(REPORTS)), st.integers(0, 10 ** 6).map(lambda seed: f"bulletin:{seed}"))


def text_of(name: str) -> str:
    if name.startswith("bulletin:"):
        return bulletin(random.Random(int(name.split(":")[1])))
    return REPORTS[name]


def mismatches(a_text: str, b_text: str):
    report = check([Document.from_text("story.web.txt", a_text), Document.from_text("story.print.txt", b_text)],
                   rules=[FigureMismatch], stories=[["story.web.txt", "story.print.txt"]])
    return [d for d in report.diagnostics if d.span.path == "story.web.txt"]


@given(TEXTS, st.lists(st.sampled_from(LAYOUTS), min_size=1, max_size=4, unique=True), st.integers(0, 2 ** 32))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_layouts_of_a_copy_raise_no_mismatch(name, layouts, seed):
    rng = random.Random(seed)
    text = text_of(name)
    copy = text
    for layout in layouts:
        copy = layout(copy, rng)
    found = mismatches(text, copy)
    assert not found, [(d.span.text, d.message) for d in found]


@given(TEXTS, st.lists(st.sampled_from(LAYOUTS), max_size=4, unique=True), st.integers(0, 2 ** 32), st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_retyped_figure_is_found_whatever_the_layout(name, layouts, seed, data):
    rng = random.Random(seed)
    text = text_of(name)
    doc = Document.from_text("story.web.txt", text)
    figures = [doc.original_range(f.start, f.end) for f in extract(doc)
               if f.kind in ("count", "amount", "percent") and len(f.digits) >= 2 and "\n" not in f.text]
    assume(figures)
    start, end = data.draw(st.sampled_from(figures))
    pos = data.draw(st.sampled_from([k for k in range(start, end) if text[k].isdigit()]))
    digit = data.draw(st.sampled_from([d for d in "123456789" if d != text[pos]]))
    retyped = text[:pos] + digit + text[pos + 1:]
    copy = text
    for layout in layouts:
        copy = layout(copy, rng)
    found = mismatches(retyped, copy)
    assert [(d.span.start, d.span.end) for d in found] == [(start, end)], \
        (text[start:end], [(d.span.text, d.message) for d in found])


def test_a_changed_figure_in_a_list_of_look_alike_clauses_is_found():
    """339.85亿元 against 393.85亿元 in one sentence listing three industries."""
    sentence = "{year}年，第一产业增加值{a}亿元、第二产业增加值{b}亿元、第三产业增加值{c}亿元，分别增长3.2%、5.1%、6.3%。"
    story = "\n\n".join(sentence.format(year=2018 + k, a=81.3 + k, b=[301.07, 339.85, 362.4, 380.9][k], c=412.6 + k)
                         for k in range(4)) + "\n"
    changed = story.replace("339.85", "393.85", 1)
    found = mismatches(changed, story)
    assert [d.span.text for d in found] == ["393.85亿元"]


def test_moved_lead_is_aligned_as_a_block():
    text = REPORTS["taobei-2020-03-25.print.txt"]
    moved = lead_to_end(text, random.Random(0))
    a, b = (passages(t, extract(Document.from_text("x.txt", t))) for t in (text, moved))
    kinds = [s.kind for s in align(a, b)]
    assert "moved" in kinds


def test_agreement_reads_the_bounds():
    def fig(text):
        return extract(Document.from_text("x.txt", text))[0]

    assert same_figure(fig("投资3.6亿元。"), fig("投资36000万元。"))
    assert same_figure(fig("共2400余名干部。"), fig("共2400名干部。"))
    assert same_figure(fig("收入3.6亿元。"), fig("收入3.63亿元。"))
    assert not same_figure(fig("收入3.6亿元。"), fig("收入3.7亿元。"))
    assert not same_figure(fig("占近30%。"), fig("占30%以上。"))
    assert not same_figure(fig("增长5%。"), fig("增长5个百分点。"))


def test_three_copies_name_the_odd_one_out():
    texts = {"a.web.txt": "全区129个行政村410处安全饮水工程得到改造和提升。88个村级卫生室得到新建和改建。",
             "b.print.txt": "全区129个行政村401处安全饮水工程得到改造和提升。88个村级卫生室得到新建和改建。",
             "c.wire.txt": "全区 129 个行政村 410 处安全饮水工程得到改造和提升。88个村级卫生室得到新建和改建。"}
    report = check([Document.from_text(p, t) for p, t in texts.items()], rules=[FigureMismatch],
                   stories=[list(texts)])
    assert [(d.span.path, d.span.text) for d in report.diagnostics] == [("b.print.txt", "401处")]
    assert sorted(r.span.path for r in report.diagnostics[0].related) == ["a.web.txt", "c.wire.txt"]
    from factcheck.stories import figure_rows, odd_one_out

    rows = figure_rows(report.stories[0])
    odd = [(row[0].text, odd_one_out(row)) for row in rows if odd_one_out(row) is not None]
    assert odd == [("410处", 1)]


@pytest.mark.parametrize("copies", [3, 5, 8])
@pytest.mark.parametrize("odd", ["first", "middle", "last"])
def test_the_odd_copy_out_is_the_one_reported_however_many_copies(copies, odd):
    """A story of more than four copies is aligned against its first copy only: the others'
    agreement is found through it, so an odd first copy is reported alone too."""
    sentence = "全区129个行政村{}处安全饮水工程得到改造和提升。88个村级卫生室得到新建和改建。"
    k = {"first": 0, "middle": copies // 2, "last": copies - 1}[odd]
    texts = {f"c{i}.txt": sentence.format(401 if i == k else 410) for i in range(copies)}
    report = check([Document.from_text(p, t) for p, t in texts.items()], rules=[FigureMismatch],
                   stories=[list(texts)])
    assert [(d.span.path, d.span.text) for d in report.diagnostics] == [(f"c{k}.txt", "401处")]
    assert sorted(r.span.path for r in report.diagnostics[0].related) == sorted(set(texts) - {f"c{k}.txt"})


@pytest.mark.parametrize("trains, reported", [
    ((2963, 2163), ["c0.txt", "c1.txt"]),  # two copies: which is wrong cannot be told
    ((2963, 2163, 2963), ["c1.txt"]),
    ((2163, 2963, 2963, 2963, 2963, 2963), ["c0.txt"]),
    ((2963, 2963, 2163, 2163), ["c0.txt", "c1.txt", "c2.txt", "c3.txt"]),  # as many each way
])
def test_a_retyped_identifier_is_reported_on_the_copies_the_others_outvote(trains, reported):
    sentence = "乘坐G{}次列车的旅客，全区129个行政村410处安全饮水工程得到改造和提升。"
    texts = {f"c{i}.txt": sentence.format(t) for i, t in enumerate(trains)}
    report = check([Document.from_text(p, t) for p, t in texts.items()], rules=[FigureMismatch],
                   stories=[list(texts)])
    assert sorted(d.span.path for d in report.diagnostics) == reported
    assert all("编号不同" in d.message for d in report.diagnostics)


@given(st.integers(2, 9), st.data())
@settings(max_examples=30, deadline=None)
def test_copies_compared_are_the_pairs_that_can_differ(copies, data):
    """figure-mismatch compares only the pairs of copies aligned or with an identifier written
    otherwise, and finds what comparing every pair finds."""
    import checks.copies as module

    sentence = "乘坐G{train}次列车的旅客，全区129个行政村{n}处安全饮水工程得到改造和提升。"
    trains = data.draw(st.lists(st.sampled_from([2963, 2163]), min_size=copies, max_size=copies))
    counts = data.draw(st.lists(st.sampled_from([410, 401]), min_size=copies, max_size=copies))
    texts = {f"c{i}.txt": sentence.format(train=t, n=n) for i, (t, n) in enumerate(zip(trains, counts))}

    def findings():
        report = check([Document.from_text(p, t) for p, t in texts.items()], rules=[FigureMismatch],
                       stories=[list(texts)])
        return [(d.span.path, d.span.start, d.message, [r.span.path for r in d.related]) for d in report.diagnostics]

    chosen = findings()
    every_pair = module._compared_later
    try:
        module._compared_later = lambda story, written: [list(range(i + 1, len(story.documents)))
                                                        for i in range(len(story.documents))]
        assert chosen == findings()
    finally:
        module._compared_later = every_pair
    assert len(set(trains)) == 1 or any("编号不同" in f[2] for f in chosen)


def _odd_one_out_pairwise(row):
    """odd_one_out as first written: each stated figure against all the others, in turn."""
    stated = [(k, f) for k, f in enumerate(row) if f is not None]
    if len(stated) < 3:
        return None
    for k, f in stated:
        rest = [g for j, g in stated if j != k]
        if all(same_figure(rest[0], g) for g in rest[1:]) and not same_figure(f, rest[0]):
            return k
    return None


_CELLS = [extract(Document.from_text("x.txt", f"安全饮水工程{written}。"))[0]
          for written in ("410处", "410处", "401处", "约410处", "410余处", "近410处", "4.1万处", "410个", "3.6亿元",
                          "3.63亿元", "3.7亿元", "2400余名", "2400名", "30%以上", "近30%")]


@given(st.lists(st.one_of(st.none(), st.sampled_from(_CELLS)), min_size=1, max_size=12))
@settings(max_examples=500, deadline=None)
def test_the_odd_one_out_is_found_as_comparing_each_with_all_the_others_finds_it(row):
    from factcheck.stories import odd_one_out

    assert odd_one_out(row) == _odd_one_out_pairwise(row)


def test_a_shared_hedge_does_not_hide_a_changed_magnitude():
    def fig(text):
        return extract(Document.from_text("x.txt", text))[0]

    assert not same_figure(fig("累计数量超过340万台。"), fig("累计数量超过340亿台。"))
    assert not same_figure(fig("进出口额1万元以上。"), fig("进出口额1亿元以上。"))
    assert same_figure(fig("累计数量超过340万台。"), fig("累计数量超过340万台。"))
