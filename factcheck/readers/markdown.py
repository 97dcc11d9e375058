"""Markdown reports (.md): markup is blanked before normalisation, never removed,
so offsets into the original text stay valid."""
from __future__ import annotations

import re

from ..document import Document
from .encoding import decode

# Heading marks, quote marks, list bullets, emphasis, code ticks, link targets, images, HTML tags.
_MARKUP = re.compile(
    r"^\s{0,3}(?:#{1,6}|>+|[-*+]|\d+\.)\s"   # line-start markers
    r"|(?<=\])\([^)\n]*\)"                      # (url) after [text]
    r"|!?\[|\]"                                  # link/image brackets
    r"|\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])"  # emphasis
    r"|`+"
    r"|<[^>\n]+>",
    re.M,
)


def blank_markup(text: str) -> str:
    return _MARKUP.sub(lambda m: " " * len(m.group(0)), text)


def read(path: str, data: bytes) -> Document:
    decoded, encoding = decode(data)
    return Document.from_text(path, decoded, encoding, view_of=blank_markup(decoded))
