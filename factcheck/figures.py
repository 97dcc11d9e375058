"""Figures: the one record of what each figure is and what it is about.

The quantity itself comes from the character-level grammar in numbers.py. The
figures stage adds, once per figure and from the lexicon data, everything a rule
compares: the unit and its family, the bounds the text allows, what the figure
counts, the place (with its level), period and comparison base, its role cues
and the 、 list it belongs to, and its clause and sentence from the document's
one segmentation. Rules only read these records.

jieba is used only on a short window around a figure, and only when a rule asks
for a field that needs it (``counts``, ``metric``): it glues 万/亿 to units and
mis-tags lone digits, so it is the wrong tool for the number itself.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import gazetteer, lexicon
from .document import HEADING_LINE, Document, clause_start, segments
from .numbers import COUNTED_AFTER_PLAN, FOLD_TRADITIONAL, NOT_HEDGE_JIN, YUE_WORDS, Quantity, scan
from .segment import tags as word_tags
from .segment import first_word, words
from .variants import changed, changed_at

class Kind:
    """What sort of figure it is: constants, so that a misspelt kind is an AttributeError
    rather than a comparison that is silently false (plain strings, as fast to compare as
    literals: an Enum member costs four times as much to look up, once per figure per rule)."""

    COUNT = "count"
    AMOUNT = "amount"
    PERCENT = "percent"
    RATIO = "ratio"
    RATE = "rate"
    DATE = "date"
    YEAR = "year"
    ORDINAL = "ordinal"
    RANGE = "range"
    OTHER = "other"


# --- the lexicon, read once ---------------------------------------------------------------------

UNIT_FAMILY: dict[str, str] = lexicon.table("units", "units", "family")
UNIT_SCALE: dict[str, float] = lexicon.table("units", "units", "scale")
CLASSIFIERS: tuple[str, ...] = lexicon.words("units", "classifiers")
NOUN_UNITS: dict[str, str] = {e["word"]: e["counts"] for e in lexicon.entries("units", "classifiers") if "counts" in e}
UNITS = tuple(sorted(set(UNIT_FAMILY) | set(CLASSIFIERS), key=len, reverse=True))
_UNIT_RE = re.compile("|".join(map(re.escape, UNITS)))
_NUMBER_THEN_UNIT = re.compile(r"[0-9]+(?:\.[0-9]+)?(?=" + "|".join(map(re.escape, UNITS)) + ")")


_NOT_PIECES = "钱零一二三四五六七八九十两半"  # after 块: yuan (3块钱, 三块五, 两块半)


def _counts_pieces(text: str, at: int) -> bool:
    """Whether the 块 before ``at`` counts pieces: a noun follows (3块金牌), or a number with its
    own unit (两块6米长); not 钱, a numeral (三块五) or a bare number (3块5), which make yuan."""
    c = text[at:at + 1]
    if c.isdigit():
        return _NUMBER_THEN_UNIT.match(text, at) is not None
    return "\u4e00" <= c <= "\u9fff" and c not in _NOT_PIECES
# unit -> family and classifier, looked up once per question rather than worked out
_FAMILIES: dict[str | None, str] = {**UNIT_FAMILY, **{c: "items" for c in CLASSIFIERS if c not in UNIT_FAMILY},
                                    **{c: "items" for c in NOUN_UNITS}, "%": "percent", "‰": "permille"}
_CLASSIFIER_OF = {u: ("个" if u in NOUN_UNITS else u) for u, fam in _FAMILIES.items() if fam == "items"}

MEASURE_FAMILIES = frozenset(("area", "length", "mass", "volume", "energy", "power", "temperature",
                              "transport:passenger", "transport:freight"))
TIME_FAMILIES = frozenset(("duration", "age", "calendar"))
_TERM_NOUNS = lexicon.words("cues", "term_nouns")
PERSONS = frozenset(u for u, fam in UNIT_FAMILY.items() if fam == "persons")
TIME_UNITS = tuple(u for u, fam in UNIT_FAMILY.items() if fam in TIME_FAMILIES)
POINTS = tuple(u for u, fam in UNIT_FAMILY.items() if fam == "points")

PLACE_LEVEL: dict[str, str] = lexicon.table("places", "suffixes", "level")
WHOLE_LEVEL: dict[str, str] = lexicon.table("places", "whole_prefixes", "level")
_PLACE_SUFFIXES = lexicon.alternation("places", "suffixes")
_ONE_CHARACTER_SUFFIXES = frozenset(w for w in lexicon.words("places", "suffixes") if len(w) == 1)
_NEVER_IN_PLACE = set(lexicon.value("places", "never_in_name"))
_NOT_A_PLACE_STEM = set(lexicon.value("places", "not_a_stem"))

_HEDGES_AFTER = {e["word"]: (e["low"], e["high"]) for e in lexicon.entries("cues", "hedges_after")}


def _hedge_after(text: str, end: int) -> str:
    """The two characters a hedge written after a unit would be (1000元左右, 6万户以上), over a
    及 or 或 before them (3家及以上机构, 60岁或以上)."""
    if text[end:end + 1] in ("及", "或"):
        end += 1
    return text[end:end + 2]

_HEDGES_BEFORE = {e["word"]: (e["low"], e["high"]) for e in lexicon.entries("cues", "hedges_before")}
_HEDGE_BEFORE_RE = re.compile(f"(?:{lexicon.alternation('cues', 'hedges_before')})$")
STRICT_HEDGES = frozenset(lexicon.words("cues", "strict_hedges"))
APPROXIMATIONS_BEFORE = frozenset(lexicon.words("cues", "approximations_before"))
HEDGE_DIRECTION: dict[str, str] = lexicon.table("cues", "hedge_directions", "direction")
_HEDGE_SIDE = lexicon.table("cues", "hedge_directions", "side")
_HEDGES_WRITTEN_BEFORE = frozenset(w for w, side in _HEDGE_SIDE.items() if side == "before")
HEDGE_BEFORE_LAST = frozenset(w[-1] for w in _HEDGES_WRITTEN_BEFORE)  # a hedge word before a number ends so
_HEDGES_WRITTEN_AFTER = frozenset(w for w, side in _HEDGE_SIDE.items() if side == "after" and len(w) > 1)
_WORDS_AFTER_DUO = frozenset("重元样维边彩")  # 超9862万多重疫情: 多重, 多元 are words, no hedge
_SHARE_FILLER_RE = re.compile(f"(?:{lexicon.alternation('cues', 'share_fillers')})+$")
_NOT_A_SUM_RE = re.compile(lexicon.alternation("cues", "not_a_sum") + "|每(?![年月周天日])")
_SHARE_OF_RE = re.compile(r"(?<![侵抢霸])占(?![用领据道有]|地(?!区))(?P<whole>[^，。；：、\d]{0,16}?)$")
ROLE_OF: dict[str, str] = lexicon.table("cues", "roles", "role")
_ROLE_RE = re.compile(lexicon.alternation("cues", "roles"))
_BASE_RE = re.compile(rf"(?:{lexicon.alternation('cues', 'bases')})(?:\d{{4}}年|[\u4e00-\u9fff]{{0,4}}?年)?")
_PERIOD_RE = re.compile(
    rf"(?:\d{{4}}年(?:底|末|初|[上下]半年|前?[一二三四]季度|\d{{1,2}}[-—－～~至到]\d{{1,2}}月)?"
    rf"|\d{{1,2}}[-—－～~至到]\d{{1,2}}月|近[一二三四五六七八九十两\d]+年|“?[十二][一二三四五六七八九]?五”?期间"
    rf"|{lexicon.alternation('cues', 'periods')})")
# A month on its own (3月, 3月份), not a day's date (5月26日) nor a range of months (1—3月). (The
# look-behind after the first digit: a pattern that opens with one is tried at every position.)
_MONTH_RE = re.compile(r"\d(?<![\d—－～~至到-].)\d?月份?(?![\d日号])")
_TERM_RE = re.compile(r"[\d一二三四五六七八九十两]+(?:年|个月|天)期")  # 30年期, 3个月期
_FIXED = lexicon.words("fixed", "expressions")
# The lookahead in front lets re skip to the places where one may start (the text is searched
# for them everywhere: 3x faster); the session patterns all begin with a Chinese digit.
_FIXED_RE = re.compile(f"(?=[{lexicon.first_characters('fixed', 'expressions')}一二三四五六七八九十])(?:"
                       + "|".join([lexicon.alternation("fixed", "expressions"),
                                   *lexicon.words("fixed", "session_patterns")]) + ")")
_GRADES = lexicon.words("fixed", "grade_suffixes")

COUNT_HEADS = lexicon.words("nouns", "count_heads")
_HEAD_RE = re.compile(
    "(?:" + "|".join(map(re.escape, sorted((h for h in COUNT_HEADS if len(h) > 1), key=len, reverse=True))) + ")"
    + "|[" + "".join(h for h in COUNT_HEADS if len(h) == 1) + "]"
    + "(?![" + lexicon.value("nouns", "qualifier_after_head") + "])")
METRIC_HEADS = lexicon.words("nouns", "metric_heads")
_QUALIFIER_AFTER = set(lexicon.value("nouns", "qualifier_after_head"))

_RANK_RE = re.compile("|".join(re.escape(w) + ("(?![民住家])" if len(w) == 1 else "")
                               for w, role in ROLE_OF.items() if role == "rank"))
_UNHEDGED = (Kind.YEAR, Kind.DATE, Kind.ORDINAL)  # a date or an ordinal takes no hedge after it
PER_WORDS = ("人均", "户均", "村均", "平均", "每")
# Words that end a noun phrase: function words and the 全部/都/均 of a whole.
_PHRASE_STOP = re.compile(r"[^\u4e00-\u9fff]|的|都|均|全部|至此|中有|已|分别|等|和|及|与|为|是|有|共|达|将|被|把|从|由|对")
_PHRASE_LEAD = re.compile(r"^(?:其中|包括|包含|含|中有|共有|共计|合计|总计|共|有|为|达|是|全[国省市县区乡镇村旗州盟]"
                          r"|[年月日])+")
_NOUN_TAIL = ("全部", "都", "均", "中", "已", "共", "总数")
_REST_OF_A_NUMERAL = re.compile(r"^[〇零一二三四五六七八九十]*[年月日号]?")


_LATIN_WORD = re.compile(r"[A-Za-z]{1,8}")
# 全县…, 白城市…: the whole or the place a clause opens with, not part of what a figure measures
LEADING_PLACE = re.compile(rf"^(?:{lexicon.alternation('places', 'whole_prefixes')}"
                           rf"|[\u4e00-\u9fff]{{2,3}}(?:{lexicon.alternation('places', 'suffixes')}))")
# What says a count is of the whole: 全县, 共有, 总计, 辖 …
WHOLE_WORDS = re.compile(rf"{lexicon.alternation('places', 'whole_prefixes')}|共有|共计|总计|合计|总数|辖|所有")
# A sentence that opens with one grade of a breakdown (省级6项…。1-12月份…完成率151.47%。市级5项…),
# or one industry of the three (第二产业…贡献率43.68%；第三产业…贡献率54.92%)
_GRADE_FIRST = re.compile(r"(?:^|[。；：\n])\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]?)?"
                          r"(?P<grade>[\u4e00-\u9fff]{1,4}级|第[一二三]产业)")
GRADE_BEFORE = 80  # characters: the grade's sentence may come right before the figure's


class _lazy:
    """A field worked out on first use and kept, like functools.cached_property, but in one
    side dict per figure: a value added to the figure's own __dict__ would unshare its keys
    and make it three times larger (20 MB more on a 5 MB corpus)."""

    def __init__(self, fn):
        self.fn, self.name, self.__doc__ = fn, fn.__name__, fn.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        cache = obj.__dict__["_lazy"]
        if cache is None:
            cache = obj.__dict__["_lazy"] = {}
        try:
            return cache[self.name]
        except KeyError:
            value = cache[self.name] = self.fn(obj)
            return value


@dataclass(frozen=True, eq=False)
class Figure:
    """One figure of a document: the record every rule reads. Offsets are on the
    normalised view; ``sentence`` and ``clause`` are (start, end) spans of it.

    value, low, high   the number in base units (1.65万 -> 16500), and the bounds a hedge
                       or range sets (None when the figure is exact)
    unit, family       what follows the numeral and what it can be compared with
                       (money, persons, households, area, …, points, times, items)
    scale, magnitude   the unit's factor to its family's base (吨 -> 1000 kg) and the
                       万/亿 written with the number (3.6亿元 -> 1e8)
    bounds             the values the text allows: hedges, then the precision written
                       (3.6亿元 -> 3.55亿..3.65亿); ``exact_bounds`` without the precision
    counts, head       what a count counts (国家扶贫开发工作重点县) and its head noun (县)
    metric             what the figure measures (贫困发生率), or what it counts
    place, place_level the place it is about, its level (county, township …) and
    place_parent       the division holding it (from the gazetteer), and
    place_from         where that came from: "sentence" (named before it in its sentence),
                       "whole" (全县 …: the report's place of that level), "heading", "report"
    period, base       2022年底, 前三季度 …; 同比, 比上年 …
    roles              cues before it: total, part, share, rate, average, change, rank
    averaged_or_net    an average, a rate per unit or a net figure: no sum of parts (日均, 净流入)
    fractional_count   things counted with a fraction (178.8点): index points, not things
    list_id, list_pos  the 、 list it is an item of (the first item's start), and where;
    item               the name 分别 pairs it with (A、B分别为x、y)
    change_of          the start of the figure right before it whose change it states
                       (营业收入15.74亿元，同比减少4.41%)
    stated_metric      what it measures as its statement names it: its metric, else its
                       list's (named before the first item) or that of the figure it changes
    rate_of            for a rate, the start of the count whose part its verb counts
                       (有扶贫车间29062个，目前已复工28660个，复工率98.6%: 29062个)
    sector, qualifier  the noun its clause opens with after the whole or place, and the
    grade              attributive clause before what it counts (全国|水路|共发送旅客;
                       全国|参加民主评议|的党员); the grade its sentence opens with (省级6项…)
    """

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
    source: str = field(repr=False, default="")  # the normalised text it was found in
    clause: tuple[int, int] = (0, 0)
    place_level: str | None = None
    list_id: int | None = None
    list_pos: int | None = None
    item: str | None = None
    place_from: str | None = None
    change_of: int | None = None
    rate_of: int | None = None

    def __init__(self, path: str, start: int, end: int, text: str, value: float, unit: str | None, kind: str,
                 approx: str | None, low: float | None, high: float | None, place: str | None,
                 sentence: tuple[int, int], quantity: Quantity, source: str = "", clause: tuple[int, int] = (0, 0),
                 place_level: str | None = None, list_id: int | None = None, list_pos: int | None = None,
                 item: str | None = None, place_from: str | None = None, change_of: int | None = None,
                 rate_of: int | None = None) -> None:
        # Written out rather than generated: a frozen dataclass's own __init__ sets each
        # field through object.__setattr__, three times slower, and there is one per figure.
        d = self.__dict__
        d["path"] = path; d["start"] = start; d["end"] = end; d["text"] = text  # noqa: E702
        d["value"] = value; d["unit"] = unit; d["kind"] = kind; d["approx"] = approx  # noqa: E702
        d["low"] = low; d["high"] = high; d["place"] = place; d["sentence"] = sentence  # noqa: E702
        d["quantity"] = quantity; d["source"] = source; d["clause"] = clause  # noqa: E702
        d["place_level"] = place_level; d["list_id"] = list_id; d["list_pos"] = list_pos  # noqa: E702
        d["item"] = item; d["place_from"] = place_from; d["change_of"] = change_of  # noqa: E702
        d["rate_of"] = rate_of
        # What the figure can be added to or compared with (a unit family, percent, permille,
        # items for a classifier, or None), and the classifier of a count of things (12村
        # counts like 12个村): read so often that they are plain attributes.
        d["family"] = _FAMILIES.get(unit); d["classifier"] = _CLASSIFIER_OF.get(unit)  # noqa: E702
        d["_lazy"] = None  # the fields worked out on first use (_lazy below)

    @property
    def digits(self) -> str:
        return self.quantity.digits if self.quantity is not None else ""

    # --- unit and family ---

    @property
    def scale(self) -> float:
        return UNIT_SCALE.get(self.unit, 1.0)

    @property
    def magnitude(self) -> float:
        """The 万/亿 a written number carries: 20万 -> 10000, 3.3 -> 1."""
        q = self.quantity
        if q is None or not q.digits:
            return 1.0
        try:
            bare = float(q.digits)
        except ValueError:
            return 1.0
        return q.value / bare if bare and q.value != bare and re.search("[万亿萬億千百]", q.text) else 1.0

    def same_measure(self, other: "Figure") -> bool:
        """Could the two be figures of one measure: one family (and, for things
        counted, one classifier and no two different head nouns)?"""
        if self.family is None or self.family != other.family:
            return False
        if self.family != "items":
            return True
        if self.classifier != other.classifier:
            return False
        return self.head is None or other.head is None or self.head == other.head

    # --- how exact it is ---

    @property
    def precision(self) -> float:
        """Half a unit of the last written digit, in base units: 44.6% -> 0.05, 20.1万 -> 500,
        2400 -> 0.5; 0 for a number written in Chinese numerals."""
        digits = self.digits
        if not digits:  # Chinese numerals: half a unit of the last non-zero place (二十万 -> 5万)
            whole = abs(int(self.value)) if float(self.value).is_integer() else 0
            place = 1
            while whole and whole % (place * 10) == 0:
                place *= 10
            return 0.5 * place if whole else 0.0
        try:
            bare = float(digits)
        except ValueError:
            return 0.0
        decimals = len(digits.partition(".")[2])
        if not bare:  # 0.0%: half a unit of its last digit all the same
            return 0.5 * 10 ** -decimals if decimals else 0.0
        return 0.5 * 10 ** -decimals * abs(self.value / bare)

    @property
    def rounded(self) -> bool:
        """Written to a rounded place (a decimal point or 万/亿), so it stands for a range."""
        return "." in self.digits or self.magnitude > 1.5

    @_lazy
    def exact_bounds(self) -> tuple[float, float]:
        """The values the hedges allow (余, 近, 约, 超过, 以上, 以下, 不到 …), the number as written."""
        low = self.low if self.low is not None else self.value
        high = self.high if self.high is not None else self.value
        if self.approx and self.low is not None and self.high is None:
            high = math.inf
        text = self.source
        before = _HEDGE_BEFORE_RE.search(text, max(0, self.start - 3), self.start) if text else None
        after = _HEDGES_AFTER.get(_hedge_after(text, self.end)) if text else None
        for factors in (before and _HEDGES_BEFORE[before.group()], after):
            if factors:
                lo, hi = factors
                low = self.value * lo if lo != "" else (0.0 if self.value >= 0 else -math.inf)
                high = self.value * hi if hi != "" else math.inf
        return low, high

    @_lazy
    def hedge(self) -> str | None:
        """The hedge word that sets the bounds (超过, 近, 约, 不到, 以上 …), or None."""
        text = self.source
        if text:
            after = _hedge_after(text, self.end)
            if after in _HEDGES_AFTER:
                return after
            before = _HEDGE_BEFORE_RE.search(text, max(0, self.start - 3), self.start)
            if before:
                return before.group()
        return self.approx

    @_lazy
    def hedges(self) -> tuple[tuple[str, int], ...]:
        """Every hedge word written with the number, with where it starts, in text order:
        近370多万个 -> 近, 多; 约近40分钟左右 -> 约, 近, 左右 (the lexicon's hedge_directions)."""
        text = self.source
        if not text or self.quantity is None:
            return ()
        found = []
        at = self.start
        for size in (2, 1):  # numbers.scan keeps 约 and 近 in the figure
            if text[at:at + size] in _HEDGES_WRITTEN_BEFORE:
                found.append((text[at:at + size], at))
                break
        for _ in range(2):  # and up to two written right before it (约|近)
            word = next((text[at - k:at] for k in (2, 1) if at >= k and text[at - k:at] in _HEDGES_WRITTEN_BEFORE), None)
            if word is None or word == "约" and text[at - 2:at - 1] in YUE_WORDS \
                    or word == "近" and (self.family in TIME_FAMILIES or text[at - 2:at - 1] in NOT_HEDGE_JIN):
                break  # 节约50%; 近十多年 (recent years, as numbers.scan reads 近三年); 附近超1000名
            at -= len(word)
            found.insert(0, (word, at))
        suffix = self.text.find(self.approx) if self.approx in ("多", "余") else -1
        if suffix > 0 and text[self.start + suffix + 1:self.start + suffix + 2] not in _WORDS_AFTER_DUO:
            found.append((self.approx, self.start + suffix))
        if text[self.end - 2:self.end] in _HEDGES_WRITTEN_AFTER:  # its own 左右
            found.append((text[self.end - 2:self.end], self.end - 2))
        if text[self.end:self.end + 2] in _HEDGES_WRITTEN_AFTER:
            found.append((text[self.end:self.end + 2], self.end))
        return tuple(found)

    @property
    def strict(self) -> bool:
        """The hedge leaves out the number itself (超过六成 is not 60%)."""
        return self.hedge in STRICT_HEDGES

    @property
    def approximate(self) -> bool:
        """A word before the number makes it an approximation (约, 近, 逾, 超过, and 超, which
        the number scanner leaves out of the figure), not a bound (至少, 不到)."""
        before = self.source[self.start - 1:self.start]
        # (a 约 or 近 that numbers.scan left out ends a word: 签约120个, 最近5年)
        return self.approx in APPROXIMATIONS_BEFORE or before in APPROXIMATIONS_BEFORE and before not in "约近"

    @_lazy
    def share_of(self) -> str | None:
        """The whole a share names, after 占 in its clause: 占总收入的45% -> 总收入,
        占全国比重36.4% -> 全国; None when it names none (占比45%) or is no share."""
        if self.kind != Kind.PERCENT or self.unit not in ("%", "‰") or not self.source:
            return None
        end = self.list_id if self.list_id is not None else self.start  # 分别占总收入的60%、30%
        m = _SHARE_OF_RE.search(self.source, self.clause[0], end)
        if not m:
            return None
        whole = m.group("whole")
        filler = _SHARE_FILLER_RE.search(whole)
        whole = whole[:filler.start()] if filler else whole
        return whole if len(whole) >= 2 and not whole.startswith("比") else None

    @property
    def bounds(self) -> tuple[float, float]:
        """The values the figure as written allows: hedges, ranges and the precision of a
        rounded number (1.2475+3.6+2.03 = 6.88 holds with 3.6 read as 3.55..3.65)."""
        low, high = self.exact_bounds
        slack = self.precision if self.rounded else 0.0
        return low - slack, high + slack

    @property
    def base_bounds(self) -> tuple[float, float]:
        """``bounds`` in the family's base unit (亩 and 公顷 both in square metres)."""
        low, high = self.bounds
        return low * self.scale, high * self.scale

    @property
    def base_value(self) -> float:
        return self.value * self.scale

    @property
    def fractional_count(self) -> bool:
        """Things counted, written with a fraction (指数为178.8点): points of an index or a
        score, not a number of things."""
        return self.family == "items" and not float(self.value).is_integer()

    @_lazy
    def averaged_or_net(self) -> bool:
        """An average or a rate per unit (日均11243列, 每亩375.2公斤, 小麦单产; but 每年投入5000万元
        is a year's sum) or a net figure (净流入173亿美元): no sum of the parts the text gives."""
        return bool(self.source) and _NOT_A_SUM_RE.search(self.source, self.clause[0], self.start) is not None

    @property
    def size_word(self) -> bool:
        """千人大会, 万亩良田: a bare 十/百/千/万/亿 that names a size, not a count."""
        q = self.quantity
        return q is not None and q.chinese and q.text in ("十", "百", "千", "万", "亿")

    # --- what it is about ---

    @property
    def metric_head(self) -> str | None:
        """The metric head word the metric ends in (收入 of 信息技术服务收入, 总额 of 利润总额)."""
        metric = self.metric or ""
        return max((h for h in METRIC_HEADS if metric.endswith(h)), key=len, default=None)

    def same_metric(self, other: "Figure") -> bool:
        """False when both name what they measure and the two cannot be one thing:
        利润总额 and 信息技术服务收入; but 收入总额 and 税收收入 may be a whole and its part."""
        a, b = self.metric_head, other.metric_head
        if not a or not b or a == b:
            return True
        return a in (other.metric or "") or b in (self.metric or "")

    @property
    def place_parent(self) -> str | None:
        """The division that holds the figure's place (洮北区 -> 白城市), from the gazetteer."""
        known = gazetteer.lookup(self.place)
        return known[1] if known else None

    @property
    def subject(self) -> str | None:
        """What the figure is of: what it counts, else what it measures."""
        return self.counts or self.metric

    @property
    def word_after(self) -> str:
        """The one or two Chinese characters right after the figure, up to a mark, or the
        Latin letters there (of a unit we have not: 1.7万|P), or "": what a figure without
        a unit counts begins there (30万|片近8万人, 550万|果农持续增收, 167万|例，)."""
        source, end = self.source, self.end
        match = _LATIN_WORD.match(source, end)
        if match:
            return match.group()
        after = source[end:end + 2]
        k = 0
        while k < len(after) and "\u4e00" <= after[k] <= "\u9fff":
            k += 1
        return after[:k]

    @property
    def is_term(self) -> bool:
        """A length of time written as an attribute, not a quantity of its own: 30年期国债,
        3个月期存款, 182天记账式贴现国债, 7天逆回购 (so 550亿元30年期 is two figures Chinese
        writes together)."""
        return self.family in TIME_FAMILIES and self.source.startswith(_TERM_NOUNS, self.end)

    @_lazy
    def counts(self) -> str | None:
        """What a count counts: the noun phrase after its classifier up to its head noun
        (5个|国家扶贫开发工作重点县, 3个|村级卫生室, 85个|贫困村全部出列 -> 贫困村), else the
        noun phrase before it (全县共有贫困村|82个 -> 贫困村)."""
        if self.family not in ("items", "persons", "households", "visits") or self.quantity is None:
            return None
        return noun_after(self.source, self.end, self.family == "items") or noun_before(self.source, self.start) or None

    @_lazy
    def head(self) -> str | None:
        """The head noun of what a thing-count counts (村 of 贫困村, 县 of 重点县)."""
        if self.family != "items":
            return None
        if self.unit in NOUN_UNITS:
            return NOUN_UNITS[self.unit]
        if self.unit != "个":
            return None
        return head_noun(self.counts or "")

    @_lazy
    def metric(self) -> str | None:
        """What the figure counts or measures (贫困村, 贫困发生率)."""
        if self.kind in (Kind.YEAR, Kind.DATE, Kind.OTHER, Kind.RANGE) or self.unit in TIME_UNITS:
            return None
        if self.kind in (Kind.COUNT, Kind.ORDINAL):
            return self.counts or metric_before(self.source, self.start)
        return metric_before(self.source, self.start)

    @_lazy
    def stated_metric(self) -> str | None:
        """What the figure measures where its statement names it: its own metric, else what its
        、 list measures, named before the first item only (合结钢收入同比变动幅度分别为26.8%、…、
        -106.44%), else what the figure it states the change of measures (营业收入15.74亿元，同比减少
        4.41%)."""
        if self.metric:
            return self.metric
        for at in (self.list_id, self.change_of):
            if at is not None and at != self.start:
                found = metric_before(self.source, at)
                if found:
                    return found
        return None

    @_lazy
    def period(self) -> str | None:
        """The period the figure is stated for, named before it in its sentence (2022年底,
        前三季度, 1—10月, "十四五"期间), or None."""
        if self.kind in (Kind.YEAR, Kind.DATE):
            return None
        found = segments(self.source).matches(_PERIOD_RE)  # found once in the text, not per figure
        return found.last(clause_start(self.source, self.start, "full"), self.start) if found else None

    @_lazy
    def month(self) -> str | None:
        """A month named on its own before the figure in its sentence (特别是3月，…4818户: a
        month's figure, not the quarter's before it), or None."""
        found = segments(self.source).matches(_MONTH_RE)
        return found.last(self.sentence[0], self.start) if found else None

    @_lazy
    def terms(self) -> frozenset[str]:
        """The terms named before the figure in its sentence (30年期710亿元，利率为1.88%: the
        30-year bond's rate, not the 5-year one's)."""
        found = segments(self.source).matches(_TERM_RE)
        return frozenset(found.within(self.sentence[0], self.start)) if found else frozenset()

    @_lazy
    def base(self) -> str | None:
        """The comparison base a change is stated against (同比, 比上年, 比2015年), from its clause."""
        found = None
        for m in _BASE_RE.finditer(self.source, self.clause[0], self.start):
            if m.group() != "比":
                found = m.group()
        return found

    @_lazy
    def roles(self) -> frozenset[str]:
        """Role cues in the clause before the figure, and from the figure itself: total,
        part, share, rate, average, change, rank."""
        text = self.source
        found = {ROLE_OF[m.group()] for m in _ROLE_RE.finditer(text, self.clause[0], self.start)
                 # 下降到: a new value; 增加值: value added, no change
                 if not (ROLE_OF[m.group()] == "change" and text[m.end():m.end() + 1] in "到至为值")}
        if text[self.clause[0]:self.start].startswith(tuple(WHOLE_LEVEL)):
            found.add("total")
        if self.kind == Kind.RATE:
            found.add("average")
        if self.family in ("points", "times") and "rate" in found:
            found.add("change")
        if self.kind == Kind.ORDINAL or text[self.end:self.end + 1] in ("位", "名") and text[self.start - 1:self.start] == "第":
            found.add("rank")
        if self.list_id is not None:
            found.add("list")
        return frozenset(found)

    @_lazy
    def sector(self) -> str | None:
        """The noun its clause opens with after the whole or place, when that is not part of
        what it counts or measures: the sector it is of (全国|水路|共发送旅客 -> 水路,
        全国|民航|共运送旅客 -> 民航)."""
        before = self.source[self.clause[0]:self.start]
        whole = LEADING_PLACE.match(before)
        if not whole:
            return None
        first = first_word(before[whole.end():])
        rest = before[whole.end() + len(first):]
        tag = word_tags().get(first, "")
        return first if len(first) >= 2 and (tag[:1] == "n" or tag == "j") and first not in (self.metric or "") \
            and rest else None

    @_lazy
    def qualifier(self) -> str | None:
        """The attributive clause before what it counts or measures, in its own clause
        (参加民主评议的党员 -> 参加民主评议), or None (全县的 names only the place)."""
        metric = self.metric
        clause = self.source[self.clause[0]:self.clause[1]]
        at = clause.find("的" + metric) if metric else -1
        if at <= 0:
            return None
        return WHOLE_WORDS.sub("", re.split(r"[\d，、：]", clause[:at])[-1]) or None

    @_lazy
    def grade(self) -> str | None:
        """The grade its sentence, or the one before it, opens with: one level of a breakdown
        (省级6项…完成率151.47%。市级5项…) or one of the three industries (第二产业…贡献率43.68%)."""
        found = segments(self.source).matches(_GRADE_FIRST).last_match(max(0, self.sentence[0] - GRADE_BEFORE),
                                                                         self.start)
        return found.group("grade") if found else None

    def to_dict(self, doc: Document) -> dict:
        span = doc.span(self.start, self.end)
        low, high = self.bounds
        return {
            "path": self.path, "start": span.start, "end": span.end, "text": span.text,
            "value": _plain(self.value), "unit": self.unit, "kind": self.kind, "approx": self.approx,
            "low": self.low, "high": self.high,
            "bounds": [_plain(low) if math.isfinite(low) else None, _plain(high) if math.isfinite(high) else None],
            "family": self.family, "scale": self.scale, "magnitude": _plain(self.magnitude),
            "counts": self.counts, "head": self.head, "metric": self.metric,
            "place": self.place, "place_level": self.place_level, "place_from": self.place_from,
            "place_parent": self.place_parent, "period": self.period, "base": self.base,
            "roles": sorted(self.roles), "hedge": self.hedge, "share_of": self.share_of, "list": None if self.list_id is None else {
                "id": doc.span(self.list_id, self.list_id).start, "position": self.list_pos, "item": self.item},
            "clause": list(doc.original_range(*self.clause)), "sentence": list(doc.original_range(*self.sentence)),
            "line": span.line, "column": span.column,
        }


def _plain(x: float):
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


# --- what a figure counts or measures: one algorithm each -----------------------------------

def head_noun(phrase: str) -> str | None:
    """The head noun a noun phrase ends in: 国家扶贫开发工作重点县 -> 县, 村级卫生室 -> 室."""
    heads = _HEAD_RE.findall(phrase)
    return heads[-1] if heads else None


def _is_nounish(word: str, tags: dict) -> bool:
    tag = tags.get(word)
    if tag is None:
        return len(word) >= 2 and not word.isascii()
    return tag[0] in "nl" or tag in ("vn", "an")


def noun_after(text: str, end: int, any_noun: bool = True) -> str:
    """The noun phrase right after a classifier, up to its head noun: 53个|贫困村出列 ->
    贫困村. Without a head noun from the lexicon, and if ``any_noun``, the run of
    nouns jieba finds there (15个|省份 -> 省份)."""
    window = text[end:end + 16]
    stop = _PHRASE_STOP.search(window)
    window = window[:stop.start()] if stop else window
    if not window:
        return ""
    m = None
    for m in _HEAD_RE.finditer(window):
        break
    if m:
        return window[:m.end()]
    if not any_noun or window[0].isdigit():
        return ""
    noun = _noun_run(window[:10])
    while noun.endswith(_NOUN_TAIL):
        noun = noun[:-next(len(t) for t in _NOUN_TAIL if noun.endswith(t))]
    return noun if len(noun) >= 2 else ""


def noun_before(text: str, start: int, floor: int | None = None) -> str:
    """The words that end at ``start`` after the last function word, with leading cue
    words dropped: 其中建档立卡贫困户|9291户 -> 建档立卡贫困户."""
    begin = max(segments(text).start(start), start - 12) if floor is None else floor
    window = text[begin:start]
    stops = list(_PHRASE_STOP.finditer(window))
    if stops and stops[-1].group().isdigit() and _UNIT_RE.fullmatch(window, stops[-1].end()):
        return ""  # 7001户|12736人: the unit of the figure before, not a noun
    if stops:
        window = window[stops[-1].end():]
        if stops[-1].group() == "〇":  # 二〇〇七年|第四次: the stop was a date's zero, not its end
            window = _REST_OF_A_NUMERAL.sub("", window)
    window = _PHRASE_LEAD.sub("", window)
    heads = list(_HEAD_RE.finditer(window))
    if heads:  # 建档立卡贫困人口累计实现 -> 建档立卡贫困人口
        window = window[:heads[-1].end()]
    if len(window) >= 4:  # 实施续建扶贫产业项目 -> 续建扶贫产业项目
        tags = word_tags()
        verb = next((k for k in (2, 3) if tags.get(window[:k], "")[:1] == "v" and len(window) - k >= 2), 0)
        window = window[verb:]
    return window if len(window) >= 2 else ""


def _noun_run(window: str) -> str:
    """The nouns a window starts with, read off the dictionary longest word first
    (省份, 党政机关): a cheap stand-in for segmenting it."""
    tags = word_tags()
    i = 0
    while i < len(window):
        k = next((k for k in (4, 3, 2) if _is_nounish_word(window[i:i + k], tags)), 0)
        if not k:
            break
        i += k
    return window[:i]


def _is_nounish_word(word: str, tags: dict) -> bool:
    tag = tags.get(word)
    return tag is not None and (tag[0] in "nl" or tag in ("vn", "an"))


_WHOLE_PREFIXES = tuple(WHOLE_LEVEL) + ("其中",)
_HEAD_PHRASE_BOUNDARY = set("的和及与、由从在将使均等达为到了是对把被以其或共")


@lru_cache(maxsize=4096)  # (a text that states one metric again and again asks again: 出生率为 …)
def _head_phrase(window: str) -> str | None:
    """The phrase ending in the last metric head (率, 比例, 资金 …) of the window:
    村屯道路硬化率达到 -> 村屯道路硬化率."""
    best = max((window.rfind(h) + len(h) for h in METRIC_HEADS if h in window), default=-1)
    if best < 0:
        return None
    begin = best
    while begin > 0 and best - begin < 12 and window[begin - 1] not in _HEAD_PHRASE_BOUNDARY \
            and "\u4e00" <= window[begin - 1] <= "\u9fff":
        begin -= 1
    if begin and window[begin - 1] == "其" and window[begin] == "中" and best - begin > 2:
        begin += 1  # 其中税收收入: the 中 of 其中 (其 is a boundary), not the metric's
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
    window = text[max(segments(text).start(start, "item"), start - 30):start]
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


# --- places ---------------------------------------------------------------------------------

_PLACE_SUFFIX = re.compile(f"(?:{_PLACE_SUFFIXES})$")
_PLACE_SUFFIX_ANYWHERE = re.compile(_PLACE_SUFFIXES)


@lru_cache(maxsize=4096)
def place_level(name: str | None) -> str | None:
    """The level of a place: from the gazetteer when it knows the name (洮南市 is a
    county-level city), else from its suffix (洮北区 -> county), or None."""
    if not name:
        return None
    known = gazetteer.lookup(name)
    if known and known[0]:
        return known[0]
    m = _PLACE_SUFFIX.search(name)
    return PLACE_LEVEL[m.group()] if m else None


_SLOGAN_COUNTIES = frozenset(lexicon.words("places", "slogan_counties"))
_PLACE_NAMES: dict[tuple[str, str], str | None] = {}  # (candidate, suffix) -> name: reports repeat their places


def _place_name(candidate: str, tags: dict, suffix: str) -> str | None:
    """The tail of ``candidate`` that reads as a place name: the longest name the
    gazetteer knows (乳源瑶族自治县), else one the dictionary knows as a place, else a
    two-character stem that is no word of its own (镇赉县, 通榆县), where neither 园区
    nor 下乡 nor 重点县 qualify."""
    key = (candidate, suffix)
    if key not in _PLACE_NAMES:
        if len(_PLACE_NAMES) > 100_000:
            _PLACE_NAMES.clear()
        _PLACE_NAMES[key] = _read_place_name(candidate, tags, suffix)
    return _PLACE_NAMES[key]


def _read_place_name(candidate: str, tags: dict, suffix: str) -> str | None:
    stem_all = candidate[:-len(suffix)]
    known = gazetteer.divisions()
    for size in range(len(stem_all), 1, -1):
        name = stem_all[-size:] + suffix
        if name in known and _NEVER_IN_PLACE.isdisjoint(name):
            return name
    # a county of one character (易县, 蠡县, 歙县) the gazetteer knows, where that character
    # ends no word (容易县 is none; 代表易县 is)
    if suffix == "县" and stem_all[-1] + suffix in known and (len(stem_all) == 1 or stem_all[-2:] not in tags) \
            and stem_all[-1] not in _NEVER_IN_PLACE and stem_all[-1] + suffix not in _SLOGAN_COUNTIES:
        return stem_all[-1] + suffix
    for size in range(2, min(4, len(stem_all)) + 1):
        name = stem_all[-size:] + suffix
        if tags.get(name, "")[:2] in ("ns", "nr") and _NEVER_IN_PLACE.isdisjoint(name):
            return name
    stem = stem_all[-2:]
    if (len(stem) < 2 or not _NEVER_IN_PLACE.isdisjoint(stem) or stem[0] in _NOT_A_PLACE_STEM
            or (stem in tags and not tags[stem].startswith("ns"))
            # 经济大省, 新型城镇: the stem begins inside a word; 广东省地区, 吉林省镇: it ends a place
            or len(stem_all) > 2 and tags.get(stem_all[-3:-1], "ns")[:2] not in ("ns", "nr")
            or stem[-1] in _ONE_CHARACTER_SUFFIXES
            or tags.get(stem + suffix, "ns")[:2] not in ("ns", "nr")  # 棚户区, a word of its own
            or tags.get(stem[-1] + suffix[0], "ns")[:2] != "ns"
            or tags.get(stem[-1], "n")[0] in "vdpcu"):
        return None
    return stem + suffix


@lru_cache(maxsize=2048)  # rules ask again for the text figures were extracted from
def places(text: str) -> tuple[tuple[int, int, str], ...]:
    """Place-name mentions (start, end, name), e.g. 洮北区, 白城市, 田东县."""
    tags = word_tags()
    found = []
    for m in _PLACE_SUFFIX_ANYWHERE.finditer(text):
        start, end = m.span()
        if start == 0 or text[start - 1] in _NEVER_IN_PLACE:  # 全区, 该县
            continue
        if text[end - 1:end + 1] in tags or text[end:end + 1] in _QUALIFIER_AFTER:
            continue  # 乡村, 县市, 市场: the suffix begins another word; 村级, 县直: it qualifies one
        begin = start
        while begin > 0 and start - begin < 6 and "\u4e00" <= text[begin - 1] <= "\u9fff":
            begin -= 1  # six: 乳源瑶族自治县 (a stem of more than four only when the gazetteer has it)
        if end - begin < 3 and text[begin:end] not in gazetteer.divisions():  # (易县 opening a sentence)
            continue
        name = _place_name(text[begin:end], tags, m.group())
        if name:
            found.append((end - len(name), end, name))
    extra = gazetteer.extra_pattern()  # the places of the user's gazetteer file, as written
    if extra is not None:
        known = {(s, e) for s, e, _n in found}
        added = [(m.start(), m.end(), m.group()) for m in extra.finditer(text) if m.span() not in known]
        if added:
            found = sorted(set(found) | set(added), key=lambda f: (f[1], f[0]))
            found = [f for k, f in enumerate(found) if k == 0 or f[1] != found[k - 1][1]]  # one mention per end
    return tuple(found)


def _headings(text: str, mentions) -> tuple[list[int], list[str]]:
    """(starts, places) of heading lines that name a place: a short line with no
    sentence punctuation, whose place governs the figures below it."""
    starts, names = [], []
    if not mentions:
        return starts, names
    ends = [e for _s, e, _n in mentions]
    for m in HEADING_LINE.finditer(text):
        k = bisect.bisect_right(ends, m.end())
        while k and mentions[k - 1][0] >= m.start():
            starts.append(m.start())
            names.append(mentions[k - 1][2])
            break
    return starts, names


_WHOLE_RE = re.compile(lexicon.alternation("places", "whole_prefixes"))
_OUR_COUNTRY = re.compile("我国")


def _place_of(start, sentence_start, mentions, mention_ends, wholes, heading_starts, heading_places, main_place,
              main_of_level):
    """(place, level, where from): a place named earlier in the sentence; else 全县 … (the
    report's main place when it is of that level); else the heading above; else the report's.
    ``wholes`` are the (start, level) of the document's 全县 …, in order."""
    place = _place_before(mentions, mention_ends, sentence_start, start) if mentions else None
    if place:
        return place, place_level(place), "sentence"
    k = bisect.bisect_left(wholes, (start,)) if wholes else 0
    if k and wholes[k - 1][0] >= sentence_start:
        _start, level, suffix = wholes[k - 1]
        # 全市 in a report about a county of that city: the city most named; but 全市 in a county-level
        # city's own report (安国市) is that city
        if main_place and (place_level(main_place) == level or suffix and main_place.endswith(suffix)):
            return main_place, place_level(main_place), "whole"
        return main_of_level.get(level), level, "whole"
    if heading_starts:
        h = bisect.bisect_right(heading_starts, start)
        if h:
            return heading_places[h - 1], place_level(heading_places[h - 1]), "heading"
    return main_place, place_level(main_place), "report" if main_place else None


_LEVEL_RANK = {"village": 0, "township": 1, "county": 2, "prefecture": 3, "province": 4, "country": 5}


def _report_place(main_place: str | None, main_of_level: dict[str, str], wholes) -> str | None:
    """The place the report is about: the one it names most; but where it says 全县 (or 全镇 …) more
    than any other such word, and the place named most is above that level (河北省 in a county's
    report that never names itself), the place of that level it names most, if any."""
    if not main_place or not wholes:
        return main_place
    counts: dict[str, int] = {}
    for _start, level, _suffix in wholes:
        counts[level] = counts.get(level, 0) + 1
    own = max(counts, key=counts.get)
    if _LEVEL_RANK.get(place_level(main_place), -1) > _LEVEL_RANK.get(own, 9):
        return main_of_level.get(own)
    return main_place


def _main_place(mentions) -> str | None:
    counts: dict[str, int] = {}
    for _, _, name in mentions:
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _main_of_level(mentions) -> dict[str, str]:
    """level -> the place of that level the report names most (the first named on a tie)."""
    counts: dict[str, int] = {}
    for _, _, name in mentions:
        counts[name] = counts.get(name, 0) + 1
    best: dict[str, str] = {}
    for name, n in counts.items():
        level = place_level(name)
        if level and (level not in best or n > counts[best[level]]):
            best[level] = name
    return best


def _place_before(mentions, ends: list[int], begin: int, pos: int) -> str | None:
    """The last place named between ``begin`` (the figure's sentence) and ``pos`` (the
    figure). ``mentions`` come in order of their (distinct) ``ends``, so those ending by
    ``pos`` are a prefix, searched backwards for one starting at ``begin`` or later."""
    k = bisect.bisect_right(ends, pos)
    while k:
        k -= 1
        start, end, name = mentions[k]
        if end <= begin:
            break
        if start >= begin:
            return name
    return None


# --- the extraction -------------------------------------------------------------------------

_MAGNITUDES = ("万", "亿")
# 京ICP备12345678号, 京公网安备11010502000001号; not 设备120台, 储备50万吨 (备 alone is no cue)
_CODE_CUE = re.compile(r"(ICP备|网安备|备案号|电话|热线|编号|证号|码|代码|邮编|QQ)[：:]?\s*$")
_CODE_CUE_LAST = frozenset("备话线号码编Q")  # the last characters of those cues: one ends the context


def _is_code(text: str, q: Quantity) -> bool:
    """Identifiers that are digits but not figures: ICP numbers, phone numbers, IE8."""
    start = q.start
    before = text[start - 1:start] if start else ""
    after = text[q.end:q.end + 1]
    if before.isascii() and before.isalpha():
        return True
    if after.isascii() and after.isalpha() and not q.text.endswith(_MAGNITUDES):
        # 120km is a figure, and 1.7万P (a unit of Latin letters we have not: no name has 万 or 亿);
        # IE8, 5G and iPhone12 are names
        unit = _UNIT_RE.match(text, q.end)
        next_char = text[unit.end():unit.end() + 1] if unit else ""
        if not (unit and unit.group().isascii() and not (next_char.isascii() and next_char.isalpha())):
            return True
    digits = q.digits
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return True
    context = text[start - 8 if start > 8 else 0:start]
    tail = context.rstrip()[-2:]  # a cue's last character, maybe a colon after it
    if tail and (tail[-1] in _CODE_CUE_LAST or tail[-1] in "：:" and tail[:-1] in _CODE_CUE_LAST) \
            and _CODE_CUE.search(context):
        return True
    if after == "号" and len(digits) >= 5:
        return True
    if (before and before in "/=_#") or text.startswith((".png", ".jpg", ".htm", ".shtml"), q.end):
        return True  # a number in a link or a file name
    if before == "[" and after == "]":
        return True  # a footnote mark
    if (not start or before == "\n") and after in ("、", ".") and q.value < 100 and not q.percent and "." not in digits:
        return True  # a list number at the head of a paragraph: 1、 2. (not 37.0%、 after a line break)
    bare = q.chinese and q.text in ("十", "百", "千", "万", "亿", "万亿")
    return bare and (before == "每" or text.startswith("级", q.end))  # 每千人口, 万亿级: no count


def _fixed_spans(text: str) -> list[tuple[int, int]]:
    """Fixed expressions (十九大, 两不愁三保障 …) in the text: numerals inside are no figures."""
    if not any(c in text for c in "一二两三四五六七八九十"):
        return []
    return [m.span() for m in _FIXED_RE.finditer(text)
            if not (m.group()[-1] == "五" and text[m.end():m.end() + 1] in COUNTED_AFTER_PLAN)]  # 十四五岁


# The traditional characters numbers.FOLD_TRADITIONAL reads (OpenCC's t2s changes each); the
# figure's text stays as written.
_TRADITIONAL_CHARS = frozenset("萬億兩餘點個戶項處條類種間臺輛畝噸歲週隊組屆級層張頭隻筆裡縣區鎮鄉")


# The kind a unit gives a plain figure: money an amount, a measure or no unit other, the rest counts.
_KIND_OF_UNIT = {None: Kind.OTHER, **{u: Kind.AMOUNT for u, fam in UNIT_FAMILY.items() if fam.startswith("money")},
                 **{u: Kind.OTHER for u, fam in UNIT_FAMILY.items() if fam in MEASURE_FAMILIES}}


def _kind(text: str, q: Quantity, unit: str | None) -> str:
    if q.ordinal:
        return Kind.ORDINAL
    if q.is_range:
        return Kind.RANGE
    if q.percent or q.permille or unit in POINTS:
        return Kind.PERCENT
    if q.fraction or unit == "倍":
        return Kind.RATIO
    if unit == "年" and 1900 <= q.value <= 2100 and q.value.is_integer() and len(q.digits or "xxxx") == 4:
        return Kind.YEAR
    if unit in ("月", "日", "号") and q.value.is_integer() and 1 <= q.value <= (12 if unit == "月" else 31):
        return Kind.DATE  # 3月, 25日; but 百日攻坚 counts days
    start = q.start  # 人均, 户均, 平均 or 每 (the PER_WORDS) right before
    before = text[start - 1:start] if start else ""
    if before == "每" or before == "均" and text[start - 2:start] in PER_WORDS:
        return Kind.RATE
    return _KIND_OF_UNIT.get(unit, Kind.COUNT)


def _unit_after(text: str, q: Quantity) -> str | None:
    if q.percent:
        return "%"
    if q.permille:
        return "‰"
    m = _UNIT_RE.match(text, q.end)
    return m.group(0) if m else None


def extract(doc: Document) -> list[Figure]:
    written = doc.norm
    # the scan for traditional characters is mixed-script's too (variants.changed_at keeps it)
    if changed("t2s"):
        traditional = any(written[p] in _TRADITIONAL_CHARS for p in changed_at(written))
    else:  # OpenCC cannot be loaded (a warning said so)
        traditional = not _TRADITIONAL_CHARS.isdisjoint(written)
    text = written.translate(FOLD_TRADITIONAL) if traditional else written
    seg = segments(written)
    mentions = places(written)
    main_place = _main_place(mentions)
    main_of_level = _main_of_level(mentions) if mentions else {}
    heading_starts, heading_places = _headings(written, mentions)
    fixed = _fixed_spans(text)  # in order and apart: the one that may hold a position is found by bisection
    fixed_starts = [s for s, _e in fixed]
    figures: list[Figure] = []
    quantities = scan(text)
    sentence_breaks, clause_breaks, full_breaks = seg.breaks("sentence"), seg.breaks("clause"), seg.breaks("full")
    sentence_resumes, clause_resumes = seg.resumes("sentence"), seg.resumes("clause")
    last_clause_break = len(clause_breaks)
    # 全县 …, except in a share (占全省贫困人口的28.7%: the province is the share's whole, not the place)
    wholes = [(m.start(), WHOLE_LEVEL[m.group()], m.group()[-1]) for m in _WHOLE_RE.finditer(text)
              if text[m.start() - 1:m.start()] != "占"]
    main_place = _report_place(main_place, main_of_level, wholes)
    if "我国" in text:  # 我国完成交通固定资产投资3.2万亿元: the country's, as after 全国 (not the report's place)
        wholes = sorted(wholes + [(m.start(), "country", "") for m in _OUR_COUNTRY.finditer(text)])
    mention_ends = [e for _s, e, _name in mentions]
    path, length, last_break = doc.path, len(text), len(sentence_breaks)
    unit_at = _UNIT_RE.match
    i = 0
    while i < len(quantities):
        q = quantities[i]
        i += 1
        if _is_code(text, q):
            continue
        if fixed and (k := bisect.bisect_right(fixed_starts, q.start)) and q.start < fixed[k - 1][1]:
            continue
        if q.unit:  # a unit inside the numeral: 两吨半, 3元5角
            unit = q.unit
        elif q.percent:  # _unit_after, inline: this loop runs once per numeral
            unit = "%"
        elif q.permille:
            unit = "‰"
        else:
            m = unit_at(text, q.end)
            unit = m.group() if m else None
            if unit == "块" and _counts_pieces(text, q.end + 1):
                unit = None  # 3块金牌, 用两块6米长的泡沫: 块 counts pieces; 3块钱, 花了20块, 3块5 are yuan
        kind = _kind(text, q, unit)
        if unit in ("位", "名") and _RANK_RE.search(text, seg.start(q.start), q.start):
            kind = Kind.ORDINAL  # 排名由12位升至5位: ranks, not persons
        end = q.end + (len(unit) if unit and unit not in "%‰" and not q.unit else 0)
        if unit == "级" or text.startswith(_GRADES, end):
            continue  # 十万吨级, 千亿级产业, 5A级: a grade, not a figure
        value = q.value
        if kind == Kind.YEAR and i < len(quantities) and quantities[i].start == end \
                and _unit_after(text, quantities[i]) == "月":
            # 2020年3月25日: one date figure
            kind, end, i, value = _join_date(text, quantities, i, q, end)
            unit = None
        elif kind == Kind.DATE and unit == "月" and i < len(quantities) and quantities[i].start == end:
            kind, end, i, value = _join_date(text, quantities, i, q, end, year=None)
            unit = None
        start = q.start
        approx, low, high = q.approx, q.low, q.high
        hedge = _hedge_after(text, end)  # every hedge written after a unit has two characters
        if approx is None and hedge in _HEDGES_AFTER and kind not in _UNHEDGED:
            approx = hedge
            low, high = (None if f == "" else f * value for f in _HEDGES_AFTER[approx])
        k = bisect.bisect_left(sentence_breaks, start)  # the sentence around the figure, from its breaks
        sentence = (sentence_resumes[k - 1] if k else 0, sentence_resumes[k] if k < last_break else length)
        if mentions or wholes:
            k = bisect.bisect_left(full_breaks, start)  # places carry across a ； (full_breaks)
            place, level, source = _place_of(start, full_breaks[k - 1] + 1 if k else 0, mentions, mention_ends, wholes, heading_starts,
                                             heading_places, main_place, main_of_level)
        else:
            place, level, source = None, None, None
        c = bisect.bisect_left(clause_breaks, start)  # and its clause, break excluded
        clause = (clause_resumes[c - 1] if c else 0, clause_breaks[c] if c < last_clause_break else length)
        figures.append(Figure(path, start, end, written[start:end], value, unit, kind, approx, low, high, place,
                              sentence, q, written, clause, level, None, None, None, source))
    return _changes(text, _lists(text, _share_list_units(text, figures)))


def _share_list_units(text: str, figures: list[Figure]) -> list[Figure]:
    """In a 、 list the last item's unit and magnitude serve them all: 3.3、1.4、1.1倍 are
    all 倍; 10、20万元 are 10万元 and 20万元; an item with a 万 or 亿 of its own takes the
    unit only (110万亿、120万亿、130万亿元)."""
    out = list(figures)
    i = len(out) - 1
    while i > 0:
        last = out[i]
        j = i
        while j > 0 and out[j - 1].unit is None and out[j - 1].kind == Kind.OTHER \
                and text[out[j - 1].end:out[j].start] == "、" and out[j - 1].quantity.digits:
            j -= 1
        if j < i and last.unit is not None and last.kind not in (Kind.DATE, Kind.ORDINAL, Kind.RANGE):
            scale = last.magnitude
            for k in range(j, i):
                f = out[k]
                own = scale if f.magnitude == 1.0 else 1.0
                out[k] = _replace(f, value=f.value * own, unit=last.unit, kind=last.kind,
                                  low=f.low and f.low * own, high=f.high and f.high * own)
        i = j - 1
    return out


# a percentage that states the change of the figure right before it: 营业收入15.74亿元，同比减少4.41%
_ITS_CHANGE = re.compile(r"[，,](?:同比|环比|比上年|较上年|比去年|较去年)(?:同期)?[\u4e00-\u9fff]{1,6}[-−]?")


def _changes(text: str, figures: list[Figure]) -> list[Figure]:
    """Mark each percentage that states the change of the figure before it (change_of), and each
    rate whose base its sentence counts before it (rate_of)."""
    out = list(figures)
    for k in range(1, len(out)):
        if out[k].kind == Kind.PERCENT:
            if _ITS_CHANGE.fullmatch(text, out[k - 1].end, out[k].start):
                out[k] = _replace(out[k], change_of=out[k - 1].start)
            base = _rate_base(text, out, k)
            if base is not None:
                out[k] = _replace(out[k], rate_of=base)
    return out


def _rate_base(text: str, figures: list[Figure], k: int) -> int | None:
    """The start of the count a rate is of, where its sentence says so: the count before the one
    the rate's verb counts (有扶贫车间29062个，目前已复工28660个，复工率98.6%: 复工 counts 28660个,
    of 29062个)."""
    f = figures[k]
    stem = text[f.clause[0]:f.start].rstrip("为是达到").removesuffix("率")
    if len(stem) < 2:
        return None
    counts = [g for g in figures[max(0, k - 4):k] if g.kind == Kind.COUNT and g.sentence == f.sentence]
    done = next((i for i in range(len(counts) - 1, 0, -1) if stem in text[counts[i].clause[0]:counts[i].start]), None)
    return counts[done - 1].start if done is not None else None


def _replace(f: Figure, **changes) -> Figure:
    fields = {name: getattr(f, name) for name in Figure.__dataclass_fields__}
    fields.update(changes)
    return Figure(**fields)


# 分别 and its verb, just before a list's first figure; the names are the rest of the clause
# before it (one regex for both rescanned the clause from each of its characters)
# (a verb and its object may come between: 分别完成投资, 分别比上年增长)
_RESPECTIVELY = re.compile(r"分别[\u4e00-\u9fff]{0,8}$")


LIST_JOINERS = ("、", "和", "及", "与")  # what stands between two items of a list (12%、8%; 城镇和农村)
SIGNED_JOINERS = ("、-", "、−")  # and before an item with a minus sign (22.74%、-60.88%、-106.44%)


def _joined(text: str, a: Figure, b: Figure) -> bool:
    """Whether figure ``b`` is the next item of a list after ``a``: only 、 (or 和, 及, 与)
    between them, or a 、 after a classifier we have no unit for (共14章、51目、142条)."""
    between = text[a.end:b.start]
    if between in LIST_JOINERS or between in SIGNED_JOINERS:
        return True
    return len(between) == 2 and between[1] == "、" and a.unit is None and "\u4e00" <= between[0] <= "\u9fff"


def _lists(text: str, figures: list[Figure]) -> list[Figure]:
    """Mark the items of each 、 list of figures (A、B、C), and pair them with the names
    before 分别 when there are as many (城镇、农村分别为12%、8%)."""
    out = list(figures)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _joined(text, out[j], out[j + 1]) and out[j].sentence == out[j + 1].sentence:
            j += 1
        if j > i:
            head = out[i]
            count = j - i + 1
            names = respective_names(text, head)
            names = names[-count:] if len(names) >= count else None
            for k in range(i, j + 1):
                out[k] = _replace(out[k], list_id=head.start, list_pos=k - i,
                                  item=names[k - i] if names else None)
        i = j + 1
    return out


def respective_names(text: str, first: Figure) -> list[str]:
    """The names a 分别 just before a figure pairs with what follows it, from the start of
    the clause (城镇、农村分别为12%: 城镇, 农村); none without a 分别 there."""
    m = _RESPECTIVELY.search(text, max(first.clause[0], first.start - 10), first.start)
    if not m:
        return []
    return [n for n in re.split(f"[{''.join(LIST_JOINERS)}]", text[first.clause[0]:m.start()]) if n]


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
    return Kind.DATE, end, i, y * 10000 + m * 100 + d
