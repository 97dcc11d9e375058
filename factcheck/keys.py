"""What a figure is about, as a key that reports can be compared on: the place it is
about, a normalised metric (synonyms folded, the event it counts: 贫困村 vs 贫困村出列),
its period, whether it is a running total, and its unit family.

A figure gets a key only when its place is resolved (named in its sentence, 全县 in a
report about one county, a heading or the report's place) and its metric is one the
lexicon knows (factcheck/lexicon/metrics.toml): figures that cannot be keyed are not
compared across reports."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    if name is None:
        return None
    sentence = f.source[f.sentence[0]:f.end] if f.source else ""
    cumulative = bool(_CUMULATIVE_RE.search(sentence)) or (f.period or "").endswith("以来")
    # the end of a change (由2015年底的20.9%下降到0.06%, 减少到1526人) is not of the period named
    return Key(f.place, name, None if changed_to else f.period, cumulative, f.family, changed_to)
