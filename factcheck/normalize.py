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


def normalise(text: str) -> View:
    wrapped = is_wrapped(text)
    out: list[str] = []
    offsets: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in SPACES or ch == "\r":
            j = i
            while j < n and (text[j] in SPACES or text[j] == "\r"):
                j += 1
            before = out[-1] if out else ""
            after = fold_char(text[j]) if j < n else ""
            if _is_latin(before) and _is_latin(after):
                out.append(" ")
                offsets.append(i)
            i = j
            continue
        if ch == "\n":
            j = i
            while j < n and (text[j] == "\n" or text[j] in SPACES or text[j] == "\r"):
                j += 1
            before = out[-1] if out else ""
            if out and j < n and (not wrapped or before in SENTENCE_END):
                if before != "\n":
                    out.append("\n")
                    offsets.append(i)
            i = j
            continue
        ch = fold_char(ch)
        if ch in _TO_WIDE:
            prev = out[-1] if out else ""
            nxt = fold_char(text[i + 1]) if i + 1 < n else ""
            if not (ch in ",:" and prev.isdigit() and nxt.isdigit()):
                ch = _TO_WIDE[ch]
        out.append(ch)
        offsets.append(i)
        i += 1
    offsets.append(n)
    return View("".join(out), offsets, wrapped)
