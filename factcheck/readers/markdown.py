"""Markdown reports (.md): only the prose is checked. Markup is blanked before
normalisation, never removed, so offsets into the original text stay valid.

Blanked whole: YAML (``---``) or TOML (``+++``) front matter at the top, fenced
code blocks (````` and ``~~~``), HTML comments, and link reference definitions
(``[1]: http://…``). Blanked inline: code spans, link and image targets, autolinks
and bare URLs (their digits are not figures), HTML tags, and the marks of
headings, quotes, lists and emphasis; the text of a link or an image's alt text
stays, since readers see it.

Indented code blocks are not blanked: Chinese manuscripts indent paragraphs, and
a paragraph taken for code would go unchecked. A regex scan rather than
markdown-it-py, which costs 40–90 ms to import per run, for one construct.
"""
from __future__ import annotations

import re

from ..document import Document
from .encoding import decode

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n.*?\n(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_BLOCKS = re.compile(
    r"<!--.*?(?:-->|\Z)"                                      # HTML comments, over lines too
    r"|^ {0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$",  # [id]: url "title"
    re.S | re.M,
)
# Heading marks, quote marks, list bullets, emphasis, code spans, link targets, images, URLs, HTML tags.
_MARKUP = re.compile(
    r"^\s{0,3}(?:#{1,6}|>+|[-*+]|\d+\.)\s"   # line-start markers
    r"|(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)"  # (url "title") after [text], one level of parentheses inside
    r"|(?<=\])\[[^\]\n]*\]"                   # [ref] after [text]
    r"|(`+)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)"  # code spans, within a paragraph
    r"|<(?:https?|ftp|mailto):[^>\s]*>"         # autolinks
    r"|(?<![A-Za-z0-9])(?:https?://|ftp://|www\.)[^\s<>\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+"  # bare URLs
    r"|!?\[|\]"                                  # link/image brackets
    r"|\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])"  # emphasis
    r"|`+"
    r"|<[^<>\n]+>",
    re.M | re.S,
)


def _blank(m: re.Match) -> str:
    """Spaces for the match, keeping its line breaks (so lines and columns stay)."""
    return re.sub(r"[^\n]", " ", m.group(0))


def _blank_fences(text: str) -> str:
    lines = text.split("\n")
    fence = None
    for i, line in enumerate(lines):
        if fence is None:
            m = _FENCE_OPEN.match(line)
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                fence = m.group(1)
                lines[i] = " " * len(line)
        else:
            stripped = line.strip()
            closes = (len(line) - len(line.lstrip(" ")) <= 3 and stripped.startswith(fence)
                      and set(stripped) == {fence[0]})
            lines[i] = " " * len(line)
            if closes:
                fence = None
    return "\n".join(lines)


def blank_markup(text: str) -> str:
    text = _FRONT_MATTER.sub(_blank, text, count=1)
    if "```" in text or "~~~" in text:
        text = _blank_fences(text)
    text = _BLOCKS.sub(_blank, text)
    return _MARKUP.sub(_blank, text)


def read(path: str, data: bytes) -> Document:
    decoded, encoding = decode(data)
    return Document.from_text(path, decoded, encoding, view_of=blank_markup(decoded))
