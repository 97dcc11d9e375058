"""The terminal formatter: what an editor reads at a glance.

Nothing here relies on colour alone: severities are spelt out, the span at
fault is underlined *and* marked with a caret line, and agreement marks in
story tables are characters. Source lines are cropped to a window around the
span by display width (CJK characters take two columns), so the report fits
the console and lines up when piped into a file or a CI log.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import forking
from ..forking import can_fork, in_forked_workers
from ..i18n import _, language
from ..results import ResultCache, digest, finding_row, stamp
from ..rules import Scope, Severity
from ..stories import copy_label, table_rows
from . import listed_evidence
from .escape import visible, visible_span
from .wrap import Prose, break_offsets, text_width, widths

INDENT = 2
EXCERPTS_FIT = 40  # console columns from which a source excerpt (gutter, then ten columns or more) fits as cut
MAX_STORY_COPIES = 6  # copies a story's heading names and its table has a column for; the rest are counted
MAX_STORY_ROWS = 40
MORE = "..."  # ASCII: "…" is two columns wide in some CJK terminals
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}
SPAN_STYLE = "bold red underline"


def severity_word(severity: Severity) -> str:
    return {Severity.ERROR: _("错误"), Severity.WARNING: _("警告"), Severity.INFO: _("提示")}[severity]


def scope_word(scope: Scope) -> str:
    return {Scope.DOCUMENT: _("单篇报道"), Scope.STORY: _("同一报道的各版本"), Scope.CORPUS: _("全部报道")}[scope]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns, ending in MORE when cut."""
    if len(text) <= width // 2 or cell_len(text) <= width:
        return text
    k = bisect_right(list(accumulate(widths(text))), width - len(MORE))
    return text[:k] + MORE if k < len(text) else text


_PENDING: list | None = None  # lines of the report being rendered, printed in one pass at its end


def _emit(console: Console, renderable, level: int = 0, fits: bool = False) -> None:
    """Print ``renderable`` indented by ``level`` steps, every line (wrapped ones
    too), without the trailing spaces that padding and tables leave. While a whole
    report renders, the lines are kept and printed together: printing thousands of
    lines one by one took most of a large run. ``fits``: a line of Text already cut
    to the width (a source excerpt), which needs no measuring."""
    indent = INDENT * level
    if fits:
        lines = [renderable]
    elif isinstance(renderable, Text) and "\n" not in renderable.plain \
            and (2 * len(renderable.plain) + indent <= console.width
                 or text_width(renderable.plain) + indent <= console.width):
        lines = [renderable]  # one short line: as it is (made for this call: stripped and padded in place)
    elif isinstance(renderable, Prose):  # text to wrap: its own line breaking, without rich's segments
        lines = renderable.wrap(console, console.width - indent)
    else:
        options = console.options.update(width=console.width - indent)
        lines = []
        for segments in console.render_lines(renderable, options, pad=False):
            line = Text()
            for seg in segments:
                if not seg.control:
                    line.append(seg.text, seg.style)
            lines.append(line)
    for line in lines:
        if line.plain[-1:].isspace():
            line.rstrip()
    _emit_lines(console, lines, level)


# A line that fits the width, as its text and its styles' spans [(start, end, style)]: a
# finding's lines are made so, without a rich Text (which cost most of a long report's time)
# unless the console shows colour.
Line = tuple[str, list[tuple[int, int, str]]]


def _line(text: str, spans: list[tuple[int, int, str]]) -> Line:
    """``text`` without its trailing spaces, with its spans cut to it, as Text.rstrip does."""
    if text[-1:].isspace():
        text = text.rstrip()
        spans = [(a, min(b, len(text)), style) for a, b, style in spans if a < len(text)]
    return text, spans


def _rich(line: Text | Line) -> Text:
    if isinstance(line, Text):
        return line
    text = Text(line[0])
    for start, end, style in line[1]:
        text.stylize(style, start, end)
    return text


def _emit_lines(console: Console, lines: list[Text | Line], level: int) -> None:
    """Print lines (Text or Line) that fit the width, indented by ``level`` steps."""
    indent = INDENT * level
    if _PENDING is not None:  # the indent is written with the line (padding a Text moves all its styles)
        _PENDING.extend((indent, line) for line in lines)
    else:
        for line in lines:
            line = _rich(line)
            line.pad_left(indent)
            console.print(line, no_wrap=True, crop=True)


def _emit_styled(console: Console, text: str, spans: list[tuple[int, int, str]], level: int) -> None:
    """``_emit`` of a Text of ``text`` styled on ``spans``, made only if it does not fit."""
    indent = INDENT * level
    if "\n" not in text and (2 * len(text) + indent <= console.width or text_width(text) + indent <= console.width):
        _emit_lines(console, [_line(text, spans)], level)
    else:
        _emit(console, _rich((text, spans)), level)


def _emit_prose(console: Console, parts: list[tuple[str, str | None]], level: int) -> None:
    """``_emit`` of Prose.assemble(*parts), its lines made without rich where they can be the
    same: no newline or tab, nor the characters rich measures as clusters with the one before."""
    text = "".join(part for part, _style in parts)
    width = console.width - INDENT * level
    if width >= 2 and not any(c in text for c in "\n\t\u200d\ufe0f"):
        spans, at = [], 0
        for part, style in parts:
            if style:
                spans.append((at, at + len(part), style))
            at += len(part)
        offsets = [0, *break_offsets(text, width), len(text)]
        lines = [_line(text[a:b], [(max(s, a) - a, min(e, b) - a, style) for s, e, style in spans if s < b and e > a])
                 for a, b in zip(offsets, offsets[1:])]
        if not any(2 * len(line) > width and text_width(line) > width for line, _spans in lines):
            _emit_lines(console, lines, level)
            return
    _emit(console, Prose.assemble(*parts), level)


def _write_lines(console: Console, lines: list[tuple[int, Text | Line]]) -> None:
    """Write lines that already fit the width, each after its indent, with their styles,
    in one pass: what console.print would do, without joining them into one Text and
    wrapping it again."""
    if console.record or console.is_jupyter:
        lines = [(indent, _rich(line)) for indent, line in lines]
        for indent, line in lines:
            line.pad_left(indent)
        console.print(Text("\n").join(line for _indent, line in lines), no_wrap=True, crop=True)
        return
    console.file.write(_lines_text(console, lines))
    console.file.flush()


def _lines_text(console: Console, lines: list[tuple[int, Text | Line]]) -> str:
    """The text ``_write_lines`` writes to a console's file."""
    system = console._color_system if console.color_system else None
    if system is None:  # a pipe, a file, NO_COLOR: the plain text
        return "\n".join(" " * indent + (line[0] if type(line) is tuple else line.plain) for indent, line in lines) + "\n"
    out = []
    for indent, line in lines:
        out.append(" " * indent + "".join(seg.style.render(seg.text, color_system=system) if seg.style else seg.text
                                          for seg in _rich(line).render(console)))
    return "\n".join(out) + "\n"


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def window(line: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """Crop ``line`` to ``width`` display columns around the characters [start, end).

    Returns the shown text (with MORE where cut) and the span's start and end
    indices in it; the span itself is cut short only when it alone is too wide.
    """
    n = len(line)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if n <= width // 2 or n <= width and cell_len(line) <= width:  # (a character takes 1 or 2 columns)
        return line, start, end
    # every character takes a column or more, so what can show lies within ``width``
    # characters of the span: only that piece is measured (a paragraph can be thousands long)
    lo, hi = max(0, start - width), min(n, max(end, start + 1) + width)
    cells = [0, *accumulate(widths(line[lo:hi]))]
    more = len(MORE)

    def fits(a: int, b: int) -> bool:
        return (more if a > 0 else 0) + cells[b - lo] - cells[a - lo] + (more if b < n else 0) <= width

    a = b = start
    while b < min(end, hi) and (fits(a, b + 1) or b == a):
        b += 1
    # then a character on each side in turn while it fits; where both sides go on growing and
    # neither end of the line is reached, the steps are taken at once (found by bisection)
    grown = True
    while grown:
        steps = min(a - max(lo, 1), min(hi, n - 1) - b)
        if steps > 1 and fits(a - 1, b + 1):
            k = bisect_right(range(1, steps + 1), False, key=lambda j: not fits(a - j, b + j))
            a, b = a - k, b + k
        grown = False
        if a > lo and fits(a - 1, b):
            a, grown = a - 1, True
        if b < hi and fits(a, b + 1):
            b, grown = b + 1, True
    left = MORE if a > 0 else ""
    shown = left + line[a:b] + (MORE if b < n else "")
    return shown, len(left) + start - a, len(left) + min(end, b) - a


def source_excerpt_lines(line_no: int, line: str, start: int, end: int, width: int) -> tuple[Line, Line]:
    """A numbered source line with [start, end) styled, and a caret line under it."""
    line = line.replace("\t", " ")
    if end <= start:
        end = start + 1
    line, start, end = visible_span(line, start, end)
    gutter = f"{line_no} | "
    blank = " " * (len(gutter) - 2) + "| "
    shown, s, e = window(line, start, end, max(10, width - len(gutter)))
    pad = text_width(shown[:s])
    carets = "^" * max(1, text_width(shown[s:e]))
    under = blank + " " * pad + carets
    return (_line(gutter + shown, [(0, len(gutter), "dim"), (len(gutter) + s, len(gutter) + e, SPAN_STYLE)]),
            (under, [(0, len(blank), "dim"), (len(blank) + pad, len(under), "bold red")]))


def where(span) -> str:
    """path:line:column, and the page of a PDF or the paragraph of a Word file."""
    place = f"{span.path}:{span.line}:{span.column}"
    if span.page is not None:
        place += " (" + _("第{n}页").format(n=span.page) + ")"
    if span.paragraph is not None:
        place += " (" + _("第{n}段").format(n=span.paragraph) + ")"
    return place


def _finding(d, doc, console: Console) -> None:
    span = d.span
    word, place = severity_word(d.severity), visible(where(span))
    head = f"{word} {d.code} {d.name}  {place}"
    _emit_styled(console, head, [(0, len(word), STYLE[d.severity]), (len(word) + 1, len(word) + 1 + len(d.code), "bold"),
                                 (len(head) - len(place), len(head), "cyan")], 1)
    _emit_prose(console, [(visible(d.message), None)], 2)
    width = console.width - INDENT * 2
    if doc is not None and 1 <= span.line <= doc.line_count:
        line = doc.source_line(span.line)
        start = span.column - 1
        end = span.end_column - 1 if span.end_line == span.line else len(line)
        # no more of a long line than can be shown around the span (each character takes a column or more)
        lo, hi = max(0, start - 3 * width), min(len(line), max(start, min(end, start + width)) + 3 * width)
        line, start, end = line[lo:hi], start - lo, min(end, hi) - lo
        excerpt = source_excerpt_lines(span.line, line, start, end, width)
        if console.width >= EXCERPTS_FIT:  # cut to the width already
            _emit_lines(console, excerpt, 2)
        else:  # too narrow for the gutter and ten columns: folded
            for excerpt_line in excerpt:
                _emit(console, _rich(excerpt_line), 2)
    if d.suggestion is not None:
        _emit_prose(console, [(_("建议："), "bold green"), (visible(d.suggestion), None)], 2)
    if d.related:
        _emit_styled(console, _("证据："), [(0, len(_("证据：")), "bold")], 2)
        listed, more = listed_evidence(d)
        for r in listed:
            s = r.span
            _emit_prose(console, [(visible(where(s)), "cyan"), (" ", None), (visible(r.message or ""), None),
                                  (" “", None), (_clip(visible(_flat(s.text)), width - 8), "bold"), ("”", None)], 3)
        if more:
            _emit_prose(console, [(more, None)], 3)


def _story_table(story, console: Console, verbose: bool = False) -> None:
    """A story's side-by-side figures: the whole table where copies disagree (or with
    ``verbose``), one line where they agree (hundreds of agreeing rows hide the few that matter).
    Two copies are shown with each figure's line; three or more, a row's odd one out (the
    copy that disagrees with all the others) is marked with its name."""
    docs = story.documents
    rows = table_rows(story)
    named = "  /  ".join(f"{copy_label(d.path)} {d.path}" for d in docs[:MAX_STORY_COPIES])
    if len(docs) > MAX_STORY_COPIES:  # a wire story reposted hundreds of times: its first copies and how many
        named += "  /  " + _("……共 {n} 个版本").format(n=len(docs))
    heading = Prose.assemble((_("同一报道："), "bold"), visible(named), f"  ({_('相似度')} {story.similarity:.2f})")
    if rows and all(row.agree for row in rows) and not verbose:
        heading.append("  " + _("{n} 个数字各版本一致").format(n=len(rows)), style="dim")
        _emit(console, heading)
        return
    _emit(console, heading)
    two = len(docs) == 2
    if not rows and two:
        _emit(console, Text(_("没有可对照的数字"), style="dim"), 1)
        return
    ranked = sorted(range(len(rows)), key=lambda i: rows[i].agree)  # disagreements first
    shown = sorted(ranked if verbose else ranked[:MAX_STORY_ROWS])
    copies = _table_copies(len(docs), [rows[i] for i in shown])
    columns = [c for k in copies for c in ((visible(copy_label(docs[k].path)), _("行")) if two
                                          else (visible(copy_label(docs[k].path)),))]
    table = _table(*columns, _("指标"), "")
    for i in shown:
        row = rows[i]
        cells = []
        for c in (row.cells[k] for k in copies):
            text = Text(visible(c[0])) if c is not None else Text("—", style="dim")
            cells += [text, str(c[1]) if c is not None else ""] if two else [text]
        if row.agree:
            mark = Text("✓", "green")
        elif row.odd is not None:
            mark = Text("✗ " + visible(copy_label(docs[row.odd].path)), "bold red")
        elif two and None in row.cells:
            mark = Text("·", "yellow")
        else:
            mark = Text("✗", "bold red")
        table.add_row(*cells, visible(row.metric), mark, style=None if row.agree else "bold")
    _emit(console, table, 1)
    if len(rows) > len(shown):
        _emit(console, Text(MORE + " " + _("另有 {n} 行未列出").format(n=len(rows) - len(shown)), style="dim"), 1)
    if len(copies) < len(docs):
        _emit(console, Text(MORE + " " + _("另有 {n} 个版本未列为一列").format(n=len(docs) - len(copies)), style="dim"), 1)


def _table_copies(count: int, rows: list) -> list[int]:
    """The copies (by index) a story's table has a column for: all of them, or for a story of
    more than MAX_STORY_COPIES, the odd ones out of the rows shown, then the first copies."""
    if count <= MAX_STORY_COPIES:
        return list(range(count))
    picked = sorted({row.odd for row in rows if row.odd is not None})[:MAX_STORY_COPIES]
    first = (k for k in range(count) if k not in picked)
    return sorted(picked + [next(first) for _k in range(MAX_STORY_COPIES - len(picked))])


def _summary(report, console: Console) -> None:
    _emit(console, Text(_("汇总"), style="bold"))
    counts = Text("  ")
    found = Counter(d.severity for d in report.diagnostics)
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        counts.append(f"{severity_word(sev)} {found[sev]}", STYLE[sev] if found[sev] else "dim")
        counts.append("   ")
    counts.rstrip()
    _emit(console, counts)
    by_rule = Counter((d.code, d.name) for d in report.diagnostics)
    if by_rule:
        table = _table(_("代码"), _("名称"), _("数量"))
        for (code, name), n in sorted(by_rule.items()):
            table.add_row(code, name, str(n))
        _emit(console, table, 1)
    line = _("{n} 个文件已检查").format(n=len(report.documents))
    if report.read_errors:
        line += _("，{n} 个文件无法读取").format(n=len(report.read_errors))
    _emit(console, Prose(line))
    for error in report.read_errors:  # each by name: a file not read was not checked
        _emit(console, Text.assemble((_("无法读取"), STYLE[Severity.ERROR]), " ", (error.path, "cyan"),
                                     f"  {error.reason}"), 1)


def summary_line(report) -> str:
    """``--quiet``: the counts and files checked on one line, then each unreadable file."""
    counts = "   ".join(f"{severity_word(sev)} {report.count(sev)}"
                       for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    line = counts + "   " + _("{n} 个文件已检查").format(n=len(report.documents))
    if report.read_errors:
        line += _("，{n} 个文件无法读取").format(n=len(report.read_errors))
    return "\n".join([line] + [f"  {_('无法读取')} {e.path}  {e.reason}" for e in report.read_errors])


def render(report, console: Console, verbose: bool = False, jobs: int = 1) -> None:
    """The ``factcheck check`` report: findings per file, story tables, a summary,
    printed in one pass (the files' findings made by ``jobs`` processes, when they are many)."""
    global _PENDING
    _PENDING = []
    size = console._width, console._height
    console.size = console.size  # fixed while it renders: rich reads the environment for each .width
    try:
        _render(report, console, verbose, jobs)
        if _PENDING:
            _write_lines(console, _PENDING)
    finally:
        _PENDING = None
        console._width, console._height = size


# Findings of one rule in one file listed in full; the rest are counted in one line (a
# 20 MB file can hold 50,000 findings: no one reads them here, and printing them took minutes).
MAX_LISTED_PER_RULE = 200


# From this many findings, a report with more than one job has its files' findings made in
# forked processes, side by side: 140,000 findings took 23 s in one (forking costs about 0.05 s);
# and a run with a result cache keeps each file's text there, to be written as it is next time.
PARALLEL_FINDINGS = 1000
KEPT_FILES = 100  # files with findings from which a long report keeps their texts in the result cache


def _render(report, console: Console, verbose: bool, jobs: int = 1) -> None:
    global _PENDING
    docs = {d.path: d for d in report.documents}
    by_path: dict[str, list] = {}
    for d in report.diagnostics:
        by_path.setdefault(d.span.path, []).append(d)
    order = [p for p in docs if p in by_path] + [p for p in by_path if p not in docs]
    stories = [s for s in report.stories if len(s.documents) >= 2]
    long = len(report.diagnostics) >= PARALLEL_FINDINGS and not (console.record or console.is_jupyter)
    # (kept only for a report of many files: a text is worth keeping where most stay the same)
    kept = _Kept(report.cache_path if len(order) >= KEPT_FILES else None, console) if long else None
    try:
        if kept is not None:  # (the first lines of the report: nothing is pending before them)
            console.file.writelines(_files_texts(order, by_path, docs, console, jobs, kept))
        else:
            for path in order:
                _file_findings(path, by_path[path], docs.get(path), console)
        clean = [p for p in docs if p not in by_path]
        if len(clean) <= 10:
            for path in clean:
                _emit(console, Text(f"{visible(path)}  " + _("未发现问题"), style="dim"))
        else:
            _emit(console, Text(_("{n} 个文件未发现问题").format(n=len(clean)), style="dim"))
        if kept is not None:
            if _PENDING:
                _write_lines(console, _PENDING)
                _PENDING = []
            console.file.writelines(kept.texts(
                len(stories), lambda k: ("story", verbose, stories[k].paths, stories[k].similarity, table_rows(stories[k])),
                lambda todo: [_text_of(console, _story_with_gap, stories[k], console, verbose) for k in todo]))
        else:
            for story in stories:
                _story_with_gap(story, console, verbose)
    finally:
        if kept is not None:
            kept.close()
    _emit(console, Text(""))
    _summary(report, console)


def _story_with_gap(story, console: Console, verbose: bool) -> None:
    _emit(console, Text(""))
    _story_table(story, console, verbose)


def _file_findings(path: str, found: list, doc, console: Console) -> None:
    """One file's heading and findings."""
    # the findings that rest on most first (another copy, then the text's own arithmetic, then
    # plausibility), errors before warnings among equals, and in the text's order
    found = sorted(found, key=lambda d: (-d.confidence, -d.severity))
    _emit(console, Text.assemble((visible(path), "bold"), "  ", (_("{n} 处问题").format(n=len(found)), "dim")))
    listed: dict[str, int] = {}
    unlisted: dict[tuple[str, str], int] = {}
    for d in found:
        listed[d.code] = listed.get(d.code, 0) + 1
        if listed[d.code] > MAX_LISTED_PER_RULE:
            unlisted[(d.code, d.name)] = unlisted.get((d.code, d.name), 0) + 1
            continue
        _finding(d, doc, console)
        _emit(console, Text(""))
    for (code, name), n in unlisted.items():
        _emit(console, Text(_("另有{n}处{code} {name}未逐条列出（--format json 列出全部）").format(
            n=n, code=code, name=name), style="dim"))
        _emit(console, Text(""))


def _files_texts(paths: list[str], by_path: dict[str, list], docs: dict, console: Console, jobs: int,
                 kept: "_Kept") -> list[str]:
    """Each file's text of its heading and findings: kept ones as they were, the others made
    (side by side with ``jobs`` > 1)."""
    def make(todo: list[int]) -> list[str]:
        files = [paths[k] for k in todo]
        if jobs > 1 and sum(len(by_path[p]) for p in files) >= PARALLEL_FINDINGS and can_fork():
            parts = _parts(files, by_path, 4 * jobs)  # (more parts than jobs: a job that ends early takes another)
            return [text for part in in_forked_workers(_rendered_part, len(parts), jobs, (parts, by_path, docs, console))
                    for text in part]
        return [_text_of(console, _file_findings, p, by_path[p], docs.get(p), console) for p in files]

    def quoted(path: str) -> list[tuple[int, str]]:
        # each line once: a file of one long line may hold thousands of findings
        doc = docs.get(path)
        lines = {d.span.line for d in by_path[path]} if doc is not None else ()
        return [(n, doc.source_line(n)) for n in sorted(lines) if 1 <= n <= doc.line_count]

    # a file's text depends on its findings and the lines they quote (and what ``_Kept`` adds)
    return kept.texts(len(paths), lambda k: ("file", paths[k], [finding_row(d) for d in by_path[paths[k]]],
                                             quoted(paths[k])), make)


class _Kept:
    """The texts of a long report's parts kept in the result cache at ``path`` (None: no
    cache, every text made) by a digest of what each depends on, with factcheck's and rich's
    code, the language and the console's width, colours and encoding."""

    def __init__(self, path, console: Console) -> None:
        self.cache = ResultCache(path) if path is not None else None
        self.version = (stamp([]), _rich_version(), language(), console.width, console.color_system,
                        console.encoding) if self.cache is not None else None

    def texts(self, count: int, part, make) -> list[str]:
        """The text of each of ``count`` parts, ``part(k)`` what the k-th depends on: kept, or
        made by ``make(indices)``."""
        if self.cache is None:
            return make(list(range(count)))
        keys = [digest("terminal", self.version, part(k)) for k in range(count)]
        found = self.cache.rendered(keys)
        todo = [k for k, key in enumerate(keys) if key not in found]
        made = dict(zip(todo, make(todo))) if todo else {}
        self.cache.store_rendered([(keys[k], text) for k, text in made.items()])
        return [made[k] if k in made else found[key] for k, key in enumerate(keys)]

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


@lru_cache(maxsize=1)
def _rich_version() -> str:
    from importlib.metadata import version

    return version("rich")


def _text_of(console: Console, emit, *args) -> str:
    """The text ``emit(*args)`` adds to the report on ``console``, as ``_write_lines`` writes it."""
    global _PENDING
    outer, _PENDING = _PENDING, []
    try:
        emit(*args)
        return _lines_text(console, _PENDING)
    finally:
        _PENDING = outer


def _parts(paths: list[str], by_path: dict[str, list], count: int) -> list[list[str]]:
    """``paths`` in order, cut into ``count`` runs or fewer of about as many findings."""
    total = sum(len(by_path[p]) for p in paths)
    parts: list[list[str]] = [[]]
    done = 0
    for path in paths:
        parts[-1].append(path)
        done += len(by_path[path])
        if done * count >= total * len(parts) and done < total:
            parts.append([])
    return parts


def _rendered_part(k: int) -> list[str]:
    """In a forked process: the text of each of the k-th part's files."""
    parts, by_path, docs, console = forking.shared
    return [_text_of(console, _file_findings, path, by_path[path], docs.get(path), console) for path in parts[k]]


def _number(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _kind_word(kind: str) -> str:
    """A figure's kind in the user's language (the JSON keeps the stable English names)."""
    words = {"count": _("计数"), "amount": _("金额"), "percent": _("百分比"), "ratio": _("倍数或分数"),
             "rate": _("平均数"), "date": _("日期"), "year": _("年份"), "ordinal": _("序数"), "range": _("范围"),
             "other": _("其他")}
    return words.get(kind, kind)


def render_figures(documents, figures, console: Console) -> None:
    """``factcheck figures FILE``: one table of extracted figures per document."""
    for doc in documents:
        found = figures.get(doc.path, [])
        console.print(Text.assemble((visible(doc.path), "bold"), "  ", (_("{n} 个数字").format(n=len(found)), "dim")))
        if not found:
            continue
        table = _table(_("位置"), _("文本"), _("数值"), _("单位"), _("类型"), _("约数"), _("指标"), _("地点"))
        for f in found:
            row = f.to_dict(doc)
            table.add_row(f"{row['line']}:{row['column']}", Prose(visible(_flat(row["text"]))), _number(row["value"]),
                          visible(row["unit"] or ""), _kind_word(row["kind"]), row["approx"] or "",
                          visible(row["metric"] or ""),
                          visible(row["place"] or ""))
        _emit(console, table)
        console.print()


def render_rules(rules, console: Console) -> None:
    """``factcheck rules``: every installed rule; on a narrow terminal each summary goes
    under its rule, so that codes and names (typed by users) are never broken."""
    if console.width < 80:
        for r in rules:
            console.print(Text.assemble((r.code, "bold"), " ", r.name, "  ",
                                        (severity_word(r.severity), STYLE[r.severity]), "  ",
                                        (scope_word(r.scope), "dim")), no_wrap=True, crop=True)
            _emit(console, Prose(_(r.summary)), 1)
        return
    table = _table(_("代码"), _("名称"), _("级别"), _("范围"), _("说明"))
    for column in table.columns[:4]:
        column.no_wrap = True
    for r in rules:
        table.add_row(r.code, r.name, Text(severity_word(r.severity), STYLE[r.severity]),
                      scope_word(r.scope), Prose(_(r.summary)))
    _emit(console, table)


def _case_row(case, width: int) -> Text:
    line = Prose(_clip(" | ".join(_flat(t) for t in case.texts), 2 * width))
    for published in case.published or ():  # the archive the case is checked against
        line.append("\n" + _("已发布："), style="dim")
        line.append(_clip(_flat(published), 2 * width), style="dim")
    if case.covers:
        line.append("\n" + _("应标出："), style="dim")
        line.append(_flat(case.covers), style="bold")
    return line


def render_explanation(rule, cases, console: Console) -> None:
    """``factcheck explain RULE``: header, explanation, and the rule's cases."""
    console.print(Text.assemble((rule.code, "bold"), " ", (rule.name, "bold"), "  ",
                                (severity_word(rule.severity), STYLE[rule.severity]), "  ",
                                (scope_word(rule.scope), "dim")))
    _emit(console, Prose(_(rule.summary)))
    console.print()
    _emit(console, Prose(_(rule.explanation).strip()))
    if not cases:
        return
    width = console.width - INDENT - 2
    for kind, heading in (("pass", _("通过")), ("fail", _("报错"))):
        chosen = [c for c in cases if c.kind == kind]
        if chosen:
            console.print()
            console.print(Text(heading, style="bold"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column()
            grid.add_column(overflow="fold")
            for case in chosen:
                grid.add_row("-", _case_row(case, width))
            _emit(console, grid, 1)
