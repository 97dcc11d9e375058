"""jieba, loaded with a trimmed dictionary, for the words around a figure.

jieba's full dictionary (349,046 words) takes about 0.6 s to load from its
cache, longer than DESIGN.md allows a whole single-article run. factcheck only
asks jieba for the nouns next to a figure and for place names, so it loads the
most frequent words plus every place name: measured here, 0.1 s. The trimmed
dictionary is written once to the user's cache folder.
"""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

KEEP_MOST_FREQUENT = 60000
ALWAYS_KEEP_TAGS = ("ns",)  # place names, for figures.places
PLACE_ENDINGS = ("省", "市", "县", "区", "旗", "州", "乡", "镇")  # 田东县 is tagged nr, not ns
VERSION = "2"


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
            if len(r) > 2 and (r[2] in ALWAYS_KEEP_TAGS or r[0].endswith(PLACE_ENDINGS)):
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
