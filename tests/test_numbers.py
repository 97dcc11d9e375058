"""Tests for factcheck.numbers: parse_numeral and scan."""
from __future__ import annotations

from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.numbers import Quantity, parse_numeral, scan

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


# --- parse_numeral ----------------------------------------------------------

@pytest.mark.parametrize("s, value", [
    ("4", 4), ("1,219.2", 1219.2), ("0.103", 0.103), ("700112736", 700112736),
    ("１２３", 123), ("1,000,000", 1_000_000),
    ("四", 4), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("一百一十", 110),
    ("一万二千", 12000), ("一万二", 12000), ("两万", 20000), ("三千零五", 3005),
    ("一万零一十", 10010), ("十万", 100000), ("千万", 10**7), ("万亿", 10**12),
    ("三万亿", 3 * 10**12), ("一亿二千万", 120_000_000), ("廿三", 23),
    ("二〇二〇", 2020), ("一九四九", 1949), ("零点五", 0.5), ("五十点五", 50.5),
    ("百分之五", 5), ("百分之五十点五", 50.5), ("百分之百", 100), ("千分之三", 3),
    ("四分之一", 0.25), ("三分之二", 2 / 3), ("十分之一", 0.1),
    ("1.65万", 16500), ("3.2亿", 320_000_000), ("12万", 120_000), ("5千万", 5 * 10**7),
    ("1.2万亿", 1.2e12), ("一点六五万", 16500), ("6%", 6), ("5‰", 5), ("第七", 7),
])
def test_parse_numeral(s, value):
    assert parse_numeral(s) == pytest.approx(value)


@pytest.mark.parametrize("s", [
    "", "abc", "一是", "一律", "万一", "千千万万", "十百", "IE8", "5G", "3至5", "二二十",
])
def test_parse_numeral_rejects(s):
    assert parse_numeral(s) is None


# --- scan: positive examples ------------------------------------------------

def q(text, value, **attrs):
    return dict(text=text, value=value, **attrs)


SCAN_CASES = [
    # Arabic, grouping, decimals, magnitudes
    ("累计投入156.4亿元", [q("156.4亿", 15_640_000_000, digits="156.4")]),
    ("1.65万名干部", [q("1.65万", 16500, digits="1.65")]),
    ("贫困人口20.1万人", [q("20.1万", 201_000)]),
    ("总额1,219.2亿元", [q("1,219.2亿", 121_920_000_000, digits="1219.2")]),
    # 减负 is a burden cut, not a minus (南阳市2019年预算执行情况的报告, chenfei2008c/china-local-debt-atlas)
    ("为各类市场主体减负35.79亿元", [q("35.79亿", 3_579_000_000, digits="35.79")]),
    ("12，345", [q("12", 12), q("345", 345)]),
    ("1,2345", [q("1", 1), q("2345", 2345)]),
    ("500千瓦", [q("500", 500)]),
    ("5千人", [q("5千", 5000)]),
    ("１２３户", [q("１２３", 123, digits="123")]),
    # percentages and permille
    ("降至0.103%", [q("0.103%", 0.103, percent=True, digits="0.103")]),
    ("占28.7%", [q("28.7%", 28.7, percent=True)]),
    ("百分之五", [q("百分之五", 5, percent=True, chinese=True)]),
    ("百分之五十点五", [q("百分之五十点五", 50.5, percent=True)]),
    ("千分之三", [q("千分之三", 3, permille=True)]),
    ("3‰", [q("3‰", 3, permille=True)]),
    # fractions and ordinals
    ("占全省贫困村的四分之一", [q("四分之一", 0.25, fraction=True, chinese=True)]),
    ("三分之二", [q("三分之二", pytest.approx(2 / 3), fraction=True)]),
    ("第28个", [q("第28", 28, ordinal=True, digits="28")]),
    ("第七", [q("第七", 7, ordinal=True, chinese=True)]),
    ("第7", [q("第7", 7, ordinal=True)]),
    ("第二十一届", [q("第二十一", 21, ordinal=True)]),
    ("驻村第一书记", [q("第一", 1, ordinal=True)]),
    # Chinese numerals
    ("四年来", [q("四", 4, chinese=True, digits="")]),
    ("3类人员", [q("3", 3, chinese=False)]),
    ("三类人员", [q("三", 3, chinese=True)]),
    ("一万二千人", [q("一万二千", 12000)]),
    ("两万元", [q("两万", 20000)]),
    ("十二个", [q("十二", 12)]),
    ("二十一", [q("二十一", 21)]),
    ("三千零五", [q("三千零五", 3005)]),
    ("二〇二〇年", [q("二〇二〇", 2020)]),
    ("一户一策", [q("一", 1)]),
    ("县四家班子", [q("四", 4)]),
    ("千人大会", [q("千", 1000)]),
    ("建设等五方面的", [q("五", 5)]),
    ("两岸", []),
    # hedges
    ("5000余万元", [q("5000余万", 5e7, approx="余", low=5e7, high=6e7)]),
    ("全县近万名", [q("近万", 10000, approx="近", low=9000, high=10000)]),
    ("近万", [q("近万", 10000, approx="近")]),
    ("约1600万元", [q("约1600万", 1.6e7, approx="约", low=pytest.approx(1.44e7), high=pytest.approx(1.76e7))]),
    ("2400余名", [q("2400余", 2400, approx="余", low=2400, high=2500)]),
    ("100余次", [q("100余", 100, low=100, high=200)]),
    ("7000多人", [q("7000多", 7000, approx="多", low=7000, high=8000)]),
    ("40多次", [q("40多", 40, low=40, high=50)]),
    ("1.2万余户", [q("1.2万余", 12000, approx="余", low=12000, high=13000)]),
    ("两万余人", [q("两万余", 20000, low=20000, high=30000)]),
    ("十多万人", [q("十多万", 100000, low=100000, high=200000)]),
    ("十来个", [q("十来", 10, approx="来", low=10, high=20)]),
    ("超过500人", [q("超过500", 500, approx="超过", low=500, high=None)]),
    ("逾千人", [q("逾千", 1000, approx="逾")]),
    ("1000左右", [q("1000左右", 1000, approx="左右", low=900, high=pytest.approx(1100))]),
    ("1000元左右", [q("1000", 1000, approx=None)]),
    ("将近3年", [q("将近3", 3, approx="将近")]),
    ("近三年来", [q("三", 3, approx=None)]),        # 近 + time: "the last three years"
    ("最近5年", [q("5", 5, approx=None)]),
    # ranges
    ("3至5个", [q("3至5", 3, low=3, high=5, is_range=True)]),
    ("3-5", [q("3-5", 3, is_range=True)]),
    ("3—5", [q("3—5", 3, is_range=True)]),
    ("3～5", [q("3～5", 3, is_range=True)]),
    ("3到5", [q("3到5", 3, is_range=True)]),
    ("三至五年", [q("三至五", 3, low=3, high=5, is_range=True)]),
    ("三四个月", [q("三四", 3, low=3, high=4, is_range=True)]),
    ("七八年", [q("七八", 7, low=7, high=8, is_range=True)]),
    ("两三个", [q("两三", 2, low=2, high=3, is_range=True)]),
    ("10万至20万", [q("10万至20万", 100_000, low=100_000, high=200_000, is_range=True)]),
    ("10至20万元", [q("10至20万", 100_000, low=100_000, high=200_000, is_range=True)]),
    ("3-5%", [q("3-5%", 3, low=3, high=5, percent=True, is_range=True)]),
    ("©2002-2024", [q("2002-2024", 2002, low=2002, high=2024, is_range=True)]),
    ("0-5岁", [q("0-5", 0, low=0, high=5, is_range=True)]),
    ("5至3", [q("5", 5), q("3", 3)]),
    # codes, phone numbers, dates: digits yes, ranges no
    ("电话010-84629985", [q("010", 10, digits="010"), q("84629985", 84629985)]),
    ("吉ICP备17005202号", []),                       # a licence number, not a figure
    ("2020-03-25", [q("2020", 2020), q("03", 3), q("25", 25)]),
    ("1-2-3", [q("1", 1), q("2", 2), q("3", 3)]),
    ("2-3000", [q("2", 2), q("3000", 3000)]),
    ("2020年3月25日", [q("2020", 2020), q("3", 3), q("25", 25)]),
    ("截至2015年底", [q("2015", 2015)]),
    # no arithmetic
    ("1+17", [q("1", 1), q("17", 17)]),
    ("7+16+12", [q("7", 7), q("16", 16), q("12", 12)]),
    # the two motivating garbles
    ("累计实现700112736人稳定脱贫", [q("700112736", 700112736, digits="700112736")]),
    ("累计实现7001户12736人稳定脱贫", [q("7001", 7001), q("12736", 12736)]),
    ("硬化率达到100%76个村实现户户通", [q("100%", 100, percent=True), q("76", 76)]),
]


@pytest.mark.parametrize("text, expected", SCAN_CASES, ids=[c[0] for c in SCAN_CASES])
def test_scan(text, expected):
    got = scan(text)
    assert [g.text for g in got] == [e["text"] for e in expected]
    for g, e in zip(got, expected):
        for key, value in e.items():
            assert getattr(g, key) == value, (key, g)


def test_scan_defaults_for_plain_number():
    assert scan("共76个村") == [Quantity(start=1, end=3, text="76", value=76.0, digits="76")]


# --- scan: what is not a number ---------------------------------------------

@pytest.mark.parametrize("text", [
    "一律", "一切", "千方百计", "进一步", "一是", "二是必须", "IE8", "统一领导", "一起", "一线",
    "一些", "一直", "一定", "一样", "一体", "一般", "唯一", "万一", "千万不要", "万物", "万众一心",
    "百姓富", "百花齐放", "四面八方", "一心一意", "三心二意", "七上八下", "九牛一毛", "一鼓作气",
    "一如既往", "一票否优", "背水一战", "一盘棋", "APP", "D级", "5G网络", "3A级", "十分重要",
    "五一", "十三五", "一一对应", "一个个乡村", "一条条宽敞", "下一篇", "这一实际", "之一",
    "两不愁三保障", "清零", "一系列", "十万火急", "三点半", "一方面", "房屋四周",
])
def test_scan_rejects(text):
    assert scan(text) == []


# --- real samples -----------------------------------------------------------

def _sample_texts():
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}


def test_samples_spans_and_no_idioms():
    for name, text in _sample_texts().items():
        quantities = scan(text)
        assert quantities, name
        for qu in quantities:
            assert text[qu.start:qu.end] == qu.text
        words = {text[max(0, qu.start - 1):qu.end + 2] for qu in quantities}
        for word in ("进一步", "一鼓作气", "千方百计", "一如既往", "一切", "统一"):
            assert not any(word in w for w in words), (name, word)


def test_samples_known_figures():
    texts = "\n".join(_sample_texts().values())
    found = {qu.text for qu in scan(texts)}
    for text in ["156.4亿", "1.65万", "5000余万", "近万", "约1600万", "20.1万", "0.103%",
                 "四分之一", "第28", "7001", "12736", "700112736", "100%", "2400余", "7000多"]:
        assert text in found, text


# --- properties -------------------------------------------------------------

@given(st.integers(0, 10**12), st.booleans())
def test_arabic_roundtrip(n, grouped):
    assert parse_numeral(f"{n:,}" if grouped else str(n)) == n


@given(st.integers(1, 99_999_999))
def test_chinese_agrees_with_cn2an(n):
    assert parse_numeral(cn2an.an2cn(n)) == n


@given(st.integers(0, 9999), st.integers(0, 99), st.sampled_from(["万", "亿"]))
def test_decimal_magnitude_agrees_with_cn2an(whole, frac, mag):
    s = f"{whole}.{frac:02d}{mag}"
    assert parse_numeral(s) == pytest.approx(cn2an.cn2an(s, "smart"))


@given(st.integers(0, 99999), st.integers(1, 999))
def test_chinese_decimal(whole, frac):
    s = cn2an.an2cn(f"{whole}.{frac}")
    assert parse_numeral(s) == pytest.approx(float(f"{whole}.{frac}"))


ALPHABET = "0123456789０９.,，%‰-—至到~余多来近约逾超过左右第万亿千百十零〇一二两三四五六七八九分之点个年人户元是切IEa 。"


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_scan_offsets(text):
    quantities = scan(text)
    last_end = 0
    for qu in quantities:
        assert qu.text == text[qu.start:qu.end]
        assert last_end <= qu.start < qu.end
        last_end = qu.end
        if qu.low is not None and qu.high is not None:
            assert qu.low <= qu.high


# --- what the numeral carries besides its value ------------------------------

@pytest.mark.parametrize("text, attrs", [
    ("每亩增产两吨半", dict(text="两吨半", value=2.5, unit="吨")),
    ("每张3元5角", dict(text="3元5角", value=3.5, unit="元")),
    ("泡沫2米25宽", dict(text="2米25", value=2.25, unit="米")),  # 泉港碳九泄漏后的9天 (2018): 两块6米长、2米25宽
    ("他身高1米8", dict(text="1米8", value=1.8, unit="米")),
    ("历时一个半小时", dict(text="一个半", value=1.5, unit="")),     # 小时 follows, as any unit does
    ("历时一个半月", dict(text="一个半月", value=1.5, unit="个月")),  # a duration, as 1.5个月 (not the calendar's 月)
    ("休渔时间为三到四个半月", dict(text="三到四个半月", low=3, high=4.5, unit="个月", is_range=True)),
    ("历时一個半月", dict(text="一個半月", value=1.5, unit="个月")),
    ("人民币壹拾万零壹佰壹拾壹元壹角壹分", dict(text="壹拾万零壹佰壹拾壹元壹角壹分", value=100111.11, unit="元")),
    ("共计3元零5分", dict(text="3元零5分", value=3.05, unit="元")),
    ("最低气温零下十度", dict(text="零下十", value=-10)),
    ("完成两成半", dict(text="两成半", value=25, percent=True)),
    ("党的十八大以来", dict(text="十八", value=18, ordinal=True)),
    ("六七亿元", dict(value=6e8, low=6e8, high=7e8, is_range=True, approx=None)),
    ("数十万群众", dict(value=1e5, low=1e5, high=1e6, approx="数", is_range=False)),
    ("三十几万", dict(value=3e5, low=3e5, high=4e5, approx="几")),
    ("零下6摄氏度", dict(text="零下6", value=-6)),
    ("增速为-3.2%", dict(text="-3.2%", value=-3.2, percent=True)),
    ("5万2000元", dict(text="5万2000", value=52000, digits="")),
    ("1.65万名", dict(text="1.65万", digits="1.65")),
])
def test_scan_attributes(text, attrs):
    got = scan(text)
    assert len(got) == 1, got
    for key, value in attrs.items():
        assert getattr(got[0], key) == value, (key, got[0])


@pytest.mark.parametrize("text", ["10万20万", "5万20000"])
def test_two_sections_that_are_not_one_numeral(text):
    assert len(scan(text)) == 2



@pytest.mark.parametrize("text, values", [
    ("猕猴桃产量稳定在全国1/4、1/3，", [0.25, 1 / 3]),        # a slash fraction, in a government report
    ("三又二分之一倍", [3.5]),                                  # a whole number and a fraction
    ("2020/3/25", [2020, 3, 25]),                               # a date: no fraction
    ("3/25日", [3, 25]),
    ("1/2a", [1]),                                              # a name (2a) after the slash
])
def test_fractions_written_with_a_slash_or_you(text, values):
    assert [q.value for q in scan(text)] == pytest.approx(values)


@given(st.integers(1, 999), st.integers(2, 999), st.integers(1, 99), st.booleans())
def test_fractions_in_every_written_form(numerator, denominator, whole, chinese):
    """a/b, b分之a, and a whole number joined to either by 又, in a sentence."""
    fraction = (f"{cn2an.an2cn(denominator)}分之{cn2an.an2cn(numerator)}" if chinese
                else f"{numerator}/{denominator}")
    for text, value in ((f"约有{fraction}的人", numerator / denominator),
                        (f"长{whole}又{fraction}米", whole + numerator / denominator)):
        assert [q.value for q in scan(text)] == pytest.approx([value]), text


def test_a_slash_in_a_link_is_no_fraction():
    assert all(not q.fraction for q in scan("详见www.gov.cn/1/2"))

# --- robustness ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "一" * 4400, "九" * 4400 + "个", "一" * 4400 + "点" + "一" * 4400, "1" * 5000, "1" * 5000 + "万",
    "十" * 4400, "万" * 4400, "零" * 4400 + "个", "三四" * 3000 + "个", "1万" * 3000, "负" * 3000 + "1",
    "１，２３４" * 2000, "百分之" * 2000, "第" * 4000 + "一", "5000余万" * 2000,
    "三至" * 5000 + "五年", "万亿" * 20000, "十万" * 20000,   # a range's right side looked further right, recursively
])
def test_long_runs_do_not_crash(text):
    for q in scan(text):
        assert text[q.start:q.end] == q.text


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_scan_never_raises_and_spans_hold(text):
    for q in scan(text):
        assert text[q.start:q.end] == q.text
        assert q.start < q.end


NUMERAL_PIECES = list("0123456789０９.,，．%‰-—－−~至到余多几数来近约逾第负零下万亿千百十零〇一二两三四五六七八九"
                      "壹贰叁肆伍陆柒捌玖拾佰仟萬億兩參幾點餘个成半吨年元块角毛分之点（）()含+NICP备 ")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NUMERAL_PIECES), max_size=40).map("".join))
def test_numeral_soup_never_raises(text):
    last_end = 0
    for q in scan(text):
        assert text[q.start:q.end] == q.text
        assert last_end <= q.start < q.end
        last_end = q.end
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, q
    parse_numeral(text)


@given(st.integers(1, 9999), st.integers(10, 9999), st.integers(10, 9999))
def test_arabic_sections(a, b, c):
    # cn2an's smart mode agrees on 3千零20万 = 30200000 and 1万800 = 10800, but reads
    # 1216亿13万 as 121600030000; this is the arithmetic
    assert parse_numeral(f"{a}亿{b}万{c}") == a * 10**8 + b * 10**4 + c
    assert parse_numeral(f"{a}万{c}") == a * 10**4 + c
    assert [q.value for q in scan(f"共{a}万{c}人")] == [a * 10**4 + c]
