"""Which documents are copies of one story."""
from factcheck.document import Document
from factcheck.stories import group


def docs(*texts):
    return [Document.from_text(f"d{i}.txt", t) for i, t in enumerate(texts)]


def test_two_short_copies_given_together_are_one_story():
    stories = group(docs("全区527名义务教育阶段贫困家庭学生，全部享受教育帮扶政策。",
                         "全区572名义务教育阶段贫困家庭学生，全部享受教育帮扶政策。"))
    assert [s.paths for s in stories] == [["d0.txt", "d1.txt"]]


def test_reports_sharing_one_phrase_are_not_copies():
    stories = group(docs("前三季度，全市第三产业增加值同比增长5.3%，拉动经济增长2.1个百分点，消费市场持续回暖。",
                         "一季度全省规模以上工业增加值同比增长6.2%，其中制造业增长7.1%，高技术制造业增长12.5%。"))
    assert stories == []


def test_large_corpora_sample_shingles_and_still_find_copies():
    body = "洮北区始终坚持以脱贫攻坚统领经济社会发展全局，累计实现7001户12736人稳定脱贫，53个贫困村出列，贫困发生率由原来的6%下降到0.103%。" * 3
    others = [f"第{i}篇报道讲的是另一件事情，县里新建了{i}座桥梁和{i + 3}所学校，群众出行和上学更加方便了。" * 3 for i in range(30)]
    stories = group(docs(body, *others, body.replace("，", ",")))
    assert [s.paths for s in stories] == [["d0.txt", "d31.txt"]]
