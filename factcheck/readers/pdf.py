"""PDF print pages (.pdf): the text layer in reading order, one line of text per
printed line, with the page of every offset recorded for diagnostics.

pdfminer.six does the decoding (CID fonts and their CMaps, so CJK text comes
out as characters) and groups characters into lines. The order of those lines
is decided here by recursive XY-cut: a page is split at vertical white gaps
(columns, read left to right) and at horizontal ones (bands, read top to
bottom) until a block is one column of lines. Newspaper pages are set in
narrow columns under headlines that span several of them, which pdfminer's
own box ordering mixes up.

A print page's running header and footer (the paper's name and date, the
story's title, a page number) are not the story's text: a line at a page's top or
bottom edge that recurs at that edge of another page, digits aside, is dropped,
and so is a page number there. Left in, they were pasted copies to duplicated-text
and broke the sentence that runs on over the page. Only a copy at the top of the
first page stays, where it is the headline or the masthead and breaks no sentence.

A PDF without a text layer (a scan) is a ReadError, reported as E001: an empty
pass would tell the editor the page was checked when nothing was.
"""
from __future__ import annotations

import io
import re
import statistics
import unicodedata
from typing import NamedTuple

from ..document import Document, Locations
from ..normalize import PAGE_NUMBER
from . import quiet

# Kangxi radicals, CJK radicals and compatibility ideographs that PDF producers
# put in place of the unified ideographs (⼈ for 人): each folds to one character
# under NFKC, so offsets do not move.
_LOOKALIKES = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_RUNNING_MIN_CHARS = 4  # shorter lines (一、 （完）) recur at a column's top by chance


def _fold(text: str) -> str:
    def one(m: re.Match) -> str:
        folded = unicodedata.normalize("NFKC", m.group())
        return folded if len(folded) == 1 else m.group()

    return _LOOKALIKES.sub(one, text)


def _gaps(spans: list[tuple[float, float]], min_gap: float, widest: bool = False) -> list[float]:
    """Cut positions in the white gaps (wider than ``min_gap``) between the intervals;
    with ``widest``, only in the gaps nearly as wide as the widest one."""
    gaps, reach = [], None
    for low, high in sorted(spans):
        if reach is not None and low - reach > min_gap:
            gaps.append((low - reach, (reach + low) / 2))
        reach = high if reach is None else max(reach, high)
    if widest and gaps:
        most = max(width for width, _ in gaps)
        gaps = [g for g in gaps if g[0] >= 0.8 * most]
    return [cut for _, cut in gaps]


def _split(items: list, cuts: list[float], key) -> list[list]:
    groups: list[list] = [[] for _ in range(len(cuts) + 1)]
    for item in items:
        groups[sum(1 for c in cuts if key(item) > c)].append(item)
    return [g for g in groups if g]


def _reading_order(lines: list, em: float) -> list:
    """Recursive XY-cut over pdfminer text lines (bbox x0, y0, x1, y1; y grows upwards)."""
    if len(lines) <= 1:
        return lines
    columns = _gaps([(ln.x0, ln.x1) for ln in lines], em)
    if columns:
        groups = _split(lines, columns, lambda ln: (ln.x0 + ln.x1) / 2)
    else:
        # Bands are cut at the widest white gaps only (a headline's, a box's), not at
        # every line: lines of two columns side by side share their line gaps, and
        # cutting there would read across the columns instead of down them.
        bands = _gaps([(-ln.y1, -ln.y0) for ln in lines], 0.0, widest=True)
        if not bands:
            return sorted(lines, key=lambda ln: (-ln.y1, ln.x0))
        groups = _split(lines, bands, lambda ln: -(ln.y0 + ln.y1) / 2)
    if len(groups) == 1:
        return sorted(lines, key=lambda ln: (-ln.y1, ln.x0))
    return [ln for group in groups for ln in _reading_order(group, em)]


def _line_text(line) -> str:
    """A line's characters, with a space only where the gap is wider than the line's
    own letter spacing by a fifth of the type size. pdfminer puts a space at every
    gap above a tenth of a character, which in letter-spaced (justified) newspaper
    text splits 7001 into 7 0 0 1; spaces that are characters in the PDF stay."""
    from pdfminer.layout import LTChar

    chars = [c for c in line if isinstance(c, LTChar)]
    if len(chars) < 2:
        return line.get_text().rstrip("\r\n")
    gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:])]
    spacing = statistics.median(gaps)
    size = statistics.median(c.size for c in chars)
    out = [chars[0].get_text()]
    for gap, a, b in zip(gaps, chars, chars[1:]):
        if gap > spacing + 0.2 * size and not a.get_text().isspace() and not b.get_text().isspace():
            out.append(" ")
        out.append(b.get_text())
    return "".join(out)


class Line(NamedTuple):
    """A printed line: its box (y grows upwards) and its text. pdfminer's own line
    holds every character's object; a document's pages are held until the running
    headers are known, so only this is kept of them."""

    x0: float
    y0: float
    x1: float
    y1: float
    height: float
    text: str


def _page_lines(page) -> list[Line]:
    from pdfminer.layout import LTTextBox, LTTextLine

    lines = []
    for element in page:
        if isinstance(element, LTTextBox):
            lines.extend(ln for ln in element if isinstance(ln, LTTextLine))
        elif isinstance(element, LTTextLine):
            lines.append(element)
    return [Line(ln.x0, ln.y0, ln.x1, ln.y1, ln.height, _line_text(ln)) for ln in lines if ln.get_text().strip()]


def _edge_rows(lines: list[Line], em: float) -> tuple[list[int], list[int]]:
    """Indexes of the lines of a page's topmost and bottommost rows (side by side
    within half a line)."""
    top = max(ln.y1 for ln in lines)
    bottom = min(ln.y0 for ln in lines)
    return ([i for i, ln in enumerate(lines) if top - ln.y1 < em / 2],
            [i for i, ln in enumerate(lines) if ln.y0 - bottom < em / 2])


def _running(pages: list[tuple[list[Line], float]]) -> set[tuple[int, int]]:
    """(page, line) of the lines to drop: page numbers at a page's edge, and lines at
    the top (or bottom) edge whose text, digits aside, is at that edge of another page
    too, except their copy at the top of the first page."""
    drop: set[tuple[int, int]] = set()
    for edge in (0, 1):
        seen: dict[str, list[tuple[int, int]]] = {}
        for page, (lines, em) in enumerate(pages):
            if not lines:
                continue
            for i in _edge_rows(lines, em)[edge]:
                text = lines[i].text.strip()
                if PAGE_NUMBER.fullmatch(text):
                    drop.add((page, i))
                    continue
                key = re.sub(r"\d+", "#", re.sub(r"\s+", "", text))
                if len(key) >= _RUNNING_MIN_CHARS:
                    seen.setdefault(key, []).append((page, i))
        for copies in seen.values():
            if len({page for page, _ in copies}) > 1:
                drop.update(c for c in copies if not (edge == 0 and c[0] == 0))
    return drop


def extract(data: bytes) -> tuple[str, list[int]]:
    """(text, offsets where each page's text begins)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    quiet("pdfminer")

    # char_margin 1.0: a narrow newspaper gutter (about one character) still
    # separates columns; CJK lines have no spaces for pdfminer to lean on.
    # boxes_flow None: pdfminer's own box ordering is not used (XY-cut below is),
    # and skipping it halves the time per page (281 -> 133 ms on the sample).
    params = LAParams(char_margin=1.0, line_margin=0.5, detect_vertical=False, boxes_flow=None)
    pages: list[tuple[list, float]] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=params):
            lines = _page_lines(page)
            heights = sorted(ln.height for ln in lines)
            pages.append((lines, heights[len(heights) // 2] if heights else 0.0))
        drop = _running(pages)
        pieces: list[str] = []
        starts: list[int] = []
        length = 0
        for page, (lines, em) in enumerate(pages):
            starts.append(length)
            for ln in _reading_order([ln for i, ln in enumerate(lines) if (page, i) not in drop], em):
                piece = ln.text + "\n"
                pieces.append(piece)
                length += len(piece)
    except RecursionError:
        raise ValueError("not a readable PDF (objects nested too deeply)") from None
    except Exception as exc:  # noqa: BLE001 - on a damaged file pdfminer raises anything
        # (PDFSyntaxError, KeyError, struct.error, zlib.error, ...); one bad file is an
        # E001 finding, never the end of a run over a thousand good ones.
        raise ValueError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    return "".join(pieces), starts


def read(path: str, data: bytes) -> Document:
    if b"%PDF-" not in data[:1024]:  # readers accept the header anywhere in the first KB
        raise ValueError("not a PDF file (no %PDF- header)")
    text, starts = extract(data)
    if not starts:
        raise ValueError("PDF has no pages")
    unmapped = sum(len(m.group()) for m in _UNMAPPED.finditer(text))
    if not text.strip() or unmapped > len(text.strip()) / 2:
        what = "no text layer" if not text.strip() else "text layer without a character map"
        raise ValueError(f"PDF has {what} (a scanned or image-only page?): "
                         f"nothing to check; run OCR or export the page with its text")
    return Document.from_text(path, _fold(text), "pdf", locations=Locations("page", tuple(starts)))
