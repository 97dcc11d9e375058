"""The result cache: one SQLite file in factcheck's cache folder, so that a run over a
repository where a few files changed re-checks only what they touch.

Its tables, each keyed by a hash of what determines the value:

    files     a file's path, device, inode, size and times (as git's index keeps them)
              -> its content hash, so that an unchanged file is not even read
    prints    a file's content hash, reader and sampling -> its encoding, length and
              story fingerprint (so stories are regrouped without re-reading the text)
    findings  a story's or lone file's members (paths relative to the current folder,
              and content hashes), the rules, the configuration and the language -> its
              findings, with those paths (as JSON, never pickle: the file is data, not
              code); a run that names the same files by other paths gets them renamed
    extras    the same key -> what the terminal report shows of the unit besides its
              findings: a story's table rows and the lines its findings quote (so that
              a run the cache answers neither aligns the story nor reads the files again)
    facts     a report's content, the gazetteer and the stamp -> what the cross-report
              rules read of it (``keys.Facts``)
    rendered  a file's findings and the lines they quote, or a story's copies and table
              rows, with the console's width, colours and encoding -> the terminal
              report's text of them (a long report of files the cache answered is not
              laid out again: 130,000 findings took 6 s on two cores)

Every key also holds ``stamp()``: factcheck's version and a hash of its own and the
rules' source files, so that an upgrade or an edited rule never serves old findings
(and the rows of another version are dropped when this one opens the file). The file is in WAL mode and written in one transaction
per batch, so concurrent runs share it safely. A damaged file is removed and rebuilt;
one that cannot be opened or written is bypassed; each with one warning.
"""
from __future__ import annotations

import json
import sqlite3
import sys
import time
from array import array
from functools import lru_cache
from hashlib import blake2b
from collections.abc import Iterable
from pathlib import Path

from .cache import cache_dir, warn
from .document import Span
from .rules import Evidence, Diagnostic, Related, Severity

FILE_NAME = "results.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, content TEXT, prints TEXT);
CREATE TABLE IF NOT EXISTS prints (key TEXT PRIMARY KEY, encoding TEXT, chars INTEGER, shingles BLOB);
CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, diagnostics TEXT);
CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, facts TEXT);
CREATE TABLE IF NOT EXISTS extras (key TEXT PRIMARY KEY, data TEXT);
CREATE TABLE IF NOT EXISTS rendered (key TEXT PRIMARY KEY, text TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
BATCH = 500  # keys looked up in one query
CONNECT_RETRIES = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)  # seconds between tries while another run sets the file up


def digest(*parts: object) -> str:
    h = blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def stamp(rules: list) -> str:
    """What the cached results depend on besides the inputs: this factcheck (version and
    source files, word lists included) and the modules the rules come from."""
    from . import __version__

    package = tuple(sorted(p for p in Path(__file__).parent.rglob("*")
                           if p.suffix in (".py", ".toml", ".txt", ".json", ".mo")))
    modules = tuple(sorted({Path(m.__file__) for m in (sys.modules.get(r.__module__) for r in rules)
                            if m is not None and getattr(m, "__file__", None)}))
    return digest(__version__, sys.version_info[:2], _contents(package), _contents(modules))


@lru_cache(maxsize=8)
def _contents(files: tuple[Path, ...]) -> bytes:
    h = blake2b(digest_size=16)
    for path in files:  # contents, not times: a fresh install of the same code keeps its results
        h.update(path.name.encode("utf-8", "surrogateescape"))
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"\0unreadable")
    return h.digest()


class ResultCache:
    """The open cache file; every method answers "nothing cached" once it is unusable."""

    def __init__(self, path: Path | None = None, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.db: sqlite3.Connection | None = None
        self._warned = False
        if path is not None:
            self._open()

    @classmethod
    def default(cls) -> "ResultCache":
        try:
            return cls(cache_dir() / FILE_NAME)
        except OSError as exc:
            warn(f"no cache folder ({exc}); the result cache is off for this run")
            return cls(None)

    def _open(self) -> None:
        try:
            self.db = self._connect_patiently()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) or self.readonly:
                return self._give_up(f"cannot use the result cache {self.path} ({exc}); checking without it")
            warn(f"the result cache {self.path} is damaged ({exc}); rebuilt")
            self._warned = True
            remove(self.path)
            try:
                self.db = self._connect()
            except sqlite3.DatabaseError as again:
                self._give_up(f"cannot rebuild the result cache {self.path} ({again}); checking without it")

    def _connect_patiently(self) -> sqlite3.Connection:
        """_connect, tried again while another run holds the file: switching a new file to WAL
        and creating its tables can be refused at once (database is locked), without the
        busy timeout, when several runs start on one cache together."""
        for wait in CONNECT_RETRIES:
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                time.sleep(wait)
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:  # a worker process: it reads, the main process writes
            db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, timeout=10, check_same_thread=False)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    def _give_up(self, message: str) -> None:
        if not self._warned:
            warn(message)
            self._warned = True
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None

    def _failed(self, exc: sqlite3.Error) -> None:
        """A read or write failed in mid-run: a damaged file goes (to be rebuilt next run)."""
        damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
        if damaged and not self.readonly:
            self._give_up(f"the result cache {self.path} is damaged ({exc}); removed, to be rebuilt next run")
            remove(self.path)
        else:
            self._give_up(f"cannot use the result cache {self.path} ({exc}); going on without it")

    def _get_many(self, sql: str, keys: list[str]) -> dict[str, tuple]:
        """key -> the rest of its row, for the keys found; ``sql`` ends in ``IN ({})``."""
        found: dict[str, tuple] = {}
        for start in range(0, len(keys), BATCH):
            if self.db is None:
                break
            chunk = keys[start:start + BATCH]
            try:
                rows = self.db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
            except sqlite3.Error as exc:
                self._failed(exc)
                break
            found.update((row[0], row[1:]) for row in rows)
        return found

    def _put(self, sql: str, rows: list[tuple]) -> None:
        if self.db is None or not rows or self.readonly:
            return
        try:
            with self.db:  # one transaction: a concurrent run sees all of it or none
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany(sql, rows)
        except sqlite3.Error as exc:
            self._failed(exc)

    def adopt(self, version: str) -> None:
        """Forget what another version of factcheck found (no key of this one can match
        it), so that the file does not grow with every upgrade."""
        if self.db is None or self.readonly:
            return
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is not None and row[0] == version:
                return
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                for table in ("files", "prints", "findings", "extras", "rendered"):
                    self.db.execute(f"DELETE FROM {table}")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
        except sqlite3.Error as exc:
            self._failed(exc)

    def files(self, keys: list[str]) -> dict[str, tuple[str, str, str, int, set[int]]]:
        """stat key -> (content hash, prints key, encoding, chars, shingles) of the files known."""
        rows = self._get_many("SELECT f.key, f.content, f.prints, p.encoding, p.chars, p.shingles FROM files f "
                              "JOIN prints p ON p.key = f.prints WHERE f.key IN ({})", keys)
        found = {}
        for key, (content, prints, *rest) in rows.items():
            known = _prints(rest)
            if known is not None:
                found[key] = (content, prints, *known)
        return found

    def store_files(self, rows: list[tuple[str, str, str]]) -> None:
        self._put("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", rows)

    def prints(self, keys: list[str]) -> dict[str, tuple[str, int, array]]:
        rows = self._get_many("SELECT key, encoding, chars, shingles FROM prints WHERE key IN ({})", keys)
        return {key: _prints(row) for key, row in rows.items() if _prints(row) is not None}

    def store_prints(self, rows: list[tuple[str, str, int, "Iterable[int]"]]) -> None:
        self._put("INSERT OR REPLACE INTO prints VALUES (?, ?, ?, ?)",
                  [(key, encoding, chars, array("Q", sorted(shingles)).tobytes())
                   for key, encoding, chars, shingles in rows])

    def findings(self, keys: dict[str, dict[str, str]]) -> dict[str, list[Diagnostic]]:
        """The findings kept under each key, their paths renamed as the key's map says."""
        found = {}
        for key, (text,) in self._get_many("SELECT key, diagnostics FROM findings WHERE key IN ({})",
                                           list(keys)).items():
            try:
                found[key] = [_diagnostic(_renamed(d, keys[key])) for d in json.loads(text)]
            except (TypeError, ValueError, KeyError, IndexError):  # a row not of this schema: not trusted
                pass
        return found

    def store_findings(self, rows: list[tuple[str, list[Diagnostic], dict[str, str]]]) -> None:
        """Findings by key, their paths renamed as each row's map says."""
        self._put("INSERT OR REPLACE INTO findings VALUES (?, ?)",
                  [(key, json.dumps([_renamed(finding_row(d), names) for d in found], ensure_ascii=False))
                   for key, found, names in rows])

    def extras(self, keys: list[str]) -> dict[str, tuple[list | None, dict]]:
        """(table rows or None, {path: (lines, {line: text})}) by key (``store_extras``)."""
        from .stories import TableRow

        found = {}
        for key, (text,) in self._get_many("SELECT key, data FROM extras WHERE key IN ({})", keys).items():
            try:
                table, quoted = json.loads(text)
                rows = None if table is None else [
                    TableRow(tuple(None if c is None else (str(c[0]), int(c[1])) for c in cells), str(metric),
                             bool(agree), None if odd is None else int(odd)) for cells, metric, agree, odd in table]
                found[key] = (rows, {path: (int(n), {int(k): str(v) for k, v in lines.items()})
                                     for path, (n, lines) in quoted.items()})
            except (TypeError, ValueError, AttributeError):  # a row not of this schema: not trusted
                pass
        return found

    def store_extras(self, rows: list[tuple[str, list | None, dict]]) -> None:
        def plain(table: list | None) -> list | None:
            return None if table is None else [[[None if c is None else list(c) for c in r.cells], r.metric,
                                                 r.agree, r.odd] for r in table]

        self._put("INSERT OR REPLACE INTO extras VALUES (?, ?)",
                  [(key, json.dumps([plain(table), quoted], ensure_ascii=False)) for key, table, quoted in rows])

    def rendered(self, keys: list[str]) -> dict[str, str]:
        """The terminal report's text of a file's findings, by key (``report.terminal``)."""
        return {key: text for key, (text,) in self._get_many("SELECT key, text FROM rendered WHERE key IN ({})",
                                                             keys).items() if isinstance(text, str)}

    def store_rendered(self, rows: list[tuple[str, str]]) -> None:
        self._put("INSERT OR REPLACE INTO rendered VALUES (?, ?)", rows)

    def facts(self, keys: list[str]) -> dict[str, list]:
        """What the cross-report rules read of each report (``keys.Facts`` as JSON), by key."""
        found = {}
        for key, (text,) in self._get_many("SELECT key, facts FROM facts WHERE key IN ({})", keys).items():
            try:
                found[key] = json.loads(text)
            except (TypeError, ValueError):  # a row not of this schema: not trusted
                pass
        return found

    def store_facts(self, rows: list[tuple[str, list]]) -> None:
        self._put("INSERT OR REPLACE INTO facts VALUES (?, ?)",
                  [(key, json.dumps(value, ensure_ascii=False)) for key, value in rows])

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def remove(path: Path) -> list[Path]:
    """Delete the cache file and its WAL companions; the files that were there."""
    gone = []
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            name.unlink()
            gone.append(name)
        except FileNotFoundError:
            pass
        except OSError as exc:
            warn(f"cannot remove {name}: {exc.strerror or exc}")
    return gone


def _prints(row) -> tuple[str, int, array] | None:
    encoding, chars, shingles = row
    try:
        return str(encoding), int(chars), array("Q", shingles)
    except (TypeError, ValueError):  # a row not of this schema: not trusted
        return None


_SPAN_FIELDS = ("path", "start", "end", "text", "line", "column", "end_line", "end_column", "page", "paragraph")


def _span_plain(span: Span) -> list:
    return [getattr(span, f) for f in _SPAN_FIELDS]


def finding_row(d: Diagnostic) -> list:
    """A finding as the lists and plain values it is kept as (``_diagnostic`` makes it again)."""
    return [d.code, d.name, int(d.severity), d.message, _span_plain(d.span), d.suggestion,
            [[_span_plain(r.span), r.message] for r in d.related], d.confidence, d.evidence.value]


def _renamed(row: list, names: dict[str, str] | None) -> list:
    """A finding's row (``finding_row``) with the paths ``names`` maps renamed, in place."""
    if names:
        for span in (row[4], *(r[0] for r in row[6])):
            span[0] = names.get(span[0], span[0])
    return row


def _diagnostic(row: list) -> Diagnostic:
    code, name, severity, message, span, suggestion, related, confidence, evidence = row
    return Diagnostic(code, name, Severity(severity), message, Span(*span), suggestion,
                      tuple(Related(Span(*s), m) for s, m in related), confidence, Evidence(evidence))


def clear() -> tuple[Path, list[Path]]:
    """Empty factcheck's cache folder (results, trimmed dictionary, tables): the folder and the files removed."""
    folder = cache_dir()
    gone = remove(folder / FILE_NAME)
    for path in sorted(folder.iterdir()):
        if path.is_file():
            try:
                path.unlink()
                gone.append(path)
            except OSError as exc:
                warn(f"cannot remove {path}: {exc.strerror or exc}")
    return folder, gone


def usable_from_workers(cache: "ResultCache | None") -> Path | None:
    """The file worker processes may open read-only, or None."""
    return cache.path if cache is not None and cache.db is not None else None

