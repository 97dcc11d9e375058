"""Stories: which documents are copies of one story, and how their passages align.

Grouping uses sampled character shingles of each document's skeleton (its
Chinese text without digits, punctuation or spaces), all sorted together once so
that the files sharing a shingle stand side by side: the cost grows with the
number of documents, not its square.

Alignment (align.py) pairs the copies' figures; here its pairs are grouped by
the clauses they stand in, for the rules and the reports.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache, wraps

from .document import ITEM_BREAKS, Document
from .align import FigurePair, Segment, align, passages  # noqa: F401 (FigurePair: re-exported)
from .figures import Figure

SHINGLE = 5
SAMPLE_MOD = 16         # keep the shingles starting with one character in sixteen
MIN_CONTAINMENT = 0.5   # share of the smaller copy's shingles found in the larger
MIN_SHARED = 5          # sampled shingles in common: one shared phrase does not make two texts copies
MIN_WIDE_SHARE = 0.8    # of the larger copy's shingles, when many other files share them too
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_CLAUSE = re.compile(f"[^{ITEM_BREAKS}]+")  # the document segmentation's list items
@dataclass
class Clause:
    doc: Document
    start: int
    end: int
    figures: list[Figure]


@dataclass
class ClausePair:
    a: Clause
    b: Clause
    score: float
    figures: list[FigurePair] = field(default_factory=list)


@dataclass
class Story:
    documents: list[Document]
    similarity: float
    alignments: dict[tuple[str, str], list[ClausePair]] = field(default_factory=dict)
    segments: dict[tuple[str, str], list[Segment]] = field(default_factory=dict)  # the passage alignment
    table: list["TableRow"] | None = None  # the report's table of its figures (table_rows), once made

    @property
    def paths(self) -> list[str]:
        return [d.path for d in self.documents]


@lru_cache(maxsize=1)  # compiled when first needed: its class of 1,300 characters costs 10 ms
def _sampled_shingles(modulus: int) -> re.Pattern:
    """The first characters of the shingles that start with a CJK character whose code
    point is 0 modulo ``modulus`` and have a whole shingle after them."""
    starts = "".join(chr(c) for c in range(0x4E00, 0xA000) if c % modulus == 0)
    return re.compile(f"[{starts}](?=.{{{SHINGLE - 1}}})", re.S)


PAIR_ALL_UP_TO = 50  # files sharing a shingle: every pair of them is counted, above that a star
SAMPLE_ABOVE = 16  # documents; fewer (an editor's draft and print copy) are compared on every shingle


_PRIME = 2 ** 64 - 59  # the largest prime below 2**64


def stable_hash(shingle: str) -> int:
    """A shingle's 64-bit hash, the same in every process and run (Python's str hash is
    salted per process), so that fingerprints can be kept in the result cache: its
    characters' code points as one number, modulo a prime (a few times faster than
    BLAKE2, and as good for telling five characters apart)."""
    return int.from_bytes(shingle.encode("utf-16-le", "surrogatepass"), "little") % _PRIME


def fingerprint(doc: Document, sample: bool = True) -> set[int]:
    """Shingles of the document's Chinese text. Sampled, a shingle is kept when its
    first character is one of a sixteenth of all characters: the choice depends on
    the text alone, so two copies keep the same shingles, and only those are hashed."""
    chars = "".join(_CJK_RUN.findall(doc.ideograph_text))
    starts = map(re.Match.start, _sampled_shingles(SAMPLE_MOD).finditer(chars)) if sample \
        else range(len(chars) - SHINGLE + 1)
    # stable_hash of each, from one encoding of the text (two bytes a character: all are CJK)
    data, size, read = chars.encode("utf-16-le"), 2 * SHINGLE, int.from_bytes
    return {read(data[2 * i:2 * i + size], "little") % _PRIME for i in starts}


def containment(a: Document, b: Document) -> float:
    """The share of the smaller text's shingles found in the other, on every shingle
    (the score grouping estimates from sampled ones)."""
    prints_a, prints_b = fingerprint(a, sample=False), fingerprint(b, sample=False)
    return len(prints_a & prints_b) / (min(len(prints_a), len(prints_b)) or 1)


def sampled(documents: int) -> bool:
    """Whether a run of this many documents fingerprints them sampled."""
    return documents > SAMPLE_ABOVE


def group(documents: list[Document], explicit: list[list[str]] = (),
          prints: "dict[str, Collection[int]] | None" = None) -> list[Story]:
    """Stories of two or more copies: explicit groups first, then by overlap.
    ``prints`` are the documents' fingerprints when already known (from the cache)."""
    if prints is None:
        sample = sampled(len(documents))
        prints = {d.path: fingerprint(d, sample) for d in documents}
    by_path = {d.path: d for d in documents}
    parent = {d.path: d.path for d in documents}

    def find(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    similarity: dict[str, float] = {}
    for names in explicit:
        names = [n for n in names if n in parent]
        for other in names[1:]:
            parent[find(other)] = find(names[0])
    paths = list(prints)
    for i, j, n, wide in _pair_counts(list(prints.values())) if len(paths) > 1 else ():
        a, b = paths[i], paths[j]
        smaller = min(len(prints[a]), len(prints[b])) or 1
        larger = max(len(prints[a]), len(prints[b])) or 1
        score = n / smaller
        # Shingles of many files are boilerplate unless the two files are otherwise copies:
        # then they make up nearly all of both.
        if wide and (n + wide) / larger >= MIN_WIDE_SHARE:
            score = max(score, (n + wide) / smaller)
            n += wide
        if score >= MIN_CONTAINMENT and n >= MIN_SHARED:
            parent[find(b)] = find(a)
            for p in (a, b):
                similarity[p] = max(similarity.get(p, 0.0), score)
    groups: dict[str, list[str]] = defaultdict(list)
    for path in parent:
        groups[find(path)].append(path)
    stories = []
    for members in groups.values():
        if len(members) < 2:
            continue
        docs = [by_path[p] for p in sorted(members)]
        sim = min((similarity.get(p, 1.0) for p in members), default=1.0)
        stories.append(Story(docs, round(sim, 2)))
    return sorted(stories, key=lambda s: s.paths)


def _pair_counts(prints: "list[Collection[int]]") -> list[tuple[int, int, int, int]]:
    """The pairs of files that may be copies, as (i, j, shared, wide) with i < j indices
    into ``prints``: the shingles the two share with few other files, and those they share
    with many (boilerplate, or a large story). All shingles of all files are sorted once,
    each as a 64-bit key of its hash and its file, so that one shingle's files stand
    side by side in order: in C, where a Counter of seven million hashes took seconds."""
    import numpy as np  # here, not at the top: a run of one file never groups

    files = len(prints)
    hashes = np.concatenate([np.frombuffer(h, dtype=np.uint64) if isinstance(h, array)
                             else np.fromiter(h, dtype=np.uint64, count=len(h)) for h in prints] or [[]])
    owners = np.repeat(np.arange(files, dtype=np.uint64), [len(h) for h in prints])
    # The file's index takes a hash's low bits, once the hash is mixed (stable_hash's low bits
    # hold only a shingle's first and last characters): with 16 bits for 50,000 files, two of
    # seven million shingles collide about once in ten runs, and a pair needs MIN_SHARED to link.
    bits = np.uint64(max(1, (files - 1).bit_length()))
    keys = _mixed(hashes.astype(np.uint64, copy=False))
    keys >>= bits
    keys <<= bits
    keys |= owners
    keys.sort()
    owner = (keys & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.int64)
    shingle = keys >> bits
    starts = np.flatnonzero(np.r_[True, shingle[1:] != shingle[:-1]]) if len(keys) else np.zeros(0, np.int64)
    sizes = np.diff(np.r_[starts, len(keys)])
    few = [np.zeros(0, np.int64)]  # a shingle of PAIR_ALL_UP_TO files or fewer: each pair of them
    for size in np.unique(sizes[(sizes > 1) & (sizes <= PAIR_ALL_UP_TO)]).tolist():
        block = owner[starts[sizes == size][:, None] + np.arange(size)]
        first, second = np.triu_indices(size, 1)
        few.append((block[:, first] * files + block[:, second]).ravel())
    # A shingle of more files: each with the first of them only, linear in the files, and a
    # large story's copies share nearly all their shingles with one first file.
    wide = [np.zeros(0, np.int64)]
    for start, size in zip(starts[sizes > PAIR_ALL_UP_TO].tolist(), sizes[sizes > PAIR_ALL_UP_TO].tolist()):
        wide.append(owner[start] * files + owner[start + 1:start + size])
    few_pairs, few_counts = np.unique(np.concatenate(few), return_counts=True)
    wide_pairs, wide_counts = np.unique(np.concatenate(wide), return_counts=True)
    pairs = np.concatenate((few_pairs, wide_pairs))  # each sorted without repeats: their union,
    pairs.sort(kind="stable")  # merged in linear time (np.union1d took 1.1 s on 1.2 million pairs)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
    shared, widely = np.zeros(len(pairs), np.int64), np.zeros(len(pairs), np.int64)
    shared[np.searchsorted(pairs, few_pairs)] = few_counts
    widely[np.searchsorted(pairs, wide_pairs)] = wide_counts
    # Most pairs share a phrase or two (习近平总书记, 据统计): no pair under MIN_SHARED can link,
    # so only the others are scored (a real broadcast day has a hundred thousand such pairs).
    keep = shared + widely >= MIN_SHARED
    return [(*divmod(pair, files), n_shared, n_wide)
            for pair, n_shared, n_wide in zip(pairs[keep].tolist(), shared[keep].tolist(), widely[keep].tolist())]


def _mixed(hashes):
    """The 64-bit hashes, in place, through splitmix64's finaliser: a bijection that spreads
    every input bit over all output bits (numpy's uint64 arithmetic wraps, as it needs)."""
    import numpy as np

    with np.errstate(over="ignore"):
        for shift, factor in ((30, 0xBF58476D1CE4E5B9), (27, 0x94D049BB133111EB)):
            hashes ^= hashes >> np.uint64(shift)
            hashes *= np.uint64(factor)
        hashes ^= hashes >> np.uint64(31)
    return hashes


def clauses(doc: Document, figures: list[Figure]) -> list[Clause]:
    """The document's list items (the finest segmentation), each with its figures."""
    starts = [f.start for f in figures]  # in order, as extract gives them
    found = []
    fi = 0
    for m in _CLAUSE.finditer(doc.norm):
        start, end = m.span()
        fi = bisect_left(starts, start, fi)  # skip the figures before the clause
        last = bisect_left(starts, end, fi)
        found.append(Clause(doc, start, end, figures[fi:last]))
        fi = last
    return found


ALL_PAIRS_UP_TO = 4  # copies; a larger story is aligned against its first copy only


def align_story(story: Story, figures: dict[str, list[Figure]]) -> Story:
    """Fill ``story.alignments`` for the ordered pairs of its copies: every pair
    in a small story, each copy against the first in a large one (linear cost)."""
    docs = story.documents
    split = {d.path: clauses(d, figures.get(d.path, [])) for d in docs}
    cut = {d.path: passages(d.norm, figures.get(d.path, [])) for d in docs}
    if len(docs) <= ALL_PAIRS_UP_TO:
        pairs = [(a, b) for a in docs for b in docs if a is not b]
    else:
        pairs = [p for d in docs[1:] for p in ((docs[0], d), (d, docs[0]))]
    for a, b in pairs:
        segments = story.segments[(a.path, b.path)] = align(cut[a.path], cut[b.path])
        story.alignments[(a.path, b.path)] = clause_pairs(segments, split[a.path], split[b.path])
    return story


def clause_pairs(segments: list[Segment], a_clauses: list[Clause], b_clauses: list[Clause]) -> list[ClausePair]:
    """The figure pairs of an alignment, grouped by the clauses they stand in; a figure
    that one copy lacks goes with the pair of its own clause, where there is one."""
    a_starts, b_starts = [c.start for c in a_clauses], [c.start for c in b_clauses]

    def clause_of(f: Figure, starts: list[int]) -> int:
        return bisect_right(starts, f.start) - 1

    grouped: dict[tuple[int, int], ClausePair] = {}
    by_a: dict[int, ClausePair] = {}
    by_b: dict[int, ClausePair] = {}
    alone = []
    for seg in segments:
        for fp in seg.pairs:
            if fp.a is None or fp.b is None:
                alone.append(fp)
                continue
            i, j = clause_of(fp.a, a_starts), clause_of(fp.b, b_starts)
            pair = grouped.get((i, j))
            if pair is None:
                pair = grouped[(i, j)] = ClausePair(a_clauses[i], b_clauses[j], fp.score)
                by_a.setdefault(i, pair)
                by_b.setdefault(j, pair)
            pair.score = max(pair.score, fp.score)
            pair.figures.append(fp)
    for fp in alone:
        pair = by_a.get(clause_of(fp.a, a_starts)) if fp.a is not None else by_b.get(clause_of(fp.b, b_starts))
        if pair is not None:
            pair.figures.append(fp)
    return list(grouped.values())


def partners(story: Story, a: Document, b: Document) -> dict[int, Figure | None]:
    """id(figure of copy a) -> the figure of copy b aligned with it (None: b lacks it)."""
    cache = story.__dict__.setdefault("_partners", {})
    found = cache.get((a.path, b.path))
    if found is None:
        found = cache[(a.path, b.path)] = {id(fp.a): fp.b for cp in story.alignments.get((a.path, b.path), [])
                                           for fp in cp.figures if fp.a is not None}
    return found


def aligned_copies(story: Story) -> list[list[int]]:
    """For each copy (by index), the copies it was aligned against, in the story's order:
    every other in a small story; in a large one, each other for the first, the first for each."""
    order = {d.path: k for k, d in enumerate(story.documents)}
    found: list[list[int]] = [[] for _doc in story.documents]
    for a_path, b_path in story.alignments:
        found[order[a_path]].append(order[b_path])
    return [sorted(js) for js in found]


def partner_in(story: Story, a: Document, figure: Figure, b: Document) -> Figure | None:
    """The figure of copy b aligned with ``figure`` of copy a (None: b lacks it): directly where
    the two were aligned, else through the story's first copy, which is all a large story's
    copies are aligned against (ALL_PAIRS_UP_TO)."""
    if (a.path, b.path) in story.alignments:
        return partners(story, a, b).get(id(figure))
    first = story.documents[0]
    there = partners(story, a, first).get(id(figure))
    return None if there is None else partners(story, first, b).get(id(there))


# The kinds of figure a story's table shows: dates, years and ordinals agree or differ in plain sight.
TABLE_KINDS = ("count", "amount", "percent", "ratio", "rate", "range")


@dataclass(frozen=True)
class TableRow:
    """A row of a story's table: each copy's figure as (text, line), None where it has none."""

    cells: tuple[tuple[str, int] | None, ...]
    metric: str
    agree: bool
    odd: int | None = None  # the copy that disagrees with all the others (three or more copies)


def table_rows(story: Story) -> list[TableRow]:
    """The rows of the story's side-by-side table, made from its alignments once: for
    two copies each pair of figures of a shown kind, each figure once (a clause one copy
    runs together, 100%76个村, pairs with two clauses of the other: a figure paired anywhere
    is not shown again unpaired); for more, one row per figure of the first copy that
    another copy has. A worker that aligned the story sends these rows with its findings
    (``Story.table``), so that a report needs neither the copies' figures nor their
    alignment again."""
    if story.table is not None:
        return story.table
    from .align import same_figure

    docs = story.documents

    def cell(doc: Document, f: Figure | None) -> tuple[str, int] | None:
        return None if f is None else (f.text, doc.span(f.start, f.end).line)

    def metric(figures) -> str:
        return next((f.metric for f in figures if f is not None and f.metric), "") or ""

    rows = []
    if len(docs) == 2:
        a, b = docs
        pairs = [fp for cp in story.alignments.get((a.path, b.path), []) for fp in cp.figures
                 if any(f is not None and f.kind in TABLE_KINDS for f in (fp.a, fp.b))]
        paired = {id(f) for fp in pairs if fp.a is not None and fp.b is not None for f in (fp.a, fp.b)}
        seen: set[tuple] = set()
        for fp in pairs:
            if {id(fp.a), id(fp.b)} & paired and None in (fp.a, fp.b) or (id(fp.a), id(fp.b)) in seen:
                continue
            seen.add((id(fp.a), id(fp.b)))
            rows.append(TableRow((cell(a, fp.a), cell(b, fp.b)), metric((fp.a, fp.b)), fp.agree))
    elif len(docs) > 2:
        for row in figure_rows(story):
            if any(f is not None and f.kind in TABLE_KINDS for f in row):
                rows.append(TableRow(tuple(cell(d, f) for d, f in zip(docs, row)), metric(row),
                                     all(f is None or same_figure(row[0], f) for f in row[1:]), odd_one_out(row)))
    story.table = rows
    return rows


def figure_rows(story: Story) -> list[list[Figure | None]]:
    """The story's figures side by side, one column per copy, one row per figure of the
    first copy that another copy has (copies aligned against the first)."""
    first, others = story.documents[0], story.documents[1:]
    maps = [partners(story, first, d) for d in others]
    rows, seen = [], set()
    for cp in story.alignments.get((first.path, others[0].path), []):
        for fp in cp.figures:
            if fp.a is None or id(fp.a) in seen:
                continue
            seen.add(id(fp.a))
            row = [fp.a] + [m.get(id(fp.a)) for m in maps]
            if any(f is not None for f in row[1:]):
                rows.append(row)
    return rows


def odd_one_out(row: list[Figure | None]) -> int | None:
    """The column whose figure disagrees with all the others, which agree among
    themselves (three or more copies stating the figure), or None."""
    from .align import same_figure

    stated = [(k, f) for k, f in enumerate(row) if f is not None]
    if len(stated) < 3:
        return None
    # Each stated figure in turn against the rest, whose first must agree with all the others
    # (same_figure, in the order written here): for the first figure, the rest's first is the
    # second; for any other, it is the first, so only the one the first disagrees with, or
    # any when the first agrees with all, can be the odd one. Linear, not quadratic, in copies.
    (k0, f0), f1 = stated[0], stated[1][1]
    if all(same_figure(f1, g) for _k, g in stated[2:]) and not same_figure(f0, f1):
        return k0
    apart = [(k, f) for k, f in stated[1:] if not same_figure(f0, f)]
    candidates = stated[1:] if not apart else apart if len(apart) == 1 else []
    return next((k for k, f in candidates if not same_figure(f, f0)), None)


def _(message: str) -> str:  # marks the labels for the catalog; translated in copy_label
    return message


_COPY_LABELS = {
    "print": _("印刷版"), "pdf": _("印刷版"), "paper": _("印刷版"), "web": _("网页版"), "html": _("网页版"),
    "wire": _("通稿"), "draft": _("草稿"), "docx": _("Word稿"), "doc": _("Word稿"), "blog": _("转载版"),
}


def copy_label(path: str) -> str:
    """What an editor calls a copy: 印刷版 for x.print.txt (or, failing a name
    part, for the format: story.pdf), else the file name."""
    import os

    name = os.path.basename(path)
    from .i18n import _ as translate

    parts = name.lower().split(".")
    for part in (parts[1:-1] or parts[:1]) + parts[-1:]:
        if part in _COPY_LABELS:
            return translate(_COPY_LABELS[part])
    return name


SHORT_FUSION = 5  # digits: fewer, and two figures written together must also stand in the same words


def fused_pair(figure: Figure, others: list[Figure]) -> tuple[Figure, Figure] | None:
    """Two adjacent figures of another copy whose digits, written together, are
    ``figure``'s digits: the other copy's 7001户12736人 for this one's 700112736人
    (and, for a short run, 6人23次 for 623次 after the same words)."""
    digits = figure.digits
    if len(digits) < 3 or "." in digits:
        return None
    pair = _fusions(others).get(digits)
    return pair if pair and _fits(figure, pair) else None


def fused_in_copies(figure: Figure, doc: Document, story: Story, figures_of) -> tuple[Document, Figure, Figure] | None:
    """(copy, first, second): fused_pair in the first other copy of ``doc``'s story (in the
    story's order) that has one, looked up in one index of the whole story, not copy by copy."""
    digits = figure.digits
    if len(digits) < 3 or "." in digits:
        return None
    for copy, pair in _story_fusions(story, figures_of).get(digits, ()):
        if copy is not doc and _fits(figure, pair):
            return copy, pair[0], pair[1]
    return None


def _fits(figure: Figure, pair: tuple[Figure, Figure]) -> bool:
    return len(figure.digits) >= SHORT_FUSION or lead_in(figure) == lead_in(pair[0])


_LEAD_IN_NOISE = re.compile(r"[\s“”\"']")
CHINESE_DIGITS = "〇一二三四五六七八九"
_DIGIT_FOLD = str.maketrans(CHINESE_DIGITS, "0123456789")


def lead_in(figure: Figure, width: int = 4) -> str:
    """The characters just before a figure, spaces and quotes aside and Chinese digits as
    Arabic ones (六支队伍 in one copy, 6支队伍 in the other): the same figure in the same
    place of two copies has the same lead-in."""
    before = figure.source[max(0, figure.start - 2 * width):figure.start]
    return _LEAD_IN_NOISE.sub("", before).translate(_DIGIT_FOLD)[-width:]


# what rules work out of one copy of a story, kept while its unit is checked: each copy is
# compared with every other, and with room for 64 copies a story of 100 worked every copy's pairs
# out again for each of its figures (300 copies took 54 s). Emptied once a unit is checked
# (forget_per_copy), so only the unit's own copies are held.
_PER_COPY: dict[tuple[int, int], tuple[object, object]] = {}
PER_COPY_KEPT = 20_000


def per_copy(fn):
    """``fn(copy, ...)``, worked out once per copy (its first argument, a document or a figure
    list, kept with the value so that its id stays its own) until forget_per_copy."""
    @wraps(fn)
    def kept(copy, *rest):
        key = (id(fn), id(copy))
        hit = _PER_COPY.get(key)
        if hit is not None and hit[0] is copy:
            return hit[1]
        value = fn(copy, *rest)
        if len(_PER_COPY) >= PER_COPY_KEPT:
            del _PER_COPY[next(iter(_PER_COPY))]
        _PER_COPY[key] = (copy, value)
        return value
    return kept


def forget_per_copy() -> None:
    _PER_COPY.clear()


@per_copy
def _story_fusions(story: Story, figures_of) -> dict[str, list[tuple[Document, tuple[Figure, Figure]]]]:
    """digits -> each copy of the story (in its order) with two adjacent figures written so, and
    the first such pair in it."""
    found: dict[str, list] = {}
    for doc in story.documents:
        for digits, pair in _fusions(figures_of(doc)).items():
            found.setdefault(digits, []).append((doc, pair))
    return found


@per_copy
def _fusions(figures: list[Figure]) -> dict[str, tuple[Figure, Figure]]:
    """Adjacent pairs of one copy's figures by their digits written together."""
    found: dict[str, tuple[Figure, Figure]] = {}
    for first, second in zip(figures, figures[1:]):
        if (first.digits and second.digits and second.start - first.end <= 1
                and first.sentence == second.sentence):
            found.setdefault(first.digits + second.digits, (first, second))
    return found
