"""C: arithmetic inside one report: parts larger than their whole (C101), parts
that do not add up to the total they are given with (C102), and averages that do
not follow from the total and the count stated beside them (C106).

Every rule fires only where the text itself states the relationship (其中, 共,
平均每…), and compares a figure only with figures that count the same thing:
the same unit family (人 and 名 are both persons; money in base units) and, for
the classifier 个, the same head noun (12个乡镇 is not a whole of 82个村).
"""
from __future__ import annotations

import bisect
import math
import re
from itertools import islice
from operator import attrgetter

from factcheck import lexicon
from factcheck.document import Document
from factcheck.document import clause_end, clause_start, paragraph_start
from factcheck.figures import PER_WORDS, TIME_FAMILIES, Kind, UNITS, Figure, head_noun, noun_after, noun_before, places
from factcheck.i18n import _
from factcheck.rules import Context, Related, Rule, Severity
from factcheck.segment import tags as word_tags
from factcheck.segment import words

PART_MARKER = re.compile(r"(?=[其包内含中])(?:其中|包括|包含|内含|(?<=[（，])含(?![金量有])|中有)")
TOTAL_MARKER = re.compile(r"(?:共计|合计|总计|一共|总共|共有|共)(?:有|计|达到|达|为|是)?")
RUN_STOP = re.compile(r"[。！？；（）]|其中|包括|包含|共|合计|总计|累计|另有|此外|另外")
REMAINDER = re.compile(r"其余|其他|剩余(?!劳动)|余下")  # (剩余劳动力: surplus labour, no remainder)
NOT_A_SHARE = re.compile(r"计划|任务|目标|预算|GDP|生产总值|增长|增加|提高|上升|下降|减少|降低|提升|上年|同比|环比|倍")
LEVELS = ("自治区级", "国家级", "国家", "省级", "市级", "州级", "县级", "区级", "乡级")
WHOLE_CUE = re.compile(r"(?:全[县市区省旗乡镇州国盟]|所有|共有|总共|合计|下辖|辖)$")
_FROM_WORD = re.compile(r"由|从")
# in brackets before a part: no part (此前为, 前值: the figure before a revision or a release)
_NOT_IN_PART = re.compile(r"比|增|减|较|约|合|折|占|局部|最高|最多|峰值|\d|" + lexicon.alternation("cues", "prior_value_words"))
_OCCUPY = re.compile(r"占(?:用|地|领|据)")
_DIGIT = re.compile(r"\d")
_AVERAGE_WORD = re.compile("|".join(PER_WORDS))  # 人均, 户均, 平均, 每 …


# --- which figures can be parts and wholes -----------------------------------------------

_ADDABLE_KINDS = (Kind.COUNT, Kind.AMOUNT, Kind.OTHER)


def addable(f: Figure, rate: bool = False) -> bool:
    """A count, an amount or a measure that can be a part or a whole of others of its
    measure: not a range, a size word (千人大会), a date or a duration (乾隆八年)."""
    if f.family is None or f.family in TIME_FAMILIES or f.size_word or f.quantity.is_range:
        return False
    if f.fractional_count:
        return False
    return f.kind in _ADDABLE_KINDS or rate and f.kind == Kind.RATE


def compatible(a: Figure, b: Figure, rate: bool = False) -> bool:
    return addable(a, rate) and addable(b, rate) and a.same_measure(b)


def _clause_start(text: str, pos: int, floor: int = 0) -> int:
    return clause_start(text, pos, floor=floor)


def span_sum(parts: list[Figure]) -> tuple[float, float]:
    b = [p.base_bounds for p in parts]
    return sum(lo for lo, hi in b), sum(hi for lo, hi in b)


def number(value: float, unit: str = "") -> str:
    """A computed value for a message: 1.997, 2041, 3.33万."""
    for scale, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(value) >= scale and unit in ("元", "美元", "户", "人", "名", "亩", "人次", "吨", "辆", "千瓦时"):
            return f"{value / scale:.6g}{word}{unit}"
    return f"{value:.0f}{unit}" if float(value).is_integer() else f"{value:.4g}{unit}"


_LAST_FIGURE = re.compile(rf"\d(?:{'|'.join(map(re.escape, UNITS))})?(?!.*\d)")


def phrase(text: str, f: Figure, start: int | None = None) -> str:
    """The figure with the words that say what it counts, for messages: 改造危房9291户,
    全县141个行政村. ``start`` keeps the words from there on (其中建档立卡贫困户9291户)."""
    noun = noun_after(text, f.end, False) if f.family == "items" else ""
    floor = f.clause[0]
    if start is not None and start >= floor:
        return text[start:f.end] + noun
    before = re.split(r"[、（）]", text[floor:f.start])[-1]
    last = _LAST_FIGURE.search(before)
    before = before[last.end():] if last else before
    before = re.sub(r"^(?:中有|其中|包括|包含|含)", "", before)
    kept = ""
    for word in reversed(words(before) if before else []):
        if len(kept) + len(word) > 8 or not "\u4e00" <= word[0] <= "\u9fff":
            break
        kept = word + kept
    return kept + f.text + noun


def classification_levels(text: str, parts: list[Figure]) -> bool:
    """Whether the figures count the levels of one classification, 大X and 小X (22个大项、564个
    小项; 11个大类、18个小项): the 小 lie within the 大, and their sum counts nothing."""
    after = {text[p.end:p.end + 2] for p in parts}
    return {"大", "小"} <= {w[0] for w in after if len(w) == 2 and "\u4e00" <= w[1] <= "\u9fff"}


def _related(doc: Document, figs: list[Figure], message: str) -> list[Related]:
    return [Related(doc.span(f.start, f.end), message) for f in figs]


_SENTENCE_OF = attrgetter("sentence")
_START = attrgetter("start")


class Sentences:
    """The figures of each sentence, found by position in O(log n): figures come in order
    of position, and so their sentences do, and a sentence's figures are a slice."""

    def __init__(self, figures: list[Figure]):
        self.figures = figures

    def at(self, pos: int) -> list[Figure]:
        figures = self.figures
        # the last figure whose sentence starts at or before pos: (start, end) <= (pos, inf)
        i = bisect.bisect_right(figures, (pos, math.inf), key=_SENTENCE_OF) - 1
        if i < 0 or pos >= figures[i].sentence[1]:
            return []
        return figures[bisect.bisect_left(figures, figures[i].sentence[:1], 0, i, key=_SENTENCE_OF):i + 1]


# --- 其中 / 包括 / 含 / 中有: a whole and its parts -----------------------------

_VERB_OK = {"有", "为", "是", "达", "占", "共"}


def _verbs(text: str) -> set[str]:
    tags = word_tags()
    return {w for w in (words(text) if text else []) if tags.get(w) == "v"} - _VERB_OK


def part_run(text: str, after: list[Figure], start: int) -> list[Figure]:
    """The counted figures that follow a 其中 and list its parts: they sit close
    together, and a later part repeats the wording of the first (其中公司投入395万元，
    财政补助投入200万元), so that 其中已脱贫3000户，今年计划帮扶8000户 stops at 3000户."""
    run: list[Figure] = []
    pos, first_words = start, None
    for f in after:
        gap = text[pos:f.start]
        if RUN_STOP.search(gap) or len(gap) > (24 if not run else 14):
            break
        pos = f.end
        if not addable(f):
            continue
        if run:  # (the first part's verbs are segmented only if a later part's gap has any)
            # (not a character of the part's own name that segmentation left alone: 非/税收/入)
            verbs = {v for v in _verbs(gap) if len(v) > 1 or v not in (f.subject or "")}
            if verbs:
                if first_words is None:
                    first_words = _verbs(text[start:run[0].start])
                if not verbs <= first_words:
                    break
        run.append(f)
    return run


CHANGE_BEFORE = re.compile(r"增加|减少|增长|下降|新增|净增|比上年|同比|较上年|比去年|增减|调增|调减|追加|压减|调整为|增产|减产|增收|减收")


CHANGE_CLAUSE = re.compile(r"(?:同比|比上年|较上年|比去年|较去年|比年初|较年初)?(?:增长|下降|增加|减少|提高|降低|上升)")


# Where a PART_MARKER can start: at 其中, 包括 or 中有, or at or just before a 含 (包含, 内含, ，含)
_MARKER_AT = re.compile(r"其中|包括|中有|含")


def _part_markers(text: str):
    """PART_MARKER.finditer(text), tried only where _MARKER_AT finds a start: searching with
    PART_MARKER itself tries its lookahead at every character (0.015 s on the bench corpus
    against 0.006 s)."""
    end = 0
    cue = _MARKER_AT.search(text)
    while cue:
        i = cue.start()
        for at in (i - 1, i) if cue.group() == "含" else (i,):
            m = PART_MARKER.match(text, at) if at >= end else None
            if m:
                end = m.end()
                yield m
        cue = _MARKER_AT.search(text, i + 1)


def part_groups(doc: Document, figures: list[Figure], ctx: Context) -> list[tuple[re.Match, Figure, list[Figure]]]:
    """(marker, whole, parts of the whole's kind) for each 其中/包括/含/中有; three rules
    read them (implausible-magnitude too), so they are kept with the check's context."""
    kept = ctx.__dict__.setdefault("_part_groups", {})
    groups = kept.get(doc.path)
    if groups is None:
        groups = kept[doc.path] = list(_part_groups(doc, figures))
    return groups


def _part_groups(doc: Document, figures: list[Figure]):
    text = doc.norm
    sentences = Sentences(figures)
    for m in _part_markers(text):
        sentence = sentences.at(m.start())
        if not sentence:
            continue
        end = m.start()
        floor = sentence[0].sentence[0]
        while end > floor and text[end - 1] in "，（：":
            end -= 1
        candidates = sentence
        if end == floor and floor > 0:  # 。其中，…: the whole ends the sentence before
            candidates = sentences.at(floor - 1)
            end = floor - 1
            floor = candidates[0].sentence[0] if candidates else floor
        start = _clause_start(text, end, floor)
        while start > floor and CHANGE_CLAUSE.match(text, start):
            start = _clause_start(text, start - 1, floor)  # X亿元，增长5.3%，其中…: past the change
        if m.group() == "中有":
            start = max(start, end - 12)
        before = [f for f in candidates if start <= f.start and f.end <= end and addable(f)
                  and not _picks_what_is_counted(text, f, candidates)]
        run = [f for f in part_run(text, [f for f in sentence if f.start >= m.end()], m.end())
               if not _picks_what_is_counted(text, f, sentence)]
        kinds: dict[tuple, list[Figure]] = {}
        for p in run:       # parts of one kind: same unit family and the same head noun, if any
            kinds.setdefault((p.family, p.classifier, p.head), []).append(p)
        for parts in kinds.values():
            if len(parts) == 1:
                parts = parts + _complement_after(text, sentences, parts[0])
            if _FROM_WORD.search(text, parts[0].clause[0], parts[0].start):
                continue  # 其中…收入由年初预算的65000万元调整为35000万元: an old value, not a part
            # 各项贷款余额127086万元，比年初增加7535万元，增长6.3%。其中…: the parts are of the stock, not
            # the change; but 新增企业106.3万户，其中，1月新增企业38.2万户…: parts of the change, named as one
            of_change = all(CHANGE_BEFORE.search(text[p.clause[0]:p.start]) for p in parts)
            whole = _named_whole(candidates, parts, end) \
                or next((w for w in reversed(before) if compatible(w, parts[0])
                         and (of_change or not CHANGE_BEFORE.search(text[w.clause[0]:w.start]))), None)
            if whole is None or not of_change and CHANGE_BEFORE.search(text[whole.clause[0]:whole.start]):
                continue
            whole = _outturn(text, candidates, whole, end)
            if len(parts) == 1:
                parts = parts + _complement_after(text, sentences, parts[0], whole)
            if not _may_be_named(text, parts[0], whole):
                continue  # 牛奶产量4500吨。其中猪肉产量5000吨，占肉类总产量的76.9%: the part names another whole
            yield m, whole, _up_to_the_whole(parts, whole)


def _outturn(text: str, candidates: list[Figure], whole: Figure, end: int) -> Figure:
    """A budget's outturn for its budget: 一般公共收入预算1667272万元，调整预算数为1665323万元，实际完成
    1713919万元…。其中：税收收入…；非税收入… (the parts are of what came in)."""
    said = text[whole.clause[0]:whole.start]
    if "预算" not in said or _OUTTURN.search(said):
        return whole  # (一般公共预算收入累计完成24627万元: an outturn already)
    for w in candidates:
        if whole.end <= w.start and w.end <= end and compatible(w, whole):
            done = _OUTTURN.search(text, w.clause[0], w.start)
            if done and "预算" not in text[done.end():w.start]:  # (not 完成年初预算数60999万元的40.4%)
                return w
    return whole


def _may_be_named(text: str, part: Figure, whole: Figure) -> bool:
    """Whether the whole a part's sentence names (…，占肉类总产量的76.9%) may be ``whole``: its name
    is the whole's, with no more than a scope before it (全区肉类总产量, not 太阳能发电装机容量 for
    发电装机容量（不含储能）)."""
    named = _SHARE_OF.search(text, part.end, part.sentence[1])
    if named is None or named["whole"].startswith("全"):
        return True  # (占全省贫困村的四分之一: a share of a larger place's, not of the parts' whole)
    core = re.sub(r"（[^）]*）", "", named["whole"])
    name = _written_name(text, whole)
    return name.endswith(core) and bool(_SCOPE_ONLY.fullmatch(name[:len(name) - len(core)]))


# What may stand before a measure's name and leave it the same measure: a place's whole, a time
_SCOPE_WORDS = lexicon.alternation("places", "whole_prefixes") + r"|年末|年底|全年|本年|今年|\d{4}年|我[县市区省]"
_OUTTURN = re.compile(r"实际完成|完成")
_SHARE_OF = re.compile(r"占(?P<whole>[\u4e00-\u9fff（）]{2,24}?)的")
_SCOPE_ONLY = re.compile(f"(?:{_SCOPE_WORDS})*")


_CHANGE_WORD = re.compile(lexicon.alternation("cues", "change_words"))
_CHANGE_DIRECTION = lexicon.table("cues", "change_words", "direction")


def _direction(text: str, f: Figure) -> str | None:
    """Whether the words before a figure in its clause make it a fall, a rise or neither (a line
    break between them or not: 省本级减少⏎0.4亿元)."""
    said = re.split(r"[，；。]", text[max(f.sentence[0], f.start - 12):f.start])[-1]
    found = _CHANGE_WORD.search(said)
    return _CHANGE_DIRECTION[found.group()] if found else None


def _up_to_the_whole(parts: list[Figure], whole: Figure) -> list[Figure]:
    """The parts up to the first ones that make the whole: 文艺演出71场，其中公益性12场，经营性59场，
    有放影队放影2022场次 (what follows is another matter, or another breakdown)."""
    low, high = whole.base_bounds
    total_low = total_high = 0.0
    for k, p in enumerate(parts[:-1]):
        total_low, total_high = total_low + p.base_bounds[0], total_high + p.base_bounds[1]
        if k and total_low <= high and low <= total_high:
            return parts[:k + 1]
    return parts


_BOUND_THEN_NOUN = re.compile(r"(?:及?以上|以下)?的[^，。；\d]{1,10}$")


def _picks_what_is_counted(text: str, f: Figure, sentence: list[Figure]) -> bool:
    """年销售收入过500万元的工业企业22家: an amount that says which things a count counts, no total
    of its own (nor a part: 其中过2000万元的规模企业4家)."""
    if not text.startswith(("的", "以上的", "以下的", "及以上的"), f.end):
        return False
    k = bisect.bisect_right(sentence, f.start, key=_START)  # (index() would rescan a long list for every figure)
    if k == len(sentence):
        return False
    after = sentence[k]
    return after.clause == f.clause and after.family != f.family and bool(_BOUND_THEN_NOUN.match(text[f.end:after.start]))


def _named_whole(candidates: list[Figure], parts: list[Figure], end: int) -> Figure | None:
    """The figure before the parts that names what they have in common, when they name it
    (一般公共预算收入累计完成24627万元，…，比上年减收1070万元。其中：税收收入…；非税收入…: the
    revenue, not the nearest amount), or None."""
    names = [p.subject for p in parts]
    if len(parts) < 2 or not all(names):
        return None
    k = 0
    while k < min(map(len, names)) and len({n[-1 - k] for n in names}) == 1:
        k += 1
    suffix = names[0][len(names[0]) - k:]
    if k < 2 or suffix in names:
        return None
    return next((w for w in reversed(candidates) if w.end <= end and (w.subject or "").endswith(suffix)
                 and w.subject not in names and compatible(w, parts[0])), None)


def _complement_after(text: str, sentences: Sentences, part: Figure, whole: Figure | None = None) -> list[Figure]:
    """其中，出口24.46万亿元，增长6.2%；进口16.75万亿元: the other half of a complementary pair,
    first figure of its kind in the ；-clause after the part's; or, the whole known, a sibling of
    the part (其中，短期贷款余额88379万元…；中长期贷款余额38388亿元)."""
    end = part.sentence[1]
    if text[end - 1:end] != "；":
        return []
    f = next((f for f in sentences.at(end) if compatible(f, part)), None)
    if f is None:
        return []
    if whole is None:
        return [f] if _complement(part.subject or "", f.subject or "") else []
    return [f] if _sibling(text, part, f, whole) else []


_A_WHOLE = re.compile(r"各项|总|全[县市区省国部]|合计")


def _written_name(text: str, f: Figure) -> str:
    """What the words before a figure in its clause call it (其中，…为 left out): 短期贷款余额."""
    return VERB_TAIL.sub("", text[f.clause[0]:f.start]).lstrip("，：").removeprefix("其中").lstrip("，：")


def _common_suffix(x: str, y: str) -> int:
    k = 0
    while k < min(len(x), len(y)) and x[-1 - k] == y[-1 - k]:
        k += 1
    return k


def _sibling(text: str, a: Figure, b: Figure, whole: Figure) -> bool:
    """The words before each name two kinds of one thing, by the same last three characters or
    more: 短期贷款余额 and 中长期贷款余额, 猪肉产量 and 禽肉产量 (not 猪肉产量 and 禽蛋产量); and the
    second is no more like the whole than like the part (第二产业增加值76.85亿元，其中工业增加值…；
    第三产业增加值: a sibling of the whole) nor a whole of its own (年末各项贷款余额)."""
    x, y, w = _written_name(text, a), _written_name(text, b), _written_name(text, whole)
    k = _common_suffix(x, y)
    return k >= 3 and len(x) > k and len(y) > k and _common_suffix(w, y) < k and not _A_WHOLE.search(y)


def _parenthesised(doc: Document, figures: list[Figure]):
    """(whole, part) for 23万户（贫困户5.8万户）: a part of the same unit in brackets right after."""
    text = doc.norm
    opens = set()  # where a （ is: looked up rather than sliced out for every figure
    at = text.find("（")
    while at >= 0:
        opens.add(at)
        at = text.find("（", at + 1)
    if not opens:
        return
    for i in [i for i, w in enumerate(figures) if w.end in opens]:
        w = figures[i]
        if not addable(w) or PART_MARKER.match(text, w.end + 1):
            continue
        close = text.find("）", w.end, w.end + 24)
        p = figures[i + 1] if i + 1 < len(figures) else None  # the first figure inside, if any
        if close < 0 or p is None or p.end > close:
            continue
        before = text[w.end + 1:p.start]
        if len(before) <= 8 and not _NOT_IN_PART.search(before) and compatible(w, p) \
                and not (w.averaged_or_net or p.averaged_or_net):  # (每吨85美元（此前为每吨100美元）: prices)
            yield w, p


def _no_part_of(text: str, marker: re.Match, whole: Figure, part: Figure) -> bool:
    """Whether what the text says makes ``part`` no part of ``whole`` after all: either is an
    average or a net figure; 包括中国在内的14个: the figure after 在内 is a whole of its own;
    or 一项包含“近百项行动”的计划: one thing holding many."""
    return (whole.averaged_or_net or part.averaged_or_net or "在内" in text[marker.end():part.start]
            or whole.family == "items" and whole.value <= 1)


class PartExceedsWhole(Rule):
    code = "C101"
    name = "part-exceeds-whole"
    severity = Severity.ERROR
    summary = "“其中”等所列的部分大于它所属的总数，或占比超过100%"
    explanation = """\
作用：找出大于其总数的部分，如“改造危房3497户，其中建档立卡贫困户9291户”；括号里的部分大于括号前的总数，如“庭院经济发展到5.8万户（贫困户23万户）”；以及超过100%的占比，如“占全省贫困人口的128.7%”。
为何重要：部分不可能大于整体。这种错误多是两个数字对调、多打或少打一位，读者一眼就能看出，却最伤报道的可信度。
如何判断：只看文字明说的部分与整体关系：“其中”“包括”“含”“内含”“……中有”之后的数，与它前一分句中同一单位的数比较（户与户比，人与名都算人，金额换算成元；“个”还要求所数的名词相同，如村与村）；括号紧跟在数字之后、括号内是同一单位的数，也按部分比较（括号里“此前为”“前值”之后的是修订前的数，单价这类“每……”的数，都不是部分：“预测下调至每吨85美元（此前为每吨100美元）”）；“3家及以上”这样的门槛不是确数，不当总数比较。“其中”之后换了单位、或是“每……”“日均”“单产”这类平均数、“净流入”这类净额、指数点数，不比较；“另有”之后的数不算部分。说明所数事物的门槛（“年销售收入过500万元的工业企业22家，其中……过2000万元的规模企业4家”，数额后跟“的”和名词、再跟所数的个数）既不是总数也不是部分。前几项已恰好加成总数的，其后的数不算部分（“文艺演出71场，其中公益性12场，经营性59场，有放影队放影2022场次”）。所列的项数恰等于总数的（“分布在6个省份。其中，安徽41个，江西20个……”共6项），是每一个的数，不是部分。约数、“余”“多”和四舍五入（5.8万户）按它们允许的范围放宽。“占……%”超过100%即报，但“占年度计划的112%”这类完成率不报。
示例：改造危房3497户，其中建档立卡贫困户9291户。
应改为：改造危房9291户，其中建档立卡贫困户3497户。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        for m, whole, parts in part_groups(doc, figures, ctx):
            high = whole.base_bounds[1]
            too_big = [p for p in parts if p.base_bounds[0] > high]
            if not too_big or len(parts) > 1 and whole.kind == Kind.COUNT and whole.value == len(parts):
                continue  # 分布在6个省份。其中，安徽41个，江西20个…: one figure for each of the six, no parts
            k = bisect.bisect_left(figures, m.end(), key=_START)  # (a few after the marker: a list may be long)
            after = [f for f in figures[k:k + 12] if f.sentence == parts[0].sentence and compatible(f, whole)]
            if len({_direction(text, f) for f in after} - {None}) > 1:
                continue  # 相应减少0.2亿元，其中，省本级减少0.4亿元，市县级增加0.2亿元: a net change
            # 其中 may refer to the sentence's total rather than the nearest figure (投入资金5亿元，
            # 撬动社会资本1.2亿元，其中中央资金3亿元): a part is too big only if no whole before it holds it
            first = bisect.bisect_left(figures, whole.sentence[0], key=_START)
            earlier = [w for w in figures[first:bisect.bisect_left(figures, m.start(), first, key=_START)]
                       if compatible(w, whole)]
            for i, p in enumerate(parts):
                if p in too_big and all(p.base_bounds[0] > w.base_bounds[1] for w in earlier) \
                        and p.same_metric(whole) and not _no_part_of(text, m, whole, p):
                    written = phrase(text, p, m.start() if i == 0 and m.group() != "中有" else None)
                    yield self._exceeds(doc, p, whole, written)
        for whole, p in _parenthesised(doc, figures):
            if p.base_bounds[0] > whole.base_bounds[1]:
                yield self._exceeds(doc, p, whole, text[whole.end + 1:p.end])
        percent = Kind.PERCENT  # (a share over 100%: _share's cheapest tests first, in one pass)
        for f in [f for f in figures if f.kind == percent and (f.value if f.low is None else f.low) > 100]:
            share = self._share(text, f)
            if share is not None:
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("占比“{share}”超过100%：部分不可能超过整体，疑为数字错误").format(share=share))

    def _exceeds(self, doc, part, whole, written):
        text = doc.norm
        return self.diagnostic(
            doc, part.start, part.end,
            _("“{part}”大于总数“{whole}”：部分不可能大于整体，疑为数字对调或错位").format(
                part=written, whole=phrase(text, whole)),
            related=[Related(doc.span(whole.start, whole.end), _("总数"))])

    @staticmethod
    def _share(text: str, f: Figure) -> str | None:
        if f.kind != Kind.PERCENT or f.unit != "%" or f.quantity.is_range:
            return None
        low = f.low if f.low is not None else f.value
        if low <= 100:
            return None
        clause = text[f.clause[0]:f.start]
        at = clause.rfind("占")
        if at < 0 or len(clause) - at > 24 or _OCCUPY.match(clause, at):
            return None
        between = clause[at:]
        if NOT_A_SHARE.search(between) or _DIGIT.search(between):
            return None
        return between + f.text


# --- C102: parts that do not add up -------------------------------------------

NEARBY = 3000   # a whole stated this far from its parts may be about another place or year
# The first, second and third industries split an economy's output (生产总值, 增加值) whole.
INDUSTRY = re.compile(r"第([一二三])产业")
ECONOMY = re.compile(r"生产总值|GDP|增加值|产业结构")
_VITAL_RATES = ("出生率", "死亡率", "自然增长率")
VITAL_NEAR = 200  # characters: a birth and a death rate stated this near before a natural growth rate
COMPLEMENTS = ({"男", "女"}, {"城镇", "乡村"}, {"城镇", "农村"}, {"城市", "农村"}, {"公办", "民办"},
               {"出", "进"}, {"国内", "入境"})  # 进出口 = 出口 + 进口 (their shared 口 is cut); 国内游客 + 入境游客


def _complement(a: str, b: str) -> bool:
    """贫困村/非贫困村, 男性/女性, 城镇人口/乡村人口: two labels that split one set."""
    if not a or not b:
        return False
    if b == "非" + a or a == "非" + b:
        return True
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    x, y = sorted((a[:len(a) - k], b[:len(b) - k]), key=lambda p: not p.startswith("非"))
    # 非税收入 and 税收收入: 非 negates the other's first word, the rest of which the two share
    return {x, y} in COMPLEMENTS or len(x) > 1 and x[0] == "非" and x[1:] in y  # (地方税收收入, too)


def _level(noun: str) -> tuple[str, str] | None:
    """国家级扶贫开发工作重点县 -> (国家, 扶贫开发工作重点县)."""
    for level in LEVELS:
        if noun.startswith(level) and len(noun) - len(level) >= 2:
            return level.rstrip("级"), noun[len(level):]
    return None


def partition_wholes(labels: list[str]) -> set[str] | None:
    """What a set of labelled parts splits, if the labels say they split one set:
    贫困村/非贫困村 -> 行政村…; 国家级…重点县/省级…重点县 -> 贫困县, 重点县…."""
    if len(labels) == 2 and _complement(*labels):
        base = min(labels, key=len)
        for qualifier in ("建档立卡贫困", "深度贫困", "贫困"):
            if base.startswith(qualifier) and len(base) > len(qualifier):
                h = base[len(qualifier):]
                return {h, "行政" + h, "建制" + h, "农" + h, "总" + h}
        return None
    levels = [_level(lb) for lb in labels]
    if len(labels) < 2 or None in levels:
        return None
    kinds = {lv[1] for lv in levels}
    if len(kinds) != 1 or len({lv[0] for lv in levels}) != len(levels):
        return None
    rest = kinds.pop()
    wholes = {rest[i:] for i in range(len(rest) - 1)}
    if "贫" in rest:
        wholes.add("贫困" + rest[-1])
    return wholes


# A label partition_wholes can split holds one of these: a level (_level) or half of a
# complementary pair (_complement). A count's label lies within 12 characters before it or 16
# after it (Figure.counts), so a count without one there is in no group and its label is not read.
_PARTITION_CUE = re.compile("|".join(LEVELS + ("非",) + tuple(sorted(set().union(*COMPLEMENTS)))))


def stated_as_whole(text: str, f: Figure, place_ends: dict[int, str], parts: list[Figure]) -> bool:
    """全县141个行政村, 白城市5个贫困县, …个村全部…: a figure given as the whole set
    of the place its parts are counted in."""
    scope = {p.place for p in parts}
    if len(scope) != 1 or f.place not in scope:
        return False
    place = scope.pop()
    cue = WHOLE_CUE.search(text[f.clause[0]:f.start])
    if cue:
        level = re.match(r"全(.)", cue.group())
        return not (level and place and not place.endswith(level.group(1)))
    if f.start in place_ends:
        return place_ends[f.start] == place
    rest = text[f.end:clause_end(text, f.end, ceiling=f.end + 16)]
    return bool(re.search(r"全部|均|都", rest))


class SumMismatch(Rule):
    code = "C102"
    name = "sum-mismatch"
    severity = Severity.ERROR
    summary = "文中说明构成总数的各部分，相加不等于总数"
    explanation = """\
作用：找出相加不等于所给总数的各部分，如“新建幼儿园3所、改扩建5所，共9所”。
为何重要：总数与分项对不上，读者无从知道哪个数对；这常是某个分项或总数打错了一位。
如何判断：只在文字说明各部分就是全体时才核对：“A、B、C共（合计、总计、一共）N”；“N……，其中A……、B……”且有“分别为”“其余”、“贫困村/非贫困村”“出口/进口”“国内/入境游客”“税收收入/非税收入”这类互补的说法（“；”之后的另一半也算）、地区生产总值之下的第一、第二、第三产业增加值，或按月份恰好分完总数时段的各部分（一季度之下的1月、2月、3月；上半年之下的1—3月、4—6月）；以及在全文中按级别或“非”字分成两类的数（3个国家扶贫开发工作重点县、2个省级扶贫开发工作重点县；82个贫困村、59个非贫困村），与文中以“全县”“所有”“……全部”等说出的总数（5个贫困县、141个行政村）核对。只比较同一单位的数，约数与四舍五入按其范围放宽。前几项已恰好加成总数的，其后的数是另一种分法（“其中农业人口10310人，非农人口88人，劳动人口9000多人”），不报。人口自然增长率须等于出生率减死亡率（同一段中写在它之前的）；从0岁起、一组接一组、最后一组不封顶的各年龄组人口（0-17岁、18-34岁、35-59岁、60岁及以上户籍人口分别为……；或“0-14岁人口为……，占……；15-59岁人口为……”）须等于同一段中在它之前的总人口（户籍人口、常住人口，不是城镇人口、男性人口这类部分）；只有一个部分的“其中”属于部分与整体（C101），不算求和；各部分相加小于总数而文字没说已列全时，不报（只有“分别”时只作提示：“其中，公路、水运投资分别完成……”不一定列全）；“其中”各部分相加大于总数但没说互不重叠时，只作提示（info）。
示例：新建幼儿园3所、改扩建5所，共9所。
应改为：新建幼儿园3所、改扩建5所，共8所（或核对分项）。"""

    def check_document(self, doc, figures, ctx):
        reported: set[int] = set()
        for check in (self._listed_total, self._parts_of_whole, self._partitions, self._age_groups):
            for total, parts, severity in check(doc, figures, ctx):
                if total.start in reported:
                    continue
                reported.add(total.start)
                yield self._mismatch(doc, total, parts, severity)
        yield from self._natural_growth(doc, figures)

    def _natural_growth(self, doc, figures):
        """人口出生率a‰ … 死亡率b‰ … 自然增长率c‰: c is a − b, to the precision written."""
        text = doc.norm
        if "自然增长率" not in text:
            return
        rates = [f for f in figures if f.kind == Kind.PERCENT and f.unit in ("‰", "%") and f.metric
                 and f.metric.endswith(_VITAL_RATES)]
        for k, c in enumerate(rates):
            if not c.metric.endswith("自然增长率"):
                continue
            floor = paragraph_start(text, c.start, max(c.start - VITAL_NEAR, 0))  # its paragraph, and near
            birth = death = None  # the nearest of each, walked back to the floor
            for i in range(k - 1, -1, -1):
                rate = rates[i]
                if rate.start < floor:
                    break
                if rate.unit != c.unit:
                    continue
                if birth is None and rate.metric.endswith("出生率"):
                    birth = rate
                elif death is None and rate.metric.endswith("死亡率"):
                    death = rate
                if birth is not None and death is not None:
                    break
            if birth is None or death is None:
                continue
            slack = birth.precision + death.precision + c.precision
            difference = birth.value - death.value
            # 自然增长率为负增长0.9‰, 自然增长率为下降0.5‰: a negative rate in words
            before = text[c.clause[0]:c.start]
            stated = -abs(c.value) if "负" in before or before.endswith(("为下降", "为减少")) else c.value
            if abs(difference - stated) <= slack + 1e-9:
                continue
            yield self.diagnostic(
                doc, c.start, c.end,
                _("出生率{birth}减死亡率{death}为{difference}，与自然增长率“{rate}”不符").format(
                    birth=birth.text, death=death.text, difference=f"{difference:.4g}{c.unit}", rate=c.text),
                related=_related(doc, [birth, death], _("出生率、死亡率")))

    @staticmethod
    def _cut_short(text, figures, parts) -> bool:
        """Whether a part of the same kind follows the last one in its sentence, not as a total: the
        run stopped early (…，其他基金支出3.29亿元，债务付息及发行费用支出10.40亿元，支出总计…)."""
        k = bisect.bisect_right(figures, parts[-1].start, key=_START)
        after = next((f for f in figures[k:k + 3] if f.sentence == parts[-1].sentence and compatible(f, parts[-1])), None)
        return after is not None and not TOTAL_MARKER.search(text, max(after.clause[0], after.start - 4), after.start)

    def _age_groups(self, doc, figures, ctx):
        """0-17岁、…、60岁及以上户籍人口分别为18891人、… : groups of every age add up to the
        population stated before them in the paragraph (年末全县户籍人口为112635人)."""
        text = doc.norm
        read, latest = 0, None  # how many figures were read for a population, and the last that names one

        def names_population(w):
            return w.family == "persons" and w.list_id is None and _names_population(text, w)

        for first, counts, _shares in age_groups(text, figures):
            floor = text.rfind("\n", 0, first.start) + 1
            k = bisect.bisect_left(figures, first.start, key=_START)
            if k >= read:  # (groups come in order: the figures before the last group are not read again)
                latest = next((w for w in reversed(figures[read:k]) if names_population(w)), latest)
                read = k
                whole = latest if latest is not None and latest.start >= floor else None
            else:
                whole = next((w for w in reversed(figures[:k]) if w.start >= floor and names_population(w)), None)
            if whole is not None and not self._adds_up(text, counts, whole)[0]:
                yield whole, counts, Severity.ERROR

    def _mismatch(self, doc, total, parts, severity):
        text = doc.norm
        written = "+".join(p.text for p in parts)
        shown = number(sum(p.value for p in parts), total.unit or "")
        return self.diagnostic(
            doc, total.start, total.end,
            _("各部分{parts}合计为{sum}，与总数“{total}”不符").format(
                parts=written, sum=shown, total=phrase(text, total)),
            related=_related(doc, parts, _("分项")), severity=severity)

    @staticmethod
    def _adds_up(text, parts, total) -> tuple[bool, bool]:
        """(consistent, sum too small)."""
        low, high = span_sum(parts)
        t_low, t_high = total.base_bounds
        return t_low <= high and low <= t_high, high < t_low

    def _listed_total(self, doc, figures, ctx):
        """A、B、C共N."""
        text = doc.norm
        starts = {f.start: f for f in figures}
        sentences = Sentences(figures)
        for m in TOTAL_MARKER.finditer(text):
            total = starts.get(m.end())
            if total is None or not addable(total):
                continue
            before = [f for f in sentences.at(m.start()) if f.end <= m.start()]
            parts, pos, tight, far = [], m.start(), True, False
            for f in reversed(before):
                if not compatible(f, total):
                    continue    # figures of other kinds may sit between the parts (577户927人，358户…)
                gap = text[f.end:pos]
                far = len(gap) > 14
                if far or RUN_STOP.search(gap) or not parts and _verbs(gap):
                    break
                tight = tight and (not parts or "，" not in gap)
                parts.append(f)
                pos = f.start
            if len(parts) < 2:
                continue
            parts.reverse()
            if classification_levels(text, parts):
                continue
            ok, short = self._adds_up(text, parts, total)
            if ok or short and (far or "等" in text[parts[-1].end:m.start()]):
                continue
            yield total, parts, Severity.ERROR if tight else Severity.WARNING

    def _parts_of_whole(self, doc, figures, ctx):
        """N…，其中A…、B…, where the wording says A, B… are all of N."""
        text = doc.norm
        for m, whole, parts in part_groups(doc, figures, ctx):
            if len(parts) < 2:
                continue
            high = whole.base_bounds[1]
            if any(p.base_bounds[0] > high for p in parts):
                continue        # one part alone exceeds the whole: C101's finding
            ok, short = self._adds_up(text, parts, whole)
            if ok or any(self._adds_up(text, parts[:k], whole)[0] for k in range(2, len(parts))):
                continue  # 总人口10398人，其中农业人口10310人，非农人口88人，劳动人口9000多人: a second breakdown follows
            labels = [p.subject or "" for p in parts]
            # 分别 pairs the parts with their names, but need not name them all (其中，公路、水运投资
            # 分别完成1.2万亿元和1025亿元 of 交通固定资产投资1.7万亿元): falling short of the whole, a hint
            complete = (REMAINDER.search(text[parts[-2].end:parts[-1].start]) and not self._cut_short(text, figures, parts)
                        or len(parts) == 2 and _complement(*labels)
                        or _three_industries(labels, whole) or _months_make_up(text, whole, parts))
            paired = "分别" in text[m.end():parts[0].start]
            if complete or paired and not short:
                yield whole, parts, Severity.ERROR
            elif paired or not short:
                yield whole, parts, Severity.INFO

    def _partitions(self, doc, figures, ctx):
        """82个贫困村…59个非贫困村 against 全县141个行政村, anywhere in the report."""
        text = doc.norm
        place_ends = {end: name for start, end, name in places(text)}
        counted = [f for f in figures if addable(f) and f.family in ("items", "households", "persons")]
        # a figure's label (the record's counts, kept on it) is read only when a neighbour of
        # its kind is near, or when a group was found
        by_label: dict[str, list[Figure]] | None = None
        levelled: dict[int, bool] = {}

        def split(group):
            # partition_wholes needs two complementary labels, or a level on every label
            first = group[0].start
            if first not in levelled:
                levelled[first] = _level(_label(group[0])) is not None
            if not levelled[first] and (len(group) != 2 or not _complement(_label(group[0]), _label(group[1]))):
                return None
            return partition_wholes([_label(f) for f in group])

        def same_kind(a, b):  # a.same_measure(b), both counted: the head only when the rest agree
            if a.family != b.family or a.classifier != b.classifier:
                return False
            ha, hb = a.head, b.head
            return ha is None or hb is None or ha == hb

        cue = [_PARTITION_CUE.search(text, max(f.start - 12, 0), f.end + 16) is not None for f in counted]
        for i, a in enumerate(counted):
            group = [a]
            for j in range(i + 1, len(counted)):  # (islice would step over the first i again)
                b = counted[j]
                if b.start - group[-1].end > 80:
                    break
                # split needs b's label to have a cue, or a's when the two are a complementary pair
                if (cue[j] or cue[i] and len(group) == 1) and same_kind(a, b) and split(group + [b]):
                    group.append(b)
            if len(group) < 2 or i and split([counted[i - 1]] + group):
                continue        # not a group, or one that starts earlier
            if by_label is None:
                by_label = {}
                for f in counted:
                    by_label.setdefault(_label(f), []).append(f)
            for whole in split(group):
                near = by_label.get(whole, ())  # in order of position: those nearby are a slice
                lo = bisect.bisect_right(near, a.start - NEARBY, key=_START)
                for t in near[lo:bisect.bisect_left(near, a.start + NEARBY, lo, key=_START)]:
                    if compatible(t, a) \
                            and stated_as_whole(text, t, place_ends, group) and not self._adds_up(text, group, t)[0]:
                        yield t, group, Severity.WARNING


def _three_industries(labels: list[str], whole: Figure) -> bool:
    """第一产业增加值, 第二产业增加值, 第三产业增加值 of a 地区生产总值: the three split it whole."""
    named = [INDUSTRY.match(label) for label in labels]
    return (len(labels) == 3 and all(named) and {m.group(1) for m in named} == set("一二三")
            and ECONOMY.search(whole.subject or "") is not None)


_QUARTERS = {"一": (1, 3), "二": (4, 6), "三": (7, 9), "四": (10, 12)}
_CN_MONTHS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11}
_PERIOD_MONTHS = re.compile(r"前(?P<quarters>[一二三])季度|第?(?P<quarter>[一二三四])季度|(?P<half>[上下])半年"
                            r"|前(?P<first>[两三四五六七八九]|十一?|\d{1,2})个月|(?P<from>\d{1,2})[—\-－~至到](?P<to>\d{1,2})月")
_MONTHS = re.compile(r"(?P<from>\d{1,2})(?:[—\-－~至到](?P<to>\d{1,2}))?月")


def _period_months(match: re.Match) -> tuple[int, int]:
    """The months (first, last) that 一季度, 上半年, 前5个月, 1—5月 … span."""
    g = match.groupdict()
    if g["quarters"]:
        return 1, _QUARTERS[g["quarters"]][1]
    if g["quarter"]:
        return _QUARTERS[g["quarter"]]
    if g["half"]:
        return (1, 6) if g["half"] == "上" else (7, 12)
    if g["first"]:
        return 1, int(g["first"]) if g["first"].isdigit() else _CN_MONTHS[g["first"]]
    return int(g["from"]), int(g["to"])


def _months_make_up(text: str, whole: Figure, parts: list[Figure]) -> bool:
    """一季度…106.3万户，其中，1月…38.2万户，2月…26.5万户，3月…39.6万户: parts named by months
    (1月, 4—6月) that follow one another and span the whole's period exactly."""
    period = None
    for period in _PERIOD_MONTHS.finditer(text, whole.sentence[0], whole.start):
        pass
    if period is None:
        return False
    first, last = _period_months(period)
    expected = first
    for p in parts:
        named = None
        for named in _MONTHS.finditer(text, p.clause[0], p.start):
            pass
        if named is None or int(named.group("from")) != expected:
            return False
        expected = int(named.group("to") or named.group("from")) + 1
    return expected == last + 1


def _label(f: Figure) -> str:
    return f.counts or ""


# --- C106: averages ---------------------------------------------------------

BASE_NOUN = r"[\u4e00-\u9fff]{0,4}?(?:乡镇|学校|企业|合作社|基地|村|户|人|乡|镇|县|校)"
AVERAGE = re.compile(
    rf"(?:(?P<per>[人户村校县乡镇])均|(?:平均)?每(?:一)?(?:个|位|名|家|所)?(?P<noun>{BASE_NOUN})(?:平均)?)"
    r"(?P<metric>[\u4e00-\u9fff]{0,8})$")
NOT_AVERAGE = re.compile(r"最低|最高|不低于|不少于|不超过|至少|最多|超过|每|由|从")
TREND_AFTER = re.compile(r"以上|以下|增加|增长|提高|下降|降|到|至|升")
VERB_TAIL = re.compile(r"(?:为|达到|达|约|是|可|共计|共)$")

# A population named before its age groups is their whole when nothing but a scope comes before
# its noun (年末全县户籍人口, 总人口), not a class (城镇人口, 男性人口).
_POPULATION_SCOPE = re.compile(rf"(?:^|{_SCOPE_WORDS}|末|总|户籍|常住)$")
_AGE_OPEN = re.compile(r"及以上|以上|及\d{1,3}周?岁以上")  # 60岁及以上, 65岁及65岁以上
_STATEMENT_END = re.compile(r"[。！？\n]")


def _names_population(text: str, f: Figure) -> bool:
    name = _written_name(text, f)
    return name.endswith("人口") and bool(_POPULATION_SCOPE.search(name[:-2]))


def age_groups(text: str, figures: list[Figure]):
    """Populations by age groups that cover every age, as stated: (first band, counts, shares),
    the i-th count and share (or None) being of the i-th group, from age 0 up to an open group
    (60岁及以上; a 其中65岁及以上 after it is a part of that group). Both ways of writing them:
    0-17岁、18-34岁、35-59岁、60岁及以上户籍人口分别为18891人、19099人…, and
    0-14岁人口为60699人，占30.28%；15-59岁人口为117216人，占58.47%；60岁及以上人口为…"""
    if "岁" not in text:
        return
    k = 0
    while k < len(figures):
        f = figures[k]
        k += 1
        if f.family != "age" or f.kind != Kind.RANGE or f.low != 0:
            continue
        stop = _STATEMENT_END.search(text, f.end)
        stop = stop.start() if stop else len(text)
        statement = [g for g in figures[k - 1:k + 60] if g.start < stop]
        bands, consumed = [], 0  # (low, high, index in statement)
        for i, g in enumerate(statement):
            if g.family != "age" or g.start < consumed or text.count("（", f.start, g.start) > text.count("）", f.start, g.start):
                continue  # (0—15岁（含不满16周岁）: the bracket's age is a note)
            if g.kind == Kind.RANGE:
                bands.append((g.low, g.high, i))
            elif g.kind == Kind.COUNT and (m := _AGE_OPEN.match(text, g.end)):
                bands.append((g.value, math.inf, i))
                consumed = m.end()
                break
        if not bands or bands[-1][1] != math.inf \
                or any(b[0] not in (a[1], a[1] + 1) for a, b in zip(bands, bands[1:])):
            continue
        k += len(statement) - 1
        ends = [i for _lo, _hi, i in bands[1:]] + [len(statement)]
        regions = [statement[i + 1:end] for (_lo, _hi, i), end in zip(bands, ends)]
        if all(any(g.family == "persons" for g in region) for region in regions):   # 0-14岁人口为…，占…；
            counts = [next(g for g in region if g.family == "persons" and g.kind == Kind.COUNT) for region in regions]
            shares = [next((g for g in region if g.kind == Kind.PERCENT and g.start > count.end
                            and "占" in text[count.end:g.start]), None) for region, count in zip(regions, counts)]
        else:                                                                        # …分别为a人、b人…
            rest = regions[-1]
            if any(g.family != "age" for region in regions[:-1] for g in region) or not rest or "分别" not in text[statement[bands[-1][2]].end:rest[0].start]:
                continue
            counts = [g for g in rest if g.family == "persons" and g.kind == Kind.COUNT][:len(bands)]
            percents = [g for g in rest if g.kind == Kind.PERCENT]
            shares = percents[:len(bands)] if len(percents) >= len(bands) else [None] * len(bands)
        if len(counts) == len(bands):
            yield statement[0], counts, shares


def _average_cue(text: str, a: Figure):
    """(base noun, metric) when the clause before ``a`` makes it an average, else None."""
    clause_start = a.clause[0]
    if text.find("均", clause_start, a.start) < 0 and text.find("每", clause_start, a.start) < 0:
        return None  # AVERAGE needs one of them: the commonest answer, found without the regex
    clause = text[clause_start:a.start]
    m = AVERAGE.search(clause)
    if not m or NOT_AVERAGE.search(m.group("metric")) or TREND_AFTER.match(text, a.end):
        return None
    metric = VERB_TAIL.sub("", m.group("metric"))
    metric = metric[1:] if metric[:1] in "年月" else metric
    noun = m.group("per") or m.group("noun")
    return noun, metric, clause_start + m.start()


_CUE_CHARACTER = re.compile("[均每]")


def _after_cue_characters(text: str, figures: list[Figure]):
    """The figures with a 均 or 每 before them in their clause, in order: the only ones
    _average_cue can find a cue for (a clause's figures after a position are a run)."""
    last = 0  # the figures before this one are done with
    for m in _CUE_CHARACTER.finditer(text):
        at = m.start()
        i = bisect.bisect_right(figures, at, last, key=_START)
        while i < len(figures) and figures[i].clause[0] <= at:
            yield figures[i]
            i += 1
        last = max(last, i)


def _base_family(noun: str) -> tuple[str, str | None]:
    """The unit family and head noun of what an average is over: 户 -> households,
    贫困村 -> items of 村."""
    if noun.endswith("户"):
        return "households", None
    if noun.endswith("人"):
        return "persons", None
    return "items", head_noun(noun) or noun[-1]


def _average_range(a: Figure) -> tuple[float, float]:
    """The totals per base an average allows, in base units: its hedge, at least ±10% when
    hedged, the place it is rounded to (2名 is 1.5 to 2.5), and ±0.5% for money."""
    low, high = a.exact_bounds
    if a.approx:
        low, high = min(low, 0.9 * a.value), max(high, 1.1 * a.value)
    slack = a.precision
    if a.family and a.family.startswith("money"):
        slack = max(slack, 0.005 * a.value)
    return (low - slack) * a.scale, (high + slack) * a.scale


def _could_total(text: str, t: Figure) -> bool:
    """Whether t can be the total of some average: a count or an amount that is not a part
    (耕地12246.6亩（其中水田2135亩），人均耕地1.03亩: the average is of the whole) and not
    itself an average (人均粮食588公斤)."""
    if not addable(t, rate=True) or t.kind == Kind.RATE or "part" in t.roles:
        return False
    return not _AVERAGE_WORD.search(text, t.clause[0], t.end)


MAX_BASES = 16  # earlier mentions of what an average is over, nearest first, that are tried


class AverageMismatch(Rule):
    code = "C106"
    name = "average-mismatch"
    severity = Severity.WARNING
    summary = "“平均每……”“人均”“户均”的数与文中给出的总数、个数算不上"
    explanation = """\
作用：找出与旁边的总数和个数对不上的平均数，如“贫困村发展党员767名，平均每个村5名”，而文中前面写明有384个贫困村（767÷384≈2）。
为何重要：平均数是读者最容易自己验算的数；算不上，说明平均数、总数或个数中有一个写错了。
如何判断：只看写明“平均”“每……”“人均”“户均”“村均”的数。总数取同一句中在它之前、单位相同、且说的是同一件事的数（“人均增收”要找“增收”的总额；没有说明是什么时，总数须在同一分句或紧邻的前一分句）；个数取同一句中所平均的对象（人、户、村……）（总数和“其中”所列的部分各取最近的一个，与其一相符即可：“总人口12607人（其中农业户2842户11941人），人均耕地1.03亩”按农业人口算），或者前文中名称完全相同的对象（如“384个贫困村”对“贫困村……平均每个村”）。找不到总数或个数就不报。按平均数写出的精度放宽：“2名”可为1.5至2.5，金额容许±0.5%，带“约”“左右”的容许±10%；“由……增加到……”这类变化、“最低”“不少于”这类界限不算平均数。
示例：全市有384个贫困村……贫困村发展党员767名，平均每个村5名。
应改为：贫困村发展党员767名，平均每个村2名。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        sentences = Sentences(figures)
        by_label: dict[str, dict[str, list[Figure]]] = {}  # family -> label -> figures, filled on first use
        could_total: dict[Figure, bool] = {}  # a sentence's figures are read back from each of its averages
        for a in _after_cue_characters(text, figures):
            if not addable(a, rate=True):
                continue
            cue = _average_cue(text, a)
            if cue is None:
                continue
            noun, metric, cue_start = cue
            sentence = [f for f in sentences.at(a.start) if f.end <= cue_start]
            total = self._total(text, a, sentence, noun, metric, could_total)
            if total is None:
                continue
            if text[cue_start - 1:cue_start] in ("年", "月", "日") and "累计" in text[total.clause[0]:total.start]:
                continue  # 年人均支出1.4万元 and 累计支出基金624亿元: a year's average, a running total
            bases = self._bases(text, figures, by_label, a, sentence, total, noun, cue_start)
            if not bases:
                continue
            low, high = _average_range(a)
            t_low, t_high = total.base_bounds
            for b in bases:
                b_low, b_high = b.base_bounds
                if b_low > 0 and t_low / b_high <= high and t_high / b_low >= low:
                    break
            else:
                b = bases[0]
                yield self.diagnostic(
                    doc, a.start, a.end,
                    _("“{avg}”与“{total}”÷“{base}”≈{value}不符").format(
                        avg=text[cue_start:a.end], total=phrase(text, total), base=b.text + noun_after(text, b.end, False),
                        value=number(total.value / b.value, a.unit)),
                    related=[Related(doc.span(total.start, total.end), _("总数")),
                             Related(doc.span(b.start, b.end), _("个数"))])

    @staticmethod
    def _total(text, a, sentence, noun, metric, could_total) -> Figure | None:
        base_head = noun[-1]
        a_clause = a.clause[0]
        previous = _clause_start(text, max(a_clause - 1, 0))
        for t in reversed(sentence):
            can = could_total.get(t)
            if can is None:
                can = could_total[t] = _could_total(text, t)
            if not can or not t.same_measure(a):
                continue
            if t.family == "items" and (t.subject or "").endswith(base_head):
                continue        # 82个贫困村 counts the base, not what is averaged
            clause = text[t.clause[0]:t.end]
            if _FROM_WORD.search(clause) or TREND_AFTER.match(text, t.end) or t.value < a.value:
                return None
            if metric:
                if metric in clause:
                    return t
                continue
            return t if t.start >= previous else None
        return None

    @staticmethod
    def _bases(text, figures, by_label, a, sentence, total, noun, cue_start) -> list[Figure]:
        fam, base_head = _base_family(noun)

        def counts_base(f):
            if f is total or not addable(f) or f.family != fam:
                return False
            return fam != "items" or f.head == base_head

        # the nearest whole, and the nearest part: 总人口28000人（其中暂住人口5000人） is averaged over
        # as a whole, 总人口12607人（其中农业户2842户11941人） often over its farming part
        near = [next((f for f in reversed(sentence) if counts_base(f) and ("part" in f.roles) == part), None)
                for part in (False, True)]
        if any(near):
            return [f for f in near if f is not None]
        specific = noun
        if len(noun) == 1:
            # 全市贫困村发展党员767名，平均每个村2名: the 村 averaged over are 贫困村
            before = text[a.sentence[0]:cue_start]
            at = before.rfind(noun)
            if at >= 0:
                specific = noun_before(text, a.sentence[0] + at + 1, a.sentence[0]) or noun
        if len(specific) < 2:
            return []
        if fam not in by_label:  # only figures of the base's family can count it: only theirs are read
            labelled = by_label[fam] = {}
            for f in figures:
                if f.family == fam and addable(f):
                    labelled.setdefault(f.counts or "", []).append(f)
        # the nearest earlier mentions first, and only a few: the count an average is over is stated
        # shortly before it (a report that names 贫困村 3,000 times is not searched 3,000 times per average)
        named = by_label[fam].get(specific, ())
        nearer = (named[j] for j in range(bisect.bisect_left(named, a.sentence[0], key=_START) - 1, -1, -1))
        return list(islice((f for f in nearer if f.end <= a.sentence[0] and counts_base(f)), MAX_BASES))


RULES = [PartExceedsWhole, SumMismatch, AverageMismatch]
