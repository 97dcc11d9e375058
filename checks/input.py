"""E: input problems."""
from __future__ import annotations

from factcheck.document import Span
from factcheck.i18n import _
from factcheck.rules import Context, Diagnostic, Rule, Scope, Severity


class UnreadableFile(Rule):
    code = "E001"
    name = "unreadable-file"
    severity = Severity.ERROR
    scope = Scope.CORPUS
    summary = "文件无法读取或无法解码为文本"
    explanation = """\
作用：报告 factcheck 无法打开或解码的每个输入文件（二进制文件、无法识别的编码、不存在的文件、
没有读取权限）。
为何重要：没有读到的文件就没有被检查；在持续集成中悄悄跳过，会让有错的稿件通过。
如何判断：文件不能按 UTF-8（带或不带 BOM）、带 BOM 的 UTF-16、GB18030/GBK 或 Big5 解码时报告。
应改为：把文件另存为 UTF-8 文本，或不再把它交给 factcheck。"""

    def check_corpus(self, ctx: Context):
        for error in ctx.read_errors:
            span = Span(error.path, 0, 0, "", 1, 1, 1, 1)
            yield Diagnostic(self.code, self.name, self.severity,
                             _("无法读取文件：{reason}").format(reason=error.reason), span)


RULES = [UnreadableFile]
