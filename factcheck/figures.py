"""Figures: a Quantity with its unit or classifier, what it counts, and where.

The quantity itself comes from the character-level grammar in numbers.py;
jieba is used only on a short window after and before each figure, to name
what it counts (jieba glues 万/亿 to units and mis-tags lone digits, so it is
the wrong tool for the number itself).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .document import Document
from .numbers import Quantity, scan
from .segment import tags as word_tags
from .segment import words

# Longest first. A unit here is what follows the numeral; magnitude words
# (万/亿) are already folded into the value by numbers.scan.
MONEY = ("美元", "港元", "欧元", "元")
PEOPLE = ("人次", "人", "户", "名", "位", "口")
MEASURES = (
    "平方公里", "平方千米", "平方米", "立方米", "公顷", "千瓦时", "千瓦", "兆瓦", "公里", "千米", "厘米", "毫米",
    "公斤", "千克", "万吨", "吨", "斤", "克", "亩", "米", "度", "瓦",
)
TIME_UNITS = ("个月", "小时", "分钟", "周岁", "岁", "天", "周", "年", "月", "日", "号")
POINTS = ("个百分点", "百分点")  # percentage points: a difference of two percentages
CLASSIFIERS = (
    "方面", "个", "支", "次", "家", "项", "处", "所", "座", "间", "套", "台", "辆", "条", "类", "种", "批",
    "件", "场", "期", "届", "级", "层", "段", "部", "本", "份", "张", "株", "棵", "头", "只", "匹", "倍",
    "大", "组", "队", "村", "户", "镇", "乡", "县", "篇", "轮", "遍", "步", "点", "笔", "元",
)
UNITS = sorted(set(MONEY + PEOPLE + MEASURES + TIME_UNITS + CLASSIFIERS + POINTS), key=len, reverse=True)
_UNIT_RE = re.compile("|".join(map(re.escape, UNITS)))
PER_WORDS = ("人均", "户均", "平均", "每")
SENTENCE_BREAK = re.compile(r"[。！？；\n]")
CLAUSE_BREAK = re.compile(r"[。！？；，、：\n]")


@dataclass(frozen=True)
class Figure:
    """One figure found in a document. Offsets are on the normalised view."""

    path: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    kind: str
    approx: str | None
    low: float | None
    high: float | None
    place: str | None
    sentence: tuple[int, int]
    quantity: Quantity
    source: str = field(repr=False, compare=False, default="")  # the normalised text it was found in

    def __init__(self, path: str, start: int, end: int, text: str, value: float, unit: str | None, kind: str,
                 approx: str | None, low: float | None, high: float | None, place: str | None,
                 sentence: tuple[int, int], quantity: Quantity, source: str = "") -> None:
        # Written out rather than generated: a frozen dataclass's own __init__ sets each
        # field through object.__setattr__, three times slower, and there is one per figure.
        d = self.__dict__
        d["path"] = path; d["start"] = start; d["end"] = end; d["text"] = text  # noqa: E702
        d["value"] = value; d["unit"] = unit; d["kind"] = kind; d["approx"] = approx  # noqa: E702
        d["low"] = low; d["high"] = high; d["place"] = place; d["sentence"] = sentence  # noqa: E702
        d["quantity"] = quantity; d["source"] = source  # noqa: E702

    @property
    def digits(self) -> str:
        return self.quantity.digits

    @cached_property
    def metric(self) -> str | None:
        """What the figure counts or measures (贫困村, 贫困发生率), from the words
        around it; worked out on first use, since jieba is the slow part."""
        if self.kind in ("year", "date", "other", "range") or self.unit in TIME_UNITS:
            return None
        if self.kind in ("count", "ordinal"):
            return counted_noun(self.source, self.end) or metric_before(self.source, self.start)
        return metric_before(self.source, self.start)

    def to_dict(self, doc: Document) -> dict:
        span = doc.span(self.start, self.end)
        value = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "path": self.path, "start": span.start, "end": span.end, "text": span.text,
            "value": value, "unit": self.unit, "kind": self.kind, "approx": self.approx,
            "low": self.low, "high": self.high, "metric": self.metric, "place": self.place,
            "line": span.line, "column": span.column,
        }


_CODE_CUE = re.compile(r"(备|电话|热线|编号|证号|码|代码|邮编|QQ)[：:]?\s*$")
_CODE_CUE_LAST = frozenset("备话线号码编Q")  # the last characters of those cues: one must be there


def _is_code(text: str, q: Quantity) -> bool:
    """Identifiers that are digits but not figures: ICP numbers, phone numbers, IE8."""
    start = q.start
    before = text[start - 1:start] if start else ""
    after = text[q.end:q.end + 1]
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True
    digits = q.digits
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return True
    context = text[start - 8 if start > 8 else 0:start]
    if not _CODE_CUE_LAST.isdisjoint(context) and _CODE_CUE.search(context):
        return True
    if after == "号" and len(digits) >= 5:
        return True
    if (before and before in "/=_#") or text.startswith((".png", ".jpg", ".htm", ".shtml"), q.end):
        return True  # a number in a link or a file name
    if before == "[" and after == "]":
        return True  # a footnote mark
    if (not start or before == "\n") and after in ("、", ".") and q.value < 100:
        return True  # a list number at the head of a paragraph: 1、 2.
    bare = q.chinese and q.text in ("十", "百", "千", "万", "亿", "万亿")
    return bare and (before == "每" or text.startswith("级", q.end))  # 每千人口, 万亿级: no count


# Traditional numerals and units read as their simplified forms (one character for
# one, so offsets stay); the figure's text stays as written.
_TRADITIONAL = str.maketrans("萬億兩餘點個戶項處條類種間臺輛畝噸歲週隊組屆級層張頭隻筆裡億",
                             "万亿两余点个户项处条类种间台辆亩吨岁周队组届级层张头只笔里亿")
_HAS_TRADITIONAL = re.compile("[萬億兩餘點個戶項處條類種間臺輛畝噸歲週隊組屆級層張頭隻筆裡]")
# Hedges written after the unit: 1000元左右, 6万户以上, 30岁以下 (low, high as factors of the value)
_AFTER_UNIT_HEDGES = {"左右": (0.9, 1.1), "上下": (0.9, 1.1), "以上": (1.0, None), "以下": (None, 1.0),
                      "以内": (None, 1.0)}


def _is_nounish(word: str, tags: dict) -> bool:
    tag = tags.get(word)
    if tag is None:
        return len(word) >= 2 and not word.isascii()
    return tag[0] in "nl" or tag in ("vn", "an")


def counted_noun(text: str, end: int) -> str | None:
    """The noun right after a classifier: 53个|贫困村出列 -> 贫困村."""
    window = CLAUSE_BREAK.split(text[end:end + 10], 1)[0]
    if not window or window[0].isdigit():
        return None
    tags = word_tags()
    noun = ""
    for word in words(window):
        if _is_nounish(word, tags) and not word.isdigit():
            noun += word
        else:
            break
    return noun or None


HEAD_WORDS = ("率", "比例", "占比", "比重", "收入", "资金", "金额", "总额", "产值", "人口", "面积", "规模")
_PHRASE_BOUNDARY = set("的和及与、由从在将使均等达为到了是对把被以其或共")
_WHOLE_PREFIXES = ("全国", "全省", "全市", "全县", "全区", "全乡", "全镇", "全村", "其中")


def _clause_before(text: str, start: int, limit: int = 30) -> str:
    clause_start = start
    while clause_start > 0 and start - clause_start < limit and not CLAUSE_BREAK.match(text[clause_start - 1]):
        clause_start -= 1
    return text[clause_start:start]


def _head_phrase(window: str) -> str | None:
    """The phrase ending in the last head word (率, 比例, 资金 …) of the window:
    村屯道路硬化率达到 -> 村屯道路硬化率."""
    best = max((window.rfind(h) + len(h) for h in HEAD_WORDS if h in window), default=-1)
    if best < 0:
        return None
    begin = best
    while begin > 0 and best - begin < 12 and window[begin - 1] not in _PHRASE_BOUNDARY \
            and "\u4e00" <= window[begin - 1] <= "\u9fff":
        begin -= 1
    phrase = window[begin:best]
    for prefix in _WHOLE_PREFIXES:
        if phrase.startswith(prefix) and len(phrase) > len(prefix) + 1:
            phrase = phrase[len(prefix):]
    tags = word_tags()
    parts = words(phrase)
    # drop a leading verb phrase: 累计投入产业发展资金 -> 产业发展资金
    for i in range(len(parts) - 3, -1, -1):
        if len(parts[i]) >= 2 and tags.get(parts[i], "n")[0] == "v":
            phrase = "".join(parts[i + 1:])
            break
    return phrase if len(phrase) >= 2 else None


def metric_before(text: str, start: int) -> str | None:
    """What a figure measures, from its clause before it: 贫困发生率由原来的|6% -> 贫困发生率;
    建档立卡贫困人口累计实现|7001户 -> 贫困人口."""
    window = _clause_before(text, start)
    if not window:
        return None
    head = _head_phrase(window)
    if head:
        return head
    tags = word_tags()
    noun: list[str] = []
    for word in reversed([w for w in words(window) if not re.fullmatch(r"[\d.%]+", w)]):
        if _is_nounish(word, tags) and not (noun and (word in _WHOLE_PREFIXES or len(word) == 1)):
            noun.insert(0, word)  # (a lone character before a noun is a split word's tail: 建档立卡|贫困户)
        elif noun:
            break
    return "".join(noun) or None


_PLACE_RE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:自治县|自治区|自治州|省|市|县|区|旗|州|乡|镇)")
_PLACE_SUFFIX = re.compile(r"(?:自治县|自治区|自治州|省|市|县|区|旗|州|乡|镇)$")
_PLACE_SUFFIX_ANYWHERE = re.compile(r"(?:自治县|自治区|自治州|省|市|县|区|旗|州|乡|镇)")
_NEVER_IN_PLACE = set("的了是在和与及对把为将从由到向我其各该全本每这那等共个些于")
_NOT_A_PLACE_STEM = set("贫困行政社校园非农两")


def _place_name(candidate: str, tags: dict, suffix: str | None = None) -> str | None:
    """The tail of ``candidate`` that reads as a place name: a name the
    dictionary knows as a place, else a two-character stem that is no word of
    its own (镇赉县, 通榆县), where neither 园区 nor 下乡 nor 重点县 qualify.
    ``suffix`` is the place suffix ``candidate`` ends with, if known."""
    if suffix is None:
        suffix = _PLACE_SUFFIX.search(candidate).group(0)
    stem_all = candidate[:-len(suffix)]
    for size in range(2, min(4, len(stem_all)) + 1):
        name = stem_all[-size:] + suffix
        if tags.get(name, "")[:2] in ("ns", "nr") and _NEVER_IN_PLACE.isdisjoint(name):
            return name
    stem = stem_all[-2:]
    if (len(stem) < 2 or not _NEVER_IN_PLACE.isdisjoint(stem) or stem[0] in _NOT_A_PLACE_STEM
            or (stem in tags and not tags[stem].startswith("ns"))
            or tags.get(stem[-1] + suffix[0], "ns")[:2] != "ns"
            or tags.get(stem[-1], "n")[0] in "vdpcu"):
        return None
    return stem + suffix


@lru_cache(maxsize=4096)  # rules ask again for the text figures were extracted from
def places(text: str) -> tuple[tuple[int, int, str], ...]:
    """Place-name mentions (start, end, name), e.g. 洮北区, 白城市, 田东县."""
    tags = word_tags()
    found = []
    for m in _PLACE_SUFFIX_ANYWHERE.finditer(text):
        start, end = m.span()
        if start == 0 or text[start - 1] in _NEVER_IN_PLACE:  # 全区, 该县
            continue
        if text[end - 1:end + 1] in tags:  # 乡村, 县市, 市场: the suffix begins another word
            continue
        begin = start
        while begin > 0 and start - begin < 4 and "\u4e00" <= text[begin - 1] <= "\u9fff":
            begin -= 1
        if end - begin < 3:
            continue
        # the suffix that ends the candidate is this match's (自治县 is matched whole)
        name = _place_name(text[begin:end], tags, m.group())
        if name:
            found.append((end - len(name), end, name))
    return tuple(found)


def _unit_after(text: str, q: Quantity) -> str | None:
    if q.percent:
        return "%"
    if q.permille:
        return "‰"
    m = _UNIT_RE.match(text, q.end)
    return m.group(0) if m else None


def _kind(text: str, q: Quantity, unit: str | None) -> str:
    if q.ordinal:
        return "ordinal"
    if q.is_range:
        return "range"
    if q.percent or q.permille or unit in POINTS:
        return "percent"
    if q.fraction or unit == "倍":
        return "ratio"
    if unit == "年" and 1900 <= q.value <= 2100 and q.value.is_integer() and len(q.digits or "xxxx") == 4:
        return "year"
    if unit in ("月", "日", "号") and q.value.is_integer() and 1 <= q.value <= (12 if unit == "月" else 31):
        return "date"  # 3月, 25日; but 百日攻坚 counts days
    start = q.start  # 人均, 户均, 平均 or 每 (the PER_WORDS) right before
    before = text[start - 1:start] if start else ""
    if before == "每" or before == "均" and text[start - 2:start] in PER_WORDS:
        return "rate"
    if unit in _MONEY:
        return "amount"
    if unit is None:
        return "other"
    if unit in _MEASURES:
        return "other"
    return "count"


_MONEY, _MEASURES = frozenset(MONEY), frozenset(MEASURES)


def extract(doc: Document) -> list[Figure]:
    written = doc.norm
    text = written.translate(_TRADITIONAL) if _HAS_TRADITIONAL.search(written) else written
    mentions = places(written)
    main_place = _main_place(mentions)
    figures: list[Figure] = []
    quantities = scan(text)
    breaks = [m.start() for m in SENTENCE_BREAK.finditer(text)]
    mention_ends = [e for _s, e, _name in mentions]
    path, length, last_break = doc.path, len(text), len(breaks)
    unit_at = _UNIT_RE.match
    i = 0
    while i < len(quantities):
        q = quantities[i]
        i += 1
        if _is_code(text, q):
            continue
        if q.percent:  # _unit_after, inline: this loop runs once per numeral
            unit = "%"
        elif q.permille:
            unit = "‰"
        else:
            m = unit_at(text, q.end)
            unit = m.group() if m else None
        kind = _kind(text, q, unit)
        end = q.end + (len(unit) if unit and unit not in "%‰" else 0)
        value = q.value
        if kind == "year" and i < len(quantities) and quantities[i].start == end \
                and _unit_after(text, quantities[i]) == "月":
            # 2020年3月25日: one date figure
            kind, end, i, value = _join_date(text, quantities, i, q, end)
            unit = None
        elif kind == "date" and unit == "月" and i < len(quantities) and quantities[i].start == end:
            kind, end, i, value = _join_date(text, quantities, i, q, end, year=None)
            unit = None
        start = q.start
        approx, low, high = q.approx, q.low, q.high
        if text[start - 1:start] in ("-", "−") and not text[start - 2:start - 1].isascii():
            value, low, high = -value, high and -high, low and -low  # 增速为-3.2%
        hedge = text[end:end + 2]
        if approx is None and hedge in _AFTER_UNIT_HEDGES and kind not in ("year", "date", "ordinal"):
            approx = hedge
            low, high = (None if f is None else f * value for f in _AFTER_UNIT_HEDGES[hedge])
        k = bisect.bisect_left(breaks, start)  # the sentence around the figure, from its breaks
        sentence = (breaks[k - 1] + 1 if k else 0, breaks[k] + 1 if k < last_break else length)
        figures.append(Figure(
            path, start, end, written[start:end], value, unit, kind, approx, low, high,
            _place_before(mentions, mention_ends, sentence[0], start, main_place) if mentions else main_place,
            sentence, q, written,
        ))
    return _share_list_units(text, figures)


def _share_list_units(text: str, figures: list[Figure]) -> list[Figure]:
    """In a 、 list the last item's unit and magnitude serve them all: 3.3、1.4、1.1倍 are
    all 倍; 10、20万元 are 10万元 and 20万元."""
    out = list(figures)
    i = len(out) - 1
    while i > 0:
        last = out[i]
        j = i
        while j > 0 and out[j - 1].unit is None and out[j - 1].kind == "other" \
                and text[out[j - 1].end:out[j].start] == "、" and out[j - 1].quantity.digits:
            j -= 1
        if j < i and last.unit is not None and last.kind not in ("date", "ordinal", "range"):
            scale = _magnitude(last.quantity)
            for k in range(j, i):
                f = out[k]
                value = f.value * scale
                out[k] = Figure(f.path, f.start, f.end, f.text, value, last.unit, last.kind, f.approx,
                                f.low and f.low * scale, f.high and f.high * scale, f.place, f.sentence,
                                f.quantity, f.source)
        i = j - 1
    return out


def _magnitude(q: Quantity) -> float:
    """The 万/亿 a written number carries: 20万 -> 10000, 3.3 -> 1."""
    try:
        bare = float(q.digits)
    except ValueError:
        return 1.0
    return q.value / bare if bare and q.value != bare and re.search("[万亿萬億]", q.text) else 1.0


def _join_date(text, quantities, i, first, end, year: bool | None = True):
    """Extend a year (or month) figure over the month and day that follow it."""
    parts = [first.value]
    while i < len(quantities) and quantities[i].start == end:
        nxt = quantities[i]
        unit = _unit_after(text, nxt)
        if unit not in ("月", "日", "号"):
            break
        parts.append(nxt.value)
        end = nxt.end + len(unit)
        i += 1
    if year is None:
        parts.insert(0, 0)
    y, m, d = (parts + [0, 0])[:3]
    return "date", end, i, y * 10000 + m * 100 + d


def _main_place(mentions) -> str | None:
    counts: dict[str, int] = {}
    for _, _, name in mentions:
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _place_before(mentions, ends: list[int], begin: int, pos: int, main_place) -> str | None:
    """The last place named between ``begin`` (the figure's sentence) and ``pos`` (the
    figure), else the report's main place. ``mentions`` come in order of their
    (distinct) ``ends``, so those ending by ``pos`` are a prefix, searched backwards for
    one starting at ``begin`` or later; once a mention ends by ``begin``, no earlier
    one can start after it."""
    k = bisect.bisect_right(ends, pos)
    while k:
        k -= 1
        start, end, name = mentions[k]
        if end <= begin:
            break
        if start >= begin:
            return name
    return main_place
