"""E: input problems."""
from __future__ import annotations

from factcheck.document import Span
from factcheck.rules import Context, Diagnostic, Rule, Scope, Severity


class UnreadableFile(Rule):
    code = "E001"
    name = "unreadable-file"
    severity = Severity.ERROR
    scope = Scope.CORPUS
    summary = "A file could not be read or decoded as text"
    explanation = """\
What it does: reports each input file that factcheck could not open or decode
(binary files, unknown encodings, missing files, no permission).

Why it matters: a file that is not read is not checked; in CI a silent skip
would let a broken article through.

What to do: save the file as UTF-8 text (GB18030/GBK and Big5 are also read),
or remove it from the paths given to factcheck."""

    def check_corpus(self, ctx: Context):
        for error in ctx.read_errors:
            span = Span(error.path, 0, 0, "", 1, 1, 1, 1)
            yield Diagnostic(self.code, self.name, self.severity,
                             f"无法读取文件：{error.reason}", span)


RULES = [UnreadableFile]
