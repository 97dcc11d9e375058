"""Wrapping Chinese prose: never inside a number or between it and its unit, never a
closing mark at the start of a line, at the widths editors' terminals have."""
import re

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.report.wrap import CLOSING, OPENING, break_offsets
from factcheck.rules import load_rules

TEXT = ("累计实现700112736人稳定脱贫，贫困村通屯硬化率达到100%，76个村实现户户通（见下表）。"
        "投资3.2亿元，增长5个百分点，“占全省贫困人口的128.7%”。2020-03-25发布。第２２个世界无烟日，６１．１%。")
KEEP = ["700112736人", "100%，", "76个", "3.2亿元", "5个百分点", "128.7%”。", "2020-03-25发", "２２个", "６１．１%。"]


def pieces(text, width):
    offsets = [0] + break_offsets(text, width) + [len(text)]
    return [text[a:b] for a, b in zip(offsets, offsets[1:])]


@pytest.mark.parametrize("width", range(12, 81))
def test_break_offsets(width):
    lines = pieces(TEXT, width)
    assert "".join(lines) == TEXT
    for line in lines[1:]:
        assert line[0] not in CLOSING, (width, lines)
    for line in lines[:-1]:
        assert line[-1] not in OPENING, (width, lines)
    for whole in KEEP:
        start = TEXT.index(whole)
        assert not any(start < b < start + len(whole) for b in break_offsets(TEXT, width)), (whole, width, lines)


def test_latin_text_still_breaks_at_spaces():
    assert pieces("Two figures fused into one after a unit", 12) == ["Two figures ", "fused into ", "one after a ",
                                                                     "unit"]


def _commands():
    yield ["rules"]
    for rule in load_rules():
        yield ["explain", rule.code]
    yield ["check", "samples"]


BAD_START = re.compile(r"^\s*[" + re.escape("".join(CLOSING - set(".·,:;!?)]}>—…"))) + "]")


@pytest.mark.parametrize("width", [50, 64, 80])
def test_no_line_starts_with_closing_punctuation_or_splits_a_number(width, monkeypatch):
    from pathlib import Path
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    for args in _commands():
        out = CliRunner().invoke(main, args, env={"COLUMNS": str(width)}).output
        lines = out.splitlines()
        for prev, line in zip(lines, lines[1:]):
            assert not BAD_START.match(line), (args, width, prev, line)
            if args[0] != "check":  # its tables have count columns; its messages are checked by the rule above
                assert not (re.search(r"\d$", prev) and re.match(r"\s*[\d%]", line)), (args, width, prev, line)
