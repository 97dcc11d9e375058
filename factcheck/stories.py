"""Stories: which documents are copies of one story, and how their passages align.

Grouping uses sampled character shingles of each document's skeleton (its
Chinese text without digits, punctuation or spaces) and an inverted index, so
that the cost grows with the number of documents, not its square.

Alignment works clause by clause: a clause's skeleton has each figure
replaced by a token naming its unit, so 4年 and 四年, spaces, line breaks,
punctuation width and quote marks all compare equal, while a changed digit,
unit or magnitude shows as two aligned figures that disagree.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from hashlib import blake2b
from collections import Counter, OrderedDict, defaultdict
from itertools import chain, combinations, repeat
from dataclasses import dataclass, field
from functools import lru_cache

from .document import ITEM_BREAKS, Document
from .figures import Figure

SHINGLE = 5
SAMPLE_MOD = 16         # keep the shingles starting with one character in sixteen
MIN_CONTAINMENT = 0.5   # share of the smaller copy's shingles found in the larger
MIN_SHARED = 5          # sampled shingles in common: one shared phrase does not make two texts copies
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_CLAUSE = re.compile(f"[^{ITEM_BREAKS}]+")  # the document segmentation's list items
# Private-use characters go too: the keys use them to mark figures (_mark), and
# one in the text itself (a PDF's unmapped glyph, an input method's) would be
# counted as a figure when pairing (StopIteration, found by test_robustness).
_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉（）()【】…—\-·•□■\ue000-\uefff]+")
# A figure stands in a clause skeleton as one private-use character per unit,
# so that skeletons stay plain strings for rapidfuzz and Levenshtein.
_FIRST_MARK = 0xE000
_UNIT_MARKS: dict[str | None, str] = {}


def _mark(unit: str | None) -> str:
    if unit not in _UNIT_MARKS:
        _UNIT_MARKS[unit] = chr(_FIRST_MARK + len(_UNIT_MARKS))
    return _UNIT_MARKS[unit]


_MARKS = re.compile(f"[{chr(_FIRST_MARK)}-{chr(_FIRST_MARK + 0xFFF)}]")  # any unit-marking character


@dataclass
class Clause:
    doc: Document
    start: int
    end: int
    figures: list[Figure]
    key: str  # skeleton: characters, with one unit-marking character per figure
    flat: str = ""  # the skeleton with every figure as "#", for similarity whatever the units

    def __post_init__(self):
        self.flat = _MARKS.sub("#", self.key) if self.figures else self.key


@dataclass
class FigurePair:
    """Two figures in aligned clauses of two copies (one side may be absent)."""

    a: Figure | None
    b: Figure | None

    @property
    def agree(self) -> bool:
        return self.a is not None and self.b is not None and same_figure(self.a, self.b)


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

    @property
    def paths(self) -> list[str]:
        return [d.path for d in self.documents]


def same_figure(a: Figure, b: Figure) -> bool:
    return a.unit == b.unit and abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))


@lru_cache(maxsize=1)  # compiled when first needed: its class of 1,300 characters costs 10 ms
def _sampled_shingles(modulus: int) -> re.Pattern:
    """The shingles that start with a CJK character whose code point is 0 modulo
    ``modulus``: a zero-width match at each such start with a whole shingle after it,
    capturing the shingle, so that findall lists them all (overlapping) in one call."""
    starts = "".join(chr(c) for c in range(0x4E00, 0xA000) if c % modulus == 0)
    return re.compile(f"(?=([{starts}].{{{SHINGLE - 1}}}))", re.S)


_ALL_SHINGLES = re.compile(f"(?=(.{{{SHINGLE}}}))", re.S)
SAMPLE_ABOVE = 16  # documents; fewer (an editor's draft and print copy) are compared on every shingle


def stable_hash(shingle: str) -> int:
    """A shingle's 64-bit hash, the same in every process and run (Python's str hash is
    salted per process), so that fingerprints can be kept in the result cache."""
    return int.from_bytes(blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little")


def fingerprint(doc: Document, sample: bool = True) -> set[int]:
    """Shingles of the document's Chinese text. Sampled, a shingle is kept when its
    first character is one of a sixteenth of all characters: the choice depends on
    the text alone, so two copies keep the same shingles, and only those are hashed."""
    chars = "".join(_CJK_RUN.findall(doc.norm))
    return set(map(stable_hash, (_sampled_shingles(SAMPLE_MOD) if sample else _ALL_SHINGLES).findall(chars)))


def sampled(documents: int) -> bool:
    """Whether a run of this many documents fingerprints them sampled."""
    return documents > SAMPLE_ABOVE


def group(documents: list[Document], explicit: list[list[str]] = (),
          prints: dict[str, set[int]] | None = None) -> list[Story]:
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
    # Only shingles that two to fifty files share are indexed: counted first (in C),
    # so that the index is built from each print's few shared hashes, not all of them.
    counts = Counter(chain.from_iterable(prints.values()))
    common = {h for h, n in counts.items() if 1 < n <= 50}
    index: dict[int, list[str]] = defaultdict(list)
    for path, hashes in prints.items():
        for h in hashes & common:
            index[h].append(path)
    shared: Counter = Counter()
    for paths in index.values():
        if 1 < len(paths) <= 50:  # boilerplate shared by many files says nothing about copies
            shared.update(combinations(paths, 2))  # paths keep one order, so pairs do too
    for (a, b), n in shared.items():
        smaller = min(len(prints[a]), len(prints[b])) or 1
        score = n / smaller
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


_APART = "\x00"  # neither noise nor in a report: joins clauses to strip their noise in one pass


def clauses(doc: Document, figures: list[Figure]) -> list[Clause]:
    text = doc.norm
    starts = [f.start for f in figures]  # in order, as extract gives them
    found = []
    fi = 0
    for m in _CLAUSE.finditer(text):
        start, end = m.span()
        fi = bisect_left(starts, start, fi)  # skip the figures before the clause
        last = bisect_left(starts, end, fi)
        found.append((start, end, figures[fi:last]))
        fi = last
    # the skeleton of a clause without figures is the clause without noise
    plain = [text[start:end] for start, end, inside in found if not inside]
    if _APART in text:
        plain = [_NOISE.sub("", p) for p in plain]
    else:
        plain = _NOISE.sub("", _APART.join(plain)).split(_APART) if plain else []
    keys = iter(plain)
    return [Clause(doc, start, end, inside, _skeleton(text, start, end, inside) if inside else next(keys))
            for start, end, inside in found]


def _skeleton(text: str, start: int, end: int, figures: list[Figure]) -> str:
    parts: list[str] = []
    pos = start
    for f in figures:
        parts.append(_NOISE.sub("", text[pos:f.start]))
        parts.append(_mark(f.unit))
        pos = max(pos, f.end)
    parts.append(_NOISE.sub("", text[pos:end]))
    return "".join(parts)


fuzz = Levenshtein = None  # rapidfuzz, imported on first use: most runs have no copies to align


def _load_rapidfuzz() -> None:
    global fuzz, Levenshtein
    if fuzz is None:
        from rapidfuzz import fuzz as fuzz_module
        from rapidfuzz.distance import Levenshtein as levenshtein_module

        fuzz, Levenshtein = fuzz_module, levenshtein_module


def align(a_clauses: list[Clause], b_clauses: list[Clause], min_score: float = 80.0) -> list[ClausePair]:
    """Pair each figure-bearing clause of A with the most similar clause of B; among
    equally similar ones (增长# occurs many times in a bulletin), the one whose
    neighbouring clauses match A's neighbours best, or none if that still ties."""
    _load_rapidfuzz()
    position = {id(c): i for i, c in enumerate(a_clauses)}
    wanted = [(c, _trigrams(c.flat)) for c in a_clauses if c.figures and len(c.flat) - len(c.figures) >= 4]
    # B's clauses by trigram, for the trigrams that the clauses of A to be paired hold
    # (each set gets its clauses in the same order as if every trigram were indexed)
    needed = set(chain.from_iterable(trigrams for _c, trigrams in wanted))
    index: dict[str, set[int]] = defaultdict(set)
    keys_b = [c.flat for c in b_clauses]
    for j, key in enumerate(keys_b):
        for trigram in needed.intersection(_trigrams(key)):
            index[trigram].add(j)
    no_votes = repeat(())
    pairs = []
    for clause, trigrams in wanted:
        key = clause.flat
        # one vote per shared trigram; most_common keeps first-seen order among equal counts
        votes = Counter(chain.from_iterable(map(index.get, trigrams, no_votes)))
        scored = [(_similarity(key, keys_b[j]), j) for j, _ in votes.most_common(8) if b_clauses[j].figures]
        if not scored:
            continue
        best_score = max(score for score, _j in scored)
        tied = [j for score, j in scored if best_score - score < 1e-6]
        if best_score < min_score:
            continue
        best = tied[0] if len(tied) == 1 else _by_neighbours(a_clauses, position[id(clause)], keys_b, tied)
        if best is None:
            continue
        pair = ClausePair(clause, b_clauses[best], best_score)
        pair.figures = _pair_figures(clause, b_clauses[best])
        pairs.append(pair)
    return pairs


def _by_neighbours(a_clauses: list[Clause], i: int, keys_b: list[str], tied: list[int]) -> int | None:
    """The candidate whose clauses before and after are most like clause i's."""
    def context(j: int) -> float:
        score = 0.0
        for step in (-1, 1):
            if 0 <= i + step < len(a_clauses) and 0 <= j + step < len(keys_b):
                score += _similarity(a_clauses[i + step].flat, keys_b[j + step])
        return score

    ranked = sorted(((context(j), j) for j in tied), reverse=True)
    if ranked[0][0] - ranked[1][0] < 1e-6:
        return None
    return ranked[0][1]


def _trigrams(key: str) -> list[str]:
    return [key[k:k + 3] for k in range(len(key) - 2)]


def _similarity(a: str, b: str) -> float:
    """Whole-clause similarity, with partial matching when one clause holds the
    other plus a lead-in (建档立卡贫困人口累计实现… vs 累计实现…)."""
    full = fuzz.ratio(a, b)
    shorter = min(len(a), len(b))
    if shorter >= 6:
        return max(full, fuzz.partial_ratio(a, b) - 5)
    return full


def _pair_figures(a: Clause, b: Clause) -> list[FigurePair]:
    fa = iter(a.figures)
    fb = iter(b.figures)
    pairs: list[FigurePair] = []
    ka, kb = a.key, b.key
    for op in Levenshtein.opcodes(ka, kb):
        a_figs = [next(fa) for _ in _MARKS.findall(ka, op.src_start, op.src_end)]
        b_figs = [next(fb) for _ in _MARKS.findall(kb, op.dest_start, op.dest_end)]
        if op.tag == "equal" or (op.tag == "replace" and len(a_figs) == len(b_figs)):
            pairs.extend(FigurePair(x, y) for x, y in zip(a_figs, b_figs))
        else:
            pairs.extend(FigurePair(x, None) for x in a_figs)
            pairs.extend(FigurePair(None, y) for y in b_figs)
    return pairs


ALL_PAIRS_UP_TO = 4  # copies; a larger story is aligned against its first copy only


def align_story(story: Story, figures: dict[str, list[Figure]]) -> Story:
    """Fill ``story.alignments`` for the ordered pairs of its copies: every pair
    in a small story, each copy against the first in a large one (linear cost)."""
    docs = story.documents
    split = {d.path: clauses(d, figures.get(d.path, [])) for d in docs}
    if len(docs) <= ALL_PAIRS_UP_TO:
        pairs = [(a, b) for a in docs for b in docs if a is not b]
    else:
        pairs = [p for d in docs[1:] for p in ((docs[0], d), (d, docs[0]))]
    for a, b in pairs:
        story.alignments[(a.path, b.path)] = align(split[a.path], split[b.path])
    return story


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


def fused_pair(figure: Figure, others: list[Figure]) -> tuple[Figure, Figure] | None:
    """Two adjacent figures of another copy whose digits, written together, are
    ``figure``'s digits: the other copy's 7001户12736人 for this one's 700112736人."""
    digits = figure.digits
    if len(digits) < 4 or "." in digits:
        return None
    return _fusions(others).get(digits)


_FUSION_CACHE: "OrderedDict[int, tuple[list[Figure], dict]]" = OrderedDict()


def _fusions(figures: list[Figure]) -> dict[str, tuple[Figure, Figure]]:
    """Adjacent pairs of one copy's figures by their digits written together,
    computed once per figure list (the cache holds the list, so its id stays its own)."""
    cached = _FUSION_CACHE.get(id(figures))
    if cached is not None and cached[0] is figures:
        return cached[1]
    found: dict[str, tuple[Figure, Figure]] = {}
    for first, second in zip(figures, figures[1:]):
        if (first.digits and second.digits and second.start - first.end <= 1
                and first.sentence == second.sentence):
            found.setdefault(first.digits + second.digits, (first, second))
    _FUSION_CACHE[id(figures)] = (figures, found)
    if len(_FUSION_CACHE) > 64:
        _FUSION_CACHE.popitem(last=False)
    return found
