"""The command line: exit status, JSON contract, rule selection, language."""
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from factcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SCHEMAS = ROOT / "factcheck" / "schemas"
WEB = str(SAMPLES / "taobei-2020-03-25.web.txt")
PRINT = str(SAMPLES / "taobei-2020-03-25.print.txt")


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def schema(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_json_output_follows_the_contract():
    result = run("check", str(SAMPLES), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    jsonschema.validate(data, schema("check-v1.json"))
    assert data["summary"]["files"] == 5
    web = next(d for d in data["diagnostics"] if d["name"] == "merged-figures")
    text = Path(web["path"]).read_text(encoding="utf-8")
    assert text[web["start"]:web["end"]] == web["text"] == "700112736人"
    line = text.splitlines()[web["line"] - 1]
    assert line[web["column"] - 1:web["end_column"] - 1] == "700112736人"
    assert web["suggestion"] == "7001户12736人"
    related = web["related"][0]
    print_text = Path(related["path"]).read_text(encoding="utf-8")
    assert print_text[related["start"]:related["end"]] == related["text"] == "7001 户 12736 人"
    keys = [(d["path"], d["start"], d["rule"]) for d in data["diagnostics"]]
    assert keys == sorted(keys)
    # a finding quoting another copy rests on more than one found in the text alone
    assert (web["evidence"], web["confidence"]) == ("copy", 0.9)
    mixed = next(d for d in data["diagnostics"] if d["name"] == "mixed-script")
    assert (mixed["evidence"], mixed["confidence"]) == ("text", 0.7)


def test_the_schema_requires_confidence_and_evidence():
    data = json.loads(run("check", str(SAMPLES), "--format", "json").output)
    del data["diagnostics"][0]["confidence"]
    try:
        jsonschema.validate(data, schema("check-v1.json"))
    except jsonschema.ValidationError as error:
        assert "confidence" in error.message
    else:
        raise AssertionError("a finding without its confidence passed the schema")


def test_figures_json_follows_the_contract():
    result = run("figures", PRINT, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    jsonschema.validate(data, schema("figures-v2.json"))
    by_text = {f["text"]: f for f in data["figures"]}
    assert by_text["7001 户"]["value"] == 7001 and by_text["7001 户"]["unit"] == "户"
    assert by_text["3.2 亿元"]["value"] == 320000000 and by_text["3.2 亿元"]["kind"] == "amount"
    assert by_text["2400余名"]["approx"] == "余" and by_text["2400余名"]["low"] == 2400
    assert by_text["0.103%"]["kind"] == "percent" and by_text["0.103%"]["metric"] == "贫困发生率"


def test_exit_status():
    assert run("check", PRINT).exit_code == 0
    assert run("check", WEB, PRINT).exit_code == 1
    assert run("check", WEB, PRINT, "--ignore", "G1").exit_code == 0
    assert run("check", WEB, PRINT, "--select", "missing-separator", "--fail-on", "error").exit_code == 1


def test_usage_errors_exit_2(tmp_path):
    assert run("check").exit_code == 2
    assert run("check", str(tmp_path / "missing.txt")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("check", str(empty)).exit_code == 2
    assert run("check", PRINT, "--select", "Q9").exit_code == 2
    assert run("explain", "no-such-rule").exit_code == 2


def test_one_unreadable_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\xff")
    result = run("check", str(bad), WEB, PRINT, "--format", "json")
    data = json.loads(result.output)
    names = [d["name"] for d in data["diagnostics"]]
    assert "unreadable-file" in names and "merged-figures" in names
    assert result.exit_code == 1


def test_select_and_ignore_by_code_prefix_and_name():
    def names(*extra):
        data = json.loads(run("check", WEB, PRINT, "--format", "json", *extra).output)
        return sorted({d["name"] for d in data["diagnostics"]})

    assert names("--select", "G101") == ["merged-figures"]
    assert names("--select", "missing-separator") == ["missing-separator"]
    assert "merged-figures" not in names("--ignore", "merged-figures")


def test_config_file_is_read(tmp_path):
    (tmp_path / "setup.cfg").write_text("[factcheck]\nignore = G101, X104, X105\nseverity = missing-separator:info\n")
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", WEB, PRINT, "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True)
    data = json.loads(result.stdout)
    assert [(d["name"], d["severity"]) for d in data["diagnostics"]] == [("missing-separator", "info")]
    assert result.returncode == 0
    (tmp_path / "setup.cfg").write_text("[factcheck]\nfail-on = sometimes\n")
    bad = subprocess.run([sys.executable, "-m", "factcheck", "check", WEB], cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 2 and "sometimes" in bad.stderr and "Traceback" not in bad.stderr


def test_terminal_report_when_piped_has_no_colour_and_fits_80_columns():
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb"}
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", str(SAMPLES)], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 1
    assert "\x1b[" not in result.stdout
    from rich.cells import cell_len
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    assert "700112736人" in result.stdout and "7001户12736人" in result.stdout


def test_rules_and_explain():
    listed = run("rules")
    assert "merged-figures" in listed.output and "G101" in listed.output
    explained = run("explain", "merged-figures")
    assert explained.exit_code == 0 and "700112736" in explained.output
    assert run("explain", "G102").exit_code == 0


def test_english_messages():
    data = json.loads(run("check", WEB, PRINT, "--format", "json", "--lang", "en").output)
    message = next(d["message"] for d in data["diagnostics"] if d["name"] == "merged-figures")
    assert "fused" in message and "7001户12736人" in message


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if "pytest" in line and line.startswith("python3 -m venv"))
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_figures_json_gives_every_sample_the_full_record():
    result = run("figures", str(Path(PRINT).parent), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    jsonschema.validate(data, schema("figures-v2.json"))
    by_path: dict[str, list[dict]] = {}
    for f in data["figures"]:
        by_path.setdefault(Path(f["path"]).name, []).append(f)
    assert len(by_path) == 5  # every sample
    for name, figures in by_path.items():
        assert any(f["family"] for f in figures), name
        assert any(f["place_level"] for f in figures), name
        assert any(f["counts"] or f["metric"] for f in figures), name
    web = {f["text"]: f for f in by_path["taobei-2020-03-25.web.txt"]}
    assert web["53个"]["counts"] == "贫困村" and web["53个"]["head"] == "村"
    assert web["53个"]["place"] == "洮北区" and web["53个"]["place_parent"] == "白城市"
    assert web["0.103%"]["bounds"] == [0.1025, 0.1035]


def test_per_file_ignores_and_show_config(tmp_path, monkeypatch):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("举全縣之力、集全民之智，全力推进脱贫攻坚。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("举全縣之力、集全民之智，全力推进脱贫攻坚。", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "error"\n', encoding="utf-8")
    (tmp_path / "setup.cfg").write_text("[factcheck]\nfail-on = warning\nper-file-ignores =\n"
                                        "    drafts/*.txt: mixed-script\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shown = run("check", "--show-config")
    assert shown.exit_code == 0
    assert 'fail-on = "warning"' in shown.output  # setup.cfg wins over pyproject.toml
    assert '"drafts/*.txt" = ["mixed-script"]' in shown.output and "setup.cfg" in shown.output
    data = json.loads(run("check", "drafts/a.txt", "b.txt", "--format", "json").output)
    assert [(Path(d["path"]).name, d["rule"]) for d in data["diagnostics"]] == [("b.txt", "G104")]
    (tmp_path / "setup.cfg").write_text("[factcheck]\nper-file-ignores =\n    drafts/*.txt: mixed-scrpt\n",
                                        encoding="utf-8")
    bad = run("check", "b.txt")
    assert bad.exit_code == 2 and "mixed-scrpt" in bad.output


def test_a_story_whose_copies_agree_gets_one_line_unless_verbose(tmp_path):
    text = ("全县共有贫困村82个，非贫困村59个，建档立卡贫困人口累计实现7001户12736人稳定脱贫，"
            "贫困发生率由原来的6%下降到0.103%，现阶段各项退出指标均已达到退出标准。")
    (tmp_path / "a.web.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.print.txt").write_text(text.replace("，", "，\n"), encoding="utf-8")
    paths = [str(tmp_path / "a.web.txt"), str(tmp_path / "a.print.txt"), "--story"]
    short = run("check", *paths)
    assert "各版本一致" in short.output and "指标" not in short.output
    verbose = run("check", *paths, "--verbose")
    assert "指标" in verbose.output and "12736人" in verbose.output


def test_progress_is_reported_to_a_callback_and_never_drawn_off_a_terminal(tmp_path):
    from factcheck import check as check_api

    for i in range(25):
        (tmp_path / f"r{i}.txt").write_text(f"全县共有贫困村{80 + i}个。", encoding="utf-8")
    seen = []
    check_api([str(tmp_path)], progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert ("figures", 25, 25) in seen and seen[-1][0] == "rules" and seen[-1][1] == seen[-1][2]
    # standard error is a pipe here: no bar, nothing on it
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", str(tmp_path), "--format", "json"],
                            capture_output=True, text=True)
    assert result.stderr == "" and json.loads(result.stdout)["summary"]["files"] == 25


def test_story_hints_in_the_configuration_group_copies(tmp_path, monkeypatch):
    (tmp_path / "web").mkdir()
    (tmp_path / "print").mkdir()
    (tmp_path / "web" / "a.txt").write_text("全区527名义务教育阶段贫困家庭学生。", encoding="utf-8")
    (tmp_path / "print" / "a.txt").write_text("资助学生572名。", encoding="utf-8")  # too unlike to group by itself
    monkeypatch.chdir(tmp_path)
    alone = json.loads(run("check", "web/a.txt", "print/a.txt", "--format", "json").output)
    assert alone["stories"] == []
    (tmp_path / "setup.cfg").write_text("[factcheck]\nstories =\n    web/a.txt print/*.txt\n", encoding="utf-8")
    hinted = json.loads(run("check", "web/a.txt", "print/a.txt", "--format", "json").output)
    assert [sorted(s["files"]) for s in hinted["stories"]] == [["print/a.txt", "web/a.txt"]]


def test_align_shows_the_passages_and_the_figures_that_differ(tmp_path):
    result = run("align", WEB, PRINT, "--differences")
    assert result.exit_code == 0
    assert "700112736人 | 7001户" in result.output
    essay = SAMPLES / "zhenlai-county.essay.txt"
    paragraphs = [p for p in essay.read_text(encoding="utf-8").split("\n") if p.strip()]
    moved = tmp_path / "moved.txt"
    moved.write_text("\n".join(paragraphs[2:] + paragraphs[:2]), encoding="utf-8")
    shown = run("align", str(essay), str(moved)).output
    assert "\n»  A " in shown and "≠" not in shown
    assert run("align", str(essay), str(tmp_path / "missing.txt")).exit_code == 2


def test_three_copies_side_by_side_with_the_odd_one_out(tmp_path):
    sentence = "全区129个行政村{}处安全饮水工程得到改造和提升。88个村级卫生室得到新建和改建。\n"
    paths = []
    for name, n in (("s.web.txt", 410), ("s.print.txt", 401), ("s.wire.txt", 410)):
        (tmp_path / name).write_text(sentence.format(n), encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = run("check", "--story", *paths, env={"COLUMNS": "120"})
    assert result.exit_code == 1
    row = next(line for line in result.output.splitlines() if "401处" in line and "✗" in line)
    assert row.split()[:3] == ["401处", "410处", "410处"] and row.rstrip().endswith("✗ 印刷版")


def test_no_rule_installed_is_said_so_not_blamed_on_the_selection(monkeypatch):
    from factcheck import cli
    from factcheck.rules import LoadedRules

    monkeypatch.setattr(cli, "_rules", lambda: LoadedRules())
    result = CliRunner().invoke(main, ["check", WEB])
    assert result.exit_code == 2
    assert "no rule is installed" in result.output and "--select" not in result.output


def test_the_cyclic_collector_is_off_while_a_command_runs_and_on_again_after(monkeypatch):
    import gc

    import factcheck.engine as engine

    seen = []
    real = engine.run
    monkeypatch.setattr(engine, "run", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    assert gc.isenabled()
    assert CliRunner().invoke(main, ["check", "--no-cache", WEB]).exit_code == 1  # (its findings)
    assert seen == [False] and gc.isenabled()
    assert CliRunner().invoke(main, ["check", "--no-cache", "--format", "nothing", WEB]).exit_code == 2
    assert gc.isenabled()  # a usage error too
