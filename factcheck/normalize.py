"""The normalised view that figures and copies are compared on.

What is folded, and why each is harmless to an editor:

* full-width digits, Latin letters and ``%+-.`` become ASCII (７００１ → 7001);
* ASCII ``, ; : ! ? ( )`` between Chinese text become their full-width forms,
  except a comma or colon between digits (1,219.2 and 09:50 keep theirs); full-width
  commas that group thousands of a currency become ASCII ones (1，166，600美元: two groups or more);
* spaces, ideographic spaces and tabs go, except one space between two Latin
  letters or digits (so "7001 户 12736 人" reads 7001户12736人); a single space
  that groups thousands goes too, as statistical bulletins write them
  (1 788.0万头, 12 345 678元: one to three digits, then groups of exactly three);
* a single line break between a digit and a unit or 万/亿 goes (2156.8⏎公里,
  1000⏎万元: a PDF's line end, never a paragraph's);
* in hard-wrapped text (PDF extraction) a line break inside a sentence goes,
  and one after sentence-final punctuation, after a short line (a heading) or
  before an indented line stays as a single newline;
  elsewhere a run of line breaks becomes one newline.

Every character of the view remembers the original offset it came from, so a
span found on the view maps back to the original text.
"""
from __future__ import annotations

import bisect
import re
import statistics
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from . import lexicon

SENTENCE_END = set("。！？；…”」』!?;")
_QUOTE_CLOSERS = set("”」』")
SPACES = set(" \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff")
_WIDE_DIGITS = set("０１２３４５６７８９")
_TO_WIDE = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}


class Offsets(Sequence):
    """``offsets[i]``: the original index of the view's character i (one extra entry for
    the end). Kept as runs, since the view copies the original in long stretches: where
    each run starts in the view and in the original, eight bytes each, instead of an
    entry per character (a list of ints costs 8 to 36 bytes a character)."""

    def __init__(self):
        self._starts, self._origins, self._length = array("q"), array("q"), 0

    def append_run(self, origin: int, length: int) -> None:
        """The next ``length`` characters of the view come from ``origin`` on."""
        if length <= 0:
            return
        at = self._length
        if not self._starts or self._origins[-1] + at - self._starts[-1] != origin:
            self._starts.append(at)
            self._origins.append(origin)
        self._length += length

    def __len__(self) -> int:
        return self._length

    def view_index(self, origin: int) -> int:
        """The view's first character from the original index ``origin`` on (the inverse map)."""
        k = bisect.bisect_right(self._origins, origin) - 1
        if k < 0:
            return 0
        end = self._starts[k + 1] if k + 1 < len(self._starts) else self._length
        return min(self._starts[k] + origin - self._origins[k], end)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("offset index out of range")
        k = bisect.bisect_right(self._starts, i) - 1
        return self._origins[k] + i - self._starts[k]


@dataclass
class View:
    text: str
    offsets: Offsets  # offsets[i] = original index of text[i]; one extra entry for the end
    wrapped: bool


def fold_char(ch: str) -> str:
    """Full-width ASCII forms to ASCII (the one-character part of the folding)."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ascii_ch = chr(code - 0xFEE0)
        if ascii_ch.isalnum() or ascii_ch in "%+-.·/":
            return ascii_ch
    return ch


def wrap_width(text: str) -> int:
    """The width of hard-wrapped text (many short lines, most ending mid-sentence),
    or 0 for text whose line breaks are paragraph breaks."""
    # (a table's cells, one a line and each closed by |, are no wrapped prose: a print copy
    # whose tables hold most of its lines is wrapped all the same)
    lines = [ln for ln in (ln.strip() for ln in text.splitlines()) if ln and ln[-1] != "|"]
    if len(lines) < 8:
        return 0
    width = statistics.median(len(ln) for ln in lines)
    if width > 30:
        return 0
    # Wrapped lines are nearly as long as the longest (spaces aside); a page of headlines
    # and short paragraphs (a news site's list) has lines of every length, and its
    # breaks are real: 0.92 of the print sample's lines qualify, under 0.5 of such pages'.
    lengths = sorted(len(_BLANKS.sub("", ln)) for ln in lines)
    full = lengths[int(0.9 * (len(lengths) - 1))]
    open_ended = sum(1 for ln in lines if ln[-1] not in SENTENCE_END) / len(lines)
    # (where nine lines in ten end mid-sentence, a little more variety of length is wrapping:
    # a print copy's spaced-out numbers and short headings, 0.59 of its lines full)
    if sum(1 for n in lengths if n >= 0.65 * full) < (0.55 if open_ended > 0.85 else 0.6) * len(lengths):
        return 0
    return int(width) if open_ended > 0.5 else 0


def is_wrapped(text: str) -> bool:
    return wrap_width(text) > 0


SHORT_LINE = 0.6  # of the wrap width: a line this short ends its paragraph (a heading, a last line)
HEADLINE = 60  # characters from the start of a text within which a first line break may end its headline


# A paragraph that is a Markdown link and nothing else ([查看原文](https://…)), spaces aside
_LINK_PARAGRAPH = re.compile(r"\[[^\[\]\n]*\]\([^()\s]*\)")
LINK_LINE = 300  # characters: a longer paragraph is not looked at as a link line


def _ends_paragraph(text: str, start: int, token: str, width: int, paragraph: int) -> bool:
    """In hard-wrapped text, a line break is a paragraph break after a sentence end,
    after a short line, before an indented line, or after a link that is a paragraph
    of its own (``paragraph``: where the paragraph began); otherwise the line goes on."""
    last = text[start - 1]
    if last in SENTENCE_END and (last not in _QUOTE_CLOSERS or text[start - 2:start - 1] in SENTENCE_END):
        return True  # (a closing quote ends a sentence only after an end mark: 。” but not 的“夸父二号”)
    if last == ")" and text[paragraph] == "[" and start - paragraph < LINK_LINE \
            and _LINK_PARAGRAPH.fullmatch(_BLANKS.sub("", text[paragraph:start])):
        return True
    line = text[text.rfind("\n", 0, start) + 1:start].strip()
    indent = token[token.rfind("\n") + 1:]
    if last.isdigit() and _ITEM_NUMBER.match(text, start + len(token)):
        return True  # …2,600-2,900⏎5.下个月…: a numbered item opens its line (not 2,9005.)
    if start <= HEADLINE and text[start + len(token):start + len(token) + 1].isdigit() and not last.isdigit() \
            and last != "." and not any(c in SENTENCE_END for c in text[:start]):
        # …工业企业⏎利润同比增长28.2%⏎1—10月份，…: a headline that ends in a figure, then the story
        # that opens with one (no sentence has ended yet; a number is never cut after its unit)
        return True
    return len(line) < SHORT_LINE * width or len(indent) >= 2 or "\u3000" in indent


_ITEM_NUMBER = re.compile(r"\d{1,2}[.．、][\u4e00-\u9fff]")  # 5.下个月…, 2、加强…: an item's number and its first word


# What a number's unit can start with: a line break between the two is a line end.
_UNIT_STARTS = frozenset(w[0] for w in (*lexicon.table("units", "units", "family"), *lexicon.words("units", "classifiers"))
                         ) | frozenset("万亿千百余多%‰％")  # and magnitudes, hedges, percent (100⏎余次, 14.1⏎%)


_NUMERAL_TAIL = set("余多万亿千百十")  # what a numeral may end in before its unit: 100余|次, 3万|元
_NUMERAL_CHARS = set("0123456789０１２３４５６７８９零一二三四五六七八九十百千万亿两")


def _ends_number(text: str, end: int) -> bool:
    """Whether text[:end] ends in a number (a digit, or 余/多/万 … after one)."""
    last = text[end - 1]
    if last.isdigit():
        return True
    before = text[max(0, end - 4):end - 1].rstrip(" \t\u3000")  # 9981.20 亿⏎元: spaces aside
    return last in _NUMERAL_TAIL and before[-1:] in _NUMERAL_CHARS


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_BLANKS = re.compile("[" + "".join(sorted(SPACES)) + "\r\n]+")
_BLANK_CHARS = frozenset(SPACES) | {"\r", "\n", "\f"}
# A page break of text extracted from a PDF (pdftotext's form feed) with the page number's
# lines around it (— 2 —, - 2 -, 第2页), read as one line break: 预算支出 27.14⏎— 2 —⏎\f亿元
# is 27.14亿元 split by a page's foot.
# A page number on its own: 3, - 3 -, 第3页, 第 3 版, 3/12, 共12页 第3页, Page 3 (the PDF reader's too)
PAGE_NUMBER = re.compile(r"[\s\-–—·]*(?:(?:page|p\.)\s*)?(?:共\s*\d{1,4}\s*页\s*)?第?\s*\d{1,4}\s*[页版]?"
                         r"(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-–—·]*", re.I)
_PAGE_ORNAMENT = re.compile(r"[ \t\u3000\r\-–—+·]*+")  # a line of dashes around the number, or none
_PAGE_LINES = 4  # lines looked for on each side of a page break (an empty one counts)
_PAGE_LINE_CHARS = 80  # (a page number may be indented far)


def _page_breaks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each page break with the page-number lines and blanks around it."""
    spans: list[tuple[int, int]] = []
    at = text.find("\f")
    while at >= 0:
        start, numbered = at, False
        for _ in range(_PAGE_LINES):  # the lines before it, up to the last line of text
            line_start = text.rfind("\n", max(0, start - _PAGE_LINE_CHARS - 1), start)
            if line_start < 0:
                break
            if PAGE_NUMBER.fullmatch(text, line_start + 1, start):
                numbered = True
            elif not _PAGE_ORNAMENT.fullmatch(text, line_start + 1, start):
                break
            start = line_start
        end = at + 1
        for _ in range(_PAGE_LINES):  # and after it, up to the first line of text
            line_end = text.find("\n", end, end + _PAGE_LINE_CHARS + 1)
            if line_end < 0:
                break
            if PAGE_NUMBER.fullmatch(text, end, line_end):
                numbered = True
            elif not _PAGE_ORNAMENT.fullmatch(text, end, line_end):
                break
            end = line_end + 1
        if not numbered:  # a bare form feed stays as it is
            at = text.find("\f", at + 1)
            continue
        while start and text[start - 1] in _BLANK_CHARS:
            start -= 1
        while end < len(text) and text[end] in _BLANK_CHARS:
            end += 1
        if spans and start <= spans[-1][1]:
            start = spans[-1][0]
            spans.pop()
        spans.append((start, end))
        at = text.find("\f", end)
    return spans


def _blank_runs(text: str):
    """(start, end, text) of each run of blanks, a page break (with its number) being one."""
    if "\f" not in text:
        for m in _BLANKS.finditer(text):
            yield m.start(), m.end(), m.group()
        return
    breaks = iter(_page_breaks(text))
    nxt = next(breaks, None)
    for m in _BLANKS.finditer(text):
        start, end = m.span()
        while nxt is not None and nxt[1] <= start:
            yield nxt[0], nxt[1], "\n"
            nxt = next(breaks, None)
        if nxt is not None and end > nxt[0]:
            continue  # (within a page break)
        yield start, end, m.group()
    while nxt is not None:
        yield nxt[0], nxt[1], "\n"
        nxt = next(breaks, None)
# A space that groups thousands: one to three digits, led by no digit or point (or by another
# such group), then exactly three digits that end the number or go on to its point or next group.
_GROUP_AFTER = re.compile(r",\d{3}(?![\d])")  # a thousands comma and its group
_THOUSANDS_SPACE = re.compile(r"\d{3}(?![\d,])(?=[.．]\d|[^\d\s]|\n[^\d\s]|[ \u2009\u00a0]\d{3}(?!\d)|$)")
_GROUP_BEFORE = re.compile(r"(?:^|[^\d.．\s]|\d[ \u2009\u00a0])\d{1,3}$")
# The one-character changes: full-width forms folded to ASCII (rare, so found by a
# regex), and ASCII punctuation widened (a comma or colon between digits is put
# back afterwards).
_FOLDED = {c: fold_char(c) for c in map(chr, range(0xFF01, 0xFF5F)) if fold_char(c) != c}
_TO_FOLD = re.compile("[" + "".join(_FOLDED) + "]")
# A comma or colon that may stand between digits (after anything but a CJK ideograph,
# none of which is a digit); each is then checked exactly.
_NARROW_CANDIDATE = re.compile(r"[,:](?<![\u4e00-\u9fff].)")
# Full-width digits around a full-width comma: the few texts whose commas need a look.
_WIDE_GROUPED = re.compile("[０-９]，[０-９]")
# ASCII digits grouped in thousands by full-width commas, two groups or more, before a currency
# (1，166，600美元, 94，233，857日元: typed with the input method's full-width punctuation on).
# Not before other units: a list of scores may be written so (总杆数分别为280，283，285杆).
_CURRENCIES = "|".join(sorted((u["word"] for u in lexicon.entries("units", "units")
                               if u["family"].startswith("money") and len(u["word"]) > 1 or u["word"] == "元"),
                              key=len, reverse=True))
_WIDE_COMMA_THOUSANDS = re.compile(rf"(?<![\d.,，])\d{{1,3}}(?:，\d{{3}}){{2,}}(?=[万亿]?(?:{_CURRENCIES}))")
_WIDE_COMMA_THOUSANDS_HINT = re.compile(r"\d，\d{3}，\d{3}")
# A year in Chinese digits whose zeros are typed with a look-alike (二○○七年 with a white circle,
# 二OO八年 with letters O, 二00九年 with digits): the view writes the zero 〇 (folded from
# full-width forms already: Ｏ, ０).
_ZERO_LOOKALIKES = "○◯OΟ0"
# (the look-behind after the first character: a pattern that opens with one is tried at every
# position of the text, one that opens with a character class only where that class matches)
_ZERO_LOOKALIKE_YEAR = re.compile(
    rf"[一二](?<![\dA-Za-z].)(?=[〇零一二三四五六七八九]{{0,2}}[{_ZERO_LOOKALIKES}])[〇零一二三四五六七八九{_ZERO_LOOKALIKES}]{{3}}(?=年)")
_TO_LING = str.maketrans({c: "〇" for c in _ZERO_LOOKALIKES})




def normalise(text: str) -> View:
    width = wrap_width(text)
    wrapped = width > 0
    pieces: list[str] = []
    offsets = Offsets()
    n = len(text)
    pos = paragraph = 0
    # Runs of blanks are the only changes of length. The character before a run is
    # never blank and is always kept, and the one-for-one changes below keep it a
    # sentence end, a Latin letter or digit, or neither, so it decides as the view's would.
    for start, end, token in _blank_runs(text):
        if start > pos:  # ordinary text is copied as it is, in one piece
            pieces.append(text[pos:start])
            offsets.append_run(pos, start - pos)
        pos = end
        if not start:
            continue
        last = text[start - 1]
        if "\n" in token:
            if end < n and text[end] in _UNIT_STARTS and token.count("\n") == 1 and _ends_number(text, start):
                continue
            if last.isdigit() and token.count("\n") == 1 and _GROUP_AFTER.match(text, end):
                continue  # 2,600-2⏎,900: a print line broken before a thousands comma
            if end < n and (not wrapped or _ends_paragraph(text, start, token, width, paragraph)):
                pieces.append("\n")
                offsets.append_run(start + token.index("\n"), 1)
                paragraph = end
            elif end < n and _is_latin(fold_char(last)) and _is_latin(fold_char(text[end])) \
                    and token[0] not in "\r\n" and token[-1] == "\n":
                # a line that ends at the space between two numbers (20240922 ⏎19:00) keeps it;
                # spaces on both sides of the break pad the pieces of one number (127 ⏎ 36)
                pieces.append(" ")
                offsets.append_run(start, 1)
        elif end < n and _is_latin(fold_char(last)) and _is_latin(fold_char(text[end])):
            if len(token) == 1 and _THOUSANDS_SPACE.match(text, end) and _GROUP_BEFORE.search(text, max(0, start - 5), start):
                continue  # 1 788.0万头, 1 228.3亿吨公里: statistics group thousands with a space
            pieces.append(" ")
            offsets.append_run(start, 1)
    if pos < n:
        pieces.append(text[pos:])
        offsets.append_run(pos, n - pos)
    offsets.append_run(n, 1)
    kept = "".join(pieces)
    view = _TO_FOLD.sub(lambda m: _FOLDED[m.group()], kept)
    for narrow_ch, wide_ch in _TO_WIDE.items():
        if narrow_ch in view:
            view = view.replace(narrow_ch, wide_ch)
    # A comma or colon between digits (1,219.2, 09:50) keeps its ASCII form: the
    # view's character before it and the original's after it are both digits.
    narrow = [i for i in (m.start() for m in _NARROW_CANDIDATE.finditer(kept, 1))
              if kept[i - 1].isdigit() and offsets[i] + 1 < n and text[offsets[i] + 1].isdigit()]
    if narrow:
        parts, prev = [], 0
        for i in narrow:
            parts += (view[prev:i], kept[i])
            prev = i + 1
        parts.append(view[prev:])
        view = "".join(parts)
    # A full-width comma between full-width digits groups thousands (３，２１８户): the
    # view writes it as the ASCII comma a numeral may hold.
    if "，" in view and _WIDE_GROUPED.search(text):
        parts, prev = [], 0  # (not a list of every character: 80 bytes each for Chinese)
        for i in (m.start() for m in re.finditer("，", view)):
            o = offsets[i]
            group = text[o + 1:o + 5]  # three full-width digits, and no fourth
            if text[o] == "，" and 0 < o and text[o - 1] in _WIDE_DIGITS and len(group) >= 3 \
                    and all(c in _WIDE_DIGITS for c in group[:3]) and group[3:] not in _WIDE_DIGITS:
                parts += (view[prev:i], ",")
                prev = i + 1
        if parts:
            view = "".join(parts) + view[prev:]
    if _WIDE_COMMA_THOUSANDS_HINT.search(view):
        view = _WIDE_COMMA_THOUSANDS.sub(lambda m: m[0].replace("，", ","), view)
    view = _ZERO_LOOKALIKE_YEAR.sub(lambda m: m[0].translate(_TO_LING), view)
    return View(view, offsets, wrapped)
