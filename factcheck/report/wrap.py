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

from rich.cells import cell_len
from rich.containers import Lines
from rich.text import Text

CLOSING = set("，。、；：！？）》」』】〕〉”’…—％‰,.;:!?)]}>%·～")
OPENING = set("（《「『【〔〈“‘([{<")
# One unit: whitespace; a number (ASCII run from a digit, or full-width digits: ２０２２年) with what it
# counts; an ASCII word; any one character.
_UNIT = re.compile(
    r"\s+"
    r"|[-+−]?\d[\x21-\x7e０-９．]*(?:[万亿]{1,2})?(?:个百分点|百分点|平方公里|平方米|公里|公顷|[\u3400-\u9fff])?"
    r"|[\x21-\x7e]+"
    r"|.", re.S)


def _atoms(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_space) groups that a line break may not enter."""
    groups: list[list] = []
    glue_next = False
    for m in _UNIT.finditer(text):
        piece = m.group(0)
        space = piece.isspace()
        if space:
            groups.append([m.start(), m.end(), True])
            glue_next = False
            continue
        closing = all(c in CLOSING for c in piece)
        if groups and not groups[-1][2] and (closing or glue_next):
            groups[-1][1] = m.end()  # a closing mark stays with what it closes
        else:
            groups.append([m.start(), m.end(), False])
        glue_next = piece[-1] in OPENING  # an opening mark stays with what it opens
    return [tuple(g) for g in groups]


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets in ``text`` (one line, no newline) where wrapped lines start."""
    if width <= 0 or cell_len(text) <= width:
        return []
    offsets: list[int] = []
    used = 0  # cells on the current line
    for start, end, space in _atoms(text):
        size = cell_len(text[start:end])
        if space:
            used += size  # trailing spaces are trimmed; they never force a break
            continue
        line_start = offsets[-1] if offsets else 0
        if used + size > width and start > line_start and text[line_start:start].strip():
            offsets.append(start)
            used = 0
        if size > width:  # wider than a line alone: fold it by characters
            pos = start
            for i in range(start, end):
                c = cell_len(text[i])
                if used + c > width and i > pos:
                    offsets.append(i)
                    used = 0
                    pos = i
                used += c
            continue
        used += size
    return offsets


class Prose(Text):
    """A rich Text that breaks lines as Chinese typesetting does (see ``break_offsets``)."""

    def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None) -> Lines:
        wrap_overflow = overflow or self.overflow or "fold"
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                                no_wrap=no_wrap)
        lines = Lines()
        for line in self.split(allow_blank=True):
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
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines
