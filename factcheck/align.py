"""Alignment of two copies of one story, as sequences (patience-diff style).

1. Each copy is cut into passages (sentences, and paragraphs without an end
   mark), each reduced to a skeleton: its characters without spaces, line
   breaks or quote marks, every figure one mark, so that 4年 and 四年, a hard
   line break inside a clause or a space before a unit change nothing.
2. Anchors are passages whose skeleton occurs exactly once in each copy. The
   longest run of anchors in the same order in both copies fixes the order;
   the other anchors are passages that moved (a lead put at the end, paragraphs
   reordered), and each grows into a block over its neighbours that moved with it.
3. Between consecutive anchors the two stretches are aligned character by
   character (Levenshtein), so a figure is paired with the figure in the same
   place of the same wording, never with a look-alike clause elsewhere.

Figures pair where their marks fall in equal stretches; each pair carries how
much of the wording around it is shared (``score``), so that a pair inside a
rewritten sentence is not taken for the same figure.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .figures import Figure, Kind

FIG = "\ue000"  # one mark per figure in a skeleton
MIN_ANCHOR = 6  # characters of wording (figures aside) for a passage to anchor on
CONTEXT = 6  # skeleton characters either side of a figure that make its score
MAX_CELLS = 4e8  # characters squared: a larger stretch is aligned in pieces
_PASSAGE_END = re.compile(r"[。！？；]|\n[ \t\u3000]*\n")
# What differs between copies without changing what they say: spaces and line
# breaks, quote marks and brackets, dashes, private-use glyphs (a PDF's).
_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉（）()【】…—\-·•□■\ue000-\uefff]+")


@dataclass
class Passage:
    start: int
    end: int
    key: str  # skeleton
    figures: list[Figure]

    @property
    def words(self) -> int:
        return len(self.key) - len(self.figures)


@dataclass
class FigurePair:
    """Two figures that stand in the same place of two copies (one side may be absent)."""

    a: Figure | None
    b: Figure | None
    score: float = 100.0  # share of the wording around the figure that the copies share

    @property
    def agree(self) -> bool:
        return self.a is not None and self.b is not None and same_figure(self.a, self.b)


def same_figure(a: Figure, b: Figure) -> bool:
    """The same figure, written alike or not: one value in one unit or in two units of
    one family (3.6亿元 and 36000万元), up to the rounding of the less precise (3.6亿 and
    3.63亿), whatever a hedge adds on one side only (2400余名 and 2400名); two different
    hedges must leave ranges that overlap (近30% and 30%以上 do not). Two ranges are the
    same only with the same high end too (2到3个 and 2到2个 are not: a range's value is its low end)."""
    if a.value == b.value and a.unit == b.unit and a.approx == b.approx and (
            a.kind != Kind.RANGE or a.base_bounds == b.base_bounds):
        return True  # written alike: most pairs of copies
    if a.unit != b.unit and (a.family is None or a.family != b.family or a.kind != b.kind):
        return False
    if not _close(a.base_value, b.base_value):
        slack = max(a.precision * a.scale if a.rounded else 0.0, b.precision * b.scale if b.rounded else 0.0)
        if a.precision == b.precision or abs(a.base_value - b.base_value) > slack * (1 + 1e-9):
            return False  # written alike, two values (3.6 and 3.7), or beyond rounding (340万 and 340亿)
    if a.kind == b.kind == Kind.RANGE:
        return _close(a.base_bounds[1], b.base_bounds[1])
    if not (a.approx and b.approx) or a.approx == b.approx:
        return True
    (low_a, high_a), (low_b, high_b) = a.base_bounds, b.base_bounds
    return low_a < high_b and low_b < high_a


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-9 * max(1.0, abs(x))


@dataclass
class Segment:
    """One step of the alignment, for `factcheck align`: passages ``a`` of copy A
    against passages ``b`` of copy B (either may be empty)."""

    kind: str  # "anchor", "moved", "between"
    a: list[Passage]
    b: list[Passage]
    pairs: list[FigurePair] = field(default_factory=list)


def passages(text: str, figures: list[Figure]) -> list[Passage]:
    found: list[Passage] = []
    starts = [f.start for f in figures]
    pos = fi = 0
    for m in _PASSAGE_END.finditer(text):
        found.append(_passage(text, pos, m.end(), figures, starts, fi))
        fi = bisect_left(starts, m.end(), fi)
        pos = m.end()
    if pos < len(text):
        found.append(_passage(text, pos, len(text), figures, starts, fi))
    return [p for p in found if p.key]


def _passage(text: str, start: int, end: int, figures: list[Figure], starts: list[int], fi: int) -> Passage:
    inside = figures[bisect_left(starts, start, fi):bisect_left(starts, end, fi)]
    parts, pos = [], start
    for f in inside:
        parts.append(_NOISE.sub("", text[pos:f.start]))
        parts.append(FIG)
        pos = max(pos, f.end)
    parts.append(_NOISE.sub("", text[pos:end]))
    return Passage(start, end, "".join(parts), inside)


def align(a: list[Passage], b: list[Passage]) -> list[Segment]:
    """The segments of the alignment of A's passages with B's, in A's order."""
    anchors = _anchors(a, b)
    in_order = _longest_increasing(anchors)
    used_a = {i for i, _j in in_order}
    used_b = {j for _i, j in in_order}
    moved = _moved_blocks([p for p in anchors if p not in set(in_order)], a, b, used_a, used_b)
    segments: list[Segment] = []
    prev_i = prev_j = -1
    for i, j in in_order + [(len(a), len(b))]:
        gap_a = [a[k] for k in range(prev_i + 1, i) if k not in used_a]
        gap_b = [b[k] for k in range(prev_j + 1, j) if k not in used_b]
        if gap_a or gap_b:
            segments.append(Segment("between", gap_a, gap_b, link(gap_a, gap_b)))
        if i < len(a):
            segments.append(Segment("anchor", [a[i]], [b[j]], link([a[i]], [b[j]])))
        prev_i, prev_j = i, j
    for block in moved:
        pa, pb = [a[i] for i, _j in block], [b[j] for _i, j in block]
        segments.append(Segment("moved", pa, pb, link(pa, pb)))
    segments.sort(key=lambda s: s.a[0].start if s.a else -1)
    return segments


def _anchors(a: list[Passage], b: list[Passage]) -> list[tuple[int, int]]:
    def once(ps: list[Passage]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for k, p in enumerate(ps):
            if p.words >= MIN_ANCHOR:
                seen[p.key] = -1 if p.key in seen else k
        return seen

    in_b = once(b)
    return [(i, in_b[key]) for key, i in once(a).items() if i >= 0 and in_b.get(key, -1) >= 0]


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (taken in A's order) whose B indexes increase."""
    pairs = sorted(pairs)
    tails: list[int] = []  # tails[k]: B index ending the best run of length k+1
    tail_at: list[int] = []  # index into pairs of that run's end
    back = [-1] * len(pairs)
    for n, (_i, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k], tail_at[k] = j, n
        back[n] = tail_at[k - 1] if k else -1
    run, n = [], tail_at[-1] if tail_at else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


def _moved_blocks(moved, a, b, used_a: set[int], used_b: set[int]) -> list[list[tuple[int, int]]]:
    """Each moved anchor with the neighbours that moved with it: passages next to
    it in both copies, not otherwise aligned, whose skeletons are nearly the same."""
    from rapidfuzz import fuzz

    blocks = []
    for i, j in sorted(moved):
        if i in used_a or j in used_b:
            continue
        block = [(i, j)]
        used_a.add(i)
        used_b.add(j)
        for step in (-1, 1):
            x, y = i + step, j + step
            while (0 <= x < len(a) and 0 <= y < len(b) and x not in used_a and y not in used_b
                   and fuzz.ratio(a[x].key, b[y].key) >= 80):
                block.append((x, y))
                used_a.add(x)
                used_b.add(y)
                x, y = x + step, y + step
        blocks.append(sorted(block))
    return blocks


def link(a: list[Passage], b: list[Passage]) -> list[FigurePair]:
    """Figures of two stretches paired by where their marks fall in a character
    alignment of the stretches' skeletons; unpaired figures are linked to nothing."""
    ka, kb = "".join(p.key for p in a), "".join(p.key for p in b)
    fa = [f for p in a for f in p.figures]
    fb = [f for p in b for f in p.figures]
    if not fa and not fb:
        return []
    if not ka or not kb:
        return [FigurePair(f, None, 0.0) for f in fa] + [FigurePair(None, f, 0.0) for f in fb]
    if len(ka) * len(kb) > MAX_CELLS:
        half_a, half_b = len(a) // 2, len(b) // 2
        if half_a and half_b:
            return link(a[:half_a], b[:half_b]) + link(a[half_a:], b[half_b:])
    from rapidfuzz.distance import Levenshtein

    shared = bytearray(len(ka))  # 1 where A's skeleton character is in an equal stretch
    pairs: list[FigurePair] = []
    paired_at: list[tuple[FigurePair, int]] = []  # each pair with its mark's place in A's skeleton
    na = nb = 0  # figures of A and B consumed so far
    for op in Levenshtein.opcodes(ka, kb):
        count_a = ka.count(FIG, op.src_start, op.src_end)
        count_b = kb.count(FIG, op.dest_start, op.dest_end)
        if op.tag == "equal":
            shared[op.src_start:op.src_end] = b"\x01" * (op.src_end - op.src_start)
            marks = [k for k in range(op.src_start, op.src_end) if ka[k] == FIG]
            for n, k in enumerate(marks):
                paired_at.append((FigurePair(fa[na + n], fb[nb + n]), k))
                pairs.append(paired_at[-1][0])
        else:
            pairs.extend(FigurePair(fa[na + n], None, 0.0) for n in range(count_a))
            pairs.extend(FigurePair(None, fb[nb + n], 0.0) for n in range(count_b))
        na += count_a
        nb += count_b
    k = ka.find(FIG)
    while k >= 0:  # the score counts the words around a mark, not other marks
        shared[k] = 0
        k = ka.find(FIG, k + 1)
    for pair, k in paired_at:
        pair.score = _shared_around(ka, shared, k)
    return pairs


def _shared_around(key: str, shared: bytearray, at: int) -> float:
    """The percentage of the skeleton's characters within CONTEXT of the mark at ``at``
    (other marks aside) that stand in an equal stretch; ``shared`` is 0 at every mark."""
    lo, hi = max(0, at - CONTEXT), min(len(key), at + CONTEXT + 1)
    words = hi - lo - key.count(FIG, lo, hi)
    return 100.0 * shared.count(1, lo, hi) / words if words else 0.0
