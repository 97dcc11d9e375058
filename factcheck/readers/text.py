"""Plain-text reports (.txt)."""
from __future__ import annotations

from ..document import Document
from .encoding import decode


def read(path: str, data: bytes) -> Document:
    decoded, encoding = decode(data)
    return Document.from_text(path, decoded, encoding)
