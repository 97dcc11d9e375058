"""A linter's habits, tried as a new user would: stdin, globs, excludes and ignore
files, --quiet, --statistics, --config, unknown rule keys, E001, message language."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WEB = SAMPLES / "taobei-2020-03-25.web.txt"
PRINT = SAMPLES / "taobei-2020-03-25.print.txt"
GARBLED = "累计实现700112736人稳定脱贫，贫困村通屯硬化率达到100%76个村实现户户通。\n"
TRADITIONAL = "举全縣之力，集全民之智。\n"


@pytest.fixture(autouse=True)
def chinese_afterwards(monkeypatch):
    monkeypatch.chdir(ROOT)  # relative paths as a user in the repository types them
    yield
    set_language("zh")


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=False)


def names(output: str) -> list[str]:
    return [d["name"] for d in json.loads(output)["diagnostics"]]


# --config and rule keys ------------------------------------------------------

def test_config_reads_exactly_the_file_named(tmp_path):
    (tmp_path / "setup.cfg").write_text("[factcheck]\nignore = G101\n")  # beside it: not read
    mine = tmp_path / "factcheck.ini"
    mine.write_text("[factcheck]\nselect = mixed-script\n")
    result = run("check", WEB, PRINT, "--format", "json", "--config", mine)
    assert result.exit_code == 0 and names(result.output) == []
    toml = tmp_path / "ci.toml"
    toml.write_text('[tool.factcheck]\nselect = ["G102"]\n')
    assert names(run("check", WEB, PRINT, "--format", "json", "--config", toml).output) == ["missing-separator"]
    empty = tmp_path / "other.cfg"
    empty.write_text("[flake8]\nmax-line-length = 100\n")
    result = run("check", WEB, "--config", empty)
    assert result.exit_code == 2 and "no [factcheck] section" in result.output


@pytest.mark.parametrize("setting, bad", [("select", "G1O1"), ("ignore", "merged-figure"),
                                          ("severity", "G10:info")])
def test_unknown_rule_in_config_is_an_error_that_names_it(tmp_path, setting, bad):
    cfg = tmp_path / "setup.cfg"
    cfg.write_text(f"[factcheck]\n{setting} = {bad}\n")
    result = run("check", WEB, "--config", cfg)
    assert result.exit_code == 2
    assert repr(bad.split(":")[0]) in result.output and setting in result.output


def test_unknown_rule_on_the_command_line_is_an_error_that_names_it():
    result = run("check", WEB, "--select", "merged-figures,mised-script")
    assert result.exit_code == 2
    assert "'mised-script'" in result.output and "did you mean 'mixed-script'" in result.output
    assert run("check", WEB, "--ignore", "Q9").exit_code == 2
    assert run("check", WEB, "--select", "g1", "--ignore", "X").exit_code == 1  # prefixes are fine


# E001 ------------------------------------------------------------------------

def test_unreadable_file_cannot_be_switched_off_and_is_named(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\xff")
    for extra in (["--select", "G104"], ["--ignore", "E001"], ["--ignore", "unreadable-file"], ["--ignore", "E"]):
        result = run("check", bad, PRINT, "--format", "json", *extra)
        assert "unreadable-file" in names(result.output), extra
        assert result.exit_code == 1, extra
    cfg = tmp_path / "setup.cfg"
    cfg.write_text("[factcheck]\nseverity = E001:info\nfail-on = error\n")
    result = run("check", bad, PRINT, "--format", "json", "--config", cfg)
    assert json.loads(result.output)["diagnostics"][0]["severity"] == "error" and result.exit_code == 1
    terminal = run("check", bad, PRINT, "--select", "G104")
    summary = terminal.output[terminal.output.rindex("汇总"):]
    assert str(bad) in summary and "无法读取" in summary


# language --------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_machine_formats_do_not_follow_the_locale(fmt):
    english = {"FACTCHECK_LANG": "en", "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    out = run("check", WEB, PRINT, "--format", fmt, env=english).output
    assert "疑为两个数字粘连" in out and "fused" not in out
    asked = run("check", WEB, PRINT, "--format", fmt, "--lang", "en", env=english).output
    assert "fused" in asked


def test_terminal_follows_the_locale():
    out = run("check", WEB, PRINT, env={"FACTCHECK_LANG": "en"}).output
    assert "fused" in out


# standard input, globs, --exclude, ignore files ------------------------------

def test_dash_reads_standard_input_and_stdin_filename_names_it():
    data = WEB.read_bytes()
    result = run("check", "-", "--format", "json", input=data)
    assert result.exit_code == 1
    paths = {d["path"] for d in json.loads(result.output)["diagnostics"]}
    assert paths == {"-"}
    named = run("check", "-", PRINT, "--stdin-filename", "articles/web.txt", "--format", "concise", input=data)
    assert "articles/web.txt:11:200: G101 [error]" in named.output  # with the print copy as evidence


def test_dash_in_a_real_pipe():
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", "-", "--stdin-filename", "draft.md",
                             "--format", "concise"], input=TRADITIONAL.encode("utf-8"), capture_output=True)
    assert result.returncode == 0  # a warning only
    assert result.stdout.decode("utf-8").startswith("draft.md:1:3: G104 [warning]")


def test_undecodable_standard_input_is_e001():
    result = run("check", "-", "--stdin-filename", "x.txt", "--format", "json", input=b"\x00\x01\xff")
    assert result.exit_code == 2 and names(result.output) == ["unreadable-file"]  # no input read: 2


def test_quoted_globs_are_expanded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "deep" / "two.md").write_text(TRADITIONAL, encoding="utf-8")
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    result = run("check", "a/*.txt", "--format", "json")  # what a shell that does not expand passes
    assert [f["path"] for f in json.loads(result.output)["files"]] == ["a/one.txt"]
    deep = json.loads(run("check", "a/**/*", "--format", "json").output)
    assert sorted(f["path"] for f in deep["files"]) == ["a/deep/two.md", "a/one.txt"]  # the .pdf is no report
    nothing = run("check", "a/*.docx")
    assert nothing.exit_code == 2 and "no files match 'a/*.docx'" in nothing.output


def make_tree(root: Path) -> None:
    for rel, text in {"news/a.txt": GARBLED, "news/drafts/b.txt": GARBLED, "news/old/c.txt": GARBLED,
                      "news/d.web.txt": GARBLED, "news/keep/e.txt": GARBLED}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def checked(*args) -> list[str]:
    return sorted(f["path"] for f in json.loads(run("check", *args, "--format", "json").output)["files"])


def test_exclude(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_tree(tmp_path)
    assert checked("news", "--exclude", "drafts/", "--exclude", "*.web.txt") == [
        "news/a.txt", "news/keep/e.txt", "news/old/c.txt"]
    assert checked("news", "--exclude", "news/old") == [
        "news/a.txt", "news/d.web.txt", "news/drafts/b.txt", "news/keep/e.txt"]
    # a file named is checked all the same
    assert checked("news/drafts/b.txt", "--exclude", "drafts/") == ["news/drafts/b.txt"]


def test_gitignore_and_factcheckignore(tmp_path, monkeypatch):
    make_tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n*.web.txt\n")
    (tmp_path / "news" / ".factcheckignore").write_text("old/\n!d.web.txt\n")
    monkeypatch.chdir(tmp_path / "news")  # ignore files above the folder walked count, up to the repository
    assert checked(".") == ["./a.txt", "./d.web.txt", "./keep/e.txt"]
    assert checked("old/c.txt") == ["old/c.txt"]  # named: always checked
    monkeypatch.chdir(tmp_path)
    assert checked("news") == ["news/a.txt", "news/d.web.txt", "news/keep/e.txt"]
    assert checked("news/*/*.txt") == ["news/keep/e.txt"]


# --quiet, --statistics ---------------------------------------------------------

def test_quiet_prints_one_summary_line_or_nothing(tmp_path):
    failing = run("check", WEB, PRINT, "-q")
    assert failing.exit_code == 1
    assert failing.output.strip().splitlines() == ["错误 2   警告 0   提示 2   2 个文件已检查"]  # 2 omitted passages
    passing = run("check", PRINT, "--quiet")
    assert passing.exit_code == 0 and passing.output == ""
    warned = subprocess.run([sys.executable, "-m", "factcheck", "check", "-", "-q"],
                            input=TRADITIONAL.encode("utf-8"), capture_output=True)
    assert warned.returncode == 0 and warned.stdout == b""  # warnings below --fail-on: a pass
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\xff")
    lines = run("check", PRINT, bad, "-q").output.splitlines()
    assert len(lines) == 2 and "1 个文件无法读取" in lines[0] and str(bad) in lines[1]


def test_statistics_counts_per_rule(tmp_path):
    result = run("check", "samples", "--statistics")
    assert result.exit_code == 1
    assert result.output.splitlines() == ["2  X105  omitted-passage", "1  G101  merged-figures",
                                          "1  G102  missing-separator", "1  G103  duplicated-text",
                                          "1  G104  mixed-script", "1  X104  part-exceeds-region"]
    data = json.loads(run("check", "samples", "--statistics", "--format", "json").output)
    import jsonschema
    schema = json.loads((ROOT / "factcheck" / "schemas" / "statistics-v1.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert {s["rule"]: s["count"] for s in data["statistics"]} == {"G101": 1, "G102": 1, "G103": 1, "G104": 1, "X104": 1, "X105": 2}
    assert data["summary"]["error"] == 2
    assert run("check", "samples", "--statistics", "--format", "sarif").exit_code == 2
    out = tmp_path / "stats.txt"
    assert run("check", "samples", "--statistics", "--output", out).output == ""
    assert "G101" in out.read_text(encoding="utf-8")


def test_figures_takes_globs_and_standard_input():
    result = run("figures", "samples/*.print.txt", "--format", "json")
    assert {f["path"] for f in json.loads(result.output)["figures"]} == {"samples/taobei-2020-03-25.print.txt"}
    piped = run("figures", "-", "--stdin-filename", "in.txt", "--format", "json", input=GARBLED.encode("utf-8"))
    assert {f["path"] for f in json.loads(piped.output)["figures"]} == {"in.txt"}


def test_a_named_folder_is_walked_even_when_ignored(tmp_path, monkeypatch):
    make_tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("news/drafts/\n*.web.txt\n")
    monkeypatch.chdir(tmp_path)
    assert checked("news/drafts") == ["news/drafts/b.txt"]  # named: walked, as a generated corpus is
    assert checked("news") == ["news/a.txt", "news/keep/e.txt", "news/old/c.txt"]
    (tmp_path / "news" / "drafts" / "x.web.txt").write_text(GARBLED, encoding="utf-8")
    assert checked("news/drafts") == ["news/drafts/b.txt"]  # other patterns still apply inside it
    assert checked("news/drafts", "--exclude", "news/drafts") == ["news/drafts/b.txt"]
