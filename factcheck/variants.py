"""Script variants: OpenCC's conversions between simplified and traditional Chinese,
and what factcheck keeps of them in its cache folder.

Importing OpenCC costs about 4 ms and building a converter up to 70 ms (s2t), more
than checking a report; and a conversion costs five times as much when other work ran
since the last one (OpenCC's tables fall out of the processor's caches). What depends
on OpenCC's release alone is therefore worked out once and kept in the cache folder:

- ``changed(config)``: the CJK characters a configuration changes when written alone,
  found in a text by one regex scan (``changed_re``);
- for a configuration of one conversion stage (t2s, s2t), what each of them becomes
  alone, and the keys of two or more characters of its dictionaries (OpenCC's
  ``opencc_dict`` tool lists them): a text in which none of those keys occurs converts
  character by character, and ``convert`` then needs no OpenCC.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from itertools import islice
from pathlib import Path

from .cache import cache_dir, prune, warn, write_atomic

# Every CJK character a configuration may change: the unified ideographs with
# extension A, and the compatibility ideographs (listed only to fill the cache).
HAN_RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00))
ONE_BY_ONE = 1000  # characters first_changed looks at one by one before it compiles the regex

_CONVERTERS: dict[str, object] = {}
_ALONE: dict[str, dict[str, str]] = {}  # config -> character -> what it becomes written alone
_CHANGED: dict[str, str] = {}  # config -> changed(config)
_CHANGED_RE: dict[str, re.Pattern] = {}
_CHANGED_SET: dict[str, frozenset[str]] = {}
_FAST: dict[str, tuple | None] = {}  # config -> what convert needs to go without OpenCC (_fast)
_WRITTEN: dict[str, frozenset[str]] = {}  # config -> written(config)


def forget() -> None:
    """Work everything out again on next use (after the cache folder changed)."""
    for kept in (_CHANGED, _CHANGED_RE, _CHANGED_SET, _FAST, _WRITTEN):
        kept.clear()
    changed_at.cache_clear()


def converter(config: str):
    """The OpenCC converter of ``config``, built on first use."""
    conv = _CONVERTERS.get(config)
    if conv is None:
        import opencc

        conv = _CONVERTERS[config] = opencc.OpenCC(config)
    return conv


def alone(chars: list[str], config: str) -> list[str]:
    """What each character becomes when OpenCC ``config`` converts it alone (each is
    converted once per process, however many documents hold it)."""
    known = _ALONE.setdefault(config, {})
    new = [c for c in chars if c not in known]
    if new:
        converted = converter(config).convert("\n".join(new)).split("\n")
        if len(converted) != len(new):
            converted = [converter(config).convert(c) for c in new]
        known.update(zip(new, converted))
    return [known[c] for c in chars]


def changed_chars(chars: list[str], config: str) -> set[str]:
    """The characters that OpenCC ``config`` changes when written alone."""
    return {c for c, d in zip(chars, alone(chars, config)) if c != d}


def changed(config: str) -> str:
    """The characters of HAN_RANGES that OpenCC ``config`` changes when written alone, in
    order (all 28,096 convert in a few milliseconds, once the converter is built); ""
    with one warning when OpenCC cannot be loaded or its table is empty."""
    found = _CHANGED.get(config)
    if found is None:
        found = _CHANGED[config] = _kept("changed", config, lambda: _work_out_changed(config), str.isalpha)
    return found


def _work_out_changed(config: str) -> str:
    han = [chr(c) for r in HAN_RANGES for c in range(*r)]
    try:
        changes = changed_chars(han, config)
    except Exception as exc:  # a broken OpenCC install: the figures stage must still run
        warn(f"OpenCC cannot be loaded ({type(exc).__name__}: {exc}): mixed-script cannot find mixed scripts; "
             "reinstall opencc")
        return ""
    found = "".join(c for c in han if c in changes)
    if not found:  # safety: say so, rather than silently find nothing (and keep nothing)
        warn("OpenCC's script-variant table is empty: mixed-script cannot find mixed scripts; reinstall opencc")
    return found


def written(config: str) -> frozenset[str]:
    """The characters OpenCC ``config`` writes for a character of HAN_RANGES converted alone
    (s2tw writes 為 for 为, where s2t writes 爲), kept in the cache folder as ``changed`` is: a
    run asks for s2tw's and s2hk's without building their converters (25 MB each)."""
    found = _WRITTEN.get(config)
    if found is None:
        def work_out() -> str:
            chars = changed(config)
            return "".join(sorted(set(alone(list(chars), config)) - set(chars))) if chars else ""

        found = _WRITTEN[config] = frozenset(_kept("written", config, work_out, str.isalpha))
    return found


def changed_re(config: str) -> re.Pattern:
    """A character class of every character of ``changed(config)``: a document's changed
    characters are found, and counted, by one regex scan instead of one by one in Python."""
    pattern = _CHANGED_RE.get(config)
    if pattern is None:
        chars = changed(config)
        pattern = _CHANGED_RE[config] = re.compile(_char_class(chars) if chars else "(?!)")
    return pattern


@lru_cache(maxsize=256)  # the figures stage asks for a text, then mixed-script: one scan for both
def changed_at(text: str, config: str = "t2s") -> tuple[int, ...]:
    """Where the characters of ``changed(config)`` are in ``text``, in order."""
    return tuple(m.start() for m in changed_re(config).finditer(text))


def _char_class(chars: str) -> str:
    """A regex class of ``chars`` (in code-point order) with each run written as a range:
    half as long to parse as the characters one by one."""
    parts, k = [], 0
    while k < len(chars):
        j = k
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        parts.append(chars[k] if j == k else f"{chars[k]}-{chars[j]}" if j > k + 1 else chars[k] + chars[j])
        k = j + 1
    return "[" + "".join(parts) + "]"


def first_changed(text: str, config: str, n: int) -> list[str]:
    """The first ``n`` characters of ``text`` that OpenCC ``config`` changes, in order. Looked
    up one by one at first: in a simplified text they come within a few characters, and
    compiling the config's regex (changed_re) costs more than checking a report; the regex
    looks further (in a traditional text, where they are few)."""
    found, start = [], 0
    if n <= 0:
        return found
    if config not in _CHANGED_RE:
        chars = _CHANGED_SET.get(config)
        if chars is None:
            chars = _CHANGED_SET[config] = frozenset(changed(config))
        for c in islice(text, ONE_BY_ONE):
            if c in chars:
                found.append(c)
                if len(found) == n:
                    return found
        if len(text) <= ONE_BY_ONE:
            return found
        start = ONE_BY_ONE
    return found + [m.group() for m in islice(changed_re(config).finditer(text, start), n - len(found))]


def convert(text: str, config: str) -> str:
    """OpenCC ``config``'s conversion of ``text``. Where no key of two or more characters of
    the config's dictionaries occurs in it, each character converts as it does alone, so
    OpenCC is not asked (nor imported)."""
    fast = _fast(config)
    if fast is not None:
        table, keys_by_first, slow = fast
        for i, c in enumerate(text):
            if c in slow or c > "\uffff":
                break  # a character the normalisation changes first, or one the table lacks
            keys = keys_by_first.get(c)
            if keys is not None and any(text.startswith(k, i) for k in keys):
                break
        else:
            return text.translate(table)
    return converter(config).convert(text)


# --- what is kept in the cache folder ------------------------------------------------------

@lru_cache(maxsize=1)
def _stamp() -> str | None:
    """What names OpenCC's installed release, read without importing it (4 ms): the sizes
    of its module and of its dictionaries, the same for every install of one release."""
    import importlib.util

    try:
        package = Path(importlib.util.find_spec("opencc").origin).parent
        sizes = [entry.stat().st_size for entry in os.scandir(package / "clib" / "share" / "opencc")]
        return f"{(package / '__init__.py').stat().st_size}-{len(sizes)}-{sum(sizes)}"
    except (ImportError, AttributeError, TypeError, ValueError, OSError):
        return None


def _kept(name: str, config: str, work_out, valid) -> str:
    """The text cached as ``name`` for ``config`` when it is there and ``valid``; else
    worked out, and kept when it is valid."""
    stamp = _stamp()
    target = None
    if stamp is not None:
        try:
            target = cache_dir() / f"opencc-{name}-{stamp}-{config}.txt"
            if target.is_file():
                cached = target.read_text(encoding="utf-8")
                if valid(cached):  # safety: an empty or damaged cache file is worked out again
                    return cached
        except (OSError, UnicodeDecodeError):
            pass
    made = work_out()
    if target is not None and valid(made):
        try:
            write_atomic(target, made.encode("utf-8"))
            prune(target, f"opencc-{name}-*-{config}.txt")
        except OSError:
            pass  # worked out again next time
    return made


_KEYS_HEADER = "# keys of OpenCC dictionaries\n"
_ONE_STAGE = "one stage\n"  # (else "several stages\n", and no more: convert asks OpenCC)
_ALONE_HEADER = "# what each character becomes alone\n"


def _fast(config: str) -> tuple | None:
    """(translation table, keys of two or more characters by their first character,
    characters the normalisation stage changes) of a one-stage ``config``; None when
    it has several stages or OpenCC's dictionaries cannot be listed."""
    if config in _FAST:
        return _FAST[config]
    fast = None
    listed = _kept("keys", config, lambda: _list_keys(config), lambda text: text.startswith(_KEYS_HEADER))
    if listed.startswith(_KEYS_HEADER + _ONE_STAGE):
        table = _kept("alone", config, lambda: _alone_table(config), lambda text: text.startswith(_ALONE_HEADER))
        if table.startswith(_ALONE_HEADER):
            slow, *keys = listed[len(_KEYS_HEADER + _ONE_STAGE):].split("\n")
            keys_by_first: dict[str, list[str]] = {}
            for key in filter(None, keys):
                keys_by_first.setdefault(key[0], []).append(key)
            chars, _, became = table[len(_ALONE_HEADER):].partition("\n")
            became = became.split("\t")
            if len(became) == len(chars):
                single = all(len(b) == 1 for b in became)
                fast = (str.maketrans(chars, "".join(became)) if single else str.maketrans(dict(zip(chars, became))),
                        keys_by_first, frozenset(slow))
    _FAST[config] = fast
    return fast


def _alone_table(config: str) -> str:
    """_ALONE_HEADER, the characters of the Basic Multilingual Plane that ``config`` changes
    when written alone, and on the next line what each becomes (tab-separated)."""
    chars = [chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000 and chr(c) not in "\t\n"]
    pairs = [(c, d) for c, d in zip(chars, alone(chars, config)) if c != d]
    return _ALONE_HEADER + "".join(c for c, _d in pairs) + "\n" + "\t".join(d for _c, d in pairs)


def _stages(config: str) -> tuple[list, list, Path] | None:
    """(normalisation stages, conversion stages, dictionary folder) of an installed
    OpenCC configuration, read from its JSON file; None when it cannot be read."""
    import importlib.util
    import json

    try:
        share = Path(importlib.util.find_spec("opencc").origin).parent / "clib" / "share" / "opencc"
        spec = json.loads((share / f"{config}.json").read_text(encoding="utf-8"))
        return list(spec.get("normalization", [])), list(spec.get("conversion_chain", [])), share
    except (ImportError, AttributeError, TypeError, ValueError, OSError):
        return None


def _list_keys(config: str) -> str:
    """_KEYS_HEADER; for a configuration of one conversion stage, _ONE_STAGE, the
    characters of the keys of its normalisation dictionaries, and (one a line) the keys
    of two or more characters of its conversion dictionaries, as OpenCC's own
    opencc_dict tool lists them; "" when it cannot (a missing tool or file)."""
    import subprocess

    stages = _stages(config)
    if stages is None:
        return ""
    normalisation, conversion, share = stages
    if len(conversion) != 1:
        return _KEYS_HEADER + "several stages\n"
    tool = share.parent.parent / "bin" / "opencc_dict"
    try:
        slow = {c for stage in normalisation for key in _dump(tool, share, stage["dict"]) for c in key}
        keys = {key for stage in conversion for key in _dump(tool, share, stage["dict"]) if len(key) > 1}
    except (TypeError, KeyError, ValueError, OSError, subprocess.SubprocessError):
        return ""
    return _KEYS_HEADER + _ONE_STAGE + "".join(sorted(slow)) + "\n" + "\n".join(sorted(keys))


def _dump(tool: Path, share: Path, spec: dict) -> list[str]:
    """The keys of an OpenCC dictionary spec (a group's: all its members')."""
    import subprocess
    import tempfile

    if spec.get("type") == "group":
        return [key for member in spec["dicts"] for key in _dump(tool, share, member)]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "keys.txt"
        subprocess.run([str(tool), "-i", str(share / spec["file"]), "-o", str(out), "-f", spec["type"],
                        "-t", "text"], check=True, capture_output=True, timeout=60)
        return [line.split("\t", 1)[0] for line in out.read_text(encoding="utf-8").splitlines() if line]
