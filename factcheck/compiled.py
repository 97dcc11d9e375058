"""The command's regular expressions, compiled once and kept in the cache folder.

Python compiles every pattern again in each process, and a character class with a range
costs a loop in Python over each character of the range: the ranges of Chinese characters
(``[\\u4e00-\\u9fff]``), in some eighty of the rules' patterns, make compiling a third of
the command's start-up on one article. The compiled form, the regex engine's own code (a
list of numbers), is kept here between runs and handed back to the engine, which checks
it as it does any code (``_sre.compile`` refuses code that is not sound; a checksum makes sure
the file is as it was written, since the engine would take another pattern's code too).

Only the command line uses this (``install`` in ``factcheck.entry``, before anything else
is imported): it replaces ``re``'s internal compile step for that one process. A pattern is
kept by its text and flags; the file is for one release of Python and of its regex engine,
and anything unexpected (another Python, a damaged file, a pattern the engine will not
take back) means compiling the ordinary way.
"""
from __future__ import annotations

import marshal
import re
import sys
import zlib
from array import array
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python's regex engine: nothing to keep
    _sre = None

KIND = f"regex-{sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}"
_DEBUG = 128  # re.DEBUG: prints as it compiles, so never taken from the file

_kept: dict = {}  # (pattern, flags) -> (flags, code as bytes, groups, groupindex, indexgroup)
_new: dict = {}  # compiled in this run and not in the file
_used: set = set()
_file: Path | None = None
_original = None


def _key() -> tuple:
    return (sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)


def _digest(table: bytes) -> int:
    # CRC-32 for a file damaged on disk or cut short (hashlib would load OpenSSL: 3.5 MB more)
    return zlib.crc32(table)


def _engine_args(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands the engine for ``pattern``, as Python 3.11 does it (on
    another Python, tests/test_compiled.py compares every pattern with the ordinary compile)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), array("I", code).tobytes(), parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _compile(pattern, flags=0):
    """``re._compiler.compile``, from the file where it holds the pattern."""
    if type(pattern) is not str or flags & _DEBUG:  # (marshal keeps no subclass of str)
        return _original(pattern, flags)
    key = (pattern, int(flags))
    args = _kept.get(key) or _new.get(key)
    try:
        if args is None:
            args = _engine_args(pattern, int(flags))
            _new[key] = args
        _used.add(key)
        flags_, code, groups, groupindex, indexgroup = args
        return _sre.compile(pattern, flags_, array("I", code).tolist(), groups, groupindex, indexgroup)
    except Exception:  # an error in the pattern (re says which), or code the engine will not take back
        _kept.pop(key, None)
        _new.pop(key, None)
        _used.discard(key)
        return _original(pattern, flags)


def install(folder: Path | None = None) -> None:
    """Compile this process's patterns from the file in ``folder`` (the cache folder)."""
    global _file, _original
    if _sre is None or _original is not None or array("I").itemsize != _sre.CODESIZE:
        return
    from .cache import cache_dir, warn

    try:
        _file = (folder or cache_dir()) / f"{KIND}.marshal"
    except OSError:
        return  # no cache folder at all: the dictionary's warning says so
    try:
        key, digest, table = marshal.loads(_file.read_bytes())
        if key == _key():
            # the engine takes any sound code, also another pattern's: so a file altered in any way is not used
            if digest != _digest(table):
                raise ValueError("its checksum is wrong")
            _kept.update(marshal.loads(table))
    except FileNotFoundError:
        pass
    except OSError as exc:  # unreadable: compiled as usual, and not written either (one warning is enough)
        warn(f"cannot read the cached regular expressions {_file} ({exc.strerror or exc}); compiled again")
        _file = None
    except Exception:  # marshal's errors on a damaged file: ValueError, EOFError, TypeError
        warn(f"the cached regular expressions {_file} are damaged; compiled again")
    _original = _compiler.compile
    _compiler.compile = _compile


def save() -> None:
    """Write the file again, with the patterns this run used, when it compiled one the file did not hold."""
    if _file is None or not _new:
        return
    from .cache import prune, warn, write_atomic

    # only this run's: a pattern of an older release, or one built from another run's data, is dropped
    kept = {key: args for key, args in {**_kept, **_new}.items() if key in _used}
    try:
        table = marshal.dumps(kept)
        write_atomic(_file, marshal.dumps((_key(), _digest(table), table)))
        _kept.update(_new)
        _new.clear()
        prune(_file, "regex-*")
    except (OSError, ValueError) as exc:
        warn(f"cannot keep compiled regular expressions in {_file} ({getattr(exc, 'strerror', None) or exc});"
             " each run compiles them again")


def uninstall() -> None:
    """Compile the ordinary way again (for tests)."""
    global _file, _original
    if _original is not None:
        _compiler.compile = _original
    _original = _file = None
    _kept.clear()
    _new.clear()
    _used.clear()
    re.purge()
