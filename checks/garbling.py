"""G: text garbled on its way to print or web (fused figures, lost separators)."""
from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from dataclasses import replace
from itertools import accumulate, islice
from operator import attrgetter

from checks.arithmetic import number
from checks.plausibility import whole_place
from factcheck import lexicon
from factcheck.document import HEADING_LINE, NOT_CONTENT, SENTENCE_BREAKS, Document, clause_end, clause_start, segments
from factcheck.figures import LIST_JOINERS, TIME_FAMILIES, Figure, Kind, noun_after, places, respective_names
from factcheck.i18n import _
from factcheck.rules import Related, Rule, Severity
from factcheck.segment import tags as word_tags
from factcheck.segment import first_word, words
from factcheck.stories import CHINESE_DIGITS, copy_label, fused_in_copies, lead_in, per_copy
from factcheck.variants import changed_at, changed_chars, changed_re, convert, first_changed, written

# The most persons (or households) a place of a level can plausibly hold; a figure
# whose place is only the report's is held to the country's cap.
POPULATION_CAP = {e["level"]: e["cap"] for e in lexicon.entries("places", "population_caps")}
PERSONS_PER_HOUSEHOLD = (1, 6)
MAX_FUSED_DIGITS = 24  # a longer run is no two counts written together
_FUSIBLE = (Kind.COUNT, Kind.OTHER)  # the kinds two fused figures take
_COUNTED_HEADS = ("persons", "households")  # counted as things are (改造老旧小区28177户棚户区改造)
_MEASURES = ("length", "area", "mass", "volume")  # of a thing measured, never followed by a number of another
_SPECIFICATION_AFTER = re.compile(f"(?:{lexicon.alternation('cues', 'specification_words')})")
MAX_COUNTED_RATES = 10  # 落实“三个80%”要求, 实现“3个95%”: a few rates counted, never more
LOCAL_LEVELS = ("prefecture", "county", "township", "village")
_YEAR_MONTH = re.compile(r"(19\d\d|20\d\d)(1[0-2]|0?[1-9])")


def population_cap(figure: Figure, own_place: bool = False) -> float:
    """The most persons the place the figure's own sentence, or the heading over it, is
    about can hold (a report's main place may be named far away, or be another place);
    with ``own_place``, the report's place too."""
    if (own_place or figure.place_from in ("sentence", "whole", "heading")) and figure.place_level in POPULATION_CAP:
        return POPULATION_CAP[figure.place_level]
    if figure.place_level in LOCAL_LEVELS:  # a local report may still quote a national figure
        return POPULATION_CAP["province"]
    return POPULATION_CAP["country"]


HEDGED_DIGITS = 5  # significant digits no "about" or "over" figure is written to
SIBLINGS_APART = 4  # each half of a fused list item lies within this factor of the list's other items


def household_split(digits: str) -> tuple[str, str] | None:
    """The way to cut a digit run into households and persons (1 to 6 a household). With
    at most six persons a household, the persons have as many digits as the households or
    one more: the only cut that can work is in the middle (of the digits after any leading
    zeros). Compared as integers, so that a run of any length gives an answer, never an overflow."""
    k = (len(digits) + len(digits) - len(digits.lstrip("0"))) // 2
    households, persons = digits[:k], digits[k:]
    if not k or persons.startswith("0") or len(digits) > MAX_FUSED_DIGITS or int(households) == 0:
        return None
    low, high = PERSONS_PER_HOUSEHOLD
    return (households, persons) if low * int(households) <= int(persons) <= high * int(households) else None


# A count closes its clause after these (智能工厂达16个): what follows it starts another.
# Not after 到达, 下达 … (objects), nor after a bare 为 (为1000户家庭解决: "for").
_CLOSING_VERB = re.compile(f"(?:{lexicon.alternation('cues', 'clause_closing_verbs')})$")
_NOT_CLOSING = re.compile(f"(?:{lexicon.alternation('cues', 'not_clause_closing')})到?$")
_WHOLE_PLACE = re.compile("[全各我本][国省市县区乡镇村旗州盟地球]")
# 29个省份|214个城市建立: a count under another's noun, not after its own
_UNDER_A_COUNT = re.compile(r"[0-9一二三四五六七八九十两][个家所座条项支处名位户人][^0-9，。；、]{1,8}$")
_YEAR_AS_MODIFIER = re.compile(lexicon.alternation("cues", "year_as_modifier"))  # 2016年款, 2019年版
_NOT_COUNTED = ("nr", "ns", "nt", "nrt", "nrfg", "nz")  # names of persons, places, bodies
# 死亡人数超过1300人: persons stated as what a 人数 comes to end its clause (a 3526人受伤 after it is another's)
_HEADCOUNT_CLOSING = re.compile(r"(?:人数|人次|户数|数量|总数)(?:已|累计|共)?(?:达到?|超过?|突破|增至|升至|逾)?$")
_HEADCOUNT_WORD = re.compile("数|人次")  # what the pattern above needs, looked for first
_HEADCOUNTS = ("persons", "households", "visits")
AREA_FUSED_DIGITS = 5  # digits of a figure in another unit right after 面积 that make it two fused
_VISITORS = re.compile(lexicon.alternation("nouns", "visitor_words"))
# a sum named right before a figure (and a verb): 投入各类扶贫资金|349656个
_MONEY_BEFORE = re.compile(f"(?:{lexicon.alternation('nouns', 'money_words')})(?:{lexicon.alternation('cues', 'measure_verbs')})?$")
_AREA_BEFORE = re.compile(f"面积(?:{lexicon.alternation('cues', 'measure_verbs')})?$")
_PERSON_HEADS = frozenset(lexicon.words("nouns", "person_heads"))  # a count of 个 of these counts persons
# persons (counted with 名): a count of things straight after them has lost their number's unit
_PERSONS = sorted((e["word"] for e in lexicon.entries("nouns", "counted_with_classifier") if e["classifier"] == "名"),
                  key=len, reverse=True)
_PERSONS_BEFORE = re.compile(f"(?:{'|'.join(_PERSONS)})(?:{lexicon.alternation('cues', 'measure_verbs')})?$")
_GROUPS_OF_PERSONS = frozenset(lexicon.words("nouns", "groups_of_persons"))  # 接访群众436批


def _clause_around(doc: Document, f: Figure) -> tuple[str, str]:
    """The clause's words before a figure (at most 14 characters) and after it (at most 24),
    spaces taken out. A line break ends them unless the text is hard-wrapped (a title's
    line), and so does a space after the figure in the original (a headline's parts: 双方死亡
    人数已近2300人 冲突导致……; a print copy's spaces stand next to digits only)."""
    text = doc.norm
    before = text[clause_start(text, f.start, floor=max(0, f.start - 14)):f.start]
    after = text[f.end:clause_end(text, f.end, ceiling=f.end + 24)]
    if not doc.wrapped:
        before, after = before.rpartition("\n")[2], after.partition("\n")[0]
    at = doc.offsets
    if at and f.end < len(text) and any(c.isspace() for c in doc.text[at[f.end - 1] + 1:at[f.end]]) \
            and not text[f.end].isdigit():
        after = ""
    return "".join(before.split()), "".join(after.split())


_FACILITY_AFTER_VERB = set(lexicon.value("nouns", "facility_after_verb"))


def _closes_clause(before: str) -> str | None:
    """The words before a count that make it the end of a clause: a noun it counts
    (新增上市公司|10家) or a verb that takes it as its complement (工厂达|16个); None if
    neither (全市|5000名党员参加, 吸引|300家企业入驻: the count starts its clause)."""
    if not before or _UNDER_A_COUNT.search(before):
        return None
    if _CLOSING_VERB.search(before) and not _NOT_CLOSING.search(before):
        return before
    return _after_its_noun(before)


def _after_its_noun(before: str) -> str | None:
    """``before`` when it ends in a noun that a count after it counts (新增上市公司|10家), else None."""
    split = words(before)
    if not split:
        return None
    last = split[-1]
    tag = word_tags().get(last, "")
    counted = tag[:1] == "n" and tag not in _NOT_COUNTED or tag in ("j", "l")
    if last in _FACILITY_AFTER_VERB and len(split) > 1 and len(split[-2]) >= 2 \
            and word_tags().get(split[-2], "")[:1] == "v":
        return before  # 封堵非法排污|口7个: a facility named by what is done there
    return before if len(last) >= 2 and counted and not _WHOLE_PLACE.fullmatch(last) else None


def _opens_clause(after: str, verb_first: bool = False) -> str | None:
    """The noun a count's classifier is followed by, when a verb comes right after it:
    35家|村镇银行完成改革任务 -> 村镇银行完成 (the count is the subject's, not a noun's before it);
    with ``verb_first``, a verb right after the unit too (3526人|受伤)."""
    tags = word_tags()
    if verb_first and _is_verb(tags.get(first_word(after), "")):
        return first_word(after)
    noun = noun_after(after, 0)
    if not noun:
        # a noun led by a verb as its modifier: 866093名|脱贫劳动力实现务工就业 (脱贫 a verb to jieba)
        lead = first_word(after)
        led = noun_after(after, len(lead)) if len(lead) == 2 and tags.get(lead) == "v" else ""
        if not led:
            return None
        noun = lead + led
    rest = after[len(noun):]
    for word in words(rest)[:3]:
        if _is_verb(tags.get(word, "")):
            return noun + rest[:rest.index(word) + len(word)]
    return None


def _is_verb(tag: str) -> bool:
    return tag[:1] == "v" and tag != "vn" or tag == "p"


def _two_clauses(doc: Document, first: Figure, second: Figure) -> bool:
    """Two counts side by side, the first closing a clause and the second opening the next:
    “小巨人”企业45家|2人当选 (45家，2人). 6支队伍629人230台（套）装备 is one clause."""
    counted = ("items",) + _HEADCOUNTS  # things and persons, not durations or measures (2万人|24小时)
    if first.family not in counted or second.family not in counted or (first.family, second.family) == ("households", "persons"):
        return False
    if first.kind == Kind.ORDINAL:
        return False  # 兵团第二批1068项行政授权: an ordinal says which batch the count is of
    if _opens_clause(_clause_around(doc, second)[1], verb_first=second.family in _HEADCOUNTS) is None:
        return False
    return _closes_clause(_clause_around(doc, first)[0]) is not None


def _list_of(figures: list[Figure], k: int) -> list[Figure]:
    """The items of the 、 list that figures[k] is in: its neighbours of the same list."""
    list_id, a, b = figures[k].list_id, k, k + 1
    while a > 0 and figures[a - 1].list_id == list_id:
        a -= 1
    while b < len(figures) and figures[b].list_id == list_id:
        b += 1
    return figures[a:b]


def _fused_list_item(f: Figure, items: list[Figure]) -> tuple[str, str] | None:
    """The two numbers a list item splits into when it is two of the list's items run together:
    包括了300吨、260吨、240200吨、160吨 (240吨、200吨), 产量分别为5937333365辆、28314辆. Every item
    in Arabic digits and one unit, the others of about one length (three digits at least where
    there is only one other), and each half as long and as large as they are."""
    others = [g for g in items if g is not f]
    digits = f.digits
    if not others or not digits.isdigit() or f.quantity.is_range:
        return None
    tail = f.text[len(digits):]
    if any(not g.digits.isdigit() or g.text[len(g.digits):] != tail or g.quantity.is_range for g in others):
        return None
    lengths = [len(g.digits) for g in others]
    shortest, longest = min(lengths), max(lengths)
    if longest - shortest > 1 or shortest < (3 if len(others) == 1 else 2) or len(digits) < 2 * shortest:
        return None
    numbers = [int(g.digits) for g in others]  # (as written: the values are in 元, not 亿元)
    low, high = min(numbers) / SIBLINGS_APART, max(numbers) * SIBLINGS_APART
    splits = [(digits[:k], digits[k:]) for k in range(shortest, len(digits) - shortest + 1)
              if len(digits) - k <= longest and k <= longest and digits[k] != "0"
              and low <= int(digits[:k]) <= high and low <= int(digits[k:]) <= high]
    return splits[0] if len(splits) == 1 else None


def _count_then_year(doc: Document, first: Figure, second: Figure) -> bool:
    """A count (or a rank) in digits, then a year in digits that opens the next clause:
    排名39名|2016年寿光也提出, 详查项目4个|2020年度勘查总投入. A year can name what is counted
    (召回9136辆2016年款, 3个2020年度重点项目), so before 度 the count must end its clause."""
    if second.kind != Kind.YEAR or first.kind not in (Kind.COUNT, Kind.ORDINAL) or first.unit is None \
            or first.family in TIME_FAMILIES or not (first.text[:1].isdigit() and second.text[:1].isdigit()) \
            or not second.text.endswith("年") or _YEAR_AS_MODIFIER.match(doc.norm, second.end):
        return False
    return not doc.norm.startswith("度", second.end) or _closes_clause(_clause_around(doc, first)[0]) is not None


def _amounts_apart(fused: Figure, copy: Document, first: Figure, second: Figure) -> bool:
    """Whether a copy writes an amount as two of its unit with a mark between them (4875亿元、1608亿元
    for 48751608亿元), not one amount cut by a line or a space (48⏎751608亿元 is 48 and 751608亿元)."""
    return first.kind == second.kind == Kind.AMOUNT and first.unit == second.unit == fused.unit \
        and copy.norm[first.end:second.start] in (*STOP_BETWEEN, *LIST_JOINERS)


_TWO_IN_ONE = tuple(lexicon.words("nouns", "two_in_one"))


class MergedFigures(Rule):
    code = "G101"
    name = "merged-figures"
    severity = Severity.ERROR
    summary = "单位或分隔符丢失后，两个数字粘连成一个"
    explanation = """\
作用：找出因单位或分隔符丢失而连写在一起的两个数字，如把“累计实现7001户12736人稳定脱贫”
（7001户、12736人）印成“累计实现700112736人稳定脱贫”。
为何重要：粘连后的数字错了几个数量级，又最容易被读者引用。
如何判断：同一报道的另一版本在同一处写有两个相邻数字、连写起来正是这串数字时（不足5位的，还须前面的字相同；金额也算：“48751608亿元”对“4875亿元、1608亿元”），以该版本为证据和建议。
只有一篇报道时，仅当人数（以“个”计、所计的是人口、人员、群众、劳动力的也算：“3619户8101个低收入人口”）对所说的地方（句中或标题中的地名，否则报道本身所说的地方）不可能
（多于这一级地方可能有的人口，如一个县500万人；游客、旅客这些外来的人不算），且这串数字只有一种方式拆成户数和人数（每户1至6人）时
才报告（“覆盖建档立卡贫困户52229559人”）；“分别”前列出几项、其后却只有一个数字（又非10000这样的整数，同一分句里也没有紧随其后、各有名称的其他同类数字：“分别为净汇兑损失4,539万元人民币和净汇兑收益2.33亿元人民币”）时
（“国家级、部级创新平台分别达到22182家”；金额也算：“两项补助标准分别提高至99700元”；“城乡居民”这类一个词说两样的，也算两项）报“警告”；其后的数字少于所列项数、其中一个比其余的都长，且有四位以上时（“交通、能源、水利分别完成投资32522140亿元、748亿元”），也报“警告”；以顿号列举的同一单位的几个整数（不论有无“分别”）中，一个数的位数是其余各数的两倍、又只有一种方式拆成两个与其余各数位数相同、大小相差不到4倍的数时（“包括了300吨、260吨、240200吨、160吨大型全地面起重机”，原为“240吨、200吨”；只有两项时另一项须有三位以上），也报“警告”，建议拆开；一个四位以上的数（人数、户数也算）前接它所数的名词（新增上市公司10家）或“达”“调整为”
这类动词，后面又接名词和动词（35家村镇银行完成；名词可以带一个作修饰的动词：6093名脱贫劳动力实现），即既结束前一分句又开始后一分句时，也报“警告”
（“新增上市公司1035家村镇银行完成改革任务”；人数则须是“……人数超过”之后的数、后面紧接动词：“死亡人数超过13003526人受伤”）；一个四位以上的计数紧接在“资金”“投资”“金额”这类说钱的词（和“达”“为”这类动词）之后（“五年投入各类扶贫资金349656个贫困村”，原为“3496万元，56个”），报“警告”；一个五位以上、单位不是面积单位的数紧接在“面积”（和“为”“达”这类动词）之后（“厂区面积258030吨供热机组1座”，原为“2580平方米，30吨”），也报“警告”；一个四位以上的计数（个、家、所这类量词，批、组、队等成批计人的除外）紧接在“教职工”“学生”“村民”这类说人的词之后（“现有在岗教职工13734个教学班”，原为“137人，34个”），也报“警告”；五位以上的数字写成的人数多于世界总人口（“同比增加2430849万人”）时，也报；不能这样拆开、却多于所说地方可能有的人口时（“五年全省累计投入扶贫资金330110万人实现了稳定脱贫”；“免费孕前优生健康检查29078万人”，多了“万”），报“警告”；
“约”“近”“逾”“超”“超过”之后的数写到五位以上有效数字（“累计转移群众超34144条客渡运航线”，原为“超34万人，144条”）时，报“警告”：约数不会写得这样精确（“至少”之后的确数不算）。
示例：累计实现700112736人稳定脱贫
应改为：累计实现7001户12736人稳定脱贫"""

    def _respectively(self, doc, text, f, digits, items, after):
        """国家级、部级创新平台分别达到22182家: two things, one figure (22家、182家?); a round figure
        may be what each of them got (分别奖励10000元). Or fewer figures in the list than names, one
        of them longer than all the others: 交通、能源、水利分别完成投资32522140亿元、748亿元."""
        if len(digits.rstrip("0")) < 3:
            return None
        if not items or "分别" not in text[max(0, items[0].start - 10):items[0].start]:
            return None
        if len(items) > 1:
            others = max(len(g.digits.partition(".")[0]) for g in items if g is not f)
            if len(digits) < max(4, others + 1):
                return None
        named = respective_names(text, items[0])
        # (城乡居民收入分别完成…: one name of two things, 城镇 and 乡村)
        names = 2 if len(named) == 1 and named[0].startswith(_TWO_IN_ONE) else len(named)
        if names <= len(items):
            return None
        if len(items) == 1 and 1 + sum(g.clause == f.clause and g.family == f.family for g in after) >= names:
            return None  # 分别为净汇兑损失4,539万元人民币和净汇兑收益2.33亿元: each named by its own words
        if len(items) > 1:
            message = _("“分别”前列出{n}项，其后却只有{k}个数字，“{text}”比其余的数长出{extra}位：疑为两个数字粘连（单位或顿号丢失）").format(
                n=names, k=len(items), text=f.text, extra=len(digits) - others)
        else:
            message = _("“分别”前列出{n}项，其后却只有一个数字“{text}”：疑为{n}个数字粘连（单位或顿号丢失）").format(n=names, text=f.text)
        return self.diagnostic(doc, f.start, f.end, message, severity=Severity.WARNING)

    @staticmethod
    def _not_what_the_word_before_measures(text: str, f: Figure, digits: str) -> str | None:
        """A figure whose unit is not what the word right before it measures: the number that
        word had has run into the next figure, whose unit is all that is left (a unit and a
        separator lost). Sums: 投入扶贫资金349656个贫困村 (3496万元，56个); persons: 在岗教职工13734个
        教学班 (137人，34个); areas: 厂区面积258030吨供热机组 (2580平方米，30吨)."""
        before = max(0, f.start - 8)
        if f.family in _HEADCOUNTS + ("items",) and (money := _MONEY_BEFORE.search(text, before, f.start)):
            return _("“{noun}”之后应是金额，“{text}”却是计数：疑金额与其后的计数粘连（单位和分隔符丢失）").format(
                noun=money.group(), text=f.text)
        if f.family == "items" and f.unit not in _GROUPS_OF_PERSONS \
                and (persons := _PERSONS_BEFORE.search(text, before, f.start)):
            return _("“{noun}”之后应是人数，“{text}”却是计数：疑人数与其后的计数粘连（单位和分隔符丢失）").format(
                noun=persons.group(), text=f.text)
        if f.family not in ("area", None) and len(digits) >= AREA_FUSED_DIGITS and _AREA_BEFORE.search(text, before, f.start):
            return _("“面积”之后应是面积，“{text}”的单位却不是面积单位：疑面积与其后的数粘连（单位和分隔符丢失）").format(
                text=f.text)
        return None

    def check_document(self, doc, figures, ctx):
        story = _story_with_copies(ctx, doc)
        copies = story is not None
        shortest = 3 if copies else 4  # a copy's evidence needs 3 digits; 分别's and the households' 4 and 5
        text = doc.norm
        lists: dict[int, list[Figure]] = {}  # a 、 list's first item's start -> its figures, when asked for
        fused: dict[int, tuple] = {}  # -> its longest item and the two numbers it splits into, if any

        def items_of(k: int) -> list[Figure]:
            if figures[k].list_id is None:
                return [figures[k]]
            if figures[k].list_id not in lists:
                lists[figures[k].list_id] = _list_of(figures, k)
            return lists[figures[k].list_id]

        for k, f in enumerate(figures):
            q = f.quantity
            digits = q.digits if q is not None else ""  # (f.digits, without a property's cost: one call per figure)
            if len(digits) < shortest:
                continue
            year_month = _YEAR_MONTH.fullmatch(digits) if f.unit == "月" else None
            if year_month:  # 202212月: 年 lost between a year and its month
                fixed = f"{year_month[1]}年{int(year_month[2])}月"
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”疑为年份与月份粘连（“年”字丢失）：“{suggestion}”").format(text=f.text, suggestion=fixed),
                    suggestion=fixed)
                continue
            if not digits.isdigit():
                continue
            if f.kind not in _FUSIBLE and f.kind != Kind.AMOUNT:
                continue
            evidence = fused_in_copies(f, doc, story, ctx.figures_of) if copies else None
            if evidence and f.kind == Kind.AMOUNT and not _amounts_apart(f, *evidence):
                evidence = None
            if evidence:
                copy, first, second = evidence
                written = copy.norm[first.start:second.end]
                label = copy_label(copy.path)
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”疑为两个数字粘连：{copy}作“{written}”").format(text=f.text, copy=label, written=written),
                    suggestion=written,
                    related=[Related(copy.span(first.start, second.end), _("{copy}原文").format(copy=label))])
                continue
            halves = None
            if f.list_id is not None:
                if f.list_id not in fused:  # (once a list: only its longest item can be two of the others)
                    items = items_of(k)
                    longest = max(items, key=lambda g: len(g.digits))
                    fused[f.list_id] = (longest, _fused_list_item(longest, items))
                candidate, split = fused[f.list_id]
                halves = split if candidate is f else None
            if halves:
                tail = f.text[len(digits):]
                suggestion = "、".join(half + tail for half in halves)
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”的位数是同一列举中其他数的两倍，拆开正是两个同样大小的数：疑“{suggestion}”粘连（顿号丢失）").format(
                        text=f.text, suggestion=suggestion),
                    suggestion=suggestion, severity=Severity.WARNING)
                continue
            if f.kind == Kind.AMOUNT:  # (alone, an amount only after 分别: 两项补助标准分别提高至99700元)
                found = self._respectively(doc, text, f, digits, items_of(k), figures[k + 1:k + 4])
                if found:
                    yield found
                continue
            if len(digits) < 4:
                continue
            message = self._not_what_the_word_before_measures(text, f, digits)
            if message:
                yield self.diagnostic(doc, f.start, f.end, message, severity=Severity.WARNING)
                continue
            if len(digits.rstrip("0")) >= HEDGED_DIGITS and not f.rounded and f.approximate:
                # 已累计转移群众超34144条客渡运航线 (超34万人，144条): a number "over" or "about"
                # is never written to five significant digits (but 家电以旧换新超12844万台 is: 1.2844亿)
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”：约数不会写到{n}位有效数字，疑为两个数字粘连（单位或分隔符丢失）").format(
                        text=text[f.start - 1:f.end] if f.approx is None else f.text, n=len(digits.rstrip("0"))),
                    severity=Severity.WARNING)
                continue
            found = self._respectively(doc, text, f, digits, items_of(k), figures[k + 1:k + 4])
            if found:
                yield found
                continue
            closed = opened = None
            if f.kind == Kind.COUNT and f.unit != "届" and "\u4e00" <= text[f.end:f.end + 1] <= "\u9fff":
                # (2023届毕业生: a year's cohort; a clause can only go on in a word)
                if (f.classifier or f.family in _COUNTED_HEADS) and not f.approx:  # (the clause after first: it seldom opens with a noun)
                    before, after = _clause_around(doc, f)
                    opened = _opens_clause(after)
                    closed = _closes_clause(before) if opened else None
                elif f.family in _HEADCOUNTS and not (f.approx and f.text[0].isdigit()) \
                        and _HEADCOUNT_WORD.search(text, max(0, f.start - 14), f.start):  # (超过1300人, not 1300多人)
                    before, after = _clause_around(doc, f)
                    closed = before if _HEADCOUNT_CLOSING.search(before) else None
                    opened = _opens_clause(after, verb_first=True) if closed else None
            if opened and closed:
                # 新增上市公司1035家村镇银行完成改革任务: one count cannot end one clause and
                # begin the next (10家，35家)
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”前接“{before}”，后接“{after}”：一个数字不会既结束前一分句又开始后一分句，"
                      "疑为两个数字粘连（单位或逗号丢失）").format(text=f.text, before=closed[-8:], after=opened),
                    severity=Severity.WARNING)
                continue
            # (3619户8101个低收入人口 fused: a count of 个 whose head noun is persons counts persons)
            counts_persons = f.family == "persons" or f.family == "items" and f.head in _PERSON_HEADS
            if len(digits) < 5 or not (counts_persons or f.family == "visits"):
                continue
            if f.value <= population_cap(f, own_place=counts_persons) or _VISITORS.search(
                    text, max(f.clause[0], f.start - 20), f.start):
                # (persons are held to the report's own place too: 9061559人实现稳定脱贫 in a county's
                # report, where 906户1559人 stood; visits, 人次, and visitors, 游客, may well outnumber it)
                continue
            place = f.place
            split = household_split(digits)
            if split:
                households, persons = split
                suggestion = f"{households}户{persons}{f.unit}"
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”对{place}而言不可能，疑为户数与人数粘连：“{suggestion}”").format(
                        text=f.text, suggestion=suggestion,
                        place=place or (whole_place(f.place_level) if f.place_level in POPULATION_CAP else _("一个国家"))),
                    suggestion=suggestion)
            elif counts_persons and f.bounds[0] > POPULATION_CAP["world"]:
                # 同比增加2430849万人、825万人: more persons than the world holds (2430万人、849万人)
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”多于世界总人口，不可能：疑为两个数字粘连（单位或分隔符丢失）").format(text=f.text))
            elif counts_persons and f.place_level in POPULATION_CAP:
                # 五年全省累计投入扶贫资金330110万人实现了稳定脱贫 (330亿元，110万人): more persons than
                # the place holds, and no way to read them as households and persons
                magnitude = next((m for m in "亿万" if m in f.text), None)
                message = (_("“{text}”多于{place}可能有的人口（至多约{cap}）：疑多了“{magnitude}”，或两个数字粘连（单位或分隔符丢失）")
                           if magnitude else _("“{text}”多于{place}可能有的人口（至多约{cap}），疑为两个数字粘连（单位或分隔符丢失）"))
                yield self.diagnostic(
                    doc, f.start, f.end,
                    message.format(text=f.text, place=place or whole_place(f.place_level), magnitude=magnitude,
                                   cap=number(population_cap(f, own_place=True), "人")),
                    severity=Severity.WARNING)




_YEAR_OPENS_CLAUSE = re.compile(r"(?:底|末|初|以来|上半年|下半年)?[，,]")
_DATE_STAMP = re.compile(r"(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)")


def _figure_key(f: Figure) -> tuple:
    """A figure and the four characters of text before it, spaces and quotes aside:
    the same figure in the same place of two copies has the same key."""
    return f.value, f.unit, lead_in(f)
STOP_BETWEEN = "，、；。"


_PROSE_LINE = 6  # CJK characters before a figure that make its line prose, not a table's cell
_CONTINUES = LIST_JOINERS  # (not a comma: a headline's figure, then its story's 1—10月，)


def _broken_mid_sentence(doc, first, second) -> bool:
    """Whether a line break is all that stands between two figures in the middle of a sentence,
    in text not taken for hard-wrapped: 分别对GDP贡献率14.9%⏎37.0%、48.1%, where a print copy's
    line ended in 、 before the mark was lost. The line must be prose up to the first figure and
    the sentence go on after the second with its list (a table's cells, 14.9%⏎37.0%⏎, do not)."""
    if doc.wrapped or second.kind in (Kind.DATE, Kind.YEAR):
        return False
    text = doc.norm
    line_start = text.rfind("\n", 0, first.start) + 1
    if sum("\u4e00" <= c <= "\u9fff" for c in text[line_start:first.start]) < _PROSE_LINE:
        return False
    return text.startswith(_CONTINUES, second.end)


_GRADE = re.compile(r"[0-9]{1,4}([A-Za-z]{1,2}|星)")  # 5G, 4A级, 5星级: a grade or generation naming a kind
_GRADE_MARK = re.compile("[A-Za-z星]")  # what a grade holds, looked for first
_END = attrgetter("end")
_GRADE_LIST_REACH = 40  # characters before a figure searched for the grade that names its item


def _before_grades(text: str, figures: list[Figure]) -> list[Figure]:
    """The figures that digits and a letter or 星 follow straight on (2个4A级, 187.7万户5G): found
    from the letters, which few texts hold many of, not by asking every figure."""
    found = []
    for mark in _GRADE_MARK.finditer(text):
        start = mark.start()
        while start and text[start - 1].isdigit():
            start -= 1
        if start < mark.start():
            k = bisect.bisect_left(figures, start, key=_END)
            if k < len(figures) and figures[k].end == start:
                found.append(figures[k])
    return found


def _runs_into_grade(text: str, first: Figure) -> bool:
    """Whether a figure runs straight into the grade that names the next item of a list, its
    separator lost: 5A级景区5处4A级景区36处, 5G移动电话用户333.51万户5G用户. The same kind
    of grade must name the figure's own item, earlier in its clause (建成10个5G基站 and
    5A级景区2个，新增3个4A级景区 are written so); after a percent any grade is the next
    clause's (占30.3%5G基站总数达222万个)."""
    if text[first.end - 1:first.end].isdigit():
        return False
    grade = _GRADE.match(text, first.end)
    if grade is None:
        return False
    if first.kind == Kind.PERCENT:
        return True
    start = clause_start(text, first.start, floor=max(0, first.start - _GRADE_LIST_REACH))
    return any(g.group(1) == grade.group(1) for g in _GRADE.finditer(text, start, first.start))


def _spaced_apart(doc, first, second) -> bool:
    """Whether the original writes a space between two figures the normalised text joins
    (a headline's 死亡人数升至99人 约1300人仍失联): a reader sees two numbers. Not where the
    text spaces out every character (a PDF's 9 9 人), nor a space before digits in a text
    that spaces its numbers (a print copy's 共14章、50目、132条 10.3 万字), which say nothing
    of a separator. Nor, in hard-wrapped text, a line that ends with a figure before a line
    that opens with a year: a headline over its paragraph (…占比首超50%⏎2025年，广州港…),
    which the wrapped lines hide."""
    start, end = doc.original_range(first.start, first.end)
    second_start = doc.original_range(second.start, second.end)[0]
    gap = doc.text[end:second_start]
    if "\n" in gap and not gap.strip() and second.kind in (Kind.YEAR, Kind.DATE):
        return True
    if not gap or gap.strip(" \u3000\u00a0") or any(c.isspace() for c in doc.text[start:end]):
        return False
    return not (doc.text[second_start:second_start + 1].isdigit() and doc.spaces_numbers)


class MissingSeparator(Rule):
    code = "G102"
    name = "missing-separator"
    severity = Severity.ERROR
    summary = "两个数字紧挨着，中间缺少标点"
    explanation = """\
作用：找出一个数字后面紧接着另一个数字、中间没有标点的地方，如“贫困村通屯硬化率达到100%76个村
实现户户通”，印刷版作“100%，76个村”。
为何重要：读者分不清一个数字在哪里结束，“100%76”会被读成一个数。
如何判断：百分数或金额后面紧跟数字、或同一量词的两个数量并排（76个88个）时报告；中文有意连写的
组合（7001户12736人、1个500千瓦、2019年4月28日、数块数的“两块6米长”、说身长的“2米25宽”，以及后一个数是期限的“550亿元30年期国债”“650亿元182天记账式贴现国债”“500亿元7天逆回购”；但百分数之后紧跟期限的“报3.593%3年期美债收益率”要报）不报告。另一版本在同一处有分隔符时引为证据；
顿号列举的几个数量，最后一个后面紧接数字（共14章、51目、142条10.5万字）、十以上的计数、或跟在所数名词之后的计数，后紧接百分数
（完工2746个99%乡镇；项目10个80%的县级医院；“三个80%”“实现3个95%的目标”这样的提法不算）时报“警告”；同一单位的两个量并排（“增加3公里37.75公里”），一个带单位的数之后紧跟一个年龄段的人口（“女性人口35.58万人0-17岁人口8.36万人”），
一个数之后紧跟下一项的等级或代际（“4A级”“5G”“5星级”），而这个数所在分句前面也以同类等级开头（“5A级景区5处4A级景区36处”；
百分数之后不论：“占移动电话用户30.3%5G基站总数达222万个”；“建成10个5G基站”“5A级景区2个，新增3个4A级景区”不算），一个长度、面积、重量或体积之后紧跟另一个数（“改建道路15.4公里50余万平方米”；“1个500千瓦”是先数后量，不算），或一个数之后紧跟开启下一分句的年份（“耕地面积5958亩2005年底，……”；“五位2024年‘最美医生’”里的年份修饰名词，不算），或一个阿拉伯数字的计数之后紧跟月份（“修正至11.8万人7月非农新增就业人数”；“两人2005年5月结婚”不算），或一个阿拉伯数字的计数、名次之后紧跟阿拉伯数字的年份（“排名39名2016年寿光也提出”；说车型、版本的“9136辆2016年款”不算，“年度”之前的计数还须接在它所数的名词之后：“详查项目4个2020年度勘查总投入”），也报“警告”；
前一个数接在它所数的名词之后、后一个数之后紧接名词和动词或直接是动词，即两个数分属前后两个分句时（“小巨人”企业45家2人当选），也报“警告”；
其他两个连写的数字（629人230台），只在另一版本同一处（前面的字相同）隔开时报“警告”。不按固定行宽折行的文本里，两个数之间只有一个换行、前一行到前一个数为止是正文（六个汉字以上）、后一个数之后又接“、”“和”这类列举的（“分别对GDP贡献率14.9%⏎37.0%、48.1%”：行尾的顿号丢了），也按连写处理，只报“警告”；表格里一格一行的数和后一个数是年份、日期的不算。原文两数之间隔着空格的（标题“死亡人数升至95人 222人下落不明”）不报，
但在数字后惯常空一格的文本（印刷稿“共 14 章、50 目、132条 10.3 万字”）里，数字前的空格不算隔开。后一个数是日期戳（“2012-08-03”，标题与网页的日期行连在一起）的不报。
示例：硬化率达到100%76个村实现户户通
应改为：硬化率达到100%，76个村实现户户通"""

    def check_document(self, doc, figures, ctx):
        story = _story_with_copies(ctx, doc)
        copies = story is not None
        text = doc.norm
        reported = set()
        for first, second in zip(figures, figures[1:]):
            broken = second.start == first.end + 1 and text[first.end] == "\n" and _broken_mid_sentence(doc, first, second)
            if (second.start != first.end and not broken) or not second.digits or _spaced_apart(doc, first, second):
                continue
            if second.is_term and first.kind != Kind.PERCENT:
                # 550亿元30年期国债: the second names a term, as an adjective (but a rate is no
                # sum of bonds: 2年期美债收益率报3.593%3年期美债收益率 lost its comma)
                continue
            if first.text[0] in "万亿":
                continue  # a unit with no number (单位：亿元600573, a table's 亿块⏎108.4): a heading or a cell
            if _DATE_STAMP.match(doc.norm, second.start):
                continue  # a headline, then its page's date line (创收6.1亿元⏎2012-08-03 08:43), joined as lines are
            suspect = self._suspect(first, second, doc.norm) or _two_clauses(doc, first, second) \
                or _count_then_year(doc, first, second)
            # Two figures Chinese may write together (142条10.5万字 or 2台1.5兆瓦) are
            # reported only where another copy separates them, after the same words.
            if not suspect and (not copies or (first.family, second.family) == ("households", "persons")):
                continue
            separator, copy, related = "，", None, []
            # the first other copy (in the story's order) with the two figures one separator apart,
            # after the same words unless the two are suspect anyway
            for other, between, a, b in _separated_pairs_in_story(story, ctx.figures_of).get(
                    (first.value, first.unit, second.value, second.unit), ()) if copies else ():
                if other is not doc and (suspect or lead_in(a) == lead_in(first)):
                    separator, copy = between, other
                    related = [Related(other.span(a.start, b.end), _("{copy}原文").format(copy=copy_label(other.path)))]
                    break
            if copy is None and not suspect:
                continue
            suggestion = first.text + separator + second.text
            if copy:
                message = _("“{a}”与“{b}”之间缺少分隔符：{copy}作“{written}”").format(
                    a=first.text, b=second.text, copy=copy_label(copy.path), written=suggestion)
            elif broken:
                message = _("“{a}”与下一行的“{b}”之间疑缺少分隔符：句子在行中断开，两数之间只有换行").format(a=first.text, b=second.text)
            else:
                message = _("“{a}”与“{b}”之间疑缺少分隔符，读者会把它们读成一个数").format(a=first.text, b=second.text)
            certain = suspect and (copy or first.kind in (Kind.PERCENT, Kind.AMOUNT)) and not broken
            reported.add(first.start)
            yield self.diagnostic(doc, first.start, second.end, message, suggestion=suggestion, related=related,
                                  severity=None if certain else Severity.WARNING)
        for first in _before_grades(text, figures):
            if first.unit is not None and first.start not in reported and _runs_into_grade(text, first):
                grade = _GRADE.match(text, first.end).group(0)
                yield self.diagnostic(
                    doc, first.start, first.end + len(grade),
                    _("“{a}”与“{b}”之间疑缺少分隔符，读者会把它们读成一个数").format(a=first.text, b=grade),
                    suggestion=first.text + "，" + grade, severity=Severity.WARNING)
        if copies:
            yield from self._run_on_clauses(doc, figures, ctx, story)

    def _run_on_clauses(self, doc, figures, ctx, story):
        """A figure that runs straight into the next clause (增长67.1%上级补助405490万元)
        where another copy has a separator after the same figure in the same place: the
        first such copy in the story's order, one finding however many copies have it."""
        text = doc.norm
        runs = [f for f in figures if "\u4e00" <= text[f.end:f.end + 1] <= "\u9fff"
                and f.kind not in (Kind.DATE, Kind.YEAR, Kind.ORDINAL)]  # (11月18日上午, 第十四届中央委员: run into their nouns)
        if not runs:
            return
        separated = _separated_figures_in_story(story, ctx.figures_of)
        mine = None  # nor a figure written twice here in the same words (a headline's and its story's 专项资金4亿元)
        for f in runs:
            key = _figure_key(f)
            other, g = next(((copy, g) for copy, g in separated.get(key, ()) if copy is not doc), (None, None))
            if other is None:
                continue
            mine = mine or Counter(map(_figure_key, figures))
            if mine[key] > 1:
                continue
            written = other.norm[g.start:g.end + 1]
            line_break = written.endswith("\n")  # a headline run into its story: seen, not misread
            shown = written[:-1] + "⏎" if line_break else written
            yield self.diagnostic(
                doc, f.start, f.end + 1,
                _("“{a}”后面缺少分隔符，与下一句连在了一起：{copy}作“{written}”").format(
                    a=f.text, copy=copy_label(other.path), written=shown),
                suggestion=None if line_break else f.text + written[-1] + text[f.end],
                severity=Severity.INFO if line_break else None,
                related=[Related(other.span(g.start, g.end + 1), _("{copy}原文").format(copy=copy_label(other.path)))])

    @staticmethod
    def _suspect(first: Figure, second: Figure, text: str = "") -> bool:
        if first.kind in (Kind.PERCENT, Kind.AMOUNT):
            return True
        if (first.family, second.family) == ("households", "persons"):
            return False  # 7001户12736人 is written so
        if second.family == "age" and first.unit is not None and first.family != "age" and second.text[:1].isdigit() \
                and text.startswith(("人口", "以上人口", "以下人口"), second.end):
            # 女性人口35.58万人0-17岁人口8.36万人: an age group's population opens the next clause
            # (为87万名80岁以上老年人, 1200名3-6岁儿童 are written so)
            return True
        if first.family in _MEASURES and _SPECIFICATION_AFTER.match(text, second.end):
            return False  # 3.0英寸46万有效像素, 3.2英寸16:9: a screen's size and its next specification
        if first.family in _MEASURES and second.kind in _FUSIBLE + (Kind.AMOUNT, Kind.PERCENT) \
                and first.text[:1].isdigit() and second.text[:1].isdigit():
            # 改建道路15.4公里50余万平方米: nothing follows a length or an area straight on (1个500千瓦
            # is the other way round; a table's column of units, 万吨⏎54.64, has no digits before its unit)
            return True
        if first.kind == Kind.COUNT and second.kind == Kind.DATE and first.unit is not None \
                and first.family not in TIME_FAMILIES and first.text[:1].isdigit():
            # 非农新增就业人数从17.9万人修正至11.8万人7月非农…: a count runs into the next clause's month
            # (两人2005年5月结婚: a count in words, the subject, then when they did it; no one reads one number)
            return True
        if first.kind == Kind.COUNT and second.kind == Kind.PERCENT and first.value > MAX_COUNTED_RATES:
            return True  # 完工2746个99%乡镇: a count runs into the next clause's rate (三个80%, 3个95% are slogans)
        if first.kind == Kind.COUNT and second.kind == Kind.PERCENT and text.startswith("的", second.end) \
                and first.text[:1].isdigit() and _after_its_noun(text[clause_start(text, first.start):first.start]):
            # 重点专科项目10个|80%的县级医院达到…: a few counted after their noun, then the next clause's
            # share (a slogan's count follows a verb or a quotation mark: 落实“三个80%”, 实现3个95%的目标)
            return True
        if first.kind == Kind.COUNT and second.kind in _FUSIBLE and first.list_pos:
            # 共14章、51目、142条10.5万字: a 、 list's last count, and a figure straight after it
            # (70个30亿元以上项目, 第二批14项 are written so)
            return True
        if second.kind == Kind.YEAR and first.unit is not None and first.kind in _FUSIBLE + (Kind.AMOUNT, Kind.PERCENT) \
                and second.text.endswith("年") and _YEAR_OPENS_CLAUSE.match(text, second.end):
            return True  # 耕地面积5958亩2005年底，…: a year opens the next clause (not 五位2024年“最美医生”)
        # 76个88个, and 增加3公里37.75公里: two measures of one unit side by side
        return first.kind in _FUSIBLE and first.unit == second.unit and first.unit is not None


def _story_with_copies(ctx, doc):
    """The story of ``doc`` when it has another copy, else None (not ctx.copies_of, which lists
    the other copies: one list per document is quadratic in a story of many copies)."""
    story = ctx.story_of(doc)
    return story if story is not None and any(d is not doc for d in story.documents) else None


@per_copy
def _separated_pairs_in_story(story, figures_of) -> dict[tuple, list[tuple[Document, str, Figure, Figure]]]:
    """Figures next to each other with one separator between, in every copy of the story, by
    the two measures: (value, unit, value, unit) -> [(copy, separator, first, second)], in the
    story's order and each copy's."""
    pairs: dict[tuple, list] = {}
    for copy in story.documents:
        figures = figures_of(copy)
        for a, b in zip(figures, figures[1:]):
            if b.start == a.end + 1 and copy.norm[a.end] in STOP_BETWEEN:
                pairs.setdefault((a.value, a.unit, b.value, b.unit), []).append((copy, copy.norm[a.end], a, b))
    return pairs


@per_copy
def _separated_figures_in_story(story, figures_of) -> dict[tuple, list[tuple[Document, Figure]]]:
    """_figure_key -> each copy of the story (in its order) where a separator follows the
    figure of that key, told apart from any other of the copy (its key is its own), and
    that figure; not a range (its value is its low end, which the separator does not follow)."""
    found: dict[tuple, list] = {}
    for copy in story.documents:
        figures = figures_of(copy)
        keys = Counter(map(_figure_key, figures))
        measures = {(g.value, g.unit) for g in figures if copy.norm[g.end:g.end + 1] in STOP_BETWEEN + "\n"
                    and g.kind != Kind.RANGE}
        for g in figures:
            key = _figure_key(g)
            if keys[key] == 1 and copy.norm[g.end:g.end + 1] in STOP_BETWEEN + "\n" and (g.value, g.unit) in measures:
                found.setdefault(key, []).append((copy, g))
    return found


RULES = [MergedFigures, MissingSeparator]


# a sentence of the document segmentation, with its closing marks and quotes
_CLOSERS = "”’」』）)"
_SENTENCE_RE = re.compile(f"[^{SENTENCE_BREAKS}]+[{SENTENCE_BREAKS.strip()}…]*[{_CLOSERS}]*")
LONG_SENTENCE = 30       # content characters: shorter repeats are slogans, headings, chrome
LONG_BLOCK = 60          # a run of shorter sentences repeated together this long is reported at info
WHOLE_BLOCK = 30         # or this long, when both copies are whole paragraphs (then as a warning)
CHROME_REPEATS = 3       # a line repeated this often is page furniture, not a paste error


# A letter (so kept by NOT_CONTENT) that no Chinese report holds: sentences joined
# by it are stripped in one pass instead of one regex call each.
_JOIN = "\U0001E900"


# A print copy writes 四年 for 4年 (and back): the keys read both alike.
def _fold_digits(text: str) -> str:
    for value, digit in enumerate(CHINESE_DIGITS):  # str.replace: several times quicker than str.translate
        if digit in text:
            text = text.replace(digit, str(value))
    return text


def _line_of(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the line(s) holding text[start:end]."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, line_end if line_end >= 0 else len(text)


def _whole_line(text: str, start: int, end: int) -> bool:
    line_start, line_end = _line_of(text, start, end)
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def _paragraph(doc: Document, start: int, end: int) -> bool:
    """Whether doc.norm[start:end] stands as a paragraph: a whole line, or the rest of one
    after a headline run into it (a line break stood before it in the hard-wrapped original)."""
    text = doc.norm
    if _whole_line(text, start, end):
        return True
    line_start, line_end = _line_of(text, start, end)
    at = doc.offsets[start]
    return doc.wrapped and not text[end:line_end].strip() and not _END_MARK.search(text, line_start, start) \
        and doc.text[max(0, at - 8):at].rstrip(" \u3000")[-1:] == "\n"


def _body_paragraph_again(text: str, first: tuple, second: tuple, body_start: int, opening_lines) -> bool:
    """Whether two copies of a sentence are each a whole line of its own, ended by an end mark,
    the first after the body began (after ``body_start``, where the text's first sentence ends)
    or the second not under a line of the page's top (``opening_lines``, the lines before
    ``body_start``): not the title and opening that a page's last lines restate
    (2026年四川省人民政府工作报告⏎各位代表：现在，我代表省人民政府…)."""
    # (a line the whole of which ends with an ellipsis is a paragraph too: 等系列攻坚活动……)
    if not all(_whole_line(text, s, e) and text[e - 1] in _PARAGRAPH_ENDS for s, e, *_k in (first, second)):
        return False
    if first[0] > body_start:
        return True
    above_end = text.rfind("\n", 0, second[0])
    above = text[text.rfind("\n", 0, max(above_end, 0)) + 1:max(above_end, 0)].strip()
    return above not in opening_lines


def _laid_out_differently(doc: Document, first: tuple, second: tuple) -> bool:
    """Whether two copies of a line are spaced differently: one has a space where the other
    has none (a page's title 习近平在广东考察时强调 深入学习… over the article's own,
    习近平在广东考察时强调深入学习…, or the same title set as two lines). A line pasted again
    keeps its spaces: a print copy's hard wraps add line breaks, never in place of a space
    (the spaces it adds around numbers are not compared)."""
    text, original, at = doc.norm, doc.text, doc.offsets
    a = [m.start() for m in _CONTENT_CHAR.finditer(text, first[0], first[1])]
    b = [m.start() for m in _CONTENT_CHAR.finditer(text, second[0], second[1])]
    if len(a) != len(b):
        return False
    for k in range(len(a) - 1):
        if text[a[k]].isdigit() or text[a[k + 1]].isdigit():
            continue
        spaced = [any(c.isspace() and c != "\n" for c in original[at[x[k]] + 1:at[x[k + 1]]]) for x in (a, b)]
        if spaced[0] != spaced[1]:
            return True
    return False


def _deck_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole line with no sentence break at its end: a
    headline or one of the deck lines under it."""
    return _whole_line(text, start, end) and text[end - 1] not in SENTENCE_BREAKS


CAPTION_TAIL = 40  # characters of a photo's own description between a quoted sentence and the credit


def _captioned(text: str, end: int) -> bool:
    """Whether a photo credit (新华社记者 黄敬文 摄) follows text[:end] at once or after a
    short description (…专题学习。国务院总理李强主持学习。新华社记者黄敬文摄), in its line
    or at the start of the next (a print copy's caption ends a line, its credit opens the next)."""
    line_end = text.find("\n", end)
    if _PHOTO_CREDIT.search(text, end, min(end + CAPTION_TAIL, len(text) if line_end < 0 else line_end)):
        return True
    # (a credit inside the next line, after words of its own, is that line's: a caption under a paragraph)
    return 0 <= line_end < end + CAPTION_TAIL and _PHOTO_CREDIT.match(text, line_end + 1) is not None


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a sentence's end mark (closing quotes aside)."""
    last = text[start:end].rstrip(_CLOSERS)[-1:]
    return bool(last) and last in SENTENCE_BREAKS


def _quoted_again(doc: Document, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether a sentence stands inside two different paragraphs, a whole paragraph in
    neither: a lead's quotation told again in the story, not a paragraph pasted twice
    (a hard-wrapped text's lines are no paragraphs: never)."""
    text = doc.norm
    return (not doc.wrapped and _line_of(text, *first) != _line_of(text, *second)
            and not _whole_line(text, *first) and not _whole_line(text, *second))


def _sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each sentence; the key keeps only letters, digits and CJK,
    with the Chinese digits written as Arabic ones."""
    found = list(_SENTENCE_RE.finditer(text))
    if _JOIN in text:
        keys = [_fold_digits(NOT_CONTENT.sub("", m.group())) for m in found]
    else:
        keys = _fold_digits(NOT_CONTENT.sub("", _JOIN.join([m.group() for m in found]))).split(_JOIN)
    out = []
    for m, key in zip(found, keys):
        if key:
            start, end = m.span()
            while start < end and text[start].isspace():
                start += 1
            out.append((start, end, key))
    return out


# The marks of most reports, taken out with str.replace (many times quicker than a regex
# scan; a text with other marks is scanned as well), and a letter that no Chinese report
# holds, kept as content, to stand for the sentence breaks.
_COMMON_MARKS = " ，、“”‘’：（）《》〈〉【】[]…—-·.%+×/|:℃"
_BREAK_MARK = "\ua4d0"


def _keys(text: str) -> list[str]:
    """The keys of _sentences(text), in order, without the sentences' spans: a sentence's
    key is that of the text between two breaks (what it holds after its break is not content)."""
    if _BREAK_MARK in text:
        return [key for _s, _e, key in _sentences(text)]
    for c in SENTENCE_BREAKS:
        text = text.replace(c, _BREAK_MARK)
    for c in _COMMON_MARKS:
        if c in text:
            text = text.replace(c, "")
    if not text.isalnum():
        text = NOT_CONTENT.sub("", text)
    return [key for key in _fold_digits(text).split(_BREAK_MARK) if key]


MAX_PIECES = 4  # a sentence cut by the layout is mended from this many pieces at most
MAX_ITEM_LINES = 12  # an item (a paragraph up to its end mark) of unwrapped text, cut into lines
TABLE_CELL = 4  # content characters: a line this short (亿元, 91.3, 一、综合) is a cell or a heading, no item's piece
MENDED_SENTENCE = LONG_SENTENCE // 2  # content characters: a shorter sentence is not looked for in pieces
_HEAD = LONG_SENTENCE // 4


def _may_repeat(keys: list[str]) -> bool:
    """Whether two sentences, or a sentence and the pieces of one cut by the layout, may
    have the same words: they begin with the same few characters (most texts have no two
    sentences that do). A cut within a sentence's first few characters goes unseen."""
    heads = [key[:_HEAD] for key in keys if len(key) >= _HEAD]
    return len(set(heads)) < len(heads)


def _mend_broken(text: str, sents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join the pieces of a sentence cut by line breaks (思“想为指”⏎导, 推动⏎⏎经济, as a
    print copy may have it) where the whole sentence is written elsewhere in the text."""
    whole = {key for _s, _e, key in sents if len(key) >= MENDED_SENTENCE}
    if not whole:
        return sents
    out = []
    i = 0
    while i < len(sents):
        for n in range(MAX_PIECES, 1, -1):
            pieces = sents[i:i + n]
            if len(pieces) == n and "".join(k for _s, _e, k in pieces) in whole \
                    and all(text[e:e + 1] == "\n" and text[e - 1] not in _END_MARKS for _s, e, _k in pieces[:-1]):
                out.append((pieces[0][0], pieces[-1][1], "".join(k for _s, _e, k in pieces)))
                i += n
                break
        else:
            out.append(sents[i])
            i += 1
    return out


def _join_cut_lines(text: str, sents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join the lines of an item that line breaks cut, where the item is written twice, each
    copy cut in its own places: a numbered item of a digest, wrapped in a copy whose lines are
    not taken for hard-wrapped text (4.中央和国家机关部门党组（党委）⏎落实……座谈交流会在⏎京召开；).
    An item runs from a line's start to an end mark or a ； (at most MAX_ITEM_LINES lines)."""
    runs = []  # (first piece, last piece + 1, key)
    i = 0
    while i < len(sents):
        j = i
        while j + 1 < len(sents) and j + 1 - i < MAX_ITEM_LINES and text[sents[j][1]:sents[j][1] + 1] == "\n" \
                and text[sents[j][1] - 1] not in _ITEM_ENDS and len(sents[j][2]) > TABLE_CELL:
            j += 1
        runs.append((i, j + 1, "".join(key for _s, _e, key in sents[i:j + 1])))
        i = j + 1
    twice = Counter(key for _i, _j, key in runs if len(key) >= LONG_SENTENCE)
    if not any(j - i > 1 and twice[key] > 1 for i, j, key in runs):
        return sents
    out = []
    for i, j, key in runs:
        out += [(sents[i][0], sents[j - 1][1], key)] if j - i > 1 and twice[key] > 1 else sents[i:j]
    return out


def _common_tail(a: str, b: str) -> int:
    """How many characters two keys end alike."""
    return len(os.path.commonprefix([a[::-1], b[::-1]]))


def _headed(keys: list[str]) -> dict[int, str]:
    """{i: key}: sentence i is the sentence ``key`` with a line before it (a headline with
    no end mark, or a link line, run into the paragraph under it when the text was
    unwrapped). Both copies of a paragraph may have had a different line run into them:
    the key is then the tail they share. Candidates only: the caller checks the line break."""
    tails = [key[-MENDED_SENTENCE:] for key in keys if len(key) >= MENDED_SENTENCE]
    if len(set(tails)) == len(tails):
        return {}
    by_tail: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if len(key) >= MENDED_SENTENCE:
            by_tail.setdefault(key[-MENDED_SENTENCE:], []).append(i)
    found = {}
    for group in by_tail.values():
        if len(group) > 1:
            # the longest tail a key shares with another is shared with a neighbour in the
            # order of the reversed keys (n log n for a sentence repeated thousands of times)
            order = sorted(group, key=lambda i: keys[i][::-1])
            for k, i in enumerate(order):
                shared = max(_common_tail(keys[i], keys[order[j]]) for j in (k - 1, k + 1) if 0 <= j < len(order))
                if shared < len(keys[i]):
                    found[i] = keys[i][-shared:]
    return found


def _leading(keys: list[str]) -> dict[int, int]:
    """{i: n}: sentence i opens with the whole of another sentence's key, n characters long (a
    headline with no end mark, run into the paragraph under it when the text was unwrapped,
    whose other copy stands alone). Candidates only: the caller checks the line break."""
    heads = [key[:MENDED_SENTENCE] for key in keys if len(key) >= MENDED_SENTENCE]
    if len(set(heads)) == len(heads):
        return {}
    prefix_of: dict[str, int] = {}
    opened: list[str] = []  # in sorted order, the keys the current one may open with
    for key in sorted({key for key in keys if len(key) >= MENDED_SENTENCE}):
        while opened and not key.startswith(opened[-1]):
            opened.pop()
        if opened:
            prefix_of[key] = len(opened[-1])  # the longest: a key's own prefixes sort right before it
        opened.append(key)
    return {i: prefix_of[key] for i, key in enumerate(keys) if key in prefix_of}


_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_NON_SPACE = re.compile(r"\S")
ADJACENT_BLOCK = 24  # content characters of short sentences repeated right after themselves: a paste
DOUBLED_LINE = 300  # content characters: the longest line (a headline, a link) looked for pasted after itself in a sentence
_ITEM_ENDS = "。！？!?；;：:"  # where a digest's item ends (or its label: 2.新华社长篇综述:)
_END_MARKS = "。！？!?"  # a sentence ends there; an ellipsis or a ； at a line end may be a print line's
_END_MARK = re.compile("[" + _END_MARKS + "]")
_PARAGRAPH_ENDS = _END_MARKS + "…"
_CONTENT_CHAR = re.compile(r"[^\W_]")
_CLAUSE_MARKS = re.compile("[，；,;]")  # (a headline may list with 、: 总书记、国家主席通伦致贺电)
MIN_PROSE = 8       # Chinese characters in a repeat, below which it is markup (images, links), not prose
MIN_PROSE_WORDS = 12  # or words of Latin letters between spaces (an English abstract pasted twice)
_LATIN_WORD = re.compile(r"(?<![^\s(])[A-Za-z]{2,}[,.;:)]?(?=\s)")
LEAD_SHARE = 0.2    # a sentence first seen in the first fifth of a report may be its standfirst
LEAD_MIN_LENGTH = 1500  # characters: a short item has no standfirst
PAGE_TOP = 300     # characters: a repeat this near the top is the page's title over the article's
_PHOTO_CREDIT = re.compile(r"\s*[（(]?(?:新华社|中新社|人民网|本报)?(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*\s*摄(?![影像制入取氏])")


FRAGMENT = 24  # content characters from a number's start, the least of a passage found twice cut anywhere
FRAGMENT_NUMBERS = 3  # numbers in it: a report restates a sentence, not a stretch this dense in figures
MAX_FRAGMENT_TEXT = 1_000_000  # characters: a longer text is not searched (its index would outgrow it)
_CONTENT_RUN = re.compile(r"[^\W_]+")
_NUMBER_START = re.compile(r"[0-9](?<![0-9].)")  # (see _DOUBLED_PUNCTUATION)
_DIGITS = re.compile(r"[0-9]+")
_NUMBER_END = re.compile(r"[0-9][.,%]?\s*$")  # a number just before a position (searched up to it)


_LINE_LEAD = 40  # characters before (or after) a passage within which its line must begin (or end)
FRAGMENT_SLACK = 1  # content characters of its lines that a pasted passage's match may miss or overrun


def _own_lines(original: str, start: int, end: int) -> bool:
    """Whether [start, end) of the original takes whole lines, but for FRAGMENT_SLACK content
    characters at either end: lines pasted again, as a print copy's lines are."""
    line_start = original.rfind("\n", max(0, start - _LINE_LEAD), start) + 1
    line_end = original.find("\n", end, end + _LINE_LEAD)
    if not line_start and start > _LINE_LEAD or line_end < 0 and end + _LINE_LEAD < len(original):
        return False  # (only marks and spaces may stand there besides: a line's own indent and end)
    line_end = len(original) if line_end < 0 else line_end
    return len(_CONTENT_CHAR.findall(original, line_start, start)) <= FRAGMENT_SLACK \
        and len(_CONTENT_CHAR.findall(original, end, line_end)) <= FRAGMENT_SLACK


def _repeated_fragments(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """((start, end), (start, end)) in ``text`` of the two copies of each passage of FRAGMENT
    content characters or more, holding FRAGMENT_NUMBERS numbers or more, that the text
    holds twice, wherever the copies begin and end: …预算收⏎收入244.29亿元。合作区本级支出204.68亿元，
    增长19.7%，⏎ pasted into another paragraph. Only the content characters (letters, digits,
    CJK) are compared, looked up from each number's start."""
    numbers = _DIGITS.findall(text)
    runs_of_three = {"|".join(numbers[i:i + FRAGMENT_NUMBERS]) for i in range(len(numbers) - FRAGMENT_NUMBERS + 1)}
    if len(runs_of_three) == len(numbers) - FRAGMENT_NUMBERS + 1:
        return []  # no three numbers twice in a row: no passage twice (the test most texts end at)
    content = NOT_CONTENT.sub("", text)
    runs: list[tuple[int, int]] = []  # the text's runs of content characters, and where each
    starts: list[int] = []            # begins in ``content``: worked out once a passage is found

    def position(k: int) -> int:  # a content character's offset in ``text``
        if not runs:
            runs.extend((m.start(), m.end()) for m in _CONTENT_RUN.finditer(text))
            starts.extend(accumulate([0] + [b - a for a, b in runs]))
        r = bisect.bisect_right(starts, k) - 1
        return runs[r][0] + k - starts[r]

    seen: dict[str, int] = {}
    found, covered = [], 0
    for m in _NUMBER_START.finditer(content):
        p = m.start()
        key = content[p:p + FRAGMENT]
        q = seen.setdefault(key, p)
        if q == p or p < covered or len(key) < FRAGMENT or p - q < FRAGMENT:
            continue
        a, b = q, q + FRAGMENT  # the first copy, grown both ways while the second matches
        while a > 0 and a + (p - q) > b and content[a - 1] == content[a - 1 + p - q]:
            a -= 1
        while b < p and b + (p - q) < len(content) and content[b] == content[b + p - q]:
            b += 1
        if len(_NUMBER_START.findall(content[a:b])) < FRAGMENT_NUMBERS:  # (a number cut at its start counts)
            continue
        covered = b + p - q
        found.append(((position(a), _marks_end(text, position(b - 1) + 1)),
                      (position(a + p - q), _marks_end(text, position(b - 1 + p - q) + 1))))
    return found


_MARKS = re.compile(r"[^\w\s]*")


def _whole_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a sentence of its own: nothing but marks (a bullet, a
    quotation mark) between it and the break before it, and a full stop at its end."""
    opening = max(text.rfind(c, 0, start) for c in SENTENCE_BREAKS) + 1
    return end > 0 and text[end - 1] in _END_MARKS and not _CONTENT_CHAR.search(text, opening, start)


def _marks_end(text: str, end: int) -> int:
    """``end`` moved over the marks that follow it (19.7|%，): a copy ends with its punctuation."""
    return _MARKS.match(text, end).end()


_OPENERS = "[（(【“‘《〈"


def _credited_twice(text: str, first_end: int, second_start: int, second_end: int) -> bool:
    """Whether only a photo credit stands between two copies of a passage and the same credit
    follows the second: a caption pasted again right after itself, credit and all."""
    before = _PHOTO_CREDIT.match(text, first_end)
    if before is None or text[before.end():second_start].strip():
        return False
    after = _PHOTO_CREDIT.match(text, second_end)
    return after is not None and "".join(after.group().split()) == "".join(before.group().split())


def _doubled(key: str) -> int:
    """The length of the passage a sentence opens with written twice running (0 if none): a
    line pasted right after itself that has no end mark (a link line, a heading), joined to
    its copy, and to the sentence under it if any, when the text was unwrapped."""
    n = len(key)
    if n < 2 * ADJACENT_BLOCK:
        return 0
    if n % 2 == 0 and key[:n // 2] == key[n // 2:]:
        return n // 2
    # a line followed by more: looked for among the first lines' lengths only (linear in the key)
    head = key[:ADJACENT_BLOCK]
    half = key.find(head, ADJACENT_BLOCK, DOUBLED_LINE + ADJACENT_BLOCK)
    while 0 < half <= n // 2:
        if key.startswith(key[:half], half):
            return half
        half = key.find(head, half + 1, DOUBLED_LINE + ADJACENT_BLOCK)
    return 0


TITLE_LINES = 3  # a headline run into the paragraph under it: the lines a doubled passage may start after


def _line_starts(doc: Document, start: int, end: int):
    """(position, key offset) of the first TITLE_LINES line starts of the original inside a
    sentence of the normalised text, which joined the lines (a hard-wrapped text's)."""
    text, at = doc.norm, doc.offsets
    first, last = doc.original_range(start, end)
    chars, previous, found = 0, start, 0
    line_end = doc.text.find("\n", first, last)
    while line_end >= 0 and found < TITLE_LINES:
        p = at.view_index(line_end + 1)
        if start < p < end and p > previous:
            chars += len(_CONTENT_CHAR.findall(text, previous, p))
            previous, found = p, found + 1
            yield p, chars
        line_end = doc.text.find("\n", line_end + 1, last)


def _repeats_nearby(key: str, size: int = ADJACENT_BLOCK // 2) -> bool:
    """Whether some stretch of a sentence recurs right after itself, as a doubled passage
    must: one of its windows (every ``size`` characters, so that one lies inside any passage
    twice that long) recurs within a line's length after it. A quick test before the search."""
    for i in range(0, len(key) - 2 * size + 1, size):
        if key.find(key[i:i + size], i + size, i + DOUBLED_LINE + 2 * size) >= 0:
            return True
    return False


def _doubled_inside(doc: Document, start: int, end: int, key: str) -> tuple[int, int]:
    """(position, key offset) of the first line start inside a sentence at which a doubled
    passage begins (a title line run into a paragraph pasted right after itself), or (0, 0)."""
    for p, k in _line_starts(doc, start, end):
        if _doubled(key[k:k + 2 * DOUBLED_LINE + ADJACENT_BLOCK]):
            return p, k
    return 0, 0


def _split_doubled(doc: Document, sents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each sentence opening with a doubled passage as the passage's two copies (the
    second from its first character of content, or an opening bracket or quote before
    it), and the rest of the sentence, if any, after them; in a hard-wrapped text, also a
    sentence with such a passage from one of its lines on, split there first."""
    text = doc.norm
    out = []
    for start, end, key in sents:
        half = _doubled(key)
        if not half and doc.wrapped and len(key) >= 2 * ADJACENT_BLOCK:
            p, k = _doubled_inside(doc, start, end, key)
            if p:
                out.append((start, p, key[:k]))
                start, key = p, key[k:]
                half = _doubled(key)
        if not half:
            out.append((start, end, key))
            continue
        chars = _CONTENT_CHAR.finditer(text, start, end)  # one for each character of the key
        skips = [half, half - 1] if len(key) > 2 * half else [half]  # to the second copy, then to the rest
        cuts = [next(islice(chars, skip, None)).start() for skip in skips]
        for k, cut in enumerate(cuts):
            while cut > start and text[cut - 1] in _OPENERS:
                cut -= 1
            cuts[k] = cut
        bounds = [start, *cuts, end]
        pieces = [key[:half], key[half:2 * half], key[2 * half:]]
        out += [(a, b, piece) for a, b, piece in zip(bounds, bounds[1:], pieces) if piece]
    return out


_SUMMARY_WORDS = lexicon.alternation('cues', 'summary_labels')
_SUMMARY_LABEL = re.compile(rf"\s*(?:{_SUMMARY_WORDS})[：:]?")
_SUMMARY_LABEL_WITH_COLON = re.compile(rf"(?:{_SUMMARY_WORDS})[：:]")
MAX_TITLE_BEFORE_LABEL = 40  # characters of a title that unwrapping may have joined to the label's line
_NOTE_LABEL = re.compile(rf"\s*(?:{lexicon.alternation('cues', 'note_labels')})[：:]")


def _labelled(label: re.Pattern, text: str, pos: int, above: int = 1) -> bool:
    """Whether ``pos`` is on a line that ``label`` opens, or under one, ``above`` lines up at most."""
    line = text.rfind("\n", 0, pos) + 1
    for _ in range(above + 1):
        if label.match(text, line):
            return True
        if not line:
            return False
        line = text.rfind("\n", 0, line - 1) + 1
    return False


def _in_summary(text: str, pos: int) -> bool:
    """Whether ``pos`` is in a page's summary (内容摘要：…, 内容概述⏎…), also where unwrapping a
    hard-wrapped page joined the title line before it (豪宅涨声一片摘要：仿佛一夜春风来…)."""
    if _labelled(_SUMMARY_LABEL, text, pos):
        return True
    line = text.rfind("\n", 0, pos) + 1
    return _SUMMARY_LABEL_WITH_COLON.search(text, line, min(pos, line + MAX_TITLE_BEFORE_LABEL)) is not None


class DuplicatedText(Rule):
    code = "G103"
    name = "duplicated-text"
    severity = Severity.WARNING
    summary = "同一篇报道中一句话或一段文字重复出现"
    explanation = """\
作用：找出同一篇稿件里重复出现的长句或整段文字，如论文正文被完整粘贴了两遍。

为何重要：重复的段落多半是排版、转载或复制粘贴出错，读者会以为网页或版面坏了；其中的数字还会被重复统计。

如何判断：把正文切成句子（去掉空白和标点后比较，“5年”与“五年”视为相同），找出前文出现过的句子，把前后相接的重复句合成一段，每段只报一次：标出后一份，并指向前一份；同一段出现三次以上的（几张图片下都附着同一段摘要），也只报一条，其余各份列在旁边。至少含一个30字以上长句的重复段报“警告”；紧接在原段之后重复的一段（合计24字以上），即使由短句或一行链接组成，也报“警告”（一段图片说明连同署名紧接着重复，中间只隔着这一署名的，也是）；由较短句子组成、合计60字以上的其他重复段报“提示”，但两份都自成一段的整段重复（合计30字以上即可）仍报“警告”。30字以下的短句（口号、小标题）和出现三次以上的页面装饰（栏目标题、“收藏”“分享”）不报；不紧接原处、汉字不到8个的重复是图片、链接这类标记，不报，但12个词以上的英文段落（论文的英文摘要）照常核对；出现三次以上的长句（页眉、页脚、几张图片说明共用的开头）只作“提示”，但自成一段的整句、紧接在前一份之后的重复，以及页面顶部已出现两次的标题在下文又单独成行出现的一次，仍报“警告”；网页标题与文章标题（两份都在正文之前，中间隔着别的行，或两份空格不同：一份在标题各部分之间空一格，另一份连写或分行；紧接着重复、空格相同的标题行仍报“警告”）、图片说明（其后40字内有“记者×× 摄”）重述正文的，长稿件前五分之一里的一句（导语、引语）在后文重述的，也只作“提示”，但正文的一整段又整段出现的、标题又自成一行出现的仍报“警告”（开头一段在页尾连同标题重述的，只作“提示”）；表格下的注（“注：”“说明：”开头的一行及其下的几行）在另一张表下重复的，也只作“提示”。按版面折行的稿件中，标题或链接行并入下一段（两份各并入不同的一行、或另一份单独成行也可）、紧接着重复的一行与原行连成一行、或句子被行末引号和空行切断时，仍能认出重复；标题行并入其下的一段，这一段仍算自成一段。不按折行处理的稿件中，一条分成几行（至多12行）的条目（新闻摘要的编号条目，或“2.新华社长篇综述：”这类标签行下的一条，或统计公报里按短行排的一段）重复出现、两份在不同处分行时，也能认出（表格的单元格这样4字以下的短行不算其中的一行）。不论是否折行，几行文字（合计24字以上，其中至少3个不是年份、日期的数）在别处又整行出现、却不成整句的，也报“警告”（印刷稿的几行被再贴了一遍：“…预算收⏎收入244.29亿元。合作区本级支出204.68亿元，增长19.7%，⏎”）；跟在各自的数字之后、不成整行的相同分句（预算报告里全州与州本级相同的转移支付收入），以及自成一句、重述前文一句中几个分句的（业绩摘要的条目：·净收入为187.69亿元人民币（27.34亿美元），同比增加15.3%。），不算。

示例：县委统领，“战区”管理，建最强指挥部。……（作者：中共镇赉县委书记）县委统领，“战区”管理，建最强指挥部。……

应改为：删去重复的一份。"""

    def check_document(self, doc, figures, ctx):
        found = list(self._repeated_sentences(doc))
        yield from found
        if len(figures) < FRAGMENT_NUMBERS * 2 or len(doc.norm) > MAX_FRAGMENT_TEXT:
            return
        reported = [(d.span.start, d.span.end) for d in found] + [
            (r.span.start, r.span.end) for d in found for r in d.related]
        fragments = _repeated_fragments(doc.norm)
        measures = [f.start for f in figures if f.kind not in (Kind.YEAR, Kind.DATE, Kind.ORDINAL)] if fragments else []
        for first, second in fragments:
            if bisect.bisect_left(measures, second[1]) - bisect.bisect_left(measures, second[0]) < FRAGMENT_NUMBERS:
                continue  # (a title's date restated is no figures pasted again)
            spans = [doc.original_range(*first), doc.original_range(*second)]
            if any(a < e and s < b for a, b in spans for s, e in reported):
                continue  # (the sentences' search told of it, or of a part of it)
            if not _own_lines(doc.text, *spans[1]) or _NUMBER_END.search(doc.norm, max(0, second[0] - 4), second[0]):
                # (a budget's 全市 and 市本级 share their transfers' clauses, mid-line, after each
                # level's own figure: 上年结转173,549|万元，债务转贷收入460,005万元…)
                continue
            if _whole_sentence(doc.norm, *second) and doc.norm[first[1] - 1] not in _END_MARKS:
                # (a sentence restating clauses of an earlier one, which goes on after them: a
                # summary's bullet, ·净收入为187.69亿元人民币（27.34亿美元），同比增加15.3%。)
                continue
            first_span = doc.span(*first)
            excerpt = doc.norm[second[0]:second[1]].replace("\n", "")
            yield self.diagnostic(
                doc, *second,
                _("文字“{excerpt}”与第{line}行的一段完全相同（整行重复，不成整句），疑为粘贴或排版时重复").format(
                    excerpt=excerpt[:20] + "……", line=first_span.line),
                related=[Related(first_span, _("首次出现"))])

    def _repeated_sentences(self, doc):
        text = doc.norm
        keys = _keys(text)
        # A headline run into a paragraph, or a sentence cut by a print line's end, is
        # a hard-wrapped text's: a text of whole lines is spared the search for them.
        if len(set(keys)) == len(keys) and not any(map(_doubled, keys)) \
                and not (doc.wrapped and (_may_repeat(keys) or _headed(keys))):
            if not doc.wrapped:
                if not _may_repeat(keys):
                    return  # no sentence twice, nor two items that open alike
                sents = _sentences(text)
                joined = _join_cut_lines(text, sents)
                if len(joined) == len(sents):
                    return  # no sentence twice, nor an item twice, cut in different places
                sents = joined
            elif not any(map(_repeats_nearby, keys)):
                return  # no sentence twice, nor a passage twice running inside one
            else:
                sents = _mend_broken(text, _sentences(text))
                split = _split_doubled(doc, sents)
                if len(split) == len(sents):
                    return  # nor a line pasted right after itself inside a sentence
                sents = split
        else:
            sents = _mend_broken(text, _sentences(text))
            sents = _split_doubled(doc, sents if doc.wrapped else _join_cut_lines(text, sents))
        leading = _leading([key for _s, _e, key in sents])
        if leading:  # a headline run into the paragraph below it, whose other copy stands alone: split off
            split = []
            for i, sentence in enumerate(sents):
                at = self._below_headline(doc, sentence, leading[i]) if i in leading else None
                start, end, key = sentence
                split += [sentence] if at is None else [(start, at, key[:leading[i]]), (at, end, key[leading[i]:])]
            sents = split
        for i, key in _headed([key for _s, _e, key in sents]).items():
            start = self._below_headline(doc, sents[i], len(sents[i][2]) - len(key))
            if start is not None:
                sents[i] = (start, sents[i][1], key)
        counts = Counter(key for _s, _e, key in sents)
        lead = len(text) - len(text.lstrip())  # where the text begins: a headline starts there
        opening = _END_MARK.search(text)
        body_start = opening.start() if opening else len(text)  # where the first sentence ends
        # the page's top: its first 300 characters, or in a short item its first sentence
        top_end = min(PAGE_TOP, body_start + 1)
        below_top = Counter(key for start, _e, key in sents if start >= top_end)  # copies under it
        opening_lines = {line.strip() for line in text[:body_start].split("\n")} - {""}  # the page's top
        first_seen: dict[str, int] = {}
        blocks = []  # [first copy start index, second copy start index, length in sentences]
        for i, (_start, _end, key) in enumerate(sents):
            j = first_seen.setdefault(key, i)
            if j == i:
                continue
            if j < i - 1 and sents[i - 1][2] == key:
                j = i - 1  # a third copy right after the second: pasted again there, whatever the first was
            last = blocks[-1] if blocks else None
            if last and last[1] + last[2] == i and last[0] + last[2] < last[1] \
                    and sents[last[0] + last[2]][2] == key:
                last[2] += 1
            else:
                blocks.append([j, i, 1])
        restated = []  # the spans of a page's summary that the text has restated once
        made = []  # (the passage's first sentence, whether pasted right after the copy before, finding)
        for j, i, n in blocks:
            second = sents[i:i + n]
            lengths = [len(key) for _s, _e, key in second]
            chrome = [counts[k] >= CHROME_REPEATS for _s, _e, k in second]
            first = sents[j:j + n]
            apart = _NON_SPACE.search(text, first[-1][1], second[0][0]) \
                and not _credited_twice(text, first[-1][1], second[0][0], second[-1][1])
            # (a paste error repeats a passage right after itself, a caption with its photo credit)
            if apart and sum(len(_CJK_RE.findall(key)) for _s, _e, key in second) < MIN_PROSE \
                    and len(_LATIN_WORD.findall(text, second[0][0], second[-1][1])) < MIN_PROSE_WORDS:
                continue  # an image or link line: markup, not prose (unless it follows itself)
            if max(lengths) >= LONG_SENTENCE:
                # a passage pasted thrice is no chrome, nor one pasted right after itself, nor a whole
                # paragraph of one sentence (chrome is a header's or a footer's line, or the sentence
                # several photo captions open with)
                # (nor the headline, shown twice at the page's top, pasted again once as a line far below)
                severity = Severity.INFO if all(chrome) and n == 1 and apart and not (
                    _ends_sentence(text, *second[0][:2]) and _whole_line(text, *second[0][:2])) and not (
                    first[0][0] <= lead and below_top[second[0][2]] == 1 and second[0][0] >= top_end
                    and _whole_line(text, *second[0][:2])) else None
            elif not apart and sum(lengths) >= ADJACENT_BLOCK and not any(chrome):
                severity = None  # short sentences, a whole passage of them, right after themselves
            elif sum(lengths) >= WHOLE_BLOCK and n >= 2 and not any(chrome):
                whole = _paragraph(doc, first[0][0], first[-1][1]) and _paragraph(doc, second[0][0], second[-1][1]) \
                    and text[second[-1][1] - 1] in _END_MARKS
                if not whole and sum(lengths) < LONG_BLOCK:
                    continue
                severity = None if whole else Severity.INFO
            else:
                continue
            headline = n == 1 and first[0][0] <= lead and text[first[0][1] - 1] not in SENTENCE_BREAKS
            # (a page's title and deck lines, without a sentence's end mark)
            if apart and n == 1 and len(text) > LEAD_MIN_LENGTH and first[0][0] < LEAD_SHARE * len(text) \
                    and not _body_paragraph_again(text, first[0], second[0], body_start, opening_lines) \
                    and not (headline and _whole_line(text, *second[0][:2])):
                # a standfirst or lead quote restated in the body is a habit of the trade (but a
                # paragraph of the body pasted again as a paragraph is a paste, however near the top,
                # and so is the headline again as a line of its own)
                severity = Severity.INFO
            title = headline or apart and not any(_ends_sentence(text, s, e) for s, e, _k in first)
            ends = (first[-1][1], second[-1][1])
            credits = [_PHOTO_CREDIT.match(text, e) for e in ends]
            # a page's title over the article's (both above the body: no sentence ends between them);
            # a photo caption quoting the text, or several photos' captions alike (not one caption
            # pasted again, up to the same credit)
            if title and second[0][0] < PAGE_TOP and (apart or _laid_out_differently(doc, first[0], second[0])) \
                    and not _END_MARK.search(text, first[-1][1], second[0][0]) \
                    or any(_captioned(text, e) for e in ends) \
                    and not (all(credits) and credits[0].group().strip() == credits[1].group().strip()):
                severity = Severity.INFO
            if n == 1 and (apart and first[0][0] < PAGE_TOP or not apart) and _deck_line(text, first[0][0], first[0][1]) \
                    and text[second[0][1] - 1] in SENTENCE_BREAKS:
                # a headline's deck line, restated in the story as a sentence (with its 。); or, anywhere,
                # a headline whose story opens by restating it (a bulletin's items: 人员264.4万人次 同比增长27.2%)
                severity = Severity.INFO
            if apart and n == 1 and _quoted_again(doc, first[0][:2], second[0][:2]):
                severity = Severity.INFO
            if _in_summary(text, first[0][0]) and not _SUMMARY_LABEL_WITH_COLON.match(text, second[0][0]) \
                    and not any(s < first[-1][1] and first[0][0] < e for s, e in restated):
                # 内容摘要：⏎X⏎X…: a page's summary of the text, then the text, once (but 导读：X⏎导读：X
                # is the summary pasted twice, label and all, and a third X is pasted too)
                severity = Severity.INFO
                restated.append((first[0][0], first[-1][1]))
            if _labelled(_NOTE_LABEL, text, first[0][0], 3) and _labelled(_NOTE_LABEL, text, second[0][0], 3):
                severity = Severity.INFO  # 注：1.本表反映…⏎…⏎2.…: a note under each table it applies to
            first_span = doc.span(first[0][0], first[-1][1])
            if n == 1:
                excerpt = text[second[0][0]:second[0][1]].replace("\n", "")  # (an item whose lines were joined)
                excerpt = excerpt if len(excerpt) <= 24 else excerpt[:20] + "……"
                message = _("句子“{excerpt}”与第{line}行的句子重复，疑为粘贴或排版时重复").format(
                    excerpt=excerpt, line=first_span.line)
            else:
                message = _("此段（{n}句、{chars}字）与第{line}行起的一段文字完全重复，疑为粘贴或排版时重复了一遍").format(
                    n=n, chars=sum(lengths), line=first_span.line)
            made.append((second[0][2], not apart,
                         self.diagnostic(doc, second[0][0], second[-1][1], message, severity=severity,
                                         related=[Related(first_span, _("首次出现"))])))
        yield from _one_per_passage(made)

    @staticmethod
    def _below_headline(doc: Document, sentence: tuple[int, int, str], prefix: int) -> int | None:
        """Where a sentence starts under the headline run into it, ``prefix`` content
        characters in; None unless a line break stood there in the original and no comma or
        semicolon ends the part before it (一、二句间的重述 is not a headline; 凝聚力量，志智双扶
        乡村扶贫演出⏎ is a caption line, comma and all)."""
        start, end, _key = sentence
        content = [m.start() for m in _CONTENT_CHAR.finditer(doc.norm, start, end)]
        if not 0 < prefix < len(content):
            return None
        before, at = content[prefix - 1], content[prefix]
        if _CLAUSE_MARKS.search(doc.norm, before, at) or "\n" not in doc.text[doc.offsets[before]:doc.offsets[at]]:
            return None
        return at


def _one_per_passage(made):
    """One finding for each passage (by its first sentence: a copy may run on into text that
    repeats too), however many times it stands: on its most telling copy
    (the most severe; of those, one pasted right after the copy before it; else the first),
    with the other repeats beside it. A page whose photos each repeat the summary gives one
    finding, not nine that tell the editor nothing more."""
    by_passage: dict[str, list] = {}
    for passage, pasted, found in made:
        by_passage.setdefault(passage, []).append((found.severity, pasted, found))
    for copies in by_passage.values():
        best = max(range(len(copies)), key=lambda k: (*copies[k][:2], -k))
        found = copies[best][2]
        again = tuple(Related(other.span, _("又一次重复")) for k, (_s, _p, other) in enumerate(copies) if k != best)
        yield replace(found, related=found.related + again) if again else found


_MOJIBAKE_MARK = re.compile("[?\ufffd？]")
MAX_MIXED = 20   # more hits than this: a traditional document misjudged, or a genuinely mixed one


def _known_places_around(text: str, pos: int, origin: int) -> list[tuple[int, int]]:
    """(start, end) of the dictionary's place names in the sentence around ``pos``,
    counted from ``origin``."""
    start, end = segments(text).sentence(pos)
    return [(start + p - origin, start + q - origin) for p, q, name in places(text[start:end]) if name in word_tags()]


def _runs(original: str, converted: str, keep) -> list[tuple[int, int]]:
    """Runs of positions where ``converted`` differs from ``original`` and ``keep(i)`` holds."""
    runs, start = [], None
    for i, (a, b) in enumerate(zip(original, converted)):
        hit = a != b and keep(i)
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(original)))
    return runs


TRADITIONAL_STANDARD_FORMS = set(lexicon.words("script", "standard_in_traditional"))
SIMPLIFIED_STANDARD_FORMS = set(lexicon.words("script", "standard_in_simplified"))
_SCRIPT_SWITCH = re.compile(lexicon.alternation("script", "script_switch_labels"))


def _in_switch_label(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies in a label of a page's script switch (简体 | 繁體)."""
    return any(m.start() <= start and end <= m.end() for m in _SCRIPT_SWITCH.finditer(text, max(0, start - 3), end + 3))
STANDARD_IN_NAMES = set(lexicon.words("script", "standard_in_names"))
NAME_CHARACTERS_ANYWHERE = {e["word"] for e in lexicon.entries("script", "standard_in_names") if e.get("anywhere")}
NAMES_WITH_NAME_CHARACTERS = lexicon.words("script", "names_with_name_characters")
NAMES_IN_THEIR_OWN_FORM = lexicon.words("script", "names_in_their_own_form")
COMMON_SURNAMES = set(lexicon.value("script", "common_surnames"))


def _in_a_name(clause: str, converted: str, i: int) -> bool:
    """Whether the character at ``i`` of a clause stands in a person's name (王於昌,
    李奕昇): one or two characters after a common surname, before a Chinese character,
    and making no word of the dictionary with its neighbours once converted (位于, 上升).
    A character of NAME_CHARACTERS_ANYWHERE needs no surname (上海新昇的, a company)."""
    if any(clause.find(name, max(0, i - len(name) + 1), i + len(name)) >= 0 for name in NAMES_WITH_NAME_CHARACTERS):
        return True
    if clause[i] not in NAME_CHARACTERS_ANYWHERE:
        after_surname = any(0 <= k and clause[k] in COMMON_SURNAMES for k in (i - 1, i - 2))
        if not after_surname or i + 1 >= len(clause) or not "\u4e00" <= clause[i + 1] <= "\u9fff":
            return False
    for start in range(max(0, i - 2), i + 1):
        for end in range(max(i + 1, start + 2), min(len(converted), start + 3) + 1):
            tag = word_tags().get(converted[start:end])
            if tag is not None and tag != "nr":
                return False
    return True


def _in_own_name(clause: str, a: int, b: int) -> bool:
    """Whether [a, b) of a clause lies within a name its owner writes so (乾崑智驾)."""
    return any(0 <= (k := clause.find(name, max(0, b - len(name)), a + len(name))) <= a and b <= k + len(name)
               for name in NAMES_IN_THEIR_OWN_FORM)


MAX_NAMES_ASKED = 200  # names a text is searched for: more are no persons' names but a text converted badly


def _named_so_throughout(text: str, clause: str, converted: str, i: int, known: dict[str, bool]) -> bool:
    """Whether the name around the character at ``i`` is written with it every time, twice or
    more, and never with its simplified form (曹禕琛, three times in a penalty notice): a
    person's own character, not a slip, which would leave the name written both ways.
    ``known``: the answer for each name asked about before in this text (each costs a pass over it)."""
    after_surname = i >= 1 and clause[i - 1] in COMMON_SURNAMES
    start = i - 1 if after_surname else max(0, i - 2)
    # a given name of one character ends there (孟樸表示, 孟樸所说); the character after it is the sentence's
    names = (clause[start:i + 1], clause[start:i + 2]) if after_surname else (clause[start:i + 2],)
    for name in names:
        if name not in known:
            if len(known) >= MAX_NAMES_ASKED:
                return False
            known[name] = text.count(name) >= 2 and name[:i - start] + converted[i] + name[i - start + 1:] not in text
        if known[name]:
            return True
    return False


def _paragraph_script_is_traditional(text: str, pos: int, traditional_at: tuple[int, ...]) -> bool | None:
    """Whether the paragraph around ``pos`` is mostly traditional (None: a tie, or too little to tell);
    ``traditional_at``: where the text's traditional characters are, in order."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    end = end if end >= 0 else len(text)
    paragraph = text[start:end]
    traditional = bisect.bisect_left(traditional_at, end) - bisect.bisect_left(traditional_at, start)
    simplified = len(first_changed(paragraph, "s2t", traditional + 1))  # (more do not change the answer)
    if traditional + simplified < 2:
        # one character and nothing of either script besides (》印發；, a line of a list that is
        # not hard-wrapped): no evidence of a paragraph in the other script
        return None
    return None if traditional == simplified else traditional > simplified


class MixedScript(Rule):
    code = "G104"
    name = "mixed-script"
    severity = Severity.WARNING
    summary = "简体文本中夹有繁体字（或繁体文本中夹有简体字）"
    explanation = """\
作用：找出简体稿件中混入的繁体字（如“举全縣之力”中的“縣”），以及繁体稿件中混入的简体字。

为何重要：繁简混用多半是从繁体稿或输入法转换时漏改，读者一眼就能看出，显得稿件未经校对；检索时“縣”也查不到“县”。

如何判断：按全文中只属于繁体、只属于简体的字数多寡，判定稿件的字体；再用 OpenCC 把含可疑字的分句转换一遍（连词带字转换，保留“乾坤”“著名”“乾隆”等简体中合法的用法），转换后不同的字即为混入的字，建议改为转换结果（只是异体、在哪种繁体标准里都不这样写的字，如“拚搏”的“拚”，称“异体字”）。繁体稿中只报各地繁体标准（OpenCC 的 s2t、s2tw、s2hk）都不接受的简体字。词典里已有的地名保留其固有写法（乾安县），不报；《通用规范汉字表》只许用于人名的字（於、昇等）紧跟常见姓氏、又不与前后成词时，当作人名（王於昌），不报；昇、釐、氾等误用时必与前后成词（上昇、釐米、氾滥）的字，不与前后成词时不论前面是不是姓氏，都当作名字（公司名“上海新昇”），“昇腾”这样的品牌名也不报，“乾崑”（华为的智驾品牌）这样主人在简体中文里也写作繁体的名字同样不报；别的繁体字在这样的位置、而这个名字全文都这样写（至少两次、从没写成简体；单名只看姓和这个字：孟樸）的，是本人名字的用字（曹禕琛），也不报。一篇稿件中超过20处时，多半是字体判断有误或整篇混排，只报一条“提示”。

示例：举全縣之力、集全民之智，全力推进脱贫攻坚。

应改为：举全县之力、集全民之智，全力推进脱贫攻坚。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        traditional_at = changed_at(text)
        if not traditional_at:
            return  # whichever the script, no character of one within the other
        traditional_hits = [text[p] for p in traditional_at]
        # Only whether traditional characters outnumber simplified ones matters, so the
        # simplified ones (most characters of a simplified report) are counted no further.
        simplified_hits = first_changed(text, "s2t", len(traditional_hits))
        traditional_doc = len(traditional_hits) > len(simplified_hits)
        if traditional_doc:
            simplified = set(simplified_hits) - TRADITIONAL_STANDARD_FORMS
            suspects = simplified & changed_chars(sorted(simplified), "s2tw") & changed_chars(sorted(simplified), "s2hk")
            configs, message = ("s2t", "s2tw", "s2hk"), _("繁体文本中夹有简体字“{text}”，应为“{fixed}”")
            found = [m.start() for m in changed_re("s2t").finditer(text)]  # every suspect (and other characters)
        else:
            suspects = set(traditional_hits) - SIMPLIFIED_STANDARD_FORMS
            configs, message = ("t2s",), _("简体文本中夹有繁体字“{text}”，应为“{fixed}”")
            found = traditional_at
        if not suspects:
            return
        hits, done, names_known = [], -1, {}
        paragraph_end, other_script = -1, False  # the paragraph of the last suspect, told once for all of its
        for pos in found:
            if pos < done or text[pos] not in suspects:
                continue
            if pos >= paragraph_end:
                paragraph_end = text.find("\n", pos) % (len(text) + 1)
                other_script = _paragraph_script_is_traditional(text, pos, traditional_at) not in (None, traditional_doc)
            if other_script:
                continue  # a whole paragraph in the other script (page chrome, a quotation): not a slip
            # Only the clause is converted: OpenCC's phrases hold no punctuation, so a clause
            # converts alone as it does within its sentence, and the fewer characters the
            # better (between other rules' work, each costs a miss in OpenCC's tables).
            start, end = segments(text).around(pos)
            done = end
            clause = text[start:end]
            converted = [convert(clause, cfg) for cfg in configs]
            if any(len(c) != len(clause) for c in converted):
                continue
            differs = [{i for i, (a, b) in enumerate(zip(clause, c)) if a != b} for c in converted]
            common = set.intersection(*differs)
            runs = _runs(clause, converted[0], lambda i: i in common and clause[i] in suspects)
            # A place name the dictionary knows keeps its old form even where OpenCC's
            # phrase tables do not know it (乾安县); an unknown one (田東县) is a garble.
            names = _known_places_around(text, pos, start) if runs else []
            hits += [(start + a, start + b, converted[0][a:b],
                      not traditional_doc and _variants_only(clause, converted[0], a, b)) for a, b in runs
                     if not any(p <= a and b <= q for p, q in names)
                     and not (not traditional_doc and b == a + 1
                              and _in_a_name(clause, converted[0], a)
                              and (clause[a] in STANDARD_IN_NAMES or _named_so_throughout(text, clause, converted[0], a, names_known)))
                     and all(ord(c) < 0x10000 for c in converted[0][a:b])  # 頔 -> 𬱖: a name's own form
                     and not _in_switch_label(text, start + a, start + b)
                     and not _in_own_name(clause, a, b)]
        if len(hits) > MAX_MIXED:
            start, end, _fixed, _variant = hits[0]
            yield self.diagnostic(
                doc, start, end,
                _("全文有{n}处繁简混用，疑为整篇混排或字体判断有误，请整篇统一字体").format(n=len(hits)),
                severity=Severity.INFO)
            return
        for start, end, fixed, variant in hits:
            if _MOJIBAKE_MARK.search(text, max(0, start - 2), end + 2):
                # 總?cè)丝?: UTF-8 read as GBK; converting the character would only hide it
                yield self.diagnostic(doc, start, end, _("“{text}”附近疑为乱码（文件编码转换出错），请核对原稿").format(
                    text=text[max(0, start - 2):end + 2]))
                continue
            said = _("简体文本中夹有异体字“{text}”，应为“{fixed}”") if variant else message
            yield self.diagnostic(doc, start, end, said.format(text=text[start:end], fixed=fixed), suggestion=fixed)


def _variants_only(clause: str, converted: str, a: int, b: int) -> bool:
    """Whether no changed character of clause[a:b] is what a traditional standard writes: s2t
    there, for its simplified form in the clause (昆山 becomes 崑山), or s2t, s2tw or s2hk for
    any character alone (為, 眾). 拚 for 拼 and 綫 for 线 are variants, not traditional characters."""
    changed = [i for i in range(a, b) if clause[i] != converted[i]]
    if any(clause[i] in written(config) for config in ("s2t", "s2tw", "s2hk") for i in changed):
        return False
    form = convert(converted, "s2t")  # (only now: it may build s2t's converter, for a phrase's form)
    return len(form) == len(clause) and all(clause[i] != form[i] for i in changed)


RULES += [DuplicatedText, MixedScript]


_NUMERALS = "〇零一二三四五六七八九十百千万亿两几多余数"
_NUMERAL_CHARS = set("0123456789" + _NUMERALS)
# 万元地区生产总值能耗, 万元工业增加值用水量: a measure per 10,000 yuan, not a lost figure
_PER_TEN_THOUSAND = "地区生产总值|国内生产总值|生产总值|GDP|工业增加值|增加值|产值"
# what follows a figure's unit where the figure was lost (收入万元，/ 万元用于); a noun after
# it makes 万/亿 a size (亿吨大港, 万吨驱逐舰, 亿元强村)
_AFTER_LOST = r"(?=[^\u4e00-\u9fff]|[的用为和及与左右以比同增减]|$)"
# A unit at the start of a line or list item, after its marker: ⏎（一）万元用于…, 分别为8%、%.
# Matched from the break before it (a pattern that starts with a literal character is searched
# for quickly; one that starts with a character class or a look-behind is tried at every position).
_LIST_START = (r"(?=[一二三四五六七八九十\d（(%‰个万亿])"  # (what a marker or a unit starts with: a quick no elsewhere)
               r"(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)])?"
               r"(?P<list_start>[%‰](?![|｜）)/\n]|$)|个百分点|[万亿](?:元(?!户)|公里|公顷|平方米|吨|千瓦)(?![）)级]|及?以[上下]|"
               + _PER_TEN_THOUSAND + ")" + _AFTER_LOST + ")")
_LOST_AT_ITEM = [re.compile(r"\n" + _LIST_START, re.MULTILINE), re.compile(r"、" + _LIST_START, re.MULTILINE)]
_LOST_AT_START = re.compile(_LIST_START, re.MULTILINE)


def _after_a_word(unit: str, not_before: str) -> str:
    """A pattern of ``unit`` after a Chinese character other than a numeral or one of ``not_before``
    (looked back at from the unit, so that the pattern starts with a literal character)."""
    return f"{unit}(?<=[\\u4e00-\\u9fff]{unit})(?<![{_NUMERALS}{not_before}]{unit})"


# Units left behind by a number that was lost (a conversion that dropped digits): 增长%，
# 从年的12.25%，贫困人口户人，其中已出列个. Each pattern starts with the unit's literal
# character, so the scan is quick, and looks back at what stands before the unit.
_LOST_NUMBER = [
    *(re.compile(_after_a_word(unit, "分") + r"(?![|｜）)/\n]|$)", re.MULTILINE)  # not a table heading: 比上年增长%|
      for unit in "%‰"),
    *(re.compile(_after_a_word(unit, "上近逾过破超约位达")  # 上万元, 近亿元, 数万吨 are hedged round numbers
                 + f"(?<![千百万亿]元[到至]{unit})"  # 由千元到万元的跨越: orders of magnitude, no lost number
                 + r"(?:元(?!户)|公里|公顷|平方米|吨|斤|千瓦)(?![）)级]|及?(?:" + lexicon.alternation("cues", "hedges_after") + ")|"
                 + _PER_TEN_THOUSAND + ")"
                 + _AFTER_LOST, re.MULTILINE)  # 收入万元 (not 万元户, 亿元以上项目, 价格在万元左右)
      for unit in "万亿"),
    re.compile(r"年(?:(?<=[从由到至]年)(?=的)"  # 从年的
               r"|(?<=[将由较]年)(?![底初末内中度来间代轻纪龄级薪终会货华限头均份以前后里满轮复年久俗味]|人均)"  # 现将年预算
               r"|(?<![^。\n—~～]年)(?=[，,)）]|[1-9]\d?月))"),  # at a sentence's or line's start: 。年，全县… / ⏎年4月23日
    re.compile(f"户人(?<![0-9{_NUMERALS}]户人)" + r"(?=[，。、；]|其中)"),
    re.compile(r"个(?<=[村县乡镇列]个)(?=[，。；、）])"),
]


_CELL_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}\s*[-\d]")  # the rest of the unit (吨|公里), then a value


def _table_cell(text: str, start: int, end: int) -> bool:
    """A unit in a table's column of units: alone on its line (食用植物油⏎万吨⏎85.26), or with the
    value's cell or the next unit right after it (原煤→万吨→23908.72, the tabs gone from the
    normalised view)."""
    if _CELL_AFTER.match(text, end) or text[start:end] in text[end:end + 6]:
        return True  # (or the column's next unit: 公路→亿吨公里 亿吨公里 亿吨公里→584.4)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end:len(text) if line_end < 0 else line_end].strip()


def _lost_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of units whose number is gone (in order, each once)."""
    found = {m.span() for pattern in _LOST_NUMBER for m in pattern.finditer(text)
             if m.group()[0] in "%‰年户个" or not _table_cell(text, *m.span())}
    at_item = [m for pattern in _LOST_AT_ITEM for m in pattern.finditer(text)]
    first = _LOST_AT_START.match(text)
    if first:
        at_item.append(first)
    # not the 万元 of a heading's 单位：万元, nor a table's 万元|; nor a unit whose number ends the line
    # before (350⏎⏎万元: a break in the middle of the figure, malformed-number's finding where it is one)
    found.update(m.span("list_start") for m in at_item if text[m.end():m.end() + 1] not in ("|", "｜", "）", ")")
                 and not (text[m.start()] == "\n" and text[max(0, m.start() - 20):m.start()].rstrip()[-1:].isdigit())
                 and not (text[m.start()] == "、" and "单位" in text[max(0, m.start() - 12):m.start()])  # 单位：亿元、%
                 and (text[m.start("list_start")] in "%‰" or not _table_cell(text, *m.span("list_start"))))
    return sorted(found)


# A unit that a space stands before in the original, where the number was stripped:
# 增收 万元, 提高 个百分点 (the normalised view drops the space, so it is read off the original).
# One pattern for each kind of space that may come first after the word, so that each starts with a literal.
_STRIPPED = {space: re.compile(space + r"(?<=[\u4e00-\u9fff]" + space + r")[ \t\u3000\u00a0]*"
                               r"(?P<unit>[%‰]|个百分点|[万亿](?:元|人|户|吨|亩|公顷)|平方公里|公里|公顷|人次)"
                               r"(?![\u4e00-\u9fff]?[ \t\u3000\u00a0])") for space in " \t\u3000\u00a0"}


MAX_LOST_FIGURES = 20  # more in one text: the conversion went wrong throughout, which one finding tells


class MissingFigure(Rule):
    code = "G105"
    name = "missing-figure"
    severity = Severity.WARNING
    summary = "数字丢失，只剩下单位或量词"
    explanation = """\
作用：找出数字在转换或排版中丢失、只剩下单位的地方，如“同比增长%”“贫困发生率从年的12.25%下降到……”
“全州有建档立卡贫困人口户人”“其中已出列个”。
为何重要：缺了数字，句子就失去了要说的事实；网页稿从其他格式转换时，数字最容易整段丢失。
如何判断：百分号前面没有数字；“万元”“亿元”“万吨”“万公里”等前面没有数字；“从/由/到/至”之后紧跟“年的”，
“现将年预算”“相较年”这样虚词后的“年”，段首、句首单独的“年，”“年4月”；
“户人”前面没有数字且后面是标点或“其中”；“村/县/乡/镇/列”之后紧跟“个”和标点。“到年底”“从年初”“户人家”
“农户人均”“上万元”“近亿元”“万元户”“单位万吨”“在万元左右”都是正常说法，不报。“由千元到万元的跨越”说的是数量级，也不报。
原稿中单位前留着空格（“增收 万元”“提高 个百分点”），或单位在一段、一项的开头（“（一）万元用于……”“分别增长8.1%、%”），也是数字丢了。“万吨驱逐舰”“亿吨大港”“亿元强村”（单位后紧跟名词，“万”“亿”说的是规模）、“万元地区生产总值能耗”“可达万吨”也不报。
一篇稿件中超过20处时，多半是整篇转换出错（数字全丢了，或PDF的表格、分栏被打乱，数字和文字错了位），只报一条，说明处数和第一处。
示例：全县农村居民人均可支配收入同比增长%。
应改为：补上丢失的数字，如“同比增长8.5%”。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        found = _lost_numbers(text)
        found += self._stripped(doc, found)
        if len(found) > MAX_LOST_FIGURES:
            # a whole text converted wrong (its numbers stripped, or a PDF's table read apart from
            # its words): one finding to say so, not one per unit
            start, end = min(found)
            yield self.diagnostic(
                doc, start, end,
                _("全文有{n}处单位前缺少数字（首处“{context}”），疑为整篇转换出错：数字丢失，或与文字错了位（PDF的表格、分栏被打乱），请对照原件核对").format(
                    n=len(found), context=text[max(0, start - 6):end + 2].strip().replace("\n", "⏎")))
            return
        for start, end in sorted(found):
            severity = Severity.ERROR if text[start] in "%‰" else None
            yield self.diagnostic(
                doc, start, end,
                _("“{context}”中“{unit}”前缺少数字，疑为数字在转换或排版中丢失").format(
                    context=text[max(0, start - 6):end + 2].strip().replace("\n", "⏎"), unit=text[start:end]),
                severity=severity)

    @staticmethod
    def _stripped(doc, known):
        """Units a space stands before in the original where the number was (增收 万元)."""
        found = []
        text = doc.text
        for m in [m for space, pattern in _STRIPPED.items() if space in text for m in pattern.finditer(text)]:
            before = text[m.start() - 1]
            if before in _NUMERAL_CHARS or m.start() > 1 and text[m.start() - 2] in " \t\u3000\u00a0":
                continue  # 几 %, or letter-spaced text (各 位 代 表)
            start = bisect.bisect_left(doc.offsets, m.start("unit"))
            end = start + len(m.group("unit"))
            if doc.norm[start:end] == m.group("unit") and not any(s <= start < e for s, e in known) \
                    and not _table_cell(doc.norm, start, end):
                found.append((start, end))
        return found


RULES += [MissingFigure]


# A decimal point lost or mistyped: 0103% (0.103%), 1·8% (1.8%), 48、5% (48.5%), 12。35%,
# 降至038 where 0.38 is written nearby. Each pattern starts with a literal character (the 0,
# the dot, the 、, the 。), which the regex engine finds quickly: a pattern that starts with
# a class or a look-behind is tried at every position of the text. The digits before the
# mark are taken, and checked, afterwards.
_UNIT_AFTER = r"(?=[%‰]|[万亿萬億]?[元人户戶个個名公亩畝吨噸])"
# A rate's level (贫困发生率下降至046): a number led by 0 there has lost its point (0.46).
_RATE_LEVEL_BEFORE = re.compile(f"率(?:{lexicon.alternation('cues', 'trends')}|为|达到?|至|到)$")
# A 0 that starts a run of digits, once for both of its kinds: "zero" where a unit follows
# the run, "lost" where two or three digits end the number.
_LEADING_ZERO = re.compile(r"0(?<![0-9.]0)(?=\d)(?=(?P<zero>\d++" + _UNIT_AFTER + r"))?"
                           r"(?P<lost>\d{2,3}(?![\d.%‰时分秒点日月号年]))?")
_MALFORMED = {
    "dot": re.compile(r"[·•]\d+(?=[%‰万亿萬億个個元公吨噸亩畝])"),
    "comma": re.compile(r"、\d{1,2}(?=[%‰]|个百分点|[万亿萬億][元人户戶亩畝吨噸公平])"),
    "stop": re.compile(r"。\d{1,2}(?=[%‰]|个百分点|[万亿萬億][元人户戶亩畝吨噸公平])"),
}
# Typed twice or once too many: a second point (12..5万人, 3.5.6亿元: which point is right
# the text cannot tell), a percentage with two percent signs (12.3%%, 百分之7.5%), and
# digits grouped by a comma in fours (3,4567万元: grouping is by threes).
_EXTRA_POINT = re.compile(r"\.(?:\.|\d+\.)\d+" + _UNIT_AFTER)
# A ratio's terms run together, their colons lost (三次产业比为4.874.221, 调整为14.33:46.3439.33):
# a number of several points, after 比为/结构为/比例为/调整为 or beside a colon.
_SECOND_POINT = re.compile(r"\.\d+\.\d")  # (led by a literal: the engine skips to each point)
_MULTI_POINT = re.compile(r"\d+(?:\.\d+){2,}")
_RATIO_BEFORE = ("比为", "构为", "例为", "整为")
_DIGITS_OR_POINT = frozenset("0123456789.")
_RATIO_MARKS = ":：∶﹕"
_PERCENT_TWICE = re.compile(r"%%|‰‰|百分之(?:[\d.]+|[零〇一二三四五六七八九十百点两]+)[%‰]")
_GROUPED_IN_FOURS = re.compile(r",\d{4,}(?:\.\d+)?" + _UNIT_AFTER)
# A last group of one or two digits after groups of three: the decimal point typed as a comma
# (亏损2,526,53万元 for 2,526.53万元).
_SHORT_LAST_GROUP = re.compile(r",(?<=\d,\d{3},)\d{1,2}(?![\d,.])" + _UNIT_AFTER)
# After 亿, a number of several places below 万 with neither 万 nor 零 (夏粮产量一亿一千五百三十四吨
# for 一亿一千五百三十四万吨); 三亿五千 is said for 3.5亿.
_CN_NUMERAL = "零〇一二三四五六七八九两兩十百千"
_YI_WITHOUT_WAN = re.compile(f"[亿億](?P<rest>[一二三四五六七八九两兩]千[{_CN_NUMERAL}]+)(?![{_CN_NUMERAL}万萬亿億])")
_DIGITS_BEFORE = {"dot": 5, "comma": 3, "stop": 4, "break": 5, "points": 6}  # digits that may stand before the mark
# A 万 inside a number that goes on to a 万 or 亿 of its own (1万1千万: 1亿1千万 with 亿 turned to
# 万); 5千3百万 is (5千3百)万, and 2万亿 is a unit of its own.
# (found from the 万, which re looks for as a literal: a pattern led by the digits costs 50 times more)
_MAGNITUDE_ORDER = re.compile(r"万\d+(?:\.\d+)?[千百十]?[万亿]")
# A number cut in two by a line or paragraph break, found from the break: the line ends in
# its first digits after a word and the next begins with the rest and its unit (202⏎⏎1年,
# 12⏎.5%; "split"), or the line ends in its point (18.⏎6%; "break").
_BROKEN = re.compile(r"\n(?:(?<=\d\n)(?P<split>\.?\d{1,4}(?:\.\d+)?(?=[%‰年]|个百分点|[万亿]?[元人户吨亩]))"
                     r"|(?<=\d\.\n)(?P<broken>\d{1,4}(?=[%‰]|个百分点|[万亿萬億]?[元人户戶亩畝吨噸])))")


# An approximate number with 几 in Arabic digits (10几万人, 20几万): such numbers are written in
# Chinese numerals (十几万人, 二十几万), GB/T 15835's rule for 几.
_TENS_IN_WORDS = dict(zip("123456789", ("十", "二十", "三十", "四十", "五十", "六十", "七十", "八十", "九十")))


def _tens_with_ji(text: str) -> list[tuple[int, int, str]]:
    found = []
    at = text.find("几")
    while at >= 0:
        if at >= 2 and text[at - 1] == "0" and text[at - 2] in _TENS_IN_WORDS and not (at > 2 and text[at - 3] in _DIGITS_OR_POINT) \
                and not text.startswith(("几乎", "几何"), at):  # (10几乎: 几 of another word)
            found.append((at - 2, at + 1, "few"))
        at = text.find("几", at + 1)
    return found


_FIGURE_LIST = re.compile(r"\d(?:[%‰％]?、|[%‰％]\n?)\d")  # figures listed (54%、47%; 54%47%, its 、 lost)


def _malformed_numbers(text: str, wrapped: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each number with a lost or mistyped decimal point, or (in
    text that is not hard-wrapped, where a line break is a paragraph break) cut by a break."""
    found = []
    if "\n" in text and not wrapped:
        for m in _BROKEN.finditer(text):
            if m.lastgroup == "split":  # one to four digits after a Chinese character before the break
                start = m.start() - 1
                while start > max(0, m.start() - 4) and text[start - 1].isdecimal():
                    start -= 1
                if not (start and "\u4e00" <= text[start - 1] <= "\u9fff"):
                    continue
                joined = text[start:m.end()].replace("\n", "")
                if not joined.endswith(".") and (text[m.end()] != "年" or re.fullmatch(r"(?:19|20)\d\d", joined)):
                    found.append((start, m.end(), "split"))
            else:
                _add_with_digits_before(found, text, m.start() - 1, m.end(), "break")
    pointed_in_text = None
    for m in _LEADING_ZERO.finditer(text):
        start = m.start()
        before = text[start - 1] if start else ""
        if m.group("zero") is not None and not (before and (before.isdigit() or before in ".,:：-/# 、"
                                                            or before.isascii() and before.isalpha())):
            found.append((start, m.end("zero"), "zero"))
        if m.group("lost") is None or before and (before.isascii() and before.isalnum() or before in ",:：-/#、"):
            continue
        if pointed_in_text is None:
            pointed_in_text = "0." in text
        pointed = "0." + m.group("lost")  # a lost point is told by the pointed number written nearby
        if pointed_in_text and re.search(rf"(?<![\d.]){re.escape(pointed)}(?!\d)", text[max(0, start - 300):m.end() + 300]) \
                or _RATE_LEVEL_BEFORE.search(text, max(0, start - 8), start):
            found.append((start, m.end(), "lost"))
    if "万" in text:
        for m in _MAGNITUDE_ORDER.finditer(text):
            start = _number_start(text, m.start())
            if start < m.start() and text[start].isdigit():
                found.append((start, m.end(), "order"))
    for kind, pattern in _MALFORMED.items():
        if kind != "dot" or "·" in text or "•" in text:  # (the others' marks are in most texts)
            for m in pattern.finditer(text):
                _add_with_digits_before(found, text, m.start(), m.end(), kind)
    for m in _EXTRA_POINT.finditer(text):
        _add_with_digits_before(found, text, m.start(), m.end(), "points")
    # what was found before the ratios, by start, and the furthest any of them reaches
    earlier = sorted((a, b) for a, b, _kind in found)
    earlier_starts, reach = [a for a, _b in earlier], list(accumulate((b for _a, b in earlier), max))
    done = 0
    for point in _SECOND_POINT.finditer(text):
        start = point.start()
        if start < done:
            continue
        while start > point.start() - 30 and start and text[start - 1] in _DIGITS_OR_POINT:
            start -= 1  # (to the number's start: no ratio's terms run to thirty characters)
        m = _MULTI_POINT.match(text, start)
        if m is None or text[m.end():m.end() + 1] in _DIGITS_OR_POINT or start and text[start - 1] in _DIGITS_OR_POINT:
            continue
        start, end = m.span()
        done = end
        # (beside a colon only when a number stands on its other side: not 发布时间：2020.3.25)
        ratio = text.endswith(_RATIO_BEFORE, 0, start) \
            or start > 1 and text[start - 1] in _RATIO_MARKS and text[start - 2].isdigit() \
            or text[end:end + 1] in _RATIO_MARKS and text[end + 1:end + 2].isdigit()
        k = bisect.bisect_right(earlier_starts, start)
        if ratio and not (k and reach[k - 1] > start):  # (3.5.6亿元: a point too many)
            found.append((start, end, "ratio"))
    if "%%" in text or "‰‰" in text or "百分之" in text:
        for m in _PERCENT_TWICE.finditer(text):
            start = m.start()
            if text[start] != "百":
                start = _number_start(text, start)
                if start == m.start() or not text[start].isdigit():
                    continue  # 增长%%: the number is missing, missing-figure's case
            found.append((start, m.end(), "percent"))
    if "," in text:
        for m in _GROUPED_IN_FOURS.finditer(text):
            start = _number_start(text, m.start(), ",")
            if start < m.start() and text[start].isdigit() and not (start and text[start - 1] == "."):
                found.append((start, m.end(), "grouping"))
        for m in _SHORT_LAST_GROUP.finditer(text):
            start = _number_start(text, m.start(), ",")
            if not (start and text[start - 1] in "."):
                found.append((start, m.end(), "short-group"))
    if "几" in text:
        found += _tens_with_ji(text)
    if "亿" in text or "億" in text:
        for m in _YI_WITHOUT_WAN.finditer(text):
            start = _number_start(text, m.start(), _CN_NUMERAL)
            if start < m.start():
                found.append((start, m.end(), "no-wan"))
    return found


def _number_start(text: str, end: int, marks: str = ".") -> int:
    """Where the number that ends at ``end`` starts: back over its digits and the marks it holds."""
    start = end
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] in marks):
        start -= 1
    return start


def _add_with_digits_before(found: list, text: str, mark: int, end: int, kind: str) -> None:
    """The number whose point is mistyped at ``mark``, with the digits before it (none: no number)."""
    start = mark
    while start > mark - _DIGITS_BEFORE[kind] and start > 0 and text[start - 1].isdigit():
        start -= 1
    if not (start == mark or start > 0 and text[start - 1] in "0123456789.、"):
        found.append((start, end, kind))


class MalformedNumber(Rule):
    code = "G106"
    name = "malformed-number"
    severity = Severity.WARNING
    summary = "数字的小数点丢失、打错或多打（0103%、1·8%、48、5%、12。35%、12..5%），百分号重复（12.3%%），数字被换行拆开（18.⏎6%），或“几”前用了阿拉伯数字（10几万）"
    explanation = """\
作用：找出小数点丢失或被打成别的符号的数字：以0开头的整数后跟百分号或单位（“0103%”应为“0.103%”），
数字之间的间隔号（“1·8%”应为“1.8%”），以及顿号隔开、后跟百分号的两段数字（“48、5%”应为“48.5%”）。
为何重要：小数点一错，数值就差了十倍、百倍；这种错误多出自转换或录入，读者难以自行纠正。
如何判断：编号、电话、日期等以0开头的代码不报（前面有字母、数字或连字符）；顿号的情形只在后一段数字
紧跟百分号或“万元”“万人”等、且句中没有“分别”时报告，因为“分别增长3、5%”是列举；句中前面已有以顿号列举的数（“增速为54%、47%（同比高54、42个百分点）”；顿号丢了的“54%47%”也算）时也不报。小数点打成句号（“12。35%”）
同样只在后一段数字紧跟百分号或单位时报。以0开头、没有单位的数（“降至038”），只在前后300字内写有同一个
带小数点的数（“0.38%”），或紧跟在一个率的“下降至”“为”“达”之后（“贫困发生率下降至046”）时报。一个数被换行或分段拆成两截（“18.⏎6%”“202⏎⏎1年”），只在全文不是按固定行宽
折行排版时报（按各行长短判断：PDF那样每行一样长、多在句中断开的文本，换行是排版，不是错误）；后一截须紧跟
百分号、“年”或单位，“年”前合起来须是一个年份。一个数里“万”之后的数又带“万”或“亿”（“1万1千万”，应为“1亿1千万”；“5千3百万”“2万亿”是对的）也报；“亿”之后是几位、却既没有“万”也没有“零”的（“夏粮产量一亿一千五百三十四吨”，应为“一亿一千五百三十四万吨”；“三亿五千人次”是3.5亿的说法，不报），疑丢了“万”，也报。
多打的也报：一个数有两个小数点（“12..5万人次”“3.5.6亿元”）、百分号写了两遍（“12.3%%”“百分之7.5%”）、逗号不是三位一组（“3,4567万元”；三位一组之后最后一组只有一两位的，“亏损2,526,53万元”，疑是小数点打成了逗号）；
两个小数点和逗号分组的情形只在数后紧跟百分号或单位时报，所以日期、条款编号、版本号（“2024.12.5”“第3.2.1条”“5.1.2版”）不报；例外是比例：“比为”“结构为”“比例为”“调整为”之后，或一边是冒号、冒号另一边是数字的多小数点数（“三次产业比为4.874.221”“14.33:46.3439.33”），是比例的几项连在了一起，也报。带“几”的约数写成阿拉伯数字的（“感染人数大约有10几万人”），按出版物数字用法应全用汉字（“十几万人”），也报。
示例：森林覆盖率达48、5%。
应改为：森林覆盖率达48.5%。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        found = _malformed_numbers(text, doc.wrapped)
        if not found:
            return
        for start, end, kind in sorted(found):
            written = text[start:end]
            if kind in ("split", "break"):
                fixed = written.replace("\n", "")
                yield self.diagnostic(
                    doc, start, end,
                    _("“{written}”被换行（分段）拆成了两段，应为“{fixed}”").format(written=written.replace("\n", "⏎"), fixed=fixed),
                    suggestion=fixed)
                continue
            if kind == "order":
                fixed = written.replace("万", "亿", 1) if written.endswith("万") else None
                yield self.diagnostic(
                    doc, start, end,
                    _("“{written}”不是一个数：“万”之后的数不会再带“万”“亿”，疑单位有误").format(written=written),
                    suggestion=fixed)
                continue
            if kind == "ratio":
                yield self.diagnostic(doc, start, end, _("“{written}”有多个小数点，疑为比例的几项连在了一起，丢了“:”").format(
                    written=written))
                continue
            if kind == "points":
                fixed = written.replace("..", ".") if ".." in written else None
                message = (_("“{written}”多打了一个小数点，应为“{fixed}”") if fixed else
                           _("“{written}”有两个小数点，其中一个是多打或打错的"))
                yield self.diagnostic(doc, start, end, message.format(written=written, fixed=fixed), suggestion=fixed)
                continue
            if kind == "percent":
                if written.startswith("百分之"):
                    fixed = written[3:]
                    message = _("“{written}”既写了“百分之”又写了“{sign}”，应为“{fixed}”")
                else:
                    fixed = written[:-1]
                    message = _("“{written}”重复了“{sign}”，应为“{fixed}”")
                yield self.diagnostic(doc, start, end, message.format(written=written, sign=written[-1], fixed=fixed),
                                      suggestion=fixed)
                continue
            if kind == "grouping":
                yield self.diagnostic(
                    doc, start, end,
                    _("“{written}”的逗号没有按三位一组分隔，疑数字多打、漏打或逗号错位").format(written=written))
                continue
            if kind == "short-group":
                fixed = written[:written.rfind(",")] + "." + written[written.rfind(",") + 1:]
                yield self.diagnostic(
                    doc, start, end,
                    _("“{written}”最后一组只有{n}位，疑小数点打成了逗号，应为“{fixed}”").format(
                        written=written, n=len(written) - written.rfind(",") - 1, fixed=fixed),
                    suggestion=fixed)
                continue
            if kind == "no-wan":
                yi = max(written.rfind("亿"), written.rfind("億"))
                wan = "萬" if written[yi] == "億" else "万"
                yield self.diagnostic(
                    doc, start, end,
                    _("“{written}”中“{yi}”之后的“{rest}”既没有“{wan}”也没有“零”，疑丢了“{wan}”，应为“{fixed}”").format(
                        written=written, yi=written[yi], rest=written[yi + 1:], wan=wan, fixed=written + wan),
                    suggestion=written + wan)
                continue
            if kind == "few":
                fixed = _TENS_IN_WORDS[written[0]] + "几"
                yield self.diagnostic(
                    doc, start, end, _("“{written}”：带“几”的约数应全用汉字数字，应为“{fixed}”").format(
                        written=written, fixed=fixed), suggestion=fixed)
                continue
            if kind in ("zero", "lost"):
                fixed = "0." + written[1:]
            elif kind == "stop":
                fixed = written.replace("。", ".")
            elif kind == "dot":
                fixed = re.sub(r"[·•]", ".", written)
            else:
                before = text[clause_start(text, start, "sentence"):start]
                if "分别" in before or _FIGURE_LIST.search(before):
                    continue  # 分别增长3、5%: a list sharing its unit; 增速为54%、47%(同比高54、42个百分点): one paired with a list
                fixed = written.replace("、", ".")
            yield self.diagnostic(
                doc, start, end,
                _("“{written}”疑为小数点丢失或打错，应为“{fixed}”").format(written=written, fixed=fixed),
                suggestion=fixed)


RULES += [MalformedNumber]


# --- G107 doubled-punctuation ---------------------------------------------------------------------

# Two marks of a clause or sentence end side by side (，， 、、 ，。): one was typed twice or left
# behind by an edit. Three or more of one mark in a row (。。。) is an informal ellipsis, not this.
# (The look-behind follows the first mark: a pattern that opens with one is tried at every
# position of the text, three times slower.)
_DOUBLED_PUNCTUATION = re.compile(r"[，、；：。](?<![，、；：。].)[，、；：。](?![，、；：。])")
_STRONGER_MARK = "、，：；。"  # the pair keeps the stronger of its two marks: ，。 -> 。
_HAN = re.compile(r"[\u3400-\u9fff]")
MAX_DOUBLED_MARKS = 10  # more in one text: a conversion doubled them throughout, which one finding tells


class DoubledPunctuation(Rule):
    code = "G107"
    name = "doubled-punctuation"
    severity = Severity.INFO  # a typing slip that changes no figure: a warning only where a whole text has it
    summary = "两个标点连在一起（“，，”“、、”“，。”），多打了一个"
    explanation = """\
作用：找出两个句中或句末标点紧挨在一起的地方（“减贫8239万人，，年均减贫……”“2、、企业增税”“下降到1.7%，。”），建议只留一个。
为何重要：多出的标点是录入或改稿留下的痕迹，见报即是差错；整篇的逗号都成了双的，多半是转换出错，别处也可能走了样。
如何判断：逗号、顿号、分号、冒号、句号中的两个紧挨着，且在中文里（前十二个字或后一个字中有汉字）；建议留下较重的一个（“，。”留“。”）。同一个标点连写三个以上（“。。。”）是随手打的省略号，不报；省略号“……”、破折号“——”和问号叹号连用（“？！”）不在此列。多打的标点不改变任何数字，报“提示”；一篇稿件中超过10处时，多半是整篇转换出错，只报一条“警告”，说明处数和第一处。
示例：六年来，，农村已累计减贫8239万人。
应改为：六年来，农村已累计减贫8239万人。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        found = [m.start() for m in _DOUBLED_PUNCTUATION.finditer(text)  # in Chinese text (1.7%，。 too)
                 if _HAN.search(text, max(0, m.start() - 12), m.start()) or _HAN.match(text, m.end())]
        if len(found) > MAX_DOUBLED_MARKS:
            start = found[0]
            yield self.diagnostic(
                doc, start, start + 2,
                _("全文有{n}处两个标点连在一起（首处“{context}”），疑为整篇转换出错，请删去多余的标点").format(
                    n=len(found), context=text[max(0, start - 6):start + 8].strip().replace("\n", "⏎")),
                severity=Severity.WARNING)
            return
        for start in found:
            pair = text[start:start + 2]
            keep = max(pair, key=_STRONGER_MARK.index)
            yield self.diagnostic(
                doc, start, start + 2,
                _("“{pair}”两个标点连在一起，多打了一个，应只留“{keep}”").format(pair=pair, keep=keep),
                suggestion=keep)


RULES += [DoubledPunctuation]


# --- G108 missing-unit -------------------------------------------------------------------------

# A bare number right before what it counts, where Chinese always puts a classifier between
# (共296游客 for 296名游客), or a year without its 年 before a verb (于2007回北京).
_COUNTED_NOUNS = lexicon.table("nouns", "counted_with_classifier", "classifier")
_NOT_A_COUNT_BEFORE = re.compile(r"[\dA-Za-z.．,、第#＃/_\-－]$")  # a code, a list's number, 第3, a decimal
_YEAR_AFTER = re.compile(r"[于在从自到至]$")
NUMBER_NAMES = frozenset(lexicon.words("nouns", "number_names"))
# what can follow a bare number here but after 于 and the like (a year): a counted noun's first character
_MAY_FOLLOW = frozenset(noun[0] for noun in _COUNTED_NOUNS)
# the noun a bare number follows, the number ending its clause (密切接触者108，正在接受医学观察);
# not a case's number (病例12，男，45岁)
_COUNTED_NOUN_BEFORE = re.compile(f"(?:{lexicon.alternation('nouns', 'counted_with_classifier')})$")
_CLAUSE_END_AFTER = re.compile(r"[，,。；;](?![男女])")


class MissingUnit(Rule):
    code = "G108"
    name = "missing-unit"
    severity = Severity.WARNING
    summary = "数字后缺少量词或单位：数字直接连着它所数的名词（共296游客），或年份后缺“年”（于2007回北京）"
    explanation = """\
作用：找出数字后面丢了量词或“年”的地方：“共296游客”应为“共296名游客”，“于2007回北京”应为“于2007年回北京”。
为何重要：这是见报差错评析中常见的一类（量词、单位漏排），读者虽能猜出意思，却是明显的编校差错；丢了单位的数也可能被读成别的数。
如何判断：一个阿拉伯数字（不以0开头，前面不是字母、数字、小数点、顿号、“第”或编号符号，也不是211、120、12345这类作名称的数）后面直接是必须带量词才能计数的名词（游客、学生、村民、患者、员工、企业、车辆等，词表在 nouns.toml 的 counted_with_classifier，按分词的整词判断：“企业家”不算），报告并建议该名词惯用的量词；“于、在、从、自、到、至”之后的四位年份（1900～2099）后面直接是动词的（“于2007回北京”），建议补“年”；年份后是名词的（“在2024云栖大会上”“2026世界人工智能大会”这类活动名称）不报。这类名词之后直接是两位以上的阿拉伯数字、数字后紧接逗号、分号或句号的（“目前追踪到密切接触者108,正在接受医学观察”），也是丢了量词，建议补上（“108人”）；逗号后是“男”“女”的（“病例12，男，45岁”，病例的编号）不报。没有句末标点的短行（标题）不报。
示例：共296游客却没有出现一起不文明行为。
应改为：共296名游客却没有出现一起不文明行为。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        for f in figures:
            if f.unit is not None or f.kind != Kind.OTHER or not f.text.isascii() or not f.text.isdigit() \
                    or f.text[0] == "0":
                continue
            if len(f.text) >= 2 and _CLAUSE_END_AFTER.match(text, f.end) \
                    and (noun := _COUNTED_NOUN_BEFORE.search(text, max(0, f.start - 5), f.start)) \
                    and f.text not in NUMBER_NAMES and not _in_a_title(text, f.start):
                fixed = f.text + _COUNTED_NOUNS[noun.group()]
                yield self.diagnostic(
                    doc, noun.start(), f.end,
                    _("“{noun}”之后的“{number}”缺少量词，疑漏排，应为“{fixed}”").format(
                        noun=noun.group(), number=f.text, fixed=fixed),
                    suggestion=noun.group() + fixed)
                continue
            year_slot = _YEAR_AFTER.match(text, max(0, f.start - 1), f.start)  # (于|2007回北京)
            if text[f.end:f.end + 1] not in _MAY_FOLLOW and not year_slot \
                    or _NOT_A_COUNT_BEFORE.search(text, max(0, f.start - 1), f.start):
                continue
            after = first_word(text[f.end:f.end + 8])
            if after in _COUNTED_NOUNS and f.text not in NUMBER_NAMES and not _in_a_title(text, f.start):
                classifier = _COUNTED_NOUNS[after]
                yield self.diagnostic(
                    doc, f.start, f.end + len(after),
                    _("“{number}”与它所数的“{noun}”之间缺少量词，疑漏排，应为“{fixed}”").format(
                        number=f.text, noun=after, fixed=f.text + classifier + after),
                    suggestion=f.text + classifier + after)
            elif year_slot and len(f.text) == 4 and f.text[:2] in ("19", "20") \
                    and (word_tags().get(after) or "").startswith("v") and not _in_a_title(text, f.start):
                yield self.diagnostic(
                    doc, f.start, f.end + len(after),
                    _("年份“{year}”后缺少“年”，疑漏排，应为“{year}年{verb}”").format(year=f.text, verb=after),
                    suggestion=f"{f.text}年{after}")


def _in_a_title(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a heading's line (document.HEADING_LINE: short, no clause mark)."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return HEADING_LINE.fullmatch(text, start, end if end >= 0 else len(text)) is not None


RULES += [MissingUnit]
