"""The normalised view and its offset map back to the original text."""
from hypothesis import given, settings, strategies as st

from factcheck.document import Document
from factcheck.normalize import SPACES, fold_char, is_wrapped, normalise

PRINT = "建档立卡贫困人口累\n计实现 7001 户 12736 人稳定脱贫，\n53个贫困村出列，贫困发生率由原\n来的6%下降到0.103%。\n"

text_chars = st.sampled_from(list("贫困村人户县区，,。.、：: \u3000\n０１２３７9%％“”（()—-\f") + ["\r\n", "\n- 2 -\n\f"])
texts = st.lists(text_chars, max_size=80).map("".join)


def test_pdf_line_breaks_and_digit_spaces_go():
    view = normalise(PRINT * 3)
    assert "累计实现7001户12736人稳定脱贫，53个贫困村出列" in view.text
    assert view.wrapped


def test_short_unwrapped_text_keeps_line_breaks():
    view = normalise("第一段。\n\n\n第二段，1,219.2公里")
    assert view.text == "第一段。\n第二段，1,219.2公里"


def test_full_width_thousands_separator():
    assert normalise("全县３，２１８户，共１２，３４５人").text == "全县3,218户，共12,345人"
    assert normalise("分别为３，５").text == "分别为3，5"  # a list, not a thousands group


def test_full_width_commas_that_group_a_currency_s_thousands():
    # Sina sports, 2018 (Patrick233/Cluster-Chinese-news-Article): the input method's commas
    view = normalise("贾斯汀-罗斯在延长赛中击败李昊桐，成功卫冕土耳其公开赛，赢得1，166，600美元（约合人民币808万元）")
    assert "赢得1,166,600美元" in view.text
    assert normalise("奖金为94，233，857日元").text == "奖金为94,233,857日元"
    # a list of other figures keeps its commas (constructed), and so does one group alone
    assert normalise("四轮总杆数分别为280，283，285杆").text == "四轮总杆数分别为280，283，285杆"
    assert normalise("两年分别为94，233万元").text == "两年分别为94，233万元"


def test_a_space_that_groups_thousands_goes():
    # 甘肃省统计公报's style: 存栏分别为221.2万头、1 788.0万头; 货物周转量1 228.3亿吨公里
    view = normalise("存栏分别为221.2万头、1 788.0万头，货物周转量1 228.3亿吨公里，共12 345 678元")
    assert view.text == "存栏分别为221.2万头、1788.0万头，货物周转量1228.3亿吨公里，共12345678元"
    assert view.text[view.text.index("1788"):][:4] == "1788" and view.offsets[view.text.index("1788") + 1] == \
        "存栏分别为221.2万头、1 788.0万头".index("788")
    # not two numbers side by side, nor a group of more or fewer than three digits
    assert normalise("7001 12736人，2019 2020年，表 1 100户，1 50人").text == "7001 12736人，2019 2020年，表1 100户，1 50人"
    # a group that ends a hard-wrapped line (a 2000 census summary: 15—64岁人口为942 118\n人), not a
    # table's row of numbers
    assert "942118人" in normalise("15—64岁人口为942 118\n人,占75.39%").text
    assert "942 118" in normalise("942 118\n563 221").text.replace("\n", " ")


def test_numbers_across_a_print_line_break():
    # a print line broken before a thousands comma is one number (a fund survey in Reuters Chinese, 2018)
    assert "2,600-2,900点" in normalise("预测点位2,600-2\n,900点").text
    # in hard-wrapped text, a numbered item opens its line: its number is not run into the
    # figure that ends the line above
    survey = ("4.各基金公司对于三个月后沪综指能达到\n的位置预测点位为2,600-3,000、\n2,700-2,800、2,600-2,900\n"
              "5.下个月主要行业的建议配置比例\n") * 3
    view = normalise(survey)
    assert view.wrapped and "2,900\n5.下个月" in view.text and "2,9005." not in view.text
    # a wrapped headline that ends in a figure, then a story that opens with one (国家统计局's
    # release of 2020-11-27, as a print copy): the headline ends there, the two are no one number
    release = ("统计局:10月规模以上工业企业\n利润同比增长28.2%\n1—10月份,全国规模以上工业企\n"
               "业实现利润总额50124.2亿元,同\n比增长0.7%(按可比口径计\n算,详见附注二）,1—9 月份\n"
               "为下降2.4%。\n1—10月份,规模以上工业企业中,国\n有控股企业实现利润总额12942.6\n"
               "亿元,同比下降7.5%;股份制\n企业实现利润总额35417.4亿元,\n增长0.4%;外商及港澳台商\n")
    view = normalise(release)
    assert view.wrapped and "增长28.2%\n1—10月份" in view.text and "规模以上工业企业利润" in view.text
    # further on, a line that ends in a figure goes on into the next as ever
    assert "12942.6亿元" in view.text


def test_width_folding():
    assert normalise("７００１户，达到１００％").text == "7001户，达到100%"
    assert normalise("发布时间:2020-03-25 09:50:00").text == "发布时间：2020-03-25 09:50:00"
    assert fold_char("Ａ") == "A" and fold_char("，") == "，"


def test_wrapped_detection():
    assert not is_wrapped("一段很长的网页正文，没有硬换行。" * 20)
    assert is_wrapped(PRINT * 4)
    # a print copy whose numbers are spaced out (2018 年, 14,370 万元) has more short lines (0.58 of
    # them near full here): wrapped still, where nearly every line ends mid-sentence (the harness's
    # copy of a district bulletin was read as unwrapped, its breaks as clause breaks)
    block = ("经核算，2018 年实现地区\n生产总值 1,915,114\n万元，同比增长 6.6％。其中第\n一产业增加值\n"
             "14,370 万元，同比增长 7.8％；第\n二产业增加值\n416,458 万元，同比增长 2.8％，\n第三产业增加值\n"
             "1,484,286 万元，同比增长 8.0\n％，三次产业结构为\n")
    assert is_wrapped(block * 3 + "三次产业\n")
    # a list of headlines, lines of every length and no end marks, is not
    headlines = "\n".join(["县委召开常委会议", "全县经济运行情况通报会召开", "我县举办农民丰收节活动",
                           "副县长调研", "全县安全生产工作会议在县城召开部署下一阶段工作", "通知", "关于开展2021年度全县统计执法检查的公告"] * 3)
    assert not is_wrapped(headlines)
    # a print copy whose table, one cell a line and each closed by |, holds most of its lines
    # (the harness's copy of a district's 2021 bulletin) is wrapped all the same
    prose = ("初步核算，2021年全区生产总值\n（GDP）91.3亿元，比上年\n增长7.5％，总量居全市第6位,\n"
             "增速居全市第2位。分产业看，\n第一产业增加值6.2亿元，增长\n6.9％；第二产业增加值22.7亿元,\n")
    table = "指 标 |\n单位 |\n2021年 |\n比上年增长（％） |\n地区生产总值 |\n亿元 |\n91.3 |\n7.5 |\n"
    assert is_wrapped(prose * 2 + table * 3)


@given(texts)
@settings(max_examples=300)
def test_offset_map_points_inside_the_original(text):
    view = normalise(text)
    assert len(view.offsets) == len(view.text) + 1
    assert view.offsets[-1] == len(text)
    assert all(0 <= o < len(text) for o in view.offsets[:-1])
    assert view.offsets[:-1] == sorted(set(view.offsets[:-1]))


@given(texts, st.data())
@settings(max_examples=300)
def test_normalised_span_maps_to_the_same_characters(text, data):
    doc = Document.from_text("t.txt", text)
    if not doc.norm:
        return
    start = data.draw(st.integers(0, len(doc.norm) - 1))
    end = data.draw(st.integers(start + 1, len(doc.norm)))
    span = doc.span(start, end)
    assert 0 <= span.start < span.end <= len(text)
    # every character of the normalised span stands, folded, in the original span
    original = [fold_char(c) for c in span.text]
    for ch in doc.norm[start:end]:
        if ch in "\n ":
            continue
        # (and a full-width comma between full-width digits groups thousands: ３，２１８ -> 3,218)
        assert ch in original or ch in "，；：！？（）" or ch == "," and "，" in span.text, (ch, span.text)
    # and the original span holds nothing but what normalisation drops
    assert doc.norm[start] == fold_char(text[span.start]) or text[span.start] in ",;:!?()\n\r，\f" \
        or text[span.start] in SPACES  # (a page break's line break stands for its form feed)


def test_a_line_break_between_a_number_and_its_unit_is_a_line_end():
    from factcheck.document import Document

    for written, read in [("达到2156.8\n公里。", "达到2156.8公里。"), ("召开100余\n次会议。", "召开100余次会议。"),
                          ("增长14.1 \n%。", "增长14.1%。"), ("增加值9981.20 亿\n元。", "增加值9981.20亿元。")]:
        assert Document.from_text("a.txt", written).norm == read
    assert Document.from_text("a.txt", "全年完成。\n\n2020年\n\n工作").norm == "全年完成。\n2020年\n工作"


def test_a_wrapped_line_that_ends_at_the_space_between_two_numbers_keeps_it():
    # a print copy of 新闻联播's closing line, (《新闻联播》 20240922 19:00), broken after the space
    lines = PRINT * 2 + "（《新闻联播》 20240922 \n19:00）\n"
    view = normalise(lines)
    assert view.wrapped and "20240922 19:00" in view.text
    # a number broken by the line end, its pieces padded on both sides, is one number
    assert "12736人" in normalise(PRINT.replace("12736", "127 \n 36") * 2).text


def test_a_wrapped_link_that_is_a_paragraph_of_its_own_ends_it():
    # a print copy of a 新闻联播 item (2022-11-26): its link line, wrapped, then the next paragraph
    link = "[查看原文](https:/\n/tv.cctv.com/2022\n/11/26/VIDERc0u\n5A1FpVstyQivn18b\n221126.shtml)\n"
    view = normalise(PRINT * 2 + link + "央视网消息(新闻联播):国家\n航天局近日发布了我国深空探测\n任务规划。\n" + PRINT)
    assert view.wrapped
    assert "\n[查看原文]（https：//tv.cctv.com/2022/11/26/VIDERc0u5A1FpVstyQivn18b221126.shtml）\n央视网消息" in view.text
    # a link inside a sentence goes on with the sentence
    inline = normalise(PRINT * 2 + "详见国家航天局网站[通知](https://\nwww.cnsa.gov.cn/n6758823/)\n发布的规划全文。\n" + PRINT)
    assert "[通知]（https：//www.cnsa.gov.cn/n6758823/）发布的规划全文" in inline.text


def test_a_closing_quote_at_a_line_end_ends_a_paragraph_only_after_an_end_mark():
    # a print copy of a Xinhua story (2025-11-24): the line ends inside the sentence, after a name in quotes
    item = ("这四项科学卫星任务分别为探测宇宙黑暗时代与黎明的“鸿蒙计划”、首次直接成像探测太阳极区的“夸父二号”、探寻“地球2.0”\n"
            "的系外地球巡天任务，以及探测宇宙极端条件\n下物理新规律的增强型X射线时变与偏振空间天文台。\n")
    view = normalise(PRINT * 2 + item + PRINT)
    assert view.wrapped and "“地球2.0”的系外地球巡天任务" in view.text
    # a quote that closes a sentence still ends the paragraph
    quoted = "他说：“这是我们取得成功的最大法宝。”\n全县上下要着力做到三个加快。\n"
    assert "法宝。”\n全县" in normalise(PRINT * 2 + quoted + PRINT).text


@given(texts)
def test_view_index_inverts_the_offset_map(text):
    offsets = normalise(text).offsets
    for i in range(len(offsets)):
        assert offsets.view_index(offsets[i]) == i
    for origin in range(len(text) + 1):  # a character the view dropped maps to the next one kept
        i = offsets.view_index(origin)
        assert i == len(offsets) or offsets[i] >= origin
        assert i == 0 or offsets[i - 1] < origin


def test_a_page_break_and_its_number_are_one_line_break():
    # pdftotext's form feed, with the page's number on its own lines around it (a budget report)
    view = normalise("用于社会事业项目 20.45 亿元，包括卫生健康 13.08\n——  3  ——\n\f亿元、学校建设 2.07 亿元")
    assert view.text == "用于社会事业项目20.45亿元，包括卫生健康13.08亿元、学校建设2.07亿元"
    assert normalise("支出预算调整为\n - 2 -\n\f114 亿元").text == "支出预算调整为\n114亿元"
    assert normalise("政保障。\n- 1 -\n- 1 -\n\f（一）全市").text == "政保障。\n（一）全市"
    # a bare form feed, and a line of words before it, stay
    assert normalise("第一页\n\f第二页").text == "第一页\n\f第二页"



def test_a_year_s_zeros_typed_with_a_look_alike_read_as_zeros():
    # 二○○七年 (white circles), 二OO八年 (letters), 二0一0年 (a digit): the view writes 〇, one for one
    for written, view in [("二○○七年三月", "二〇〇七年三月"), ("于二OO八年召开", "于二〇〇八年召开"),
                          ("二0一0年", "二〇一〇年"), ("二ＯＯ九年", "二〇〇九年")]:
        assert normalise(written).text == view
    # a circle that is no year's zero stays: a bullet, a name left blank, a count of years
    for text in ["○第一条", "○○公司二○○名职工", "二○一年", "共20OO年"]:
        assert normalise(text).text == text


# the characters normalising folds, drops or rewrites, and ideographs around them (二○○七年, 第2页)
folded_chars = st.sampled_from(list("二〇○OＯ0七年第页版共贫困村，,：:；;（()Ａ％%１ \u3000\t\u00a0\u200b\n\r-—") +
                               ["\n\f", "\n- 2 -\n\f", "\n第 3 页\n\f", "1，166，600美元", "1 788.0万头"])


@given(st.lists(folded_chars, max_size=60).map("".join))
@settings(max_examples=300)
def test_a_text_s_ideographs_before_normalising_are_its_view_s(text):
    # (what a file is fingerprinted on, read without making its view)
    ideographs = lambda s: "".join(c for c in s if "\u4e00" <= c <= "\u9fff")  # noqa: E731
    assert ideographs(Document.from_text("a.txt", text).ideograph_text) == ideographs(normalise(text).text)


def test_a_document_is_normalised_when_its_view_is_first_asked_for():
    doc = Document.from_text("a.txt", "建档立卡贫困人口 7001 户")
    assert "norm" not in doc.__dict__ and doc.ideograph_text == "建档立卡贫困人口 7001 户"
    assert doc.norm == "建档立卡贫困人口7001户" and doc.offsets[8] == 9 and doc.wrapped is False
    assert doc == Document("a.txt", "建档立卡贫困人口 7001 户", "utf-8", doc.norm, doc.offsets, False)
