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
from dataclasses import dataclass
from pathlib import Path

from ..document import Document

# extension -> reader module (in this package) with ``read(path, data) -> Document``
READERS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
}


def reader_for(path: str):
    """The reader module for a path by its extension; text for any other."""
    return importlib.import_module(f"{__name__}.{READERS.get(Path(path).suffix.lower(), 'text')}")


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


def _walk(directory: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in READERS and not name.startswith("."):
                found.append(os.path.join(root, name))
    return found


def expand(paths: list[str]) -> list[str]:
    """Files named, plus the readable files under directories named, without repeats."""
    out: list[str] = []
    for path in paths:
        out.extend(_walk(path) if os.path.isdir(path) else [path])
    return list(dict.fromkeys(out))


def read_path(path: str) -> Document | ReadError:
    reader = reader_for(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return ReadError(path, "no such file")
    except IsADirectoryError:
        return ReadError(path, "is a directory")
    except OSError as exc:
        return ReadError(path, exc.strerror or str(exc))
    try:
        return reader.read(path, data)
    except ValueError as exc:
        return ReadError(path, str(exc))
    except ImportError as exc:  # a format's library missing from a partial install
        return ReadError(path, f"cannot read {Path(path).suffix} files here: {exc} (reinstall factcheck)")


def read_paths(paths: list[str]) -> tuple[list[Document], list[ReadError]]:
    documents, errors = [], []
    for path in expand(paths):
        result = read_path(path)
        (errors if isinstance(result, ReadError) else documents).append(result)
    return documents, errors
