"""C: what the figures of one report say about each other beyond sums: a share against
the amount and total it is a share of (C109), a hedged claim against the figures it
describes (C110), a figure's order of magnitude against the text around it (C111), and
a rank against an ordered list of the same story (C112).

Each rule compares only figures the text itself relates (占……的, ……中, 由……增长到,
人均, 依次为), reads what it compares from the figure record, and says in its
message what it compared with what.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterator
from itertools import groupby
from operator import attrgetter
import re

from checks.arithmetic import (ECONOMY, INDUSTRY, _average_cue, _base_family, _complement, addable, age_groups, compatible, number,
                               part_groups, partition_wholes)
from checks.consistency import CHANGE_AFTER, TIME_KINDS, _retyped, trends
from checks.enumerations import list_items
from factcheck import gazetteer, lexicon
from factcheck.document import paragraph_start
from factcheck.figures import WHOLE_LEVEL, Figure, Kind, places
from factcheck.numbers import RANGE_SEPARATORS
from factcheck.i18n import _
from factcheck.rules import Evidence, Related, Rule, Severity


def _related(doc, f: Figure, message: str) -> Related:
    return Related(doc.span(f.start, f.end), message)


def _percent(x: float) -> str:
    return f"{x:.3g}%" if x < 10 else f"{x:.1f}%"


def _ratio(part: Figure, whole: Figure) -> tuple[float, float] | None:
    """part ÷ whole × 100 as the figures' bounds allow: (lowest, highest)."""
    (p_lo, p_hi), (w_lo, w_hi) = part.base_bounds, whole.base_bounds
    if w_lo <= 0 or p_lo < 0 or math.isinf(p_hi) or math.isinf(w_hi):
        return None
    return 100 * p_lo / w_hi, 100 * p_hi / w_lo


def _allowed(f: Figure) -> tuple[float, float]:
    """The values a share or multiple as written allows: its hedge, and half a unit of
    its last digit even when written without a decimal point (30% is 29.5..30.5)."""
    low, high = f.exact_bounds
    return low - f.precision, high + f.precision


def _best_of_the_others(values: list[float], best) -> list[float]:
    """For each k, ``best`` (max or min) of the values but values[k]: from the best two, not by
    reading all the others again for each."""
    first = best(range(len(values)), key=values.__getitem__)
    second = best(v for k, v in enumerate(values) if k != first)
    return [second if k == first else values[first] for k in range(len(values))]


def _named_before(text: str, figures: list[Figure], floor: int, stop: int, name: str) -> Iterator[Figure]:
    """The figures before ``figures[stop]``, from ``floor`` on, with ``name`` in their clause before
    them, nearest first. They are found from the name's mentions, found backwards: a paragraph of
    15,000 shares of one plan was read once per share."""
    lowest = bisect_left(figures, floor, 0, stop, key=_START)
    if lowest >= stop or not name:
        return
    start, limit = min(floor, figures[lowest].clause[0]), figures[stop - 1].start  # (a clause may begin before floor)
    while True:
        at = text.rfind(name, start, limit)
        if at < 0:
            return
        first = last = bisect_left(figures, at + len(name), lowest, stop, key=_START)
        while last < stop and figures[last].clause[0] <= at:
            last += 1
        yield from reversed(figures[first:last])
        limit = at + len(name) - 1  # (a mention may overlap the one found)


def _names_whole(before: str, whole: str) -> bool:
    """Whether the words before a figure name it as ``whole`` (户籍总人口为533452人), not as the scope
    of a part (在总人口中男性人口为278098人)."""
    at = before.rfind(whole)
    return at >= 0 and not before.startswith(("中", "里"), at + len(whole))


_SCOPES = re.compile(f"^(?:{lexicon.alternation('places', 'whole_prefixes')}|{lexicon.alternation('cues', 'share_scopes')})")


def names_a_measure(whole: str) -> bool:
    """占总收入的, 占全县总人口的 name what the share is of; 占全国的, 占白城市的 only where."""
    rest = _SCOPES.sub("", whole)
    for start, end, _name in places(rest):
        rest = rest[:start] + rest[end:]
    return len(rest) >= 2


# --- C109 share-mismatch --------------------------------------------------------------------

class ShareMismatch(Rule):
    code = "C109"
    name = "share-mismatch"
    severity = Severity.WARNING
    summary = "“A，占总数的p%”与文中给出的A和总数算不上，或同一整体的各占比相加超过100%"
    explanation = """\
作用：找出与同段中的数额和总数对不上的占比，如“总收入为500万元……捐赠收入为250万元，占总收入的60%”（250÷500=50%）；以及一句话中同一整体的几个占比相加超过100%，如“捐赠收入占总收入的60%……政府补助占总收入的50%”。
为何重要：占比是读者最常引用、也最容易自己验算的数；算不上，说明数额、总数或占比中有一个写错了。
如何判断：只看“占……的p%”这种写明整体的占比：数额取紧挨在占比前、同一句中的数；总数取同一段中在它之前、单位相同、且其所在分句写有这个整体名称（“总收入”）的数，取最近的一个。按各数写出的精度放宽：p%按其末位的一半（50%即49.5%～50.5%），往上再放宽末位一个单位（截去而不是四舍五入的：150÷634=23.66%写作23.6%）；总数所在分句的整体名称后跟“中”的（“在总人口中男性人口为……”）是部分，不是总数，四舍五入的数额和总数（8,560万元）按其范围，“约”“近”“以上”按其所允许的范围。“占比45%”没写明整体的不核对；带“增长”“提高”“由……”的变化不核对。各占比相加：只加同一句（到句号为止，分号隔开的算一句）中整体名称相同、数值不同、都不是“其中”的部分、也不是变化的占比，而且占比的主体明说是把一个整体分开的（城镇与农村、贫困村与非贫困村、第一第二第三产业；可再生能源与其中的风电光伏可以重叠，不加），它们的下限相加超过100%才报；“占全国的”“占全省的”只说了范围、没说是什么量，不核对。第一、第二、第三产业在地区生产总值（增加值、产业结构）中的占比三者齐全时（含“分别占……的a%、b%和c%”和“产业结构为a∶b∶c”“三次产业增加值结构（比例）为a∶b∶c”），三者按所写精度相加必须为100%，多了少了都报。从0岁起、一组接一组、最后一组不封顶的各年龄组（0-14岁、15-59岁、60岁及以上）的人口占比，相加也必须为100%；只有一组的占比与该组人数除以各组人数之和不符时，指出这一组并建议改正。同一段中占同一整体的三个以上占比，各自的数额除以占比都应得出同一个整体；只有一个得出的整体与其余一致的不符时，报这一个（“等外公路662公里，占总里程的22.9%”，而其余都推出约2012公里，应为32.9%）。性别比须等于同一段中在它之前的男性人数除以女性人数再乘100（105.23:100，或“（以女性为100）为105.07”），按各数所写精度放宽。以部分的动词命名的比率（“共有贫困村82个，已出列76个，出列率……”）须等于该部分除以句中在它之前的同类总数。
示例：总收入为500万元，主要来源包括：捐赠收入为250万元，占总收入的60%。
应改为：捐赠收入为250万元，占总收入的50%（或核对数额与总数）。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        shares = [(i, f) for i, f in enumerate(figures)  # (the kind first: a record's lazy fields cost memory)
                  if f.kind == Kind.PERCENT and f.share_of and not self._changing(f) and names_a_measure(f.share_of)]
        wholes: dict[tuple, tuple[int, int, Figure | None]] = {}  # what each share's whole was looked for as, and where
        for i, share in shares:
            found = self._against_amount(doc, text, figures, i, share, wholes)
            if found:
                yield found
        yield from self._past_whole(doc, [f for _i, f in shares])
        yield from self._implied_wholes(doc, text, figures, shares)
        yield from self._three_industries(doc, figures)
        yield from self._verb_rates(doc, figures)
        yield from self._age_shares(doc, figures)
        if "性别比" in text:
            yield from self._sex_ratio(doc, text, figures)

    def _sex_ratio(self, doc, text, figures):
        """男性人口57753人，女性人口54882人，男女性别比为105.23:100: the ratio is 100 × men ÷ women,
        the counts being the nearest before it in its paragraph."""
        for m in re.finditer("性别比", text):
            k = bisect_left(figures, m.end(), key=_START)
            # the ratio: the first number after 性别比 outside brackets (（以女性为100）为105.07)
            ratio = next((f for f in figures[k:k + 4] if f.kind == Kind.OTHER and f.start - m.end() <= 30
                          and text.count("（", m.end(), f.start) == text.count("）", m.end(), f.start)), None)
            if ratio is None:
                continue
            floor = paragraph_start(text, m.start())
            men = women = None
            for i in range(k - 1, -1, -1):
                f = figures[i]
                if f.start < floor or men is not None and women is not None:
                    break  # (the nearest of each is all that is asked for)
                if f.family != "persons" or f.kind != Kind.COUNT or f.approx:
                    continue
                name = text[f.clause[0]:f.start]
                if men is None and re.search(r"男(?:性)?(?:人口)?(?:为|有|是)?$", name):
                    men = f
                elif women is None and re.search(r"女(?:性)?(?:人口)?(?:为|有|是)?$", name):
                    women = f
            if men is None or women is None or women.base_value <= 0:
                continue
            exact = 100 * men.base_value / women.base_value
            slack = ratio.precision + exact * (men.precision * men.scale / men.base_value
                                               + women.precision * women.scale / women.base_value)
            if abs(exact - ratio.value) <= slack + 1e-9:
                continue
            retyped = _retyped(ratio, exact)
            yield self.diagnostic(
                doc, ratio.start, ratio.end,
                _("按男性{men}、女性{women}，性别比应为{exact}，文中作“{ratio}”").format(
                    men=men.text, women=women.text, exact=retyped or f"{exact:.2f}", ratio=ratio.text),
                suggestion=retyped, related=[_related(doc, men, _("男性")), _related(doc, women, _("女性"))])

    def _implied_wholes(self, doc, text, figures, shares):
        """县道264.6公里，占…总里程的13.2%；乡道507.3公里，占总里程的25.2%；…等外公路662公里，占总里程的
        22.9%: each amount over its share gives the whole (2011.8); one share whose whole is not the
        one all the others of its paragraph give (662 ÷ 22.9% = 2891) is wrong."""
        groups: dict[tuple, list[tuple[Figure, Figure, tuple[float, float]]]] = {}
        for i, share in shares:
            amount = self._amount_of(text, figures, i, share)
            low, high = _allowed(share)
            if amount is None or low <= 0 or math.isinf(amount.base_bounds[1]):
                continue
            implied = (amount.base_bounds[0] * 100 / high, amount.base_bounds[1] * 100 / low)
            key = (paragraph_start(text, share.start), amount.family, amount.place, share.share_of[-3:])
            groups.setdefault(key, []).append((share, amount, implied))
        for group in groups.values():
            if len(group) < 3:
                continue
            others_low = _best_of_the_others([w[0] for _s, _a, w in group], max)
            others_high = _best_of_the_others([w[1] for _s, _a, w in group], min)
            for (share, amount, (low, high)), common in zip(group, zip(others_low, others_high)):
                if common[0] > common[1] or low <= common[1] and common[0] <= high:
                    continue  # the others disagree among themselves, or this one agrees with them
                whole = (common[0] + common[1]) / 2
                exact = 100 * amount.base_value / whole
                fixed = _retyped(share, exact)
                yield self.diagnostic(
                    doc, share.start, share.end,
                    _("同段其他占比推算出的{of}约为{whole}，{amount}占其{exact}，文中作“{share}”").format(
                        of=share.share_of, whole=number(whole / (amount.scale or 1), amount.unit or ""), amount=amount.text,
                        exact=fixed or _percent(exact), share=share.text),
                    suggestion=fixed, related=[_related(doc, amount, _("数额"))])

    @staticmethod
    def _amount_of(text, figures, i, share) -> Figure | None:
        """The amount a share is of, just before it: 村道1239.9公里，占总里程的61.6%."""
        if not i or share.list_id is not None:
            return None
        amount = figures[i - 1]
        between = text[amount.end:share.start]
        if amount.sentence != share.sentence or not addable(amount) or amount.list_id is not None \
                or {"average", "change"} & amount.roles or len(between) > 20 or "其中" in between:
            return None
        holder = text[share.clause[0]:share.start].partition("占")[0]
        if len(holder) >= 2 and holder not in re.split(r"[、\d]", text[amount.clause[0]:amount.start])[-1]:
            return None  # 非税收入完成18225万元，税收收入占本级收入的比重为63.2%: another's share
        return amount

    def _age_shares(self, doc, figures):
        """0-14岁人口为60699人，占30.28%；15-59岁…，占58.47%；60岁及以上人口为22559人，占14.18%: the
        shares of groups of every age add up to 100%; when one share alone is not its count over
        the groups' sum, that one is named."""
        text = doc.norm
        for _first, counts, shares in age_groups(text, figures):
            if None in shares or any(f.unit != "%" for f in shares):
                continue
            low, high = (sum(_allowed(f)[k] for f in shares) for k in (0, 1))
            if low <= 100 <= high:
                continue
            total = sum(c.base_value for c in counts)
            computed = [100 * c.base_value / total for c in counts]
            wrong = [(f, x, c) for f, x, c in zip(shares, computed, counts)
                     if not _allowed(f)[0] - 0.01 <= x <= _allowed(f)[1] + 0.01]
            summed = _percent(sum(f.value for f in shares))
            if len(wrong) == 1:
                share, exact, count = wrong[0]
                suggestion = _retyped(share, exact)
                yield self.diagnostic(
                    doc, share.start, share.end,
                    _("各年龄组的占比相加为{sum}，不是100%；按人数，“{share}”应为{count}÷{total}≈{exact}").format(
                        sum=summed, share=share.text, count=count.text, total=number(total, "人"), exact=suggestion or _percent(exact)),
                    suggestion=suggestion, related=[_related(doc, count, _("人数"))])
            else:
                yield self.diagnostic(
                    doc, shares[-1].start, shares[-1].end,
                    _("各年龄组的占比{shares}相加为{sum}，应为100%").format(
                        shares="+".join(f.text for f in shares), sum=summed),
                    related=[_related(doc, f, _("占比")) for f in shares[:-1]])

    def _verb_rates(self, doc, figures):
        """共有贫困村82个，已出列76个，出列率达到92.7%: a rate named after the verb that counts its
        part (出列率 after 出列76个), over the whole counted before it in its sentence."""
        text = doc.norm
        for k, r in enumerate(figures):
            if r.kind != Kind.PERCENT or r.unit != "%" or r.approx:
                continue
            at = text.rfind("率", max(r.clause[0], r.start - 8), r.start)  # 出列率达到|95.6%
            stem = text[at - 2:at] if at >= r.clause[0] + 2 else ""  # 出列 of 出列率
            if len(stem) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in stem) or self._changing(r):
                continue
            earlier = _back_through_sentence(figures, k)  # nearest first, lazily: a long sentence has many
            part = next((f for f in earlier if f.family in _COUNTED and _counted_by(text, f, stem)), None)
            if part is None or part.approx:
                continue
            whole = next((f for f in earlier if compatible(f, part)), None)  # the nearest of its kind, or none
            if whole is None or whole.approx or "change" in whole.roles or _counted_by(text, whole, stem) \
                    or whole.value < part.value or whole.value <= 0:
                continue  # (已完成3项…已完成5项: another part, no whole)
            computed = 100 * part.base_value / whole.base_value
            low, high = _allowed(r)
            if low <= computed <= high:
                continue
            yield self.diagnostic(
                doc, r.start, r.end,
                _("按文中{part}÷{whole}={computed}，与“{rate}”不符").format(
                    part=part.text, whole=whole.text, computed=_percent(computed), rate=text[r.clause[0]:r.end]),
                related=[_related(doc, part, _("数额")), _related(doc, whole, _("总数"))])

    @staticmethod
    def _changing(f: Figure) -> bool:
        return "change" in f.roles or f.base is not None or f.quantity.is_range

    def _against_amount(self, doc, text, figures, i, share, wholes):
        # the share is of the amount just before it: 250万元，占总收入的50% (a list of shares pairs
        # with a list of amounts item by item: not read here)
        amount = self._amount_of(text, figures, i, share)
        if amount is None:
            return None
        whole = self._whole(text, figures, i - 1, amount, share.share_of, wholes)
        if whole is None:
            return None
        ratio = _ratio(amount, whole)
        if ratio is None or amount.base_bounds[0] > whole.base_bounds[1]:
            return None  # a part above its whole is part-exceeds-whole's finding
        low, high = _allowed(share)
        high += 2 * share.precision  # cut, not rounded: 150人÷634人 = 23.66% written 23.6%
        if ratio[1] >= low and ratio[0] <= high:
            return None
        computed = 100 * amount.base_value / whole.base_value
        return self.diagnostic(
            doc, share.start, share.end,
            _("按文中{amount}÷{whole}≈{computed}，而此处占{of}的比例为“{share}”").format(
                amount=amount.text, whole=whole.text, computed=_percent(computed), of=share.share_of,
                share=share.text),
            related=[_related(doc, amount, _("数额")), _related(doc, whole, _("总数"))])

    @staticmethod
    def _whole(text, figures, stop, amount, name, wholes) -> Figure | None:
        """The nearest figure before ``figures[stop]`` in the amount's paragraph named as ``name``
        and of its measure. The shares of one paragraph are looked for in order, so what the last
        share of the same name and measure found is kept, and only the figures after it are read
        (15,000 shares of 年度计划 in one paragraph read it once each, not once per share)."""
        if stop <= 0:
            return None
        floor = paragraph_start(text, amount.start)  # the paragraph's figures only
        items = amount.family == "items"
        key = (name, amount.family, amount.classifier if items else None, amount.head if items else None)
        read_from, read_to, earlier = wholes.get(key, (0, 0, None))
        if floor < read_from:  # (an amount in an earlier paragraph than the last one's: read all again)
            read_to, earlier = 0, None
        whole = next((t for t in _named_before(text, figures, max(floor, read_to), stop, name) if compatible(t, amount)
                      and _names_whole(text[t.clause[0]:t.start], name) and t.value > 0
                      and not {"average", "change"} & t.roles), None)
        if whole is None and earlier is not None and earlier.start >= floor:
            whole = earlier
        wholes[key] = (floor, figures[stop - 1].start + 1, whole)
        return whole

    @staticmethod
    def _partition(text: str, group: list[Figure]) -> bool:
        """Whether the shares' holders split one set (城镇/农村, 贫困村/非贫困村, 第一/第二/第三产业):
        other holders may overlap (可再生能源 88%, 风电和太阳能 84% of 新增装机)."""
        labels = []
        for f in group:
            start = f.clause[0]
            if text.startswith("占", start) and start:  # 捐赠收入为250万元，占…: the holder is in the clause before
                start = text.rfind("，", 0, start - 1) + 1
            label = re.split(r"[\d占]", text[start:f.start], maxsplit=1)[0]
            labels.append(re.sub(r"(?:为|达到?|是|约|共|有)+$", "", label))
        ordinal = [re.fullmatch(r"第([一二三四五六七八九十]+)(.{2,})", label) for label in labels]
        if all(ordinal) and len({m.group(2) for m in ordinal}) == 1 and len({m.group(1) for m in ordinal}) == len(ordinal):
            return True
        return len(labels) == 2 and _complement(*labels) or partition_wholes(labels) is not None

    def _past_whole(self, doc, shares):
        text = doc.norm
        groups: dict[tuple, list[Figure]] = {}
        for f in shares:
            if "part" in f.roles or f.list_id is not None:
                continue  # (A、B、C分别占世界市场份额的55%、74.7%、58.9%: most such lists are of three measures)
            # one sentence to its full stop (a ； parts the shares of one whole: 民营企业…占57.1%；外商投资企业…)
            key = (max(text.rfind("。", 0, f.start), paragraph_start(text, f.start)), f.share_of)
            groups.setdefault(key, []).append(f)
        for group in groups.values():
            group = list({f.value: f for f in reversed(group)}.values())[::-1]  # a headline restating it is no part
            if len(group) < 2 or not self._partition(text, group):
                continue
            low = sum(max(_allowed(f)[0], 0) for f in group)
            if low <= 100:
                continue
            last = group[-1]
            yield self.diagnostic(
                doc, last.start, last.end,
                _("同一整体“{of}”的占比{shares}相加至少为{sum}，超过100%").format(
                    of=last.share_of, shares="+".join(f.text for f in group), sum=_percent(low)),
                related=[_related(doc, f, _("占比")) for f in group[:-1]])


    def _three_industries(self, doc, figures):
        """The shares of the first, second and third industries in an economy's output (第一产业、
        第二产业、第三产业增加值分别占地区生产总值的9.2%、38.5%和55.3%; 三次产业结构为8.3∶41.4∶50.3):
        the three split it whole, so they add up to 100% as written."""
        text = doc.norm
        by_sentence: dict[tuple[int, int], dict[str, Figure]] = {}
        for f, industry in _industry_shares(text, figures):
            by_sentence.setdefault(f.sentence, {}).setdefault(industry, f)
        for named in by_sentence.values():
            if len(named) != 3:
                continue
            group = [named[k] for k in "一二三"]
            low, high = (sum(_allowed(f)[k] for f in group) for k in (0, 1))
            if low <= 100 <= high:
                continue
            last = max(group, key=lambda f: f.start)
            total = sum(f.value for f in group)
            yield self.diagnostic(
                doc, last.start, last.end,
                _("三次产业的占比{shares}相加为{sum}，应为100%").format(
                    shares="+".join(f.text for f in group), sum=f"{total:.4g}%"),
                related=[_related(doc, f, _("占比")) for f in group if f is not last])


# 三次产业结构进一步优化，调整为8.3∶41.4∶50.3; 三次产业增加值结构为6.0:46.9:47.1; 三次产业比例为…
_STRUCTURE = re.compile(r"产业(?:增加值)?的?(?:结构|比例|之比)[^。；\d]{0,16}$")
_RATIO_MARK = re.compile(r"[:：∶]")


_COUNTED = ("items", "persons", "households")


def _back_through_sentence(figures: list[Figure], k: int):
    """The figures before figures[k] in its sentence, nearest first (a sentence's figures are a run)."""
    i = k - 1
    while i >= 0 and figures[i].sentence == figures[k].sentence:
        yield figures[i]
        i -= 1


def _counted_by(text: str, f: Figure, verb: str) -> bool:
    """Whether ``verb`` stands just before ``f`` in its clause (已出列76个, 完成了1398项)."""
    return text[max(f.clause[0], f.start - 4):f.start].rstrip("了").endswith(verb)


def _industry_shares(text: str, figures: list[Figure]):
    """(share, 一/二/三) of each share of an industry in an economy's output that the text states:
    after 第X产业 in its clause; in a list after 第一产业、第二产业、第三产业…分别; or as the parts
    of 产业结构为a:b:c."""
    if "产业" not in text:
        return
    about_output: dict[tuple[int, int], bool] = {}  # sentence -> whether it speaks of industries' output
    for k, f in enumerate(figures):
        if f.kind not in (Kind.OTHER, Kind.PERCENT):
            continue
        if f.sentence not in about_output:  # (once a sentence: a long one holds many figures)
            about_output[f.sentence] = text.find("产业", *f.sentence) >= 0 and bool(
                ECONOMY.search(text, *f.sentence) or text.find("三次产业", *f.sentence) >= 0)
        if not about_output[f.sentence]:
            continue
        # (every look is a few dozen characters back: a long sentence holds many figures)
        if f.kind == Kind.OTHER and _STRUCTURE.search(text, max(f.sentence[0], f.start - 24), f.start) \
                and k + 2 < len(figures):
            parts = figures[k:k + 3]
            if all(p.kind == Kind.OTHER and p.sentence == f.sentence for p in parts) \
                    and all(_RATIO_MARK.fullmatch(text[a.end:b.start]) for a, b in zip(parts, parts[1:])):
                yield from zip(parts, "一二三")
            continue
        if f.kind != Kind.PERCENT or f.unit != "%" or "share" not in f.roles or ShareMismatch._changing(f):
            continue
        if f.list_id is None:
            named = INDUSTRY.findall(text, max(f.clause[0], f.start - 40), f.start)
            if named:
                yield f, named[-1]
        elif f.list_pos is not None:
            cue = text.rfind("分别", max(f.clause[0], f.list_id - 40), f.list_id)
            named = INDUSTRY.findall(text, max(f.sentence[0], cue - 60), cue) if cue >= 0 else []
            if len(named) == 3 and f.list_pos < 3:
                yield f, named[f.list_pos]


INCOME_NEAR = 200  # characters: the incomes a 城乡居民收入比 is of are stated this near before it
_RATIO_CLAIM = re.compile(r"城乡居民收入比(?:为|是|达到?|缩小[到至为]|下降[到至为]|降至|扩大[到至为])?$")


def _income_side(text: str, f: Figure) -> str | None:
    """Whose income a per-head income is: 城镇居民人均可支配收入 -> urban; in a list after
    城镇、农村居民…分别为, by its place in the list."""
    if f.list_id is not None and f.list_pos is not None:
        named = re.findall(r"城镇|农村|乡村", text[max(f.sentence[0], f.list_id - 60):f.list_id])
        return (("urban" if named[f.list_pos] == "城镇" else "rural")
                if len(named) >= 2 and f.list_pos < len(named) else None)
    clause = text[max(f.clause[0], f.start - 40):f.start]
    if "城镇" in clause and "农村" not in clause and "乡村" not in clause:
        return "urban"
    if ("农村" in clause or "乡村" in clause) and "城镇" not in clause:
        return "rural"
    return None


# --- C110 claim-mismatch --------------------------------------------------------------------

_SHARE_WORDS = re.compile(f"(?:占比|占|{lexicon.alternation('cues', 'share_fillers')})+")
_MULTIPLE_AFTER = re.compile(r"^，?(?:是|为|相当于)(?:原来|过去|上年|去年|当年|\d{4}年)?的$")
# 翻一番 is twice as much and 翻两番 four times, not three: each 番 doubles. The claim follows the
# new value of 由A增长到B, or the old one of B，比（上年、“十三五”末的）A.
_DOUBLED = re.compile(r"，?(?:实现了?|增长了?|增加了?)?(?P<claim>(?P<near>近|接近|将近)?(?:翻了?(?P<n>[一两二三四五])番|翻番)"
                      r"(?P<more>多|还多|以上|有余)?)")
_AGAINST = re.compile(r"，?(?:比|较)[^，。；\d]{0,16}")
_DOUBLINGS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
# a decrease told in times (减少了3倍): what is left would be less than nothing
_DECREASED_BY = re.compile(r"(?:减少|下降|降低|缩小|缩减|减低|(?<![至多缺不])少)了?$")  # 少了一倍, not 至少3倍


class ClaimMismatch(Rule):
    code = "C110"
    name = "claim-mismatch"
    severity = Severity.WARNING
    summary = "“超过六成”“近三成”“增长3倍”“翻两番”这类说法与它所说的数字不符，或用倍数说减少（减少3倍）"
    explanation = """\
作用：找出与所描述的数字不符的说法：“25家企业中，15家实现增长，超过六成”（15÷25恰为六成，不是“超过”）；“由1.2万元增加到3.6万元，增长了3倍”（3.6÷1.2=3，是原来的3倍，即增长2倍）。
为何重要：“超过”“不到”“近”“约”和“增长几倍”“是几倍”是读者据以理解数字的说法；说法与数字不符，读者得出的结论就错了。
如何判断：占比的说法（六成、60%，带“超过”“逾”“不到”“近”“约”“以上”或不带）只与写明整体和部分的同一句核对：“N个……中（或全县N个），M个……，超过六成”，整体与部分单位相同。“超过”“逾”“不到”“不足”不含本数：恰为六成不能说“超过六成”；“近”为本数的90%～100%，“约”“左右”为90%～110%；不带这些词的“六成”按其末位的一半放宽（55%～65%）。倍数：“由A增长到B，增长N倍”须N≈B÷A－1，“是原来的N倍”须N≈B÷A，N按其末位的一半放宽；只在N与另一种读法相符时报（两种读法都不符的是 trend-direction 的问题）。城乡居民收入比须等于同一段中在它之前写出的城镇居民与农村居民人均收入之比。
翻番：每翻一番是原来的2倍，“翻两番”是4倍（常见的错是把增长到3倍写成翻两番）。“由A增长到B，翻了N番”或“B，比（上年的）A翻了N番”须B÷A约为2的N次方：不带修饰的容许0.8～1.25倍，“近”0.8～1.05倍，“多”“还多”“以上”0.95～2倍；“翻番”前后不是这两种句式的（主语换了）不核对。减少不能用倍数表示：“减少（下降、降低、缩小）了3倍”“比上年少了一倍”按字面是零或负数，也报。
示例：全市25家重点企业中，15家实现增长，超过六成。
应改为：全市25家重点企业中，15家实现增长，占六成。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        for i, claim in enumerate(figures):
            if i >= 2 and claim.kind == Kind.PERCENT and claim.unit == "%" and not claim.share_of:
                found = self._share_claim(doc, text, figures[i - 2], figures[i - 1], claim)
                if found:
                    yield found
        yield from self._multiples(doc, text, figures)
        if "翻" in text:
            yield from self._doublings(doc, text, figures)
        if "倍" in text:
            yield from self._decreased_by_times(doc, text, figures)
        yield from self._income_ratio(doc, text, figures)

    def _decreased_by_times(self, doc, text, figures):
        for f in figures:
            verb = f.unit == "倍" and f.value >= 1 and _DECREASED_BY.search(text, max(f.clause[0], f.start - 3), f.start)
            if verb:
                yield self.diagnostic(
                    doc, verb.start(), f.end,
                    _("减少不能用倍数表示：按字面，“{claim}”后就成了零或负数；应写减少的百分数，或“减少到几分之几”").format(
                        claim=text[verb.start():f.end]))

    def _doublings(self, doc, text, figures):
        """由1万元增长到4万元，翻了两番 (4 times) and 20亿千瓦，比上年的9.34亿千瓦翻了一番还多."""
        pairs = [(a, b) for m, a, b in trends(text, figures) if m.group() in _UP_TRENDS]
        pairs += [(a, b) for b, a in zip(figures, figures[1:])
                  if a.sentence == b.sentence and a.unit == b.unit and a.unit is not None and a.kind == b.kind
                  and _AGAINST.fullmatch(text, b.end, a.start)]
        for a, b in pairs:
            claim = _DOUBLED.match(text, max(a.end, b.end))
            if not claim or a.kind in TIME_KINDS:
                continue
            (a_lo, a_hi), (b_lo, b_hi) = a.exact_bounds, b.exact_bounds
            if a_lo <= 0 or math.isinf(a_hi):
                continue
            times = 2 ** _DOUBLINGS[claim.group("n") or "一"]
            if claim.group("near"):
                low, high = 0.8 * times, 1.05 * times
            elif claim.group("more"):
                low, high = 0.95 * times, 2 * times
            else:
                low, high = 0.8 * times, 1.25 * times
            if b_hi / a_lo >= low and b_lo / a_hi <= high:
                continue
            yield self.diagnostic(
                doc, claim.start("claim"), claim.end(),
                _("按文中{b}÷{a}≈{x:.3g}，而“{claim}”是原来的{times}倍（每翻一番，数量是原来的2倍）").format(
                    a=a.text, b=b.text, x=b.value / a.value, claim=claim.group("claim"), times=times),
                related=[_related(doc, a, _("原来的数字")), _related(doc, b, _("变化后的数字"))])

    def _income_ratio(self, doc, text, figures):
        """城镇、农村居民人均可支配收入分别为42350元和21580元，城乡居民收入比为2.16: the ratio is the
        urban income over the rural one stated before it in its paragraph."""
        if "收入比" not in text:
            return
        for k, ratio in enumerate(figures):
            if ratio.kind != Kind.OTHER or ratio.approx \
                    or not _RATIO_CLAIM.search(text, max(ratio.sentence[0], ratio.start - 12), ratio.start):
                continue
            floor = paragraph_start(text, ratio.start, max(ratio.start - INCOME_NEAR, 0))
            urban = rural = None
            for i in range(k - 1, -1, -1):
                f = figures[i]
                if f.start < floor:
                    break
                if f.family == "money" and not f.approx and "average" in f.roles:
                    side = _income_side(text, f)
                    if side == "urban" and urban is None:
                        urban = f
                    elif side == "rural" and rural is None:
                        rural = f
            if urban is None or rural is None or rural.value <= 0:
                continue
            computed = urban.value / rural.value
            if abs(computed - ratio.value) <= ratio.precision + 0.005:
                continue
            yield self.diagnostic(
                doc, ratio.start, ratio.end,
                _("按文中{urban}÷{rural}≈{computed:.2f}，与城乡居民收入比“{ratio}”不符").format(
                    urban=urban.text, rural=rural.text, computed=computed, ratio=ratio.text),
                related=[_related(doc, urban, _("城镇居民收入")), _related(doc, rural, _("农村居民收入"))])

    def _share_claim(self, doc, text, whole, part, claim):
        if not (whole.sentence == part.sentence == claim.sentence) or "change" in claim.roles \
                or claim.base is not None or claim.quantity.is_range or claim.list_id is not None:
            return None
        if not (compatible(whole, part) and whole.value > part.value > 0) or part.list_id is not None \
                or {"average", "change"} & (whole.roles | part.roles) or part.approx:
            return None
        # the whole is said to be one (25家重点企业中，… / 全市25家… / …，其中15家), the part
        # follows in the next clause, and the claim says only how large a share it is (占比超过六成)
        said_whole = (text[whole.end:whole.clause[1]].endswith("中") and part.clause[0] > whole.clause[1]
                      or text[whole.clause[0]:whole.start].startswith(tuple(WHOLE_LEVEL)) or "part" in part.roles)
        if not said_whole or claim.clause[0] <= part.start or _SHARE_WORDS.sub("", text[claim.clause[0]:claim.start]) \
                or text[claim.end:claim.clause[1]] not in ("", claim.hedge):
            return None
        ratio = _ratio(part, whole)
        if ratio is None:
            return None
        low, high = claim.exact_bounds if claim.hedge else _allowed(claim)
        if claim.strict:
            above = math.isinf(high)
            wrong = ratio[1] <= low if above else ratio[0] >= high
        else:
            wrong = ratio[1] < low or ratio[0] > high
        if not wrong:
            return None
        computed = 100 * part.base_value / whole.base_value
        return self.diagnostic(
            doc, claim.start, claim.end,
            _("按文中{part}÷{whole}={computed}，与“{claim}”不符").format(
                part=part.text, whole=whole.text, computed=_percent(computed), claim=claim.text),
            related=[_related(doc, part, _("部分")), _related(doc, whole, _("整体"))])

    def _multiples(self, doc, text, figures):
        starts = {f.start: k for k, f in enumerate(figures)}
        for m, a, b in trends(text, figures):
            k = starts[b.start] + 1
            if k >= len(figures) or a.value <= 0 or m.group() not in _UP_TRENDS:
                continue
            c = figures[k]
            if c.unit != "倍" or c.sentence != b.sentence:
                continue
            between = text[b.end:c.start]
            growth = CHANGE_AFTER.match(between)
            if not (growth and not growth.group("verb").startswith(("下降", "减少", "降低", "缩小", "降幅", "减幅"))
                    or _MULTIPLE_AFTER.match(between)):
                continue
            (a_lo, a_hi), (b_lo, b_hi) = a.bounds, b.bounds  # a rounded end (2.38亿) within its precision
            if a_lo <= 0 or a.approx or b.approx:
                continue
            times = (b_lo / a_hi, b_hi / a_lo)
            grown = (times[0] - 1, times[1] - 1)
            said, other = (grown, times) if growth else (times, grown)
            low, high = _allowed(c)
            fits = lambda r: r[1] >= low and r[0] <= high  # noqa: E731
            if fits(said) or not fits(other):
                continue
            exact = b.value / a.value
            if growth:
                message = _("按文中{b}÷{a}≈{x:.3g}，是原来的{x:.3g}倍，即增长{y:.3g}倍；文中作“{c}”").format(
                    a=a.text, b=b.text, x=exact, y=exact - 1, c=text[c.start - len(between) + between.find(growth.group("verb")):c.end])
            else:
                message = _("按文中{b}÷{a}≈{x:.3g}，是原来的{x:.3g}倍；文中作“{c}”").format(
                    a=a.text, b=b.text, x=exact, c=c.text)
            yield self.diagnostic(doc, c.start, c.end, message,
                                  related=[_related(doc, a, _("原来的数字")), _related(doc, b, _("变化后的数字"))])


_UP_TRENDS = frozenset(w for w, d in lexicon.table("cues", "trends", "direction").items() if d == "up")


# --- C111 implausible-magnitude -------------------------------------------------------------

AREA_CAP = {e["level"]: e["cap"] * 1e6 for e in lexicon.entries("places", "area_caps")}  # in m²
POPULATION_CAP = {e["level"]: e["cap"] for e in lexicon.entries("places", "population_caps")}
_INCOME_BOUNDS = {e["level"]: e["yuan"] for e in lexicon.entries("fixed", "per_head_income")}
MOST_INCOME, LEAST_INCOME = _INCOME_BOUNDS["most"], _INCOME_BOUNDS["least"]
_RESIDENTS = lexicon.words("nouns", "resident_populations")  # who live there (not 惠及人口, 受灾人口)
_PER_HEAD = re.compile(r"人均|户均")
_AGGREGATE = re.compile(lexicon.alternation("nouns", "economy_aggregates"))
# Between an economic total and its amount: a verb (实现, 达到, 完成, 为), a bracket; no number,
# no break, no change (增加, 下降, 比上年) and no average (人均 … 元 is C106's).
_AGGREGATE_GAP = re.compile(r"[^\d，。；：、\n增减降比均每]{0,6}")
AGGREGATE_BOUNDS = {e["level"]: (e["least"], e["most"], e["fiscal_most"]) for e in lexicon.entries("places", "aggregate_bounds")}
_FISCAL = {e["word"] for e in lexicon.entries("nouns", "economy_aggregates") if e.get("fiscal")}
# A headcount, then a verb or none, then the figure (期末从业人员数1.37万元, 常住人口为52万元)
_HEADCOUNT = re.compile(f"(?:{lexicon.alternation('nouns', 'headcount_words')})数?(?:{lexicon.alternation('cues', 'measure_verbs')})?")
_INCOME = re.compile(lexicon.alternation("nouns", "income_words"))
_BUSINESS_REVENUE = re.compile(lexicon.alternation("nouns", "business_revenues"))
# 每人每月 and no number or break between it and the figure (每人每月98元，全年发放… is another's)
_MONTHLY_CUE = re.compile(lexicon.alternation("cues", "monthly_per_head"))
_MONTHLY = re.compile(rf"(?:{_MONTHLY_CUE.pattern})[^\d。；！？\n]*$")


def _per_head_before(text: str, pos: int) -> bool:
    """人均 (户均, 平均) just before ``pos`` or before the place it names, line breaks apart
    (人均⏎地区生产总值, 人均地⏎区生产总值)."""
    return "均" in re.sub(r"[\s\d\-—]", "", text[max(0, pos - 14):pos])[-4:]  # (and a PDF's page number: - 1 -)


def whole_place(level: str) -> str:
    """全县 and the like, for a figure whose place is the report's own and unnamed (in the language of the run)."""
    return {"village": _("全村"), "township": _("全乡镇"), "county": _("全县"), "prefecture": _("全市"),
            "province": _("全省"), "country": _("全国"), "world": _("全世界")}[level]
def _START(f: Figure) -> int:
    return f.start


PART_MEASURES = {e["word"]: tuple(e["wholes"]) for e in lexicon.entries("nouns", "part_measures")}
_PART_MEASURE_RE = re.compile("|".join(map(re.escape, sorted(PART_MEASURES, key=len, reverse=True))))
MAGNITUDE = 8          # a product or a part off by this factor or more has a magnitude slip
SALARY_CAPS = {e["word"]: e["yuan"] for e in lexicon.entries("fixed", "salary_caps")}
_SALARY_RE = re.compile("|".join(SALARY_CAPS))
SALARY_REACH = 8  # characters between a pay's name and its figure (年薪高达, 的月薪为)
_CLAUSE_BREAK = re.compile("[，。；;！？]")
RANGE_NUMBERS_APART = 10  # a range's two numbers within this factor, one with 万 and one without: a 万 lost
_RANGE_KINDS = (Kind.AMOUNT, Kind.COUNT, Kind.OTHER)
_WIDE_RANGE = re.compile("不等")
_MAGNITUDE_WORDS = {1e4: "万", 1e8: "亿"}
SAME_NUMBER_DIGITS = 3  # significant digits a number needs before two copies of it are taken for one
SAME_NUMBER_NEAR = 300  # characters around a figure its number is looked for in (a sentence can be 100 KB)
PART_OF_WHOLE = 1e-4   # a part of a measure this much smaller than its whole has lost a 万


# One sum in two currencies, side by side: 187.69亿元人民币（27.34亿美元）, 600美元（约合人民币808万元）.
# The yuan has stood between 1.5 and 8.7 to the dollar since 1980: a ratio outside that (with room)
# has a 万 or 亿, or a digit, wrong (成交额21.6亿元人民币近1亿美元).
_CONVERTED = re.compile(r"(?:人民币)?[（(]?(?:约合|折合|约|合|相当于|即)?(?:人民币)?")
YUAN_PER_DOLLAR = (1.4, 9.5)
# 3，431,616 美元: a sum whose thousands are grouped by mixed commas and spaces may be read from its
# last group only (431,616美元): a figure right after a digit and a comma is no whole sum
_GROUP_BEFORE = re.compile(r"\d[，,]\s*\Z")
_CURRENCIES = {"money", "money:USD"}

# A ship's (or a berth's, a channel's) grade is its deadweight: a grade no ship reaches has a
# 万 that became 亿.
_VESSEL_GRADE = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<magnitude>万|亿)\s*吨级"
                           rf"(?=[\u4e00-\u9fff]{{0,8}}?(?:{lexicon.alternation('fixed', 'vessel_words')}))")
LARGEST_VESSEL = lexicon.entries("fixed", "largest_vessel")[0]["tonnes"]


class ImplausibleMagnitude(Rule):
    code = "C111"
    name = "implausible-magnitude"
    severity = Severity.WARNING
    evidence = Evidence.PLAUSIBILITY
    summary = "数字的数量级与文中相关的数字不相称（人均×人数与总额、利润与收入、面积与所在地方），或超出任何地方可能的人口、人均收入"
    explanation = """\
作用：找出数量级不对的数字（多半是“万”“亿”丢了或多了）：“带动2150人就业，人均增收8760元，合计增收18.834万元”（2150×8760≈1883万元）；“实现营业收入6.12亿元，净利润3825.10元”（不到收入的万分之一）；“村域面积8.2万平方公里”（大过一个县）。
为何重要：数量级错了，数字就差了成千上万倍，而这种错误逐字校对时最不显眼。
如何判断：只比较文字本身关联起来的数：人均（户均）数×同一句中在它之前的人数（户数），与它之后同一句中写明“合计”“共”“总额”“累计”的同类数比较，相差8倍以上才报；同一段中“净利润”“利润”与“营业收入”“营收”“营业额”“销售额”比较，以及“其中”所列的金额与其总数比较，部分不到整体的万分之一才报；写明“面积”的数，若句中所说的是地名词典认得的村、乡镇、县、地级市或省（或“全村”“全乡”等），超过该级别最大的面积（村1万、乡镇10万、县30万、地级60万、省200万平方公里）才报；船舶、泊位、航道、码头、船闸的“……吨级”（载重吨位）达到100万吨以上的（最大的船也只有几十万吨，“20亿吨级泊位”应为“20万吨级”）也报。地方的总人口、常住人口、户籍人口多于这一级地方可能有的（县500万、乡镇30万、村5万……，地方须是全文所说的或地名词典认得的）也报；人均、户均的收入（可支配收入、纯收入、增收、工资）一年多于100万元，或收入水平少于30元的，也报（“人均营业收入”是企业按人平均的营业收入，不是谁的收入，不算）；“每人每月”的金额多于任何人一个月可能有的收入（约8万元）的（“低保补助标准每人每月不低于274166元”，274元、166元连写），也报。地方的经济总量（生产总值、财政收入、固定资产投资、社会消费品零售总额、存款余额、贷款余额、保费收入等，不含人均）以“元”写出而少于这一级地方可能有的（县100万元、乡镇10万元，不知是哪一级地方的1万元），或多于可能有的（县10万亿元、地级市50万亿元；财政收入、税收收入、预算支出这些财政数更少：县1万亿元、地级市2万亿元），也报；地方取句中或标题中地名词典认得的地名，或“全县”等。人数（从业人员、就业人数、常住人口等）之后紧跟的数以“元”为单位的（“期末从业人员数1.37万元”），单位疑有误，也报。一个范围的两端数字相近、却只有后一端带“万”“亿”的（“净利润预计为90元至110万元”），疑前一端漏了“万”，也报；两端数字相近、前一端却因“万”“亿”大于后一端的（“月收入在1.5亿至2万”“预计为90万元至110元”），也报；写明“从……到……”或“不等”的范围（“从7000元到1.2万元不等”），或两端都带“万”“亿”而前小后大的（“5万元至5亿元”），是真有这么宽，不报；一个人的年薪多于10亿元、月薪多于1亿元的（“董事长张恒的年薪高达589,190万元”，多半是以元为单位的数写成了万元），也报。同一句中同一单位的同一个数（三位以上有效数字）写了两次，一处带“万”“亿”、一处不带（“收支总预算为194.46元，支出预算为194.46万元”），疑漏了或多了“万”“亿”，也报，人均数不算。同一笔钱以人民币和美元并写的（“187.69亿元人民币（27.34亿美元）”“600美元（约合人民币808万元）”），两者之比须在1美元合1.4至9.5元之间（人民币1980年以来的汇率在1.5至8.7元之间），否则疑“万”“亿”或数字有误（“成交额21.6亿元人民币近1亿美元”），也报。这些只是“不大可能”，不是算术矛盾，所以都只作“警告”，并写明比较了哪些数。
示例：带动2150人就业，人均增收8760元，合计增收18.834万元。
应改为：核对数字和单位，如“合计增收1883.4万元”。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        yield from self._per_head(doc, text, figures)
        yield from self._parts(doc, text, figures, ctx)
        yield from self._areas(doc, figures)
        if "人口" in text:
            yield from self._populations(doc, text, figures)
        if "均" in text:
            yield from self._per_head_incomes(doc, text, figures)
        yield from self._monthly_per_head(doc, text, figures)
        if "吨级" in text:
            yield from self._vessel_grades(doc, text)
        yield from self._aggregates(doc, text, figures)
        yield from self._headcounts_in_money(doc, text, figures)
        yield from self._range_ends(doc, text, figures)
        yield from self._same_number_apart(doc, text, figures)
        if "薪" in text:
            yield from self._salaries(doc, text, figures)
        if "美元" in text:
            yield from self._conversions(doc, text, figures)

    def _per_head(self, doc, text, figures):
        """人均 × 人数 against a total stated after the average (one stated before it is C106's)."""
        starts = [f.start for f in figures]
        for k, a in enumerate(figures):
            if not addable(a, rate=True):
                continue
            cue = _average_cue(text, a)  # (人均, 户均, 平均每: as average-mismatch reads them)
            if cue is None:
                continue
            noun, _metric, cue_start = cue
            family, head = _base_family(noun)
            # only the figures of its sentence, found by bisection (a sentence of averages is long)
            first, last = bisect_left(starts, a.sentence[0]), bisect_left(starts, a.sentence[1])
            # (the cheap tests first: heads are worked out when asked for)
            count = next((n for n in reversed(figures[first:k]) if n.family == family and n.sentence == a.sentence
                          and n.end <= cue_start and addable(n) and (head is None or n.head == head)), None)
            total = next((t for t in figures[k + 1:last] if t.sentence == a.sentence and "total" in t.roles
                          and compatible(t, a, rate=True) and t.kind != Kind.RATE and "average" not in t.roles), None)
            if count is None or total is None or count.value <= 0 or a.value <= 0 or total.value <= 0:
                continue
            product = count.base_value * a.base_value
            factor = max(product / total.base_value, total.base_value / product)
            if factor < MAGNITUDE:
                continue
            yield self.diagnostic(
                doc, total.start, total.end,
                _("按文中{count}×{average}≈{product}，而此处为{total}，相差约{factor:.0f}倍，疑数量级（万、亿）有误").format(
                    count=count.text, average=a.text, product=number(product, "元" if a.family == "money" else ""),
                    total=total.text, factor=factor),
                related=[_related(doc, count, _("个数")), _related(doc, a, _("平均数"))])

    def _parts(self, doc, text, figures, ctx):
        pairs = []
        for _m, whole, parts in part_groups(doc, figures, ctx):
            pairs += [(p, whole) for p in parts if p.family == "money" and "average" not in p.roles]  # (人均 is no part)
        money = [f for f in figures if f.family == "money" and addable(f) and not {"average", "change"} & f.roles]
        naming: dict[tuple[str, ...], list[Figure]] = {}  # the wholes a part measure asks for -> the amounts naming one
        for p in money:
            if not _PART_MEASURE_RE.search(text, max(p.sentence[0], p.start - 40), p.start):
                continue  # no part measure (净利润 …) named before it: its metric is not asked for
            wholes = next((w for part, w in PART_MEASURES.items() if (p.metric or "").endswith(part)
                           or (p.metric or "").endswith(part + "总额")), None)
            if not wholes:
                continue
            # the last amount of its paragraph before it that names a whole of its measure
            named = naming.get(wholes)
            if named is None:
                named = naming[wholes] = [w for w in money if any(x in (w.metric or "") for x in wholes)]
            floor = paragraph_start(text, p.start)
            k = bisect_left(named, p.start, key=_START)
            whole = next((w for w in reversed(named[bisect_left(named, floor, 0, k, key=_START):k])
                          if w.period == p.period), None)
            if whole is not None:
                pairs.append((p, whole))
        seen = set()
        for part, whole in pairs:
            if part.start in seen or part.base_value <= 0 or part.base_value >= PART_OF_WHOLE * whole.base_value:
                continue
            seen.add(part.start)
            yield self.diagnostic(
                doc, part.start, part.end,
                _("“{part}”不到“{whole}”的万分之一（约{ratio:.2g}），疑数量级（万、亿）有误").format(
                    part=(part.metric or "") + part.text, whole=(whole.metric or "") + whole.text,
                    ratio=part.base_value / whole.base_value),
                related=[_related(doc, whole, _("整体"))])

    def _vessel_grades(self, doc, text):
        for m in _VESSEL_GRADE.finditer(text):
            number = float(m["number"])
            if number * (1e8 if m["magnitude"] == "亿" else 1e4) < LARGEST_VESSEL:
                continue
            fixed = m["number"] + "万吨级" if m["magnitude"] == "亿" and number * 1e4 < LARGEST_VESSEL else None
            yield self.diagnostic(
                doc, m.start(), m.end(),
                _("“{text}”的船舶（泊位、航道）不可能：最大的船也只有几十万吨，疑“万”“亿”有误").format(text=m.group()),
                suggestion=fixed)

    def _populations(self, doc, text, figures):
        """全县总人口45亿人: a place's population beyond the most any place of its level holds."""
        for f in figures:
            if f.family != "persons" or text.find("人口", max(0, f.start - 8), f.start) < 0:
                continue  # (the cheap tests first: a figure's metric and place are worked out when asked for)
            if not (f.metric or "").endswith(_RESIDENTS) or f.place_level not in POPULATION_CAP:
                continue
            if not (f.place_from == "whole" or f.place_from == "sentence" and gazetteer.lookup(f.place)):
                continue  # as for areas: only a level to trust
            if f.base_bounds[0] <= POPULATION_CAP[f.place_level]:
                continue
            place = f.place or whole_place(f.place_level)
            yield self.diagnostic(
                doc, f.start, f.end,
                _("{place}的{metric}“{text}”多于这一级地方可能有的人口（至多约{cap:g}万人），疑数量级或单位有误").format(
                    place=place, metric=next(r for r in _RESIDENTS if f.metric.endswith(r)), text=f.text,
                    cap=POPULATION_CAP[f.place_level] / 1e4))

    def _per_head_incomes(self, doc, text, figures):
        """人均可支配收入12500万元: a per-head income no one earns (a 万 too many, or one lost)."""
        for f in figures:
            if f.family != "money" or f.kind != Kind.AMOUNT or not _PER_HEAD.search(text, max(0, f.start - 16), f.start):
                continue
            before = text[max(f.clause[0], f.start - 16):f.start]
            if "average" not in f.roles or f.quantity.is_range or not _PER_HEAD.search(before) or not _INCOME.search(before) \
                    or _BUSINESS_REVENUE.search(before):
                continue  # (人均营业收入: a firm's revenue per employee, no one's income)
            low, high = f.base_bounds
            if low > MOST_INCOME:
                message = _("人均（户均）收入“{text}”多于任何地方可能的数（一年至多约{most:g}万元），疑多了“万”或“亿”")
            elif high < LEAST_INCOME and not ("增" in before or "change" in f.roles):
                message = _("人均（户均）收入“{text}”少于任何地方可能的数（一年至少约{least:g}元），疑丢了“万”")
            else:
                continue
            yield self.diagnostic(doc, f.start, f.end,
                                  message.format(text=f.text, least=LEAST_INCOME, most=MOST_INCOME / 1e4))

    def _monthly_per_head(self, doc, text, figures):
        """每人每月不低于274166元 (274元、166元 run together): more a month than anyone's income in a year."""
        cues = [m.end() for m in _MONTHLY_CUE.finditer(text)]
        if not cues:
            return
        most = MOST_INCOME / 12
        for f in figures:
            k = bisect_left(cues, f.start - 12)  # (a cue ending within 12 characters before the figure)
            if k == len(cues) or cues[k] > f.start or f.family != "money":
                continue
            if f.kind != Kind.AMOUNT or f.base_bounds[0] <= most or not _MONTHLY.search(text, max(0, f.start - 12), f.start):
                continue
            yield self.diagnostic(
                doc, f.start, f.end,
                _("每人每月的金额“{text}”多于任何人一个月可能有的收入（至多约{most:.0f}万元），疑数量级有误或两个数字粘连（单位或分隔符丢失）").format(
                    text=f.text, most=most / 1e4))

    def _headcounts_in_money(self, doc, text, figures):
        """期末从业人员数1.37万元: people counted in 元, a unit typed for another."""
        starts = [f.start for f in figures]
        for m in _HEADCOUNT.finditer(text):
            k = bisect_left(starts, m.end())
            if k == len(figures) or figures[k].start != m.end():
                continue
            f = figures[k]
            if f.family != "money" or _per_head_before(text, m.start()):
                continue  # (人均 … is an income)
            fixed = f.text[:-1] + "人" if f.text.endswith("元") and not f.text.endswith("美元") else None
            yield self.diagnostic(
                doc, f.start, f.end,
                _("“{noun}”是人数，“{text}”却是金额，疑单位有误").format(noun=m.group().rstrip("为达到有共约"), text=f.text),
                suggestion=fixed)

    def _conversions(self, doc, text, figures):
        """187.69亿元人民币（27.34亿美元）: the same sum in yuan and in dollars, at a rate the yuan has had."""
        for a, b in zip(figures, figures[1:]):
            if {a.family, b.family} != _CURRENCIES or not a.value or not b.value \
                    or not _CONVERTED.fullmatch(text, a.end, b.start) or _GROUP_BEFORE.search(text, max(0, a.start - 8), a.start):
                continue
            yuan, dollars = (a, b) if a.family == "money" else (b, a)
            rate = yuan.value / dollars.value
            if YUAN_PER_DOLLAR[0] <= rate <= YUAN_PER_DOLLAR[1]:
                continue
            yield self.diagnostic(doc, a.start, b.end, _(
                "“{a}”与“{b}”是同一笔钱的两种写法，按此1美元合{rate}元人民币，人民币从未有过这样的汇率："
                "疑“万”“亿”或数字有误").format(a=a.text, b=b.text, rate=f"{rate:,.0f}" if rate >= 1000 else f"{rate:.3g}"),
                related=[_related(doc, b, _("折算的金额"))])

    def _salaries(self, doc, text, figures):
        """董事长张恒的年薪高达589,190万元: one person's pay beyond anyone's (a 元 column read as 万元)."""
        cues = [(m.end(), m.group()) for m in _SALARY_RE.finditer(text)]
        ends = [end for end, _word in cues]
        for f in figures:
            k = bisect_left(ends, f.start - SALARY_REACH)
            if k == len(ends) or ends[k] > f.start or f.family != "money" or f.kind != Kind.AMOUNT:
                continue
            end, word = cues[k]
            if _CLAUSE_BREAK.search(text, end, f.start) or _per_head_before(text, end - len(word)) \
                    or f.base_bounds[0] <= SALARY_CAPS[word]:
                continue
            yield self.diagnostic(
                doc, f.start, f.end,
                _("{word}“{text}”多于任何人可能拿到的（至多约{cap:g}亿元），疑单位有误（如“元”写成了“万元”）").format(
                    word=word, text=f.text, cap=SALARY_CAPS[word] / 1e8))

    def _range_ends(self, doc, text, figures):
        """净利润预计为90元至110万元: a range's two numbers alike, one end with 万 (or 亿) and the other
        without (or with the other word), where the high end is the one with it, or the ends run
        backwards (个人月收入在1.5亿至2万): one end's 万 or 亿 is lost or wrong. A range that says it
        varies widely (从7000元到1.2万元不等, 从5万元到5亿元) is of that size."""
        for a, b in zip(figures, figures[1:]):
            if b.start != a.end + 1 or text[a.end] not in RANGE_SEPARATORS or a.unit != b.unit \
                    or a.kind not in _RANGE_KINDS or b.kind != a.kind or a.magnitude == b.magnitude:
                continue
            if a.unit is None and min(a.magnitude, b.magnitude) == 1:
                continue  # (bare numbers: only 1.5亿至2万's words say they are measures at all)
            low, high = a.value / a.magnitude, b.value / b.magnitude  # the numbers as written
            if not 0 < low <= high * RANGE_NUMBERS_APART or high > low * RANGE_NUMBERS_APART:
                continue
            backwards = a.value > b.value
            if not backwards and (a.magnitude != 1 or _WIDE_RANGE.search(text, b.end, b.end + 4)
                                  or "从" in text[max(a.clause[0], a.start - 6):a.start]):
                continue
            lost, other = (b, a) if backwards and b.magnitude == 1 else (a, b)
            word = _MAGNITUDE_WORDS.get(other.magnitude)
            if lost.magnitude == 1 and word and lost.unit:
                fixed = lost.text.replace(lost.unit, word + lost.unit, 1)
                message = _("“{range}”两端相差上{word}倍：疑“{low}”漏了“{word}”，应为“{fixed}”")
                suggestion = text[a.start:lost.start] + fixed + text[lost.end:b.end]
            else:
                fixed, message, suggestion = None, _("“{range}”前一端大于后一端，两个数却相近：疑其中一端的“万”“亿”有误"), None
            yield self.diagnostic(
                doc, a.start, b.end,
                message.format(range=text[a.start:b.end], word=word, low=lost.text, fixed=fixed), suggestion=suggestion)

    def _same_number_apart(self, doc, text, figures):
        """收支总预算为194.46元，支出预算为194.46万元: one number written twice in a sentence, in one
        unit, once with 万 (or 亿) and once without (or with the other word). The one whose 万 or 亿
        differs from the sentence's other figures of that unit has lost or gained it."""
        # (first the sentences where a figure with a 万 or 亿 has its number written again: a count
        # in the text, cheap enough for every figure)
        wanted = {f.sentence for f in figures if f.unit is not None and ("万" in f.text or "亿" in f.text)
                  and text.count(f.digits, max(f.sentence[0], f.start - SAME_NUMBER_NEAR),
                                 min(f.sentence[1], f.end + SAME_NUMBER_NEAR)) > 1}
        if not wanted:
            return
        for span, group in groupby(figures, key=attrgetter("sentence")):  # (figures are in the text's order)
            if span not in wanted:
                continue
            sentence = list(group)
            seen: dict[str, Figure] = {}
            for f in sentence:
                if f.unit is None:
                    continue
                first = seen.setdefault(f.text.replace("万", "").replace("亿", ""), f)
                if first is f or first.text == f.text or not self._same_number(first, f):
                    continue
                yield self._apart(doc, first, f, [g for g in sentence if g.unit == f.unit])

    @staticmethod
    def _same_number(first: Figure, second: Figure) -> bool:
        """Whether the two are one written number of one unit, apart by their 万 or 亿 alone."""
        for f in (first, second):
            if f.kind not in _RANGE_KINDS or f.quantity is None or f.quantity.is_range:
                return False
        if first.unit != second.unit or first.digits != second.digits or first.magnitude == second.magnitude:
            return False
        if len(first.digits.replace(".", "").strip("0")) < SAME_NUMBER_DIGITS:
            return False  # (1200元 and 1200万元 can both be right: 1万 people × 1200元)
        return "average" not in first.roles and "average" not in second.roles

    def _apart(self, doc, first, second, same_unit):
        votes = {m: sum(g.magnitude == m for g in same_unit) for m in (first.magnitude, second.magnitude)}
        odd, other = (first, second) if votes[first.magnitude] < votes[second.magnitude] else (second, first)
        word = _MAGNITUDE_WORDS.get(other.magnitude)
        if votes[first.magnitude] != votes[second.magnitude] and odd.magnitude == 1 and word:
            message = _("“{odd}”与同一句中的“{other}”数字相同，只少一个“{word}”字，疑漏了“{word}”")
            suggestion = odd.text.replace(odd.unit, word + odd.unit, 1)
        else:
            message = _("“{odd}”与同一句中的“{other}”数字相同，单位却相差上万倍，疑其中一处的“万”“亿”有误")
            suggestion = None
        return self.diagnostic(doc, odd.start, odd.end, message.format(odd=odd.text, other=other.text, word=word),
                               suggestion=suggestion, related=[_related(doc, other, _("数字相同的一处"))])

    def _aggregates(self, doc, text, figures):
        """保费收入达7237元 in a county's bulletin: an economic total beyond what a place of its level can have."""
        starts, seen = [f.start for f in figures], set()
        for m in _AGGREGATE.finditer(text):
            k = bisect_left(starts, m.end())
            if k == len(figures) or figures[k].start > _AGGREGATE_GAP.match(text, m.end()).end() or k in seen:
                continue  # (生产总值(GDP)951435万元: one figure, two names)
            seen.add(k)
            f = figures[k]
            if f.family != "money" or f.kind != Kind.AMOUNT or f.quantity.is_range or _per_head_before(text, m.start()):
                continue
            if {"change", "average"} & f.roles:
                continue
            # (a place the report names, in a sentence or its heading (2019年江州区国民经济和社会发展统计公报),
            # has a level to trust where the gazetteer knows it)
            if f.place_level in AGGREGATE_BOUNDS and (f.place_from == "whole" or f.place_from in ("sentence", "heading")
                                                      and gazetteer.lookup(f.place)):
                level = f.place_level
                least, most, fiscal_most = AGGREGATE_BOUNDS[level]
            else:  # no level to trust: any place is at least a village, at most a country
                level = None
                least, (_least, most, fiscal_most) = AGGREGATE_BOUNDS["village"][0], AGGREGATE_BOUNDS["country"]
            if m.group() in _FISCAL:
                most = fiscal_most
            low, high = f.base_bounds
            if high < least:
                message = _("{metric}“{text}”少于{place}可能有的数（至少约{bound}），疑丢了“万”或“亿”")
            elif low > most:
                message = _("{metric}“{text}”多于{place}可能有的数（至多约{bound}），疑多了“万”或“亿”")
            else:
                continue
            place = (f.place or whole_place(level)) if level else _("任何地方")
            yield self.diagnostic(doc, f.start, f.end, message.format(
                metric=m.group(), text=f.text, place=place, bound=number(least if high < least else most, "元")))

    def _areas(self, doc, figures):
        for f in figures:
            if f.family != "area" or f.place_level not in AREA_CAP:
                continue
            if not (f.place_from == "whole" or f.place_from == "sentence" and gazetteer.lookup(f.place)):
                continue  # only a place the gazetteer knows has a level to trust (三北地区 is no prefecture)
            measured = doc.norm[f.clause[0]:f.start]
            if "面积" not in measured or f.approx or f.base_bounds[0] <= AREA_CAP[f.place_level]:
                continue
            place = f.place or whole_place(f.place_level)
            cap = AREA_CAP[f.place_level] / 1e6
            yield self.diagnostic(
                doc, f.start, f.end,
                _("{place}的{metric}“{text}”大于这一级行政区最大的面积（约{cap:g}平方公里），疑数量级或单位有误").format(
                    place=place, metric=measured[measured.rfind("面积") - 2:measured.rfind("面积") + 2].lstrip("全村乡镇县市省"),
                    text=f.text, cap=cap))


# --- C112 rank-mismatch ---------------------------------------------------------------------

_ORDERED_LIST = re.compile(r"(?P<key>[\u4e00-\u9fffA-Z]{0,10}?)(?:排名|排序|排行|位次)(?:前[一二三四五六七八九十\d]+(?:位|名)?)?"
                           r"(?:的[\u4e00-\u9fff]{0,8}?)?(?:依次为|依次是|分别为|分别是|依次|为|是)[：:]?")
_RANK_WORD = re.compile(r"排名|排序|排行|位次")
_SCOPE = re.compile(lexicon.alternation("places", "whole_prefixes") + r"|在|的")
_RANK_VERB = re.compile(r"(?:排名|排在|排|位列|位居|居)$")


class RankMismatch(Rule):
    code = "C112"
    name = "rank-mismatch"
    severity = Severity.WARNING
    summary = "某项的名次与同一篇报道中按名次排列的名单不符"
    explanation = """\
作用：找出与同一篇报道中排名名单矛盾的名次，如前文“综合实力排名前五的依次是甲县、乙县、丙县、丁县、戊县”，后文却写“丁县综合实力排名第6位”（名单中是第4位）。
为何重要：同一篇报道里的名次前后矛盾，读者无从知道哪个对，被点名的地方和单位也最在意。
如何判断：名单须写明是名次顺序（“排名前N的依次是”“排名依次为”），按“、”分开列出，不以“等”结尾；名次取“某某（在全省）排名第N位”“位列（居）第N”中紧跟在名单中某一项之后的名次，且名次前说的是同一个指标（名单前写了“综合实力”，名次前也须是“综合实力”或不写指标）。名单前的指标和名次前的指标不同，不比较。
示例：全省县域经济综合实力排名前五的依次是甲县、乙县、丙县、丁县、戊县。……丁县综合实力排名第6位。
应改为：丁县综合实力排名第4位（或核对名单）。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        ranked = self._ordered_lists(text)  # in order of their starts
        if not ranked:
            return
        # the words before a rank -> how many lists were read for them, and the first that names one
        # of them (lists only come after: a rank said 5,000 times does not read every list again)
        decided: dict[str, tuple[int, tuple | None]] = {}
        for f in figures:
            if f.kind != Kind.ORDINAL or "rank" not in f.roles or f.approx or not f.value.is_integer():
                continue
            before = text[f.clause[0]:f.start]
            verb = _RANK_VERB.search(re.sub(r"第$", "", before))
            if not verb:
                continue
            words = before[:verb.start()]
            read, chosen = decided.get(before, (0, None))
            while chosen is None and read < len(ranked) and ranked[read][1] < f.clause[0]:
                key, start, items = ranked[read]
                read += 1
                named = [(pos, name) for pos, name in enumerate(items, 1) if name in words]
                if len(named) != 1:
                    continue
                pos, name = named[0]
                said = _SCOPE.sub("", before[before.rfind(name) + len(name):verb.start()])
                if not said or said in key or key in said:
                    chosen = (pos, name, start)
            decided[before] = (read, chosen)
            if chosen is None:
                continue
            pos, name, start = chosen
            if pos != f.value:
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{name}”此处作“{rank}”，而前文名单中它是第{pos}位").format(name=name, rank=f.text, pos=pos),
                    related=[Related(doc.span(start, start + 1), _("名单"))])

    @staticmethod
    def _ordered_lists(text: str) -> list[tuple[str, int, list[str]]]:
        """(what is ranked, where the list starts, its items in order) of each 排名前五的依次是A、B、C."""
        found = []
        if not _RANK_WORD.search(text):
            return found  # the list pattern tries ten characters at every position: only where it may match
        for m in _ORDERED_LIST.finditer(text):
            if not re.search(r"依次|前", m.group()):
                continue
            end = m.end()
            stop = re.compile(r"[，。；！？\n]").search(text, end)
            body = text[end:stop.start() if stop else len(text)]
            items = list_items(body)
            if not items or len(items) < 2:
                continue
            names = [body[s:e].strip() for s, e in items]
            if any(not 2 <= len(n) <= 10 or re.search(r"\d", n) for n in names):
                continue
            found.append((_SCOPE.sub("", m.group("key")), end, names))
        return found


RULES = [ShareMismatch, ClaimMismatch, ImplausibleMagnitude, RankMismatch]
