"""The figure record: what each figure is and is about, on real report sentences."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.document import Document
from factcheck.figures import extract


def figures(text: str):
    return extract(Document.from_text("r.txt", text))


def one(text: str, written: str):
    found = [f for f in figures(text) if f.text == written]
    assert found, f"no figure {written!r} in {[f.text for f in figures(text)]}"
    return found[0]


@pytest.mark.parametrize("text,written,counts,head", [
    ("全省共有5个国家扶贫开发工作重点县，2个省级扶贫开发工作重点县。", "5个", "国家扶贫开发工作重点县", "县"),
    ("新建和改扩建3个村级卫生室，配齐医疗设备。", "3个", "村级卫生室", "室"),
    ("53个贫困村出列，贫困发生率由原来的6%下降到0.103%。", "53个", "贫困村", "村"),
    ("全县85个贫困村全部出列。", "85个", "贫困村", "村"),
    ("全县共有贫困村82个。", "82个", "贫困村", "村"),
    ("共有15个省份GDP超过2万亿元。", "15个", "省份", None),
    ("累计投入资金3.2亿元，实施续建扶贫产业项目100个。", "100个", "续建扶贫产业项目", "项目"),
    ("改造危房9291户，其中建档立卡贫困户3497户。", "3497户", "建档立卡贫困户", None),
])
def test_counts_one_algorithm(text, written, counts, head):
    f = one(text, written)
    assert (f.counts, f.head) == (counts, head)


def test_a_figure_after_a_households_figure_counts_no_unit():
    f = one("建档立卡贫困人口累计实现7001户12736人稳定脱贫。", "12736人")
    assert f.counts != "户" and f.metric == "建档立卡贫困人口"


def test_a_date_in_chinese_digits_before_a_count_is_not_what_it_counts():
    # 二〇〇七年|第四次: the 〇 ends no phrase; what follows it is the rest of the date
    f = one("关于召开二〇〇七年第四次临时股东大会的通知", "第四次")
    assert f.metric is None and f.counts is None
    assert one("全县共有贫困村82个。", "82个").counts == "贫困村"


@pytest.mark.parametrize("text,written,low,high", [
    ("实现收入3.6亿元。", "3.6亿元", 3.55e8, 3.65e8),
    ("贫困发生率降至0.103%。", "0.103%", 0.1025, 0.1035),
    ("机关党员干部2400余名。", "2400余名", 2400, 2500),
    ("近30%的农户参加了合作社。", "近30%", 27, 30),
    ("30%以上的农户参加了合作社。", "30%", 30, math.inf),
    ("不到10%的村没有通硬化路。", "10%", 0, 10),
    ("全年接待游客1000人次左右。", "1000人次", 900, 1100),
    ("新建幼儿园3所。", "3所", 3, 3),
    # a negated hedge points the other way: 不低于 is at least, 不超过 at most
    ("城乡低保财政补助标准每人每月不低于274元。", "274元", 274, math.inf),
    ("资产负债率不超过60%。", "60%", 0, 60),
    ("每个班级学生人数不少于30人。", "30人", 30, math.inf),
    ("颗粒物排放浓度不高于10毫克。", "10毫克", 0, 10),
    # over a 及 or 或 (Wind 陆家嘴财经早餐, 2024-08-22)
    ("16股获3家及以上机构一致预测。", "3家", 3, math.inf),
    ("65岁或以上人口占比为14.2%。", "65岁", 65, math.inf),
])
def test_bounds_from_hedges_and_precision(text, written, low, high):
    lo, hi = one(text, written).bounds
    assert lo == pytest.approx(low) and hi == pytest.approx(high)


def test_rounded_parts_add_up_within_their_precision():
    parts = figures("分别为1.2475亿元、3.6亿元和2.03亿元，合计6.88亿元。")
    *items, total = parts
    low = sum(f.bounds[0] for f in items)
    high = sum(f.bounds[1] for f in items)
    assert low <= total.bounds[1] and total.bounds[0] <= high


@pytest.mark.parametrize("a,b,same", [
    ("粮食产量3万吨。", "粮食产量30000吨。", True),
    ("实现收入2万元。", "实现收入0.0002亿元。", True),
    ("耕地1500亩。", "耕地100公顷。", True),
    ("提高2个百分点。", "提高2%。", False),
    ("5000户。", "5000人。", False),
    ("3家企业。", "3个企业。", False),
    ("100美元。", "100元。", False),
])
def test_unit_families(a, b, same):
    fa, fb = figures(a)[0], figures(b)[0]
    assert fa.same_measure(fb) is same
    if same:
        assert fa.base_value == pytest.approx(fb.base_value, rel=1e-3)


def test_points_and_percent_are_different_families():
    assert one("提高2.5个百分点。", "2.5个百分点").family == "points"
    assert one("增长2.5%。", "2.5%").family == "percent"


@pytest.mark.parametrize("text,written,place,level,source", [
    ("镇赉县有贫困村65个。", "65个", "镇赉县", "county", "sentence"),
    # 全县 in a report about a city: the county the report names (most)
    ("白城市总面积2.6万平方公里。镇赉县有贫困村65个。全县贫困人口2.9万人。", "2.9万人", "镇赉县", "county", "whole"),
    ("白城市下辖洮北区和镇赉县。全市有贫困村384个。", "384个", "白城市", "prefecture", "whole"),
    ("镇赉县是国家级贫困县。全县贫困人口2.9万人。", "2.9万人", "镇赉县", "county", "whole"),
    ("田東縣建成村級衛生室166個。", "166個", "田東縣", "county", "sentence"),
    # a suffix whose stem begins inside a word, or ends a place already, names no place
    ("作为经济大省，山东全年地区生产总值接近10万亿元。", "10万亿元", None, None, None),
    ("今年一季度，广东省地区生产总值3.2万亿元。", "3.2万亿元", "广东省", "province", "sentence"),
    ("吉林省镇赉县82个贫困村全部出列。", "82个", "镇赉县", "county", "sentence"),
    # 我国 is the country, as 全国 is, not the report's place
    ("门头沟区启动文旅项目。1—10月，我国完成交通固定资产投资3.2万亿元。", "3.2万亿元", None, "country", "whole"),
    # 全市 in a county-level city's own report is that city, not the prefecture it belongs to
    ("2022年安国市政府工作报告\n安国市隶属保定市。全市脱贫人口828户1710人实现稳定脱贫。", "1710人", "安国市", "county", "whole"),
    # a county's report that never names itself: not the province it names (a work report's text
    # without its title line, 保定市各县政府工作报告)
    ("河北省经济稳中向好。全县上下团结一心，全县经济平稳运行。全年完成地区生产总值100.6亿元。",
     "100.6亿元", None, None, None),
    # a county of one character the gazetteer knows (易县2019年政府工作报告), not 载易县 nor 容易县
    ("现在，我代表易县人民政府向大会报告工作。易县新增就业2680人。", "2680人", "易县", "county", "sentence"),
    ("这是永载易县史册的大事，全年新增就业2680人。", "2680人", "易县", "county", "sentence"),
    ("这件事说起来容易县里办起来难，全年新增就业2680人。", "2680人", None, None, None),
    # a slogan (产业兴县) and a word of its own (棚户区) are no places
    ("坚持产业兴县、旅游富县，全年新增就业2680人。", "2680人", None, None, None),
    ("改造老旧小区28个，棚户区改造177户。", "177户", None, None, None),
])
def test_place_and_level(text, written, place, level, source):
    f = one(text, written)
    assert (f.place, f.place_level, f.place_from) == (place, level, source)


def test_place_carried_from_a_heading():
    text = "镇赉县：脱贫攻坚成效\n新建村级卫生室88个，改造危房9291户。\n"
    f = one(text, "88个")
    assert (f.place, f.place_from) == ("镇赉县", "heading")


@pytest.mark.parametrize("text,written,period", [
    ("2022年底，全县贫困人口减少到1200人。", "1200人", "2022年底"),
    ("前三季度，全市地区生产总值完成560亿元。", "560亿元", "前三季度"),
    ("1—10月，全市规模以上工业增加值增长6.5%。", "6.5%", "1—10月"),
    ("近五年，全县累计减贫3.6万人。", "3.6万人", "近五年"),
    ("“十四五”期间，全县计划新建学校12所。", "12所", "“十四五”期间"),
    ("全县新建学校12所。", "12所", None),
])
def test_period(text, written, period):
    assert one(text, written).period == period


@pytest.mark.parametrize("text,written,month", [
    ("一季度，全国新设外商投资企业1.1万户。特别是3月，全国新设外商投资企业4818户。", "4818户", "3月"),
    ("一季度，全国新设外商投资企业1.1万户。特别是3月，全国新设外商投资企业4818户。", "1.1万户", None),
    ("市场监管总局今天（5月26日）发布数据显示，全国新设外商投资企业1.1万户。", "1.1万户", None),
    ("1—3月，全国新设外商投资企业1.1万户。", "1.1万户", None),
    ("2023年3月份，全市新增就业1200人。", "1200人", "3月份"),
])
def test_month(text, written, month):
    assert one(text, written).month == month


def test_terms():
    text = "超长期特别国债，20年期500亿元，利率为1.98%；30年期710亿元，利率为1.88%。注资特别国债，5年期1650亿元，利率为1.45%。"
    assert one(text, "1.88%").terms == {"30年期"}
    assert one(text, "1.45%").terms == {"5年期"}
    assert one("全县新建学校12所。", "12所").terms == frozenset()


@pytest.mark.parametrize("text,written,base", [
    ("全市地区生产总值560亿元，同比增长6.5%。", "6.5%", "同比"),
    ("农村居民人均可支配收入比上年增长8.1%。", "8.1%", "比上年"),
    ("贫困人口比2015年减少3.2万人。", "3.2万人", "比2015年"),
    ("各项存款余额较年初增加12亿元。", "12亿元", "较年初"),
    ("贫困发生率由6%下降到0.103%。", "0.103%", None),
])
def test_comparison_base(text, written, base):
    assert one(text, written).base == base


@pytest.mark.parametrize("text,written,role", [
    ("改造危房9291户，其中建档立卡贫困户3497户。", "3497户", "part"),
    ("新建幼儿园3所、改扩建5所，共8所。", "8所", "total"),
    ("全县141个行政村都建设了标准化卫生室。", "141个", "total"),
    ("财政收入12亿元，占总收入的45%。", "45%", "share"),
    ("农村居民人均可支配收入12000元。", "12000元", "average"),
    ("全市地区生产总值同比增长6.5%。", "6.5%", "change"),
    ("综合实力排名由第12位升至第5位。", "第5位", "rank"),
    ("贫困村通屯硬化率达到100%。", "100%", "rate"),
])
def test_role_cues(text, written, role):
    assert role in one(text, written).roles


def test_a_trend_target_is_not_a_change():
    assert "change" not in one("贫困发生率由6%下降到0.103%。", "0.103%").roles


def test_value_added_is_no_change():
    text = "2022年全年国内生产总值1210207亿元，其中，第二产业增加值比重为39.9%。"
    assert "change" not in one(text, "39.9%").roles
    assert "change" in one("第二产业增加值增加5.2%。", "5.2%").roles


def test_lists_share_a_unit_and_pair_with_respectively():
    found = figures("城镇、农村居民人均可支配收入分别增长12.4%、3.8%。")
    assert [f.unit for f in found] == ["%", "%"]
    assert [f.list_pos for f in found] == [0, 1] and found[0].list_id == found[1].list_id
    assert [f.item for f in found] == ["城镇", "农村居民人均可支配收入"]
    shared = figures("三个产业分别增长3.3、1.4、1.1倍。")[-3:]
    assert [f.unit for f in shared] == ["倍", "倍", "倍"]


def test_a_list_runs_through_items_with_a_minus_sign():
    """大河财立方 2024-03-21: six years' changes, the last two falls written with their sign."""
    found = figures("合结钢收入同比变动幅度分别为26.8%、22.74%、-60.88%、-106.44%。")
    assert [f.list_pos for f in found] == [0, 1, 2, 3] and len({f.list_id for f in found}) == 1


def test_what_a_statement_names_its_figures_measure():
    """A list names what it measures before its first item; a change right after a figure is that
    figure's (中国经济网 2023-08-11; 大河财立方 2024-03-21)."""
    text = "公司实现营业收入15.74亿元，同比减少4.41%；净利润为1.87亿元，同比增长240.35%。"
    change = one(text, "4.41%")
    assert change.metric is None and change.change_of == one(text, "15.74亿元").start
    assert change.stated_metric == "营业收入" and one(text, "240.35%").stated_metric == "净利润"
    listed = figures("合结钢收入同比变动幅度分别为26.8%、22.74%、-106.44%。")
    assert [f.stated_metric for f in listed] == ["合结钢收入"] * 3
    assert one("销量同比下降18.3%，利润增长5%。", "18.3%").change_of is None


def test_what_a_figure_is_of_within_its_statement():
    """The record's sector, qualifier, grade and rate_of, which tell two figures of one metric
    apart (the sources of conflicting-figures' cases: 新闻联播 2015-03-16 and 2020-06-05, 中共中央
    组织部 2010 data, 沁水县重点工程进展)."""
    assert one("全国水路共发送旅客4283.8万人次，同比下降1.6%。", "4283.8万人次").sector == "水路"
    assert one("全国共发送旅客28亿人次。", "28亿人次").sector is None
    assert one("全国参加民主评议的党员6518.3万名。", "6518.3万名").qualifier == "参加民主评议"
    assert one("全国发展党员307.5万名。", "307.5万名").qualifier is None
    text = "其中:省级6项,概算投资140.16亿元。1-12月份完成投资28.78亿元,投资完成率151.47%。市级5项,完成率116.45%。"
    assert [one(text, t).grade for t in ("151.47%", "116.45%")] == ["省级", "市级"]
    assert one("全县完成投资77.57亿元,投资完成率122.6%。", "122.6%").grade is None
    text = "中西部22个省份有扶贫车间29062个，目前已复工28660个，复工率98.6%。"
    assert one(text, "98.6%").rate_of == one(text, "29062个").start
    assert one("全县贫困发生率为0.5%。", "0.5%").rate_of is None


def test_a_list_item_with_its_own_magnitude_takes_only_the_unit():
    """新闻联播 2026-01-21: each 万亿 is its own, the last item's 元 serves all three (not 110万亿 × 万亿)."""
    found = figures("五年时间，中国经济总量接连跨越110万亿、120万亿、130万亿元关口。")[-3:]
    assert [(f.value, f.unit) for f in found] == [(1.1e14, "元"), (1.2e14, "元"), (1.3e14, "元")]
    assert [(f.value, f.unit) for f in figures("两项补助标准分别为10、20万元。")[-2:]] == [(1e5, "元"), (2e5, "元")]



@pytest.mark.parametrize("text, items", [
    ("《纲要》共14章、51目、142条，10.5万字。", ["14", "51", "142条"]),  # 章 and 目: no units of ours
    ("中国体育代表团贡献9金、5银、6铜。", ["9", "5", "6"]),
])
def test_a_list_runs_through_classifiers_that_are_no_units(text, items):
    listed = [f for f in figures(text) if f.list_id is not None]
    assert [f.text for f in listed] == items
    assert [f.list_pos for f in listed] == list(range(len(items)))

@pytest.mark.parametrize("text", [
    "深入学习贯彻党的十九大精神。",
    "建设十万吨级码头。",
    "打造千亿级产业集群。",
    "全面落实两不愁三保障。",
    "打好三大攻坚战。",
    "十四届全国人大一次会议主席团举行会议。",
    "全国政协十四届二次会议在京闭幕。",
    "党的十九届四中全会审议通过决定。",
    "给中央军委装备发展部某室记一等功。",
    "张剑宁分别记国防科技三等功。",
    "该成果获国家科技进步二等奖。",
])
def test_fixed_expressions_are_no_figures(text):
    assert figures(text) == []


def test_a_plans_name_before_a_counted_unit_is_a_range():
    """十四五岁 is fourteen or fifteen years old; “十四五” on its own is still the plan."""
    found = figures("这些十四五岁的少年，在“十四五”期间长大。")
    assert [(f.text, f.low, f.high, f.unit) for f in found] == [("十四五岁", 14.0, 15.0, "岁")]


def test_clause_and_sentence_from_the_one_segmentation():
    text = "全县有贫困村82个，非贫困村59个。全县行政村141个。"
    doc = Document.from_text("r.txt", text)
    first, second, third = extract(doc)
    assert first.sentence == second.sentence == (0, 18)
    assert text[slice(*first.clause)] == "全县有贫困村82个"
    assert text[slice(*second.clause)] == "非贫困村59个"
    assert third.sentence == (18, len(text))


@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=0, max_value=3))
def test_bounds_always_hold_the_value(n, decimals):
    written = f"{n / 10 ** decimals:.{decimals}f}"
    f = one(f"完成投资{written}万元。", f"{written}万元")
    low, high = f.bounds
    assert low <= f.value <= high
    assert high - low == pytest.approx(10 ** -decimals * 10000, rel=1e-6)


@pytest.mark.parametrize("text,written,place,level,parent", [
    ("洮南市有贫困村62个。", "62个", "洮南市", "county", "白城市"),  # a county-level city, not a prefecture
    ("白城市贫困人口20.1万人。", "20.1万人", "白城市", "prefecture", "吉林省"),
    ("田东县建成村级卫生室166个。", "166个", "田东县", "county", "百色市"),
    ("朝阳区新增就业3万人。", "3万人", "朝阳区", "county", None),  # 北京 and 长春 both have one
])
def test_place_level_and_parent_from_the_gazetteer(text, written, place, level, parent):
    f = one(text, written)
    assert (f.place, f.place_level, f.place_parent) == (place, level, parent)


@pytest.mark.parametrize("text,written,hedge,strict", [
    ("全市25家重点企业中，15家实现增长，超过六成。", "超过六成", "超过", True),
    ("不到10%的村没有通硬化路。", "10%", "不到", True),
    ("近30%的农户参加了合作社。", "近30%", "近", False),
    ("30%以上的农户参加了合作社。", "30%", "以上", False),
    ("新建幼儿园3所。", "3所", None, False),
    ("资产负债率不超过60%。", "60%", "不超过", False),
])
def test_hedge_word_and_whether_it_leaves_out_the_number(text, written, hedge, strict):
    f = one(text, written)
    assert (f.hedge, f.strict) == (hedge, strict)


@pytest.mark.parametrize("text,written,whole", [
    ("捐赠收入为250万元，占总收入的50%。", "50%", "总收入"),
    ("对中亚五国贸易占全国比重36.4%。", "36.4%", "全国"),
    ("财政民生支出占一般公共预算支出比重73.8%。", "73.8%", "一般公共预算支出"),
    ("第一产业占地区生产总值的18.2%。", "18.2%", "地区生产总值"),
    ("其他业务收入740万元，占比8.6%。", "8.6%", None),
    ("全县农村居民人均可支配收入同比增长8.5%。", "8.5%", None),
])
def test_the_whole_a_share_names(text, written, whole):
    assert one(text, written).share_of == whole


def test_a_length_of_time_before_qi_is_a_term():
    found = [(f.text, f.is_term) for f in figures("发行550亿元30年期国债，到期还本，共计持有30年。")]
    assert found == [("550亿元", False), ("30年", True), ("30年", False)]


@pytest.mark.parametrize("text,written,averaged_or_net", [
    ("日均开行旅客列车11243列，同比增长7.5%。", "11243列", True),
    ("夏粮单产每亩达到375.2公斤。", "375.2公斤", True),
    ("跨境资金净流入173亿美元。", "173亿美元", True),
    ("全县每年投入扶贫资金3000万元。", "3000万元", False),  # a year's sum
    ("全县投入扶贫资金3000万元。", "3000万元", False),
])
def test_averaged_or_net(text, written, averaged_or_net):
    assert one(text, written).averaged_or_net is averaged_or_net


def test_fractional_count():
    assert one("中国运输生产指数为178.8点。", "178.8点").fractional_count
    assert not one("全县有贫困村82个。", "82个").fractional_count


@pytest.mark.parametrize("text, written, after", [
    ("布洛芬免费发放了30万片近8万人。", "30万", "片近"),
    ("欧洲地区新增确诊病例近167万例，约占当周全球新增确诊病例的58%。", "近167万", "例"),
    ("中国第15次北冰洋科学考察任务圆满完成。", "第15次", "北冰"),
    ("这是他们第22次。", "第22次", ""),
])
def test_the_word_after_a_figure_runs_to_a_mark(text, written, after):
    assert one(text, written).word_after == after


@pytest.mark.parametrize("text, written, word", [
    ("算力总规模超过1.7万P，位居新疆之首。", "1.7万", "P"),     # 新闻联播, 2025-09-11: a unit of Latin letters we have not
    ("超过143万GB的数据在云端传输。", "143万", "GB"),
    ("欧洲地区新增确诊病例近167万例，约占当周全球新增确诊病例的58%。", "167万", "例"),
])
def test_the_word_after_a_figure_without_a_unit_of_ours(text, written, word):
    found = [f for f in extract(Document.from_text("x.txt", text)) if written in f.text]
    assert len(found) == 1 and found[0].unit is None and found[0].word_after == word


@pytest.mark.parametrize("text", ["推动5G网络建设。", "使用IE8浏览器的用户。", "新款iPhone12上市。"])
def test_names_with_numbers_are_no_figures(text):
    assert extract(Document.from_text("x.txt", text)) == []


@pytest.mark.parametrize("text", ["吉ICP备17005202号", "京公网安备 11010502000001号", "网站备案号：2208000056"])
def test_licence_numbers_are_no_figures(text):
    assert figures(text) == []


@pytest.mark.parametrize("text,written", [
    # CCTV 新闻联播, 2024-06-18 (广东梅州抢险): 备 ends 装备, no licence number
    ("中国安能等中央企业投入工程抢险力量230余人、挖掘机等大型机械装备57台套，赶赴广东梅州受灾地区。", "57台"),
    ("推动大规模设备更新，更新设备7630台（套）。", "7630台"),
    ("按照常住人口配备18名社区工作者。", "18名"),
])
def test_a_count_after_a_word_ending_in_bei_is_a_figure(text, written):
    one(text, written)


@pytest.mark.parametrize("text,written,hedges", [
    ("提供职位数近370多万个。", "近370多万个", ["近", "多"]),                    # 新闻联播 2023-03-16
    ("北京和唐山之间最快约近40分钟左右可通达。", "近40分钟", ["约", "近", "左右"]),  # 新闻联播 2022-11-26
    ("销售收入增幅超50%以上，成为制造业转型升级的亮点。", "50%", ["超", "以上"]),     # 新闻联播 2026-06-01
    ("比传统能源节约50%以上，能同时用于夏天制冷。", "50%", ["以上"]),             # 节约: no 约
    ("近十多年来，我国推进以国家公园为主体的自然保护地体系。", "十多年", ["多"]),       # 近: recent
    ("附近超1000名居民被疏散。", "1000名", ["超"]),                              # 附近: no 近
    ("美国新冠确诊病例超9862万多重疫情加重医疗系统负担", "9862万", ["超"]),          # 多重: a word
])
def test_every_hedge_word_written_with_a_figure(text, written, hedges):
    found = [f for f in figures(text) if written in f.text]
    assert found and [w for w, _at in found[0].hedges] == hedges


@pytest.mark.parametrize("text,written", [("比传统能源节约50%以上。", "50%"), ("太仓新签约120个项目。", "120个")])
def test_yue_ending_a_word_is_no_approximation(text, written):
    f = one(text, written)
    assert f.approx != "约" and not f.approximate


@pytest.mark.parametrize("text,numbers,not_figures", [
    ("工作重点：\n1、推进产业升级。\n2.加强生态保护。", ["1", "2"], True),
    # a rate at the head of a line, continuing the sentence a print copy broke (宿州市2021年统计公报)
    ("分别对GDP贡献率14.9%、\n37.0%、48.1%。", ["37.0%"], False),
    ("分别对GDP贡献率\n14.9、37.0和48.1。", ["14.9"], False),
])
def test_list_numbers_at_a_line_head_are_no_figures(text, numbers, not_figures):
    written = [f.text for f in figures(text)]
    assert all((n in written) != not_figures for n in numbers), written


def test_kuai_counts_pieces_before_a_noun_or_a_measure_and_yuan_otherwise():
    def units(text):
        return [(f.text, f.unit) for f in extract(Document.from_text("k.txt", text))]

    # 泉港碳九泄漏后的9天 (Terminus2049/Terminus2049.github.io, 2018): yuan, then pieces
    assert units("他当初花3560块钱，用两块6米长、2米25宽，60公分厚的泡沫支撑起这个大仓库")[:2] == [("3560块", "块"), ("两", None)]
    assert units("获得3块金牌") == [("3", None)]
    assert units("花了20块。每斤3块5") == [("20块", "块"), ("3块", "块"), ("5", None)]
