#!/usr/bin/env python3
"""Coverage-guided fuzzing of the readers, the numeral parser and the whole
pipeline, with atheris (libFuzzer for Python).

    pip install atheris      # a binary wheel for CPython on Linux; not in the test extras
    python tools/fuzz.py tools/fuzz-corpus -max_total_time=600

Each input is split by its first byte into one of four targets: bytes written
to a .txt or .md file and read (readers), text scanned for numerals
(numbers.scan), text checked as one report, and text checked as two copies of
one story (the whole pipeline, rules included). A crash is any exception or
a diagnostic whose span does not match the text: libFuzzer saves the input as
crash-*. An engine-reported E002 (a stage or rule that failed on the input,
which the engine survives) is written once per kind to
FACTCHECK_FUZZ_FINDINGS (default fuzz-findings.txt), or is a crash with
FACTCHECK_FUZZ_STRICT=1. The short runs in CI are tests/test_fuzz.py (hypothesis) and
tests/test_fuzz_corpus.py (every input of tools/fuzz-corpus/ through the same targets,
strict, without atheris).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atexit
import contextlib
import shutil

try:
    import atheris
except ImportError:  # imported by tests/test_fuzz_corpus.py, which replays the corpus without it
    atheris = None

with (atheris.instrument_imports(include=["factcheck", "checks"]) if atheris else contextlib.nullcontext()):
    from factcheck.api import check
    from factcheck.document import Document
    from factcheck.numbers import scan
    from factcheck.readers import ReadError, read_path
    from factcheck.rules import load_rules

    RULES = load_rules()  # imports checks/, instrumented too


def _sweep_folders_of_ended_runs() -> None:
    """A libFuzzer run ends without Python's exit handlers (-max_total_time, a crash), so its
    folder stays: each folder names its process, and those of processes gone are removed."""
    for folder in Path(tempfile.gettempdir()).glob("factcheck-fuzz-*-*"):
        pid = folder.name.split("-")[2]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # alive, another user's


_sweep_folders_of_ended_runs()
FOLDER = tempfile.mkdtemp(prefix=f"factcheck-fuzz-{os.getpid()}-")  # the reader target's files; gone at
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)  # exit, as CI imports this on every run
STRICT = os.environ.get("FACTCHECK_FUZZ_STRICT") == "1"
FINDINGS = os.environ.get("FACTCHECK_FUZZ_FINDINGS", "fuzz-findings.txt")
_seen: set[str] = set()


def _engine_failure(message: str, text: str) -> None:
    """An E002 (a stage or rule failed on the input): a crash with FACTCHECK_FUZZ_STRICT=1,
    else one line per kind of failure in FINDINGS, with the input's length and start."""
    if STRICT:
        raise AssertionError(f"engine-reported failure: {message}")
    kind = message.split("（", 1)[0] + " " + message.split("（", 1)[-1].split("）", 1)[0][:60]
    if kind not in _seen:
        _seen.add(kind)
        with open(FINDINGS, "a", encoding="utf-8") as f:
            f.write(f"{kind}\t{len(text)} chars\t{text[:80]!r}\n")


def _valid(report, documents) -> None:
    texts = {d.path: d.text for d in documents}
    for d in report.diagnostics:
        text = texts[d.span.path]
        if d.code == "E002":
            _engine_failure(d.message, text)
        if not (0 <= d.span.start <= d.span.end <= len(text)) or text[d.span.start:d.span.end] != d.span.text:
            raise AssertionError(f"{d.code} span {d.span.start}-{d.span.end} does not match the text")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    target, body = data[0] % 4, data[1:]
    if target == 0:
        path = os.path.join(FOLDER, "input.md" if len(body) % 2 else "input.txt")
        with open(path, "wb") as f:
            f.write(body)
        result = read_path(path)
        if not isinstance(result, ReadError):
            _valid(check([result], rules=RULES), [result])
        return
    text = body.decode("utf-8", "replace")
    if target == 1:
        scan(text)
    elif target == 2:
        doc = Document.from_text("a.txt", text)
        _valid(check([doc], rules=RULES), [doc])
    else:
        half = len(text) // 2
        docs = [Document.from_text("a.txt", text), Document.from_text("b.txt", text[half:] + text[:half])]
        _valid(check(docs, rules=RULES, stories=[["a.txt", "b.txt"]]), docs)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
