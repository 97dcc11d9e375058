"""Decode bytes of unknown encoding: UTF-8 (with or without BOM), UTF-16 with BOM,
GB18030/GBK and Big5, as newsrooms' files come."""
from __future__ import annotations

import codecs

# charset-normalizer's names for the GB family all decode as gb18030, their superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_CANDIDATES = ["gb18030", "big5", "utf_16", "cp1252"]


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); ValueError when the bytes are not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise ValueError("cannot decode as UTF-8, GB18030, Big5 or UTF-16")
    name = best.encoding.lower().replace("-", "_")
    if name in _GB_FAMILY or name.startswith("gb"):
        return data.decode("gb18030"), "gb18030"
    if name in ("big5", "big5hkscs", "cp950"):
        return data.decode("big5hkscs", errors="strict"), "big5"
    if name == "cp1252":
        raise ValueError("not Chinese text in UTF-8, GB18030 or Big5")
    return str(best), name
