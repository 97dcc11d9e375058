"""X: figures that contradict what was already published (the archive)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.align import same_figure
from factcheck.i18n import _
from factcheck.rules import Context, Related, Rule, Scope, Severity

if TYPE_CHECKING:
    from factcheck.archive import Published

MAX_RELATED = 3  # published reports cited per finding, the latest first


class ArchiveConflict(Rule):
    code = "X102"
    name = "archive-conflict"
    severity = Severity.WARNING
    scope = Scope.CORPUS
    summary = "稿件中的数字与已发布报道中同一地方、同一指标、同一时间的数字不同"
    explanation = """\
作用：用 factcheck check --against 档案库 检查稿件时，把稿件中的每个数字与档案库中已发布报道的数字对照：地方、指标（含其事件，如贫困村出列）、时间、是否累计、单位类别都相同，而数值（连同“余”“近”等修饰和写出的精度所允许的范围）与已发布的每一个都对不上，就报告它，并指出已发布报道的文件和行。
为何重要：同一地方的同一数字，今天的稿件与上个月发表的报道说法不同，至少一处是错的，或者是更新了的数据而稿件没有交代时间。
如何判断：只比较能确定地方和指标的数字（factcheck figures 的 key）；与某一篇已发布报道一致就不报告；档案库中与稿件内容完全相同的报道（同一哈希）不与稿件自身比较。档案库由 factcheck index 建立。
示例：已发布“白城市贫困人口20.1万人”，稿件作“白城市贫困人口21.1万人”。
应改为：核对原始材料；数据确已更新的，在稿件中写明时间（截至某年某月）。"""

    def check_corpus(self, ctx: Context):
        if ctx.archive is None:
            return
        from factcheck.archive import content_hash  # (sqlite3 and the archive: only for check --against)

        # each report's keyed figures as the cross-report rules read them: made with its
        # findings (by a worker, or kept in the cache), not extracted again here
        keyed = {doc.path: ctx.facts_of(doc).keyed for doc in ctx.documents}
        published = ctx.archive.published(k.key for found in keyed.values() for k in found)
        for doc in ctx.documents:
            digest = None
            for figure in keyed[doc.path]:
                stored = published.get(figure.key, ())
                if not stored:
                    continue
                digest = digest or content_hash(doc)  # (read again only where the archive holds the key)
                others = [p for p in stored if p.content_hash != digest]
                if others and not any(same_figure(figure, p) for p in others):
                    yield self._finding(doc, figure, others)

    def _finding(self, doc, figure, others: list[Published]):
        latest = {}  # the first figure of each report, reports the latest first (``others`` is by path, offset)
        for p in sorted(others, key=lambda p: p.report_date or "", reverse=True):
            latest.setdefault(p.path, p)
        cited = list(latest.values())[:MAX_RELATED]
        first = cited[0]
        return self.diagnostic(
            doc, figure.start, figure.end,
            _("“{draft}”与已发布的报道不同：{path}第{line}行作“{published}”").format(
                draft=figure.text, path=first.path, line=first.line, published=first.text),
            related=[Related(p.span, _("已发布（{date}）").format(date=p.report_date) if p.report_date else _("已发布"))
                     for p in cited])


RULES = [ArchiveConflict]
