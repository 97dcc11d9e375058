"""What a figure is about, as a key that reports can be compared on: the place it is
about, a normalised metric (synonyms folded, the event it counts: 贫困村 vs 贫困村出列),
its period, whether it is a running total, and its unit family.

A figure gets a key only when its place is resolved (named in its sentence, 全县 in a
report about one county, a heading or the report's place) and its metric is one the
lexicon knows (factcheck/lexicon/metrics.toml): figures that cannot be keyed are not
compared across reports."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from . import lexicon
from .figures import Figure, Kind


@dataclass(frozen=True)
class Key:
    place: str
    metric: str
    period: str | None
    cumulative: bool
    family: str
    # the end of a change (贫困人口减少到1526人): a stock at the report's time, whatever period
    # the sentence names for its start; not part of what the key compares
    changed_to: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        when = self.period or ""
        return f"{self.place}/{self.metric}{'/累计' if self.cumulative else ''}{'/' + when if when else ''}"


def _folding(key: str) -> dict[str, str]:
    return {word: e["word"] for e in lexicon.entries("metrics", key) for word in (e["word"], *e["synonyms"])}


_METRICS = _folding("metrics")
_EVENTS = _folding("events")
EVENTS = tuple(sorted(set(_EVENTS.values()), key=len, reverse=True))  # the canonical event words
_METRIC_RE = re.compile("|".join(sorted(map(re.escape, _METRICS), key=len, reverse=True)))
_EVENT_RE = re.compile("|".join(sorted(map(re.escape, _EVENTS), key=len, reverse=True)))
_CUMULATIVE_RE = re.compile(lexicon.alternation("metrics", "cumulative"))
_LEFT_POVERTY = {"persons": "贫困人口", "households": "贫困户"}  # what 脱贫 counts, by unit
KEYED_KINDS = (Kind.COUNT, Kind.AMOUNT, Kind.PERCENT, Kind.RATE)


def metric(f: Figure) -> str | None:
    """The canonical metric the figure states, with the event it counts (贫困村出列), or None."""
    about = f.counts or f.metric or ""
    found = None
    for m in _METRIC_RE.finditer(about):  # the last one named: 建档立卡贫困人口 -> 贫困人口
        found = m if about[m.start() - 1:m.start()] != "非" else None  # 非贫困村 are not 贫困村
    clause = f.source[f.clause[0]:f.clause[1]] if f.source else ""
    event = _EVENT_RE.search(clause)
    if found is not None:
        name = _METRICS[found.group()]
    elif event and f.family in _LEFT_POVERTY:  # 累计实现12736人稳定脱贫: persons who left poverty
        name = _LEFT_POVERTY[f.family]
    else:
        return None
    return f"{name}{_EVENTS[event.group()]}" if event else name


# Where a figure's place may come from for a key: a heading's place is too often the
# section's subject rather than the figure's (白城市's 20.1万人 under a 镇赉县 heading).
KEYED_PLACE_FROM = ("sentence", "whole", "report")
_DATED_PERIOD = re.compile(r"\d{4}|[一二三四五六七八九十]{2}五")  # 2018年底, “十三五”期间
_TREND_RE = re.compile("(?:[由从].{0,20}|下降|降|减少|减|提高|增加|上升|升|增长)(?:到|至)")


def key(f: Figure) -> Key | None:
    if f.kind not in KEYED_KINDS or not f.place or f.place_from not in KEYED_PLACE_FROM or f.family is None:
        return None
    text = f.source
    # no metric or event word in the figure's sentence, no key: asked before the record's
    # metric, which is dear (most figures of a report have no key)
    if text and not (_METRIC_RE.search(text, f.sentence[0], f.sentence[1])
                     or _EVENT_RE.search(text, f.clause[0], f.clause[1])):
        return None
    changed_to = bool(f.source and _TREND_RE.search(f.source, f.clause[0], f.start))
    name = metric(f)
    if name is None or f.kind == Kind.PERCENT and not name.endswith("率"):
        return None  # 地区生产总值增长5%: a percent of a level is its change or a share, not the level
    if "均" not in name and "average" in f.roles:
        return None  # 全省人均国内生产总值9047元: a figure per head, not the total the metric names
    sentence = f.source[f.sentence[0]:f.end] if f.source else ""
    cumulative = bool(_CUMULATIVE_RE.search(sentence)) or (f.period or "").endswith("以来")
    # the end of a change (由2015年底的20.9%下降到0.06%, 减少到1526人) is not of the period named;
    # nor is a period without its year (今年一季度, 全年) one period across reports of different years
    period = None if changed_to or not _DATED_PERIOD.search(f.period or "") else f.period
    return Key(f.place, name, period, cumulative, f.family, changed_to)


# --- what the cross-report rules read of a report, small enough to cache and ship ----------

@dataclass(frozen=True)
class Keyed:
    """A keyed figure as the cross-report rules read it: what ``align.same_figure``
    reads of a Figure, its key, and where it stands (normalised offsets)."""

    key: Key
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    kind: str
    approx: str | None
    family: str | None
    base_value: float
    base_bounds: tuple[float, float]
    precision: float
    rounded: bool
    scale: float


@dataclass
class Facts:
    """A report's keyed figures, the dated events it states ((place, event) -> the date
    figure), and the containment its words state (place, region: 白城市……下辖……洮北区)."""

    keyed: list[Keyed]
    events: dict[tuple[str, str], Keyed]
    governs: list[tuple[str, str]]

    def to_json(self) -> list:
        def plain(k: Keyed) -> list:
            return [[k.key.place, k.key.metric, k.key.period, k.key.cumulative, k.key.family, k.key.changed_to],
                    k.start, k.end, k.text, k.value, k.unit, k.kind, k.approx, k.family, k.base_value,
                    list(k.base_bounds), k.precision, k.rounded, k.scale]

        return [[plain(k) for k in self.keyed], [[list(e), plain(k)] for e, k in self.events.items()],
                [list(g) for g in self.governs]]

    @classmethod
    def from_json(cls, data: list) -> "Facts":
        def keyed(row: list) -> Keyed:
            key, *rest = row
            *head, bounds, precision, rounded, scale = rest
            return Keyed(Key(*key), *head, tuple(bounds), precision, rounded, scale)

        keyed_rows, events, governs = data
        return cls([keyed(r) for r in keyed_rows], {tuple(e): keyed(r) for e, r in events},
                   [tuple(g) for g in governs])


def keyed(f: Figure, k: Key) -> Keyed:
    return Keyed(k, f.start, f.end, f.text, f.value, f.unit, f.kind, f.approx, f.family, f.base_value,
                 f.base_bounds, f.precision, f.rounded, f.scale)


def facts(doc, figures: list[Figure]) -> Facts:
    """What the cross-report rules need of one report (checks/crossreport.py reads it)."""
    found = [keyed(f, k) for f in figures if (k := key(f)) is not None]
    events = {event: keyed(date, Key(event[0], event[1], None, False, "date"))
              for event, date in event_dates(doc, figures).items()}
    return Facts(found, events, governs(doc))


# The reports' own words for containment: 白城市辖洮北区、镇赉县…
_GOVERNS = re.compile("(?:下辖|辖|包括)([^。；]{2,80})")


def governs(doc) -> list[tuple[str, str]]:
    """(place, region) for each place a report says a region holds (白城市 … 下辖 … 洮北区)."""
    from .figures import places

    text = doc.norm
    if "辖" not in text and "包括" not in text:
        return []
    held = []
    mentions = places(text)  # in order of their ends: each 辖 finds its places by bisection
    ends = [e for _s, e, _n in mentions]
    for m in _GOVERNS.finditer(text):
        before = [name for _s, _e, name in mentions[bisect_left(ends, m.start() - 6):bisect_right(ends, m.start())]]
        inside = [name for s, _e, name in mentions[bisect_right(ends, m.start(1)):bisect_right(ends, m.end(1))]
                  if s >= m.start(1)]
        if before:
            held += [(name, before[-1]) for name in inside if name != before[-1]]
    return list(dict.fromkeys(held))


def _dated_events():
    canonical, context = {}, {}
    for e in lexicon.entries("metrics", "dated_events"):
        name = "贫困县退出" if e.get("needs_context") else e["word"]
        for word in (e["word"], *e["synonyms"]):
            canonical[word] = name
            if e.get("needs_context"):
                context[word] = e["needs_context"]
    pattern = re.compile("|".join(sorted(map(re.escape, canonical), key=len, reverse=True)))
    return pattern, canonical, context


_DATED_EVENT_RE, _DATED_EVENT_NAME, _DATED_EVENT_CONTEXT = _dated_events()
_START = attrgetter("start")


def event_dates(doc, figures: list[Figure]) -> dict[tuple[str, str], Figure]:
    """(place, event) -> the date figure, for each place named with a dated event in one
    clause-run of a sentence: 2019年4月28日，镇赉县退出；2020年4月11日，大安市、通榆县退出."""
    from .figures import places

    text = doc.norm
    if not _DATED_EVENT_RE.search(text):
        return {}
    dates = [f for f in figures if f.kind == Kind.DATE and f.value >= 1e7 and f.value % 100]  # y m d all given
    mentions = places(text)  # in order of their ends
    mention_ends = [e for _s, e, _n in mentions]
    seg = doc.segments
    found = {}
    # each event finds its date and places by bisection (a sentence of 10,000 dated events was
    # read once per event)
    for m in _DATED_EVENT_RE.finditer(text):
        word = m.group()
        start, end = seg.around(m.start(), "sentence")
        needs = _DATED_EVENT_CONTEXT.get(word)
        if needs and needs not in text[seg.start(m.start(), "full"):seg.end(m.start(), "full")]:
            continue
        k = bisect_left(dates, m.start(), key=_START)  # the last date before the event, in its sentence
        if k == 0 or dates[k - 1].start < start:
            continue
        date = dates[k - 1]
        # the places between the date and the event, with no other figure between them and it
        # (白城市5个贫困县至此全部摘帽 is about the counties, not the city)
        k = bisect_left(figures, m.start(), key=_START)
        floor = max(date.end, figures[k - 1].start) if k else date.end
        named = []
        k = bisect_right(mention_ends, m.start())
        while k > 0 and mention_ends[k - 1] > floor:
            k -= 1
            if mentions[k][0] >= floor:
                named.append(mentions[k][2])
        for name in reversed(named):
            found.setdefault((name, _DATED_EVENT_NAME[word]), date)
    return found
