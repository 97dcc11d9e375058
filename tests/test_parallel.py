"""--jobs N and the result cache change how a run is done, never what it reports: every
format is byte-identical to a --jobs 1 run without the cache, on a corpus of stories,
lone files, garbled figures and an unreadable file."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from click.testing import CliRunner

import factcheck.engine as engine
import factcheck.report.terminal as terminal
import factcheck.results as results
from factcheck.cli import main
from factcheck.report import FORMATS
from factcheck.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# Real sentences, with households and persons run together (a garble merged-figures finds).
MERGED = [
    "洮北区建档立卡贫困人口累计实现7001{p}人稳定脱贫，53个贫困村出列。",
    "会上，县委书记回顾了田东县五年来脱贫攻坚工作，全县累计减贫3497{p}人。",
    "截至2018年底，镇赉县3年完成贫困人口退出9291{p}人，贫困发生率下降到0.06%。",
]
LONE = "全县共有贫困村{n}个，其中深度贫困村{k}个，贫困发生率由原来的{r}%下降到0.103%。\n\n"


def build(folder: Path, lone: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, folder / sample.name)
    web = (SAMPLES / "taobei-2020-03-25.web.txt").read_text(encoding="utf-8")
    (folder / "taobei-2020-03-25.blog.txt").write_text(web.replace("53个", "35个"), encoding="utf-8")
    for i, sentence in enumerate(MERGED):
        (folder / f"garble-{i}.md").write_text(sentence.format(p=12736 + i) * 2, encoding="utf-8")
    (folder / "garble-ignored.md").write_text(
        "<!-- factcheck: ignore merged-figures -->\n" + MERGED[0].format(p=12736), encoding="utf-8")
    (folder / "bad.txt").write_bytes(bytes(range(256)) * 8)  # no text encoding reads it
    for i in range(lone):
        (folder / f"lone-{i:03d}.txt").write_text(LONE.format(n=80 + i, k=i % 7, r=i % 9 + 1) * (1 + i % 3),
                                                  encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def pool_always(monkeypatch):
    """Workers even for a handful of files, so that a small corpus goes through them
    (and its terminal report is made in forked processes)."""
    monkeypatch.setattr(engine, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(engine, "POOL_MIN_UNITS", 1)
    monkeypatch.setattr(terminal, "PARALLEL_FINDINGS", 1)


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(results, "cache_dir", lambda: folder)
    return folder / results.FILE_NAME


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_with_workers(tmp_path, pool_always, fmt):
    corpus = str(build(tmp_path / "corpus", lone=4))
    alone = run("check", corpus, "--format", fmt, "--jobs", "1", "--no-cache")
    assert alone.exit_code == 1 and "bad.txt" in alone.output
    together = run("check", corpus, "--format", fmt, "--jobs", "2", "--no-cache")
    assert (together.exit_code, together.output) == (alone.exit_code, alone.output)


@pytest.mark.parametrize("fmt, read_in_pool", [("terminal", False), ("json", False), ("sarif", False), ("json", True)])
def test_rules_run_side_by_side_report_what_one_process_reports(tmp_path, monkeypatch, fmt, read_in_pool):
    """A long unit checked in the main process (too few files for the pool) has its rules
    run in forked workers: every unit here, with the length that takes lowered to one character.
    read_in_pool: the files were read by the pool, and too few units are left for it (as when the
    cache answered for most), so the pool is closed before the rules' workers fork."""
    corpus = str(build(tmp_path / "corpus", lone=2))
    alone = run("check", corpus, "--format", fmt, "--jobs", "1", "--no-cache")
    monkeypatch.setattr(engine, "RULES_APART_CHARS", 1)
    if read_in_pool:
        monkeypatch.setattr(engine, "POOL_MIN_FILES", 1)
        monkeypatch.setattr(engine, "POOL_MIN_UNITS", 1_000)
    forked = []
    real = engine._rules_in_workers
    monkeypatch.setattr(engine, "_rules_in_workers", lambda rules, ctx, jobs: forked.append(jobs) or real(rules, ctx, jobs))
    together = run("check", corpus, "--format", fmt, "--jobs", "2", "--no-cache")
    assert (together.exit_code, together.output) == (alone.exit_code, alone.output)
    assert len(forked) >= 5 and set(forked) == {2}  # the stories and lone files, each


def test_a_rule_that_fails_in_a_forked_worker_is_that_rules_e002(tmp_path, monkeypatch):
    from factcheck import check

    path = tmp_path / "long.txt"
    path.write_text("全县贫困发生率由原来的6%下降到10.3%。\n" + MERGED[0].format(p=12736) * 3, encoding="utf-8")
    monkeypatch.setattr(engine, "RULES_APART_CHARS", 1)
    rules = {r.name: r for r in load_rules() if r.name in ("merged-figures", "trend-direction")}

    def broken(self, doc, figures, ctx):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(rules["trend-direction"], "check_document", broken)
    report = check([str(path)], rules=list(rules.values()), jobs=2, cache=False)
    assert sorted(d.name for d in report.diagnostics) == ["merged-figures"] * 3 + ["rule-error"]
    assert "boom" in next(d.message for d in report.diagnostics if d.name == "rule-error")


@pytest.mark.parametrize("fmt", ["terminal", "json", "html"])
def test_the_cache_answers_as_a_run_without_it(tmp_path, own_cache, pool_always, fmt):
    corpus = build(tmp_path / "corpus", lone=3)
    fresh = run("check", str(corpus), "--format", fmt, "--no-cache").output
    assert run("check", str(corpus), "--format", fmt, "--jobs", "2").output == fresh  # fills the cache
    assert own_cache.exists()
    for jobs in ("1", "2"):
        assert run("check", str(corpus), "--format", fmt, "--jobs", jobs).output == fresh
    # one copy of the story changes: what the cache says of it no longer holds
    blog = corpus / "taobei-2020-03-25.blog.txt"
    blog.write_text(blog.read_text(encoding="utf-8").replace("35个", "53个"), encoding="utf-8")
    changed = run("check", str(corpus), "--format", fmt, "--no-cache").output
    assert changed != fresh
    assert run("check", str(corpus), "--format", fmt, "--jobs", "2").output == changed


def test_an_unchanged_run_checks_nothing_again(tmp_path, own_cache, monkeypatch):
    corpus = build(tmp_path / "corpus", lone=2)
    first = run("check", str(corpus), "--format", "json", "--jobs", "1").output
    extracted = []
    real = engine.extract
    monkeypatch.setattr(engine, "extract", lambda doc: extracted.append(doc.path) or real(doc))
    assert run("check", str(corpus), "--format", "json", "--jobs", "1").output == first
    assert extracted == []
    (corpus / "garble-1.md").write_text(MERGED[1].format(p=55555) * 2, encoding="utf-8")
    run("check", str(corpus), "--format", "json", "--jobs", "1")
    assert extracted == [str(corpus / "garble-1.md")]


@pytest.mark.parametrize("fmt", ["json", "terminal"])
def test_a_checkout_moved_and_named_by_absolute_paths_is_answered_by_the_cache(tmp_path, own_cache, pool_always,
                                                                               monkeypatch, fmt):
    """A CI job that checks the repository out at a new path each time and names its folder
    absolutely: the cache knows files by their paths under the current folder, so nothing
    is checked again, and the findings name the files as this run named them."""
    first, second = tmp_path / "job-1", tmp_path / "job-2"
    build(first / "articles", lone=2)
    monkeypatch.chdir(first)
    run("check", str(first / "articles"), "--format", fmt, "--jobs", "2")  # kept by the workers
    shutil.copytree(first, second)
    monkeypatch.chdir(second)
    fresh = run("check", str(second / "articles"), "--format", fmt, "--no-cache").output
    relative = run("check", "articles", "--format", fmt, "--no-cache").output
    assert str(second) in fresh and str(second) not in relative
    extracted = []
    real = engine.extract
    monkeypatch.setattr(engine, "extract", lambda doc: extracted.append(doc.path) or real(doc))
    assert run("check", str(second / "articles"), "--format", fmt, "--jobs", "1").output == fresh
    assert run("check", "articles", "--format", fmt, "--jobs", "1").output == relative
    assert run("check", "./articles", "--format", fmt, "--jobs", "1").exit_code == 1
    assert extracted == []


def test_paths_the_cache_would_name_alike_are_not_cached(tmp_path):
    here = os.path.join(str(tmp_path), "")
    documents = [engine.Document.from_text(p, "全县共有贫困村83个。") for p in (here + "a.txt", "b.txt", "./c/../d.txt")]
    assert engine._cache_names(documents, here) == {here + "a.txt": "a.txt", "./c/../d.txt": "d.txt"}
    twice = [engine.Document.from_text(p, "全县共有贫困村83个。") for p in (here + "a.txt", "a.txt")]
    assert engine._cache_names(twice, here) is None


def test_a_failure_in_one_file_stays_that_files_e002(tmp_path, pool_always, monkeypatch):
    corpus = build(tmp_path / "corpus", lone=2)
    real = engine.extract

    def extract(doc):
        if doc.path.endswith("garble-2.md"):
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(engine, "extract", extract)
    outputs = [run("check", str(corpus), "--format", "json", "--jobs", jobs, "--no-cache").output for jobs in "12"]
    assert outputs[0] == outputs[1]
    failed = [d for d in json.loads(outputs[0])["diagnostics"] if d["rule"] == "E002"]
    assert [Path(d["path"]).name for d in failed] == ["garble-2.md"] and "boom" in failed[0]["message"]


def test_fingerprints_are_the_same_in_every_process(tmp_path):
    script = ("from factcheck.document import Document; from factcheck.stories import fingerprint;"
              "print(sorted(fingerprint(Document.from_text('a.txt', open(%r, encoding='utf-8').read())))[:20])"
              % str(SAMPLES / "tiandong-county.news.txt"))
    prints = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(prints) == 1 and prints != {""}


def cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, **kwargs)


def test_workers_on_the_command_line_give_the_same_json(tmp_path):
    corpus = str(build(tmp_path / "corpus", lone=engine.POOL_MIN_FILES))
    alone = cli("check", corpus, "--format", "json", "--jobs", "1", "--no-cache")
    together = cli("check", corpus, "--format", "json", "--jobs", "2", "--no-cache")
    assert alone.returncode == together.returncode == 1
    assert together.stdout == alone.stdout and together.stderr == alone.stderr == ""
    assert json.loads(alone.stdout)["summary"]["files"] == engine.POOL_MIN_FILES + 11


def test_ctrl_c_among_workers_is_one_line_and_130(tmp_path):
    folder = build(tmp_path / "corpus", lone=400)
    for lone in folder.glob("lone-*.txt"):  # 6 MB in all: seconds of work however fast the machine
        lone.write_text(lone.read_text(encoding="utf-8") * 60, encoding="utf-8")
    assert interrupted(str(folder), after=2) == (130, ["factcheck: interrupted"])


def interrupted(path: str, after: float) -> tuple[int, list[str]]:
    """The exit code and standard error lines of `check PATH --jobs 2` sent Ctrl-C after ``after`` seconds."""
    process = subprocess.Popen([sys.executable, "-m", "factcheck", "check", path, "--jobs", "2", "--no-cache"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    return process.returncode, err.strip().splitlines()


def test_ctrl_c_while_one_long_files_rules_run_side_by_side_is_one_line_and_130(tmp_path):
    path = tmp_path / "long.txt"  # 2 MB, 90,000 figures in one file: seconds of rules in forked workers
    path.write_text("全年粮食产量52.3万吨，比上年增加3.7万吨，增长12.5%，" * 30_000, encoding="utf-8")
    assert interrupted(str(path), after=3) == (130, ["factcheck: interrupted"])


def test_the_terminal_report_takes_what_the_workers_sent(tmp_path, pool_always):
    """Story tables and the lines findings quote come back with the findings: the main
    process aligns no story and reads no file again to print the terminal report."""
    import io

    from rich.console import Console

    from factcheck import check
    from factcheck.report import render

    report = check([str(build(tmp_path / "corpus"))], jobs=2, cache=False)
    stories = [s for s in report.stories if len(s.documents) >= 2]
    assert stories and all(s.table is not None and s._pending for s in stories)
    lazy = [d for d in report.documents if isinstance(d, engine.LazyDocument)]
    read = {d.path for d in lazy if "_document" in d.__dict__}  # (the cross-report rules' spans, made here)
    assert len(read) < len(lazy)
    out = io.StringIO()
    render(report, "terminal", Console(file=out, width=100, highlight=False, soft_wrap=False))
    assert all(s._pending for s in stories)  # still not aligned here
    assert {d.path for d in lazy if "_document" in d.__dict__} == read  # and no file read again for its lines
    assert "35个" in out.getvalue() and "✗" in out.getvalue()  # the blog copy's changed figure, in its table


def test_a_run_the_cache_answers_keeps_the_report_s_tables_and_lines(tmp_path, own_cache):
    from factcheck import check

    corpus = build(tmp_path / "corpus")
    first = check([str(corpus)], jobs=1, cache=True)
    again = check([str(corpus)], jobs=1, cache=True)  # every unit from the cache
    stories = [s for s in again.stories if len(s.documents) >= 2]
    assert stories and all(s._pending and s.table is not None for s in stories)
    assert [s.table for s in stories] == [s.table for s in first.stories if len(s.documents) >= 2]
    quoted = [d for d in again.documents if "_quoted" in d.__dict__]
    assert quoted and all(d.source_line(n) == d.__dict__["_quoted"][1][n] for d in quoted for n in d._quoted[1])


def test_only_a_report_that_quotes_keeps_tables_and_lines(tmp_path, own_cache):
    import sqlite3

    from factcheck import check

    corpus = str(build(tmp_path / "corpus"))

    def kept() -> int:
        with sqlite3.connect(own_cache) as db:
            return db.execute("SELECT COUNT(*) FROM extras").fetchone()[0]

    run("check", corpus, "--format", "json", "--jobs", "1")
    assert kept() == 0  # JSON quotes no text: nothing made or kept for it
    (Path(corpus) / "garble-0.md").write_text(MERGED[0].format(p=4242) * 2, encoding="utf-8")
    run("check", corpus, "--jobs", "1")  # the terminal report: every unit is kept with its quotes
    report = check([corpus], jobs=1, cache=False)
    in_stories = sum(len(s.documents) for s in report.stories)
    assert kept() == len(report.stories) + len(report.documents) - in_stories > 1


def test_a_terminal_run_after_a_json_run_reads_no_file_for_its_report(tmp_path, own_cache, monkeypatch):
    """The cache a JSON run filled lacks what the terminal report quotes: the first terminal
    run checks those units again and keeps it, so that later ones neither read a file nor
    align a story to print the report (on 50,000 articles that took 80 s a run)."""
    import io

    from rich.console import Console

    from factcheck import check
    from factcheck.report import render

    corpus = str(build(tmp_path / "corpus"))
    run("check", corpus, "--format", "json", "--jobs", "1")
    first = run("check", corpus, "--jobs", "1")
    report = check([corpus], jobs=1, cache=True)
    stories = [s for s in report.stories if len(s.documents) >= 2]
    lazy = [d for d in report.documents if isinstance(d, engine.LazyDocument)]
    assert stories and all(s.table is not None for s in stories) and len(lazy) == len(report.documents)
    monkeypatch.setattr(engine, "read_path", lambda *a: pytest.fail(f"read again: {a[0]}"))
    monkeypatch.setattr(engine, "align_story", lambda *a: pytest.fail("aligned again"))
    out = io.StringIO()
    render(report, "terminal", Console(file=out, width=80, highlight=False, soft_wrap=False))
    assert report.diagnostics and out.getvalue().strip() == first.output.strip()


@pytest.mark.parametrize("fmt", ["terminal", "json", "html"])
def test_one_process_lets_go_of_each_unit_once_checked(tmp_path, monkeypatch, fmt):
    """Without workers (one core, or --jobs 1) a run holds no unit's figures, alignments
    or text once the unit is checked, and files beyond the kept texts' budget are read
    again when checked: memory grows with the findings, not the corpus. Reported the same."""
    from factcheck import check

    corpus = str(build(tmp_path / "corpus", lone=4))
    whole = run("check", corpus, "--format", fmt, "--jobs", "1", "--no-cache")
    monkeypatch.setattr(engine, "KEEP_TEXT_CHARS", 0)
    lean = run("check", corpus, "--format", fmt, "--jobs", "1", "--no-cache")
    assert (lean.exit_code, lean.output) == (whole.exit_code, whole.output)

    def held(jobs: int) -> set[str]:
        report = check([corpus], jobs=jobs, cache=False)
        stories = [s for s in report.stories if len(s.documents) >= 2]
        assert stories and all(s._pending and not s.segments and s.table is not None for s in stories)
        assert not report.figures._found
        lazy = [d for d in report.documents if isinstance(d, engine.LazyDocument)]
        assert lazy and len(lazy) == len(report.documents)
        read = {d.path for d in lazy if "_document" in d.__dict__}
        assert len(read) < len(lazy)
        return read

    alone = held(1)
    monkeypatch.setattr(engine, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(engine, "POOL_MIN_UNITS", 1)
    assert alone == held(2)  # only what the workers' run reads here too (the cross-report rules' spans)


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_terminal_report_made_side_by_side_is_the_same_in_colour(tmp_path, monkeypatch, jobs):
    import io

    from rich.console import Console

    from factcheck import check
    from factcheck.report import render

    report = check([str(build(tmp_path / "corpus", lone=6))], jobs=1, cache=False)

    def shown(jobs: int) -> str:
        out = io.StringIO()
        render(report, "terminal", Console(file=out, width=72, force_terminal=True, color_system="truecolor"),
               jobs=jobs)
        return out.getvalue()

    alone = shown(1)
    monkeypatch.setattr(terminal, "PARALLEL_FINDINGS", 1)
    forked = []
    monkeypatch.setattr(terminal, "in_forked_workers", lambda *a: forked.append(a[1]) or engine.in_forked_workers(*a))
    assert shown(jobs) == alone and "\x1b[" in alone and forked and forked[0] > 1


def test_where_processes_cannot_be_forked_the_report_is_made_in_one(tmp_path, monkeypatch, pool_always):
    corpus = str(build(tmp_path / "corpus"))
    alone = run("check", corpus, "--jobs", "1", "--no-cache")
    monkeypatch.setattr(terminal, "can_fork", lambda: False)  # Windows
    monkeypatch.setattr(terminal, "in_forked_workers", lambda *a: pytest.fail("forked"))
    assert run("check", corpus, "--jobs", "2", "--no-cache").output == alone.output


@given(st.lists(st.integers(1, 300), max_size=40), st.integers(1, 12))
def test_a_report_s_parts_keep_its_files_in_order(counts, count):
    paths = [f"{i}.txt" for i in range(len(counts))]
    parts = terminal._parts(paths, {p: [None] * n for p, n in zip(paths, counts)}, count)
    assert [p for part in parts for p in part] == paths and len(parts) <= count
    assert all(parts) or not paths


def test_a_long_report_is_written_again_from_the_result_cache(tmp_path, own_cache, monkeypatch):
    corpus = str(build(tmp_path / "corpus", lone=6))
    monkeypatch.setattr(terminal, "PARALLEL_FINDINGS", 1)
    monkeypatch.setattr(terminal, "KEPT_FILES", 1)
    alone = run("check", corpus, "--no-cache").output
    assert run("check", corpus).output == alone  # (each file's text kept)
    monkeypatch.setattr(terminal, "_file_findings", lambda *a: pytest.fail("a file's findings laid out again"))
    monkeypatch.setattr(terminal, "_story_table", lambda *a: pytest.fail("a story's table laid out again"))
    assert run("check", corpus).output == alone and "同一报道" in alone


def test_a_report_kept_at_one_width_or_in_plain_text_is_not_written_at_another(tmp_path, own_cache, monkeypatch):
    import io

    from rich.console import Console

    from factcheck import check
    from factcheck.report import render

    monkeypatch.setattr(terminal, "PARALLEL_FINDINGS", 1)
    monkeypatch.setattr(terminal, "KEPT_FILES", 1)
    corpus = str(build(tmp_path / "corpus", lone=6))

    def shown(width: int, colours: str | None, cache: bool) -> str:
        out = io.StringIO()
        report = check([corpus], cache=cache)
        render(report, "terminal", Console(file=out, width=width, force_terminal=colours is not None,
                                           color_system=colours))
        return out.getvalue()

    kept = shown(72, None, True)
    assert kept == shown(72, None, False)
    assert shown(100, None, True) == shown(100, None, False) != kept
    assert shown(72, "truecolor", True) == shown(72, "truecolor", False) != kept


def test_a_line_edited_beside_a_finding_is_quoted_as_it_now_reads(tmp_path, own_cache, monkeypatch):
    monkeypatch.setattr(terminal, "PARALLEL_FINDINGS", 1)
    monkeypatch.setattr(terminal, "KEPT_FILES", 1)
    corpus = build(tmp_path / "corpus")
    edited = corpus / "edited.md"
    edited.write_text(MERGED[1].format(p=12737), encoding="utf-8")
    before = run("check", str(corpus)).output
    edited.write_text(MERGED[1].format(p=12737) + "（记者 王明）", encoding="utf-8")  # the same findings
    after = run("check", str(corpus)).output
    assert "王明" not in before and "王明" in after
    assert after == run("check", str(corpus), "--no-cache").output


def test_a_long_report_of_files_that_all_have_findings_is_the_same_laid_out_file_by_file(tmp_path, monkeypatch):
    import io

    from rich.console import Console

    from factcheck import check
    from factcheck.report import render

    for i, sentence in enumerate(MERGED):  # each file with findings, two of them copies of one story
        (tmp_path / f"garble-{i}.md").write_text(sentence.format(p=12736) * 2, encoding="utf-8")
    (tmp_path / "copy.md").write_text(MERGED[0].format(p=12736) * 2 + "共有35个贫困村出列。", encoding="utf-8")
    report = check([str(tmp_path)], cache=False)

    def shown() -> str:
        out = io.StringIO()
        render(report, "terminal", Console(file=out, width=80, color_system=None))
        return out.getvalue()

    whole = shown()
    monkeypatch.setattr(terminal, "PARALLEL_FINDINGS", 1)
    assert shown() == whole and report.stories and all(d.path in whole for d in report.documents)
