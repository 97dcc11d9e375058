"""Line breaking for Chinese prose in the terminal report.

rich breaks text at spaces and folds a longer "word" at any character; Chinese
has no spaces, so a paragraph is one word, folded anywhere: “100⏎%”, “7001⏎户”,
a line starting with “，”. ``break_offsets`` follows the usual rules for
Chinese (GB/T 15834 and kinsoku practice) instead:

* a number is never split, nor separated from a unit or classifier that follows
  it (700112736人, 3.2亿元, 100%, 5个百分点, 2020-03-25);
* a closing mark (，。、；：！？）」” % …) never starts a line, and an opening
  one (（「“) never ends one;
* Latin words and paths break only at spaces, as before.

``Prose`` is a rich Text that wraps this way; use it for any text an editor
reads. A group wider than the whole line is still folded by characters.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from rich.cells import cell_len
from rich.containers import Lines
from rich.text import Text

CLOSING = set("，。、；：！？）》」』】〕〉”’…—％‰,.;:!?)]}>%·～")
OPENING = set("（《「『【〔〈“‘([{<")
# One unit: whitespace; a number (ASCII run from a digit, or full-width digits: ２０２２年) with what it
# counts; an ASCII word; a run of ideographs (a unit each: one match for the run, not one per
# character); any one character.
_UNIT = re.compile(
    r"(\s+)"
    r"|[-+−]?\d[\x21-\x7e０-９．]*(?:[万亿]{1,2})?(?:个百分点|百分点|平方公里|平方米|公里|公顷|[\u3400-\u9fff])?"
    r"|[\x21-\x7e]+"
    r"|([\u3400-\u9fff]+)"
    r"|.", re.S)


class _Widths(dict):
    """code point -> its display columns (2 for CJK, as rich's cell_len) as one character,
    remembered: a table for str.translate, so that a text's widths come out of C."""

    def __missing__(self, point: int) -> str:
        width = self[point] = chr(cell_len(chr(point)))
        return width


_WIDTHS = _Widths()


def widths(text: str) -> bytes:
    """The display columns of each character of ``text``, as the bytes of a bytes object."""
    return text.translate(_WIDTHS).encode("latin-1")


def text_width(text: str) -> int:
    return sum(widths(text))


def _groups(text: str) -> tuple[list[int], list[int]]:
    """The starts and ends of the groups, other than spaces, that a line break may not enter:
    a closing mark stays with what it closes, an opening mark with what it opens."""
    starts: list[int] = []
    ends: list[int] = []
    joins = False  # the next unit joins the group before it (no space between them)
    glue_next = False
    for m in _UNIT.finditer(text):
        if m.start(1) >= 0:  # spaces
            joins = glue_next = False
            continue
        start, end = m.span()
        if m.start(2) >= 0:  # ideographs, each a group of its own
            if joins and glue_next:
                ends[-1] = start = start + 1
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
            joins, glue_next = True, False
            continue
        piece = m.group()
        if joins and (glue_next or all(c in CLOSING for c in piece)):
            ends[-1] = end
        else:
            starts.append(start)
            ends.append(end)
        joins, glue_next = True, piece[-1] in OPENING
    return starts, ends


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets in ``text`` (one line, no newline) where wrapped lines start: each line ends
    before the first group that would take it past ``width`` (spaces at its end count, but never
    force a break themselves); a group wider than a line is folded by characters."""
    if width <= 0 or 2 * len(text) <= width:  # (no character takes more than two columns)
        return []
    cols = list(accumulate(widths(text), initial=0))  # cols[k]: the columns of text[:k]
    if cols[-1] <= width:
        return []
    starts, ends = _groups(text)
    reach = [cols[e] for e in ends]  # where each group ends, in columns: rising
    offsets: list[int] = []
    line = 0  # where the current line starts
    k = 0
    while (k := bisect_right(reach, cols[line] + width, k)) < len(starts):
        start, end = starts[k], ends[k]  # the first group that does not fit
        if k and start > line:  # something before it on the line: it starts the next
            offsets.append(line := start)
        if cols[end] - cols[start] > width:  # wider than a line alone: fold it by characters
            for i in range(start + 1, end):
                if cols[i + 1] - cols[line] > width:
                    offsets.append(line := i)
        k += 1
    return offsets


class Prose(Text):
    """A rich Text that breaks lines as Chinese typesetting does (see ``break_offsets``)."""

    def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None) -> Lines:
        wrap_overflow = overflow or self.overflow or "fold"
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                no_wrap=no_wrap)
        lines = Lines()
        plain = self.plain
        for line in self.split(allow_blank=True) if "\n" in plain or "\t" in plain else [self]:
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(break_offsets(line.plain, width))
            for piece in new_lines:
                piece.rstrip_end(width)
                piece.rstrip()
            justify_as = justify or self.justify
            if justify_as:
                new_lines.justify(console, width, justify=justify_as, overflow=wrap_overflow)
            for piece in new_lines:
                if 2 * len(piece) > width:  # (no character takes more than two columns: the rest fit)
                    piece.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines
