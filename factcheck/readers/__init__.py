"""Readers: paths in, Documents out, and one ReadError for each file that cannot be read.

One module per input format; ``read_paths`` walks directories and picks the
reader by file extension. A reader module is imported when the first file of
its format is read, and the readers of HTML, PDF and Word files import their
libraries (trafilatura, pdfminer.six, python-docx) only then, so a run over
text files does not pay for them at start-up.
"""
from __future__ import annotations

import importlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..document import Document

# extension -> reader module (in this package) with ``read(path, data) -> Document``
READERS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
}


def reader_name(path: str) -> str:
    """The reader for a path by its extension; text for any other (os.path, not a Path:
    a run asks for every file, and making a Path costs more than the rest of the lookup)."""
    return READERS.get(os.path.splitext(path)[1].lower(), "text")


def reader_for(path: str):
    """The reader module for a path by its extension; text for any other."""
    return importlib.import_module(f"{__name__}.{reader_name(path)}")


def quiet(*loggers: str) -> None:
    """Keep a format library's log warnings about a damaged file (pdfminer's "MediaBox
    missing", trafilatura's parse errors) off the terminal: the file's E001 says it. A
    NullHandler only stops Python's last-resort printing; an application that has set
    up logging still receives the records."""
    import logging

    for name in loggers:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


@dataclass(frozen=True)
class ReadError:
    path: str
    reason: str


MAX_FILE_SIZE = 100_000_000  # bytes; config ``max-file-size`` (a long text is checked in sections)


def _walk(directory: str, errors: list[ReadError]) -> list[str]:
    """The report files under ``directory``; a sub-folder that cannot be listed is
    a ReadError, not silently skipped."""
    found = []

    def unreadable(exc: OSError) -> None:
        errors.append(ReadError(path_name(exc.filename or directory), exc.strerror or str(exc)))

    for root, dirs, files in os.walk(directory, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in READERS and not name.startswith("."):
                found.append(os.path.join(root, name))
    return found


def expand(paths: list[str], errors: list[ReadError] | None = None) -> list[str]:
    """Files named, plus the readable files under directories named, without repeats;
    folders that cannot be listed go to ``errors``."""
    errors = [] if errors is None else errors
    out: list[str] = []
    for path in paths:
        out.extend(_walk(path, errors) if os.path.isdir(path) else [path])
    return list(dict.fromkeys(out))


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    what = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return f"not a regular file: {what}"


def _too_large(size: int, limit: int) -> str:
    return f"file too large: {size} bytes, more than the limit of {limit} (max-file-size)"


def read_bytes(path: str, limit: int = MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; OSError or ValueError
    otherwise. A FIFO, socket or device is never opened for reading in blocking mode
    (a FIFO would hang the run, /dev/zero would never end)."""
    reason = _kind(os.stat(path).st_mode)
    if reason:
        raise ValueError(reason)
    # O_NONBLOCK: should the path have become a FIFO since stat, open returns at once.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        reason = _kind(info.st_mode) or (_too_large(info.st_size, limit) if info.st_size > limit else None)
        if reason:
            raise ValueError(reason)
        # read what fstat says is there (read(limit + 1) would allocate the whole limit,
        # 100 MB, for every file), then whatever it has grown by, up to the limit
        data = handle.read(min(info.st_size, limit) + 1)
        if len(data) > info.st_size:
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:  # grew since fstat
        raise ValueError(_too_large(len(data), limit))
    return data


def path_name(path: str) -> str:
    """The name a file goes by in reports: the path as given, except that bytes of
    a file name that are not UTF-8 (held by Python as lone surrogates, which no
    UTF-8 output can carry) are written as \\xNN, the same way everywhere."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def read_path(path: str, max_size: int = MAX_FILE_SIZE) -> Document | ReadError:
    data = raw(path, max_size)
    return data if isinstance(data, ReadError) else decode(path, data)


def raw(path: str, max_size: int = MAX_FILE_SIZE) -> bytes | ReadError:
    """The bytes of the file at ``path``, or why they cannot be read."""
    name = path_name(path)
    try:
        return read_bytes(path, max_size)
    except FileNotFoundError:
        return ReadError(name, "no such file" if not os.path.islink(path) else "broken symbolic link")
    except IsADirectoryError:
        return ReadError(name, "is a directory")
    except OSError as exc:
        return ReadError(name, exc.strerror or str(exc))
    except ValueError as exc:
        return ReadError(name, str(exc))


def decode(path: str, data: bytes) -> Document | ReadError:
    """The Document the reader of ``path``'s format makes of ``data``, or its ReadError."""
    name = path_name(path)
    try:
        return reader_for(path).read(name, data)
    except ValueError as exc:
        return ReadError(name, str(exc))
    except ImportError as exc:  # a format's library missing from a partial install
        return ReadError(name, f"cannot read {Path(path).suffix} files here: {exc} (reinstall factcheck)")
    except Exception as exc:  # a reader's bug costs this file, not the run
        return ReadError(name, f"internal error while reading ({type(exc).__name__}: {exc}); please report it")


def read_paths(paths: list[str], max_size: int = MAX_FILE_SIZE) -> tuple[list[Document], list[ReadError]]:
    documents: list[Document] = []
    errors: list[ReadError] = []
    for path in expand(paths, errors):
        result = read_path(path, max_size)
        (errors if isinstance(result, ReadError) else documents).append(result)
    return documents, errors
