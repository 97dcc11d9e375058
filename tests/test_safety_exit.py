"""Exit codes: 130 on Ctrl-C (one line, no traceback, start-up included), 3 on an
internal error (one line asking for a report; the traceback with FACTCHECK_DEBUG=1)."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import factcheck.cli
from factcheck.entry import run

ROOT = Path(__file__).resolve().parent.parent
PRINT = str(ROOT / "samples" / "taobei-2020-03-25.print.txt")


def _exit(capsys, *args):
    with pytest.raises(SystemExit) as caught:
        run(list(args))
    return caught.value.code, capsys.readouterr()


def test_ctrl_c_during_a_check_exits_130_with_one_line(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(factcheck.cli, "check", interrupted)
    code, out = _exit(capsys, "check", PRINT)
    assert code == 130
    assert out.err.strip().splitlines() == ["factcheck: interrupted"]


def test_ctrl_c_that_falls_in_a_finalizer_still_exits_130_with_one_line(monkeypatch, capsys):
    # Python swallows a KeyboardInterrupt raised while a __del__ runs ("Exception ignored in"):
    # the run went on to its end and exited 1 (seen now and then with workers, whose results
    # the main process unpickles while Ctrl-C arrives)
    class Finalised:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):  # the handler runs at the next bytecode boundaries, still in here
                pass

    check = factcheck.cli.check

    def checked(*args, **kwargs):
        Finalised()  # gone at once: its __del__ runs here
        return check(*args, **kwargs)

    monkeypatch.setattr(factcheck.cli, "check", checked)
    code, out = _exit(capsys, "check", PRINT)
    assert code == 130
    assert out.err.strip().splitlines() == ["factcheck: interrupted"]


def test_an_internal_error_exits_3_with_one_line(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom\nsecond line \x1b[2J")

    monkeypatch.setattr(factcheck.cli, "check", broken)
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    code, out = _exit(capsys, "check", PRINT)
    assert code == 3
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and "RuntimeError: boom second line \\x1b[2J" in lines[0] and "report" in lines[0]
    monkeypatch.setenv("FACTCHECK_DEBUG", "1")
    code, out = _exit(capsys, "check", PRINT)
    assert code == 3 and "Traceback" in out.err


def test_a_missing_package_is_named_not_called_a_bug(monkeypatch, capsys):
    def missing(*args, **kwargs):
        raise ModuleNotFoundError("factcheck needs jieba's dictionary: pip install jieba")

    monkeypatch.setattr(factcheck.cli, "check", missing)
    code, out = _exit(capsys, "check", PRINT)
    assert code == 3
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and "pip install jieba" in lines[0] and "bug" not in lines[0]


def test_usual_exit_codes_through_the_entry_point(capsys):
    assert _exit(capsys, "check", PRINT)[0] == 0
    assert _exit(capsys, "check")[0] == 2
    assert _exit(capsys, "no-such-command")[0] == 2
    assert _exit(capsys, "--version")[0] == 0


def test_a_current_folder_removed_under_the_shell_is_one_line_and_2(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    result = subprocess.run(["bash", "-c", 'cd "$1" && rm -r "$1" && exec "$2" -m factcheck check "$3"', "-",
                             str(gone), sys.executable, PRINT],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "factcheck: cannot read the current folder (No such file or directory); it was removed, or may not be "
        "read: change to another folder and run factcheck again"]


def _fake_module(folder: Path, body: str) -> dict:
    """An environment in which importing click runs ``body`` (the first heavy import)."""
    (folder / "click.py").write_text(body, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(folder) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_ctrl_c_during_start_up_exits_130_with_one_line(tmp_path):
    env = _fake_module(tmp_path, "raise KeyboardInterrupt\n")
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", PRINT], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 130
    assert result.stderr.strip().splitlines() == ["factcheck: interrupted"]


def test_a_real_sigint_during_start_up_exits_130(tmp_path):
    marker = tmp_path / "started"
    env = _fake_module(tmp_path, f"import pathlib, time\npathlib.Path({str(marker)!r}).touch()\ntime.sleep(30)\n")
    # A job started in the background of a non-interactive shell (as CI may be) inherits
    # SIGINT ignored, and Python then never turns it into KeyboardInterrupt: restore it.
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", PRINT], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert err.strip().splitlines() == ["factcheck: interrupted"]


def test_the_command_leaves_its_output_whole_and_its_cache_closed(tmp_path):
    """The command exits without tearing the interpreter down: what it wrote must still
    all arrive, with its exit code, and the result cache must have been closed first."""
    import json

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", "--format", "json", str(ROOT / "samples")],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert len(report["diagnostics"]) > 0
    databases = list((tmp_path / "cache").rglob("*.sqlite*")) + list((tmp_path / "cache").rglob("*.db*"))
    assert databases, "the run made no result cache"
    assert not [p for p in databases if p.name.endswith(("-wal", "-shm"))], "the cache was not closed"


def _die(_section: int) -> None:
    os._exit(9)


def test_a_section_worker_killed_by_the_system_fails_the_run_instead_of_hanging_it(monkeypatch, capsys, tmp_path):
    """A large file's sections are checked in forked workers; one that dies (the kernel's
    out-of-memory killer, say) leaves the run an internal error, exit 3, never a hang."""
    import factcheck.engine as engine

    body = (ROOT / "samples" / "tiandong-county.news.txt").read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text(body * 4, encoding="utf-8")
    (tmp_path / "setup.cfg").write_text(f"[factcheck]\nsection-size = {len(body)}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(engine, "_check_section_at", _die)  # what a forked worker then runs
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    code, out = _exit(capsys, "check", "--jobs", "2", "--no-cache", str(path))
    assert code == 3 and "BrokenProcessPool" in out.err
