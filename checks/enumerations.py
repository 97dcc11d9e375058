"""C: an announced count (“六个必须”, 4项任务, “四全”) that the enumeration it
announces does not match.

Only enumerations whose extent is unambiguous are counted: 一是…N是 or 第一…第N
markers after the count, a list after 分别是/分别为/包括 up to the end of the
clause or after a colon up to the end of the sentence, a parenthesised list
right after the counted noun, and a list right before a quoted count label. A list ending in 等 is open and never counted.
"""
from __future__ import annotations

import heapq
import re
from functools import lru_cache

from factcheck import document, lexicon
from factcheck.i18n import _
from factcheck.numbers import ORDINAL_CONGRESS, parse_numeral
from factcheck.rules import Related, Rule, Severity
from factcheck.segment import words

_CN_DIGITS = "一二两三四五六七八九十"
# A count that announces a list: a numeral and a classifier (两种, 六个, 4项, 三类).
_CLASSIFIER = f"(?:{lexicon.alternation('cues', 'announcing_classifiers')})"
COUNT_RE = re.compile(rf"(?<![0-9.{_CN_DIGITS}第])([{_CN_DIGITS}]{{1,3}}|[0-9]{{1,2}})(?![0-9.])({_CLASSIFIER})")
# The first character of a quoted label that starts with a count (“四全”, “六个必须”).
QUOTED_LABEL_RE = re.compile(rf"“([{_CN_DIGITS}]{{1,3}}|[0-9]{{1,2}})([^”“\s0-9{_CN_DIGITS}][^”“]{{0,8}})”")
# Those that can follow a list as its count: no other number in the label, no streak (“六连增”).
_COUNT_LABEL_RE = re.compile(rf"“([{_CN_DIGITS}]{{1,3}}|[0-9]{{1,2}})(?!连)([^”“\s0-9{_CN_DIGITS}][^”“0-9{_CN_DIGITS}]{{0,8}})”")
MAX_COUNT = 20
MAX_LABELLED_ITEM = 6  # 全覆盖包保、全员参战、全线出击、全程问效“四全”: a slogan's parts are short
MAX_LABEL_SPREAD = 2  # and differ in length by two characters at most
KEYWORD_RE = re.compile(r"分别是|分别为|包括|：")
_SEQUENCE_WORD = re.compile(lexicon.alternation("cues", "sequence_openers"))  # the first of items told in sentences
OPENERS = {"“": "”", "‘": "’", "「": "」", "《": "》", "（": "）", "(": ")", "[": "]"}
CONJUNCTIONS = ("以及", "和", "及", "与")
_LAST_ITEM_AFTER_COMMA = ("，以及", "，还有")  # a list whose last item follows a comma
OPEN_ENDINGS = ("等等", "等", "之类", "在内")
# Words written in brackets after a category noun as its siblings, as 5个县（市、区）,
# 乡镇（街道、社区）: a notation for the category, not a list of its members.
CATEGORY_WORDS = {"社区", "街道", "单位", "部门", "企业", "园区", "场站", "林场", "农场", "牧场", "团场",
                  "开发区", "管委会", "机构", "组织"}
ADMIN_SUFFIXES = "省市区县旗州盟乡镇村场"
# 一是…N是 and 第一，…第N， at the start of a clause (not 统一是, 第一书记).
# (The leading lookahead lets the engine reject most positions with one set test.)
MARKER_RE = re.compile(rf"(?=[第{_CN_DIGITS}])(?:^|(?<=[{document.CLAUSE_BREAKS}]))(第)?([{_CN_DIGITS}]{{1,3}})(?(1)[，、：是]|是)")


# The markers of MARKER_RE, found from the literal 第 or 是 they hold (MARKER_RE starts with
# a look-behind, so it is tried at every position): 第 at a clause start with one to three
# numerals and a mark; 是 after one to three numerals at a clause start.
_ORDINAL_MARKER = re.compile(rf"第(?<![^{document.CLAUSE_BREAKS}]第)([{_CN_DIGITS}]{{1,3}})[，、：是]")
_IS_MARKER = re.compile(rf"是(?<=[{_CN_DIGITS}]是)")


# A line that starts with its number: （一） (1) 一、 1、 1． (a digit after 1. may make it a decimal).
# Found from the line break (a pattern led by a literal is searched for quickly), the first line apart.
_LINE_NUMBER = (r"[ \t\u3000]*(?P<open>[（(])?(?P<n>[{digits}]{{1,3}}|[0-9]{{1,2}})"
                r"(?P<close>(?(open)[）)]|[、．.]))(?P<digit>[0-9])?").format(digits=_CN_DIGITS)
_NUMBERED_LINE = re.compile("\n" + _LINE_NUMBER)
_NUMBERED_FIRST_LINE = re.compile(_LINE_NUMBER)
_ENDS = ("。", "！", "？", "…", "”", "」", "』", "）", ")", "!", "?", ".")
# A first item inside a line (国际联播快讯：（1）…), after a mark or a character (the lookahead lets the
# engine skip to the few characters that can start one)
_FIRST_ITEM = re.compile(r"(?=[（(1一])(?P<open>[（(])?(?P<n>1|一)(?P<close>(?(open)[）)]|、))")
_BEFORE_FIRST_ITEM = re.compile(r"[：:，,。；;\u4e00-\u9fff]")


_ORDER = "一二三四五六七八九十"  # the numbers a list is numbered with, first to tenth


def _misnumbering(before: str, shown: str, repeated: bool) -> str:
    """The message for a number given twice (二是…二是) or one skipped (二是…四是)."""
    if repeated:
        return _("序号重复：“{before}”之后又是“{shown}”，疑序号有误或多出一段").format(before=before, shown=shown)
    return _("序号不连续：“{before}”之后是“{shown}”，疑序号有误或漏了一项").format(before=before, shown=shown)


def _markers(text: str) -> list[tuple[int, int, bool, int | None]]:
    """(start, end, whether with 第, value) of each match of MARKER_RE, in order."""
    found = [(m.start(), m.end(), True, marker_value(m.group(1))) for m in _ORDINAL_MARKER.finditer(text)]
    for m in _IS_MARKER.finditer(text):
        start = m.start() - 1
        while start > max(0, m.start() - 3) and text[start - 1] in _CN_DIGITS:
            start -= 1
        if start == 0 or text[start - 1] in document.CLAUSE_BREAKS:
            found.append((start, m.end(), False, marker_value(text[start:m.start()])))
    return sorted(found)


# A list announced before a heading may go on under headings (document.HEADING_LINE),
# so fewer items before one is no finding.
_HERE_FOLLOW = re.compile(r"以下|如下|下列")


_NUMERAL = re.compile(f"[0-9{_CN_DIGITS}]")
_CN_NUMERAL = re.compile(f"[{_CN_DIGITS}]")
_WORDS_QUOTED = re.compile(r"[\u4e00-\u9fff]*”?")
_NOT_WORDS = re.compile(r"[^\u4e00-\u9fff，”]")
_NUMBERED = re.compile(r"[（(]?[0-9一二三四五六七八九十]+[）)、.]")
_BRACKETED = re.compile(r"（([^（）]{2,80})）")
_NOT_A_LIST = re.compile(r"[，；。：0-9]|其中|包括|即|^(?:不?含|包含)")  # (三级医院（含军队和武警部队医院）: some, not all)
_NOT_A_NOUN = re.compile(rf"[^\u4e00-\u9fff]|[0-9{_CN_DIGITS}]")
_CLAUSE_BREAK = re.compile(f"[{document.CLAUSE_BREAKS}]")


def _may_list(body: str) -> bool:
    """Whether list_items can find two items in ``body``: a 、 or a conjunction is needed."""
    return "、" in body or "和" in body or "及" in body or "与" in body


def count_value(numeral: str) -> int | None:
    value = parse_numeral(numeral)
    if value is None or not float(value).is_integer() or not 2 <= value <= MAX_COUNT:
        return None
    return int(value)


def marker_value(numeral: str) -> int | None:
    value = parse_numeral(numeral)
    return int(value) if value is not None and float(value).is_integer() else None


def split_top(text: str, seps: str = "、") -> list[tuple[int, int]]:
    """(start, end) of the pieces of text between separators outside quotes and brackets."""
    pieces, start, closers = [], 0, []
    for i, ch in enumerate(text):
        if closers and ch == closers[-1]:
            closers.pop()
        elif ch in OPENERS:
            closers.append(OPENERS[ch])
        elif ch in seps and not closers:
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(text)))
    return pieces


@lru_cache(maxsize=4096)
def _last_item_words(item: str) -> tuple[int | None, bool]:
    """In the last piece of a list: the offset of the conjunction that splits it in two
    (卫生整治和住房修缮), if any, and whether it holds 等 (…美化等巩固提升: an open list)."""
    if not any(c in item for c in "和及与等"):
        return None, False
    pos, found, open_list = 0, None, False
    for word in words(item):
        if word in CONJUNCTIONS and pos > 0 and pos + len(word) < len(item) \
                and not (word in ("与", "和") and _CO_AGENT.search(item, pos + len(word))):
            found = pos
        open_list = open_list or word in ("等", "等等")
        pos += len(word)
    return found, open_list


# 钓鱼台医药集团与中国中医科学院合作的中医实验中心: 与 names a partner of one item, not the next item
_CO_AGENT = re.compile(lexicon.alternation("cues", "co_agent_verbs"))


def list_items(text: str, pieces: list[tuple[int, int]] | None = None) -> list[tuple[int, int]] | None:
    """Items of a list (split on 、 and a final 和/及/与), or None when the list is open (…等).
    ``pieces``: the non-blank pieces of split_top(text), where the caller has them."""
    text_stripped = text.rstrip()
    if text_stripped.endswith(OPEN_ENDINGS) or text_stripped.endswith("……"):
        return None
    pieces = [(s, e) for s, e in (split_top(text) if pieces is None else pieces) if text[s:e].strip()]
    if not pieces:
        return []
    s, e = pieces[-1]
    cut, open_list = _last_item_words(text[s:e])
    if open_list:
        return None
    if cut is not None:
        word = next(w for w in CONJUNCTIONS if text.startswith(w, s + cut))
        if not text[s:s + cut].strip() or not text[s + cut + len(word):e].strip():
            return None  # 甲乙及⏎）: a list cut short at its conjunction is no count of items
        if not _breaks_parallel(text, pieces, s + cut + len(word)):
            pieces[-1:] = [(s, s + cut), (s + cut + len(word), e)]
    if any(text[a:b].rstrip().endswith(OPEN_ENDINGS) for a, b in pieces):
        return None
    return pieces


def _breaks_parallel(text: str, pieces: list[tuple[int, int]], after: int) -> bool:
    """Whether the words after the last item's conjunction break a parallel list: every item
    starts with the same word, and they do not (聚焦A、聚焦B、聚焦提高领导水平和长期执政能力 is
    three items; 聚焦A、聚焦B和聚焦C is three too)."""
    if len(pieces) < 3:
        return False
    head = text[pieces[0][0]:pieces[0][0] + 2]
    if not all("\u4e00" <= c <= "\u9fff" for c in head):
        return False  # 50.2%、50.8%、50.9%和51.3%: figures alike in their first digits are no repeated word
    return len(head) == 2 and all(text.startswith(head, a) for a, _b in pieces) and not text.startswith(head, after)


def clause_start(text: str, pos: int, level: str = "clause", limit: int = 300) -> int:
    """Just after the last break within ``limit`` characters before ``pos``, else that limit."""
    return document.clause_start(text, pos, level, max(0, pos - limit))


def clause_end(text: str, pos: int, level: str = "clause", limit: int = 300) -> int:
    """The first break within ``limit`` characters from ``pos``, else that limit."""
    return document.clause_end(text, pos, level, pos + limit)


def _verdict(k: int, n: int) -> str:
    if n < k:
        return _("或数目有误，或漏列了{d}项").format(d=k - n)
    return _("或数目有误，或多列了{d}项").format(d=n - k)


def _excerpt(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size - 2] + "……"


def _no_count_at(text: str, start: int) -> bool:
    """两不愁三保障, 三下沉、两提高: a count glued to another count is a slogan, not a list head;
    党的二十大: a congress, numbered, not counted."""
    return _CN_NUMERAL.search(text, max(0, start - 3), start) is not None \
        or ORDINAL_CONGRESS.match(text, start) is not None


def _before_breaks(text: str, pos: int) -> int:
    """Where the breaks just before ``pos`` (a list marker's) begin."""
    while pos > 0 and text[pos - 1] in "\n。；，：":
        pos -= 1
    return pos


def _is_subject(text: str, start: int, end: int) -> bool:
    """Whether the quoted label holding the count [start, end) is the subject of a 是 that
    says something of it (“两个结合”是我们取得成功的最大法宝), not an announced list's head."""
    if text[start - 1:start] != "“":
        return False
    close = text.find("”", end, end + 10)
    return close >= 0 and text.startswith("是", close + 1) and text[close + 2:close + 3] not in ("：", ":", "")


class EnumerationCount(Rule):
    code = "C105"
    name = "enumeration-count"
    severity = Severity.WARNING
    summary = "宣布的数目与其后列举的项数不符，或列举的序号跳号、重复"
    explanation = """\
作用：找出宣布了数目、但列举的项数与之不符的地方，如“着力抓好‘六个必须’”之后只有“一是”到“五是”。

为何重要：数目与列举不符，或是数字写错，或是排版、转载时漏掉（或多出）了一项；读者一数就会发现。

如何判断：只数边界明确的列举：数目之后的“一是……N是”“第一……第N”，数目之后“分别是/分别为/包括”引出、到分句末为止的“A、B和C”，数目之后冒号引出、到句末为止的列举（“六个精准”：扶贫对象精准、……；各项以分号隔开时按分号数，分行也可），紧跟在所计名词后的括号列举（76名三类人员（乡镇站办所长、村书记、大学生村官）），以及紧挨带引号的数目标签之前的列举（全覆盖包保、全员参战、全线出击、全程问效“四全”攻略）。项目按顿号和最后一个“和/及/与”（或逗号后的“以及”“还有”）切分，引号和括号里的标点不算，“B与C合作的D”这样引出合作方的“与”“和”不算；冒号之后以“首先”“其一”“一方面”开头、一句一项的，不按句中的顿号数；以“等”结尾的列举是开放的，不数；“5个县（市、区）”是类别写法，不是列举；以“含”起头的括号只列出其中一部分（“三级医院（含军队和武警部队医院）”），也不数。同一段里“一是……二是……四是”（或“第一……第二……第四”）跳了号，或“二是……二是”重复了号，也报（只作“提示”：序号错了，数字本身没有错）；段中还有另一个“一是”（“其中一是”）时，可能是一项里套着另一组列举，不报。按行编号的标题和条目（“（一）（二）（四）”“一、二、二、”“1. 2. 4.”）也一样：每种编号各自连续，新的“（一）”“1.”重新开始；行中间的“（1）”“1、”（“国际联播快讯：（1）……”）也另起一组，从下一行起再核对；按固定行宽折行的文本（PDF）不看行首编号，因为折行时编号所在的行已与上一行连在一起；全文在列举的最后一项中途断开的（网页摘录），少列的项不报；只报少了一个号或同一个号写了两次的（少了几个号的多半是另一套编号）；“6.10月份……”这样编号后紧跟数字的行不知是编号还是小数，不算；缺的号出现在中间某行开头（少了点号的“6【……】”）时也不报。

示例：明确包户干部4项任务，分别是庭院经济、围墙整理和卫生整治。

应改为：明确包户干部4项任务，分别是庭院经济、围墙整理、卫生整治和住房内部设施修缮。"""

    def check_document(self, doc, figures, ctx):
        text = doc.norm
        seen: set[int] = set()
        for finding in (*self._series(text), *self._after_keyword(text), *self._bracketed(text),
                        *self._before_label(text), *(() if doc.wrapped else self._numbered_lines(text))):
            start, end, related, message, severity = finding
            if start in seen:
                continue
            seen.add(start)
            yield self.diagnostic(doc, start, end, message, severity=severity,
                                  related=[Related(doc.span(*related), _("列举"))])

    # 一是…N是, 第一…第N
    def _series(self, text):
        markers = _markers(text)
        for i, (start, _end, kind, value) in enumerate(markers):
            if value != 1:
                continue
            n, last, clean, restart = 1, markers[i], True, None
            for later in markers[i + 1:]:
                if later[2] != kind:
                    continue
                if later[3] == 1 or later[0] - last[1] > 3000:
                    restart = later[0] if later[3] == 1 else None
                    break
                if later[3] != n + 1:
                    clean = False  # 一是…二是…二是: a nested or broken list; its extent is unclear
                    skipped = self._misnumbered(text, last, later, n)
                    paragraph = (text.rfind("\n", 0, start) + 1, text.find("\n", start) % (len(text) + 1))
                    if skipped and text.count("第一" if kind else "一是", *paragraph) == 1:
                        # (with a second 一是 in the paragraph, even one inside a clause (其中一是),
                        # one list may be nested in another)
                        yield skipped
                    break
                n, last = n + 1, later
            if not clean:
                continue
            count = self._announced_before(text, start)
            if count is None or n < 2:
                continue
            cstart, cend, k = count
            if k != n and any(count_value(c.group(1)) == n for c in COUNT_RE.finditer(text, max(0, cstart - 6), cstart)
                              if c.end() == cstart):
                continue  # 5方面20项重点任务：一是…五是: the list counts the outer of two counts
            if k > n and "\n" not in text[last[1]:].rstrip() and not text.rstrip().endswith(_ENDS):
                continue  # the text breaks off in the list's last item (an excerpt): the rest were cut
            if k > n and restart is not None and restart - last[1] < 600:
                continue  # 4方面原因：从长期来看，一是…二是…；从短期来看，一是…二是…
            if k > n and (document.HEADING_LINE.search(text, text.find("\n", last[1]) + 1 or len(text), last[1] + 800) or _HERE_FOLLOW.search(text, cstart - 3, cstart)):
                continue  # 以下四个方面：一是…二是…, then a heading: the rest go on under headings
            if k != n:
                shown = text[last[0]:last[1]].rstrip("，、：")
                # A count that more clauses follow in its sentence (做到“两个维护”，坚持…，巩固…)
                # names a thing in passing; whether it announces the list is no more than a guess.
                # So does a quoted label that is what its sentence is about (“两个结合”是…最大法宝。第一，…).
                passing = _CLAUSE_BREAK.search(text, cend, _before_breaks(text, start)) is not None \
                    or _is_subject(text, cstart, cend)
                yield (cstart, cend, (last[0], last[1] - (1 if kind else 0)),
                       _("宣布“{count}”，但其后列举了{n}项（至“{last}”）：{verdict}").format(
                           count=text[cstart:cend], last=shown, n=n, verdict=_verdict(k, n)),
                       Severity.INFO if passing else None)

    @staticmethod
    def _numbered_lines(text):
        """Lines numbered （一）（二）（四） or 一、二、二、: a number skipped or given twice, in each
        style of numbering on its own (a new 1 starts a new list, as under each higher heading).
        Not in hard-wrapped text, whose line starts the normalised view has partly joined."""
        lines = [m for m in (_NUMBERED_FIRST_LINE.match(text),) if m] + list(_NUMBERED_LINE.finditer(text))
        if len(lines) < 2:
            return
        last: dict[str, tuple[int, int, int]] = {}  # style -> (start, end, value) of its last line
        # a first item may open a list inside a line (国际联播快讯：（1）…⏎（2）…): what follows is
        # another list, checked from its next line on (统一、 looks the same, so nothing more is read)
        firsts = [m for m in _FIRST_ITEM.finditer(text) if m.start() and _BEFORE_FIRST_ITEM.match(text, m.start() - 1)]
        for m in heapq.merge(firsts, lines, key=lambda m: m.start("n")):
            style = (m.group("open") or "") + m.group("close") + ("0" if m.group("n").isdigit() else "一")
            if m.re is _FIRST_ITEM:
                last[style] = (m.start(), m.end(), None)
                continue
            value = int(m.group("n")) if m.group("n").isdigit() else marker_value(m.group("n"))
            if m.group("digit") and m.group("close") in ".．":
                value = None  # 6.10月份国民经济… or a wrapped 5.2万吨: which, the line cannot tell
            begin = m.start("open") if m.group("open") else m.start("n")
            before = last.get(style)
            last[style] = (begin, m.end("close"), value)
            if before is None or value in (None, 1) or before[2] is None or value not in (before[2], before[2] + 2):
                continue  # (a new 1 starts a new list; a gap of more than one number is another numbering)
            missing = before[2] + 1
            numeral = str(missing) if m.group("n").isdigit() else _ORDER[missing - 1:missing] or "_"
            between = text[before[1]:begin]
            if value > missing and (re.search(rf"(?m)^[ \t\u3000]*{numeral}(?![0-9）)、．.])", between)
                                    or re.search(rf"(?<![0-9]){re.escape((m.group('open') or '') + numeral + m.group('close'))}(?![0-9])",
                                                 between)):
                continue  # 5.…⏎6【…】⏎7.: the missing number is there without its mark, or inside a line (。（三）…)
            yield (begin, m.end("close"), (before[0], before[1]),
                   _misnumbering(text[before[0]:before[1]], text[begin:m.end("close")], value == before[2]), Severity.INFO)

    @staticmethod
    def _misnumbered(text, last, later, n):
        """一是…二是…四是 or 一是…二是…二是 inside one paragraph: a number skipped or given twice."""
        if later[3] not in (n, n + 2) or "\n" in text[last[1]:later[0]]:
            return None
        if later[3] == n + 2 and n < 9 and re.search(f"[{document.CLAUSE_BREAKS}]第?{_ORDER[n]}(?![是十])",
                                                       text[last[1]:later[0]]):
            return None  # 三是…。四投入386万元…。五是: the missing number is there, without its 是
        return (later[0], later[1] - (1 if later[2] else 0), (last[0], last[1] - (1 if last[2] else 0)),
                _misnumbering(text[last[0]:last[1]].rstrip("，、："), text[later[0]:later[1]].rstrip("，、："), later[3] == n),
                Severity.INFO)

    @staticmethod
    def _announced_before(text, marker):
        """The count announcing the list at ``marker``: the last count of the sentence before it."""
        i = _before_breaks(text, marker)
        begin = clause_start(text, i, "sentence")
        window = text[begin:i]
        if text[i:i + 1] == "：":
            window_start = max(window.rfind("，"), window.rfind("；")) + 1
        else:
            window_start = 0
        found = None
        for m in COUNT_RE.finditer(window, window_start):
            k = count_value(m.group(1))
            quoted = window[:m.start()].endswith("“")
            chinese = not m.group(1).isdigit()
            if k and (quoted or chinese or m.group(2) in ("项", "方面", "个方面", "条", "点", "大")) \
                    and not _no_count_at(window, m.start()):
                found = (begin + m.start(), begin + m.end(), k)
        if found and _HERE_FOLLOW.search(text, found[1], i):
            return None  # the list is announced by 以下, not by the count
        return found

    # 4项任务，分别是A、B、C和D / “六个精准”：A、B、C / “七个坚持”：A；B；C。
    def _after_keyword(self, text):
        for m in KEYWORD_RE.finditer(text):
            if not _NUMERAL.search(text, max(0, m.start() - 25), m.start()):
                continue  # no count can stand before it
            colon = m.group() == "："
            c = None
            for c in COUNT_RE.finditer(text, clause_start(text, m.start(), "sentence", limit=25), m.start()):
                pass
            if c is None or text[c.start() - 1:c.start()] == "、" or _no_count_at(text, c.start()):
                continue
            k = count_value(c.group(1))
            between = text[c.end():m.start()]
            if colon:
                ok = len(between) <= 8 and _WORDS_QUOTED.fullmatch(between)
            else:
                ok = len(between) <= 15 and between.count("，") <= 1 and not _NOT_WORDS.search(between)
            if k is None or not ok or _NUMERAL.search(between) or _HERE_FOLLOW.search(text, c.start() - 3, c.start()):
                continue  # 把握好以下4条：一要…。…: the list goes on past the sentence
            if colon:
                end = clause_end(text, m.end(), "sentence")
                body = text[m.end():end]
                if MARKER_RE.match(body) or _NUMBERED.match(body) or _SEQUENCE_WORD.match(body) or "，" in body:
                    # 一是…, （一）…: numbered items, counted by the series check; 首先是…。其次是…。第三是…:
                    # items a sentence each, the first only after the colon; a comma: a sentence
                    continue
                if text[end:end + 1] == "；":  # 报告分为3个部分：A和B；C；D。: the items are the clauses
                    first = list_items(body) if _may_list(body) else None
                    if first and len(first) == k:
                        continue  # 六个稳：稳就业、…、稳预期；八字方针：…: the list is the first clause
                    end = clause_end(text, m.end(), "full")
                    for _line in range(MAX_COUNT):  # one a line, as a print copy may break them after ；
                        if text[end - 1:end + 1] != "；\n":
                            break
                        end = clause_end(text, end + 1, "full")
                    body = text[m.end():end]
                    items = [(a, b) for a, b in split_top(body, "；") if body[a:b].strip()]
                else:
                    items = list_items(body) if _may_list(body) else None
            else:
                if text.startswith("：", m.end()):
                    continue  # 6项措施包括：…: the colon's list, to the end of the sentence
                end = clause_end(text, m.end())
                if text.startswith(_LAST_ITEM_AFTER_COMMA, end):  # A、B、C，以及D: the list's last item
                    end = clause_end(text, end + 1)
                body = text[m.end():end]
                items = list_items(body) if _may_list(body) else None
            if not items or len(items) < 2 or len(items) == k:
                continue
            # 包括 may name only some of them; and where the count matches the list but for
            # the cut at its last conjunction, that 和 may join one item's words (电气机械和器材,
            # 宜居宜业和美乡村): no more than a hint either way.
            cut_one_more = len(items) == k + 1 and sum(1 for a, b in split_top(body) if body[a:b].strip()) == k
            severity = Severity.INFO if m.group() == "包括" and len(items) < k or cut_one_more else None
            yield (c.start(), c.end(), (m.end(), end),
                   _("“{count}”与其后列举的{n}项不符（“{items}”）：{verdict}").format(
                       count=c.group(), n=len(items), items=_excerpt(body), verdict=_verdict(k, len(items))), severity)

    # 76名三类人员（乡镇站办所长、村书记、大学生村官）
    def _bracketed(self, text):
        for m in _BRACKETED.finditer(text):
            head_start = m.start()
            body = m.group(1)
            if _NOT_A_LIST.search(body) or not _may_list(body) or not _NUMERAL.search(text, max(0, head_start - 12), head_start):
                continue  # (a count needs a numeral)
            c = None
            for c in COUNT_RE.finditer(text, max(0, head_start - 12), head_start):
                pass
            if c is None:
                continue
            noun = text[c.end():head_start]
            k = count_value(c.group(1))
            if k is None or _NOT_A_NOUN.search(noun) or len(noun) > 8 \
                    or _no_count_at(text, c.start()):
                continue
            items = list_items(body)
            if not items or len(items) < 2 or len(items) == k:
                continue
            names = [body[a:b].strip() for a, b in items]
            if all(len(w) == 1 or w in CATEGORY_WORDS or len(w) <= 3 and w[-1] in ADMIN_SUFFIXES for w in names):
                continue
            yield (c.start(), c.end(), (m.start() + 1, m.end() - 1),
                   _("“{count}”与括号中列举的{n}项不符（“{items}”）：{verdict}").format(
                       count=c.group(), n=len(items), items=_excerpt(body), verdict=_verdict(k, len(items))), None)

    # 全覆盖包保、全员参战、全线出击、全程问效“四全”攻略
    def _before_label(self, text):
        for m in _COUNT_LABEL_RE.finditer(text):
            # the cheapest tests first: most quoted labels have no list before them
            k = count_value(m.group(1))
            if k is None or _no_count_at(text, m.start()):
                continue
            # the clause before lies within 300 characters, and begins after its last break
            last_item_break = text.rfind("、", max(0, m.start() - 300), m.start())
            if last_item_break < 0 or _CLAUSE_BREAK.search(text, last_item_break, m.start()):
                continue
            begin = clause_start(text, m.start())
            body = text[begin:m.start()]
            if "、" not in body or not body or not (body[-1] == "”" or "\u4e00" <= body[-1] <= "\u9fff"):
                continue
            # The tests below on the items that list_items can tell before the last piece is cut
            # at its conjunction, which needs the word segmentation: all pieces but the last are items.
            pieces = [(a, b) for a, b in split_top(body) if body[a:b].strip()]
            *firsts, (s, e) = pieces
            if any(b - a > MAX_LABELLED_ITEM or QUOTED_LABEL_RE.search(body[a:b]) or COUNT_RE.search(body, a, b)
                   for a, b in firsts):
                continue
            last = body[s:e]
            if len(last) > MAX_LABELLED_ITEM and (len(last) > 2 * MAX_LABELLED_ITEM + 2  # a part of it stays too long
                                                  or "和" not in last and "及" not in last and "与" not in last):
                continue
            items = list_items(body, pieces)
            if not items or len(items) < 2 or len(items) == k:
                continue
            if any(QUOTED_LABEL_RE.search(body[a:b]) for a, b in items):
                continue  # “四个意识”、“四个自信”、做到“两个维护”: the label is one item of the list
            if items[-1][1] - items[-1][0] < 2:
                continue  # 工作队员和村“两委”干部: the label is part of the last item
            if max(b - a for a, b in items) > MAX_LABELLED_ITEM or any(COUNT_RE.search(body, a, b) for a, b in items):
                continue  # long items are a sentence, and counted ones (增强四个意识) other slogans
            if max(b - a for a, b in items) - min(b - a for a, b in items) > MAX_LABEL_SPREAD:
                continue  # 引导广大党员、干部、群众深刻领悟“两个确立”: a slogan's parts are alike in length
            if not set(m.group(2).lstrip("个大项条类种")).intersection(*(body[a:b] for a, b in items)):
                continue  # 及时发现、着力解决“七个有之”问题: a label names what its parts share (四全: 全)
            yield (m.start() + 1, m.start() + 1 + len(m.group(1)) + 1, (begin, m.start()),
                   _("“{label}”与其前列举的{n}项不符（“{items}”）：{verdict}").format(
                       label=m.group()[1:-1], n=len(items), items=_excerpt(body), verdict=_verdict(k, len(items))), None)


RULES = [EnumerationCount]
