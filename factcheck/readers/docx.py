"""Word drafts (.docx): the text of the body as the draft now reads, one line per
paragraph, with the paragraph of every offset recorded for diagnostics.

python-docx opens the package; the paragraphs' text is taken from the
WordprocessingML itself, because a draft on a news desk is full of revision
marks and python-docx's ``paragraph.text`` does not know them:

* tracked deletions (``w:del``, ``w:moveFrom``) are left out: that text is gone;
* tracked insertions (``w:ins``, ``w:moveTo``) are read: that text is there now;
* comments live in their own part and are never read; the range markers and
  reference runs they leave in the body carry no text;
* field codes (``w:instrText``, e.g. a HYPERLINK target) and hidden text
  (``w:vanish``) are not text a reader sees; a field's result is;
* a text box's fallback copy (``mc:Fallback``) would repeat its text, and a
  text box's paragraphs are read once, as paragraphs of their own.

Paragraphs are numbered in document order over the body, tables included,
empty ones counted, so "paragraph 12" is the twelfth paragraph of the draft.
"""
from __future__ import annotations

import io

from ..document import Document, Locations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return "{%s}%s" % (W, tag)


_P, _T, _TAB, _BR, _CR, _R, _RPR, _VANISH = map(_q, ("p", "t", "tab", "br", "cr", "r", "rPr", "vanish"))
_GONE = {_q("del"), _q("moveFrom"), "{%s}Fallback" % MC}
_NOT_TEXT = {_q("instrText"), _q("delText"), _q("delInstrText")}


def _hidden(run) -> bool:
    rpr = run.find(_RPR)
    return rpr is not None and rpr.find(_VANISH) is not None and rpr.find(_VANISH).get(_q("val")) not in ("0", "false")


def _paragraph_text(p) -> str:
    """The visible text of one w:p, not descending into paragraphs nested in it."""
    out: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _GONE or tag in _NOT_TEXT or tag == _P:
                continue
            if tag == _R and _hidden(child):
                continue
            if tag == _T:
                out.append(child.text or "")
            elif tag == _TAB:
                out.append("\t")
            elif tag in (_BR, _CR):
                out.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _paragraphs(body) -> list[str]:
    texts = []
    for p in body.iter(_P):
        if any(a.tag in _GONE for a in p.iterancestors()):
            continue  # a paragraph inside a deletion or a fallback copy
        texts.append(_paragraph_text(p))
    return texts


def read(path: str, data: bytes) -> Document:
    import zipfile

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("not a Word .docx file (not a zip package)")
    import docx  # python-docx, imported only when a .docx is read

    try:
        paragraphs = _paragraphs(docx.Document(io.BytesIO(data)).element.body)
    except Exception as exc:  # noqa: BLE001 - a damaged package raises anything (BadZipFile,
        # zlib.error, KeyError, lxml's XMLSyntaxError, ...): an E001 finding, not a crash
        raise ValueError(f"not a readable Word .docx file ({type(exc).__name__}: {exc})") from None
    starts, length = [], 0
    for text in paragraphs:
        starts.append(length)
        length += len(text) + 1
    text = "\n".join(paragraphs)
    return Document.from_text(path, text, "docx", locations=Locations("paragraph", tuple(starts)))
