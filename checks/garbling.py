"""G: text garbled on its way to print or web (fused figures, lost separators)."""
from __future__ import annotations

from factcheck.document import Document
from factcheck.figures import Figure
from factcheck.i18n import _
from factcheck.rules import Context, Related, Rule, Severity
from factcheck.stories import copy_label, fused_pair

# The most persons (or households) a report about a place of this level can
# plausibly count; a place-less report is taken to be about a country at most.
POPULATION_CAP = {"村": 5e4, "乡": 3e5, "镇": 3e5, "县": 3e6, "区": 5e6, "旗": 2e6,
                  "市": 3e7, "州": 2e7, "省": 1.3e8, "自治区": 1.3e8}
COUNTRY_CAP = 1.5e9
PERSON_UNITS = ("人", "名", "人次", "位", "口")
PERSONS_PER_HOUSEHOLD = (1.0, 6.0)


def population_cap(place: str | None) -> float:
    if place:
        for suffix, cap in POPULATION_CAP.items():
            if place.endswith(suffix):
                return cap
    return COUNTRY_CAP


def household_split(digits: str) -> tuple[str, str] | None:
    """The one way to cut a digit run into households and persons (1 to 6 a household)."""
    found = []
    for k in range(1, len(digits)):
        households, persons = digits[:k], digits[k:]
        if persons.startswith("0") or int(households) == 0:
            continue
        ratio = int(persons) / int(households)
        if PERSONS_PER_HOUSEHOLD[0] <= ratio <= PERSONS_PER_HOUSEHOLD[1]:
            found.append((households, persons))
    return found[0] if len(found) == 1 else None


def _copy_evidence(figure: Figure, doc: Document, ctx: Context):
    """(copy document, first figure, second figure) where a copy writes the two figures apart."""
    for copy in ctx.copies_of(doc):
        pair = fused_pair(figure, ctx.figures_of(copy))
        if pair:
            return copy, pair[0], pair[1]
    return None


class MergedFigures(Rule):
    code = "G101"
    name = "merged-figures"
    severity = Severity.ERROR
    summary = "Two figures fused into one digit run after a unit or separator was lost"
    explanation = """\
What it does: finds a run of digits that is two figures written together because
the unit or separator between them was lost, as 累计实现700112736人稳定脱贫 for
累计实现7001户12736人稳定脱贫 (7001 households, 12736 persons).

Why it matters: the fused number is wrong by orders of magnitude, and it is
the kind of error that readers quote.

How it decides: when another copy of the story writes two adjacent figures whose
digits together are this run, that copy is the evidence and the suggestion.
From one report alone it fires only when the count is implausible for the place
the report is about (more persons than a county has) and the digits split in
exactly one way into households and persons, 1 to 6 persons a household.

Example: 累计实现700112736人稳定脱贫
Use instead: 累计实现7001户12736人稳定脱贫"""

    def check_document(self, doc, figures, ctx):
        for f in figures:
            if len(f.digits) < 5 or not f.digits.isdigit() or f.kind not in ("count", "other"):
                continue
            evidence = _copy_evidence(f, doc, ctx)
            if evidence:
                copy, first, second = evidence
                written = copy.norm[first.start:second.end]
                label = copy_label(copy.path)
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”疑为两个数字粘连：{copy}作“{written}”").format(text=f.text, copy=label, written=written),
                    suggestion=written,
                    related=[Related(copy.span(first.start, second.end), _("{copy}原文").format(copy=label))])
                continue
            if f.unit not in PERSON_UNITS or f.value <= population_cap(f.place):
                continue
            split = household_split(f.digits)
            if split:
                households, persons = split
                suggestion = f"{households}户{persons}{f.unit}"
                yield self.diagnostic(
                    doc, f.start, f.end,
                    _("“{text}”对{place}而言不可能，疑为户数与人数粘连：“{suggestion}”").format(
                        text=f.text, place=f.place or _("一个国家"), suggestion=suggestion),
                    suggestion=suggestion, confidence=0.8)


SEPARATED_UNITS = {("户", "人"), ("户", "口"), ("户", "名")}
STOP_BETWEEN = "，、；。"


class MissingSeparator(Rule):
    code = "G102"
    name = "missing-separator"
    severity = Severity.ERROR
    summary = "Two figures abut with no punctuation between them"
    explanation = """\
What it does: finds a figure that runs straight into the next one with no
punctuation between, as 贫困村通屯硬化率达到100%76个村实现户户通 where the print
copy has 100%，76个村.

Why it matters: the reader cannot tell where one figure ends; 100%76 reads as a
single number.

How it decides: a percentage or an amount of money directly followed by a digit,
or two counts of the same classifier side by side (76个村88个村), is reported;
pairs that Chinese writes together on purpose (7001户12736人, 1个500千瓦,
2019年4月28日) are not. When another copy has the same two figures with a
separator between them, it is quoted.

Example: 硬化率达到100%76个村实现户户通
Use instead: 硬化率达到100%，76个村实现户户通"""

    def check_document(self, doc, figures, ctx):
        for first, second in zip(figures, figures[1:]):
            if second.start != first.end or not second.digits:
                continue
            if not self._suspect(first, second):
                continue
            separator, copy, related = "，", None, []
            for other in ctx.copies_of(doc):
                found = self._separated(first, second, ctx.figures_of(other), other)
                if found:
                    separator, start, end = found
                    copy = other
                    related = [Related(other.span(start, end), _("{copy}原文").format(copy=copy_label(other.path)))]
                    break
            suggestion = first.text + separator + second.text
            if copy:
                message = _("“{a}”与“{b}”之间缺少分隔符：{copy}作“{written}”").format(
                    a=first.text, b=second.text, copy=copy_label(copy.path), written=suggestion)
            else:
                message = _("“{a}”与“{b}”之间疑缺少分隔符，读者会把它们读成一个数").format(a=first.text, b=second.text)
            yield self.diagnostic(doc, first.start, second.end, message, suggestion=suggestion, related=related,
                                  severity=None if copy or first.kind in ("percent", "amount") else Severity.WARNING)

    @staticmethod
    def _suspect(first: Figure, second: Figure) -> bool:
        if first.kind in ("percent", "amount"):
            return True
        return (first.kind == "count" and first.unit == second.unit and first.unit is not None
                and (first.unit, second.unit) not in SEPARATED_UNITS)

    @staticmethod
    def _separated(first: Figure, second: Figure, others: list[Figure], other: Document):
        for a, b in zip(others, others[1:]):
            between = other.norm[a.end:b.start]
            if (a.value, a.unit, b.value, b.unit) == (first.value, first.unit, second.value, second.unit) \
                    and len(between) == 1 and between in STOP_BETWEEN:
                return between, a.start, b.end
        return None


RULES = [MergedFigures, MissingSeparator]
