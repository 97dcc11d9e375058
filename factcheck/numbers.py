"""Numerals to Quantities: Arabic and Chinese numerals, 万/亿, %, hedges, ranges.

    scan(text) -> list[Quantity]      every numeral span in text, left to right
    parse_numeral(s) -> float | None  one already-isolated numeral

Why hand-written rather than cn2an: cn2an converts one numeral you have already
isolated, and handles neither 百分之五, 7000多, 两万余 nor 第七; it cannot find
spans in running text, and its ``transform()`` rewrites ordinary words
(三四个月 -> 34个月, 一律 -> 1律, 第一书记 -> 第1书记). Figures need exact
spans, hedges and ranges, at tens of MB/s, so scan() is one compiled regex
plus a small parser, and cn2an is only used as an oracle in the tests.

Chinese numerals are also ordinary morphemes (一切, 统一, 千方百计). A single
Chinese digit, or a run made only of 十/百/千/万/亿, counts as a number only
when a classifier or unit follows it (一户, 三类, 千万元, 四大), after 第, or,
for 万/千 alone, after a hedge (近万). A run with a digit and a unit (十二,
一万二千) stands on its own. A short idiom list is only a fallback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Quantity:
    start: int            # offsets into the scanned text, end exclusive
    end: int              # covers hedge words, numeral(s), magnitude (万/亿) and %; not the unit
    text: str
    value: float          # base units: 1.65万 -> 16500, 6% -> 6, 百分之五 -> 5
    approx: str | None = None     # 余 多 近 约 左右 ... or None
    low: float | None = None      # set for ranges and hedges
    high: float | None = None
    percent: bool = False         # % or 百分之
    permille: bool = False
    fraction: bool = False        # 四分之一 (value 0.25)
    ordinal: bool = False         # 第七
    is_range: bool = False        # 3至5, 3—5, 三四个
    chinese: bool = False         # written in Chinese numerals (四年), not Arabic
    digits: str = ""              # the Arabic digit run as written (without grouping commas)

    def __init__(self, start: int, end: int, text: str, value: float, approx: str | None = None,
                 low: float | None = None, high: float | None = None, percent: bool = False,
                 permille: bool = False, fraction: bool = False, ordinal: bool = False,
                 is_range: bool = False, chinese: bool = False, digits: str = "") -> None:
        # Written out rather than generated: a frozen dataclass's own __init__ sets each
        # field through object.__setattr__, three times slower, and scan makes one per numeral.
        d = self.__dict__
        d["start"] = start; d["end"] = end; d["text"] = text; d["value"] = value  # noqa: E702
        d["approx"] = approx; d["low"] = low; d["high"] = high; d["percent"] = percent  # noqa: E702
        d["permille"] = permille; d["fraction"] = fraction; d["ordinal"] = ordinal  # noqa: E702
        d["is_range"] = is_range; d["chinese"] = chinese; d["digits"] = digits  # noqa: E702


_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_MAG = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "万": 10**4, "亿": 10**8,
        "千": 1000, "百": 100}
_ARABIC = "0123456789０１２３４５６７８９"
_FOLD = str.maketrans("０１２３４５６７８９", "0123456789", ",")

# What may follow a lone Chinese digit for it to count. Deliberately left out,
# because with 一 they are mostly words: 起 道 样 点 分 方 面 路 块 度 时 票 线 下 些 声.
_UNIT_CHARS = "个位名人户家项类种次年月日天周岁条件台辆座所张只头匹棵株亩米元吨斤层间套批" \
              "组对双份篇部章节本场届期轮级等档大型支队团栋幢片处口根枚颗笔宗例把句首幅册" \
              "列架艘股季成倍县乡镇村区市省克升秒步"
_UNIT_AFTER = re.compile(rf"[{_UNIT_CHARS}]|千[瓦克米]|公[里斤顷]|平方|立方|方面|百分点|小时|分钟")
# Fallback only: idioms and set phrases whose numerals would pass the unit test.
_IDIOMS = sorted("""千方百计 四面八方 三番五次 九牛一毛 一日千里 百尺竿头 一本正经 一成不变
    一票否决 一票否优 一盘棋 一条龙 一把手 一刀切 一窝蜂 一口气 一揽子 三天两头 一年到头
    千家万户 万家灯火 一部分 一方面 四周 一头雾水 千千万万 一清二楚 十全十美 一五一十""".split(),
                 key=len, reverse=True)
# 一 after these is part of a word (进一步, 统一, 这一年, 下一篇), not a count.
_NOT_BEFORE_YI = set("进统唯同单逐划专归均之上下这那每")
_TIME_AFTER = set("年月日天周期季")
_DASHES = "-－–—"
_DASH_SET = set(_DASHES)
_RANGE_SEPS = set(_DASHES + "至到～~")

_D = "[0-9０-９]"
# Atomic group, so that "IE8" / "5G" / "1,2345" cannot backtrack into a shorter match.
_AR = (rf"(?<![0-9０-９A-Za-z.])(?>(?:{_D}{{1,3}}(?:,{_D}{{3}})+(?!{_D})|{_D}+)(?:\.{_D}+)?)"
       r"(?![0-9０-９A-Za-z])")
_CN = r"(?:[〇零一二三四五六七八九两廿卅十百万亿]|千(?![瓦克米]))+(?:点[〇零一二三四五六七八九]+)?"
_NUM = rf"(?:{_AR}|{_CN})"
# The leading lookahead lets the engine reject most positions with one set test (6x faster).
_ATOM = re.compile(rf"""
    (?=[第大将超近约逾0-9０-９〇零一二三四五六七八九两廿卅十百千万亿])(?:
    (?P<idiom>{"|".join(_IDIOMS)})
  | (?P<pre>第|大约|将近|超过|近|约|逾)?
    (?:
        (?P<pct>百分之|千分之)(?P<pnum>{_NUM})
      | (?P<den>{_NUM})分之(?P<nu>{_NUM})
      | (?P<num>{_NUM})(?P<suf>余|多|来(?=[{_UNIT_CHARS}]))?
        (?P<mag>万亿|千万|百万|万|亿|千(?![瓦克米])|百(?!分))?(?P<suf2>余|多)?(?P<sign>[%％‰])?
    )
    (?P<post>左右|上下)?)
""", re.X)


def _cn_int(run: str) -> int | None:
    """Integer value of a run of Chinese numeral characters, or None if malformed."""
    if len(run) == 1 and run in _CN_DIGIT:    # the commonest run: one digit (一户, 三类)
        return _CN_DIGIT[run]
    run = run.replace("廿", "二十").replace("卅", "三十")
    if not any(c in _SMALL or c in _BIG for c in run):
        return int("".join(str(_CN_DIGIT[c]) for c in run))    # 二〇二〇
    total = wan = section = 0
    num = None
    last_small = 10**5
    prev_unit, prev_bare = None, False
    for i, c in enumerate(run):
        if c in _CN_DIGIT:
            if _CN_DIGIT[c] == 0:
                num, prev_unit = None, None
            elif num is not None:
                return None
            else:
                num = _CN_DIGIT[c]
        elif c in _SMALL:
            u = _SMALL[c]
            if u >= last_small:
                return None
            prev_unit, prev_bare = u, num is None
            section += (num or 1) * u
            num, last_small = None, u
        else:
            s = section + (num or 0)
            if c == "万":
                if wan or s == 0 and i > 0:
                    return None
                wan, prev_bare = (s or 1) * 10**4, s == 0
            else:
                if s == 0 and wan == 0 and i > 0:
                    return None
                total = (total + wan + (s or (0 if wan else 1))) * 10**8
                prev_bare = s == 0 and wan == 0
                wan = 0
            section, num, last_small, prev_unit = 0, None, 10**5, _BIG[c]
    if num is not None and prev_unit is not None:
        if prev_bare and prev_unit != 10:       # 万一, 百一: not numbers
            return None
        num = num * prev_unit // 10             # 一万二 = 12000, 十二 = 12
    return total + wan + section + (num or 0)


def _num(s: str) -> Decimal | None:
    """Value of one Arabic or Chinese numeral as matched by _NUM."""
    if s[0] in _ARABIC:
        return Decimal(s.translate(_FOLD))
    whole, _, frac = s.partition("点")
    n = _cn_int(whole)
    if n is None:
        return None
    if frac:
        return n + Decimal("0." + "".join(str(_CN_DIGIT[c]) for c in frac))
    return Decimal(n)


def _place(v: Decimal) -> Decimal:
    """One unit of the last significant place: 2400 -> 100, 12000 -> 1000, 1.5 -> 0.1."""
    return Decimal(1).scaleb(v.normalize().as_tuple().exponent) if v else Decimal(1)


def _atom(text: str, m: re.Match) -> tuple[Quantity, Decimal, int] | None:
    """One matched numeral as (Quantity, value before magnitude, magnitude), or None."""
    idiom, pre, pct, pnum, den, nu, num, suf, mag_word, suf2, sign, post = m.groups()
    if idiom:
        return None
    start, end = m.span()
    raw = pnum or den or num
    chinese = raw[0] not in _ARABIC
    if not (chinese or pre or pct or den or suf or mag_word or suf2 or sign or post):
        # fast path: a bare Arabic number (float of the digits is float of their Decimal)
        digits = raw if raw.isascii() and "," not in raw else raw.translate(_FOLD)
        return Quantity(start, end, raw, float(digits), None, None, None, False, False, False, False, False,
                        False, digits), Decimal(digits), 1
    mag = _MAG[mag_word] if mag_word else 1
    low = high = None
    is_range = False
    if chinese and len(raw) == 2 and not den and raw[0] not in "〇零" and all(c in _CN_DIGIT for c in raw) \
            and _CN_DIGIT[raw[1]] == _CN_DIGIT[raw[0]] + 1:
        is_range = True
    # Whether a Chinese numeral stands as a number here is the cheaper test, and
    # most single Chinese digits in running text fail it: so it goes first.
    if chinese and num and pre != "第" and not mag_word and not _chinese_ok(text, m, raw, pre, is_range):
        return None
    if den:
        d, n = _num(den), _num(nu)
        if not d or n is None:
            return None
        base = n / d
    elif is_range:
        base, low, high = Decimal(_CN_DIGIT[raw[0]]), _CN_DIGIT[raw[0]], _CN_DIGIT[raw[1]]
    else:
        base = _num(raw)
    if base is None:
        return None
    if pre == "近" and (start and text[start - 1] in "最附接临靠" or text[end:end + 1] in _TIME_AFTER
                       or text[end:end + 2] == "个月"):
        pre, start = None, start + 1        # 近三年, 最近5年: "recent", not a hedge
    value = base * mag
    approx = (pre if pre != "第" else None) or suf or suf2 or post
    # Hedge bounds: 余/多/来 add one unit of the last significant place (as jionlp's
    # money parser: 5000余万 -> 5000万..6000万); 近 is 90-100%, 约/左右/上下 90-110%,
    # 超过/逾 are open above.
    if approx in ("余", "多", "来"):
        low, high = value, value + _place(value)
    elif approx in ("近", "将近"):
        low, high = value * Decimal("0.9"), value
    elif approx in ("约", "大约", "左右", "上下"):
        low, high = value * Decimal("0.9"), value * Decimal("1.1")
    elif approx in ("超过", "逾"):
        low = value
    q = Quantity(
        start=start, end=end, text=text[start:end], value=float(value), approx=approx,
        low=None if low is None else float(low), high=None if high is None else float(high),
        percent=pct == "百分之" or sign in ("%", "％"), permille=pct == "千分之" or sign == "‰",
        fraction=bool(den), ordinal=pre == "第", is_range=is_range, chinese=chinese,
        digits="" if chinese else raw.translate(_FOLD))
    return q, base, mag


def _chinese_ok(text: str, m: re.Match, raw: str, pre: str | None, is_range: bool) -> bool:
    """Does a plain Chinese numeral (no 第, no magnitude suffix) stand as a number here?"""
    has_digit = not _CN_DIGIT.keys().isdisjoint(raw)
    if len(raw) > 1 and has_digit and not is_range:
        # 十二, 一万二千, 二〇二〇, 三点五; but not 一一 or 五一
        return any(c not in _CN_DIGIT for c in raw) or len(raw) > 2 or "〇" in raw or "零" in raw
    if pre and not has_digit:       # 近万, 逾千
        return True
    end = m.end()
    if text[end:end + 1] in _RANGE_SEPS:      # 三至五年: the right side decides
        right = _ATOM.match(text, end + 1)
        return bool(right and right.group("num") and _atom(text, right))
    if not _UNIT_AFTER.match(text, end):
        return False
    if raw == "一" and not pre:
        if m.start() and text[m.start() - 1] in _NOT_BEFORE_YI:
            return False
        if text[end + 1:end + 2] == text[end]:    # 一个个, 一条条
            return False
    return True


def _range(text: str, a: tuple[Quantity, Decimal, int], b: tuple[Quantity, Decimal, int]) -> Quantity | None:
    """Merge two atoms separated by one 至/到/-/—/～ into a range, if plausible."""
    (qa, base_a, mag_a), (qb, base_b, mag_b) = a, b
    if qb.start != qa.end + 1 or text[qa.end] not in _RANGE_SEPS:
        return None
    if any(q.approx or q.ordinal or q.fraction or q.is_range for q in (qa, qb)):
        return None
    if qa.percent and not qb.percent or qa.permille and not qb.permille:
        return None
    low, high = base_a * mag_a, base_b * mag_b
    if mag_a == 1 and mag_b > 1 and base_a <= base_b:
        low = base_a * mag_b                 # 10至20万 = 10万..20万
    if low > high:
        return None
    if text[qa.end] in _DASHES:
        # codes and dates, not ranges: 010-84629985, 2020-03-25, 0431-8-123
        if any(len(d) > 1 and d[0] == "0" and d[1] != "." for d in (qa.digits, qb.digits)):
            return None
        if low > 0 and high > 1000 * low:
            return None
        if qa.start and text[qa.start - 1] in _DASHES or text[qb.end:qb.end + 1] in _DASH_SET:
            return None
    return Quantity(start=qa.start, end=qb.end, text=text[qa.start:qb.end], value=float(low),
                    low=float(low), high=float(high), percent=qb.percent, permille=qb.permille,
                    is_range=True, chinese=qa.chinese and qb.chinese, digits=qa.digits)


def scan(text: str) -> list[Quantity]:
    """Every numeral span in text, left to right, non-overlapping."""
    atoms = [a for m in _ATOM.finditer(text) if (a := _atom(text, m))]
    out: list[Quantity] = []
    i = 0
    n = len(atoms)
    while i < n:
        q = atoms[i][0]
        # _range's own first test, made here: most neighbours are far apart
        merged = _range(text, atoms[i], atoms[i + 1]) if i + 1 < n and atoms[i + 1][0].start == q.end + 1 else None
        out.append(merged or q)
        i += 2 if merged else 1
    return out


def parse_numeral(s: str) -> float | None:
    """Value of one isolated numeral (1,219.2, 1.65万, 一万二千, 百分之五, 四分之一), or None."""
    s = s.strip()
    m = _ATOM.fullmatch(s) if s else None
    if not m or m.group("idiom"):
        return None
    g = m.group
    if g("den"):
        den, nu = _num(g("den")), _num(g("nu"))
        return float(nu / den) if den and nu is not None else None
    v = _num(g("pnum") or g("num"))
    return None if v is None else float(v * (_MAG[g("mag")] if g("mag") else 1))
