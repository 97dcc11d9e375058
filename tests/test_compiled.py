"""The regular expressions the command keeps compiled between runs (factcheck.compiled): each
one taken back from the file matches as the ordinary compile does, and a damaged file, one of
another Python or code the engine refuses means compiling the ordinary way."""
import importlib
import json
import marshal
import os
import pkgutil
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks
import factcheck
from factcheck import compiled
from factcheck.cache import CacheWarning

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]


def _project_patterns() -> list[re.Pattern]:
    """Every pattern the project's modules hold at module level (in a list, tuple or dict too)."""
    found = {}
    for package in (factcheck, checks):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue  # (it runs the command)
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                items = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else [value]
                for item in items:
                    if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                        found[(item.pattern, item.flags)] = item
    return list(found.values())


@pytest.fixture
def folder(tmp_path):
    compiled.uninstall()
    yield tmp_path
    compiled.uninstall()


def test_every_pattern_of_the_project_matches_as_compiled_the_ordinary_way(folder):
    patterns = _project_patterns()
    assert len(patterns) > 150
    compiled.install(folder)
    for p in patterns:
        compiled._compile(p.pattern, p.flags)
    compiled.save()
    compiled.uninstall()
    compiled.install(folder)  # now from the file
    assert len(compiled._kept) >= len(patterns)
    for p in patterns:
        ordinary = p
        kept = compiled._compile(p.pattern, p.flags)
        assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == \
            (ordinary.pattern, ordinary.flags, ordinary.groups, ordinary.groupindex)
        for text in SAMPLES:
            assert [m.span() for m in kept.finditer(text)] == [m.span() for m in ordinary.finditer(text)], p.pattern
    assert not compiled._new  # all of them came from the file


def test_a_damaged_file_is_one_warning_and_compiled_again(folder):
    compiled.install(folder)
    compiled._compile("[\u4e00-\u9fff]{2}年", 0)
    compiled.save()
    kept = next(folder.glob("regex-*.marshal"))
    kept.write_bytes(kept.read_bytes()[:100])
    compiled.uninstall()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compiled.install(folder)
    assert [w.category for w in caught] == [CacheWarning] and "damaged" in str(caught[0].message)
    assert compiled._compile("[\u4e00-\u9fff]{2}年", 0).search("前去年").span() == (0, 3)
    compiled.save()
    assert marshal.loads(kept.read_bytes())[0] == compiled._key()


def _write(folder, key, table: dict, digest=None):
    packed = marshal.dumps(table)
    kept = folder / f"{compiled.KIND}.marshal"
    kept.write_bytes(marshal.dumps((key, digest or compiled._digest(packed), packed)))


def test_a_file_of_another_python_is_left_unread_without_a_word(folder):
    _write(folder, ("3.0.0",), {("a", 0): (0, b"", 0, {}, ())})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compiled.install(folder)
    assert not compiled._kept


def test_code_altered_in_the_file_is_not_used(folder):
    # another pattern's code, which the engine would take: only the checksum tells
    compiled.install(folder)
    other = compiled._engine_args("[0-9]", 0)
    compiled.uninstall()
    _write(folder, compiled._key(), {("增长(\\d+)%", 0): other}, digest=12345)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compiled.install(folder)
    assert [w.category for w in caught] == [CacheWarning]
    assert compiled._compile("增长(\\d+)%", 0).search("同比增长12%").group(1) == "12"


def test_code_the_engine_refuses_means_compiling_the_ordinary_way(folder):
    unsound = (0, b"\xff\xff\x00\x00" * 3, 0, {}, (None,))
    _write(folder, compiled._key(), {("增长(\\d+)%", 0): unsound})
    compiled.install(folder)
    assert compiled._kept
    assert compiled._compile("增长(\\d+)%", 0).search("同比增长12%").group(1) == "12"
    assert not compiled._kept  # refused, and left out of the file when it is written again


def test_a_wrong_pattern_is_still_re_error(folder):
    compiled.install(folder)
    with pytest.raises(re.error):
        re.compile("(?P<unclosed")


def test_the_command_gives_the_same_report_with_the_file_as_without(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "factcheck", "check", "--no-cache", "--format", "json", str(ROOT / "samples")]
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert list((tmp_path / "factcheck").glob("regex-*.marshal"))
    second = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == second.returncode == 1
    assert json.loads(first.stdout)["diagnostics"] == json.loads(second.stdout)["diagnostics"]
    assert "warning" not in first.stderr + second.stderr


def test_the_file_keeps_only_the_patterns_of_the_last_run_that_wrote_it(folder):
    compiled.install(folder)
    compiled._compile("旧版本的(\\d+)个", 0)  # a pattern an older release had
    compiled.save()
    compiled.uninstall()
    compiled.install(folder)
    compiled._compile("新版本的(\\d+)户", 0)
    compiled.save()
    kept = next(folder.glob("regex-*.marshal"))
    _key, _digest, table = marshal.loads(kept.read_bytes())
    assert [pattern for pattern, _flags in marshal.loads(table)] == ["新版本的(\\d+)户"]


def test_a_cache_folder_that_cannot_be_read_is_one_warning_and_nothing_written(tmp_path):
    compiled.uninstall()
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            compiled.install(not_a_folder)
            assert compiled._compile("共(\\d+)户", 0).search("共12户").group(1) == "12"
            compiled.save()
        assert [w.category for w in caught] == [CacheWarning]
        assert not_a_folder.read_text() == ""
    finally:
        compiled.uninstall()


def test_a_pattern_of_a_subclass_of_str_is_compiled_the_ordinary_way(folder):
    class Words(str):
        pass

    compiled.install(folder)
    assert compiled._compile(Words("共(\\d+)户"), 0).search("共12户").group(1) == "12"
    compiled.save()
    assert not list(folder.glob("regex-*"))  # nothing new to keep


_PIECES = ["[\u4e00-\u9fff]", "[0-9]", "\\d", "[万亿]", "(?P<n>\\d+)", "(?:个|户|人)", "[^，。]", "年", "%", ".",
           "(?<=共)", "(?![亩元])", "\\s", "[A-Za-z]", "[\u3400-\u9fff，、]"]
_QUANTIFIERS = ["", "?", "*", "+", "{1,3}", "*?", "{0,4}?"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_QUANTIFIERS)), min_size=1, max_size=5),
       st.sampled_from([0, re.S, re.M]),
       st.text(alphabet="共全县12736户人万亿元年%，。、ab \n縣區", max_size=40))
def test_a_pattern_taken_back_from_the_file_matches_as_the_ordinary_one(tmp_path_factory, parts, flags, text):
    pattern = "".join(piece + (quantifier if not piece.startswith("(?<") and not piece.startswith("(?!") else "")
                      for piece, quantifier in parts)
    try:
        ordinary = re.compile(pattern, flags)
    except re.error:
        return  # (one named group twice, a repeat of a repeat): not a pattern
    folder = tmp_path_factory.mktemp("compiled")
    compiled.uninstall()
    try:
        compiled.install(folder)
        compiled._compile(pattern, flags)
        compiled.save()
        compiled.uninstall()
        compiled.install(folder)
        kept = compiled._compile(pattern, flags)
        assert not compiled._new  # from the file
        assert [(m.span(), m.groupdict()) for m in kept.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in ordinary.finditer(text)]
    finally:
        compiled.uninstall()
