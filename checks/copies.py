"""X: figures that disagree between copies of one story."""
from __future__ import annotations

from factcheck.figures import Figure
from factcheck.i18n import _
from factcheck.rules import Related, Rule, Scope, Severity
from factcheck.stories import copy_label, fused_pair

MIN_CLAUSE_SCORE = 85.0


def _difference(a: Figure, b: Figure) -> str:
    if a.unit != b.unit and abs(a.value - b.value) < 1e-9:
        return _("单位不同")
    if a.value and b.value:
        ratio = max(a.value, b.value) / min(a.value, b.value)
        for factor, words in ((1e4, _("相差一万倍（万与亿？）")), (1e8, _("相差一亿倍")), (1e3, _("相差一千倍"))):
            if abs(ratio - factor) / factor < 1e-6:
                return words
    return _("数值不同")


class FigureMismatch(Rule):
    code = "X101"
    name = "figure-mismatch"
    severity = Severity.ERROR
    scope = Scope.STORY
    summary = "The same passage carries different figures in two copies of a story"
    explanation = """\
What it does: aligns the passages of every two copies of one story (web page,
print page, wire copy, draft) and reports a figure that one copy writes
differently from the other: a retyped digit, 万 for 亿, a changed unit.

Why it matters: at most one of the two can be right, and the copies are
published under one byline.

How it decides: copies are found by text overlap (or named with --story);
passages are paired clause by clause despite re-ordering, passages in one copy
only, line breaks, spaces, punctuation width and quote marks. Figures written
in Chinese or Arabic numerals (四年, 4年) compare by value. A figure that is two
figures of the other copy fused is left to merged-figures.

Example: web 全区527名义务教育阶段贫困家庭学生 / print 全区572名…
Use instead: check the source and make both copies agree."""

    def check_story(self, story, ctx):
        docs = story.documents
        for i, a_doc in enumerate(docs):
            for b_doc in docs[i + 1:]:
                b_figures = ctx.figures_of(b_doc)
                for pair in story.alignments.get((a_doc.path, b_doc.path), []):
                    if pair.score < MIN_CLAUSE_SCORE:
                        continue
                    for fp in pair.figures:
                        a, b = fp.a, fp.b
                        if a is None or b is None or fp.agree or a.kind in ("date", "year", "ordinal", "other"):
                            continue
                        if fused_pair(a, b_figures) or fused_pair(b, ctx.figures_of(a_doc)):
                            continue
                        a_label, b_label = copy_label(a_doc.path), copy_label(b_doc.path)
                        yield self.diagnostic(
                            a_doc, a.start, a.end,
                            _("{a_copy}作“{a}”，{b_copy}作“{b}”：{difference}").format(
                                a_copy=a_label, a=a.text, b_copy=b_label, b=b.text, difference=_difference(a, b)),
                            related=[Related(b_doc.span(b.start, b.end), _("{copy}原文").format(copy=b_label))],
                            suggestion=None)


RULES = [FigureMismatch]
