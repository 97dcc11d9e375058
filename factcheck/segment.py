"""jieba's segmentation, with a trimmed dictionary, for the words around a figure.

jieba's full dictionary (349,046 words) takes about 0.6 s to load from its
cache, longer than DESIGN.md allows a whole single-article run. factcheck only
asks for the nouns next to a figure and for place names, so it keeps the
50,000 most frequent words, the compound nouns of three or more characters
that occur at least five times in jieba's corpus (贫困村, 卫生室), and every
place name: 85,902 words. The trimmed dictionary is written once to the user's
cache folder, with its tables beside it (``.tables``), split by a word's first
character so that a run unpacks only the parts its text asks about: about 5 ms
instead of 0.35 s for jieba's tables. ``words`` is jieba's own algorithm (the
dictionary's word graph and its most probable path, without the HMM for
unknown words), run on those tables; a test holds it to jieba's answers.
"""
from __future__ import annotations

import marshal
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from math import log
from pathlib import Path

from .cache import cache_dir as _cache_dir
from .cache import prune as _prune
from .cache import warn as _warn
from .cache import write_atomic as _write_atomic

KEEP_MOST_FREQUENT = 50000
ALWAYS_KEEP_TAGS = ("ns",)  # place names, for figures.places
PLACE_ENDINGS = ("省", "市", "县", "区", "旗", "州", "乡", "镇")  # 田东县 is tagged nr, not ns
NOUN_TAGS = ("n", "vn", "l", "nz", "nt", "an")
MIN_COMPOUND_FREQUENCY = 5
VERSION = "3"
TABLES_VERSION = 1


def _jieba_dictionary() -> Path:
    """jieba's dict.txt, found without importing jieba."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise ModuleNotFoundError("factcheck needs jieba's dictionary: pip install jieba")
    return Path(spec.origin).parent / "dict.txt"


def _build(source: Path) -> bytes:
    rows = [line.split() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: -int(r[1]))
    keep = {r[0]: r for r in rows[:KEEP_MOST_FREQUENT]}
    for r in rows[KEEP_MOST_FREQUENT:]:
        compound_noun = r[2] in NOUN_TAGS and len(r[0]) >= 3 and int(r[1]) >= MIN_COMPOUND_FREQUENCY
        if compound_noun or r[2] in ALWAYS_KEEP_TAGS or r[0].endswith(PLACE_ENDINGS):
            keep.setdefault(r[0], r)
    return "".join(" ".join(r) + "\n" for r in keep.values()).encode("utf-8")


def _read(dictionary: Path, least: int) -> dict[str, str] | None:
    """word -> part of speech of a dictionary file, or None when it is unreadable,
    damaged (a line that is not 'word frequency [tag]') or holds fewer than ``least``
    words (empty, or cut short): such a file would make every segmentation fail."""
    try:
        lines = dictionary.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    word_tags = {}
    for line in lines:
        parts = line.split()
        if len(parts) not in (2, 3) or not parts[1].isdigit():
            return None
        word_tags[parts[0]] = parts[2] if len(parts) > 2 else ""
    return word_tags if len(word_tags) >= least else None


class Shards(Mapping):
    """A word table split by first character, each part unmarshalled on first use."""

    def __init__(self, parts: dict[str, bytes], size: int) -> None:
        self._parts, self._size, self._open = parts, size, {}

    def _part(self, first: str) -> dict:
        part = self._open.get(first)
        if part is None:
            packed = self._parts.get(first)
            try:
                part = marshal.loads(packed) if packed is not None else {}
            except Exception:  # one damaged part: its words are unknown, the run goes on
                _warn("a part of the cached dictionary tables is damaged; delete the cache folder to rebuild it")
                part = {}
            self._open[first] = part
        return part

    def __getitem__(self, word: str):
        if not word:
            raise KeyError(word)
        return self._part(word[0])[word]

    def get(self, word: str, default=None):
        return self._part(word[0]).get(word, default) if word else default

    def __contains__(self, word) -> bool:
        return bool(word) and word in self._part(word[0])

    def __iter__(self):
        for first in self._parts:
            yield from self._part(first)

    def __len__(self) -> int:
        return self._size


@dataclass
class Tables:
    tags: Mapping[str, str]  # word -> part of speech ("" when the dictionary gives none)
    freq: Mapping[str, int]  # word -> frequency, and each prefix of a word -> 0 (jieba's FREQ)
    total: int


def _tables_from(dictionary: Path, least: int) -> tuple[dict, dict, int] | None:
    """(tags, frequencies, total) of a dictionary file, as jieba builds them, or None
    when the file is unreadable, damaged or too short (``_read``)."""
    word_tags = _read(dictionary, least)
    if word_tags is None:
        return None
    freq: dict[str, int] = {}
    total = 0
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, count = line.split()[:2]
        freq[word] = int(count)
        total += int(count)
        for k in range(1, len(word)):
            freq.setdefault(word[:k], 0)
    return word_tags, freq, total


def _split(table: dict) -> dict[str, bytes]:
    parts: dict[str, dict] = {}
    for word, value in table.items():
        parts.setdefault(word[0], {})[word] = value
    return {first: marshal.dumps(part) for first, part in parts.items()}


def _tables(dictionary: Path, least: int) -> Tables | None:
    """The dictionary's tables, from the split form kept beside it when that is current;
    the split form is written again when it is missing, stale or damaged."""
    kept = dictionary.with_suffix(".tables")
    try:
        info = dictionary.stat()
    except OSError:
        return None
    try:
        version, size, mtime, total, words, tag_parts, freq_parts = marshal.loads(kept.read_bytes())
        if (version, size, mtime) != (TABLES_VERSION, info.st_size, info.st_mtime_ns):
            pass  # the dictionary was rebuilt since: so are the tables
        elif isinstance(tag_parts, dict) and isinstance(freq_parts, dict) and words >= least and total > 0:
            return Tables(Shards(tag_parts, words), Shards(freq_parts, len(freq_parts)), total)
        else:
            _warn(f"the cached dictionary tables {kept} are damaged; rebuilt")
    except FileNotFoundError:
        pass
    except Exception:  # marshal's errors on a damaged file: ValueError, EOFError, TypeError
        _warn(f"the cached dictionary tables {kept} are damaged; rebuilt")
    built = _tables_from(dictionary, least)
    if built is None:
        return None
    word_tags, freq, total = built
    try:
        _write_atomic(kept, marshal.dumps((TABLES_VERSION, info.st_size, info.st_mtime_ns, total, len(word_tags),
                                           _split(word_tags), _split(freq))))
    except OSError:
        pass  # built from the text again next time
    return Tables(word_tags, freq, total)


def _trimmed_dictionary() -> Tables:
    """The trimmed dictionary's tables. A cached dictionary that is empty or damaged is
    rebuilt; without a writable cache folder, jieba's full dictionary is used (a slower
    start); each with one warning."""
    source = _jieba_dictionary()
    problem = None
    try:
        folder = _cache_dir()
        # named by the size of jieba's dictionary, not its time: every install of one release
        # (a CI job's fresh environment) shares one trimmed copy
        target = folder / f"jieba-trimmed-{VERSION}-{KEEP_MOST_FREQUENT}-{source.stat().st_size}.txt"
        if target.exists():
            tables = _tables(target, KEEP_MOST_FREQUENT)
            if tables is not None:
                return tables
            _warn(f"the cached dictionary {target} is empty or damaged; rebuilt")
        _write_atomic(target, _build(source))
        _prune(target, "jieba-trimmed-*")
        tables = _tables(target, KEEP_MOST_FREQUENT)
        if tables is not None:
            return tables
        problem = f"{target} reads back damaged"
    except OSError as exc:
        problem = f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}"
    _warn(f"cannot keep the trimmed dictionary in the cache folder ({problem}); "
          "using jieba's full dictionary, which starts slower")
    word_tags, freq, total = _tables_from(source, 1) or ({}, {}, 1)
    return Tables(word_tags, freq, total)


@lru_cache(maxsize=1)
def tables() -> Tables:
    return _trimmed_dictionary()


def forget() -> None:
    """Read the dictionary's tables again on next use (after the cache folder changed)."""
    tables.cache_clear()


def tags() -> Mapping[str, str]:
    """word -> part of speech."""
    return tables().tags


# jieba's patterns (jieba/__init__.py): runs it segments, what separates them, and the
# single Latin letters and digits it joins back into one word.
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def words(text: str) -> list[str]:
    """``jieba.Tokenizer(dictionary).lcut(text, HMM=False)`` on the trimmed dictionary."""
    found: list[str] = []
    current = tables()
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            found += _cut(block, current.freq, log(current.total))
        else:
            for piece in _SKIP.split(block):
                if _SKIP.match(piece):
                    found.append(piece)
                else:
                    found.extend(piece)
    return found


def first_word(text: str) -> str:
    """``words(text)[0]`` ("" for no text). When no dictionary word of two or more
    characters begins the text, its first character is a word of its own: no need to
    segment the rest (a word's every prefix is in the table, so one lookup tells)."""
    if not text:
        return ""
    if "\u4e00" <= text[0] <= "\u9fd5" and (len(text) == 1 or text[:2] not in tables().freq):
        return text[0]
    return words(text)[0]


def _cut(block: str, freq: Mapping[str, int], logtotal: float) -> list[str]:
    """jieba's __cut_DAG_NO_HMM: the words of the most probable path through the graph
    of dictionary words in ``block``; runs of single letters and digits stay together."""
    n = len(block)
    # the fragments from k all start with block[k]: one shard of the table holds them all
    shards = freq if isinstance(freq, Shards) else None
    # for each k, (log probability, end) of the dictionary words from k, as jieba's calc
    # weighs them (a lone character the dictionary lacks: frequency 1)
    graph = []
    for k in range(n):
        first = block[k]
        table = freq if shards is None else (shards._open.get(first) or shards._part(first))
        ends, i, count = [], k, table.get(first)
        while count is not None:  # a word (count > 0) or the start of one (0)
            if count:
                ends.append((log(count) - logtotal, i))
            i += 1
            if i == n:
                break
            count = table.get(block[k:i + 1])
        graph.append(ends or [(-logtotal, k)])
    route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
    for k in range(n - 1, -1, -1):
        candidates = graph[k]
        if len(candidates) == 1:
            p, x = candidates[0]
            route[k] = (p + route[x + 1][0], x)
        else:
            route[k] = max((p + route[x + 1][0], x) for p, x in candidates)
    found, x, joined = [], 0, ""
    while x < n:
        y = route[x][1] + 1
        word = block[x:y]
        if word in _ENG:
            joined += word
        else:
            if joined:
                found.append(joined)
                joined = ""
            found.append(word)
        x = y
    if joined:
        found.append(joined)
    return found
