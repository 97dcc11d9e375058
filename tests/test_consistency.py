"""Properties of the consistency rules (checks/consistency.py): statements built from generated
figures pass when they are consistent, and changing one figure makes the rule fire on that figure."""
from __future__ import annotations

import calendar
import datetime

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checks.consistency import ConflictingFigures, InvalidDate, RateOutOfRange, TrendDirection
from factcheck import check, lexicon
from factcheck.document import Document

WEEKDAYS = "一二三四五六日"


def findings(rule, text: str):
    return check([Document.from_text("t.txt", text)], rules=[rule]).diagnostics


def covered(found) -> list[str]:
    return [d.span.text for d in found]


cents = st.integers(min_value=1, max_value=9999)
money = st.integers(min_value=1000, max_value=200000)


# --- trend-direction --------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(cents, cents, st.sampled_from(["下降到", "降至", "减少到", "提高至", "增长到", "上升到"]))
def test_trend_direction(a, b, verb):
    old, new = f"{a / 100:.2f}%", f"{b / 100:.2f}%"
    found = findings(TrendDirection, f"贫困发生率由原来的{old}{verb}{new}，现阶段各项退出指标均已达到退出标准。")
    consistent = b < a if verb in ("下降到", "降至", "减少到") else b > a
    assert covered(found) == ([] if consistent else [new])


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=5000, max_value=200000), st.floats(min_value=1.001, max_value=5),
       st.floats(min_value=0.3, max_value=40))
def test_stated_growth_rate(a, growth, error):
    b = round(a * growth)   # a >= 5000 and b <= 5a: the rounding of the ends moves the rate by less than 0.1
    assume(b > a)
    rate = (b - a) / a * 100
    assume(abs(rate * 10 % 1 - 0.5) > 1e-6)  # a tie (375.35%): either rounding to one place is right
    text = "全县农村居民可支配收入从2015年的{a}元增长到2019年的{b}元，增长{r:.1f}%。"
    assert findings(TrendDirection, text.format(a=a, b=b, r=rate)) == []
    wrong = f"{rate + error:.1f}%"
    found = findings(TrendDirection, text.format(a=a, b=b, r=rate + error))
    assert covered(found) == [wrong]
    assert found[0].suggestion == f"{rate:.1f}%"


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=200, max_value=9999), st.integers(min_value=1, max_value=199), st.integers(2, 30))
def test_stated_points(a, b, error):
    old, new, points = f"{a / 100:.2f}%", f"{b / 100:.2f}%", (a - b) / 100
    text = "贫困发生率从2012年的{old}下降至{new}，累计下降{p:.2f}个百分点。"
    assert findings(TrendDirection, text.format(old=old, new=new, p=points)) == []
    found = findings(TrendDirection, text.format(old=old, new=new, p=points + error / 10))
    assert covered(found) == [f"{points + error / 10:.2f}个百分点"]


@settings(max_examples=100, deadline=None)
@given(money, st.integers(min_value=15, max_value=95), st.booleans())
def test_times_either_reading(a, tenths, grown_by):
    times = tenths / 10
    b = round(a * (1 + times if grown_by else times))
    assume(b > a)
    text = f"村集体经济收入从2016年的{a}元增加到2019年的{b}元，增长了{times:.1f}倍。"
    assert findings(TrendDirection, text) == []
    wrong = times + 3
    found = findings(TrendDirection, text.replace(f"{times:.1f}倍", f"{wrong:.1f}倍"))
    assert covered(found) == [f"{wrong:.1f}倍"]


# --- rate-out-of-range ------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=20000), st.sampled_from(["基本养老保险参保率", "村屯道路硬化率",
                                                                  "家庭医生签约服务率", "贫困发生率"]))
def test_bounded_rate(tenths, metric):
    value = f"{tenths / 10:.1f}%"
    found = findings(RateOutOfRange, f"全区农村贫困人口{metric}达到{value}。")
    assert covered(found) == ([] if tenths <= 1000 else [value])


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1001, max_value=50000),
       st.sampled_from(["全年实现保险保费收入29.56亿元，同比增长{v}", "集体经济总收入增长率达{v}",
                        "贫困人口住院费用实际报销金额提高了{v}", "高中阶段毛入学率为{v}"]))
def test_unbounded_rates_pass(tenths, template):
    assert findings(RateOutOfRange, template.format(v=f"{tenths / 10:.1f}%") + "。") == []


# --- conflicting-figures ----------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=5000), st.integers(min_value=2, max_value=5000))
def test_repeated_count(first, second):
    text = (f"在医疗保障上，全县{first}个行政村都建设了标准化卫生室。"
            f"全县189个党政机关和企事业单位结对包保{second}个行政村。")
    found = findings(ConflictingFigures, text)
    assert covered(found) == ([] if first == second else [f"{second}个"])


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=11, max_value=99), st.integers(min_value=-300, max_value=300))
def test_hedged_count(hundreds, offset):
    assume(hundreds % 10)
    hedged = hundreds * 100           # 2400余 stands for 2400..2500
    exact = hedged + offset
    text = f"全区{hedged}余名机关党员干部参与包保。全区{exact}名机关党员干部全部下沉到村。"
    found = findings(ConflictingFigures, text)
    assert covered(found) == ([] if 0 <= offset <= 100 else [f"{exact}名"])


# --- invalid-date -----------------------------------------------------------------------------

dates = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2049, 12, 31))


@settings(max_examples=150, deadline=None)
@given(dates, st.integers(min_value=1, max_value=6), st.sampled_from(["星期", "周"]))
def test_weekday(day, shift, prefix):
    written = f"{day.year}年{day.month}月{day.day}日"
    right = prefix + WEEKDAYS[day.weekday()]
    wrong = prefix + WEEKDAYS[(day.weekday() + shift) % 7]
    assert findings(InvalidDate, f"会议于{written}（{right}）召开。") == []
    found = findings(InvalidDate, f"会议于{written}（{wrong}）召开。")
    assert covered(found) == [wrong]
    assert found[0].suggestion == right


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1950, max_value=2049), st.integers(min_value=1, max_value=12), st.integers(1, 31))
def test_day_of_month(year, month, day):
    written = f"{year}年{month}月{day}日"
    found = findings(InvalidDate, f"{written}，经省政府批准，该县正式退出贫困县序列。")
    valid = day <= calendar.monthrange(year, month)[1]
    assert covered(found) == ([] if valid else [written])


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1950, max_value=2049), st.integers(min_value=1950, max_value=2049),
       st.sampled_from(["至", "到", "—"]))
def test_period(start, end, sep):
    found = findings(InvalidDate, f"{start}年{sep}{end}年光伏扶贫共分配收益1.6亿元。")
    assert covered(found) == ([] if start <= end else [f"{end}年"])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(lexicon.entries("fixed", "anniversaries")), st.integers(1, 120), st.integers(-3, 3))
def test_an_anniversary_is_the_year_less_the_event(event, years, off):
    year = event["year"] + years
    assume(years + off > 0 and year < 2100)  # (years are read from 1800 to 2099)
    text = f"{year}年是{event['word']}{years + off}周年，全市举行了纪念活动。"
    found = findings(InvalidDate, text)
    if off:
        assert [(d.span.text, d.suggestion) for d in found] == [(f"{years + off}周年", f"{years}周年")]
    else:
        assert not found
