"""Cross-report keys: place, normalised metric (synonyms and events folded), period."""
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.document import Document
from factcheck.figures import extract
from factcheck.keys import event_dates, governs, key


def keys(text, path="r.txt"):
    return [(f.text, str(key(f)) if key(f) else None) for f in extract(Document.from_text(path, text))]


@pytest.mark.parametrize("text, expected", [
    ("截至2018年底，镇赉县82个贫困村全部出列。", ("82个", "镇赉县/贫困村出列/2018年底")),
    ("截至2018年底，镇赉县82个贫困村全部退出。", ("82个", "镇赉县/贫困村出列/2018年底")),
    ("2019年，白城市建档立卡贫困人口20.1万人。", ("20.1万人", "白城市/贫困人口/2019年")),
    ("洮北区建档立卡贫困人口累计实现7001户12736人稳定脱贫。", ("12736人", "洮北区/贫困人口脱贫/累计")),
])
def test_keys_fold_synonyms_and_events(text, expected):
    assert expected in keys(text)


@pytest.mark.parametrize("text", [
    "镇赉县共有干部1200名。",                        # a metric the lexicon does not know
    "镇赉县有贫困村82个，非贫困村59个。",            # 非贫困村 are not 贫困村
    "各级干部深入贫困村开展帮扶，共走访3000户。",   # no place named
    "河北省经济稳中向好。全省人均国内生产总值达到9047元。",  # per head: not the total the metric names
])
def test_figures_without_a_safe_key_are_not_compared(text):
    assert all(k is None for _t, k in keys(text)[-1:])


def test_the_end_of_a_change_has_no_period():
    found = dict(keys("截至2015年底，白城市贫困发生率由20.9%下降到0.06%。"))
    assert found["20.9%"] == "白城市/贫困发生率/2015年底" and found["0.06%"] == "白城市/贫困发生率"


_EVENT_PIECES = ["2019年4月28日", "2020年4月11日", "，", "；", "。", "镇赉县", "大安市、", "通榆县", "退出", "12个",
                 "白城市", "至此全部摘帽", "贫困县"]


def _event_dates_read_through(doc, figures):
    """event_dates as first written: every date, figure and place read again for each event."""
    from factcheck.figures import places
    from factcheck.keys import _DATED_EVENT_CONTEXT, _DATED_EVENT_NAME, _DATED_EVENT_RE, Kind

    text, seg, found = doc.norm, doc.segments, {}
    dates = [f for f in figures if f.kind == Kind.DATE and f.value >= 1e7 and f.value % 100]
    mentions = places(text)
    for m in _DATED_EVENT_RE.finditer(text):
        start, _end = seg.around(m.start(), "sentence")
        needs = _DATED_EVENT_CONTEXT.get(m.group())
        if needs and needs not in text[seg.start(m.start(), "full"):seg.end(m.start(), "full")]:
            continue
        before = [f for f in dates if start <= f.start < m.start()]
        if not before:
            continue
        between = [f.start for f in figures if before[-1].end <= f.start < m.start()]
        for s, e, name in mentions:
            if before[-1].end <= s and e <= m.start() and not any(s < x for x in between):
                found.setdefault((name, _DATED_EVENT_NAME[m.group()]), before[-1])
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_EVENT_PIECES), min_size=1, max_size=25))
@example(["2019年4月28日", "，", "镇赉县", "12个", "贫困县", "退出"])  # a figure between a place and its event
def test_each_event_finds_its_date_and_places_by_bisection_as_by_reading_them_all(pieces):
    doc = Document.from_text("r.txt", "在吉林省政府贫困县退出公告中，" + "".join(pieces))
    figures = extract(doc)
    assert event_dates(doc, figures) == _event_dates_read_through(doc, figures)


_GOVERNS_PIECES = ["白城市", "下辖", "辖", "包括", "洮北区、", "镇赉县", "，", "。", "共有", "12个", "大安市", "乡镇"]


def _governs_read_through(doc):
    """governs as first written: every place mention read again for each 辖."""
    from factcheck.figures import places
    from factcheck.keys import _GOVERNS

    text, held, mentions = doc.norm, [], places(doc.norm)
    for m in _GOVERNS.finditer(text):
        before = [name for s, e, name in mentions if e <= m.start() and m.start() - e <= 6]
        inside = [name for s, e, name in mentions if m.start(1) <= s and e <= m.end(1)]
        if before:
            held += [(name, before[-1]) for name in inside if name != before[-1]]
    return list(dict.fromkeys(held))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_GOVERNS_PIECES), min_size=1, max_size=25))
@example(["白城市", "，", "共有", "辖", "洮北区、", "镇赉县"])  # the region a few characters before 辖
def test_the_places_a_region_holds_are_found_by_bisection_as_by_reading_them_all(pieces):
    doc = Document.from_text("r.txt", "".join(pieces))
    assert governs(doc) == _governs_read_through(doc)
