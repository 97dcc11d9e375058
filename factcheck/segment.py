"""jieba's segmentation, with a trimmed dictionary, for the words around a figure.

jieba's full dictionary (349,046 words) takes about 0.6 s to load from its
cache, longer than DESIGN.md allows a whole single-article run. factcheck only
asks jieba for the nouns next to a figure and for place names, so it loads the
50,000 most frequent words, the compound nouns of three or more characters
that occur at least five times in jieba's corpus (贫困村, 卫生室), and every
place name: 85,902 words, loaded in about 0.2 s with the part-of-speech table
(a whole single-article run takes 0.4 s). The trimmed dictionary is written
once to the user's cache folder; jieba keeps its own cache of it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .cache import cache_dir as _cache_dir
from .cache import warn as _warn
from .cache import write_atomic as _write_atomic

KEEP_MOST_FREQUENT = 50000
ALWAYS_KEEP_TAGS = ("ns",)  # place names, for figures.places
PLACE_ENDINGS = ("省", "市", "县", "区", "旗", "州", "乡", "镇")  # 田东县 is tagged nr, not ns
NOUN_TAGS = ("n", "vn", "l", "nz", "nt", "an")
MIN_COMPOUND_FREQUENCY = 5
VERSION = "3"


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


def _trimmed_dictionary() -> tuple[Path, dict[str, str], Path | None]:
    """(dictionary file, its word -> tag table, the cache folder or None). A cached
    dictionary that is empty or damaged is rebuilt; without a writable cache folder,
    jieba's full dictionary is used (a slower start); each with one warning."""
    source = _jieba_dictionary()
    problem = None
    try:
        folder = _cache_dir()
        target = folder / f"jieba-trimmed-{VERSION}-{KEEP_MOST_FREQUENT}-{int(source.stat().st_mtime)}.txt"
        if target.exists():
            word_tags = _read(target, KEEP_MOST_FREQUENT)
            if word_tags is not None:
                return target, word_tags, folder
            _warn(f"the cached dictionary {target} is empty or damaged; rebuilt")
        _write_atomic(target, _build(source))
        word_tags = _read(target, KEEP_MOST_FREQUENT)
        if word_tags is not None:
            return target, word_tags, folder
        problem = f"{target} reads back damaged"
    except OSError as exc:
        problem = f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}"
    _warn(f"cannot keep the trimmed dictionary in the cache folder ({problem}); "
          "using jieba's full dictionary, which starts slower")
    return source, _read(source, 1) or {}, None


@lru_cache(maxsize=1)
def tokenizer():
    """(tokenizer, tags): a jieba Tokenizer on the trimmed dictionary and the
    word -> part-of-speech dict read from the same file."""
    import jieba

    jieba.setLogLevel(60)
    dictionary, word_tags, folder = _trimmed_dictionary()
    tk = jieba.Tokenizer(dictionary=str(dictionary))
    if folder is not None:  # jieba's own cache of the dictionary, beside it
        tk.cache_file = str(folder / f"{dictionary.stem}.jieba-cache")
    tk.initialize()
    if tk.total <= 0 or len(tk.FREQ) < len(word_tags):  # jieba's cache empty or damaged
        if tk.cache_file:
            _warn(f"jieba's cache {tk.cache_file} is empty or damaged; rebuilt")
            Path(tk.cache_file).unlink(missing_ok=True)
        tk.initialized = False
        tk.initialize()
    return tk, word_tags


def words(text: str) -> list[str]:
    return tokenizer()[0].lcut(text, HMM=False)


def tags() -> dict[str, str]:
    return tokenizer()[1]
