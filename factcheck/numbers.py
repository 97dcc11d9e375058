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

Beyond a digit run times 万/亿, a numeral may come in sections (5万2000,
3千零20万, 1亿3千多万: 万 multiplies what follows the last 亿), in financial
capitals or traditional and Japanese forms (贰万叁仟, 億, 萬, 兩, 參, 弐; folded
one character for one, so offsets hold), with a sign (负2.7%, 百分之负一点五,
零下6, and -3.2% after 为/增长/降至…), or as a spoken approximation:

    六七亿 三四千 十二三 三五百   is_range, value = low: 6亿..7亿 (two digits in a row)
    十多万 三十几万 5000余万      approx 多/几/余: value .. value + one unit of the place they follow
    数十万 几百                  approx 数/几: value = low = the unit (10万), high = ten times it
                                 (100万): some digit from 1 to 9, the high end not reached
    三成 两成半                  percent 30, 25 (成 is a tenth)
    两吨半 一个半 3元5角 三块五    2.5, 1.5, 3.5, 3.5; Quantity.unit holds a unit written
                                 inside the numeral (吨, 元); after 一个半 the unit follows as usual
    2米25 1米8                   2.25, 1.8 (metres and their hundredths or tenths, as lengths and
                                 heights are said; not 2米30个, whose 30 counts)

Not figures: 十三五/十四五 (five-year plans), ICP and 公网安备 licence numbers,
1+N; 十八大 and 二十大 are ordinals (party congresses).
"""
from __future__ import annotations

import re
from functools import lru_cache
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
    unit: str = ""                # a unit written inside the numeral: 吨 of 两吨半, 元 of 3元5角

    def __init__(self, start: int, end: int, text: str, value: float, approx: str | None = None,
                 low: float | None = None, high: float | None = None, percent: bool = False,
                 permille: bool = False, fraction: bool = False, ordinal: bool = False,
                 is_range: bool = False, chinese: bool = False, digits: str = "", unit: str = "") -> None:
        # Written out rather than generated: a frozen dataclass's own __init__ sets each
        # field through object.__setattr__, three times slower, and scan makes one per numeral.
        d = self.__dict__
        d["start"] = start; d["end"] = end; d["text"] = text; d["value"] = value  # noqa: E702
        d["approx"] = approx; d["low"] = low; d["high"] = high; d["percent"] = percent  # noqa: E702
        d["permille"] = permille; d["fraction"] = fraction; d["ordinal"] = ordinal  # noqa: E702
        d["is_range"] = is_range; d["chinese"] = chinese; d["digits"] = digits; d["unit"] = unit  # noqa: E702


_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DIGIT_SET = frozenset(_CN_DIGIT)
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8, "兆": 10**12}  # 兆 as Taiwan and Japan count money (3兆元)
_ARABIC = "0123456789０１２３４５６７８９"
_ARABIC_END = frozenset("0123456789万亿")     # how a chained Arabic numeral (5万2000, 10万20万) may end
_FOLD = str.maketrans("０１２３４５６７８９．", "0123456789.", ",，")
# Financial capitals (大写), traditional and Japanese forms, one character for one,
# so that a folded numeral keeps its offsets.
# The capitals' digits, 壹 to 玖, with their traditional, Japanese and variant forms (壱 弐 貮 叄).
_DIGIT_CAPITALS = "壹壱贰貳弐貮叁參叄肆伍陆陸柒捌玖"
_CAPITALS = _DIGIT_CAPITALS + "参拾佰仟"
_CAPITAL_SET = frozenset(_CAPITALS)
_FOLD_CN = str.maketrans("壹壱贰貳弐貮叁參参叄肆伍陆陸柒捌玖兩拾佰仟萬億幾數點餘０１２３４５６７８９．",
                         "一一二二二二三三三三四五六六七八九两十百千万亿几数点余0123456789.", ",，")

# What may follow a lone Chinese digit for it to count. Deliberately left out,
# because with 一 they are mostly words: 起 道 样 点 分 方 面 路 块 度 时 票 线 下 些 声.
_UNIT_CHARS = "个位名人户家项类种次年月日天周岁条件台辆座所张只头匹棵株亩米元吨斤层间套批" \
              "组对双份篇部章节本场届期轮级等档大型支队团栋幢片处口根枚颗笔宗例把句首幅册" \
              "列架艘股季成倍县乡镇村区市省克升秒步块" \
              "個戶項類種間處條輛張隻頭雙對屆級層筆歲週隊組"
_UNIT_AFTER = re.compile(rf"[{_UNIT_CHARS}]|千[瓦克米]|公[里斤顷升分]|毫[升米克]|厘米|海里|英[里尺寸吋]|加[仑侖]|吋|平方|立方"
                         r"|方面|百分点|小时|分钟"
                         r"|[美港日欧澳加韩新台]元|新台币|英镑|卢布|法郎|台币|人民币|泰铢|円")
# Fallback only: idioms and set phrases whose numerals would pass the unit test.
_IDIOMS = sorted("""千方百计 四面八方 三番五次 九牛一毛 一日千里 百尺竿头 一本正经 一成不变
    一票否决 一票否优 一盘棋 一条龙 一把手 一刀切 一窝蜂 一口气 一揽子 三天两头 一年到头
    千家万户 万家灯火 一点一滴 一部分 一方面 四周 一头雾水 千千万万 一清二楚 十全十美 一五一十
    一年四季 五位一体 三五成群 成千上万 千百万 万无一失 一举两得 十有八九 一年半载""".split(),
                 key=len, reverse=True)
# 一 after these is part of a word (进一步, 统一, 这一年, 下一篇), not a count.
_NOT_BEFORE_YI = set("进统唯同单逐划专归均之上下这那每")
_TIME_AFTER = set("年月日天周期季")
_DASHES = "-－–—"
_DASH_SET = set(_DASHES)
RANGE_SEPARATORS = frozenset(_DASHES + "至到～~")  # between a range's two ends (copies compare ranges too)

_D = "[0-9０-９]"
# Latin units a number may run into (120km, 5kg, 30MW); other letters make a name (5G, 3A级, IE8).
_LATIN_UNITS = "(?:km|kg|kWh|kW|MW|GW|kV|mm|cm|m|ha|mg|ml|L|t|GB|MB|TB)"
# Atomic group, so that "IE8" / "5G" / "1,2345" cannot backtrack into a shorter match.
# Grouping commas: ASCII, or full-width between full-width digits (３，２１８), or either before
# a decimal part (82，225.00元). A group inside a chain of them (，000，000，…) starts no number
# before a decimal part: its chain's first group tried that, and trying again from every group
# of a long list of numbers (1，000，000，…) was quadratic.
# 1+N, N+1: a digit next to +letter is a name, not a figure.
_AR = (r"(?=[0-9０-９])(?<![0-9０-９A-Za-z.．])(?<![A-Za-z]\+)"     # a digit first: the cheaper test
       r"(?>(?:(?<![,，][0-9]{3}[,，])[0-9]{1,3}(?:[,，][0-9]{3})++(?=\.[0-9])|[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])"
       r"|[０-９]{1,3}(?:[,，][０-９]{3})+(?![０-９])|[0-9０-９]+)"
       r"(?:[.．][0-9０-９]+)?)(?![0-9０-９]|\+[A-Za-z]|(?!" + _LATIN_UNITS + r"(?![A-Za-z]))[A-Za-z])")
# An Arabic number after a magnitude, as in 5万2000 and 3千零20万; not a year or a date (5万2019年).
_ARI = r"[0-9]+(?![0-9０-９A-Za-z.,年月日号])"
# Not the simplified 参 (参加, 参与), though Japanese writes 3 so: 參 and 叁 are read.
_DIG = "〇零一二两三四五六七八九廿卅" + _DIGIT_CAPITALS + "兩"
# 兆 is 10**12 in a numeral (三兆五千億) or before a currency (1.5兆元); before anything else it is
# the prefix mega (兆瓦, 兆赫) or a line's speed (千兆光网, 百兆宽带), no magnitude.
_ZHAO = f"兆(?=[{_DIG}0-9元圆美日港韩新台]|$)"  # (one class: this sits in the grammar some 30 times)
_UNIT = f"(?:[十万亿拾佰仟萬億]|{_ZHAO}|[千仟](?![瓦克米])|百(?!分[点位]))"
_CNR = rf"(?:[{_DIG}]|{_UNIT})+"
_POINT = f"[点點][〇零一二三四五六七八九{_DIGIT_CAPITALS}]+"  # 伍拾壹点肆
_JI = "(?<=[0十百千拾佰仟零])[几幾]"      # 十几, 二十几万, 20几岁, 一百零几万; not 第一几
# A numeral core: Arabic sections (1亿3千多万, 5万2000, 1.65万) or a Chinese run
# (一万二千, 十多万, 三点五万, 数十万), with at most one hedge (多/余/几) inside.
_CN_CORE = (rf"(?:(?<![人总次岁票件分系指倍基函无少多半年天个])[数數](?={_UNIT})|[几幾](?={_UNIT}))?"
            rf"{_CNR}(?:{_POINT}[万亿萬億]*)?(?:(?:[多余餘]|{_JI}){_UNIT}+(?:{_CNR})?)?")
# Traditional numerals and units read as their simplified forms (one character for one, so
# offsets stay): 三噸半's unit, and the figures stage's reading of a traditional figure.
FOLD_TRADITIONAL = str.maketrans("萬億兩餘點個戶項處條類種間臺輛畝噸歲週隊組屆級層張頭隻筆裡縣區鎮鄉",
                                 "万亿两余点个户项处条类种间台辆亩吨岁周队组届级层张头只笔里县区镇乡")
NOT_HEDGE_JIN = frozenset("最附接临靠")  # 最近, 附近 …: 近 ends a word, no "nearly"
YUE_WORDS = frozenset("节签预制条合公契违履践特隐婉邀赴相誓守失解毁爽")  # 节约 签约 预约 …: 约 is no "about" after these
_COIN = "0-9一二三四五六七八九两" + _DIGIT_CAPITALS  # a digit of 角 or 分 (壹元贰角叁分, 拾元零伍分)
# 角 and 分 with no 元 before them are money after a capital (伍角), with each other (五角五分) or
# before 钱 (3分钱); else 五角星, 五角大楼, 三角, 一角 (a corner) and 5分 (points, or minutes) are not.
_HALF_NOT = "岛导径球决边山夜身场途数壁载圆"
_CHENG_NOT = "员立为本果绩就功熟交长效型品材套"
_MINUS_AFTER = "为是长达至到降比率值幅速了：:，,（(=\n "
_NEGATIVE_NOT = "减担肩背辜胜自抱欺"  # 减负35.79亿元 (a burden cut by), 担负, 胜负: 负 ends a word, no minus


def _atom_re(arabic_sections: str) -> re.Pattern:
    num = rf"(?>{_AR}(?:(?:[多余餘]|{_JI})?{_UNIT}+{arabic_sections})*|{_CN_CORE})"
    # The leading lookahead lets the engine reject most positions with one set test (6x faster).
    return re.compile(rf"""
    (?=[第大将超近约逾负負数數几幾\-－−0-9０-９{_DIG}十百千万亿拾佰仟萬億])(?:
    (?P<idiom>{"|".join(_IDIOMS)})
  | (?P<neg>(?<![{_NEGATIVE_NOT}])[负負]|零下|(?:(?<=[{_MINUS_AFTER}])|^)[-－−](?=[0-9０-９]))?
    (?P<pre>第|大约|将近|超过|近|约|逾)?
    (?:
        (?P<pct>百分之|千分之|百分(?=[一二三四五六七八九十百]))(?P<pneg>负|負)?(?P<pnum>{num})
      | (?P<den>{num})分之(?P<nneg>负|負)?(?P<nu>{num})
      | (?P<num>{num})
        (?:
            (?P<half>[个個吨噸年天斤米亩畝周週]半(?![{_HALF_NOT}]))
          | (?P<geyi>个亿)
          | (?P<cheng>成(?![{_CHENG_NOT}])半?)
          | [元块圆](?:零?(?P<jiao>[{_COIN}零])[角毛]|零?(?=[{_COIN}]分(?!钟)))(?:(?P<fen>[{_COIN}零])分(?!钟))?
          | 块(?P<kuai>[一二三四五六七八九两])(?![一二三四五六七八九十百千万亿0-9])
          | (?P<dime>角(?=[{_COIN}零]分(?!钟)|钱)|(?<=[{_DIGIT_CAPITALS}])角|毛(?=钱))(?:(?P<cent>[{_COIN}零])分(?!钟))?
          | (?P<cents>分(?=钱)|(?<=[{_DIGIT_CAPITALS}])分(?!钟))
          | 米(?P<mi>[0-9]{{1,2}})(?![0-9.．%％万亿千百十{_UNIT_CHARS}])
          | (?P<suf>余|餘|多|{_JI}|来(?=[{_UNIT_CHARS}]))?(?P<sign>[%％‰])?
        )
    )
    (?P<post>左右|上下)?)
""", re.X)


_ATOM = _atom_re(rf"(?:零?{_ARI})?")


@lru_cache(maxsize=1)
def _atom_short() -> re.Pattern:
    """The atom without the Arabic number after a magnitude, for the rare rescans that
    need it: compiled on first use (this pattern costs 30 ms to compile)."""
    return _atom_re("")


_CHAINED = re.compile(rf"{_UNIT}零?[0-9]")
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|点[〇零一二三四五六七八九]+|.")
_PAIR = re.compile("[一二两三四五六七八][二三四五六七八九]")
_ONE = {**_CN_DIGIT, "十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_HEDGES = "多余几来"
_SUFFIX = {"餘": "余", "幾": "几"}
_HEDGE_SET = frozenset("多余几来数")
_UNITS_SET = frozenset("十百千万亿")
_BIG_UNITS = frozenset("百千万亿")
ORDINAL_CONGRESS = re.compile("(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大(?![类项件型种批])")


def _core(s: str) -> tuple[int | Decimal, int | Decimal | None] | None:
    """(value, hedge) of one numeral core, folded (_FOLD_CN): hedge is what 多/余/几
    add to the value at most (one unit of the place they follow), None without one."""
    v = _ONE.get(s)
    if v is not None:
        return v, None
    if s[0] in "几数":                   # 数十万, 几百: 1 to 10 times the unit
        r = _core(s[1:]) if len(s) > 1 and s[1] in "十百千万亿" else None
        return None if r is None or r[1] is not None else (r[0], r[0] * 9)
    if "廿" in s or "卅" in s:
        s = s.replace("廿", "二十").replace("卅", "三十")
    if s[0] in _ARABIC:
        if s.replace(".", "", 1).isdigit():
            return Decimal(s), None
        if s[-1] in _BIG and s[:-1].replace(".", "", 1).isdigit():     # 1.65万, the commonest
            return Decimal(s[:-1]) * _BIG[s[-1]], None
    whole, _, frac = s.partition("点")
    if whole and all(c in _CN_DIGIT for c in whole) and all(c in _CN_DIGIT for c in frac):
        # 二〇二〇, 一七二零点一; a long run is no number (and int() limits its length)
        if len(whole) > 20:
            return None
        v = int("".join(str(_CN_DIGIT[c]) for c in whole))
        return (v + Decimal("0." + "".join(str(_CN_DIGIT[c]) for c in frac)) if frac else v), None
    total = wan = section = zhao = 0
    num = None
    multi = False                         # num is an Arabic number of several digits
    last_small = 10**5
    prev_unit, prev_bare = None, False
    hedge = None
    for i, t in enumerate(_TOKEN.findall(s)):
        c = t[0]
        if hedge is not None and c not in "万亿兆":
            return None                   # only magnitudes follow a hedge: 十多万
        if c in _CN_DIGIT:
            d = _CN_DIGIT[c]
            if d == 0:
                if num is not None:
                    return None
                prev_unit = None
                continue
            if num is not None:
                return None
            num, multi = d, False
        elif c in "0123456789":
            if num is not None:
                return None
            num, multi = (int(t) if len(t) < 20 and t.isdigit() else Decimal(t)), len(t) > 1
        elif c in _SMALL:
            u = _SMALL[c]
            if u >= last_small:
                return None
            prev_unit, prev_bare = u, num is None
            section += (1 if num is None else num) * u
            num, last_small = None, u
        elif c == "兆":                   # a section of its own above 亿: 三兆五千零七億
            s_ = total + wan + section + (num or 0)
            if zhao or not s_ and i > 0:
                return None
            zhao, prev_bare = (s_ or 1) * 10**12, not s_
            if hedge is not None:
                hedge *= 10**12
            total = wan = section = 0
            num, last_small, prev_unit = None, 10**5, 10**12
        elif c in _BIG:
            s_ = section + (num or 0)
            empty = num is None and section == 0
            if c == "万":
                if wan or empty and i > 0:
                    return None
                wan, prev_bare = (1 if empty else s_) * 10**4, empty
            else:
                if empty and wan == 0 and i > 0:
                    return None
                total = (total + wan + ((0 if wan else 1) if empty else s_)) * 10**8
                prev_bare = empty and wan == 0
                wan = 0
            if hedge is not None:
                hedge *= _BIG[c]
            section, num, last_small, prev_unit = 0, None, 10**5, _BIG[c]
        elif c == "点":
            num = _trailing(num, multi, prev_unit, prev_bare)
            if num is False:
                return None
            num = (num or 0) + Decimal("0." + "".join(str(_CN_DIGIT[d]) for d in t[1:]))
            prev_unit, multi = None, True
        elif c in _HEDGES:
            num = _trailing(num, multi, prev_unit, prev_bare)
            if num is False:
                return None
            so_far = total + wan + section + (num or 0)
            if not so_far:
                return None
            hedge = _place(Decimal(so_far))
            prev_unit = None                  # 一万二多: the 二 is read once
        else:
            return None
    num = _trailing(num, multi, prev_unit, prev_bare)
    if num is False:
        return None
    return zhao + total + wan + section + (num or 0), hedge


def _coin(d: str) -> Decimal:
    """One digit of 角 or 分 as written (贰, 5)."""
    d = d.translate(_FOLD_CN)
    return Decimal(_CN_DIGIT[d] if d in _CN_DIGIT else int(d))


def _trailing(num, multi: bool, prev_unit, prev_bare: bool):
    """A digit after a unit: 一万二 = 12000 (as 十二 = 12), 1万800 = 10800; False if malformed."""
    if num is None or num is False or prev_unit is None:
        return num
    if multi:
        return num if num < prev_unit else False
    if prev_bare and prev_unit != 10:       # 万一, 百一: not numbers
        return False
    return num * prev_unit // 10


def _num(s: str) -> Decimal | None:
    """Value of one numeral as matched by _NUM, hedges read as their low end."""
    r = _core(s.translate(_FOLD_CN))
    return None if r is None else Decimal(r[0])


def _place(v: Decimal) -> Decimal:
    """One unit of the last significant place: 2400 -> 100, 12000 -> 1000, 1.5 -> 0.1."""
    return Decimal(1).scaleb(v.normalize().as_tuple().exponent) if v else Decimal(1)


def _magnitude(core: str) -> int:
    """The 万/亿 a numeral ends with, which a range's low end may share: 20万 -> 10**4."""
    mag = 1
    for c in reversed(core[-2:]):     # 万亿 at most: a longer tail is no numeral, and big ints cost
        if c not in "万亿萬億兆":
            break
        mag *= 10**4 if c in "万萬" else 10**8 if c in "亿億" else 10**12
    return mag


_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "兆": 10**12, "拾": 10, "佰": 100, "仟": 1000,
               "萬": 10**4, "億": 10**8}


def _tail_units(numeral: str) -> int:
    """The units after a numeral's last digit: 三十万 -> 10**5, 3百 -> 100."""
    mag = 1
    for c in reversed(numeral[-4:]):
        if c not in _UNIT_VALUE:
            break
        mag *= _UNIT_VALUE[c]
    return mag


def _atom(text: str, m: re.Match, context: bool = True, right: bool = False) -> tuple[Quantity, Decimal, int] | None:
    """One matched numeral as (Quantity, value before magnitude, magnitude), or None.
    Without context, the text is one numeral alone (parse_numeral); right: the right
    side of a range, which decides for its left side (三至五年) but looks no further."""
    start, end = m.span()
    first = text[start]
    if first in _ARABIC:
        raw = text[start:end]
        if raw.isdigit() or raw.isascii() and raw.replace(",", "").replace(".", "", 1).isdigit():
            # fast path: a bare Arabic number (float of the digits is float of their Decimal)
            if start and text[start - 1] == "备" and text.endswith(("ICP", "网安"), 0, start - 1):
                return None                   # 京ICP备12345678号: a licence number
            digits = raw if raw.isascii() and "," not in raw else raw.translate(_FOLD)
            return Quantity(start, end, raw, float(digits), None, None, None, False, False, False, False, False,
                            False, digits), Decimal(digits), 1
    elif end - start == 1 and context:
        # fast path: a lone Chinese character, the commonest match and mostly a word (一切, 三是)
        core = first.translate(_FOLD_CN)
        if not _chinese_ok(text, m, core, first, None, False, right):
            return None
        v = _ONE[core]
        mag = v if v >= 10**4 else 1
        return Quantity(start, end, first, float(v), chinese=True), Decimal(v // mag), mag
    (idiom, neg, pre, pct, pneg, pnum, den, nneg, nu, num, half, geyi, cheng, jiao, fen, kuai, dime, cent, cents,
     mi, suf, sign, post) = m.groups()
    if idiom:
        return None
    raw = pnum or den or num
    chinese = raw[0] not in _ARABIC
    core = raw.translate(_FOLD_CN)
    if context and chinese and len(raw) > 1 and not _CAPITAL_SET.isdisjoint(raw) and _UNITS_SET.isdisjoint(core) \
            and "点" not in core:
        return None          # 两伍一, 第一陆军, 参四个: capitals make a number with 拾佰仟万亿 (or 点) only
    plain = not (pct or den or half or geyi or cheng or jiao or kuai or fen or mi or dime or cents)
    # Whether a Chinese numeral stands as a number here is the cheaper test, and
    # most single Chinese digits in running text fail it: so it goes first.
    check = context and chinese and plain and pre != "第" and neg != "零下" and _HEDGE_SET.isdisjoint(core)
    if check and len(core) == 1 and end - start > 1 and not _chinese_ok(text, m, core, raw, pre, False, right):
        return None
    if not chinese and start and text[start - 1] == "备" and text.endswith(("ICP", "网安"), 0, start - 1):
        return None                       # 京ICP备12345678号: a licence number
    mag = _magnitude(core)
    low = high = None
    is_range = False
    approx = None
    # 两三, 六七亿, 十二三: two digits in a row, the second one more; and 三五 (three to five) at the head.
    # Not in a run of digits alone (二〇二三, 一二三四).
    pair = _PAIR.search(core.partition("点")[0]) if chinese and not den and len(core) > 1 else None
    if pair and (_CN_DIGIT[pair[0][1]] == _CN_DIGIT[pair[0][0]] + 1
                 or pair[0] == "三五" and pair.start() == 0 and not pct) \
            and not (len(core) > 2 and all(c in _CN_DIGIT for c in core)):
        i = pair.start()
        lo, hi = _core(core[:i + 1] + core[i + 2:]), _core(core[:i] + core[i + 1:])
        if lo is None or hi is None or lo[1] is not None or hi[1] is not None:
            return None
        is_range, low, high = True, Decimal(lo[0]), Decimal(hi[0])
    if check and len(core) > 1 and not _chinese_ok(text, m, core, raw, pre, is_range, right):
        return None
    if den:
        d, n = _num(den), _num(nu)
        if not d or n is None:
            return None
        value = n / d
    elif is_range:
        value = low
    else:
        r = _core(core)
        if r is None:
            return None
        value = Decimal(r[0])
        if r[1] is not None:
            approx = "数" if core[0] == "数" else "几" if "几" in core else "多" if "多" in core else "余"
            low, high = value, value + r[1]
    if (half and (value != int(value) or value > 1000 or approx or is_range)
            or (jiao or kuai or fen or mi) and (value != int(value) or approx or is_range)
            or (dime or cents) and (value != int(value) or value > 9 or approx or is_range)
            or cheng and (value > 10 or approx)):
        half = jiao = fen = kuai = mi = dime = cents = cheng = post = None  # 12成套, 2.5个半: the number alone
        end = m.end("num")
    unit = ""
    if geyi:                                # 两个亿 = 2亿
        value, low, high, mag = value * 10**8, low and low * 10**8, high and high * 10**8, 10**8
    if half:
        value += Decimal("0.5")
        unit = "" if half[0] in "个個" else half[0].translate(FOLD_TRADITIONAL)
        if not unit and text[end:end + 1] == "月":
            unit, end = "个月", end + 1      # 一个半月: a duration, as 1.5个月 is (not the calendar's 月)
    elif jiao or kuai or fen:
        value += sum(_coin(d) / place for d, place in ((jiao or kuai, 10), (fen, 100)) if d)
        unit = "元"
    elif dime or cents:                     # 五角五分 = 0.55元, 3分钱: the number is the 角's or the 分's
        value = value / (10 if dime else 100) + (_coin(cent) / 100 if cent else 0)
        unit = "元"
    elif mi:                                # 2米25, 1米8: a length said in metres and their tenths or hundredths
        value += Decimal(int(mi)) / 10 ** len(mi)
        unit = "米"
    elif cheng:
        value, low, high = value * 10, low and low * 10, high and high * 10
        if cheng == "成半":
            value += 5
    if bool(neg) + bool(pneg) + bool(nneg) == 1:
        value, low, high = -value, high and -high, low and -low
    base = value / mag if mag > 1 and not (half or cheng or jiao or kuai or fen or mi or dime or cents) else value
    if mag > 1 and base != int(base):
        base, mag = value, 1
    if not is_range and pre == "近" and (start and text[start - 1] in NOT_HEDGE_JIN or text[end:end + 1] in _TIME_AFTER
                                        or text[end:end + 2] == "个月"):
        pre, start = None, start + 1        # 近三年, 最近5年: "recent", not a hedge
    elif pre == "约" and start and text[start - 1] in YUE_WORDS:
        pre, start = None, start + 1        # 节约50%, 签约300亿元: 约 ends a word, no hedge
    elif pre == "超过" and start and text[start - 1] == "不":
        pre, start = None, start + 2        # 不超过10%: at most, the figure record's hedge
    if not approx:
        approx = _SUFFIX.get(suf, suf) or (pre if pre != "第" else None) or post      # 大约十多: 10..20
        # Hedge bounds: 余/多/来 add one unit of the last significant place (as jionlp's
        # money parser: 5000余万 -> 5000万..6000万); 近 is 90-100%, 约/左右/上下 90-110%,
        # 超过/逾 are open above.
        if approx in ("余", "多", "来", "几"):
            low, high = value, value + _place(value)
        elif approx in ("近", "将近"):
            low, high = value * Decimal("0.9"), value
        elif approx in ("约", "大约", "左右", "上下"):
            low, high = value * Decimal("0.9"), value * Decimal("1.1")
        elif approx in ("超过", "逾"):
            low = value
        if approx and (low is not None and high is not None and low > high):
            low, high = high, low           # 约-5
    ordinal = pre == "第" or chinese and plain and text.startswith("大", end) \
        and ORDINAL_CONGRESS.match(text, m.start(), end + 2) is not None
    percent = pct in ("百分之", "百分") or sign in ("%", "％") or bool(cheng)
    q = Quantity(
        start=start, end=end, text=text[start:end], value=float(value), approx=approx,
        low=None if low is None else float(low), high=None if high is None else float(high),
        percent=percent, permille=pct == "千分之" or sign == "‰",
        fraction=bool(den), ordinal=ordinal, is_range=is_range, chinese=chinese,
        digits="" if chinese else _digits(raw), unit=unit)
    return q, base, mag


_LEAD_DIGITS = re.compile(r"[0-9０-９,，]+(?:[.．][0-9０-９]+)?")


def _digits(raw: str) -> str:
    """The Arabic digit run of an Arabic numeral (1.65 of 1.65万), "" for 5万2000."""
    if raw.isascii() and raw.replace(".", "", 1).isdigit():
        return raw
    lead = _LEAD_DIGITS.match(raw).group()
    rest = raw[len(lead):]
    return "" if any(c in _ARABIC for c in rest) else lead.translate(_FOLD)


# 十四五岁, 十二五个人: after these a five-year plan's name is a range of counts (14 or 15).
COUNTED_AFTER_PLAN = frozenset("岁个人名位户家天次")


def _chinese_ok(text: str, m: re.Match, core: str, raw: str, pre: str | None, is_range: bool,
                right: bool = False) -> bool:
    """Does a plain Chinese numeral (no 第, no hedge) stand as a number here?"""
    end = m.end()
    if len(raw) == 1 and raw in _CAPITALS:     # 收拾, 队伍, 大陆, 参加: a capital alone is money only
        return text[end:end + 1] != "" and text[end] in "元圆角整" or text[end:end + 1] == "又" and _fraction_at(text, end + 1)
    has_digit = not _DIGIT_SET.isdisjoint(core)
    if is_range and "十" in core and _BIG_UNITS.isdisjoint(core):
        after = text[end:end + 1]
        if core == "十四五":        # 十四五岁, but “十四五”规划, 十四五期间: the 14th five-year plan
            return after != "" and after in COUNTED_AFTER_PLAN
        return after == "" or bool(_UNIT_AFTER.match(text, end))
    if len(core) > 1 and has_digit and (not is_range or not _UNITS_SET.isdisjoint(core)):
        # 十二, 一万二千, 二〇二〇, 三点五; but not 一一 or 五一
        return any(c not in _CN_DIGIT for c in core) or len(core) > 2 or "〇" in core or "零" in core
    if pre and not has_digit:       # 近万, 逾千
        return True
    if not right and text[end:end + 1] in RANGE_SEPARATORS:      # 三至五年: the right side decides
        other = _ATOM.match(text, end + 1)
        return bool(other and other.group("num") and _atom(text, other, right=True))
    if not _UNIT_AFTER.match(text, end):
        return text[end:end + 1] == "又" and _fraction_at(text, end + 1)  # 三又五分之一
    if core == "一" and not pre:
        if m.start() and text[m.start() - 1] in _NOT_BEFORE_YI:
            return False
        if text[end + 1:end + 2] == text[end]:    # 一个个, 一条条
            return False
        if text[end] == "块" and text[end + 1:end + 2] != "钱":     # 一块儿, 一块地
            return False
    return True


def _fraction_at(text: str, pos: int) -> bool:
    m = _ATOM.match(text, pos)
    return bool(m and m.group("den") and _atom(text, m))


def _range(text: str, a: tuple[Quantity, Decimal, int], b: tuple[Quantity, Decimal, int]) -> Quantity | None:
    """Merge two atoms separated by one 至/到/-/—/～ (after an optional (含)) into a range, if plausible."""
    (qa, base_a, mag_a), (qb, base_b, mag_b) = a, b
    gap = text[qa.end:qb.start]
    if len(gap) != 1:
        gap = gap[3:] if gap[:3] in ("(含)", "（含）") else gap    # 2万(含)-8万元
        gap = "—" if gap == "——" else gap
    if len(gap) != 1 or gap not in RANGE_SEPARATORS:
        return None
    if any(q.approx or q.ordinal or q.fraction or q.is_range for q in (qa, qb)) or qa.unit \
            or qb.unit not in ("", "个月"):     # (三到四个半月: the range's unit)
        return None
    if qa.percent and not qb.percent or qa.permille and not qb.permille:
        return None
    low, high = base_a * mag_a, base_b * mag_b
    if mag_a == 1:
        # 10至20万 = 10万..20万, 两到三千 = 2000..3000, 十五至二十万 = 15万..20万 (not 150万)
        for mag in (_tail_units(qb.text), mag_b):
            if mag > 1 and base_a * mag <= high:
                low = base_a * mag
                break
    if qb.text[-1] == "成" and not qa.percent:
        low *= 10                            # 二至三成 = 20%..30%
    if low > high:
        return None
    if gap in _DASH_SET:
        # codes and dates, not ranges: 010-84629985, 2020-03-25, 0431-8-123
        if any(len(d) > 1 and d[0] == "0" and d[1] != "." for d in (qa.digits, qb.digits)):
            return None
        if low > 0 and high > 1000 * low:
            return None
        if qa.start and text[qa.start - 1] in _DASHES or text[qb.end:qb.end + 1] in _DASH_SET:
            return None
    return Quantity(start=qa.start, end=qb.end, text=text[qa.start:qb.end], value=float(low),
                    low=float(low), high=float(high), percent=qb.percent, permille=qb.permille,
                    is_range=True, chinese=qa.chinese and qb.chinese, digits=qa.digits, unit=qb.unit)


def _rescan(text: str, pattern: re.Pattern, pos: int, end: int, atoms: list) -> None:
    while pos < end and (m := pattern.search(text, pos, end)):
        pos = m.end()
        if a := _atom(text, m):
            atoms.append(a)


def scan(text: str) -> list[Quantity]:
    """Every numeral span in text, left to right, non-overlapping."""
    atoms = []
    for m in _ATOM.finditer(text):
        a = _atom(text, m)
        if a:
            atoms.append(a)
        elif m.group()[-1] in _ARABIC_END and _CHAINED.search(m.group()):
            # 10万20万, 5万20000: not one numeral; read it section by section
            _rescan(text, _atom_short(), m.start(), m.end(), atoms)
        elif text[m.start()] in _CAPITAL_SET:
            # 内陆三省, 入伍三年: the capital was a word, the numeral starts after it
            _rescan(text, _ATOM, m.start() + 1, m.end(), atoms)
    if "/" in text:
        atoms = _slash_fractions(text, atoms)
    out: list[Quantity] = []
    i = 0
    n = len(atoms)
    while i < n:
        q = atoms[i][0]
        # _range's own first test, made here: most neighbours are far apart
        merged = None
        if i + 1 < n and atoms[i + 1][0].start <= q.end + 4:
            merged = _mixed(text, q, atoms[i + 1][0]) or _range(text, atoms[i], atoms[i + 1])
        out.append(merged or q)
        i += 2 if merged else 1
    return out


def _plain(q: Quantity) -> bool:
    return not (q.approx or q.ordinal or q.fraction or q.is_range or q.unit or q.percent or q.permille)


def _mixed(text: str, whole: Quantity, part: Quantity) -> Quantity | None:
    """A whole number and a fraction joined by 又: 三又五分之一 = 3.2, 负一又二分之一 = -1.5."""
    if part.start != whole.end + 1 or text[whole.end] != "又" or not part.fraction or part.percent \
            or part.permille or part.value < 0 or not _plain(whole):
        return None
    value = whole.value - part.value if whole.value < 0 else whole.value + part.value
    return Quantity(whole.start, part.end, text[whole.start:part.end], value, chinese=whole.chinese and part.chinese)


def _slash_fractions(text: str, atoms: list) -> list:
    """Join a/b (1/3, 16/5, -3/2) into one fraction."""
    out = []
    i = 0
    while i < len(atoms):
        q = atoms[i][0]
        if i + 1 < len(atoms) and _is_slash_fraction(text, q, atoms[i + 1][0]):
            d = atoms[i + 1][0]
            value = Decimal(q.value) / Decimal(d.value)
            out.append((Quantity(q.start, d.end, text[q.start:d.end], float(value), fraction=True), value, 1))
            i += 2
        else:
            out.append(atoms[i])
            i += 1
    return out


_NOT_BEFORE_SLASH = frozenset("/.．")
_NOT_AFTER_SLASH = frozenset("/.年月日号天周期季")  # 2020/3/25, a path, 3/25日


def _is_slash_fraction(text: str, q: Quantity, d: Quantity) -> bool:
    """Two short Arabic whole numbers around one slash, with no other slash, digit or
    letter at either end (a date, a path, a code)."""
    if d.start != q.end + 1 or text[q.end] != "/" or not (q.digits.isdigit() and d.digits.isdigit()):
        return False
    after = text[d.end:d.end + 1]
    return (len(q.digits) <= 3 and len(d.digits) <= 3 and d.value >= 2 and d.text == d.digits
            and _plain(q) and _plain(d) and not (q.start and text[q.start - 1] in _NOT_BEFORE_SLASH)
            and not (after in _NOT_AFTER_SLASH or after.isascii() and after.isalnum()))


@lru_cache(maxsize=4096)  # the rules ask again and again for the same few (三, 四个, 1.5万)
def parse_numeral(s: str) -> float | None:
    """Value of one isolated numeral (1,219.2, 1.65万, 一万二千, 百分之五, 四分之一), or None."""
    s = s.strip()
    m = _ATOM.fullmatch(s) if s else None
    if not m or m.group("idiom"):
        return None
    a = _atom(s, m, context=False)
    return None if a is None else a[0].value
