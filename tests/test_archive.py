"""The archive of published figures (factcheck/archive.py) on SQLite and on a real
PostgreSQL server, X102 archive-conflict against it, and the index/archive commands."""
import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import factcheck.archive as archive_module
from archive_worker import places, report_path, write_reports
from factcheck.align import same_figure
from factcheck.api import check
from factcheck.archive import SCHEMA_VERSION, Archive, ArchiveError, report_date
from factcheck.cli import main
from factcheck.document import Document
from factcheck.keys import key
from factcheck.readers import read_path
from factcheck.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))
OVERVIEW = str(ROOT / "samples" / "baicheng-overview.blog.txt")
WORKER = str(Path(__file__).parent / "archive_worker.py")
X102 = [r for r in load_rules() if r.name == "archive-conflict"]


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- a throwaway PostgreSQL server, from Debian's package -------------------------------------

def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """The URL of a PostgreSQL server started for these tests in a temporary folder (as the
    postgres user when run as root: initdb refuses root), stopped afterwards."""
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[postgres]'")
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): no initdb in /usr/lib/postgresql")
    as_user: list[str] = []
    folder = tempfile.mkdtemp(prefix="fcpg")
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
        try:
            shutil.chown(folder, "postgres", "postgres")
        except (LookupError, OSError) as exc:
            pytest.skip(f"no postgres user to run the server as: {exc}")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = os.path.join(folder, "data"), _free_port()
    log = os.path.join(folder, "log")
    steps = [[str(bin_dir / "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"],
             [str(bin_dir / "pg_ctl"), "-D", data, "-l", log, "-w", "-t", "60", "-o",
              f"-k {folder} -p {port} -c listen_addresses='' -c fsync=off -c max_connections=50", "start"]]
    for step in steps:
        done = subprocess.run(as_user + step, capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            pytest.skip(f"PostgreSQL could not start ({Path(step[0]).name}): {done.stderr.strip()[-300:]}")
    try:
        yield f"postgresql://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(as_user + [str(bin_dir / "pg_ctl"), "-D", data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_server, request):
    """A fresh database on the test server, for one test."""
    import psycopg

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return postgres_server.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """The archive's target on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.sqlite")
    return request.getfixturevalue("postgres_db")


# --- storing and reading ----------------------------------------------------------------------

def test_index_stores_keyed_figures_with_their_report_and_span(db):
    with Archive.open(db) as archive:
        result = archive.index(SAMPLES)
        assert sorted(result.indexed) == SAMPLES and not result.errors
        stats = archive.stats()
        found = archive.query(place="白城市", metric="贫困人口")
    assert stats["reports"] == len(SAMPLES) and stats["figures"] == result.figures > 0
    assert stats["schema_version"] == SCHEMA_VERSION and stats["places"] >= 4
    doc = read_path(OVERVIEW)
    expected = [(f.text, doc.span(f.start, f.end).line) for f in archive_module.extract(doc)
                if (k := key(f)) and (k.place, k.metric) == ("白城市", "贫困人口")]
    assert expected and sorted((p.text, p.line) for p in found) == sorted(expected)  # query: by period first
    assert all(p.path == OVERVIEW and p.report_date for p in found)
    first = found[0]  # the span is the original text's
    assert doc.text[first.start:first.end] == first.text
    assert doc.text.splitlines()[first.line - 1][first.column - 1:].startswith(first.text)


def test_reindexing_unchanged_reports_extracts_nothing(db, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in SAMPLES:
        shutil.copy(path, folder)
    extracted = []
    real = archive_module.extract
    monkeypatch.setattr(archive_module, "extract", lambda doc: extracted.append(doc.path) or real(doc))
    paths = sorted(str(p) for p in folder.iterdir())
    with Archive.open(db) as archive:
        first = archive.index(paths)
        assert len(extracted) == len(paths) and len(first.indexed) == len(paths)
        extracted.clear()
        second = archive.index(paths)
        assert extracted == [] and second.indexed == [] and sorted(second.unchanged) == paths
        changed = folder / "baicheng-overview.blog.txt"
        changed.write_text(changed.read_text(encoding="utf-8").replace("1526人", "1562人"), encoding="utf-8")
        third = archive.index(paths)
        assert extracted == [str(changed)] and third.indexed == [str(changed)]
        texts = [p.text for p in archive.query(place="白城市", metric="贫困人口")]
        assert "1562人" in texts and "1526人" not in texts  # replaced, not added beside
        assert archive.stats()["figures"] == first.figures


def test_a_failed_write_leaves_the_report_as_it_was(db, monkeypatch):
    """One transaction per report: a write that fails half-way (two rows for one span break
    the unique constraint) leaves the earlier version whole."""
    with Archive.open(db) as archive:
        archive.index([OVERVIEW])
        before = archive.query()
        doc = read_path(OVERVIEW)
        doc.text += "\n"  # a new version of the report
        real = archive_module._rows
        monkeypatch.setattr(archive_module, "_rows", lambda d, figures: (rows := real(d, figures)) + rows[:1])
        with pytest.raises(Exception):
            archive.add(doc)
        assert archive.query() == before


def test_report_date_from_a_label_the_text_or_the_file(tmp_path):
    labelled = Document.from_text("a.txt", "白城市新闻\n发布时间:2020-03-25 09:50:00\n2019年4月28日，镇赉县退出。")
    assert report_date(labelled) == ("2020-03-25", "label")
    assert report_date(Document.from_text("b.txt", "2019年4月28日，镇赉县退出。")) == ("2019-04-28", "text")
    assert report_date(Document.from_text("c.txt", "2019年13月28日，镇赉县退出。")) == (None, "unknown")
    path = tmp_path / "d.txt"
    path.write_text("镇赉县退出。", encoding="utf-8")
    os.utime(path, (1_600_000_000, 1_600_000_000))
    assert report_date(Document.from_text(str(path), "镇赉县退出。"))[1] == "mtime"


# --- the schema -------------------------------------------------------------------------------

def test_a_store_newer_than_the_program_is_refused(db):
    Archive.open(db).close()
    with Archive.open(db) as archive, archive._transaction(write=True) as conn:
        conn.execute(archive._sql("UPDATE meta SET value = ? WHERE name = 'schema_version'"),
                     (str(SCHEMA_VERSION + 1),))
    with pytest.raises(ArchiveError, match=f"schema version {SCHEMA_VERSION + 1}, newer than"):
        Archive.open(db)


def test_an_older_store_is_migrated_step_by_step(db, monkeypatch):
    """A store made by this version, opened by a program with one more migration step,
    gets that step (and only it) and keeps its reports."""
    with Archive.open(db) as archive:
        archive.index([OVERVIEW])
        before = archive.query()
    step = ["ALTER TABLE reports ADD COLUMN desk TEXT",
            "UPDATE reports SET desk = 'unknown'"]
    monkeypatch.setattr(archive_module, "MIGRATIONS", archive_module.MIGRATIONS + [step])
    monkeypatch.setattr(archive_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Archive.open(db) as archive:
        assert archive.schema_version() == SCHEMA_VERSION + 1
        assert archive.query() == before
        with archive._transaction(write=False) as conn:
            assert conn.execute("SELECT DISTINCT desk FROM reports").fetchall() == [("unknown",)]
    Archive.open(db).close()  # and not again


def test_reading_a_missing_store_is_a_clear_error(tmp_path):
    missing = str(tmp_path / "none.sqlite")
    with pytest.raises(ArchiveError, match="no archive at"):
        Archive.open(missing, create=False)
    assert not os.path.exists(missing)
    result = CliRunner().invoke(main, ["check", OVERVIEW, "--against", missing])
    assert result.exit_code == 2 and "no archive at" in result.output


# --- X102 archive-conflict --------------------------------------------------------------------

def test_an_altered_draft_is_found_and_cites_the_published_report(tmp_path):
    db = str(tmp_path / "archive.sqlite")
    result = run("index", str(ROOT / "samples"), "--db", db)
    assert result.exit_code == 0 and f"indexed {len(SAMPLES)} reports" in result.output
    again = run("index", str(ROOT / "samples"), "--db", db)
    assert f"{len(SAMPLES)} unchanged" in again.output
    draft = tmp_path / "draft.txt"
    text = Path(OVERVIEW).read_text(encoding="utf-8")
    draft.write_text(text.replace("贫困人口减少到1526人", "贫困人口减少到1562人"), encoding="utf-8")
    result = run("check", str(draft), "--against", db, "--format", "json", "--select", "X102")
    found = json.loads(result.output)["diagnostics"]
    assert [d["text"] for d in found] == ["1562人"]
    related = found[0]["related"][0]
    published_line = text.splitlines().index(next(l for l in text.splitlines() if "减少到1526人" in l)) + 1
    assert related["path"] == OVERVIEW and related["line"] == published_line and related["text"] == "1526人"


def test_the_archive_rule_reads_the_facts_the_workers_made(tmp_path, monkeypatch):
    """With workers, --against extracts no figure in the main process: the rule reads each
    report's keyed figures from its Facts (made beside its findings, or kept in the cache)."""
    import factcheck.engine as engine

    db = str(tmp_path / "archive.sqlite")
    run("index", str(ROOT / "samples"), "--db", db)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    text = Path(OVERVIEW).read_text(encoding="utf-8")
    (drafts / "draft.txt").write_text(text.replace("贫困人口减少到1526人", "贫困人口减少到1562人"), encoding="utf-8")
    for sample in SAMPLES:
        shutil.copy(sample, drafts / Path(sample).name)
    monkeypatch.setattr(engine, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(engine, "POOL_MIN_UNITS", 1)
    extracted = []
    real = engine.extract
    monkeypatch.setattr(engine, "extract", lambda doc: extracted.append(doc.path) or real(doc))
    main_process = os.getpid()
    with Archive.open(db) as archive:
        report = check([str(drafts)], jobs=2, cache=False, archive=archive, quotes=False)
    assert "1562人" in [d.span.text for d in report.diagnostics if d.code == "X102"]
    assert os.getpid() == main_process and extracted == []  # (the workers' extractions are counted there)


def test_the_archive_commands(tmp_path):
    db = str(tmp_path / "archive.sqlite")
    run("index", str(ROOT / "samples"), "--db", db)
    stats = run("archive", "stats", "--db", db).output
    assert f"reports: {len(SAMPLES)}" in stats and f"schema version: {SCHEMA_VERSION}" in stats
    rows = json.loads(run("archive", "query", "--db", db, "--place", "白城市", "--metric", "贫困人口",
                          "--format", "json").output)
    assert rows and {(r["place"], r["metric"]) for r in rows} == {("白城市", "贫困人口")}
    assert all(r["path"] == OVERVIEW and r["line"] >= 1 for r in rows)
    table = run("archive", "query", "--db", db, "--place", "白城市", "--metric", "贫困人口").output
    assert f"{OVERVIEW}:{rows[0]['line']}:" in table


def _keyed_spans(doc):
    return [(f, k) for f in archive_module.extract(doc) if (k := key(f)) is not None]


@pytest.fixture(scope="module")
def sample_archive(tmp_path_factory):
    """One archive per sample report that has keyed figures, each holding that report alone."""
    made = {}
    for path in SAMPLES:
        doc = read_path(path)
        if not _keyed_spans(doc):
            continue
        target = str(tmp_path_factory.mktemp("archive") / "archive.sqlite")
        with Archive.open(target) as archive:
            archive.add(doc)
        made[path] = target
    return made


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_draft_agreeing_with_the_archive_raises_nothing_and_any_altered_figure_is_found(sample_archive, data):
    path = data.draw(st.sampled_from(sorted(sample_archive)))
    original = read_path(path)
    with Archive.open(sample_archive[path], create=False) as archive:
        # The published text saved again with another line at the end: agrees with the archive.
        same = Document.from_text("draft.txt", original.text + "\n（完）\n")
        assert check([same], rules=X102, archive=archive).diagnostics == []
        keyed = _keyed_spans(original)
        figure, k = data.draw(st.sampled_from(keyed))
        digits = figure.quantity.digits
        assume(digits and digits.replace(".", "").isdigit())
        new = str(data.draw(st.integers(min_value=1, max_value=10 ** 6)))
        span = original.span(figure.start, figure.end)
        at = original.text.index(digits, span.start, span.end)
        altered = Document.from_text("draft.txt", original.text[:at] + new + original.text[at + len(digits):])
        changed = [(f, fk) for f, fk in _keyed_spans(altered) if altered.span(f.start, f.end).start == span.start]
        assume(changed and changed[0][1] == k)  # still the same key
        published = archive.published([k])[k]
        assume(not any(same_figure(changed[0][0], p) for p in published))  # a value no report states
        found = check([altered], rules=X102, archive=archive).diagnostics
    assert [d.span.start for d in found] == [span.start]
    assert found[0].related[0].span.path == path


# --- several processes at once ----------------------------------------------------------------

def _index_process(folder, db):
    return subprocess.Popen([sys.executable, "-m", "factcheck", "index", folder, "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _concurrently(db, tmp_path, count, indexers):
    """``indexers`` index processes at once over ``count`` reports, then again over the reports'
    second versions, while a checker process reads the archive all along."""
    folder = str(tmp_path / "reports")
    os.mkdir(folder)
    stop = str(tmp_path / "stop")
    write_reports(folder, count, 0)
    checker = subprocess.Popen([sys.executable, WORKER, "check", db, folder, str(count), stop],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for version in (0, 1):
            if version:
                write_reports(folder, count, version)
            running = [_index_process(folder, db) for _ in range(indexers)]
            for process in running:
                out, err = process.communicate(timeout=600)
                assert process.returncode == 0, err
    finally:
        Path(stop).touch()
    out, err = checker.communicate(timeout=600)
    assert checker.returncode == 0, err
    return json.loads(out), folder


def _assert_one_row_set_per_report(db, folder, count):
    with Archive.open(db, create=False) as archive:
        stats = archive.stats()
        stored = archive.query()
    expected = {}
    for i, place in enumerate(places(count)):
        path = report_path(folder, i)
        doc = read_path(path)
        expected[path] = sorted(f.text for f, _k in _keyed_spans(doc))
    got = {path: [] for path in expected}
    for p in stored:
        got[p.path].append(p.text)
    assert stats["reports"] == count
    assert {path: sorted(texts) for path, texts in got.items()} == expected  # the second versions, once
    assert stats["figures"] == sum(map(len, expected.values()))


def test_concurrent_indexers_and_a_checker_on_sqlite(tmp_path):
    db = str(tmp_path / "archive.sqlite")
    seen, folder = _concurrently(db, tmp_path, count=150, indexers=3)
    assert seen["snapshots"] > 0 and seen["torn_count"] == 0, seen["torn"]
    _assert_one_row_set_per_report(db, folder, 150)
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_indexers_and_a_checker_on_postgresql(postgres_db, tmp_path):
    count = 1000
    started = time.monotonic()
    seen, folder = _concurrently(postgres_db, tmp_path, count=count, indexers=2)
    assert seen["snapshots"] > 0 and seen["torn_count"] == 0, seen["torn"]
    _assert_one_row_set_per_report(postgres_db, folder, count)
    print(f"{count} reports, 2 indexers and a checker: {time.monotonic() - started:.1f}s, "
          f"{seen['snapshots']} snapshots, versions seen {seen['versions']}")


def test_the_archive_may_come_from_the_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unnamed = CliRunner().invoke(main, ["index", OVERVIEW])
    assert unnamed.exit_code == 2 and "--db" in unnamed.output
    (tmp_path / "setup.cfg").write_text("[factcheck]\narchive = published.sqlite\n", encoding="utf-8")
    assert 'archive = "published.sqlite"' in run("check", "--show-config").output
    assert run("index", OVERVIEW).exit_code == 0 and (tmp_path / "published.sqlite").is_file()
    assert "reports: 1" in run("archive", "stats").output
    draft = tmp_path / "draft.txt"
    draft.write_text(Path(OVERVIEW).read_text(encoding="utf-8").replace("减少到1526人", "减少到1562人"),
                     encoding="utf-8")
    found = json.loads(run("check", str(draft), "--format", "json", "--select", "X102").output)["diagnostics"]
    assert [d["text"] for d in found] == ["1562人"]


def test_an_unreachable_server_is_a_clear_error_without_the_password(tmp_path):
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[postgres]'")
    with pytest.raises(ArchiveError, match="cannot connect") as raised:
        Archive.open(f"postgresql://desk:s3cret@/archive?host={tmp_path}&connect_timeout=2")
    assert "s3cret" not in str(raised.value)
