"""Fuzzing the public API, the readers and the command line with hypothesis.

The default run is short (a few seconds); a longer one:

    FACTCHECK_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py

Nothing may raise; every diagnostic's span must be a valid slice of its
file's text holding the text it quotes. (A stage or rule that fails on an
input is reported by the engine as an E001/E002 finding, which is allowed
here; tools/fuzz.py, the coverage-guided fuzzer, counts those as findings.)
"""
import json
import os

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings, strategies as st

from factcheck import check
from factcheck.cli import main
from factcheck.document import Document
from factcheck.readers import ReadError, read_path

EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "0")) or None
FUZZ = settings(max_examples=EXAMPLES or 40, deadline=None, derandomize=EXAMPLES is None,
                suppress_health_check=list(HealthCheck))

PIECES = ["，", "。", "、", "\n", "\r\n", "\t", " ", "%", "％", "万", "亿", "余", "多", "近", "约", "第", "共", "其中",
          "由", "下降到", "增长", "个百分点", "户", "人", "个", "村", "元", "县", "縣", "年", "月", "“", "”", "（", "）",
          "一", "二", "十", "百", "千", "〇", "两", "7001", "12736", "100", "0.103", "1,219.2", "#", "**", "[", "](", "<",
          ">", "`", "\x1b[2J", "\x1b]0;t\x07", "\x00", "\x9b", "\u202e", "\ue000", "\ufeff", "\U0002a6a5"]
RUNS = st.tuples(st.sampled_from(["0", "9", "一", "〇", "七", "<", "](", "、", "1、", "12%，", "万"]),
                 st.integers(1, 5000)).map(lambda t: t[0] * t[1])
TEXTS = st.lists(st.sampled_from(PIECES) | st.text(max_size=4) | RUNS, max_size=40).map("".join)


def _valid(report, documents):
    texts = {d.path: d.text for d in documents}
    for d in report.diagnostics:
        text = texts[d.span.path] if d.span.path in texts else None
        if text is None:
            continue  # an E001 for a file that was not read
        assert 0 <= d.span.start <= d.span.end <= len(text), d
        assert text[d.span.start:d.span.end] == d.span.text, d
        assert d.span.line >= 1 and d.span.column >= 1


@FUZZ
@given(st.lists(TEXTS, min_size=1, max_size=3), st.sampled_from([".txt", ".md"]))
@example(["累计" + "一" * 4400 + "人"], ".txt")  # past Python's int-conversion limit
@example(["％00\ue0000", "00\ue0000"], ".txt")  # a private-use character in copies of a story
def test_check_never_raises_on_any_text(bodies, suffix):
    docs = [Document.from_text(f"copy{i}{suffix}", body) for i, body in enumerate(bodies)]
    report = check(docs, stories=[[d.path for d in docs]] if len(docs) > 1 else [])
    _valid(report, docs)


@FUZZ
@given(st.binary(max_size=2000) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from(["utf-8", "gbk", "big5", "utf-16"]), st.sampled_from([".txt", ".md"]))
def test_readers_never_raise_on_any_bytes(tmp_path_factory, data, encoding, suffix):
    try:
        data = data.decode("utf-8").encode(encoding)
    except (UnicodeDecodeError, UnicodeEncodeError):
        pass
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    result = read_path(str(path))
    if isinstance(result, ReadError):
        assert result.reason
        return
    _valid(check([result]), [result])


@settings(FUZZ, max_examples=(EXAMPLES or 40) // 4)
@given(st.binary(max_size=500) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))
@example(("累计" + "七" * 4400 + "人，" + "12345" * 600 + "户").encode("gbk"))
def test_the_command_line_exits_0_1_or_2_with_valid_json(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("cli") / "input.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    json.loads(result.output)
