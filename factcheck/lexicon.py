"""The lexicon: units, classifiers, place suffixes, cue words, head nouns and fixed
expressions, kept as data in factcheck/lexicon/*.toml (each entry with a one-line
why) and loaded once. The figures stage reads it into the figure record; rules
read the record, and only reach the lexicon for a word list they match in text.

    lexicon.words("units", "units")        -> ("元", "块", ...) in file order
    lexicon.entries("places", "suffixes")  -> the entries as dicts
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.resources import files

USED: set[tuple[str, str]] = set()  # (file, list) pairs read in this process, for the tests


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    return tomllib.loads(files("factcheck").joinpath("lexicon", f"{name}.toml").read_text(encoding="utf-8"))


def entries(name: str, key: str) -> list:
    """The list ``key`` of lexicon file ``name``."""
    USED.add((name, key))
    return _load(name)[key]


def words(name: str, key: str) -> tuple[str, ...]:
    return tuple(e["word"] for e in entries(name, key))


def table(name: str, key: str, field: str) -> dict:
    """word -> the entry's ``field``."""
    return {e["word"]: e[field] for e in entries(name, key)}


def value(name: str, key: str):
    """A scalar setting of a lexicon file (a string of characters, say)."""
    USED.add((name, key))
    return _load(name)[key]


@lru_cache(maxsize=None)
def alternation(name: str, key: str) -> str:
    """A regex alternation of the list's words, longest first, its one-character words
    as one character class (which the regex engine tests at once, not one by one)."""
    listed = sorted(words(name, key), key=len, reverse=True)
    longer = [re.escape(w) for w in listed if len(w) > 1]
    single = "".join(re.escape(w) for w in listed if len(w) == 1)
    return "|".join(longer + ([f"[{single}]"] if len(single) > 1 else [single] if single else []))


def lists() -> list[tuple[str, str]]:
    """Every (file, list) pair in the lexicon."""
    out = []
    for path in sorted(files("factcheck").joinpath("lexicon").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".toml"):
            name = path.name[:-5]
            out.extend((name, key) for key in _load(name))
    return out
