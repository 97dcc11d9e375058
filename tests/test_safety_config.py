"""A malformed configuration is a usage error (exit 2) with one line naming the
file and the problem: never a traceback, never exit 1 (which CI reads as findings)."""
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.config import ConfigError, load

ROOT = Path(__file__).resolve().parent.parent
PRINT = str(ROOT / "samples" / "taobei-2020-03-25.print.txt")

BAD = [
    ("setup.cfg", "[factcheck]\nignore = G101%\n", "%"),
    ("setup.cfg", "[factcheck]\nseverity = G101:warning, 50%(x)s\n", "setup.cfg"),
    ("setup.cfg", "[factcheck]\nseverity = G101\n", "severity"),
    ("setup.cfg", "[factcheck]\nmax-file-size = big\n", "max-file-size"),
    ("setup.cfg", "[factcheck\nignore = G101\n", "setup.cfg"),
    ("pyproject.toml", "[tool.factcheck]\nselect = 5\n", "select"),
    ("pyproject.toml", "[tool.factcheck]\nignore = [1, 2]\n", "ignore"),
    ("pyproject.toml", "[tool.factcheck]\nfail-on = 3\n", "fail-on"),
    ("pyproject.toml", "[tool.factcheck]\nseverity = {G101 = 5}\n", "severity"),
    ("pyproject.toml", "[tool.factcheck]\nseverity = 5\n", "severity"),
    ("pyproject.toml", "[tool]\nfactcheck = 5\n", "tool.factcheck"),
    ("pyproject.toml", "[tool.factcheck\nselect = 'G'\n", "pyproject.toml"),
    ("pyproject.toml", "[tool.factcheck]\nselect = 'G\n", "pyproject.toml"),
]


@pytest.mark.parametrize("name,content,mentions", BAD)
def test_a_malformed_config_is_a_config_error(tmp_path, name, content, mentions):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(tmp_path)
    message = str(caught.value)
    assert name in message and mentions in message and "\n" not in message


@pytest.mark.parametrize("name,content,mentions", BAD[:1] + BAD[5:6] + BAD[-1:])
def test_a_malformed_config_exits_2_with_one_line(tmp_path, name, content, mentions):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", PRINT], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0], result.stderr


def test_max_file_size_is_configurable(tmp_path):
    (tmp_path / "setup.cfg").write_text("[factcheck]\nmax-file-size = 2 KB\n", encoding="utf-8")
    assert load(tmp_path).max_file_size == 2000
    (tmp_path / "pyproject.toml").write_text("[tool.factcheck]\nmax-file-size = 300\n", encoding="utf-8")
    assert load(tmp_path).max_file_size == 2000  # setup.cfg wins where a folder has both
    (tmp_path / "setup.cfg").unlink()
    assert load(tmp_path).max_file_size == 300
    big = tmp_path / "big.txt"
    big.write_text("累计实现7001户12736人稳定脱贫。" * 20, encoding="utf-8")
    (tmp_path / "small.txt").write_text("累计实现7001户12736人稳定脱贫。", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", "big.txt", "small.txt", "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert '"unreadable-file"' in result.stdout and "max-file-size" in result.stdout
