"""Decode bytes of unknown encoding: UTF-8 (with or without BOM), UTF-16 with BOM,
GB18030/GBK and Big5, as newsrooms' files come."""
from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache

# charset-normalizer's names for the GB family all decode as gb18030, their superset.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_CANDIDATES = ["gb18030", "big5", "utf_16", "cp1252"]


MOSTLY_COMMON = 0.6  # share of common characters that makes a reading plausible
_SAMPLE = 4000       # characters looked at


@lru_cache(maxsize=None)
def _common(encoding: str) -> frozenset[str]:
    """The common characters of a character set, from the layout of the standard itself:
    GB2312's first level (3,755 characters in use every day, rows 0xB0-0xD7) and Big5's
    frequently used characters (5,401, 0xA440-0xC67E)."""
    if encoding == "gb18030":
        pairs = (bytes((lead, trail)) for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF))
        codec = "gb2312"
    else:
        trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        pairs = (bytes((lead, trail)) for lead in range(0xA4, 0xC7) for trail in trails
                 if (lead, trail) <= (0xC6, 0x7E))
        codec = "big5"
    found = set()
    for pair in pairs:
        try:
            found.add(pair.decode(codec))
        except UnicodeDecodeError:
            pass
    return frozenset(found)


def _common_share(text: str, encoding: str) -> float:
    """The share of common characters of ``encoding``'s own script among the letters
    of ``text`` that are not ASCII (Han, kana, Greek, private use...; punctuation and
    digits left out): near 1 for the right reading, lower for a wrong one, where
    GBK bytes read as Big5 give rare traditional characters and Big5 bytes read as
    GBK give kana, Cyrillic or private-use characters among the Han."""
    common = _common(encoding)
    letters = hits = 0
    for c in text[:_SAMPLE]:
        if c < "\x80" or unicodedata.category(c)[0] not in "LC":
            continue
        letters += 1
        hits += c in common
    return hits / letters if letters else 0.0


def _chinese(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, when exactly one of them decodes the bytes strictly, or when
    one reading is mostly common characters and the other is not as much (ties go to
    GB18030). Short texts defeat statistical detectors, which read GBK as Big5."""
    readings = {}
    for encoding, codec in (("gb18030", "gb18030"), ("big5", "big5hkscs")):
        try:
            readings[encoding] = data.decode(codec)
        except UnicodeDecodeError:
            pass
    scores = {e: _common_share(t, e) for e, t in readings.items()}
    best = max(scores, key=lambda e: (scores[e], e == "gb18030"), default=None)
    if best is None or scores[best] < MOSTLY_COMMON:
        return None
    return readings[best], best


NUL_SHARE = 1000  # one NUL byte in this many at most: a text's stray NULs


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); ValueError when the bytes are not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        # A stray NUL or two in UTF-8 text (left by a PDF's or a word processor's export) is
        # text still; a binary file has many, and is no UTF-8
        if data.count(b"\x00") * NUL_SHARE > len(data):
            raise ValueError("binary file, not text")
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            raise ValueError("binary file, not text") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    chinese = _chinese(data)
    if chinese is not None:
        return chinese
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
