"""An installed factcheck (a wheel, not this checkout) still shows each rule's
cases: setup.cfg ships tests/rules/*.toml as data into share/factcheck/cases."""
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args, **kwargs):
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_explain_shows_the_cases_in_an_installed_wheel(tmp_path):
    # Build from a copy, so that the build leaves nothing (build/, *.egg-info) in the checkout.
    source, dist, target, elsewhere = (tmp_path / d for d in ("source", "dist", "target", "elsewhere"))
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("factcheck", "checks", "tests/rules"):
        shutil.copytree(ROOT / name, source / name, ignore=skip)
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    run(pip + ["wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), str(source)])
    [wheel] = dist.glob("factcheck-*.whl")
    run(pip + ["install", "--no-deps", "--no-index", "--target", str(target), str(wheel)])

    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "COLUMNS": "200", "FACTCHECK_LANG": "zh"}
    where = run([sys.executable, "-c", "import factcheck, factcheck.testing as t;"
                 " print(factcheck.__file__); print(t.find_case_file('merged-figures'))"], cwd=elsewhere, env=env)
    assert where.splitlines() == [str(target / "factcheck" / "__init__.py"),
                                  str(target / "share" / "factcheck" / "cases" / "merged-figures.toml")]
    shown = run([sys.executable, "-m", "factcheck", "explain", "merged-figures"], cwd=elsewhere, env=env)
    cases = tomllib.loads((ROOT / "tests" / "rules" / "merged-figures.toml").read_text(encoding="utf-8"))
    assert "G101 merged-figures" in shown and "通过" in shown and "报错" in shown
    for case in cases["pass"] + cases["fail"]:
        text = case.get("text") or case["copies"][0]
        assert " ".join(text.split())[:15] in shown, text
