"""Document: one decoded report, its normalised view, and the map between them.

Rules compare figures on the normalised view (``Document.norm``); every place a
diagnostic names is translated back to the original decoded text with
``Document.span``, so that editors and CI see lines and columns of the file as
it is on disk.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache


@dataclass(frozen=True)
class Span:
    """A stretch of a file's original decoded text (code-point offsets, end exclusive)."""

    path: str
    start: int
    end: int
    text: str
    line: int
    column: int
    end_line: int
    end_column: int
    page: int | None = None       # 1-based page of a PDF, when the reader knows it
    paragraph: int | None = None  # 1-based paragraph of a Word document, likewise

    def to_dict(self) -> dict:
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        # Added fields, present only where they mean something (plain text has neither).
        if self.page is not None:
            out["page"] = self.page
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        return out


@dataclass(frozen=True)
class Locations:
    """Where the pages (PDF) or paragraphs (DOCX) of an extracted text begin.

    ``kind`` is the Span field it fills ("page" or "paragraph"); ``starts[i]``
    is the offset in the extracted text where number i + 1 begins.
    """

    kind: str
    starts: tuple[int, ...]

    def number(self, offset: int) -> int:
        return max(1, bisect.bisect_right(self.starts, offset))


@dataclass
class Document:
    """A report as read from disk.

    ``text`` is the decoded original; ``norm`` the normalised view and
    ``offsets[i]`` the original offset of ``norm[i]`` (with one extra entry
    for the end, so a normalised half-open span maps to an original one).
    """

    path: str
    text: str
    encoding: str = "utf-8"
    norm: str = ""
    offsets: list[int] = field(default_factory=list)
    wrapped: bool = False  # hard line breaks inside paragraphs (PDF text)
    locations: Locations | None = None  # pages or paragraphs of an extracted text

    @classmethod
    def from_text(cls, path: str, text: str, encoding: str = "utf-8", view_of: str | None = None,
                  locations: Locations | None = None) -> "Document":
        """``view_of`` is the text to normalise when a reader has blanked markup in
        it; it must have the same length as ``text``. ``locations`` names the page
        or paragraph each offset of ``text`` lies on, for readers of PDF and DOCX."""
        from .normalize import normalise

        view = normalise(text if view_of is None else view_of)
        return cls(path, text, encoding, view.text, view.offsets, view.wrapped, locations)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an original offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def original_range(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``norm`` to one of ``text``."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1

    def span(self, start: int, end: int) -> Span:
        """The original-text Span of the normalised span [start, end)."""
        return self.original_span(*self.original_range(start, end))

    def original_span(self, start: int, end: int) -> Span:
        line, column = self.line_col(start)
        end_line, end_column = self.line_col(end)
        span = Span(self.path, start, end, self.text[start:end], line, column, end_line, end_column)
        if self.locations is not None:
            span = replace(span, **{self.locations.kind: self.locations.number(start)})
        return span

    def source_line(self, line: int) -> str:
        starts = self._line_starts
        begin = starts[line - 1]
        stop = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[begin:stop].rstrip("\r")


CLAUSE_BREAKS = "。！？；，、：\n"


@lru_cache(maxsize=None)
def _break_patterns(breaks: str) -> tuple[re.Pattern, re.Pattern]:
    """(the text up to the last break, the next break): greedy ".*" jumps to the end
    and backtracks, so both scans run in C rather than a Python loop over characters."""
    cls = "[" + re.escape(breaks) + "]"
    return re.compile("(?s).*" + cls), re.compile(cls)


def clause_start(text: str, pos: int, breaks: str = CLAUSE_BREAKS, floor: int = 0) -> int:
    """Just after the last of ``breaks`` in text[floor:pos], else ``floor`` (``pos`` if pos <= floor)."""
    if pos <= floor:
        return pos
    m = _break_patterns(breaks)[0].match(text, floor, pos)
    return m.end() if m else floor


def clause_end(text: str, pos: int, breaks: str = CLAUSE_BREAKS, ceiling: int | None = None) -> int:
    """The first of ``breaks`` in text[pos:ceiling], else ``ceiling`` (the end of the text)."""
    stop = len(text) if ceiling is None else min(len(text), ceiling)
    if pos >= stop:
        return pos
    m = _break_patterns(breaks)[1].search(text, pos, stop)
    return m.start() if m else stop
