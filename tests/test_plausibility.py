"""Properties of checks/plausibility.py: statements built from consistent generated
figures raise nothing, and one perturbed figure makes the rule report it."""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checks.plausibility import (ClaimMismatch, ImplausibleMagnitude, RankMismatch, ShareMismatch, _best_of_the_others,
                                _named_before)
from factcheck import check
from factcheck.document import Document
from factcheck.figures import extract
from factcheck.rules import Evidence, Severity

SETTINGS = settings(max_examples=40, deadline=None)


def findings(rule, text: str):
    return check([Document.from_text("t.txt", text)], rules=[rule]).diagnostics


def covered(found) -> set[str]:
    return {d.span.text for d in found}


# --- C109 share-mismatch ----------------------------------------------------------------------

@SETTINGS
@given(total=st.integers(min_value=100, max_value=90_000), data=st.data())
def test_a_share_worked_out_passes_and_a_retyped_one_fires(total, data):
    amount = data.draw(st.integers(min_value=1, max_value=total - 1))
    share = round(100 * amount / total, 1)
    text = f"全年总收入为{total}元。其中捐赠收入为{amount}元，占总收入的{share}%。"
    assert not findings(ShareMismatch, text)
    wrong = round(share + data.draw(st.sampled_from([-1, 1])) * data.draw(st.floats(min_value=0.3, max_value=20)), 1)
    assume(0 < wrong < 100)
    text = f"全年总收入为{total}元。其中捐赠收入为{amount}元，占总收入的{wrong}%。"
    assert covered(findings(ShareMismatch, text)) == {f"{wrong}%"}


@SETTINGS
@given(shares=st.lists(st.integers(min_value=1, max_value=80), min_size=2, max_size=3))
def test_shares_of_a_partition_fire_only_past_one_hundred(shares):
    assume(len(set(shares)) == len(shares))
    names = ["第一产业", "第二产业", "第三产业"]
    text = "；".join(f"{n}占地区生产总值的{s}%" for n, s in zip(names, shares)) + "。"
    assert bool(findings(ShareMismatch, text)) == (sum(shares) - 0.5 * len(shares) > 100)


def test_shares_of_overlapping_holders_are_not_summed():
    text = "可再生能源发电新增装机1.34亿千瓦，占新增电力装机的88%；风电和太阳能发电新增装机约1.28亿千瓦，占新增电力装机的84%。"
    assert not findings(ShareMismatch, text)


# --- C110 claim-mismatch ----------------------------------------------------------------------

@SETTINGS
@given(whole=st.integers(min_value=10, max_value=500), data=st.data())
def test_more_than_holds_only_above_the_share(whole, data):
    tenths = data.draw(st.integers(min_value=1, max_value=9))
    part = data.draw(st.integers(min_value=1, max_value=whole - 1))
    words = "零一二三四五六七八九"
    text = f"全市{whole}家重点企业中，{part}家实现增长，占比超过{words[tenths]}成。"
    found = findings(ClaimMismatch, text)
    assert bool(found) == (part * 10 <= tenths * whole)


@SETTINGS
@given(old=st.integers(min_value=10, max_value=5000), times=st.integers(min_value=2, max_value=300))
def test_growth_in_times_is_the_ratio_less_one(old, times):
    new = old * times
    right = f"年开行量由2016年的{old}列增长到2025年的{new}列，增长了{times - 1}倍。"
    assert not findings(ClaimMismatch, right)
    wrong = f"年开行量由2016年的{old}列增长到2025年的{new}列，增长了{times}倍。"
    assert covered(findings(ClaimMismatch, wrong)) == {f"{times}倍"}


# --- C111 implausible-magnitude ---------------------------------------------------------------

def money(yuan: float) -> str:
    """An amount as a report writes it: 1883.4万元, 3.2亿元, 850元."""
    for scale, word in ((1e8, "亿元"), (1e4, "万元")):
        if yuan >= scale:
            return f"{yuan / scale:.6g}{word}"
    return f"{yuan:.6g}元"


@SETTINGS
@given(people=st.integers(min_value=10, max_value=50_000), average=st.integers(min_value=100, max_value=20_000),
       slip=st.sampled_from([1e-4, 1e-2, 100, 1e4]))
def test_per_head_times_heads_against_the_total(people, average, slip):
    total = people * average
    text = f"合作社带动{people}人就业，人均增收{average}元，合计增收{money(total)}。"
    assert not findings(ImplausibleMagnitude, text)
    text = f"合作社带动{people}人就业，人均增收{average}元，合计增收{money(total * slip)}。"
    found = findings(ImplausibleMagnitude, text)
    assert covered(found) == {money(total * slip)}
    assert all(d.severity == Severity.WARNING and d.evidence is Evidence.PLAUSIBILITY for d in found)


# --- C112 rank-mismatch -----------------------------------------------------------------------

@SETTINGS
@given(order=st.permutations(["四川", "青海", "云南", "甘肃", "湖南"]), data=st.data())
def test_a_rank_against_the_ordered_list(order, data):
    pick = data.draw(st.integers(min_value=0, max_value=4))
    rank = data.draw(st.integers(min_value=1, max_value=9))
    text = f"利用率排名前五的分别是{'、'.join(order)}。{order[pick]}利用率排名第{rank}位。"
    found = findings(RankMismatch, text)
    assert bool(found) == (rank != pick + 1)


_PIECES = ["总收入", "总收入中", "为", "500万元", "250万元", "12人", "，", "。", "\n", "占总收入的50%", "其中", "收入"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30), st.data())
def test_the_figures_a_whole_is_looked_for_in_are_every_figure_naming_it_nearest_first(pieces, data):
    # found from the name's mentions, as reading every earlier figure of the paragraph would find them
    text = "".join(pieces)
    figures = extract(Document.from_text("r.txt", text))
    assume(figures)
    stop = data.draw(st.integers(0, len(figures)))
    floor = data.draw(st.integers(0, len(text)))
    expected = [t for t in reversed(figures[:stop]) if t.start >= floor and "总收入" in text[t.clause[0]:t.start]]
    assert list(dict.fromkeys(_named_before(text, figures, floor, stop, "总收入"))) == expected


@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=12), st.sampled_from([max, min]))
def test_the_best_of_the_others_is_the_best_with_each_left_out(values, best):
    assert _best_of_the_others(values, best) == [best(values[:k] + values[k + 1:]) for k in range(len(values))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["总收入为", "300万元", "\n总收入800万元"]), min_size=1, max_size=30), st.data())
def test_a_share_finds_its_whole_as_reading_the_paragraph_back_would_though_earlier_shares_were_kept(pieces, data):
    from checks.arithmetic import compatible
    from checks.plausibility import _names_whole
    from factcheck.document import paragraph_start

    text = "".join(pieces)
    figures = extract(Document.from_text("r.txt", text))
    assume(len(figures) >= 2)
    stops = sorted(set(data.draw(st.lists(st.integers(1, len(figures)), min_size=1, max_size=6))))
    wholes = {}
    for stop in stops:
        amount = figures[data.draw(st.integers(0, stop - 1))]
        floor = paragraph_start(text, amount.start)
        expected = next((t for t in reversed(figures[:stop]) if t.start >= floor and compatible(t, amount)
                         and _names_whole(text[t.clause[0]:t.start], "总收入") and t.value > 0
                         and not {"average", "change"} & t.roles), None)
        assert ShareMismatch._whole(text, figures, stop, amount, "总收入", wholes) is expected


def test_a_share_whose_amount_is_in_an_earlier_paragraph_reads_that_paragraph_again():
    text = "总收入为500万元，\n收入300万元，收入250万元，收入100万元。"
    figures = extract(Document.from_text("r.txt", text))
    wholes = {}
    assert ShareMismatch._whole(text, figures, 3, figures[1], "总收入", wholes) is None
    assert ShareMismatch._whole(text, figures, 4, figures[0], "总收入", wholes) is figures[0]
