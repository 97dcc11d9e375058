"""Layouts of a second copy of a story that change nothing it says: what PDF extraction
and web publishing do. Used by tests/test_align.py and tools/eval_copies.py."""
import random
import re

_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def pdf_lines(text: str, rng: random.Random) -> str:
    """Lines of uneven length (a PDF's columns), never breaking inside a number."""
    inside = {k for m in _NUMBER.finditer(text) for k in range(m.start() + 1, m.end())}
    out, width = [], 0
    for k, ch in enumerate(text):
        if ch == "\n":
            width = 0
        elif width >= rng.randint(9, 23) and k not in inside:
            out.append("\n")
            width = 0
        out.append(ch)
        width += 1
    return "".join(out)


def space_before_units(text: str, rng: random.Random) -> str:
    return re.sub(r"(\d)(亿元|元|%)", r"\1 \2", text)


def shared_units(text: str, rng: random.Random) -> str:
    """12.4%、3.8%、27% written as 12.4、3.8、27%."""
    return re.sub(r"(\d+(?:\.\d+)?)%(?=、\d)", r"\1", text)


def lead_to_end(text: str, rng: random.Random) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "\n\n".join(paragraphs[1:] + paragraphs[:1]) + "\n" if len(paragraphs) > 2 else text


def half_width(text: str, rng: random.Random) -> str:
    return text.replace("，", ",").replace("；", ";").replace("：", ":")


LAYOUTS = [pdf_lines, space_before_units, shared_units, lead_to_end, half_width]
