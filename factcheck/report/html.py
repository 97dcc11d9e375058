"""One self-contained HTML page an editor can open: each report with its findings
highlighted in place, the findings listed with their evidence, the copies of each
story side by side, and a summary.

Every piece of report text is escaped, and the page forbids scripts outright (its
Content-Security-Policy allows no script source), so an article holding ``<script>``
shows it as text and never runs it. No resource is loaded from anywhere.
"""
from __future__ import annotations

from html import escape

from ..i18n import _
from . import listed_evidence
from ..rules import Severity
from ..align import same_figure
from ..stories import copy_label, figure_rows, odd_one_out

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ccc; }
pre.text { white-space: pre-wrap; line-height: 1.7; background: #fafafa; padding: 1em; border: 1px solid #eee; }
mark { padding: 0 1px; } mark.error { background: #f8b4b4; } mark.warning { background: #fde68a; }
mark.info { background: #bfdbfe; }
ol.findings li { margin: .4em 0; } .code { font-family: monospace; font-weight: bold; }
.error .code, li.error .code { color: #b91c1c; } li.warning .code { color: #a16207; } li.info .code { color: #1d4ed8; }
.evidence { color: #555; font-size: .92em; } table { border-collapse: collapse; margin: .5em 0; }
td, th { border: 1px solid #ddd; padding: .2em .6em; } tr.differ td { background: #fee2e2; font-weight: bold; }
"""


def _text_with_marks(doc, found, number: int) -> str:
    """The report's original text, escaped, with one <mark> per finding (the first of
    findings that overlap), each linked to its entry in the list. ``number`` is the
    document's place in the report: ids must be the same in every run (not ``id(doc)``)."""
    parts, pos = [], 0
    for i, d in sorted(enumerate(found), key=lambda item: (item[1].span.start, -item[1].span.end)):
        s = d.span
        if s.start < pos or s.end <= s.start:
            continue
        parts.append(escape(doc.text[pos:s.start]))
        parts.append(f'<mark class="{d.severity.label}" id="m{number}-{i}" title="{escape(d.code)} '
                     f'{escape(d.name)}">{escape(doc.text[s.start:s.end])}</mark>')
        pos = s.end
    parts.append(escape(doc.text[pos:]))
    return "".join(parts)


def _finding(d) -> str:
    s = d.span
    items = [f'<span class="code">{escape(d.code)}</span> {escape(d.name)} '
             f'<span class="evidence">{escape(s.path)}:{s.line}:{s.column}</span><br>{escape(d.message)}']
    if d.suggestion:
        items.append(f"<br>{escape(_('建议：'))}{escape(d.suggestion)}")
    listed, more = listed_evidence(d)
    for r in listed:
        items.append(f'<br><span class="evidence">{escape(r.span.path)}:{r.span.line}:{r.span.column} '
                     f'{escape(r.message)} “{escape(r.span.text)}”</span>')
    if more:
        items.append(f'<br><span class="evidence">{escape(more)}</span>')
    return f'<li class="{d.severity.label}">{"".join(items)}</li>'


def _story(story) -> str:
    if len(story.documents) > 2:
        return _copies(story)
    a, b = story.documents[0], story.documents[1]
    rows = []
    for cp in story.alignments.get((a.path, b.path), []):
        for fp in cp.figures:
            if fp.a is None and fp.b is None:
                continue
            cells = [escape(f.text) if f is not None else "—" for f in (fp.a, fp.b)]
            metric = next((f.metric for f in (fp.a, fp.b) if f is not None and f.metric), "") or ""
            rows.append(f'<tr class="{"same" if fp.agree else "differ"}"><td>{cells[0]}</td><td>{cells[1]}</td>'
                        f"<td>{escape(metric)}</td><td>{'✓' if fp.agree else '✗'}</td></tr>")
    head = (f"<tr><th>{escape(copy_label(a.path))} {escape(a.path)}</th><th>{escape(copy_label(b.path))} "
            f"{escape(b.path)}</th><th>{escape(_('指标'))}</th><th></th></tr>")
    return (f"<h2>{escape(_('同一报道：'))}{escape(a.path)} / {escape(b.path)}</h2>"
            f"<table>{head}{''.join(rows)}</table>")


def _copies(story) -> str:
    """Three or more copies side by side, the odd one out of a row named in its last cell."""
    docs = story.documents
    rows = []
    for row in figure_rows(story):
        odd = odd_one_out(row)
        agree = all(f is None or same_figure(row[0], f) for f in row[1:])
        cells = "".join(f"<td>{escape(f.text) if f is not None else '—'}</td>" for f in row)
        metric = next((f.metric for f in row if f is not None and f.metric), "") or ""
        verdict = "✓" if agree else "✗ " + escape(copy_label(docs[odd].path)) if odd is not None else "✗"
        rows.append(f'<tr class="{"same" if agree else "differ"}">{cells}<td>{escape(metric)}</td>'
                    f"<td>{verdict}</td></tr>")
    head = "".join(f"<th>{escape(copy_label(d.path))} {escape(d.path)}</th>" for d in docs)
    return (f"<h2>{escape(_('同一报道：'))}{escape(' / '.join(d.path for d in docs))}</h2>"
            f"<table><tr>{head}<th>{escape(_('指标'))}</th><th></th></tr>{''.join(rows)}</table>")


def render(report) -> str:
    by_path: dict[str, list] = {}
    for d in report.diagnostics:
        by_path.setdefault(d.span.path, []).append(d)
    sections = []
    for number, doc in enumerate(report.documents):
        found = by_path.get(doc.path, [])
        count = _("{n} 处问题").format(n=len(found)) if found else _("未发现问题")
        section = [f'<h2>{escape(doc.path)} <small>{escape(count)}</small></h2>']
        if found:
            section.append(f'<ol class="findings">{"".join(_finding(d) for d in found)}</ol>')
            section.append(f'<pre class="text">{_text_with_marks(doc, found, number)}</pre>')
        sections.append("".join(section))
    for error in report.read_errors:
        sections.append(f"<h2>{escape(error.path)}</h2><p>{escape(_('无法读取'))}: {escape(error.reason)}</p>")
    sections += [_story(s) for s in report.stories if len(s.documents) >= 2]
    counts = "　".join(f"{escape(sev.label)} {report.count(sev)}"
                      for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f"<title>factcheck</title><style>{_STYLE}</style></head><body>"
            f"<h1>factcheck</h1><p>{counts}　{escape(_('{n} 个文件已检查').format(n=len(report.documents)))}</p>"
            f"{''.join(sections)}</body></html>")
