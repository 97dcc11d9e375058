"""What an article or a file name holds never reaches the terminal as a control
sequence; file names that are not UTF-8 still give valid JSON."""
import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.report.escape import visible, visible_span

# ESC [ 2 J clears the screen, ESC ] 0 ; ... BEL retitles the window, CSI (0x9b) is ESC [ in one byte,
# U+202E reverses what follows.
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x9b31m\x08\x0d\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")
PARAGRAPH = "举全縣之力，累计实现700112736人稳定脱贫" + HOSTILE + "，53个贫困村出列，贫困发生率由6%降至0.103%。"


def test_visible_escapes_controls_and_keeps_newlines_and_tabs():
    assert visible("a\x1b[2Jb\tc\nd\x07\x9b\u202e") == "a\\x1b[2Jb\tc\nd\\x07\\x9b\\u202e"
    assert visible("累计实现7001户") == "累计实现7001户"
    line, start, end = visible_span("a\x1bbc\x07d", 2, 5)
    assert line == "a\\x1bbc\\x07d" and line[start:end] == "bc\\x07"


def _report(tmp_path, fmt="terminal"):
    body = "\n".join([PARAGRAPH, "其他内容。", PARAGRAPH, ""])
    name = tmp_path / ("web\x1b]0;title\x07\x1b[31m.txt")
    name.write_text(body, encoding="utf-8")
    env = {**os.environ, "COLUMNS": "200", "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "factcheck", "check", str(name), "--format", fmt],
                          capture_output=True, env=env)


def test_controls_in_text_and_names_are_shown_escaped(tmp_path):
    result = _report(tmp_path)
    out = result.stdout.decode("utf-8")
    assert result.returncode in (0, 1), result.stderr
    assert not RAW.findall(out), sorted(set(RAW.findall(out)))
    assert "\\x1b]0;title\\x07" in out  # the file name
    assert "\\x1b[2J" in out  # the text: in the source excerpt or the quoted evidence
    assert "縣" in out


def test_controls_stay_escaped_in_json(tmp_path):
    result = _report(tmp_path, "json")
    data = json.loads(result.stdout.decode("utf-8"))
    assert "\x1b" in data["files"][0]["path"]  # JSON escapes them itself: the text is kept exactly
    assert b"\x1b" not in result.stdout


def test_controls_in_a_figures_table_and_error_lines_are_escaped(tmp_path):
    bad = tmp_path / "x\x1b[2J.txt"
    bad.write_bytes(b"\x00\x01")
    (tmp_path / ("ok\x07.txt")).write_text(PARAGRAPH, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "figures", str(bad), str(tmp_path / "ok\x07.txt")],
                            capture_output=True, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0
    for stream in (result.stdout, result.stderr):
        assert not RAW.findall(stream.decode("utf-8"))
    assert b"\\x1b[2J" in result.stderr and b"ok\\x07.txt" in result.stdout


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_gives_valid_json(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"web-\xff\xfe.txt"), "wb") as f:
        f.write(PARAGRAPH.encode("utf-8"))
    with open(os.path.join(folder, b"bad-\xc3.txt"), "wb") as f:
        f.write(b"\x00\x01")
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", str(tmp_path), "--format", "json"],
                            capture_output=True)
    data = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8, valid JSON
    paths = {os.path.basename(f["path"]) for f in data["files"]}
    assert paths == {"web-\\xff\\xfe.txt"}
    named = {os.path.basename(d["path"]) for d in data["diagnostics"]}
    assert named == {"web-\\xff\\xfe.txt", "bad-\\xc3.txt"}
    terminal = subprocess.run([sys.executable, "-m", "factcheck", "check", str(tmp_path)], capture_output=True)
    assert "web-\\xff\\xfe.txt" in terminal.stdout.decode("utf-8")
    assert terminal.returncode == 1


def test_a_file_name_that_is_not_utf8_is_one_story_with_its_copy(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"a-\xff.txt"), "wb") as f:
        f.write(PARAGRAPH.encode("utf-8"))
    with open(os.path.join(folder, b"b.txt"), "wb") as f:
        f.write(PARAGRAPH.replace("700112736人", "7001户12736人").encode("utf-8"))
    paths = [os.fsdecode(os.path.join(folder, n)) for n in (b"a-\xff.txt", b"b.txt")]
    result = CliRunner().invoke(main, ["check", "--story", *paths, "--format", "json"], catch_exceptions=False)
    data = json.loads(result.output)
    assert [sorted(os.path.basename(p) for p in s["files"]) for s in data["stories"]] == [["a-\\xff.txt", "b.txt"]]
