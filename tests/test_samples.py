"""`factcheck check samples/` reports exactly what samples/*.expected.toml say."""
import re
import tomllib
from pathlib import Path

import pytest

from factcheck import check

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
REPORTS = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def report():
    return check([str(SAMPLES)])


def squeeze(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_findings_match_expected(report, path):
    expected = tomllib.loads(path.with_name(path.stem + ".expected.toml").read_text(encoding="utf-8"))["finding"]
    found = [d for d in report.diagnostics if Path(d.span.path).resolve() == path.resolve()]
    assert len(found) == len(expected), [(d.name, d.span.text[:30], d.message) for d in found]
    for want, got in zip(sorted(expected, key=lambda w: w["rule"]), sorted(found, key=lambda d: d.name)):
        assert got.name == want["rule"]
        assert got.severity.label == want["severity"]
        if "text" in want:
            assert squeeze(got.span.text) == squeeze(want["text"])
        if "text_starts" in want:
            assert got.span.text.startswith(want["text_starts"])
        if "suggestion" in want:
            assert got.suggestion == want["suggestion"]
        for key in ("related", "related_starts"):
            if key in want:
                related = got.related[0].span.text
                assert related == want[key] if key == "related" else related.startswith(want[key])


def test_copies_of_one_story_are_grouped_and_other_places_are_not(report):
    assert [sorted(Path(p).name for p in s.paths) for s in report.stories] == [
        ["taobei-2020-03-25.print.txt", "taobei-2020-03-25.web.txt"]]


def test_no_cross_report_contradictions(report):
    # 田东县, 洮北区, 白城市 and 镇赉县 state different 贫困发生率 and counts: that is no contradiction
    # (the one cross-report finding is the fused 700112736人, more than the whole city's poor)
    crossing = [d for d in report.diagnostics if d.related and any(
        Path(r.span.path).name.split(".")[0] != Path(d.span.path).name.split(".")[0] for r in d.related)]
    assert [(d.name, d.span.text) for d in crossing] == [("part-exceeds-region", "700112736人")]
