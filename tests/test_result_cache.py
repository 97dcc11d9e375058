"""The result cache (results.sqlite in the cache folder): a damaged, unreadable or
read-only file is rebuilt or bypassed with one warning and the report is the same;
concurrent runs leave it whole; `factcheck cache clear` empties the folder."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given
from hypothesis import strategies as st

import factcheck.results as results
from factcheck.cache import CacheWarning
from factcheck.cli import main
from test_parallel import build

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr(results, "cache_dir", lambda: cache)
    return cache


@pytest.fixture
def corpus(tmp_path):
    return str(build(tmp_path / "corpus", lone=2))


def checked(corpus: str, *options: str) -> tuple[str, list[str]]:
    """The JSON report and the cache warnings of one run (``options`` may name more paths)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        output = run("check", corpus, "--format", "json", "--jobs", "1", *options).output
    return output, [str(w.message) for w in caught if issubclass(w.category, CacheWarning)]


def intact(path: Path) -> bool:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and \
            db.execute("SELECT count(*) FROM findings").fetchone()[0] > 0


def test_a_run_fills_the_cache_and_the_next_reads_it(folder, corpus):
    fresh, said = checked(corpus, "--no-cache")
    assert said == [] and not (folder / results.FILE_NAME).exists()
    assert checked(corpus) == (fresh, [])
    assert intact(folder / results.FILE_NAME)
    assert checked(corpus) == (fresh, [])


@pytest.mark.parametrize("damage", [b"this is not a database\n" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_damaged_cache_is_rebuilt_with_one_warning(folder, corpus, damage):
    fresh, _ = checked(corpus, "--no-cache")
    (folder / results.FILE_NAME).write_bytes(damage)
    output, said = checked(corpus)
    assert output == fresh
    assert len(said) == 1 and "damaged" in said[0]
    assert checked(corpus) == (fresh, [])  # rebuilt: no warning the next time
    assert intact(folder / results.FILE_NAME)


def test_a_cache_damaged_inside_is_removed_with_one_warning(folder, corpus):
    fresh, _ = checked(corpus)
    path = folder / results.FILE_NAME
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), page):  # every page past the schema: garbage
        data[start:start + page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    output, said = checked(corpus)
    assert output == fresh
    assert len(said) == 1
    assert checked(corpus)[0] == fresh


def test_an_unreadable_cache_is_bypassed_with_one_warning(folder, corpus):
    fresh, _ = checked(corpus, "--no-cache")
    (folder / results.FILE_NAME).mkdir()  # where the file should be, something sqlite cannot open
    output, said = checked(corpus)
    assert output == fresh
    assert len(said) == 1 and "cannot use the result cache" in said[0]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="permissions do not bind root")
def test_a_cache_without_permissions_is_bypassed(folder, corpus):
    fresh, _ = checked(corpus)
    (folder / results.FILE_NAME).chmod(0)
    try:
        output, said = checked(corpus)
    finally:
        (folder / results.FILE_NAME).chmod(0o600)
    assert output == fresh and len(said) == 1


def test_a_read_only_cache_is_bypassed_with_one_warning(folder, corpus, monkeypatch):
    fresh, _ = checked(corpus, "--no-cache")
    connect = results.ResultCache._connect

    def read_only(self):
        db = connect(self)
        db.execute("PRAGMA query_only = ON")  # as a file on a read-only disk: every write refused
        return db

    monkeypatch.setattr(results.ResultCache, "_connect", read_only)
    output, said = checked(corpus)
    assert output == fresh
    assert len(said) == 1 and "readonly" in said[0]


def test_cache_clear_empties_the_folder(folder, corpus):
    checked(corpus)
    (folder / "jieba-trimmed-x.txt").write_text("a table\n", encoding="utf-8")
    result = run("cache", "clear")
    assert result.exit_code == 0 and str(folder) in result.output
    assert list(folder.iterdir()) == []
    assert "removed 0 files" in run("cache", "clear").output


@pytest.fixture(scope="module")
def xdg(tmp_path_factory):
    """A cache folder of its own for command-line runs, its dictionary built once."""
    home = tmp_path_factory.mktemp("xdg")
    env = {**os.environ, "XDG_CACHE_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "factcheck", "check", str(ROOT / "samples"), "--no-cache"],
                   env=env, capture_output=True, check=False)
    return env


def test_concurrent_runs_share_the_cache_safely(xdg, tmp_path):
    corpora = [str(build(tmp_path / f"corpus{i}", lone=70 + i)) for i in range(2)]
    command = [sys.executable, "-m", "factcheck", "check", "--format", "json", "--jobs", "2"]
    expected = [subprocess.run(command + [c, "--no-cache"], env=xdg, capture_output=True, text=True).stdout
                for c in corpora]
    for _round in range(2):  # the first fills the cache at the same time, the second reads it
        running = [subprocess.Popen(command + [c], env=xdg, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True) for c in corpora * 2]
        outputs = [p.communicate(timeout=300) for p in running]
        assert [out for out, _err in outputs] == expected * 2
        assert [err for _out, err in outputs if err] == []  # (a failure shows what was written)
    assert intact(Path(xdg["XDG_CACHE_HOME"]) / "factcheck" / results.FILE_NAME)


def test_a_cache_another_run_is_setting_up_is_waited_for(folder, monkeypatch):
    """Several runs starting on a new cache together: SQLite may refuse the switch to WAL
    at once (database is locked) instead of waiting; the run tries again, silently."""
    connect, refused = results.ResultCache._connect, []

    def busy_twice(self):
        if len(refused) < 2:
            refused.append(1)
            raise sqlite3.OperationalError("database is locked")
        return connect(self)

    monkeypatch.setattr(results.ResultCache, "_connect", busy_twice)
    monkeypatch.setattr(results, "CONNECT_RETRIES", (0, 0, 0))
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        cache = results.ResultCache(folder / results.FILE_NAME)
    assert cache.db is not None and len(refused) == 2
    cache.close()


def test_a_damaged_cache_is_one_line_on_the_command_line(xdg, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(xdg["XDG_CACHE_HOME"], home)
    (home / "factcheck" / results.FILE_NAME).write_bytes(b"\x00garbage" * 512)
    env = {**xdg, "XDG_CACHE_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "factcheck", "check", str(ROOT / "samples"), "--format", "json"],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 1 and '"merged-figures"' in done.stdout
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("factcheck: warning: the result cache")


def test_another_versions_results_are_dropped(folder, corpus):
    fresh, _ = checked(corpus)
    path = folder / results.FILE_NAME
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO findings VALUES ('left-by-an-older-factcheck', '[]')")
        db.execute("UPDATE meta SET value = 'older' WHERE key = 'version'")
    assert checked(corpus) == (fresh, [])
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM findings WHERE key = 'left-by-an-older-factcheck'").fetchone() == (0,)


def test_a_lone_file_takes_no_shingles_and_a_later_run_still_finds_its_copy(folder, tmp_path, monkeypatch):
    """A run of one file has no other to group it with, so it is not fingerprinted; what that
    run caches must not tell a later run of two that the file has no shingles."""
    import factcheck.engine as engine

    samples = ROOT / "samples"
    web, paper = tmp_path / "web.txt", tmp_path / "print.txt"
    shutil.copy(samples / "taobei-2020-03-25.web.txt", web)
    shutil.copy(samples / "taobei-2020-03-25.print.txt", paper)
    for path in (web, paper):  # old enough for the cache to know them by their times as well
        os.utime(path, (1_700_000_000, 1_700_000_000))

    def refuse(*_args):
        raise AssertionError("fingerprinted a lone file")

    with monkeypatch.context() as patched:
        patched.setattr(engine, "fingerprint", refuse)
        lone, _said = checked(str(web))
    assert '"stories": []' in lone
    both = json.loads(checked(str(web), str(paper))[0])
    assert [sorted(s["files"]) for s in both["stories"]] == [sorted([str(paper), str(web)])]


def test_a_read_only_cache_is_one_warning_for_a_long_terminal_report_too(folder, corpus, monkeypatch):
    from factcheck.report import terminal

    monkeypatch.setattr(terminal, "PARALLEL_FINDINGS", 1)  # (each file's text is kept in the cache)
    monkeypatch.setattr(terminal, "KEPT_FILES", 1)
    run("check", corpus, "--jobs", "1")
    connect = results.ResultCache._connect

    def read_only(self):
        db = connect(self)
        db.execute("PRAGMA query_only = ON")
        return db

    monkeypatch.setattr(results.ResultCache, "_connect", read_only)
    (Path(corpus) / "edited.txt").write_text("全县累计减贫349712799人。", encoding="utf-8")  # findings to store
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        output = run("check", corpus, "--jobs", "1").output
    said = [str(w.message) for w in caught if issubclass(w.category, CacheWarning)]
    assert len(said) == 1 and "readonly" in said[0]
    assert output == run("check", corpus, "--jobs", "1", "--no-cache").output


@given(st.lists(st.from_regex(r"[a-z]{1,3}(/[a-z.]{1,3}){0,2}\.txt", fullmatch=True), min_size=1, max_size=4,
                unique=True), st.sampled_from(["/jobs/1/", "/tmp/x/"]), st.sampled_from(["/jobs/2/", "/srv/ci/"]))
def test_findings_kept_from_one_checkout_come_back_named_as_another_names_them(names, first, second):
    """A story's findings (spans and related spans in its copies) stored by the paths one
    checkout typed come back, under the same key, with the paths another typed: nothing else
    of them changes."""
    from factcheck.document import Document, Span
    from factcheck.engine import _cache_names
    from factcheck.rules import Diagnostic, Evidence, Related, Severity

    def findings(root: str) -> list:
        def span(name: str) -> Span:
            return Span(root + name, 3, 6, "53个", 1, 4, 1, 7)

        return [Diagnostic("G101", "figure-mismatch", Severity.ERROR, "不一致", span(name), "35个",
                           (Related(span(names[(k + 1) % len(names)]), "另一份"),), 0.9, Evidence.COPY)
                for k, name in enumerate(names)]

    assume(len({os.path.normpath(n) for n in names}) == len(names))

    def cache_names(root: str) -> dict:
        named = _cache_names([Document.from_text(root + name, "全县共有贫困村53个。") for name in names], root)
        assert named is not None and sorted(named.values()) == sorted(os.path.normpath(n) for n in names)
        return named

    with tempfile.TemporaryDirectory() as folder:
        cache = results.ResultCache(Path(folder) / "results.sqlite")
        cache.store_findings([("key", findings(first), cache_names(first))])
        typed = {name: path for path, name in cache_names(second).items()}
        back = cache.findings({"key": typed})["key"]
        cache.close()

    assert [d.span.path for d in back] == [second + n for n in names]
    assert back == findings(second)
