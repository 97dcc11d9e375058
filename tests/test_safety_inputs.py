"""Hostile inputs: only regular files are read, within a size limit; unreadable
files and folders are reported, never skipped silently; a failing stage costs
one file, not the run."""
import os
import socket
import threading

import pytest

from factcheck import check
from factcheck.config import Config
from factcheck.readers import ReadError, read_path, read_paths

TEXT = "累计实现7001户12736人稳定脱贫，53个贫困村出列。"


def _in_thread(fn, timeout=10):
    """fn() in a thread; fails (instead of hanging the suite) when it does not return."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", fn()), daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "hangs"
    return result["value"]


def _codes(report):
    return sorted((d.code, os.path.basename(d.span.path)) for d in report.diagnostics if d.code.startswith("E"))


def test_a_fifo_in_a_folder_or_named_is_an_unreadable_file_not_a_hang(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    report = _in_thread(lambda: check([str(tmp_path)]))
    assert [d.path for d in report.documents] == [str(tmp_path / "a.txt")]
    assert _codes(report) == [("E001", "pipe.txt")]
    named = _in_thread(lambda: read_path(str(tmp_path / "pipe.txt")))
    assert isinstance(named, ReadError) and "not a regular file" in named.reason


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_named_is_an_unreadable_file(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    result = _in_thread(lambda: read_path(device))
    assert isinstance(result, ReadError) and "not a regular file" in result.reason


def test_a_socket_in_a_folder_is_an_unreadable_file(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.txt"))
        report = _in_thread(lambda: check([str(tmp_path)]))
    finally:
        server.close()
    assert _codes(report) == [("E001", "sock.txt")]
    assert len(report.documents) == 1


def test_a_file_above_the_size_limit_is_reported_not_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(TEXT * 100, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(TEXT, encoding="utf-8")
    report = check([str(tmp_path)], config=Config(max_file_size=1000))
    assert _codes(report) == [("E001", "big.txt")]
    assert "1000" in next(e.reason for e in report.read_errors)
    assert [d.path for d in report.documents] == [str(small)]
    assert Config().max_file_size >= 50_000_000


def test_a_named_file_that_cannot_be_opened_is_one_finding_and_the_rest_is_checked(tmp_path, monkeypatch):
    locked, fine = tmp_path / "locked.txt", tmp_path / "fine.txt"
    locked.write_text(TEXT, encoding="utf-8")
    fine.write_text(TEXT, encoding="utf-8")
    real_open = os.open

    def deny(path, *args, **kwargs):
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "folder.txt").mkdir()
    names = [str(tmp_path / n) for n in ("locked.txt", "broken.txt", "fine.txt")]
    report = check(names)
    assert _codes(report) == [("E001", "broken.txt"), ("E001", "locked.txt")]
    assert [d.path for d in report.documents] == [str(fine)]
    reasons = {os.path.basename(e.path): e.reason for e in report.read_errors}
    assert "Permission denied" in reasons["locked.txt"]


def test_an_unreadable_sub_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "b.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def deny(path="."):
        if os.fspath(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    documents, errors = read_paths([str(tmp_path)])
    assert [d.path for d in documents] == [str(tmp_path / "a.txt")]
    assert [os.path.basename(e.path) for e in errors] == ["closed"]
    assert "Permission denied" in errors[0].reason


def test_a_reader_that_fails_costs_one_file_only(tmp_path, monkeypatch):
    from factcheck.readers import text

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    real_read = text.read

    def flaky(path, data):
        if path.endswith("a.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_read(path, data)

    monkeypatch.setattr(text, "read", flaky)
    report = check([str(tmp_path)])
    assert _codes(report) == [("E001", "a.txt")]
    assert "RecursionError" in report.read_errors[0].reason
    assert [os.path.basename(d.path) for d in report.documents] == ["b.txt"]


def test_a_figures_stage_that_fails_costs_one_file_only(tmp_path, monkeypatch):
    from factcheck.document import Document

    import factcheck.engine  # where each story or lone file's figures are extracted

    real_extract = factcheck.engine.extract

    def flaky(doc):
        if doc.path == "bad.txt":
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return real_extract(doc)

    monkeypatch.setattr(factcheck.engine, "extract", flaky)
    good = "累计实现700112736人稳定脱贫，举全縣之力。"
    report = check([Document.from_text("bad.txt", good), Document.from_text("good.txt", good)])
    bad = [d for d in report.diagnostics if d.span.path == "bad.txt"]
    assert [d.code for d in bad if d.code.startswith("E")] == ["E002"]
    assert "integer string conversion" in bad[0].message or any("integer" in d.message for d in bad)
    assert any(d.span.path == "good.txt" and d.code != "E002" for d in report.diagnostics)


def test_private_use_characters_in_copies_do_not_break_their_alignment():
    from factcheck.document import Document

    docs = [Document.from_text(f"copy{i}.txt", body) for i, body in enumerate(["％00\ue0000", "00\ue0000"])]
    report = check(docs, stories=[[d.path for d in docs]])
    assert not [d for d in report.diagnostics if d.code == "E002"]


def test_a_story_whose_alignment_fails_costs_its_comparison_only(monkeypatch):
    from factcheck.document import Document

    def broken(story, figures):
        raise StopIteration

    import factcheck.engine  # where each story's copies are aligned

    monkeypatch.setattr(factcheck.engine, "align_story", broken)
    docs = [Document.from_text(f"copy{i}.txt", "累计实现700112736人稳定脱贫，举全縣之力。") for i in range(2)]
    report = check(docs, stories=[[d.path for d in docs]])
    assert [d.span.path for d in report.diagnostics if d.code == "E002"] == ["copy0.txt"]
    assert any(d.code == "G104" for d in report.diagnostics)
