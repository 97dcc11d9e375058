"""X: figures that disagree between copies of one story."""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from itertools import combinations
from typing import NamedTuple

from factcheck.document import NOT_CONTENT
from factcheck.figures import Figure, Kind
from factcheck.numbers import RANGE_SEPARATORS
from factcheck.i18n import _
from factcheck.rules import Related, Rule, Scope, Severity
from factcheck.align import same_figure
from factcheck.stories import aligned_copies, containment, copy_label, fused_pair, partner_in, per_copy

MIN_SHARED_WORDING = 75.0  # % of the wording around a figure both copies share
MIN_EDITION_DIFFERENCES = 3  # aligned figures that differ, more than agree: two editions, not copies
PARTIAL_COPY = 0.6  # shingles shared, below which two texts share only part of their wording


def _difference(a: Figure, b: Figure) -> str:
    if a.unit != b.unit and abs(a.value - b.value) < 1e-9:
        return _("单位不同")
    if a.value and b.value:
        ratio = max(a.value, b.value) / min(a.value, b.value)
        for factor, words in ((1e4, _("相差一万倍（万与亿？）")), (1e8, _("相差一亿倍")), (1e3, _("相差一千倍"))):
            if abs(ratio - factor) / factor < 1e-6:
                return words
    return _("数值不同")


class FigureMismatch(Rule):
    code = "X101"
    name = "figure-mismatch"
    severity = Severity.ERROR
    scope = Scope.STORY
    summary = "同一报道的两个版本在同一段落中数字不同"
    explanation = """\
作用：把同一报道的各个版本（网页版、印刷版、通稿、草稿）逐句对齐，报告一个版本与另一版本写法
不同的数字：打错的数字、“万”与“亿”、改变了的单位。
为何重要：两个数字至多一个是对的，而各版本署的是同一个名字。
如何判断：按文字重合自动识别同一报道的版本（或用 --story 指定）；逐个分句对齐，不受段落顺序、
只在一个版本中出现的段落、换行、空格、全角半角标点和引号的影响。汉字和阿拉伯数字（四年、4年）
按数值比较，范围（2到3个）比较两端（起点打错而大于终点、或终点打错而小于起点，读成两个数的，92%至13%、12%至11%对12%至13%，也报）；不带单位的数字（30万片、3亿多银发族、167万例、1.7万P）须其后紧接的一两个字（或拉丁字母）相同，
或数字相同而一为“万”一为“亿”，序数（第43次北冰洋科学考察）须量词和其后两个字（其后是数字时四个字：第31个119消防日）相同才比较。一个数字是另一版本
两个数字粘连而成的，交给 merged-figures 报告；
但另一版本的第二个数字与粘连中的那部分差一位时（700112736人对7001户12236人），报另一版本的这个数字。一句中两个版本的数字个数不同（一个版本有两项粘连或少了一项）、而所比的数正是另一版本中相邻一项的，是列举错开了一位（“285280家、257家、202家”对“285家、280家、257家、202家”），不报；个数相同时两项对调仍报。对齐的数字不同多于相同、其中有年份、日期、时段
或序号或共有三个的两篇，是同一例行报道的不同期（2024年与2026年的同一会议、前10个月与前11个月的
统计、第五次与第六次会议），不是同一报道的版本，不比较；文字重合不到六成、两个以上数字不同而相同的
不比不同多的两篇（同一模板不同年份的通令），也是如此。
字母和数字组成的编号（G2963次列车、C919）不是数字，但两个版本中前后文字相同、只差一位数字，且其中一种写法不见于另一版本时（改错的版本在别处仍写着原来的编号也算：一个版本通篇写“富士Z300”，另一个版本有一处成了“Z500”），也报。三个以上版本时，数字和编号都只报其余版本中同意者较少的一方（两方一样多时都报）。
示例：网页版“全区527名义务教育阶段贫困家庭学生”，印刷版“全区572名……”
应改为：核对原始材料，使各版本一致。"""

    def check_story(self, story, ctx):
        docs = story.documents
        told: set[tuple[str, int]] = set()  # a figure another pair of copies already reported
        placed_of: dict[str, _Placed] = {}

        def placed(doc) -> _Placed:
            if doc.path not in placed_of:
                placed_of[doc.path] = _Placed(ctx.figures_of(doc))
            return placed_of[doc.path]

        written = _codes_written(story)
        later = _compared_later(story, written)
        for i, a_doc in enumerate(docs):
            for b_doc in (docs[j] for j in later[i]):
                b_figures = ctx.figures_of(b_doc)
                pairs = story.alignments.get((a_doc.path, b_doc.path), [])
                if _editions(pairs, lambda: containment(a_doc, b_doc)):
                    continue
                for key, a, b in _retyped_codes(a_doc, b_doc):
                    # G2963次列车 against G2163次列车: an identifier is no figure, but one of the two is
                    # wrong; as with figures, the one fewer of the other copies write so (both, if as many)
                    copies_a, copies_b = len(written[key][a.text]), len(written[key][b.text])
                    for doc, code, other_doc, other, fewer in ((a_doc, a, b_doc, b, copies_a <= copies_b),
                                                              (b_doc, b, a_doc, a, copies_b <= copies_a)):
                        if fewer and (doc.path, code.start) not in told:
                            told.add((doc.path, code.start))
                            yield self._finding(doc, code, other_doc, other, difference=_("编号不同"))
                reverse = _scores(story.alignments.get((b_doc.path, a_doc.path), []))
                for pair in pairs:
                    for fp in pair.figures:
                        a, b = fp.a, fp.b
                        if a is None or b is None \
                                or fp.score < MIN_SHARED_WORDING and reverse.get((id(b), id(a)), 0.0) < MIN_SHARED_WORDING:
                            continue  # (the wording is scored around the first copy's figure: either way will do)
                        if a.value == b.value and a.unit == b.unit and a.approx == b.approx and a.high == b.high:
                            continue  # written alike, as most are (same_figure's first test, inline)
                        for ranged, ranged_doc, paired, end_doc in ((a, a_doc, b, b_doc), (b, b_doc, a, a_doc)):
                            retyped = _backwards_end(ranged, paired, end_doc, ctx.figures_of(end_doc))
                            if retyped is not None and (end_doc.path, retyped[0].start) not in told:
                                # 12%至13% against 92%至13% (or 2到3个 against 2到1个): a backwards
                                # range leaves two figures, one of them aligned with the range
                                end, difference = retyped
                                told.add((end_doc.path, end.start))
                                yield self._finding(end_doc, end, ranged_doc, ranged, difference=difference)
                        for fused, fused_doc, first, other_doc in ((a, a_doc, b, b_doc), (b, b_doc, a, a_doc)):
                            second = _retyped_part(fused, first, ctx.figures_of(other_doc))
                            if second is not None and (other_doc.path, second.start) not in told:
                                # 700112736人 against 7001户 12236人: fused in one copy, retyped in the other
                                told.add((other_doc.path, second.start))
                                part = fused.digits[len(first.digits):] + (fused.unit or "")
                                yield self._finding(other_doc, second, fused_doc, fused,
                                                    difference=_("拆开是“{part}”，与此不同").format(part=part))
                        if _numeral_cut(a_doc, a, b) or _numeral_cut(b_doc, b, a):
                            continue
                        if _unit_cut(a_doc, a, b) or _unit_cut(b_doc, b, a):
                            if a.value == b.value:
                                continue
                        elif same_figure(a, b) or not (_comparable(a, b) or _ordinals_alike(a_doc, a, b_doc, b)):
                            continue
                        if fused_pair(a, b_figures) or fused_pair(b, ctx.figures_of(a_doc)):
                            continue
                        if _paired_one_off(a, placed(a_doc), b, placed(b_doc)):
                            continue
                        # Which copy is wrong cannot be told from two: each carries the finding,
                        # unless more of the other copies agree with one (the other is the odd one out).
                        witness_a, witness_b = _witnesses(story, a_doc, a, b_doc, b)
                        if len(witness_a) <= len(witness_b) and (a_doc.path, a.start) not in told:
                            told.add((a_doc.path, a.start))
                            yield self._finding(a_doc, a, b_doc, b, witness_b)
                        if len(witness_b) <= len(witness_a) and (b_doc.path, b.start) not in told:
                            told.add((b_doc.path, b.start))
                            yield self._finding(b_doc, b, a_doc, a, witness_a)

    def _finding(self, doc, figure, other_doc, other, witnesses=(), difference=None):
        label, other_label = copy_label(doc.path), copy_label(other_doc.path)
        related = [Related(other_doc.span(other.start, other.end), _("{copy}原文").format(copy=other_label))]
        related += [Related(d.span(f.start, f.end), _("{copy}原文").format(copy=copy_label(d.path)))
                    for d, f in witnesses]
        return self.diagnostic(
            doc, figure.start, figure.end,
            _("{a_copy}作“{a}”，{b_copy}作“{b}”：{difference}").format(
                a_copy=label, a=figure.text, b_copy=other_label, b=other.text,
                difference=difference or _difference(figure, other)),
            related=related)


class _Placed:
    """A copy's figures with their starts and each sentence's count of them, worked out once
    for all the figures of the copy asked about (a copy may differ in thousands)."""

    def __init__(self, figures: list[Figure]) -> None:
        self.figures = figures
        self.starts = [g.start for g in figures]
        self.in_sentence = Counter(g.sentence for g in figures)

    def neighbours(self, f: Figure) -> set:
        i = bisect.bisect_left(self.starts, f.start)
        return {(g.value, g.unit) for g in self.figures[max(0, i - 1):i + 2] if g is not f}


def _paired_one_off(a: Figure, a_placed: _Placed, b: Figure, b_placed: _Placed) -> bool:
    """Whether two list items were paired one item off: one is the other's neighbour's partner in
    the other copy, and the sentence holds more figures in one copy than in the other, which a fused
    or a dropped item leaves (分别获得285280家、257家、202家 against 285家、280家、257家、202家 paired 202家
    with 257家). Two items swapped (257家、202家 against 202家、257家) keep their count: reported."""
    if (b.value, b.unit) not in a_placed.neighbours(a) and (a.value, a.unit) not in b_placed.neighbours(b):
        return False
    return a_placed.in_sentence[a.sentence] != b_placed.in_sentence[b.sentence]


class Code(NamedTuple):
    """An identifier of capitals and digits in a copy's text: not a figure, but retyped as one is."""
    start: int
    end: int
    text: str


# G2963次列车, C919, CR450, MU5735 (a space or hyphen after the letters: CZ 3101, J-20); not
# inside a link or a file name, nor lower case (a word's letters). (Each look-behind here follows the
# first character: a pattern that opens with one is tried at every position of a text.)
_CODE = re.compile(r"[A-Z](?<![A-Za-z0-9/._=?&%#@-].)[A-Z]{0,2}[- ]?\d{2,5}(?![A-Za-z0-9/._=?&%#@])")
CODE_CONTEXT = (6, 2)  # content characters before and after an identifier that must be alike in both copies


@per_copy
def _codes(doc) -> dict[tuple[str, str], Code]:
    """The copy's identifiers by the content characters around them (spaces, line breaks and
    punctuation aside); an identifier whose surroundings recur in the copy is left out."""
    text = doc.norm
    before_n, after_n = CODE_CONTEXT
    found: dict[tuple[str, str], Code | None] = {}
    for m in _CODE.finditer(text):
        key = (NOT_CONTENT.sub("", text[max(0, m.start() - 4 * before_n):m.start()])[-before_n:],
               NOT_CONTENT.sub("", text[m.end():m.end() + 4 * after_n])[:after_n])
        found[key] = None if key in found else Code(m.start(), m.end(), m.group())
    return {key: code for key, code in found.items() if code is not None}


def _codes_written(story) -> dict[tuple[str, str], dict[str, list[int]]]:
    """Each identifier's surroundings (as _codes) -> each way it is written -> the copies (by
    index) that write it so."""
    written: dict[tuple[str, str], dict[str, list[int]]] = {}
    for k, doc in enumerate(story.documents):
        for key, code in _codes(doc).items():
            written.setdefault(key, {}).setdefault(code.text, []).append(k)
    return written


def _compared_later(story, written) -> list[list[int]]:
    """For each copy, the later copies (by index) that it can differ from: those aligned with it
    (every other in a small story; in a large one, the first copy with each and each with it)
    and those with an identifier amid the same words written otherwise (``written``:
    _codes_written). A pair with neither has nothing to compare, and a story of n copies has
    n(n-1)/2 pairs."""
    later = [set() for _doc in story.documents]
    for i, others in enumerate(aligned_copies(story)):
        for j in others:
            later[min(i, j)].add(max(i, j))
    for ways in written.values():
        for one, other in combinations(ways.values(), 2):
            for i in one:
                for j in other:
                    later[min(i, j)].add(max(i, j))
    return [sorted(js) for js in later]


def _retyped_codes(a_doc, b_doc) -> list[tuple[tuple[str, str], Code, Code]]:
    """Identifiers that stand amid the same words in both copies and differ in one digit, one
    of the two written nowhere in the other copy (G2963次 against G2163次; 富士Z300 against Z500,
    where the copy that retyped one mention keeps Z300 in the others)."""
    found = []
    in_b = _codes(b_doc)
    for key, a in _codes(a_doc).items():
        b = in_b.get(key)
        if b is None:
            continue
        x, y = re.sub("[- ]", "", a.text), re.sub("[- ]", "", b.text)
        differ = [(p, q) for p, q in zip(x, y) if p != q]
        if len(x) == len(y) and len(differ) == 1 and all(c.isdigit() for c in differ[0]) \
                and (x not in b_doc.norm or y not in a_doc.norm):
            found.append((key, a, b))
    return found


FUSED_DIGITS = 5  # the shortest run read as two figures fused (merged-figures' households and persons)


def _retyped_part(fused: Figure, first: Figure, others: list[Figure]) -> Figure | None:
    """The figure after ``first`` in its copy (``others``), when ``fused`` is the two of them
    written together but for one digit: 700112736人 against 7001户 12236人. The fused copy
    keeps the digits as first written (merged-figures reports the fusion); this is the other
    copy's retyped figure."""
    digits, head = fused.digits, first.digits
    if len(digits) < FUSED_DIGITS or not digits.isdigit() or not head or first.unit == fused.unit \
            or not digits.startswith(head):
        return None
    k = bisect.bisect_right(others, first.start, key=lambda f: f.start)
    second = others[k] if k < len(others) else None
    if second is None or second.unit != fused.unit or second.start - first.end > 2 or not second.digits.isdigit():
        return None
    rest = digits[len(head):]
    if len(second.digits) != len(rest) or second.digits == rest \
            or sum(x != y for x, y in zip(second.digits, rest)) != 1:
        return None
    return second


def _backwards_end(ranged: Figure, paired: Figure, doc, figures: list[Figure]) -> tuple[Figure, str] | None:
    """The retyped end and what differs, when the copy of ``paired`` writes ``ranged`` (a
    range) backwards: its low end retyped above its high end (12%至13% as 92%至13%) or its
    high end below its low end (2到3个 as 2到1个). The number scanner reads a backwards range
    as two figures (the first without a unit when the range writes it once), one of which
    the alignment paired with the range. None otherwise."""
    if ranged.kind != Kind.RANGE or paired.kind == Kind.RANGE or paired.unit not in (ranged.unit, None):
        return None
    range_low, range_high = ranged.base_bounds
    k = bisect.bisect_left(figures, paired.start, key=lambda f: f.start)
    for i in (k - 1, k):
        if 0 <= i and i + 1 < len(figures):
            low, high = figures[i], figures[i + 1]
            if high.unit != ranged.unit or low.unit not in (ranged.unit, None) \
                    or doc.norm[low.end:high.start].strip() not in RANGE_SEPARATORS \
                    or low.base_value <= high.base_value:
                continue
            if math.isclose(high.base_value, range_high, rel_tol=1e-9):
                return low, _("范围的起点不同（且大于终点）")
            if math.isclose(low.base_value, range_low, rel_tol=1e-9):
                return high, _("范围的终点不同（且小于起点）")
    return None


def _scores(pairs) -> dict[tuple[int, int], float]:
    """The shared-wording score of each pair of aligned figures, by the two figures' ids."""
    return {(id(fp.a), id(fp.b)): fp.score for pair in pairs for fp in pair.figures
            if fp.a is not None and fp.b is not None}


def _witnesses(story, a_doc, a, b_doc, b):
    """The other copies that state a's figure as a does, and those that state b's as b does."""
    agree_a, agree_b = [], []
    for c_doc in story.documents:
        if c_doc is a_doc or c_doc is b_doc:
            continue
        ca, cb = partner_in(story, a_doc, a, c_doc), partner_in(story, b_doc, b, c_doc)
        if ca is not None and same_figure(a, ca):
            agree_a.append((c_doc, ca))
        if cb is not None and same_figure(b, cb):
            agree_b.append((c_doc, cb))
    return agree_a, agree_b


def _editions(pairs, overlap=None) -> bool:
    """Whether two "copies" are two editions of a recurring report (a yearly meeting's 2024
    and 2026 reports: 2024年 and 2026年, 75周年 and 105周年; a monthly bulletin: 前10个月 and
    前11个月, 34.62万亿元 and 37.9万亿元; a session's 第五次 and 第六次会议): more of their
    aligned figures differ than agree, and an aligned year, date, period or ordinal differs
    or three figures do. Texts that share less than PARTIAL_COPY of their wording
    (``overlap()``: a template story of two days, 给2个单位、2名个人记功 and 给2个单位、5名
    个人记功) are editions when two figures differ where their wording is shared, and no
    more figures agree. Copies of one story
    agree on most of their figures, whatever was retyped in one of them."""
    agree = differ = 0
    agree_shared = differ_shared = 0  # the same, where the wording around them is shared
    dates_differ = False
    for pair in pairs:
        for fp in pair.figures:
            a, b = fp.a, fp.b
            if a is None or b is None:
                continue
            if a.value == b.value and a.unit == b.unit and a.high == b.high or same_figure(a, b):  # (the first test)
                agree += 1
                agree_shared += fp.score >= MIN_SHARED_WORDING
            elif a.kind == b.kind and a.kind in (Kind.YEAR, Kind.DATE, Kind.ORDINAL):
                differ += 1
                dates_differ = True
            elif _comparable(a, b):  # not an alignment slip (53个 against 四大)
                differ += 1
                dates_differ = dates_differ or a.family == b.family == "duration"
                differ_shared += fp.score >= MIN_SHARED_WORDING  # (an excerpt's loose pairs: no evidence)
    if agree < differ and (dates_differ or differ >= MIN_EDITION_DIFFERENCES):
        return True
    return differ_shared >= 2 and agree_shared <= differ_shared and overlap is not None and overlap() < PARTIAL_COPY


_CUTS = re.compile("[“”‘’\"'「」『』\\s]+")  # quotation marks and line breaks, which a print copy puts anywhere


def _unit_cut(doc, figure: Figure, other: Figure) -> bool:
    """Whether ``figure`` lacks the rest of the other copy's unit only because quotation marks
    or a line break stand in it (500多“公里外的”, 10亿“亩”, 16个“百分”点, 连续6个⏎月): its
    unit is the other's."""
    own = figure.unit or ""
    if other.unit is None or own == other.unit or not other.unit.startswith(own):
        return False
    rest = other.unit[len(own):]
    after = doc.norm[figure.end:figure.end + len(rest) + 6]
    return bool(_CUTS.search(after, 0, len(rest) + 1)) and _CUTS.sub("", after).startswith(rest)


def _numeral_cut(doc, figure: Figure, other: Figure) -> bool:
    """Whether ``figure`` is the other copy's figure without its first characters only because
    quotation marks or a line break stand between them (千“亿件 for 千亿件): the numeral
    was read from where the marks end."""
    own, whole = _CUTS.sub("", figure.text), _CUTS.sub("", other.text)
    if len(whole) <= len(own) or not whole.endswith(own):
        return False
    rest = whole[:-len(own)]
    before = doc.norm[max(0, figure.start - len(rest) - 6):figure.start]
    return bool(_CUTS.fullmatch(before[-1:])) and _CUTS.sub("", before).endswith(rest)


def _words_after(doc, figure: Figure, n: int = 4) -> str:
    return _CUTS.sub("", doc.norm[figure.end:figure.end + 3 * n])[:n]


def _ordinals_alike(a_doc, a: Figure, b_doc, b: Figure) -> bool:
    """Two ordinals with one classifier and the same four characters after them, digits
    too (第31个119消防日 and 第91个⏎119消防日: the ordinal's word_after holds no digits),
    whatever words a line break cut them into (第38个世界艾滋病日 and 第58个世界艾滋病⏎日)."""
    if not (a.kind == b.kind == Kind.ORDINAL and a.unit == b.unit is not None and a.digits and b.digits):
        return False
    after = _words_after(a_doc, a)
    return len(after) == 4 and after == _words_after(b_doc, b)


def _comparable(a: Figure, b: Figure) -> bool:
    """Two aligned figures that can be the same figure written differently: one
    value in two units, or one unit with two values. Both different is an
    alignment slip (a merged clause pairing 463.26万元 with 0.56万平方米)."""
    if a.kind == b.kind == Kind.ORDINAL:  # 第43次北冰洋科学考察 and 第13次…: one classifier, the same words after
        return a.unit == b.unit is not None and bool(a.digits and b.digits) and len(a.word_after) == 2 \
            and a.word_after == b.word_after
    if a.kind in (Kind.DATE, Kind.YEAR, Kind.ORDINAL) or b.kind != a.kind:
        return False
    if a.unit is None:  # 30万片 and 30亿片, 167万例 and 167亿例: no unit of ours, the same word after both
        # (but not 10 and -10: a hyphen at a print line's start, 星座07⏎-10星, read as a minus)
        if b.unit is not None or a.quantity is None or b.quantity is None:
            return False
        return a.word_after == b.word_after != "" and a.value != -b.value or _magnitude_swapped(a, b)
    return a.unit == b.unit or abs(a.value - b.value) < 1e-9


def _magnitude_swapped(a: Figure, b: Figure) -> bool:
    """The same digits under 万 in one copy and 亿 in the other (超6.18亿 and 超6.18万): the
    garble itself, whatever follows them (a headline's figure runs into the next line when a
    print copy is unwrapped)."""
    return bool(a.digits) and a.digits == b.digits and {round(a.magnitude), round(b.magnitude)} == {10**4, 10**8}


RULES = [FigureMismatch]
