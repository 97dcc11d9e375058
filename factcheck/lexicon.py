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
    """A regex alternation of the list's words, longest first, that matches as the plain
    one would, with the words grouped by their first character (两(?:不愁三保障|个维护|不愁)):
    Python's re tries every branch of a flat alternation at each position it stops at.
    (A lookahead on the first characters in front would be slower still: re then stops
    at every position instead of skipping to the possible first characters.)"""
    groups: dict[str, list[str]] = {}
    for word in sorted(words(name, key), key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in groups.items():
        longer = "|".join(re.escape(rest) for rest in rests if rest)
        tail = f"(?:{longer})" + ("?" if "" in rests else "") if longer else ""
        branches.append(re.escape(first) + tail)
    return "|".join(branches)


def first_characters(name: str, key: str) -> str:
    """The first characters of the list's words, escaped for a character class (for a
    lookahead in front of a pattern that also holds other regexes, as figures' fixed
    expressions do: re cannot tell where such a pattern may start, and stops everywhere)."""
    return "".join(sorted({re.escape(w[0]) for w in words(name, key)}))


def lists() -> list[tuple[str, str]]:
    """Every (file, list) pair in the lexicon."""
    out = []
    for path in sorted(files("factcheck").joinpath("lexicon").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".toml"):
            name = path.name[:-5]
            out.extend((name, key) for key in _load(name))
    return out
