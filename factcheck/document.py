"""Document: one decoded report, its normalised view, and the map between them.

Rules compare figures on the normalised view (``Document.norm``); every place a
diagnostic names is translated back to the original decoded text with
``Document.span``, so that editors and CI see lines and columns of the file as
it is on disk.
"""
from __future__ import annotations

import bisect
import heapq
import operator
import re
from array import array
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


_VIEW_FIELDS = frozenset(("norm", "offsets", "wrapped"))
SPACED_NUMBERS = 0.2  # of a text's Arabic numbers followed by a space: its habit of spacing them
_NUMBER_AND_SPACE = re.compile(r"\d+(?:\.\d+)?([ \u3000])?")


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
    # (default factories, not defaults: a class attribute would answer for a view not made yet)
    norm: str = field(default_factory=str)
    offsets: list[int] = field(default_factory=list)
    wrapped: bool = field(default_factory=bool)  # hard line breaks inside paragraphs (PDF text)
    locations: Locations | None = None  # pages or paragraphs of an extracted text

    @classmethod
    def from_text(cls, path: str, text: str, encoding: str = "utf-8", view_of: str | None = None,
                  locations: Locations | None = None) -> "Document":
        """``view_of`` is the text to normalise when a reader has blanked markup in
        it; it must have the same length as ``text``. ``locations`` names the page
        or paragraph each offset of ``text`` lies on, for readers of PDF and DOCX.

        The view is made when first asked for: a file that is only fingerprinted
        (surveyed, then checked in another process) is never normalised here."""
        doc = cls.__new__(cls)
        doc.__dict__.update(path=path, text=text, encoding=encoding, locations=locations,
                            _view_of=text if view_of is None else view_of)
        return doc

    def __getattr__(self, name: str):
        # only reached for what the instance lacks: the view's fields of a document from from_text
        pending = self.__dict__.get("_view_of")
        if pending is None or name not in _VIEW_FIELDS:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        from .normalize import normalise

        view = normalise(pending)
        self.__dict__.update(norm=view.text, offsets=view.offsets, wrapped=view.wrapped)
        del self.__dict__["_view_of"]
        return self.__dict__[name]

    @property
    def ideograph_text(self) -> str:
        """A text whose CJK ideographs, in order, are the view's: the text normalised, before
        it is (normalising only drops blanks and folds non-ideographs, except a PDF's page
        breaks with their 第2页)."""
        pending = self.__dict__.get("_view_of")
        return pending if pending is not None and "\f" not in pending else self.norm

    @property
    def chars(self) -> int:
        """The length of the decoded text, in characters."""
        return len(self.text)

    @property
    def segments(self) -> "Segments":
        """The sentences, clauses and list items of ``norm`` (the one segmentation)."""
        return segments(self.norm)

    @cached_property
    def spaces_numbers(self) -> bool:
        """Whether the original sets a space after its numbers as a habit (2025 年版, 14 章:
        a print copy, a pangu-spaced page), so that a space beside a number separates nothing:
        a fifth of its Arabic numbers followed by one (real pages reach 0.16 at most)."""
        numbers = spaced = 0
        for m in _NUMBER_AND_SPACE.finditer(self.text):
            numbers += 1
            spaced += m.group(1) is not None
        return numbers > 0 and spaced >= SPACED_NUMBERS * numbers

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

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


class Section(Document):
    """A stretch of a large document's normalised view, checked on its own (see
    ``sections``). Rules see it as a document whose text is that stretch; the spans they
    ask for are the whole document's, so findings name the file's own lines and columns."""

    def __init__(self, whole: Document, shift: int, norm: str):
        super().__init__(whole.path, norm, whole.encoding, norm, [], whole.wrapped, None)
        self.whole, self.shift = whole, shift

    def span(self, start: int, end: int) -> Span:
        return self.whole.span(start + self.shift, end + self.shift)


def section_bounds(norm: str, size: int) -> list[tuple[int, int]]:
    """The (start, end) of each Section of at most ``size`` characters of ``norm``, cut at
    the last paragraph break in the second half of each, else at the last sentence
    break, else where the size runs out. The caller cuts and checks one at a time."""
    bounds, start = [], 0
    while start < len(norm):
        end = min(len(norm), start + size)
        if end < len(norm):
            floor = start + size // 2
            cut = norm.rfind("\n", floor, end)
            if cut < 0:
                cut = max(norm.rfind(c, floor, end) for c in SENTENCE_BREAKS)
            end = cut + 1 if cut >= 0 else end
        bounds.append((start, end))
        start = end
    return bounds


# The one segmentation every stage and rule uses. A sentence ends at 。！？； or a
# line break; a clause also at ，：; a list item also at 、 (so a 、 list stays in one clause).
SENTENCE_BREAKS = "。！？；\n"
CLAUSE_BREAKS = SENTENCE_BREAKS + "，："
ITEM_BREAKS = CLAUSE_BREAKS + "、"
# A full sentence ends only at 。！？ or a line break: the clauses a ； joins share its time and
# place (截至2015年底，全市有384个贫困村；贫困人口20.1万人: both 全市's, both at 2015年底).
FULL_SENTENCE_BREAKS = "。！？\n"
_LEVELS = {"full": FULL_SENTENCE_BREAKS, "sentence": SENTENCE_BREAKS, "clause": CLAUSE_BREAKS, "item": ITEM_BREAKS}
# A heading: a short line with no sentence or clause punctuation (镇赉县：脱贫攻坚成效 has a colon
# and still counts; ，。！？； do not).
HEADING_LINE = re.compile(r"(?m)^[^\n。！？；，]{2,30}$")
NOT_CONTENT = re.compile(r"[\W_]+")  # what is no letter, digit or CJK character: marks, spaces, line breaks


# The longest sentence, clause and list item a rule looks at. Real ones are far shorter
# (255 and 105 characters in the samples); a longer run without a break (a list of
# thousands of parts, a file of digits) is cut into pieces this long, so that every rule's
# look at "the rest of the sentence" costs at most this much, whatever the file.
MAX_SEGMENT = {"full": 600, "sentence": 600, "clause": 300, "item": 300}
_CUT_SLACK = 30  # a cut moves up to this far on to fall between two figures


class Matches:
    """A pattern's matches in a text, found once and asked for by position by bisection."""

    def __init__(self, pattern: re.Pattern, text: str) -> None:
        self._found = list(pattern.finditer(text))
        self._starts = [m.start() for m in self._found]

    def __bool__(self) -> bool:
        return bool(self._found)

    def last(self, start: int, end: int) -> str | None:
        """The last match lying in [start, end), or None."""
        found = self.last_match(start, end)
        return found.group() if found else None

    def last_match(self, start: int, end: int) -> re.Match | None:
        i = bisect.bisect_left(self._starts, end) - 1
        while i >= 0 and self._starts[i] >= start:
            if self._found[i].end() <= end:
                return self._found[i]
            i -= 1
        return None

    def within(self, start: int, end: int) -> list[str]:
        """The matches lying in [start, end), in order."""
        found = self._found[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]
        return [m.group() for m in found if m.end() <= end]


class Segments:
    """Where the sentences, clauses and list items of one text end: positions of
    their break characters, found once with one regex each, looked up by bisection.

    ``breaks(level)[k]`` is where segment k ends (exclusive) and ``resumes(level)[k]``
    where the next one starts: just after the break character, or at the same place
    where an over-long segment was cut (no character is lost to a cut)."""

    def __init__(self, text: str):
        self.text = text
        self._breaks: dict[str, array] = {}
        self._resumes: dict[str, array] = {}
        self._cut_at: dict[str, list[int]] = {}
        self._matches: dict[re.Pattern, Matches] = {}

    def breaks(self, level: str) -> array:
        found = self._breaks.get(level)
        if found is None:
            self._split(level)
            found = self._breaks[level]
        return found

    def resumes(self, level: str) -> array:
        if level not in self._resumes:
            self._split(level)
        return self._resumes[level]

    def _split(self, level: str) -> None:
        text, limit = self.text, MAX_SEGMENT[level]
        breaks = "[" + _LEVELS[level] + "]"
        cuts = [] if level == "sentence" else self._cuts("sentence")  # a sentence's cuts cut its clauses too
        found = [m.start() for m in re.finditer(breaks, text)]
        # a run longer than the limit: the largest gap between breaks (map and max run in C)
        edges = [-1, *found, len(text)]
        if not cuts and max(map(operator.sub, edges[1:], edges[:-1])) <= limit + 1:  # nothing to cut
            ends = array("q", found)
            self._breaks[level], self._resumes[level] = ends, array("q", [e + 1 for e in ends])
            self._cut_at[level] = []
            return
        ends, resumes = array("q"), array("q")
        real = (m.start() for m in re.finditer(breaks, text))
        start = 0
        for end, resume in heapq.merge(((e, e + 1) for e in real), ((c, c) for c in cuts), ((len(text), None),)):
            while end - start > limit:
                cut = start + limit
                stop = min(cut + _CUT_SLACK, end)
                while cut < stop and (text[cut].isnumeric() or text[cut - 1].isnumeric()):
                    cut += 1
                if cut == end:
                    break
                ends.append(cut)
                resumes.append(cut)
                start = cut
            if resume is None:
                break
            if ends and ends[-1] == end:  # a sentence's cut that fell on this very break
                resumes[-1] = start = resume
                continue
            ends.append(end)
            resumes.append(resume)
            start = resume
        self._breaks[level], self._resumes[level] = ends, resumes
        self._cut_at[level] = [p for p, r in zip(ends, resumes) if p == r]

    def _cuts(self, level: str) -> list[int]:
        """Where over-long segments of ``level`` were cut (no break character there)."""
        if level not in self._cut_at:
            self._split(level)
        return self._cut_at[level]

    def matches(self, pattern: re.Pattern) -> Matches:
        """The text's matches of ``pattern`` (the time words a figure's record reads), found once."""
        found = self._matches.get(pattern)
        if found is None:
            found = self._matches[pattern] = Matches(pattern, self.text)
        return found

    def start(self, pos: int, level: str = "clause", floor: int = 0) -> int:
        """Where the segment holding ``pos`` starts (not before ``floor``); ``pos`` if pos <= floor."""
        return clause_start(self.text, pos, level, floor)

    def end(self, pos: int, level: str = "clause", ceiling: int | None = None) -> int:
        """The first break at or after ``pos`` (not after ``ceiling``), else the end of the text."""
        return clause_end(self.text, pos, level, ceiling)

    def around(self, pos: int, level: str = "clause") -> tuple[int, int]:
        """(start, end) of the segment holding ``pos``, its break excluded."""
        return self.start(pos, level), self.end(pos, level)

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos``, its break included."""
        ends, resumes = self.breaks("sentence"), self.resumes("sentence")
        k = bisect.bisect_left(ends, pos)
        return resumes[k - 1] if k else 0, resumes[k] if k < len(ends) else len(self.text)


@lru_cache(maxsize=2048)  # every rule asks again for each document's text
def _segments(text: str) -> Segments:
    return Segments(text)


_LAST: list = [None, None]  # the text asked about last and its Segments: most asks are for it again


def segments(text: str) -> Segments:
    """The Segments of a (normalised) text, shared by the figures stage and the rules."""
    if _LAST[0] is not text:
        _LAST[0], _LAST[1] = text, _segments(text)
    return _LAST[1]


def forget_segments() -> None:
    """Drop the Segments kept for the texts seen so far (and so the texts): for a large
    file's sections, each let go when checked."""
    _segments.cache_clear()
    _LAST[0] = _LAST[1] = None


# The two asked most often, by every rule: Segments.start and Segments.end written out,
# since each call through the object costs more than the bisection itself.
def clause_start(text: str, pos: int, level: str = "clause", floor: int = 0) -> int:
    """Just after the last break of ``level`` before ``pos`` (not before ``floor``)."""
    if pos <= floor:
        return pos
    seg = _LAST[1] if _LAST[0] is text else segments(text)
    ends = seg._breaks.get(level) or seg.breaks(level)
    k = bisect.bisect_left(ends, pos)
    return max(seg._resumes[level][k - 1], floor) if k else floor


def paragraph_start(text: str, pos: int, floor: int = 0) -> int:
    """Just after the last line break before ``pos``, or ``floor`` if that is later: a rule
    that looks back only so far searches no further (a 1 MB line would be read per figure)."""
    return max(text.rfind("\n", floor, pos) + 1, floor)


def clause_end(text: str, pos: int, level: str = "clause", ceiling: int | None = None) -> int:
    """The first break of ``level`` at or after ``pos`` (not after ``ceiling``), else the end."""
    stop = len(text) if ceiling is None else min(len(text), ceiling)
    if pos >= stop:
        return pos
    seg = _LAST[1] if _LAST[0] is text else segments(text)
    ends = seg._breaks.get(level) or seg.breaks(level)
    k = bisect.bisect_left(ends, pos)
    return min(ends[k], stop) if k < len(ends) else stop
