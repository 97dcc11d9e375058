"""C: figures that contradict each other within one report (trends, rates, repeated figures, dates)."""
from __future__ import annotations

import calendar
import datetime
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from operator import attrgetter


from factcheck import lexicon
from factcheck.document import clause_end, clause_start
from factcheck.figures import HEDGE_BEFORE_LAST, HEDGE_DIRECTION, LEADING_PLACE, TIME_FAMILIES, WHOLE_WORDS, Figure, Kind
from factcheck.i18n import _
from factcheck.numbers import parse_numeral
from factcheck.rules import Related, Rule, Severity
from factcheck.segment import first_word

# --- shared helpers ---------------------------------------------------------------------------

TIME_KINDS = (Kind.YEAR, Kind.DATE, Kind.ORDINAL)
_DATED = (Kind.YEAR, Kind.DATE)


def _clause_start(text: str, pos: int) -> int:
    return clause_start(text, pos)


def _clause_end(text: str, pos: int) -> int:
    return clause_end(text, pos)


_START = attrgetter("start")


def _plain_ratio(f) -> bool:
    """A unit-less decimal such as a sex ratio (98.39) or an income gap (2.71), not a year or a code."""
    return f.kind == Kind.OTHER and "." in f.quantity.digits


def _retyped(f, value: float) -> str | None:
    """The figure's text with its Arabic number replaced by ``value`` at the same precision."""
    digits = f.quantity.digits
    if not digits:
        return None
    decimals = len(digits.partition(".")[2])
    number = f"{value * float(digits) / f.value:.{decimals}f}" if f.value else f"{value:.{decimals}f}"
    return re.sub(r"\d[\d,]*(?:\.\d+)?", number, f.text, count=1)


def _magnitude_slip(ratio: float) -> bool:
    """Whether two values differ by about ten thousand or a hundred million times: a 万 or 亿 lost or added."""
    return any(0.5 * factor <= x <= 2 * factor for x in (ratio, 1 / ratio) for factor in (1e4, 1e8))


def _related(doc, f, message: str) -> Related:
    return Related(doc.span(f.start, f.end), message)


# --- C103 trend-direction ---------------------------------------------------------------------

_TREND_DIRECTION = lexicon.table("cues", "trends", "direction")
_TREND = re.compile(lexicon.alternation("cues", "trends"))
# 由/从 opening the old value; not 由于, 自由, 从而, 从事 ...
_FROM = re.compile(r"[由从](?<![自理缘经].)(?![于事而严未来中此今])")  # (the character first: found at once)
CHANGE_AFTER = re.compile(r"^的?，?(?:累计|共|总共|合计)?(?P<verb>增长|增加|提高|提升|上升|增幅|下降|减少|降低|缩小|降幅|减幅)"
                     r"(?:了|为|达|达到|是)*$")
_DOWN_WORDS = ("下降", "减少", "降低", "缩小", "降幅", "减幅")
# 52.3万吨，比上年增加3.7万吨，增长7.6% and 52.3万吨，比上年的48.6万吨增长7.6%: what stands between a
# level and the amount or the old level after it, and between that and the percent change.
# (A balance against the start of the year: 存款余额334973万元，比年初增加60574万元，增长22.1%.)
_LEVEL_THEN_DELTA = re.compile(r"，?(?:比上年|比去年|较上年|较去年|比年初|较年初|同比)(?:同期)?(?:(?P<verb>增加|减少|增长|下降)了?|的)$")
_AGAINST_LAST_YEAR = ("，比", "比", "，较", "较", "，同比", "同比")
# A level, then its change against last year in percentage points, nothing else between (产量11534万吨，
# 比上年增长1.3个百分点); 增速 or 拉动 between makes the points some rate's (增速比上年提高1.2个百分点).
_LEVEL_THEN_POINTS = re.compile(r"[，,](?:比上年|比去年|较上年|同比)(?:增长|下降|增加|减少|提高|降低|上升)了?$")
_REAL_GROWTH = re.compile(r"可比价|不变价|生产总值|增加值|GDP")
_THEN_PERCENT = re.compile(r"^，?(?:比上年|同比)?(?P<verb>增长|下降|增加|减少)了?$")
_FINER_IS_BETTER = re.compile(lexicon.alternation("cues", "finer_is_better"))
_LOWER_GRADE_IS_BETTER = re.compile(lexicon.alternation("cues", "lower_grade_is_better"))


def trends(text: str, figures: list) -> Iterator[tuple[re.Match, Figure, Figure]]:
    """(trend verb, old value, new value) of each 由/从A…下降到/增长到B in the text."""
    for m in _TREND.finditer(text):
        ends = TrendDirection._ends(text, figures, m)
        if ends:
            yield m, ends[0], ends[1]


class TrendDirection(Rule):
    code = "C103"
    name = "trend-direction"
    severity = Severity.ERROR
    summary = "“由A下降到B”而B不小于A，或所写的增减幅度与两端数字不符"
    explanation = """\
作用：检查“由/从A下降到（降至、减少到）B”要求B小于A、“由/从A增长到（提高至、增加到）B”要求B大于A；两端都写明时，再核对随后写出的增减幅度（增长44.6%、下降8.5个百分点、减少8239万人、增长了2.5倍）。
为何重要：方向写反或幅度算错，读者一眼就能看出前后矛盾，往往是某个数字录错了。
如何判断：A取“由/从”之后、动词之前同类的数字（跳过2015年这样的年份），B取动词之后的第一个同单位数字；幅度按所写精度判断（44.6%即44.5～44.7之间，并容许两端数字本身的舍入）；“增长X倍”按B=A×(1+X)或B=A×X两种读法之一相符即可。单位不同、带“同比”“年均”“比上年”的幅度不核对。“精度”“分辨率”写成长度或时间时越小越好，动词不定方向；“水质”的类别数越小越好（从五类提升至三类）。数字之后写明了变化量和幅度的（52.3万吨，比上年增加3.7万吨，增长7.6%；或“比上年的48.6万吨增长7.6%”），幅度须等于变化量除以上年数（余额“比年初增加”的，除以年初数）；两者相差约一万倍、一亿倍的，是数字的“万”“亿”有误，不建议改幅度；地区生产总值、增加值按可比价格计算，不核对。两个百分数之差写成百分比、只有按百分点算才相符的（由30%提高到35%，提高了5%），以及两端不是百分数却写“个百分点”、按百分比算相符的，报“提示”，建议改写；一个不是百分数的量（产量、金额、人数）紧接着写“比上年增长X个百分点”的（“夏粮产量11534万吨，比上年增长1.3个百分点”），也报“提示”，建议写作“X%”（“增速比上年提高”“拉动……增长”的百分点说的是增速，不报）。
示例：贫困发生率由原来的6%下降到10.3%
应改为：贫困发生率由原来的6%下降到0.103%"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        for m, a, b in trends(text, figures):
            down = _TREND_DIRECTION[m.group()] == "down"
            if a.family in ("length", "duration") and _FINER_IS_BETTER.search(text, _clause_start(text, a.start), a.start):
                continue  # 精度从30米提高至15米: finer is better, the verb tells no direction
            if a.unit == "类" and _LOWER_GRADE_IS_BETTER.search(text, _clause_start(text, a.start), a.start):
                down = not down  # 水质从五类提升至三类: a better grade has a lower number
            (a_lo, a_hi), (b_lo, b_hi) = a.exact_bounds, b.exact_bounds
            if (b_lo >= a_hi) if down else (b_hi <= a_lo):
                yield self.diagnostic(
                    doc, b.start, b.end,
                    _("“由{a}{verb}{b}”方向矛盾：{verb}之后的数字应{cmp}原来的{a}，疑数字或动词有误").format(
                        a=a.text, verb=m.group(), b=b.text, cmp=_("小于") if down else _("大于")),
                    related=[_related(doc, a, _("原来的数字"))])
                continue
            yield from self._check_change(doc, text, figures, a, b, down)
        yield from self._stated_changes(doc, text, figures)
        if "百分点" in text:
            yield from self._level_in_points(doc, text, figures)

    def _level_in_points(self, doc, text, figures):
        """夏粮产量11534万吨，比上年增长1.3个百分点: the change of a level that is no percentage,
        in percentage points (which only a percentage's change is in: 1.3%)."""
        for a, c in zip(figures, figures[1:]):
            if c.unit not in ("个百分点", "百分点") or not _LEVEL_THEN_POINTS.match(text, a.end, c.start):
                continue
            if a.kind not in (Kind.AMOUNT, Kind.COUNT, Kind.OTHER) or a.family in (None, "percent", "permille", "points", *TIME_FAMILIES) \
                    or a.sentence != c.sentence:
                continue
            percent = c.text[:len(c.text) - len(c.unit)]
            yield self.diagnostic(
                doc, c.start, c.end,
                _("“{a}”不是百分数，百分点只用于两个百分数之差：它比上年的变化应写作“{percent}%”").format(
                    a=a.text, percent=percent),
                suggestion=percent + "%", severity=Severity.INFO,
                related=[_related(doc, a, _("变化的数字"))])

    def _stated_changes(self, doc, text, figures):
        """A level and its change written after it both ways: 52.3万吨，比上年增加3.7万吨，增长7.6%
        (the percent is the amount over last year's level, 52.3 − 3.7); or against last year's level
        itself: 52.3万吨，比上年的48.6万吨增长7.6%."""
        for k in range(len(figures) - 2):
            a, d, c = figures[k:k + 3]
            if c.unit != "%" or not text.startswith(_AGAINST_LAST_YEAR, a.end):
                continue  # (the cheapest tests first: most figures are followed by neither)
            if a.kind not in (Kind.AMOUNT, Kind.COUNT, Kind.OTHER) or a.family in (None, *TIME_FAMILIES) or a.approx \
                    or not a.sentence == d.sentence == c.sentence:
                continue
            if d.family != a.family or d.approx or c.unit != "%" or c.approx:
                continue
            first = _LEVEL_THEN_DELTA.match(text[a.end:d.start])
            last = first and _THEN_PERCENT.match(text[d.end:c.start])
            if not last or _REAL_GROWTH.search(text, max(a.sentence[0], a.start - 60), min(a.sentence[1], c.end + 30)) \
                    or _REAL_GROWTH.search(a.metric or ""):
                continue  # output's growth is real, at comparable prices: its amounts are nominal
            if first.group("verb") is None:  # 比上年的48.6万吨增长7.6%: last year's level
                down = last.group("verb") in _DOWN_WORDS
                old, new = d.base_value, a.base_value
            else:  # 比上年增加3.7万吨，增长7.6%: the amount of the change
                down = first.group("verb") in _DOWN_WORDS
                if down != (last.group("verb") in _DOWN_WORDS):
                    continue
                old = a.base_value + d.base_value if down else a.base_value - d.base_value
                new = a.base_value
            if old <= 0:
                continue
            slack = (a.precision * a.scale + d.precision * d.scale) / old * 100 + 2 * c.precision
            exact = abs(new - old) / old * 100
            if abs(exact - c.value) <= slack + 1e-9:
                continue
            if exact > 0 and _magnitude_slip(c.value / exact):  # 38388亿元，较年初增加114万元，增长0.3%
                yield self.diagnostic(
                    doc, c.start, c.end,
                    _("按“{a}”和“{d}”计算，变化约为{shown}，与文中的“{c}”相差约{factor}倍，疑“{a}”或“{d}”的“万”“亿”有误").format(
                        a=a.text, d=d.text, shown=f"{exact:.{max(1, 1 - math.floor(math.log10(exact)))}f}%", c=c.text,
                        factor=_("一万") if 1e-6 < c.value / exact < 1e6 else _("一亿")),
                    related=[_related(doc, a, _("变化后的数字")), _related(doc, d, _("变化"))])
                continue
            retyped = _retyped(c, exact)
            yield self.diagnostic(
                doc, c.start, c.end,
                _("按“{a}”和“{d}”计算，变化应为{shown}，文中作“{c}”").format(
                    a=a.text, d=d.text, shown=retyped or f"{exact:.2f}%", c=c.text),
                suggestion=retyped,
                related=[_related(doc, a, _("变化后的数字")), _related(doc, d, _("变化"))])

    @staticmethod
    def _ends(text, figures, m):
        verb, after = m.start(), m.end()
        opener = None
        for opener in _FROM.finditer(text, _clause_start(text, verb), verb):
            pass  # the last one
        if opener is None:
            return None
        # figures come in order of position: the old value is the last one between the opener and
        # the verb, the new one the first in the rest of the clause: walked to from k, in the clause
        k = bisect_left(figures, verb, key=_START)
        a, j, floor = None, k - 1, opener.end()
        while j >= 0 and figures[j].start >= floor:
            f = figures[j]
            if f.end <= verb and f.kind not in TIME_KINDS:
                a = f
                break
            j -= 1
        if a is None or verb - a.end > 8:
            return None
        b, j, end = None, k, _clause_end(text, after)
        while j < len(figures) and figures[j].start < end:
            f = figures[j]
            if f.start >= after and f.end <= end and f.kind not in TIME_KINDS:
                b = f
                break
            j += 1
        if b is None or b.start - after > 12:
            return None
        if text[a.start - 1:a.start] == "、" or "分别" in text[max(0, opener.start() - 6):verb]:
            return None  # 分别从35.33%、52.57%提高到43.37%、59.58%: items pair one by one
        if (a.unit != b.unit or a.unit is None and not (_plain_ratio(a) and _plain_ratio(b))
                or Kind.RANGE in (a.kind, b.kind) or text[b.start - 1:b.start] in "-负"):
            return None
        return a, b

    def _check_change(self, doc, text, figures, a, b, down):
        """The change stated right after the new value: 增长44.6%, 下降8.5个百分点, 增长2.5倍."""
        k = bisect_left(figures, b.end, key=_START)  # the first figure after b
        if k == len(figures) or figures[k].sentence != b.sentence:
            return
        c = figures[k]
        m = CHANGE_AFTER.match(text[b.end:c.start])
        if not m or a.value <= 0 or (m.group("verb").startswith(_DOWN_WORDS)) != down:
            return
        # each end read as rounded to its last digit
        (a_lo, a_hi), (b_lo, b_hi) = ((f.value - f.precision, f.value + f.precision) for f in (a, b))
        if a.approx or b.approx or a_lo <= 0:
            return
        corners = [(x, y) for x in (a_lo, a_hi) for y in (b_lo, b_hi)]
        diff = sorted(abs(y - x) for x, y in corners)
        if c.unit in ("个百分点", "百分点") and a.unit == "%":
            readings, end, kind = [(diff[0], diff[-1])], c.end, "points"
        elif c.unit == "%":
            rel = sorted(abs(y - x) / x * 100 for x, y in corners)
            readings, end, kind = [(rel[0], rel[-1])], c.end, "percent"
            if a.unit == "%":      # 由6%下降到4%，下降2%: loosely written percentage points
                readings.append((diff[0], diff[-1]))
        elif c.unit == "倍" and not down:
            ratio = sorted(y / x for x, y in corners)
            readings, end, kind = [(ratio[0], ratio[-1]), (ratio[0] - 1, ratio[-1] - 1)], c.end, "times"
        elif c.unit == a.unit and c.kind == a.kind:
            readings, end, kind = [(diff[0], diff[-1])], c.end, "absolute"
        elif c.unit in ("个百分点", "百分点"):  # 由100万吨增加到112万吨，增加了12个百分点: points of no percentages
            rel = sorted(abs(y - x) / x * 100 for x, y in corners)
            if rel[0] - 2 * c.precision <= c.value <= rel[-1] + 2 * c.precision:
                yield self.diagnostic(
                    doc, c.start, c.end,
                    _("“{a}”和“{b}”不是百分数，百分点只用于两个百分数之差：变化应写作“{percent}%”").format(
                        a=a.text, b=b.text, percent=c.text[:len(c.text) - len(c.unit)]),
                    suggestion=c.text[:len(c.text) - len(c.unit)] + "%", severity=Severity.INFO,
                    related=[_related(doc, a, _("原来的数字")), _related(doc, b, _("变化后的数字"))])
            return
        else:
            return
        unit = 2 * c.precision if c.quantity.digits else 1.0
        lo, hi = (c.low, c.high) if c.approx and c.low is not None and c.high is not None else (c.value, c.value)
        if c.approx and c.high is None:
            hi = float("inf")
        lo, hi = lo - unit, hi + unit
        matching = [r_lo <= hi and lo <= r_hi for r_lo, r_hi in readings]
        if kind == "percent" and matching == [False, True]:  # 由30%提高到35%，提高了5%: the difference is in points, not per cent
            yield self.diagnostic(
                doc, c.start, c.end,
                _("由“{a}”到“{b}”相差{c}，是百分点而不是百分比：应写作“{points}个百分点”（按百分比算是{exact:.1f}%）").format(
                    a=a.text, b=b.text, c=c.text, points=c.text.rstrip("%％"), exact=abs(b.value - a.value) / a.value * 100),
                suggestion=c.text.rstrip("%％") + "个百分点", severity=Severity.INFO,
                related=[_related(doc, a, _("原来的数字")), _related(doc, b, _("变化后的数字"))])
            return
        if any(matching):
            return
        exact = {"points": abs(b.value - a.value), "percent": abs(b.value - a.value) / a.value * 100,
                 "times": b.value / a.value - 1, "absolute": abs(b.value - a.value)}[kind]
        retyped = _retyped(c, exact) if kind != "times" else None
        suggestion = retyped and retyped + text[c.end:end]
        if kind == "times":
            shown = _("{x:.2f}倍（按增长后为原来的{y:.2f}倍）").format(x=exact, y=exact + 1)
        else:
            shown = suggestion or f"{exact:.2f}"
        yield self.diagnostic(
            doc, c.start, end,
            _("按“{a}”到“{b}”计算，变化应为{shown}，文中作“{c}”").format(
                a=a.text, b=b.text, shown=shown, c=text[c.start:end]),
            suggestion=suggestion,
            related=[_related(doc, a, _("原来的数字")), _related(doc, b, _("变化后的数字"))])


# --- C104 rate-out-of-range -------------------------------------------------------------------

_PERCENT_KINDS = frozenset((Kind.PERCENT, Kind.RANGE, Kind.ORDINAL))
_RATE_KEY = re.compile(r"率(?![先领])|比例|占比|比重|(?<![侵抢霸])占(?![地用领据道有])")
# Rates that may pass 100%: growth, returns, gross enrolment, bed use, solvency and coverage ratios ...
UNBOUNDED = lexicon.words("nouns", "unbounded_rates")
_UNBOUNDED = re.compile(lexicon.alternation("nouns", "unbounded_rates") or "(?!)")  # any of them in a metric
_CHANGE_BEFORE = re.compile(r"(增长|增加|提高|提升|上升|下降|减少|降低|扩大|缩小|增幅|增速|涨幅|降幅|"
                            r"同比|环比|比上年|比去年|较上年|较去年|高出|多出|翻)(了|达)?(?!到|至|为)")
_CJK_TAIL = re.compile(r"[\u4e00-\u9fff]{0,9}$")  # searched from 9 before the end: the last 9 at most
_RUN_BREAK = re.compile(r"[的和与及]")
# 超额完成, 是上年的120%, and ratios to a flow (债务占GDP的比重) rather than shares of a whole
_COMPARED = re.compile(r"超|相当于|(是|为)[^，]{1,12}的$|GDP|生产总值|财力|债")


# 67%，比上年末提高0.84个百分点: the rate, then its change since an earlier time in points
_POINTS_CHANGE = re.compile(r"[，,]?(?:比|较|同比|环比)[^，。；%\d]{0,8}?(?P<verb>提高|增加|上升|提升|增长|下降|降低|减少|回落|下滑)了?")
_RISES = ("提高", "增加", "上升", "提升", "增长")
# 营业收入同比下降106.44%: a fall of more than 100% in a measure that cannot be negative
_NEVER_NEGATIVE = re.compile(lexicon.alternation("nouns", "never_negative"))
_MAY_BE_NEGATIVE = re.compile(lexicon.alternation("nouns", "never_negative_except"))
_FALL_BY = re.compile(r"(?:下降|减少|降低|下滑|回落|缩减|萎缩|下跌|降|减)(?:了|达|约|近|幅度?为|幅度?达)?$")
_CHANGE_OF = re.compile(r"变动|变化|增长|增减|同比|环比")  # a change written with its sign: 变动幅度为-106.44%


class RateOutOfRange(Rule):
    code = "C104"
    name = "rate-out-of-range"
    severity = Severity.ERROR
    summary = "覆盖率、发生率、占比等比率超过100%或小于0，或收入、销量等减少超过100%"
    explanation = """\
作用：找出覆盖率、发生率、参保率、入学率、签约服务率、硬化率、占比、比例、比重等“部分占全体”的比率写成超过100%或负数的地方。
为何重要：部分不可能多于全体，参保率120%、占全县的130%一定是数字录错（常见的是丢了小数点）。
如何判断：百分数前面同一分句里最近的指标词以“率”“比例”“占比”“比重”结尾，或前面有“占”，且数字不是变化量。增长率、增速、增幅、涨幅、收益率、回报率、贡献率、完成率、毛入学率、病床使用率、负债率、税率、开工率等可以超过100%，“增长150%”“提高了120%”“超额完成”“是上年的120%”也都不报。这样的比率紧接着写了比此前提高或下降多少个百分点，而按此算出的此前的比率小于0或超过100%的（“城镇化率达到67%，比上年末提高84个百分点”，0.84丢了小数点），也报。
不会是负数的量（收入、营业额、销量、产量、人数、价格等）减少、下降超过100%的（“营业收入15.74亿元，同比减少104.41%”“收入同比变动幅度为-106.44%”），减少之后便成了负数，也报；利润、收益、净额、余额、现金流和增速可以由正转负，下降超过100%不报（“净利润同比下降197.87%”）。
示例：全区农村贫困人口基本养老保险参保率达到1000%
应改为：全区农村贫困人口基本养老保险参保率达到100%"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        # a percent or permille numeral is read as a percent, a range or an ordinal (figures._kind):
        # its kind, on the figure itself, is read first, the numeral (a second object) only then
        for f in [f for f in figures if f.kind in _PERCENT_KINDS and (f.quantity.percent or f.quantity.permille)]:
            q = f.quantity
            value = (f.high if f.kind == Kind.RANGE and f.high is not None else f.value) / (10 if q.permille else 1)
            negative = text[f.start - 1:f.start] in ("-", "−", "负")
            if 0 <= value <= 100 and not negative:
                continue
            found = self._bounded_metric(text[f.clause[0]:f.start])
            if not found:
                continue
            metric, share = found
            if share and not negative:
                continue  # 占…% over 100%: part-exceeds-whole reports it
            start = f.start - 1 if negative else f.start
            if share:
                message = _("“{share}{text}”：部分占全体的比重只能在0到100%之间，疑数字有误（小数点或数位错了？）")
            else:
                message = _("“{metric}”是部分占全体的比率，只能在0到100%之间，“{text}”疑有误（小数点或数位错了？）")
            yield self.diagnostic(doc, start, f.end, message.format(share=metric, metric=metric,
                                                                    text=text[start:f.end]))
        yield from self._earlier_out_of_range(doc, text, figures)
        yield from self._falls_below_zero(doc, text, figures)

    def _earlier_out_of_range(self, doc, text, figures):
        """城镇化率达到67%，比上年末提高84个百分点: a bounded rate and its change in points that put
        the earlier value below 0 or above 100% (a change's decimal point lost: 0.84 as 84)."""
        for f, change in zip(figures, figures[1:]):
            if change.unit != "个百分点" or f.unit != "%" or f.kind != Kind.PERCENT or f.sentence != change.sentence:
                continue
            verb = _POINTS_CHANGE.fullmatch(text, f.end, change.start)
            if not verb or not 0 <= f.value <= 100 or text[f.start - 1:f.start] in ("-", "−", "负"):
                continue
            found = self._bounded_metric(text[f.clause[0]:f.start])
            if not found or found[1]:
                continue
            rise = verb.group("verb") in _RISES
            earlier = f.value - change.value if rise else f.value + change.value
            slack = f.precision + change.precision
            if -slack <= earlier <= 100 + slack:
                continue
            yield self.diagnostic(
                doc, change.start, change.end,
                _("“{metric}”为{rate}，{said}，则此前为{earlier}，而这一比率只能在0到100%之间：疑“{change}”有误（小数点丢了？）").format(
                    metric=f.metric or found[0], rate=f.text, said=text[f.end:change.end].lstrip("，,"),
                    earlier=f"{earlier:.4g}%", change=change.text),
                related=[_related(doc, f, _("变化后的比率"))])

    def _falls_below_zero(self, doc, text, figures):
        """营业收入同比下降106.44%, 收入同比变动幅度为-106.44%: what cannot be negative
        falls by more than all of it (a profit can: 净利润同比下降150%)."""
        for f in figures:
            if f.kind != Kind.PERCENT or f.unit != "%" or abs(f.value) <= 100:
                continue
            sign_before = text[f.start - 1:f.start] in ("-", "−")  # the numeral may or may not hold it
            if not (_CHANGE_OF.search(text, f.sentence[0], f.start) if sign_before or f.value < 0
                    else _FALL_BY.search(text, f.clause[0], f.start)):
                continue
            start = f.start - sign_before
            metric = f.stated_metric or ""
            measure = list(_NEVER_NEGATIVE.finditer(metric))
            if not measure or _MAY_BE_NEGATIVE.search(metric):
                continue
            yield self.diagnostic(doc, start, f.end, _(
                "“{metric}”不会小于零，减少不会超过100%：“{text}”疑有误（数字错了，或是按错误的基数算的？）").format(
                    metric=metric[:measure[-1].end()], text=text[start:f.end]))

    @staticmethod
    def _bounded_metric(before: str) -> tuple[str, bool] | None:
        """The bounded rate a percentage is the value of (参保率, 占全省…的), with whether it is a 占 share."""
        keys = list(_RATE_KEY.finditer(before))
        if not keys:
            return None
        key = keys[-1]
        between = before[key.end():]
        if len(between) > 20 or _COMPARED.search(before) or _CHANGE_BEFORE.search(between):
            return None
        if key.group() == "占":
            return before[key.start():], True
        head = before[:key.end()]
        run = _RUN_BREAK.split(_CJK_TAIL.search(head, max(0, len(head) - 9)).group())[-1]
        if len(run) == 9 and len(head) > 9 and "\u4e00" <= head[-10] <= "\u9fff":
            run = run[len(first_word(run)):] or run      # cut mid-word: start at the next word
        metric = LEADING_PLACE.sub("", run)
        if _UNBOUNDED.search(metric):
            return None
        return metric, False


# --- C107 conflicting-figures -----------------------------------------------------------------

# matched at the figure's end; 中 as "among" (行政村中，/中有), not a word's first character (中央企业);
# 均 as "all", not an average (带动9459户贫困户年均增收9000元)
_WHOLE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}?(全部|(?<![年人户平日月亩])均|都|中(?![\u4e00-\u9fff])|中有|中的)")  # (not 年均, 人均)
_METRIC_GAP = re.compile(r"(?:为|有|共|共有|达|达到|总数为?|均为|均达到|保持在)$")
# Different measures of one thing (累计 vs 今年, 目前尚有 vs 共有, 计划 vs 完成): compared only within one kind.
# Years are compared separately; a sentence without a year may restate a dated one.
_TIME_WORDS = {"累计": "total", "以来": "total", "先后": "total", "今年": "year", "去年": "year", "当年": "year",
               "上年": "year", "本年": "year", "全年": "year", "年度": "year", "目前": "now", "现有": "now",
               "尚有": "now", "还有": "now", "剩余": "now", "仍有": "now", "新增": "new", "计划": "plan",
               "预计": "plan", "力争": "plan", "目标": "plan"}
_EXCLUDE = re.compile(r"其中|分别|（[^）]*$")
_THRESHOLD = re.compile(r"以上|以下|以内|左右|上下|之间")


# 个省份GDP超过2万亿元: a condition that picks out a subset of what is counted
_CONDITION = re.compile(r"超过|超出|超|高于|低于|跑赢|跑输|不足|以上|以下|达到?\d")
_DOING = re.compile(r"[\u4e00-\u9fff]{2}")  # what the counted ones did, after them in the clause
_ALL_OF_THEM = re.compile(lexicon.alternation("cues", "all_of_them"))
_EVENT_RATES = lexicon.words("nouns", "event_rates")


def _differ(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


class ConflictingFigures(Rule):
    code = "C107"
    name = "conflicting-figures"
    severity = Severity.WARNING
    summary = "同一地方、同一指标在文中两处写成不同的数"
    explanation = """\
作用：找出同一篇稿件里同一地方、同一指标（如全县贫困村、全市行政村、贫困人口）前后两处写成了不同的数字。
为何重要：读者会问哪个是对的；前后不一往往是某处录错了数字。
如何判断：只比较所数的名词相同（贫困村、行政村、贫困人口……）、单位相同、地方相同、而且两处都是说全体的数（“全县”“共有”“全部”“均”“中”）的数字；约数与确数相容（近万与9800、2400余与2450）不报；“由……到……”、两句写了不同的年份、累计与年度、目前尚有与共有、计划与完成、其中的部分与全体，都不算矛盾；两句全文相同的重复段落交给重复文本规则。各段以不同级别开头的（“省级6项……完成率151.47%”“市级5项……完成率116.45%”），说的是各级的数，不比较。（级别也可在数字所在句的前一句开头，或在“其中：”之后。）三次产业各自的数（“第二产业……贡献率43.68%；第三产业……贡献率54.92%”）同样不比较。所数名词前有不同的定语（“全国发展党员307.5万名”与“全国参加民主评议的党员6518.3万名”）的，或其后各说各做了什么（“共有500多家上市公司披露半年报”与“共有158家上市公司发布重要股东增持相关公告”；说“全部”“均”的除外）的，数的不是同一群，也不比较；某事的“概率”是那件事的，不是地方的指标，不比较；在地方之后各自先说了不同的行业或部门的（“全国水路共发送旅客”与“全国民航共运送旅客”），或比率之前各自数了不同的东西的（“有扶贫龙头企业28586个，目前已复工27960个，复工率98%”与“有扶贫车间29062个，目前已复工28660个，复工率98.6%”），也不比较。
示例：全县141个行政村都建设了标准化卫生室……全县189个党政机关和企事业单位结对包保114个行政村
应改为：两处统一为核实后的数字"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        keyed = [(f, key) for f in figures if (key := self._key(text, f)) is not None]
        # a figure whose key no other has is compared with none: most, and not read further
        repeated = Counter(key for _f, key in keyed)
        keyed = [(f, key) for f, key in keyed if repeated[key] > 1]
        # nor one whose figures all allow a value in common: no two of them can be incompatible
        # (a report that restates its rates 20,000 times is read once per key, not per figure)
        floor, ceiling = {}, {}  # by key: the highest low bound, the lowest high bound
        for f, key in keyed:
            lo, hi = f.bounds
            floor[key], ceiling[key] = max(lo, floor.get(key, lo)), min(hi, ceiling.get(key, hi))
        keyed = [(f, key) for f, key in keyed if floor[key] > ceiling[key] + 1e-9]
        if not keyed:
            return
        at = {f.start: f for f in figures}

        def rate_base(f: Figure) -> str | None:
            return at[f.rate_of].counts if f.rate_of is not None else None

        years: dict[tuple, set] = {}
        for g in figures:
            if g.kind in _DATED and _date_parts(g.text)[0]:
                years.setdefault(g.sentence, set()).add(_date_parts(g.text)[0])
        seen: dict[tuple, list] = {}
        # An earlier figure that reads as one already kept (same values, level, predicate, times,
        # measure and years) decides every later comparison as that one does; two are kept with
        # different sentences, as a later figure's own sentence rules one out. So a report that
        # states 全县共有贫困村82个 4,000 times compares each with a few, not with all before it.
        kept: dict[tuple, list[str]] = {}
        times_of: dict[tuple, frozenset] = {}  # each sentence's time words, read once

        def times(f: Figure) -> frozenset:
            if f.sentence not in times_of:
                times_of[f.sentence] = self._times(text, f)
            return times_of[f.sentence]

        for f, key in keyed:
            earlier = seen.setdefault(key, [])
            sentence = text[f.sentence[0]:f.sentence[1]]
            level = f.place_level if f.place_from == "whole" else None  # 全市 and 全县 count different sets
            for g, g_sentence, g_level in earlier:
                if g_sentence == sentence or g.sentence == f.sentence or level and g_level and level != g_level:
                    continue
                if g.qualifier != f.qualifier:
                    continue  # 全国发展党员307.5万名 and 全国参加民主评议的党员6518.3万名: different sets
                if _differ(g.sector, f.sector) or _differ(rate_base(g), rate_base(f)):
                    continue  # 全国水路…旅客 and 全国民航…旅客; 有扶贫龙头企业…复工率 and 有扶贫车间…复工率
                if _differ(g.grade, f.grade):
                    continue  # 省级6项，…完成率151.47% and 市级5项，…完成率116.45%: the projects of each level
                if not self._same_predicate(text, g, f, key[3]):
                    continue
                if self._compatible(text, g, f) or times(g) != times(f):
                    continue
                if any(x and y and x != y for x, y in ((g.period or g.month, f.period or f.month), (g.base, f.base),
                                                         (g.terms, f.terms))):
                    continue  # 一季度 and 上半年 (or 3月), 同比 and 比2015年, 30年期 and 5年期: different measures
                g_years, f_years = years.get(g.sentence), years.get(f.sentence)
                if g_years and f_years and g_years != f_years:
                    continue
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("{place}{metric}前文作“{first}”，此处作“{second}”，两处不一致").format(
                        place=f.place or "", metric=key[3], first=g.text, second=f.text),
                    related=[_related(doc, g, _("前文的数字"))])
                break
            reading = (key, f.bounds, level, self._predicate(text, f, key[3]), times(f), f.period or f.month, f.base,
                       f.terms,
                       frozenset(years.get(f.sentence, ())))
            sentences = kept.setdefault(reading, [])
            if len(sentences) < 2 and sentence not in sentences:
                sentences.append(sentence)
                earlier.append((f, sentence, level))

    @staticmethod
    def _key(text, f):
        if f.kind not in ("count", "percent") or f.family in TIME_FAMILIES or f.family in ("times", None) \
                or f.classifier in ("级", "种", "类", "大", "方面", "轮"):
            return None  # durations, grades, kinds and aspects are no quantities of a place
        before = text[f.clause[0]:f.start]
        if f.kind == Kind.COUNT and not WHOLE_WORDS.search(before):  # the test most counts fail: first
            after = _WHOLE_AFTER.match(text, f.end)  # (where the clause ends matters only if it matches)
            if not after or after.end() > _clause_end(text, f.end):
                return None
        if _EXCLUDE.search(text, f.sentence[0], f.start) or _TREND.search(before) or _FROM.search(before):
            return None
        stated = _METRIC_GAP.sub("", before)
        if _THRESHOLD.match(text, f.end, f.end + 2):
            return None  # 发生率30%以上的贫困村: a threshold, not a statement of the rate
        if f.kind == Kind.PERCENT:
            # (a probability is an event's, which the sentence names, not a place's measure:
            # 上证指数…上涨概率为62.5%, 医药生物、电子…上涨概率为81.25%)
            named = stated.endswith("率") and "占" not in stated and not stated.endswith(_EVENT_RATES)
            metric = LEADING_PLACE.sub("", stated) if named else None  # 占生产总值的比重: whose share is another matter
        else:
            metric = f.counts
        if not metric or len(metric) < 2:
            return None
        return (f.place, f.family, f.classifier, metric)

    @staticmethod
    def _same_predicate(text, a, b, metric: str) -> bool:
        """共有15个省份GDP超过2万亿元 and 共有10个省份增速超全国水平 count different sets:
        what the clause says after the counted noun must agree, or be absent."""
        pa, pb = ConflictingFigures._predicate(text, a, metric), ConflictingFigures._predicate(text, b, metric)
        if not (_CONDITION.search(pa) or _CONDITION.search(pb)):
            # nothing narrows either count to a subset, unless each says what its own did (A股共有
            # 158家上市公司发布增持公告, 共有500多家上市公司披露半年报); 全部, 均 speak of them all
            if not (_DOING.match(pa) and _DOING.match(pb)) or _ALL_OF_THEM.search(pa + pb):
                return True
        from rapidfuzz import fuzz  # only here: most runs never get this far (20 ms to import)

        return fuzz.ratio(pa, pb) >= 60

    @staticmethod
    def _predicate(text, f, metric: str) -> str:
        """What the clause says after the counted noun (“超过2万亿元”), or nothing."""
        rest = text[f.end:_clause_end(text, f.end)]
        at = rest.find(metric)
        return rest[at + len(metric):] if at >= 0 else ""

    @staticmethod
    def _compatible(text, a, b) -> bool:
        (a_lo, a_hi), (b_lo, b_hi) = a.bounds, b.bounds
        return a_lo <= b_hi + 1e-9 and b_lo <= a_hi + 1e-9

    @staticmethod
    def _times(text, f) -> frozenset:
        sentence = text[f.sentence[0]:f.sentence[1]]
        return frozenset(kind for word, kind in _TIME_WORDS.items() if word in sentence)


# --- C108 invalid-date ------------------------------------------------------------------------

_DATE_TEXT = re.compile(r"^(?:(?P<y>[^年月日号]+)年)?(?:(?P<m>[^年月日号]+)月)?(?:(?P<d>[^年月日号]+)[日号])?$")
_WEEKDAY = re.compile(r"[（(]?(?P<word>(?P<prefix>星期|周|礼拜)(?P<day>[一二三四五六日天1-7]))")
_WEEKDAY_NUM = {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6} | {str(i + 1): i for i in range(7)}
_PERIOD_SEPS = ("至", "到", "—", "——", "-", "－", "～", "~")
# (the year first, and what may not precede it looked behind from its end: a pattern that
# opens with a look-around is tried at every character of the text, this one only at a 1 or 2)
_ISO_DATE = re.compile(r"((?:19|20)\d{2})(?<![\d.].{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])")
_SPACE = re.compile(r"\s")
_LEAP_YEAR = 2000  # a date written without its year may be in a leap year


def _date_parts(written: str) -> tuple[int | None, int | None, int | None]:
    m = _DATE_TEXT.match(_SPACE.sub("", written))
    parts = []
    for key in "ymd":
        value = parse_numeral(m.group(key)) if m and m.group(key) else None
        parts.append(int(value) if value is not None and float(value).is_integer() else None)
    return tuple(parts)


_EVENT_YEAR = lexicon.table("fixed", "anniversaries", "year")
_ANNIVERSARY = re.compile(f"(?P<event>{lexicon.alternation('fixed', 'anniversaries')})"
                          r"(?P<n>\d{1,3}|[一二三四五六七八九十百零〇两]{1,6})周年")
_YEAR_BEFORE = re.compile(r"(?<![\d.])((?:1[89]|20)\d\d)年")


_OVERLONG_YEAR = re.compile(r"(?:19|20)\d{3,4}年")
_FUSED_DATE = re.compile(r"(?:19|20)\d{4,6}日")  # 2022314日: a date without its 年 and 月
_FUSED_MONTH_DAY = re.compile(r"\d{3,4}日")  # 1112日: one without its 月
# 1月22日16时至…: an hour of the clock, after a day or a part of the day
_CLOCK = re.compile(r"(?<!\d)(?P<hour>\d{1,3})时(?:(?P<minute>\d{1,3})分)?")
_CLOCK_AFTER = ("日", "号", "凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上", "夜间", "夜里")
# 202012216时至12310: a date and hour whose 年, 月 and 日 were lost (2020年1月22日16时), read as one
# where a time goes on (至, 起, 许, a minute); not a quantity reached (用户数达到20111111时)
_FUSED_CLOCK = re.compile(r"(?<![\d.])(?:19|20)\d{5,8}时(?=[至到起许前后止，,]|\d{1,2}分)")
_AMOUNT_REACHED = ("达到", "达", "超过", "突破", "为")
# A person's birth and death: 生于宋真宗咸平二年（999），死于宋仁宗嘉佑七年（1062）; 1944年11月1日出生;
# 于2023年7月26日在北京逝世，享年78岁
_A_YEAR = r"(?:(?P<{0}>\d{{3,4}})年|[（(](?:公元)?(?P<{0}p>\d{{3,4}})年?[）)])"
_BIRTH_WORD = re.compile(r"(?:出生|诞生|生)于?")
_NOT_A_BIRTH = ("率", "人口", "数", "缺陷", "登记", "证", "医学", "地")  # 出生率, 2020年出生人口
_YEAR_AFTER_BIRTH = re.compile(r"[^，。；\d]{0,12}?" + _A_YEAR.format("born"))
_YEAR_BEFORE_BIRTH = re.compile(r"(?<!\d)" + _A_YEAR.format("born") + r"(?:\d{1,2}月)?(?:\d{1,2}日)?\Z")
_DIED = re.compile(r"(?:死于|卒于|殁于|逝于)[^，。；\d]{0,12}?" + _A_YEAR.format("died"))
_DEATH_VERB = re.compile(r"逝世|去世|病逝|辞世")
_YEAR_AT = re.compile(r"(?<!\d)(\d{3,4})年")
_AGED = re.compile(r"(?:享年|终年)(?P<age>\d{1,3})岁")
LONGEST_LIFE = 122  # years: the longest life on record
# where a date, not a number of days, opens: a sentence or a clause, or 于, 自, 从 (not 近120日)
_DATE_OPENS = re.compile(r"(?:^|[。，,；！？、\n（(“于自从])$")
_SPAN_AFTER = lexicon.words("cues", "day_span_after")  # 120日内办结: a span of days
_AS_A_DATE = ("，", "。", "；", "月", "底", "末", "初", "以来", "全", "上半年", "下半年", "度", "前三季度", "一季度")
_BEFORE_A_SPAN = ("距今", "约", "近", "有", "逾", "超过", "长达", "历时", "经过", "上")


def _year_of(m: re.Match) -> int:
    """The year a birth's or a death's match names, whichever of its groups holds it."""
    return int(next(v for k, v in m.groupdict().items() if v is not None))


def _digits_before_hours(text: str) -> Iterator[int]:
    """Where the run of (at most ten) digits right before each 时 starts: found from the 时, which
    str.find skips to, where a pattern starting with a digit tries every digit of a table."""
    at = text.find("时")
    while at != -1:
        start = at
        while start > 0 and at - start <= 10 and "0" <= text[start - 1] <= "9":
            start -= 1
        if start < at:
            yield start
        at = text.find("时", at + 1)


def _births(text: str) -> list[tuple[tuple[int, int], int]]:
    """The births told in the text, in order: ((start, end), year): 生于…1929年, 1944年11月1日出生,
    1929年生于苏州 (found from the verb, which the text holds far less often than digits)."""
    found = []
    for verb in _BIRTH_WORD.finditer(text):
        if verb.group() == "生" or text.startswith(_NOT_A_BIRTH, verb.end()):
            continue
        before = _YEAR_BEFORE_BIRTH.search(text, max(0, verb.start() - 16), verb.start())
        if before is not None:
            found.append(((before.start(), verb.end()), _year_of(before)))
        elif verb.group().endswith("于"):
            after = _YEAR_AFTER_BIRTH.match(text, verb.end())
            if after is not None:
                found.append(((verb.start(), after.end()), _year_of(after)))
    return found


def _deaths(text: str, start: int, end: int) -> list[tuple[tuple[int, int], int]]:
    """The deaths told in text[start:end], in order: ((start, end), year)."""
    found = [((m.start(), m.end()), _year_of(m)) for m in _DIED.finditer(text, start, end)]
    for verb in _DEATH_VERB.finditer(text, start, end):
        before = text[max(start, verb.start() - 40):verb.start()]
        for year in reversed(list(_YEAR_AT.finditer(before))):
            # 于2023年7月26日晨7时15分，在…逝世, or a year in the verb's own clause (not 1966年毕业，…逝世)
            if before[year.start() - 1:year.start()] == "于" or not re.search(r"[，,；;]", before[year.end():]):
                found.append(((verb.start() - len(before) + year.start(), verb.end()), int(year.group(1))))
                break
    return sorted(found)


class InvalidDate(Rule):
    code = "C108"
    name = "invalid-date"
    severity = Severity.ERROR
    summary = "不存在的日期或钟点、与日期不符的星期、结束早于开始的时段、与年份不符的周年或享年"
    explanation = """\
作用：找出不存在的日期（2月30日、4月31日、13月、2019年2月29日），写明年份时与日期不符的星期（“2020年3月25日（星期一）”），以及结束早于开始的时段（“2019年至2017年”“2020年3月25日至3月20日”）。
为何重要：日期错了，读者无从知道事情究竟发生在哪一天；这类错误多是录入时数字颠倒或记错。
如何判断：按公历核对月份和每月天数（闰年按年份判断，不写年份时容许2月29日）；星期只在写明年份时核对；时段只在两端写法确定先后时报告，“11月至3月”这类可能跨年的时段不报。
周年：词表（fixed.anniversaries）里有年份的事件（中国共产党成立1921年、新中国成立1949年、改革开放1978年等），“2024年是新中国成立76周年”这样同一句中先写了年份的，须年份减去事件的年份等于周年数；句中的年份就是事件本身的年份（“1949年10月1日新中国成立”）时不核对；“建党”这类也可指别国政党的说法不在词表里。五六位数的“年”（19、20开头），后面紧跟逗号、“月”“底”“以来”“全年”等、读作日期的（“202223年，在市领导的支持下”），是年份多打了数字或两个年份连在了一起，作“警告”；“距今20000年前”这类时长不报。19、20开头的六到八位数紧跟“日”的（“2022314日”），是日期丢了“年”“月”，作“警告”，只有一种读法时建议改为“2022年3月14日”。在句首、分句首或“于”“自”“从”之后的三四位数紧跟“日”、只能读作一个月日的（“1112日，《荆门日报》在头版报道”），是日期丢了“月”，也作“警告”，建议改为“11月12日”；“近120日”“120日内”这类天数不报。
钟点：“日”或“凌晨”“上午”“下午”“晚上”这类词之后的“N时”，N超过24的（“8月11日25时”），或其后的分钟超过59的（“19时71分”），报错；19、20开头的七到十位数紧跟“时”、其后接着“至”“起”“许”“前”“后”、逗号或分钟、能读成年月日和钟点的（“202012216时至……”），是日期和钟点丢了“年”“月”“日”，作“警告”，只有一种读法时给出建议；“达到”“超过”之后的数（“用户数达到20111111时”）不报。
生卒：同一句里“生于”或“X年出生”之后的“死于”“卒于”或“X年……逝世”，死在出生之前或相隔超过122年的（“生于宋真宗咸平二年（999），死于宋仁宗嘉佑七年（1602）”），作“警告”（也可能说的是另一个人）；全文只写了一个出生年份时，“享年”“终年”的岁数与同一句的逝世年份减出生年份相差超过一岁的（按周岁，虚岁多一岁），也作“警告”。
示例：2020年3月25日（星期一）
应改为：2020年3月25日（星期三）"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        at = [i for i, f in enumerate(figures) if f.kind in _DATED]
        dated = [(figures[i], _date_parts(figures[i].text)) for i in at]
        for f, (y, m, d) in dated:
            if m is None:
                continue
            yield from self._check_day(doc, text, f.start, f.end, f.text, y, m, d)
        for match in _ISO_DATE.finditer(text):
            y, m, d = int(match.group(1)), int(match.group(3)), int(match.group(4))
            if not 1 <= m <= 12:
                continue        # 2015/16/17: not written as a date
            yield from self._check_day(doc, text, match.start(), match.end(), match.group(), y, m, d)
        yield from self._check_periods(doc, text, figures, at, dated)
        if "周年" in text:
            yield from self._anniversaries(doc, text)
        yield from self._overlong_years(doc, text, figures)
        yield from self._clock_times(doc, text)
        if "生" in text:
            yield from self._lifespans(doc, text)

    def _fused_dates(self, doc, f, year: int | None = None):
        """2022314日: a date whose 年 and 月 were lost (1112日 with no year: its 月); suggested
        where the digits read one way only."""
        digits = f.text[:-1]
        rest = digits[4:] if year else digits
        readings = [(int(rest[:k]), int(rest[k:])) for k in (1, 2) if k < len(rest) and rest[k] != "0"]
        valid = [(m, d) for m, d in readings if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(year or _LEAP_YEAR, m)[1]]
        if year is None:
            if len(valid) != 1:
                return None  # (1311日 is no date either way; 111日 reads two ways)
            return self.diagnostic(doc, f.start, f.end, _("“{text}”不是天数：疑为日期丢了“月”").format(text=f.text),
                                   suggestion=f"{valid[0][0]}月{valid[0][1]}日", severity=Severity.WARNING)
        fixed = f"{year}年{valid[0][0]}月{valid[0][1]}日" if len(valid) == 1 else None
        return self.diagnostic(doc, f.start, f.end, _("“{text}”不是天数：疑为日期丢了“年”“月”").format(text=f.text),
                               suggestion=fixed, severity=Severity.WARNING)

    def _overlong_years(self, doc, text, figures):
        """202223年，在市领导的支持下…: a year of five or six digits, read as a date (a clause, a
        month, 底, 以来 after it), is a year typed with digits too many, or two years run together."""
        for f in figures:
            if f.family != "calendar" or f.kind != Kind.COUNT:
                continue
            if _FUSED_DATE.fullmatch(f.text):
                yield self._fused_dates(doc, f, year=int(f.text[:4]))
                continue
            if _FUSED_MONTH_DAY.fullmatch(f.text) and int(f.text[:-1]) > 31 and not f.approx \
                    and _DATE_OPENS.search(text, max(0, f.start - 1), f.start) and not text.startswith(_SPAN_AFTER, f.end):
                found = self._fused_dates(doc, f)  # 1112日，《荆门日报》在头版报道: 11月12日
                if found:
                    yield found
                continue
            if not _OVERLONG_YEAR.fullmatch(f.text):
                continue
            if not text.startswith(_AS_A_DATE, f.end) or text.endswith(_BEFORE_A_SPAN, 0, f.start):
                continue  # 距今20000年前, 有20000年的历史: a span of time
            yield self.diagnostic(
                doc, f.start, f.end, _("“{text}”不是年份：疑年份多打了数字，或两个年份连在了一起").format(text=f.text),
                severity=Severity.WARNING)

    def _clock_times(self, doc, text):
        """22日25时, 16时75分: no hour of a day; 202012216时: a date and hour run together."""
        for start in _digits_before_hours(text):
            m = _CLOCK.match(text, start)
            if m is not None:
                if text.endswith(_CLOCK_AFTER, 0, start - (text[start - 1:start] == " ")):
                    yield from self._hour_and_minute(doc, m)
            elif (m := _FUSED_CLOCK.match(text, start)) is not None and not text.endswith(_AMOUNT_REACHED, 0, start):
                yield from self._fused_date_and_hour(doc, m)

    def _hour_and_minute(self, doc, m: re.Match):
        hour, minute = int(m.group("hour")), m.group("minute")
        if hour > 24:
            yield self.diagnostic(doc, m.start("hour"), m.end("hour") + 1,
                                  _("“{text}”不是钟点：一天只有24小时").format(text=m.group("hour") + "时"))
        elif minute is not None and int(minute) > 59:
            yield self.diagnostic(doc, m.start("minute"), m.end(),
                                  _("“{text}”不是钟点：一小时只有60分钟").format(text=minute + "分"))

    def _fused_date_and_hour(self, doc, m: re.Match):
        """202012216时: suggested as 2020年1月22日16时 where the digits read one way only."""
        year, rest = int(m.group()[:4]), m.group()[4:-1]
        readings = [(int(rest[:i]), int(rest[i:j]), int(rest[j:])) for i in (1, 2) for j in (i + 1, i + 2)
                    if j < len(rest) <= j + 2 and (i == 2 or rest[0] != "0") and (j - i == 2 or rest[i] != "0")]
        valid = [(mo, d, h) for mo, d, h in readings
                 if 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(year, mo)[1] and h <= 24]
        if not valid:
            return
        fixed = f"{year}年{valid[0][0]}月{valid[0][1]}日{valid[0][2]}时" if len(valid) == 1 else None
        yield self.diagnostic(doc, m.start(), m.end(), _("“{text}”不是钟点：疑为日期和钟点丢了“年”“月”“日”").format(
            text=m.group()), suggestion=fixed, severity=Severity.WARNING)

    def _lifespans(self, doc, text):
        """死于1602年 after 生于999年: a life of 603 years; 享年 against the years of birth and death
        (the report's one year of birth: an obituary names one person's). Warnings: a death in the
        sentence of a birth may be another person's (生于1920年，其父死于1918年)."""
        births = _births(text)
        for born, birth in births:
            deaths = _deaths(text, born[1], clause_end(text, born[1], "sentence"))
            if not deaths:
                continue
            died, death = deaths[0]
            if death < birth or death - birth > LONGEST_LIFE:
                yield self.diagnostic(doc, died[0], died[1], _(
                    "生于{birth}年、死于{death}年：{why}，年份疑有误").format(
                        birth=birth, death=death, why=_("死在出生之前") if death < birth else _("相隔{n}年，超过人的寿命").format(
                            n=death - birth)),
                    related=[Related(doc.span(*born), _("出生"))], severity=Severity.WARNING)
        if len({year for _span, year in births}) != 1:
            return
        born, birth = births[0]
        for aged in _AGED.finditer(text):
            deaths = _deaths(text, clause_start(text, aged.start(), "sentence"), aged.start())
            if not deaths:
                continue
            died, death = deaths[-1]  # the last before 享年 in its sentence
            age = int(aged.group("age"))
            if death - birth - 1 <= age <= death - birth + 1:
                continue  # 周岁, or 虚岁 one more
            yield self.diagnostic(doc, aged.start("age"), aged.end(), _(
                "按{birth}年出生、{death}年逝世算，享年应在{low}至{high}岁之间，文中作“{written}”").format(
                    birth=birth, death=death, low=death - birth - 1, high=death - birth + 1, written=aged.group()),
                related=[Related(doc.span(*born), _("出生")),
                         Related(doc.span(*died), _("逝世"))], severity=Severity.WARNING)

    def _anniversaries(self, doc, text):
        """2024年是新中国成立75周年: the year written before it in its sentence, less the event's."""
        for m in _ANNIVERSARY.finditer(text):
            years = list(_YEAR_BEFORE.finditer(text, clause_start(text, m.start(), "sentence"), m.start()))
            event = _EVENT_YEAR[m.group("event")]
            number = parse_numeral(m.group("n"))
            if not years or number is None:
                continue
            year = int(years[-1].group(1))
            if year <= event or number == year - event:
                continue  # 1949年新中国成立: the event's own year, not the anniversary's
            right = year - event
            yield self.diagnostic(
                doc, m.start("n"), m.end(),
                _("按{event}于{then}年算，{year}年是{event}{right}周年，文中作“{written}”").format(
                    event=m.group("event"), then=event, year=year, right=right, written=text[m.start("n"):m.end()]),
                suggestion=f"{right}周年" if m.group("n").isdigit() else None,
                related=[Related(doc.span(years[-1].start(), years[-1].end()), _("年份"))])

    def _check_day(self, doc, text, start, end, written, y, m, d):
        if not 1 <= m <= 12:
            yield self.diagnostic(doc, start, end, _("“{text}”不存在：月份只有1到12月").format(text=written))
            return
        if d is None:
            return
        days = calendar.monthrange(y or _LEAP_YEAR, m)[1]
        if not 1 <= d <= days:
            if m == 2 and d == 29:
                message = _("“{text}”不存在：{y}年不是闰年，2月只有28天").format(text=written, y=y)
            else:
                message = _("“{text}”不存在：{m}月只有{n}天").format(text=written, m=m, n=days)
            yield self.diagnostic(doc, start, end, message)
            return
        week = _WEEKDAY.match(text, end)
        if y and week:
            actual = datetime.date(y, m, d).weekday()
            if _WEEKDAY_NUM[week.group("day")] != actual:
                day = "日" if actual == 6 and week.group("prefix") != "周" else "一二三四五六日"[actual]
                if week.group("day").isdigit():
                    day = str(actual + 1)
                right = week.group("prefix") + day
                w_start = week.start("word")
                yield self.diagnostic(
                    doc, w_start, w_start + len(week.group("word")),
                    _("{date}是{right}，文中作“{written}”").format(date=written, right=right,
                                                                  written=week.group("word")),
                    suggestion=right, related=[Related(doc.span(start, end), _("日期"))])

    def _check_periods(self, doc, text, figures, at, dated):
        """Each dated figure (figures[i] for i in ``at``) with the figure before it."""
        parts = dict((id(f), p) for f, p in dated)
        for i in at:
            if not i:
                continue
            a, b = figures[i - 1], figures[i]
            if text[a.end:b.start] not in _PERIOD_SEPS:
                continue
            if id(a) in parts:
                first = parts[id(a)]
            elif a.kind == Kind.OTHER and re.fullmatch(r"(19|20)\d\d", a.text):
                first = (int(a.text), None, None)      # 2019—2017年
            else:
                continue
            if self._before(first, parts[id(b)]):
                yield self.diagnostic(
                    doc, b.start, b.end,
                    _("时段“{a}{sep}{b}”的结束早于开始，疑年份或日期录错").format(
                        a=a.text, sep=text[a.end:b.start], b=b.text),
                    related=[_related(doc, a, _("时段的开始"))])

    @staticmethod
    def _before(first, second) -> bool:
        """Does the period's end lie before its start, at the precision both ends share?"""
        (ya, ma, da), (yb, mb, db) = first, second
        if ya and yb:
            if yb != ya:
                return yb < ya
        elif yb or mb is not None and ma is not None and mb != ma:
            return False        # 11月至3月 may run into the next year
        if mb is None and db is not None:
            mb = ma
        if ma is None or mb is None:
            return False
        if mb != ma:
            return mb < ma
        return da is not None and db is not None and db < da


# --- C113 conflicting-hedges ------------------------------------------------------------------

class ConflictingHedges(Rule):
    code = "C113"
    name = "conflicting-hedges"
    severity = Severity.WARNING
    summary = "一个数字前后的约数词自相矛盾（近……多），或意思重复（约……多、约……左右）"
    explanation = """\
作用：找出一个数字同时带着两个约数词的地方：一个说不到这个数、一个说多于这个数的（“近370多万个”“不到100人以上”），报“警告”；两个意思相同或相容、说了两遍的（“约160多名”“约30%左右”“逾100多个”“至少3人以上”），报“提示”。
为何重要：“近370多万”究竟是不到370万还是370万多，读者无从知道；约数词重复是常见的编校差错，出版物应只留一个。
如何判断：看数字前的“近、将近、不到、不足、最多、逾、超过、超、至少、约、大约”和数字后的“多、余、以上、以下、以内、左右、上下”；“节约”“签约”里的“约”、“附近”和“近十多年”（最近）里的“近”、“多重”“多元”里的“多”不算；“低于市场价20%以上”“高于……以上”说的是差距，不查。
示例：累计入驻招聘平台企业43818家，提供职位数近370多万个。
应改为：只留一个约数词，如“近370万个”或“370多万个”，以核实的数为准"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        for f in figures:
            # (a second hedge word needs the figure's own, which sets approx, or one right before it)
            if f.approx is None and text[f.start - 1:f.start] not in HEDGE_BEFORE_LAST:
                continue
            hedges = f.hedges
            if len(hedges) < 2:
                continue
            below = [w for w, _at in hedges if HEDGE_DIRECTION[w] == "below"]
            above = [w for w, _at in hedges if HEDGE_DIRECTION[w] == "above"]
            start = min(f.start, hedges[0][1])
            end = max(f.end, max(at + len(w) for w, at in hedges))
            written = text[start:end]
            if below and above:
                message = _("“{text}”中“{below}”说不到这个数，“{above}”说多于这个数，两个约数词自相矛盾").format(
                    text=written, below=below[0], above=above[0])
                yield self.diagnostic(doc, start, end, message)
            else:
                words = "”“".join(w for w, _at in hedges)
                message = _("“{text}”中“{words}”都是约数词，意思重复，只留一个即可").format(text=written, words=words)
                yield self.diagnostic(doc, start, end, message, severity=Severity.INFO)


RULES = [TrendDirection, RateOutOfRange, ConflictingFigures, InvalidDate, ConflictingHedges]
