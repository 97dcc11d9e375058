"""The cache folder (XDG_CACHE_HOME/factcheck): an empty, damaged or unwritable
cache is rebuilt or bypassed with one warning, never a traceback, never rule
errors on every file; an empty script-variant table is reported."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from factcheck import check, figures, segment, variants
from factcheck.cache import CacheWarning, cache_dir
from factcheck.document import Document

ROOT = Path(__file__).resolve().parent.parent
WEB = str(ROOT / "samples" / "taobei-2020-03-25.web.txt")
PRINT = str(ROOT / "samples" / "taobei-2020-03-25.print.txt")
MIXED = "举全縣之力、集全民之智，全力推进脱贫攻坚，累计实现7001户12736人稳定脱贫，53个贫困村出列。"


def _forget():
    segment.forget()
    variants.forget()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A cache folder filled once, copied by each test (a rebuild costs seconds)."""
    folder = tmp_path_factory.mktemp("built")
    saved = os.environ.get("XDG_CACHE_HOME"), dict(variants._CHANGED_RE)
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        _forget()
        check([Document.from_text("mixed.txt", MIXED)])
    finally:
        if saved[0] is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = saved[0]
        _forget()
        variants._CHANGED_RE.update(saved[1])
    return folder


@pytest.fixture
def cache(built, tmp_path, monkeypatch):
    """This test's copy of the filled cache folder (modification times kept, as jieba compares them)."""
    shutil.copytree(built, tmp_path / "cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    saved = dict(variants._CHANGED_RE)
    _forget()
    yield tmp_path / "cache" / "factcheck"
    _forget()
    variants._CHANGED_RE.update(saved)


def _segments_well():
    assert "贫困村" in segment.words("贫困村通屯硬化率达到100%")
    assert segment.tags().get("贫困村")


def _no_rule_errors():
    report = check([WEB, PRINT])
    assert not [d for d in report.diagnostics if d.code.startswith("E")]
    assert any(d.name == "merged-figures" for d in report.diagnostics)


@pytest.mark.parametrize("damage", [b"", "县 3\n乡 2 n\n".encode("utf-8"), b"\xff\xfe garbage\n",
                                    "贫困村 x n\n".encode("utf-8"), "贫困村 12\n".encode("utf-8") * 60000])
def test_a_damaged_dictionary_is_recognised(tmp_path, damage):
    dictionary = tmp_path / "d.txt"
    dictionary.write_bytes(damage)
    assert segment._read(dictionary, segment.KEEP_MOST_FREQUENT) is None


def test_an_empty_cached_dictionary_is_rebuilt_with_one_warning(cache):
    (dictionary,) = cache.glob("jieba-trimmed-*.txt")
    dictionary.write_bytes(b"")
    with pytest.warns(CacheWarning, match="empty or damaged") as caught:
        _segments_well()
    assert len(caught) == 1
    assert dictionary.stat().st_size > 100_000
    _no_rule_errors()


def test_damaged_dictionary_tables_are_rebuilt_with_one_warning(cache):
    (tables,) = cache.glob("jieba-trimmed-*.tables")
    tables.write_bytes(b"\x00not marshal")
    with pytest.warns(CacheWarning, match="tables") as caught:
        _segments_well()
    assert len(caught) == 1
    _forget()
    _segments_well()  # rebuilt: no warning now (pytest fails a test on an unexpected one only if asked)
    _no_rule_errors()


def test_no_writable_cache_is_bypassed_with_one_warning(tmp_path, monkeypatch, cache):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folders would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(blocker))
    with pytest.raises(OSError):
        cache_dir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    with pytest.warns(CacheWarning, match="not-a-folder"):
        assert cache_dir() == tmp_path / "factcheck"
    monkeypatch.undo()  # jieba may keep its own cache of the full dictionary in the temporary folder

    def no_folder():
        raise OSError(30, "Read-only file system", str(blocker))

    monkeypatch.setattr(segment, "_cache_dir", no_folder)
    with pytest.warns(CacheWarning, match="full dictionary") as caught:
        _segments_well()
    assert len(caught) == 1
    _no_rule_errors()


def test_an_unwritable_cache_file_is_bypassed(cache, monkeypatch):
    def refuse(target, data):
        raise PermissionError(13, "Permission denied", str(target))

    for dictionary in cache.glob("jieba-trimmed-*.txt"):
        dictionary.unlink()
    monkeypatch.setattr(segment, "_write_atomic", refuse)
    with pytest.warns(CacheWarning, match="Permission denied"):
        _segments_well()


def test_a_corrupt_cache_gives_no_traceback_on_the_command_line(cache):
    for cached in cache.iterdir():
        cached.write_bytes(b"")
    zhenlai = str(ROOT / "samples" / "zhenlai-county.essay.txt")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    again = subprocess.run([sys.executable, "-m", "factcheck", "check", WEB, PRINT, zhenlai, "--format", "json"],
                           env=env, capture_output=True, text=True)
    assert again.returncode == 1
    assert "Traceback" not in again.stderr and '"E002"' not in again.stdout
    assert '"mixed-script"' in again.stdout and '"merged-figures"' in again.stdout
    assert [line for line in again.stderr.splitlines() if line.startswith("factcheck: warning:")]


def test_an_empty_cached_script_table_is_worked_out_again(cache):
    doc = Document.from_text("mixed.txt", MIXED)
    assert any(d.name == "mixed-script" for d in check([doc]).diagnostics)
    tables = list(cache.glob("opencc-*.txt"))
    assert {t.name.split("-")[1] for t in tables} == {"changed", "alone", "keys", "written"}
    for table in tables:
        table.write_text("")
    variants.forget()
    found = [d for d in check([doc]).diagnostics if d.name == "mixed-script"]
    assert found and "繁体字" in found[0].message  # (縣 is s2t's: the table of what s2t writes is back)
    assert all(t.read_text() for t in cache.glob("opencc-written-*.txt"))


def test_an_empty_script_table_is_reported(cache, monkeypatch):
    for table in cache.glob("opencc-changed-*.txt"):
        table.unlink()
    monkeypatch.setattr(variants, "changed_chars", lambda chars, config: set())
    with pytest.warns(CacheWarning, match="mixed-script"):
        check([Document.from_text("mixed.txt", MIXED)])
    assert not list(cache.glob("opencc-changed-*.txt"))  # not kept: worked out again next run


def test_a_broken_opencc_costs_mixed_script_alone(cache, monkeypatch):
    """OpenCC that cannot be loaded: one warning, mixed-script finds nothing, and the
    figures stage still reads traditional numerals (no E002 on any file)."""
    from factcheck.figures import extract

    for table in cache.glob("opencc-*.txt"):
        table.unlink()

    def broken(config):
        raise ImportError("opencc_clib: cannot open shared object file")

    monkeypatch.setattr(variants, "converter", broken)
    monkeypatch.setattr(variants, "_ALONE", {})  # nothing converted earlier in this process
    variants.forget()
    doc = Document.from_text("broken.txt", "全县共有贫困人口3萬人，举全縣之力脱贫。")
    with pytest.warns(CacheWarning, match="OpenCC cannot be loaded"):
        found = check([doc]).diagnostics
    assert not [d for d in found if d.code == "E002" or d.name == "mixed-script"]
    assert [f.value for f in extract(doc) if f.family == "persons"] == [30000]


def test_tables_of_other_releases_are_pruned_when_a_new_one_is_written(cache):
    """A CI runner that keeps the cache folder must not gather a dictionary per install:
    a table of another release not written for 30 days goes when a new one is written."""
    import time

    old, recent = cache / "jieba-trimmed-2-50000-999.txt", cache / "jieba-trimmed-3-50000-998.txt"
    old_tables = cache / "jieba-trimmed-2-50000-999.tables"
    stale_opencc = cache / "opencc-changed-1-2-3-t2s.txt"
    other_config = cache / "opencc-changed-1-2-3-s2t.txt"
    for path in (old, recent, old_tables, stale_opencc, other_config):
        path.write_text("x", encoding="utf-8")
    month_ago = time.time() - 31 * 86400
    for path in (old, old_tables, stale_opencc, other_config):
        os.utime(path, (month_ago, month_ago))
    for table in [*cache.glob("jieba-trimmed-3-50000-*.*"), *cache.glob("opencc-changed-*-t2s.txt")]:
        if table not in (recent, stale_opencc):
            table.unlink()  # this release's: written again by the next run
    _forget()
    figures.places.cache_clear()  # (the text's place names, kept from an earlier test, need no dictionary)
    check([Document.from_text("mixed.txt", MIXED)])
    assert not old.exists() and not old_tables.exists() and not stale_opencc.exists()
    assert recent.exists()  # another install's, in use this month
    assert other_config.exists()  # written by another table's rebuild, not this one's
    assert list(cache.glob("jieba-trimmed-3-50000-*.tables")) and list(cache.glob("opencc-changed-*-t2s.txt"))
