"""Properties of the arithmetic rules (checks/arithmetic.py): statements built
from consistent generated figures raise nothing, and changing one figure makes
the rule report it (C101, C106 on that figure; C102 on the total, with the
changed part among the related spans)."""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checks.arithmetic import AverageMismatch, PartExceedsWhole, SumMismatch
from factcheck import check
from factcheck.document import Document

SETTINGS = settings(max_examples=40, deadline=None)
counts = st.integers(min_value=1, max_value=200_000)


def findings(rule, text: str):
    doc = Document.from_text("t.txt", text)
    return doc, check([doc], rules=[rule]).diagnostics


def at(text: str, figure: str, after: str = "") -> tuple[int, int]:
    """Offsets of ``figure`` written after ``after`` (text is already normal)."""
    start = text.index(after + figure) + len(after)
    return start, start + len(figure)


def spans(found) -> set[tuple[int, int]]:
    return {(d.span.start, d.span.end) for d in found}


# --- C101 part-exceeds-whole ------------------------------------------------

@SETTINGS
@given(whole=counts, data=st.data())
def test_part_within_whole_passes(whole, data):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    _, found = findings(PartExceedsWhole, f"改造危房{whole}户，其中建档立卡贫困户{part}户。")
    assert not found


@SETTINGS
@given(whole=counts, extra=counts)
def test_part_above_whole_is_reported_on_the_part(whole, extra):
    part = whole + extra
    text = f"改造危房{whole}户，其中建档立卡贫困户{part}户。"
    _, found = findings(PartExceedsWhole, text)
    assert spans(found) == {at(text, f"{part}户", "贫困户")}


@SETTINGS
@given(whole=st.integers(min_value=10, max_value=9999), data=st.data())
def test_bracketed_part(whole, data):
    part = data.draw(st.integers(min_value=1, max_value=whole))
    text = f"庭院经济发展到{whole}户（贫困户{part}户）。"
    assert not findings(PartExceedsWhole, text)[1]
    bigger = whole + data.draw(st.integers(min_value=1, max_value=9999))
    text = f"庭院经济发展到{whole}户（贫困户{bigger}户）。"
    assert spans(findings(PartExceedsWhole, text)[1]) == {at(text, f"{bigger}户", "贫困户")}


@SETTINGS
@given(share=st.decimals(min_value=0, max_value=1000, places=1))
def test_share_over_100_percent(share):
    text = f"贫困人口20.1万人，占全省贫困人口的{share}%，为全省最高。"
    _, found = findings(PartExceedsWhole, text)
    if share <= 100:
        assert not found
    else:
        assert spans(found) == {at(text, f"{share}%")}


# --- C102 sum-mismatch --------------------------------------------------------

SCHOOLS = ("幼儿园", "小学", "初中", "高中", "职业学校")


@SETTINGS
@given(parts=st.lists(st.integers(min_value=1, max_value=5000), min_size=2, max_size=5),
       data=st.data())
def test_listed_parts_and_total(parts, data):
    def sentence(values, total):
        items = "、".join(f"{noun}{v}所" for noun, v in zip(SCHOOLS, values))
        return f"全县新建{items}，共{total}所。"

    total = sum(parts)
    assert not findings(SumMismatch, sentence(parts, total))[1]

    # a wrong total is reported on the total
    delta = data.draw(st.integers(min_value=-total + 1, max_value=5000).filter(bool))
    text = sentence(parts, total + delta)
    assert spans(findings(SumMismatch, text)[1]) == {at(text, f"{total + delta}所", "共")}

    # a wrong part is reported on the total, with that part among the evidence
    i = data.draw(st.integers(min_value=0, max_value=len(parts) - 1))
    changed = parts[i] + data.draw(st.integers(min_value=-parts[i] + 1, max_value=5000).filter(bool))
    values = parts[:i] + [changed] + parts[i + 1:]
    text = sentence(values, total)
    doc, found = findings(SumMismatch, text)
    assert spans(found) == {at(text, f"{total}所", "共")}
    assert at(text, f"{changed}所", SCHOOLS[i]) in {(r.span.start, r.span.end) for r in found[0].related}


@SETTINGS
@given(men=counts, women=counts, data=st.data())
def test_complementary_parts_of_a_whole(men, women, data):
    def sentence(total, m, w):
        return f"年末户籍人口{total}人，其中男性{m}人，女性{w}人。"

    assert not findings(SumMismatch, sentence(men + women, men, women))[1]
    wrong = men + women + data.draw(st.integers(min_value=-(men + women) + 1, max_value=9999).filter(bool))
    assume(wrong >= max(men, women))      # a part above the whole is C101's finding
    text = sentence(wrong, men, women)
    assert spans(findings(SumMismatch, text)[1]) == {at(text, f"{wrong}人", "人口")}


@SETTINGS
@given(poor=st.integers(min_value=1, max_value=900), other=st.integers(min_value=1, max_value=900),
       delta=st.integers(min_value=-50, max_value=50))
def test_complement_across_sentences(poor, other, delta):
    total = poor + other + delta
    assume(total > 0)
    text = (f"对于{poor}个贫困村，每个村建设1个光伏扶贫电站；对于{other}个非贫困村，建设2个养殖扶贫基地。"
            f"全县{total}个行政村都建设了标准化卫生室。")
    found = findings(SumMismatch, text)[1]
    if delta == 0:
        assert not found
    else:
        assert spans(found) == {at(text, f"{total}个", "全县")}


# --- C106 average-mismatch ----------------------------------------------------

@SETTINGS
@given(villages=st.integers(min_value=2, max_value=2000), average=st.integers(min_value=1, max_value=50),
       data=st.data())
def test_average_per_village(villages, average, data):
    # a total that rounds to the stated average (|total/villages - average| < 0.5)
    spread = data.draw(st.integers(min_value=-(villages - 1) // 2, max_value=(villages - 1) // 2))
    members = average * villages + spread

    def report(stated):
        return f"全市共有{villages}个贫困村。2016年以来，全市贫困村发展党员{members}名，平均每个村{stated}名。"

    assert not findings(AverageMismatch, report(average))[1]
    # (a "total" smaller than the average is not taken for the total)
    wrong = data.draw(st.integers(min_value=1, max_value=min(100, members))
                      .filter(lambda v: abs(v - members / villages) > 0.5))
    text = report(wrong)
    assert spans(findings(AverageMismatch, text)[1]) == {at(text, f"{wrong}名", "每个村")}


@SETTINGS
@given(households=st.integers(min_value=2, max_value=5000), per=st.integers(min_value=100, max_value=20000),
       factor=st.floats(min_value=0.5, max_value=2.0))
def test_money_average_tolerates_half_a_percent(households, per, factor):
    total = households * per

    def report(stated):
        return f"带动贫困户{households}户进行收益分红，分红总额{total}元，户均分红{stated}元。"

    assert not findings(AverageMismatch, report(per))[1]
    stated = round(per * factor)
    text = report(stated)
    found = findings(AverageMismatch, text)[1]
    if abs(stated - per) <= 0.005 * stated:
        assert not found
    elif abs(stated - per) > 0.006 * stated + 1:
        assert spans(found) == {at(text, f"{stated}元", "户均分红")}
