"""`factcheck align A B`: the alignment of two copies, passage by passage, as plain text."""
from __future__ import annotations

from ..align import Segment
from ..document import Document
from ..i18n import _
from ..stories import copy_label
from .escape import visible

_MARKS = {"anchor": "=", "between": "~", "moved": "»"}


WIDTH = 100  # characters of a passage shown unless the whole is asked for


def render(a: Document, b: Document, segments: list[Segment], differences_only: bool = False,
           whole: bool = False) -> str:
    lines = [f"A {copy_label(a.path)} {visible(a.path)}", f"B {copy_label(b.path)} {visible(b.path)}"]
    counts = {kind: sum(1 for s in segments if s.kind == kind) for kind in _MARKS}
    lines.append(_("{anchor} 处锚定（两版本中都只出现一次的段落），{moved} 处移动的段落，{between} 段锚定之间的对齐")
                 .format(**counts))
    for seg in segments:
        differing = [fp for fp in seg.pairs if not fp.agree]
        if differences_only and not differing and seg.kind != "moved":
            continue
        lines.append("")
        lines.append(f"{_MARKS[seg.kind]}  A {_where(a, seg.a)}  B {_where(b, seg.b)}")
        for label, doc, passages in (("A", a, seg.a), ("B", b, seg.b)):
            text = "".join(doc.norm[p.start:p.end] for p in passages).replace("\n", " ").strip()
            if not whole and len(text) > WIDTH:
                text = text[:WIDTH - 1] + "…"
            lines.append(f"   {label}  {visible(text) or '—'}")
        for fp in differing:
            left = visible(fp.a.text.replace("\n", " ")) if fp.a is not None else "—"
            right = visible(fp.b.text.replace("\n", " ")) if fp.b is not None else "—"
            mark = "≠" if fp.a is not None and fp.b is not None else "+"
            share = f"  ({_('措辞相同')} {fp.score:.0f}%)" if mark == "≠" else ""
            lines.append(f"   {mark}  {left} | {right}{share}")
    return "\n".join(lines) + "\n"


def _where(doc: Document, passages) -> str:
    if not passages:
        return "—"
    first = doc.span(passages[0].start, passages[0].start).line
    last = doc.span(passages[-1].end - 1, passages[-1].end).line
    return f"{first}" if first == last else f"{first}-{last}"
