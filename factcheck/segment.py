"""jieba, loaded with a trimmed dictionary, for the words around a figure.

jieba's full dictionary (349,046 words) takes about 0.6 s to load from its
cache, longer than DESIGN.md allows a whole single-article run. factcheck only
asks jieba for the nouns next to a figure and for place names, so it loads the
50,000 most frequent words, the compound nouns of three or more characters
that occur at least five times in jieba's corpus (贫困村, 卫生室), and every
place name: 85,902 words, measured here at 0.15 s with the part-of-speech
table. The trimmed dictionary is written once to the user's cache folder.
"""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

KEEP_MOST_FREQUENT = 50000
ALWAYS_KEEP_TAGS = ("ns",)  # place names, for figures.places
PLACE_ENDINGS = ("省", "市", "县", "区", "旗", "州", "乡", "镇")  # 田东县 is tagged nr, not ns
NOUN_TAGS = ("n", "vn", "l", "nz", "nt", "an")
MIN_COMPOUND_FREQUENCY = 5
VERSION = "3"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for folder in (Path(base) / "factcheck", Path(tempfile.gettempdir()) / "factcheck"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return folder
        except OSError:
            continue
    raise OSError("no writable cache folder for factcheck's dictionary")


def _trimmed_dictionary() -> Path:
    import jieba

    source = Path(jieba.__file__).parent / "dict.txt"
    target = _cache_dir() / f"jieba-trimmed-{VERSION}-{KEEP_MOST_FREQUENT}-{int(source.stat().st_mtime)}.txt"
    if not target.is_file():
        rows = [line.split() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows.sort(key=lambda r: -int(r[1]))
        keep = {r[0]: r for r in rows[:KEEP_MOST_FREQUENT]}
        for r in rows[KEEP_MOST_FREQUENT:]:
            compound_noun = r[2] in NOUN_TAGS and len(r[0]) >= 3 and int(r[1]) >= MIN_COMPOUND_FREQUENCY
            if compound_noun or r[2] in ALWAYS_KEEP_TAGS or r[0].endswith(PLACE_ENDINGS):
                keep.setdefault(r[0], r)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("".join(" ".join(r) + "\n" for r in keep.values()), encoding="utf-8")
        os.replace(partial, target)  # atomic, so parallel runs never read half a file
    return target


@lru_cache(maxsize=1)
def tokenizer():
    """(tokenizer, tags): a jieba Tokenizer and a word -> part-of-speech dict."""
    import jieba

    jieba.setLogLevel(60)
    path = _trimmed_dictionary()
    tk = jieba.Tokenizer(dictionary=str(path))
    tk.initialize()
    tags = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) > 2:
                tags[parts[0]] = parts[2]
    return tk, tags


def words(text: str) -> list[str]:
    return tokenizer()[0].lcut(text, HMM=False)


def tags() -> dict[str, str]:
    return tokenizer()[1]
