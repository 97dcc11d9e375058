"""The archive: the keyed figures of published reports, kept in SQLite (a file, the
default) or PostgreSQL (``postgresql://…``, shared by many desks), so that a draft can
be checked against what was already published (X102 archive-conflict).

Only figures with a cross-report key (``factcheck.keys.key``) are stored, each with
its key, value, bounds, unit, text and span, under its report's path, content hash
(SHA-256 of the decoded text) and date. The date is the one a 发布时间/日期 line
states, else the report's first full date (2020年3月25日, 2020-03-25), else the
file's modification time (``reports.date_from`` says which: label, text, mtime).

Indexing is incremental: a report whose stored hash equals its text's is not
extracted again; a changed one has its rows replaced in one transaction, so a
check (one read transaction) sees the old rows or the new, never half of them.

The schema is versioned: ``meta.schema_version`` counts the steps of ``MIGRATIONS``
applied. Opening an older store applies the missing steps in order, in one
transaction; a store newer than this program is refused (ArchiveError).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .document import Document, Span
from .figures import Figure, extract
from .keys import Key, key
from .readers import ReadError, read_path


class ArchiveError(Exception):
    """The archive cannot be opened or used: missing, newer than this program, unreachable."""


# Each step is the SQL that brings a store from version i to i + 1; never edit a step
# that has shipped, add one. "{id}" is the dialect's auto-numbered primary key.
MIGRATIONS: list[list[str]] = [
    [  # 1: reports and their keyed figures
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE reports (
            id {id},
            path TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL,
            report_date TEXT,
            date_from TEXT NOT NULL,
            indexed_at TEXT NOT NULL,
            figure_count INTEGER NOT NULL)""",
        "CREATE INDEX reports_by_hash ON reports (content_hash)",
        """CREATE TABLE figures (
            id {id},
            report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
            place TEXT NOT NULL,
            metric TEXT NOT NULL,
            period TEXT NOT NULL,
            cumulative BOOLEAN NOT NULL,
            family TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            value DOUBLE PRECISION NOT NULL,
            unit TEXT,
            approx TEXT,
            base_value DOUBLE PRECISION NOT NULL,
            low DOUBLE PRECISION NOT NULL,
            high DOUBLE PRECISION NOT NULL,
            value_precision DOUBLE PRECISION NOT NULL,
            rounded BOOLEAN NOT NULL,
            line INTEGER NOT NULL,
            col INTEGER NOT NULL,
            end_line INTEGER NOT NULL,
            end_col INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            UNIQUE (report_id, start_offset, end_offset))""",
        "CREATE INDEX figures_by_key ON figures (place, metric, period, cumulative, family)",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT = 60.0  # seconds a SQLite writer waits for another to finish


def content_hash(doc: Document) -> str:
    return hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()


_DATE = r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))"
_LABELLED_DATE = re.compile(r"(?:发布|发表|更新|刊发|出版)?(?:时间|日期)\s*[:：]?\s*" + _DATE)
_ANY_DATE = re.compile(_DATE)


def report_date(doc: Document) -> tuple[str | None, str]:
    """(ISO date, where it came from): a 发布时间/日期 line, else the first full date of
    the text, else the file's modification time, else (None, "unknown")."""
    for pattern, source in ((_LABELLED_DATE, "label"), (_ANY_DATE, "text")):
        for m in pattern.finditer(doc.norm):
            year, month, day = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
            try:
                return dt.date(int(year), int(month), int(day)).isoformat(), source
            except ValueError:
                continue  # 2020年13月1日 is no date
    try:
        return dt.date.fromtimestamp(os.stat(doc.path).st_mtime).isoformat(), "mtime"
    except (OSError, ValueError):
        return None, "unknown"


@dataclass(frozen=True)
class Published:
    """A stored figure: what ``align.same_figure`` reads of a Figure (unit, family, kind,
    approx, base_value, base_bounds, precision, rounded, scale), its key, and where it was published."""

    key: Key
    path: str
    content_hash: str
    report_date: str | None
    text: str
    value: float
    unit: str | None
    kind: str
    approx: str | None
    base_value: float
    base_bounds: tuple[float, float]
    precision: float
    rounded: bool
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    @property
    def family(self) -> str:
        return self.key.family

    @property
    def scale(self) -> float:
        """The unit's size in the family's base unit (亩 in square metres), as Figure.scale."""
        return self.base_value / self.value if self.value else 1.0

    @property
    def span(self) -> Span:
        return Span(self.path, self.start, self.end, self.text, self.line, self.column,
                    self.end_line, self.end_column)


@dataclass
class IndexResult:
    indexed: list[str] = field(default_factory=list)     # new or changed reports, stored
    unchanged: list[str] = field(default_factory=list)   # same hash as stored: not extracted
    errors: list[ReadError] = field(default_factory=list)
    figures: int = 0                                     # keyed figures stored


_FIGURE_COLUMNS = ("report_id, place, metric, period, cumulative, family, kind, text, value, unit, approx, "
                   "base_value, low, high, value_precision, rounded, line, col, end_line, end_col, "
                   "start_offset, end_offset")
_PUBLISHED = ("SELECT f.place, f.metric, f.period, f.cumulative, f.family, r.path, r.content_hash, r.report_date, "
              "f.text, f.value, f.unit, f.kind, f.approx, f.base_value, f.low, f.high, f.value_precision, f.rounded, "
              "f.line, f.col, f.end_line, f.end_col, f.start_offset, f.end_offset "
              "FROM figures f JOIN reports r ON r.id = f.report_id")


def _published(row) -> Published:
    place, metric, period, cumulative, family, *rest = row
    path, digest, date, text, value, unit, kind, approx, base_value, low, high, precision, rounded, *span = rest
    return Published(Key(place, metric, period or None, bool(cumulative), family), path, digest, date, text,
                     value, unit, kind, approx, base_value, (low, high), precision, bool(rounded), *span)


def _rows(doc: Document, figures: list[Figure]) -> list[tuple]:
    rows = []
    for f in figures:
        k = key(f)
        if k is None:
            continue
        span = doc.span(f.start, f.end)
        low, high = f.base_bounds
        rows.append((k.place, k.metric, k.period or "", k.cumulative, k.family, f.kind, f.text, f.value, f.unit,
                     f.approx, f.base_value, low, high, f.precision, f.rounded, span.line, span.column,
                     span.end_line, span.end_column, span.start, span.end))
    return rows


class _SQLite:
    placeholder = "?"
    identity = "INTEGER PRIMARY KEY"
    begin_write = "BEGIN IMMEDIATE"  # take the write lock now: a deferred one could fail to upgrade
    begin_read = "BEGIN"

    def __init__(self, path: str) -> None:
        self.path = path

    def connect(self, create: bool):
        if not create and not os.path.exists(self.path):
            raise ArchiveError(f"no archive at {self.path}: `factcheck index PATH... --db {self.path}` makes one")
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            # WAL: readers see the last committed transaction while a writer works.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot open the archive {self.path}: {exc}") from None
        return conn

    @contextmanager
    def schema_lock(self, conn) -> Iterator[None]:
        yield  # the migration's BEGIN IMMEDIATE holds the one write lock

    def has_meta(self, conn) -> bool:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone() is not None


class _Postgres:
    placeholder = "%s"
    identity = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    begin_write = "BEGIN"
    # One snapshot for the whole check: every query sees the same committed reports.
    begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    _SCHEMA_LOCK = 0x66616374  # advisory lock id: one process migrates at a time

    def __init__(self, url: str) -> None:
        self.url = url

    def connect(self, create: bool):
        try:
            import psycopg
        except ImportError:
            raise ArchiveError("a PostgreSQL archive needs psycopg: pip install 'factcheck[postgres]'") from None
        try:
            return psycopg.connect(self.url, autocommit=True)  # transactions are begun explicitly
        except psycopg.Error as exc:
            raise ArchiveError(f"cannot connect to the archive: {str(exc).strip()}") from None

    @contextmanager
    def schema_lock(self, conn) -> Iterator[None]:
        # Taken before the migration's transaction begins, so that the transaction starts
        # with the catalog as the previous holder left it (a lock taken inside it would
        # leave this session's cached "no table meta" in place).
        conn.execute(f"SELECT pg_advisory_lock({self._SCHEMA_LOCK})")
        try:
            yield
        finally:
            conn.execute(f"SELECT pg_advisory_unlock({self._SCHEMA_LOCK})")

    def has_meta(self, conn) -> bool:
        return conn.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()[0]


def _shown(target: str) -> str:
    """The target as messages show it: a URL without its password."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", target)


def _dialect(target: str):
    if re.match(r"postgres(?:ql)?(?:\+psycopg)?://", target):
        return _Postgres(target.replace("+psycopg", "", 1))
    return _SQLite(target.removeprefix("sqlite:///"))


class Archive:
    """One connection to a store. ``Archive.open(target)`` creates or migrates the schema;
    use it as a context manager, or call ``close()``."""

    def __init__(self, target: str, conn, dialect) -> None:
        self.target, self._conn, self._dialect = _shown(target), conn, dialect

    @classmethod
    def open(cls, target: str, create: bool = True) -> "Archive":
        """The archive at ``target`` (a SQLite file path, or a postgresql:// URL). ``create``
        False: a missing SQLite file is an ArchiveError rather than a new empty store."""
        dialect = _dialect(target)
        archive = cls(target, dialect.connect(create), dialect)
        try:
            archive._migrate(create)
        except BaseException:
            archive.close()
            raise
        return archive

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- transactions and schema ---

    def _sql(self, statement: str) -> str:
        return statement.replace("?", self._dialect.placeholder).replace("{id}", self._dialect.identity)

    @contextmanager
    def _transaction(self, write: bool) -> Iterator:
        conn = self._conn
        conn.execute(self._dialect.begin_write if write else self._dialect.begin_read)
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _migrate(self, create: bool) -> None:
        with self._transaction(write=False) as conn:
            version = self._check_version(self._version(conn), create)
        if version == SCHEMA_VERSION:
            return
        with self._dialect.schema_lock(self._conn), self._transaction(write=True) as conn:
            version = self._check_version(self._version(conn), create)  # another process may have migrated
            for step in MIGRATIONS[version:]:
                for statement in step:
                    conn.execute(self._sql(statement))
            if version < SCHEMA_VERSION:
                conn.execute(self._sql("DELETE FROM meta WHERE name = 'schema_version'"))
                conn.execute(self._sql("INSERT INTO meta (name, value) VALUES ('schema_version', ?)"),
                             (str(SCHEMA_VERSION),))

    def _check_version(self, version: int, create: bool) -> int:
        if version > SCHEMA_VERSION:
            raise ArchiveError(f"the archive {self.target} has schema version {version}, newer than "
                               f"this factcheck's {SCHEMA_VERSION}: upgrade factcheck to use it")
        if version == 0 and not create:
            raise ArchiveError(f"{self.target} holds no archive: `factcheck index PATH... --db {self.target}` makes one")
        return version

    def _version(self, conn) -> int:
        if not self._dialect.has_meta(conn):
            return 0
        row = conn.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def schema_version(self) -> int:
        with self._transaction(write=False) as conn:
            return self._version(conn)

    # --- indexing ---

    def stored_hash(self, path: str) -> str | None:
        with self._transaction(write=False) as conn:
            row = conn.execute(self._sql("SELECT content_hash FROM reports WHERE path = ?"), (path,)).fetchone()
        return row[0] if row else None

    def index(self, paths: Iterable[str]) -> IndexResult:
        """Store the reports at ``paths`` (files), skipping those whose text is unchanged."""
        result = IndexResult()
        for path in paths:
            doc = read_path(path)
            if isinstance(doc, ReadError):
                result.errors.append(doc)
                continue
            if self.stored_hash(doc.path) == content_hash(doc):
                result.unchanged.append(doc.path)
                continue
            try:
                result.figures += self.add(doc)
            except Exception as exc:  # a bug on one report must not stop the others
                result.errors.append(ReadError(doc.path, f"not indexed: {type(exc).__name__}: {exc}"))
                continue
            result.indexed.append(doc.path)
        return result

    def add(self, doc: Document) -> int:
        """Extract ``doc``'s figures and store the keyed ones in place of its earlier rows,
        in one transaction. Returns how many were stored."""
        digest = content_hash(doc)
        rows = _rows(doc, extract(doc))
        date, date_from = report_date(doc)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._transaction(write=True) as conn:
            # The upsert locks the report's row (PostgreSQL) or the whole store (SQLite)
            # until commit: writers of one report take turns, and none sees the other's rows.
            report_id = conn.execute(self._sql(
                "INSERT INTO reports (path, content_hash, report_date, date_from, indexed_at, figure_count) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET content_hash = excluded.content_hash, "
                "report_date = excluded.report_date, date_from = excluded.date_from, "
                "indexed_at = excluded.indexed_at, figure_count = excluded.figure_count RETURNING id"),
                (doc.path, digest, date, date_from, now, len(rows))).fetchone()[0]
            conn.execute(self._sql("DELETE FROM figures WHERE report_id = ?"), (report_id,))
            if rows:
                marks = ", ".join("?" * (len(rows[0]) + 1))
                conn.cursor().executemany(self._sql(f"INSERT INTO figures ({_FIGURE_COLUMNS}) VALUES ({marks})"),
                                          [(report_id, *row) for row in rows])
        return len(rows)

    # --- reading ---

    def published(self, keys: Iterable[Key]) -> dict[Key, list[Published]]:
        """The stored figures of each key, all read in one transaction (one snapshot)."""
        found: dict[Key, list[Published]] = {}
        query = self._sql(_PUBLISHED + " WHERE f.place = ? AND f.metric = ? AND f.period = ? AND f.cumulative = ?"
                          " AND f.family = ? ORDER BY r.path, f.start_offset")
        with self._transaction(write=False) as conn:
            for k in dict.fromkeys(keys):
                rows = conn.execute(query, (k.place, k.metric, k.period or "", k.cumulative, k.family)).fetchall()
                found[k] = [_published(r) for r in rows]
        return found

    def query(self, place: str | None = None, metric: str | None = None, period: str | None = None) -> list[Published]:
        """Stored figures by place, metric and period (any of them; all when none is given)."""
        where, params = [], []
        for column, value in (("f.place", place), ("f.metric", metric), ("f.period", period)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = _PUBLISHED + (" WHERE " + " AND ".join(where) if where else "") + \
            " ORDER BY f.place, f.metric, f.period, r.report_date, r.path, f.start_offset"
        with self._transaction(write=False) as conn:
            return [_published(r) for r in conn.execute(self._sql(sql), params).fetchall()]

    def stats(self) -> dict[str, int]:
        with self._transaction(write=False) as conn:
            one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
            return {"schema_version": self._version(conn),
                    "reports": one("SELECT COUNT(*) FROM reports"),
                    "figures": one("SELECT COUNT(*) FROM figures"),
                    "places": one("SELECT COUNT(DISTINCT place) FROM figures"),
                    "metrics": one("SELECT COUNT(DISTINCT metric) FROM figures")}
