"""Web pages (.html, .htm): the article only, as trafilatura extracts it (its
headline, then its body); navigation, headers, footers, share buttons,
comments and scripts are left out.

The Document's text is the extracted text (one line per paragraph), so lines,
columns and offsets in diagnostics count in it, not in the HTML source.

Reading never touches the network or other files: the page is parsed here by
lxml's HTML parser with network access off and no DTD loaded (so an external
entity is never resolved), and trafilatura gets the parsed tree with no URL,
so it has nothing to fetch; images, iframes and stylesheets are never loaded.
"""
from __future__ import annotations

import codecs
import re

from ..document import Document
from . import quiet
from .encoding import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _decode(data: bytes) -> tuple[str, str]:
    """The page's text and encoding: a BOM, else the page's own <meta charset>,
    else the detection used for text files."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _META_CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii").lower()
            if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
                name = "gb18030"  # the superset: pages labelled gb2312 hold GBK characters
            try:
                return data.decode(name), codecs.lookup(name).name
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong label: detect instead
    return decode(data)


def extract(source: str) -> str:
    import lxml.html
    import trafilatura

    # An XML declaration with an encoding is refused by lxml on a str; the text is decoded already.
    source = _XML_DECLARATION.sub("", source, count=1)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  default_doctype=False)
    try:
        tree = lxml.html.document_fromstring(source, parser=parser)
    except Exception as exc:  # lxml.etree.ParserError on an empty or broken page
        raise ValueError(f"not a readable HTML page ({type(exc).__name__}: {exc})") from None
    quiet("trafilatura", "htmldate", "justext", "courlan")
    title = _headline(tree)  # before trafilatura, which may prune the tree it is given
    try:
        found = trafilatura.bare_extraction(
            tree, url=None, with_metadata=False, include_comments=False,
            include_tables=True, include_images=False, include_links=False, include_formatting=False,
            deduplicate=False,  # a paragraph printed twice is a finding (duplicated-text), not noise
        )
    except RecursionError:
        raise ValueError("not a readable HTML page (elements nested too deeply)") from None
    if found is None:
        return ""
    text = found.text or ""
    if title and text and not text.startswith(title):
        text = f"{title}\n{text}"
    return text


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _headline(tree) -> str:
    """The article's headline, which holds its key figure as often as not, but which
    trafilatura keeps out of the body: the first heading (h1-h3) that the page's
    <title> starts with (headline first, site name after, as content systems write
    it). A site logo in an <h1> is at the end of the <title> if anywhere, so it is
    not taken; where nothing matches, no headline is better than a wrong one."""
    page_title = _flat(tree.findtext(".//title"))
    if not page_title:
        return ""
    for heading in tree.iter("h1", "h2", "h3"):
        text = _flat(heading.text_content())
        if len(text) >= 4 and page_title.startswith(text):
            return text
    return ""


def read(path: str, data: bytes) -> Document:
    source, encoding = _decode(data)
    text = extract(source)
    if not text.strip():
        raise ValueError("no article text found in the HTML page")
    return Document.from_text(path, text, encoding)
