"""The normalised view that figures and copies are compared on.

What is folded, and why each is harmless to an editor:

* full-width digits, Latin letters and ``%+-.`` become ASCII (７００１ → 7001);
* ASCII ``, ; : ! ? ( )`` between Chinese text become their full-width forms,
  except a comma or colon between digits (1,219.2 and 09:50 keep theirs);
* spaces, ideographic spaces and tabs go, except one space between two Latin
  letters or digits (so "7001 户 12736 人" reads 7001户12736人);
* in hard-wrapped text (PDF extraction) a line break inside a sentence goes,
  and one after sentence-final punctuation stays as a single newline;
  elsewhere a run of line breaks becomes one newline.

Every character of the view remembers the original offset it came from, so a
span found on the view maps back to the original text.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

SENTENCE_END = set("。！？；…”」』!?;")
SPACES = set(" \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff")
_TO_WIDE = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}


@dataclass
class View:
    text: str
    offsets: list[int]  # offsets[i] = original index of text[i]; one extra entry for the end
    wrapped: bool


def fold_char(ch: str) -> str:
    """Full-width ASCII forms to ASCII (the one-character part of the folding)."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ascii_ch = chr(code - 0xFEE0)
        if ascii_ch.isalnum() or ascii_ch in "%+-.·/":
            return ascii_ch
    return ch


def is_wrapped(text: str) -> bool:
    """Hard-wrapped text: many short lines, most ending mid-sentence."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 8:
        return False
    if statistics.median(len(ln) for ln in lines) > 30:
        return False
    open_ended = sum(1 for ln in lines if ln[-1] not in SENTENCE_END)
    return open_ended / len(lines) > 0.5


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_SPECIAL = re.compile("[" + "".join(sorted(SPACES)) + "\r\n]+|[\uff01-\uff5e,;:!?()]")


def normalise(text: str) -> View:
    wrapped = is_wrapped(text)
    pieces: list[str] = []
    offsets: list[int] = []
    last = ""  # the last character written to the view
    n = len(text)
    pos = 0
    for m in _SPECIAL.finditer(text):
        start, end = m.span()
        if start > pos:  # ordinary text is copied as it is, in one piece
            pieces.append(text[pos:start])
            offsets.extend(range(pos, start))
            last = text[start - 1]
        pos = end
        token = m.group()
        if token[0] in SPACES or token[0] in "\r\n":
            after = fold_char(text[end]) if end < n else ""
            if "\n" in token:
                if last and last != "\n" and end < n and (not wrapped or last in SENTENCE_END):
                    pieces.append("\n")
                    offsets.append(start + token.index("\n"))
                    last = "\n"
            elif _is_latin(last) and _is_latin(after):
                pieces.append(" ")
                offsets.append(start)
                last = " "
            continue
        ch = fold_char(token)
        if ch in _TO_WIDE:
            after = fold_char(text[end]) if end < n else ""
            if not (ch in ",:" and last.isdigit() and after.isdigit()):
                ch = _TO_WIDE[ch]
        pieces.append(ch)
        offsets.append(start)
        last = ch
    if pos < n:
        pieces.append(text[pos:])
        offsets.extend(range(pos, n))
    offsets.append(n)
    return View("".join(pieces), offsets, wrapped)
