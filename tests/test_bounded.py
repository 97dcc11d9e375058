"""Bounded work (issue 10, item 4): inputs that once took minutes, or crashed a rule,
are checked with sensible findings; segments, offsets and sections keep each stage
linear. The times are measured by bench/hostile.py, not here."""
import random
import re

import pytest
from builders import HOSTILE_SENTENCE, hostile_inputs, sample, write_input
from hypothesis import given
from hypothesis import strategies as st

from checks.garbling import household_split
from factcheck import check
from factcheck.config import Config, load_file
from factcheck.document import MAX_SEGMENT, Document, Segments, paragraph_start
from factcheck.normalize import normalise

HOSTILE = hostile_inputs()


def _check_file(tmp_path, name):
    return check([str(write_input(tmp_path, *HOSTILE[name]))])


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_input_is_checked_without_a_rule_error(tmp_path, name):
    report = _check_file(tmp_path, name)
    copies = HOSTILE[name][1]
    assert len(report.documents) == (1 if isinstance(copies, str) else len(copies))
    assert not [d for d in report.diagnostics if d.code.startswith("E")], name


def test_a_run_of_1500_digits_is_no_overflow_in_merged_figures(tmp_path):
    report = _check_file(tmp_path, "arabic-1500")
    assert [f.digits for f in report.figures[report.documents[0].path]] == ["7" * 1500]


def test_a_list_of_11000_parts_keeps_its_figures(tmp_path):
    report = _check_file(tmp_path, "parts")
    assert len(report.figures[report.documents[0].path]) >= 22_000


def test_numbers_listed_with_full_width_commas_are_read_one_by_one(tmp_path):
    report = _check_file(tmp_path, "wide-commas")
    figures = report.figures[report.documents[0].path]
    assert len(figures) == 30_001 and figures[-1].text == "250人"


def test_a_sentence_repeated_2200_times_is_one_duplicated_text_each_time(tmp_path):
    report = _check_file(tmp_path, "repeated")
    duplicates = [d for d in report.diagnostics if d.code == "G103"]
    assert duplicates and all(d.span.text.startswith(HOSTILE_SENTENCE[:10]) for d in duplicates)


def test_a_count_stated_4000_times_and_then_otherwise_is_one_conflict():
    text = HOSTILE["same-count"][1] + "全县共有贫困村83个。"
    report = check([Document.from_text("same.txt", text)])
    conflicts = [d for d in report.diagnostics if d.code == "C107"]
    assert [d.span.text for d in conflicts] == ["83个"]
    assert conflicts[0].related[0].span.start == text.index("82个")


def test_averages_over_a_count_named_3000_times_are_still_checked():
    text = HOSTILE["average-bases"][1] + "贫困村发展党员767名，平均每个村5名。"
    report = check([Document.from_text("averages.txt", text)])
    assert [d.span.text for d in report.diagnostics if d.code == "C106"] == ["5名"]


def _old_household_split(digits):
    """The split as it was found before, trying every cut (the oracle)."""
    found = []
    for k in range(1, len(digits)):
        households, persons = digits[:k], digits[k:]
        if persons.startswith("0") or int(households) == 0:
            continue
        if 1 <= int(persons) / int(households) <= 6:
            found.append((households, persons))
    return found[0] if len(found) == 1 else None


@given(st.text("0123456789", min_size=2, max_size=16))
def test_households_and_persons_are_cut_where_trying_every_cut_would(digits):
    assert household_split(digits) == _old_household_split(digits)


def test_households_and_persons_split_as_before_on_a_real_fusion():
    assert household_split("700112736") == ("7001", "12736")


def _pieces(seg, level):
    start, out = 0, []
    for end, resume in zip(seg.breaks(level), seg.resumes(level)):
        out.append((start, end))
        start = resume
    return out


@given(st.lists(st.sampled_from(["甲", "1", "2", "、", "，", "。", "\n", "一"]), max_size=2000),
       st.sampled_from(["sentence", "clause", "item"]))
def test_segments_are_cut_short_and_lose_no_character(chars, level):
    text = "".join(chars) * 3
    seg = Segments(text)
    ends, resumes = list(seg.breaks(level)), list(seg.resumes(level))
    assert ends == sorted(ends) and all(r in (e, e + 1) for e, r in zip(ends, resumes))
    assert all(text[e] in "。！？；\n，：、" for e, r in zip(ends, resumes) if r == e + 1)
    assert all(end - start <= MAX_SEGMENT[level] + 30 for start, end in _pieces(seg, level))


@given(st.text(alphabet="年\n。", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_a_paragraph_start_looked_for_no_further_back_than_a_floor_is_the_later_of_the_two(text, pos, floor):
    pos = min(pos, len(text))
    assert paragraph_start(text, pos, floor) == max(text.rfind("\n", 0, pos) + 1, floor)


def test_real_sentences_are_not_cut():
    text = normalise(sample("tiandong-county.news.txt")).text
    seg = Segments(text)
    for level in ("sentence", "clause", "item"):
        assert all(r == e + 1 for e, r in zip(seg.breaks(level), seg.resumes(level)))


@given(st.text(st.sampled_from("甲 　\n\n1,，:３，２１８Ab"), max_size=300))
def test_offsets_kept_as_runs_map_as_a_list_would(text):
    offsets = normalise(text).offsets
    listed = [offsets[i] for i in range(len(offsets))]
    assert list(offsets) == listed and offsets[:] == listed
    assert listed[-1] == len(text)


def _keys(report):
    return sorted((d.code, d.span.line, d.span.column, d.span.end_line, d.span.end_column, d.message)
                  for d in report.diagnostics)


def test_a_file_checked_in_sections_names_its_own_lines_and_columns(tmp_path):
    body = sample("tiandong-county.news.txt")
    planted = "全县贫困发生率由原来的6%下降到10.3%。\n"  # trend-direction: the new value is larger
    path = tmp_path / "long.txt"
    path.write_text(body * 4 + planted + body, encoding="utf-8")
    whole = check([str(path)])
    parts = check([str(path)], config=Config(section_size=3 * len(body) // 2))
    trend = [k for k in _keys(parts) if k[0] == "C103"]
    assert trend and trend == [k for k in _keys(whole) if k[0] == "C103"]
    assert trend[0][1] == body.count("\n") * 4 + 1
    assert [d.path for d in parts.documents] == [str(path)]


def test_sections_checked_in_workers_give_what_one_process_gives(tmp_path):
    body = sample("tiandong-county.news.txt")
    path = tmp_path / "long.txt"
    path.write_text(body * 3 + "全县贫困发生率由原来的6%下降到10.3%。\n" + body * 2, encoding="utf-8")
    config = Config(section_size=len(body))
    alone = check([str(path)], config=config, jobs=1)
    side_by_side = check([str(path)], config=config, jobs=2)
    assert side_by_side.diagnostics == alone.diagnostics
    assert any(d.code == "C103" for d in alone.diagnostics)


def test_section_size_is_a_setting(tmp_path):
    (tmp_path / "setup.cfg").write_text("[factcheck]\nsection-size = 2M\n", encoding="utf-8")
    assert load_file(tmp_path / "setup.cfg").section_size == 2_000_000
    assert "section-size" in Config().describe()


def test_a_story_of_sixty_copies_is_still_compared():
    text = sample("tiandong-county.news.txt")
    first = re.search(r"\d{3,}", text)
    changed = text[:first.start()] + str(int(first.group()) + 1) + text[first.end():]
    docs = [Document.from_text(f"copy{i:02d}.txt", changed if i == 30 else text) for i in range(60)]
    report = check(docs)
    assert [len(s.documents) for s in report.stories] == [60]
    assert any(d.code == "X101" and d.span.path == "copy30.txt" for d in report.diagnostics)


def test_sixty_articles_sharing_a_footer_are_not_one_story():
    rng = random.Random(3)
    footer = "".join(rng.choice("本报记者编辑责任校对来源转载请注明出处版权所有联系电话地址邮编") for _ in range(200))
    articles = ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(600)) + footer for _ in range(60)]
    report = check([Document.from_text(f"a{i:02d}.txt", a) for i, a in enumerate(articles)])
    assert report.stories == []


def test_the_terminal_lists_a_rules_first_findings_and_counts_the_rest(tmp_path):
    import io

    from rich.console import Console

    from factcheck.report import render
    from factcheck.report.terminal import MAX_LISTED_PER_RULE

    path = tmp_path / "repeated.txt"
    repeated = (f"全县第{i}号贫困村累计实现稳定脱贫的人口共有{i}户，全部纳入产业扶贫项目的覆盖范围。"
                for i in range(MAX_LISTED_PER_RULE + 30))
    path.write_text("".join(f"{s}另见第{i}段。{s}\n" for i, s in enumerate(repeated)), encoding="utf-8")
    report = check([str(path)])
    duplicates = sum(d.code == "G103" for d in report.diagnostics)
    out = io.StringIO()
    render(report, "terminal", Console(file=out, width=100, highlight=False, soft_wrap=False))
    shown = out.getvalue()
    assert duplicates > MAX_LISTED_PER_RULE
    assert shown.count(" G103 duplicated-text") == MAX_LISTED_PER_RULE
    assert f"另有{duplicates - MAX_LISTED_PER_RULE}处G103 duplicated-text未逐条列出" in shown


def test_no_section_stays_in_memory_once_checked(tmp_path):
    """What is kept by text (segments, place names, where the traditional characters are)
    is let go with each section: a file's memory is that of one section, whatever its size."""
    import factcheck.document as document
    from factcheck.figures import places
    from factcheck.variants import changed_at

    body = sample("zhenlai-county.essay.txt")  # its 縣 makes mixed-script look at each section
    path = tmp_path / "long.txt"
    path.write_text(body * 8, encoding="utf-8")
    check([str(path)], config=Config(section_size=len(body)))
    assert document._segments.cache_info().currsize == 0
    assert places.cache_info().currsize == 0 and changed_at.cache_info().currsize == 0
