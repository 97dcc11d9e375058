"""Property tests for the text rules: enumeration-count (C105), duplicated-text (G103)
and mixed-script (G104), on real report text from samples/."""
import re
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import factcheck
from checks.enumerations import EnumerationCount
from checks.garbling import DuplicatedText, MixedScript, _sentences
from factcheck.document import Document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# Simplified reports without duplicated passages or mixed script.
CLEAN = ["tiandong-county.news.txt", "baicheng-overview.blog.txt", "taobei-2020-03-25.web.txt",
         "taobei-2020-03-25.print.txt"]
CN = "一二三四五六七八九十"
S2T, T2S = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


def run(rule, text):
    return factcheck.check([Document.from_text("t.txt", text)], rules=[rule]).diagnostics


def _norm(name):
    return Document.from_text(name, (SAMPLES / name).read_text(encoding="utf-8")).norm


NORMS = {name: _norm(name) for name in CLEAN}
# Paragraphs with at least one long sentence that ends in punctuation, and two sentences or more.
PARAGRAPHS = [p for norm in NORMS.values() for p in norm.split("\n")
              if len(_sentences(p)) >= 2 and any(len(k) >= 30 and p[e - 1] in "。！？；" for s, e, k in _sentences(p))]
SENTENCES = [p[s:e] for p in PARAGRAPHS for s, e, k in _sentences(p) if len(k) >= 10]


def test_corpus_is_big_enough():
    assert len(PARAGRAPHS) >= 10 and len(SENTENCES) >= 50


# --- duplicated-text ------------------------------------------------------------------

@pytest.mark.parametrize("name", CLEAN)
def test_clean_samples_have_no_duplicates_at_warning(name):
    assert [d for d in run(DuplicatedText, NORMS[name]) if d.severity >= 2] == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_inserted_copy_of_a_long_sentence_is_reported(data):
    para = data.draw(st.sampled_from(PARAGRAPHS))
    sents = _sentences(para)
    long_ones = [i for i, (s, e, k) in enumerate(sents) if len(k) >= 30 and para[e - 1] in "。！？；"]
    i = data.draw(st.sampled_from(long_ones))
    s, e, _key = sents[i]
    copy = para[s:e]
    # Insert the copy at a sentence boundary after the original.
    boundaries = [end for _s, end, _k in sents[i:] if para[end - 1] in "。！？；”"]
    at = data.draw(st.sampled_from(boundaries))
    text = para[:at] + copy + para[at:]
    found = run(DuplicatedText, text)
    assert any(d.span.start == at and d.span.text == copy for d in found), (copy, found)
    assert all(d.related[0].span.start <= s for d in found)


def _squeezed(text):
    return "".join(c for c in text if c.isalnum())


def _shares_a_sentence(paragraph, text):
    squeezed = _squeezed(text)
    return any(len(s) >= 10 and s in squeezed for s in map(_squeezed, re.split("[。；！？]", paragraph)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_passage_standing_many_times_is_one_finding_with_every_copy_beside_it(data):
    name = data.draw(st.sampled_from(CLEAN))
    lines = NORMS[name].split("\n")
    lines = [line for line in lines if lines.count(line) == 1]  # (a blog's repeated headings would join the copies)
    # (a paragraph of another sample: the web and print copies of one story share theirs, punctuation aside,
    # and a sentence or two reworded: 洮北区四年累计投入 for 4年累计投入, the rest the same)
    passage = data.draw(st.sampled_from([p for p in PARAGRAPHS if not _shares_a_sentence(p, NORMS[name])]))
    at = sorted(data.draw(st.sets(st.integers(0, len(lines)), min_size=3, max_size=6)))
    # the passage as a paragraph of its own before each chosen line, never two copies running
    assume(all(b - a >= 2 for a, b in zip(at, at[1:])))
    for k in reversed(at):
        lines.insert(k, passage)
    text = "\n".join(lines)
    starts, k = [], text.find(passage)
    while k >= 0:
        starts.append(k)
        k = text.find(passage, k + 1)
    assert len(starts) == len(at)
    def copy_at(span):
        return [k for k, s in enumerate(starts) if span.start < s + len(passage) and s < span.end]

    found = [d for d in run(DuplicatedText, text) if copy_at(d.span)]
    assert len(found) == 1, found
    marked = [copy_at(found[0].span)] + [copy_at(r.span) for r in found[0].related]
    assert sorted(marked) == [[k] for k in range(len(starts))], (starts, found)


# --- mixed-script ---------------------------------------------------------------------

@pytest.mark.parametrize("name", CLEAN)
def test_clean_samples_raise_nothing(name):
    assert run(MixedScript, NORMS[name]) == []


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(SENTENCES))
def test_clean_simplified_sentence_raises_nothing(sentence):
    assert run(MixedScript, sentence) == []


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_one_traditional_character_is_reported(data):
    sentence = data.draw(st.sampled_from(SENTENCES))
    convertible = [i for i, c in enumerate(sentence) if S2T.convert(c) != c]
    assume(len(convertible) >= 3)
    i = data.draw(st.sampled_from(convertible))
    traditional = S2T.convert(sentence[i])
    text = sentence[:i] + traditional + sentence[i + 1:]
    found = run(MixedScript, text)
    assert any(d.span.start == i and d.span.end == i + 1 and d.severity >= 2 for d in found), (text, found)
    assert all(d.span.start == i for d in found)
    assert all("繁体字" in d.message for d in found), found  # (s2t's own form is no mere variant)


@pytest.mark.parametrize("sentence,written,kind", [
    ("自1976年开办第一家店以来，利苑集团在饮食界已拚搏近30余年，旗下拥有13所酒家。", "拚", "异体字"),  # Sogou news, 2006
    ("这条输电綫路全长30公里，总投资5亿元。", "綫", "异体字"),  # (made up) 綫: an old form; s2hk writes 線
    ("举全縣之力、集全民之智，全力推进脱贫攻坚。", "縣", "繁体字"),
    ("比亚迪方程豹与华为在崑山签约。", "崑", "繁体字"),  # (made up) 崑: 昆 alone stays 昆, but 昆山 is 崑山
])
def test_a_variant_is_called_a_variant_and_a_traditional_character_traditional(sentence, written, kind):
    found = run(MixedScript, sentence)
    assert [d.span.text for d in found] == [written]
    assert f"夹有{kind}“{written}”" in found[0].message


# --- enumeration-count -----------------------------------------------------------------

ITEMS = ["必须认清严峻形势", "必须消除绝对贫困", "必须夯实基础工作", "必须做好全面总结", "必须强化责任落实",
         "必须严明纪律作风", "必须抓实控辍保学", "必须强化基本医疗保障", "必须抓好住房保障", "必须防止新增返贫"]
TASKS = ["集体经济", "产业发展", "基础设施", "民生民利", "庭院经济", "围墙整理", "卫生整治", "住房内部设施修缮",
         "村屯绿化", "安全饮水"]


def _numeral(n: int, chinese: bool) -> str:
    return CN[n - 1] if chinese else str(n)


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 10), st.integers(2, 10), st.sampled_from(["\n", "；"]))
def test_series_fires_iff_count_differs(k, n, sep):
    head = f"刘明国强调，全县干部群众要只争朝夕、不负韶华，着力抓好“{CN[k - 1]}个必须”，全力打好脱贫攻坚收官战。\n"
    body = sep.join(f"{CN[j]}是{ITEMS[j]}。要进一步转变作风，真心实意帮助贫困群众解决实际困难" for j in range(n))
    found = run(EnumerationCount, head + body + "。")
    if k == n:
        assert found == []
    else:
        assert [d.span.text for d in found] == [f"{CN[k - 1]}个"]
        assert found[0].related[0].span.text == f"{CN[n - 1]}是"


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 10), st.integers(2, 10), st.booleans(), st.sampled_from(["和", "及", "、"]))
def test_list_after_fenbieshi_fires_iff_count_differs(k, n, chinese, last_sep):
    items = TASKS[:n]
    listed = "、".join(items[:-1]) + last_sep + items[-1]
    count = _numeral(k, chinese) + "项"
    found = run(EnumerationCount, f"明确包户干部{count}任务，分别是{listed}；包村部门负责统筹推进。")
    assert [d.span.text for d in found] == ([] if k == n else [count])


@given(st.text(alphabet="国家主席任免驻外大使新华社北京电中华人民共和国根据全国代表会常务委员决定下列", min_size=0, max_size=60),
       st.integers(min_value=24, max_value=300), st.integers(min_value=0, max_value=80))
def test_a_passage_twice_running_is_seen_by_the_quick_test(before, length, after):
    from checks.garbling import _repeats_nearby
    passage = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(length))  # no stretch of it recurs
    assert _repeats_nearby(before + passage + passage + "剩余文字" * (after // 4))
