"""Readers: paths in, Documents out, and one ReadError for each file that cannot be read.

One module per input format; ``read_paths`` walks directories and picks the
reader by file extension. The readers of HTML, PDF and Word files import their
libraries (trafilatura, pdfminer.six, python-docx) only when such a file is
read, so a run over text files does not pay for them at start-up.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from . import docx, html, markdown, pdf, text

READERS = {
    ".txt": text, ".text": text, ".md": markdown, ".markdown": markdown,
    ".html": html, ".htm": html, ".xhtml": html, ".pdf": pdf, ".docx": docx,
}


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
    reader = READERS.get(Path(path).suffix.lower(), text)
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


def read_paths(paths: list[str]) -> tuple[list[Document], list[ReadError]]:
    documents, errors = [], []
    for path in expand(paths):
        result = read_path(path)
        (errors if isinstance(result, ReadError) else documents).append(result)
    return documents, errors
