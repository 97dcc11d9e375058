"""The coverage-guided fuzzer's corpus (tools/fuzz-corpus/, kept by `python tools/fuzz.py`,
see its docstring) replayed through the fuzzer's own targets, strict: every input it ever
found new code with is checked again on every run, without atheris."""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def test_every_fuzz_corpus_input_runs_clean():
    spec = importlib.util.spec_from_file_location("factcheck_fuzz", TOOLS / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    fuzz.STRICT = True  # an engine-reported failure (E002) is a failure here
    inputs = sorted((TOOLS / "fuzz-corpus").iterdir())
    assert len(inputs) > 400
    for path in inputs:
        try:
            fuzz.test_one_input(path.read_bytes())
        except Exception as e:
            raise AssertionError(f"tools/fuzz-corpus/{path.name}: {e!r}") from e


def test_the_fuzzers_scratch_folder_goes_with_it():
    # each run of the tests imports the fuzzer: a folder left in /tmp every time piles up on CI
    script = (f"import os, runpy; folder = runpy.run_path({str(TOOLS / 'fuzz.py')!r})['FOLDER']; "
              "assert os.path.isdir(folder); print(folder)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    folder = out.stdout.strip()
    assert folder and not os.path.exists(folder)
