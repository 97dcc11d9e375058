"""Text from reports and file names, made safe to print on a terminal.

An article or a file name can hold terminal control sequences (ESC [ 2 J
clears the screen, ESC ] 0 ; ... BEL retitles the window) or bidirectional
overrides that reorder what the reader sees. The terminal report shows every
such character escaped, as ``\\x1b`` or ``\\u202e``; newlines and tabs stay.
"""
from __future__ import annotations

import re

# C0 controls but \t and \n, DEL, C1 controls, bidi marks/embeddings/overrides/isolates,
# and lone surrogates (which cannot even be encoded for the terminal).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written out as an escape."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def visible_span(line: str, start: int, end: int) -> tuple[str, int, int]:
    """``visible(line)``, with [start, end) moved to where those characters are now."""
    if not _UNSAFE.search(line):
        return line, start, end
    new_start = len(visible(line[:start]))
    return visible(line), new_start, new_start + len(visible(line[start:end]))
