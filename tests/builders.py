"""Real PDF, Word and HTML files for the reader tests, built from report text in
the test itself (no binary fixtures in the repository).

PDFs use reportlab's built-in CID font STSong-Light (Adobe-GB1), which needs
no font file, so CJK text is drawn without a system font package.
"""
from __future__ import annotations

import io
import random
import re
from html import escape
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


# --- PDF ---------------------------------------------------------------------------

def _canvas():
    reportlab = pytest.importorskip("reportlab", reason="reportlab (a test extra) builds the test PDFs")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    try:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    except Exception as exc:  # pragma: no cover - reportlab without its CID font data
        pytest.skip(f"reportlab {reportlab.Version} has no CJK CID font STSong-Light: {exc}")
    buffer = io.BytesIO()
    return canvas.Canvas(buffer, pagesize=(595, 842)), buffer


def pdf_columns(lines: list[str], *, columns: int = 3, per_column: int = 45, size: float = 9,
                headline: str | None = None, header: str | None = None, footer: str | None = None) -> bytes:
    """A print page: the lines set in newspaper columns (read top to bottom, left to
    right), as many pages as they need, with an optional headline spanning the columns
    of the first page. Blank lines leave a blank line in the column, as in the sample.
    ``header`` and ``footer`` are drawn at every page's top and bottom edge, with
    ``{page}`` standing for the page's number."""
    c, buffer = _canvas()
    width, height = 595, 842
    step = (width - 60) / columns
    i, first, page = 0, True, 0
    while i < len(lines):
        page += 1
        for text, y in ((header, height - 36), (footer, 30)):
            if text:
                c.setFont("STSong-Light", size)
                c.drawString(30, y, text.format(page=page))
        top = height - 60
        if first and headline:
            c.setFont("STSong-Light", 2 * size)
            c.drawString(30, top, headline)
            top -= 4 * size
        first = False
        for col in range(columns):
            y = top
            for _ in range(per_column):
                if i >= len(lines):
                    break
                c.setFont("STSong-Light", size)
                c.drawString(30 + col * step, y, lines[i])
                y -= 1.6 * size
                i += 1
        c.showPage()
    c.save()
    return buffer.getvalue()


def pdf_letter_spaced(lines: list[str], char_space: float, size: float = 10) -> bytes:
    """Lines set with extra space between every character, as justified newspaper
    columns are (reportlab's Tc operator)."""
    c, buffer = _canvas()
    text = c.beginText(40, 760)
    text.setFont("STSong-Light", size)
    text.setCharSpace(char_space)
    for line in lines:
        text.textLine(line)
    c.drawText(text)
    c.showPage()
    c.save()
    return buffer.getvalue()


def pdf_scanned() -> bytes:
    """A 'scanned' page: only graphics (a grey page image stand-in and rules), no text layer."""
    c, buffer = _canvas()
    c.setFillGray(0.85)
    c.rect(40, 60, 515, 720, fill=1, stroke=0)
    for y in range(100, 760, 14):
        c.setStrokeGray(0.3)
        c.line(60, y, 530, y)
    c.showPage()
    c.save()
    return buffer.getvalue()


# --- DOCX --------------------------------------------------------------------------

def docx_paragraphs(paragraphs: list[str]):
    """A python-docx Document with one paragraph per line (not saved yet)."""
    docx = pytest.importorskip("docx", reason="python-docx builds the test Word files")
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return document


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tracked(paragraph, kind: str, text: str, author: str = "编辑") -> None:
    """Append a run of ``text`` to ``paragraph`` inside a tracked-change element,
    as Word writes it: <w:ins> with <w:t>, or <w:del> with <w:delText>."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tag = "delText" if kind in ("del", "moveFrom") else "t"
    xml = (f'<w:{kind} {nsdecls("w")} w:id="{abs(hash((kind, text))) % 10000}" w:author="{author}" '
           f'w:date="2020-03-24T10:00:00Z"><w:r><w:{tag} xml:space="preserve">{escape(text)}</w:{tag}>'
           f"</w:r></w:{kind}>")
    paragraph._p.append(parse_xml(xml))


def raw_runs(paragraph, xml: str) -> None:
    """Append raw WordprocessingML (runs, fields) to a paragraph."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    wrapper = parse_xml(f'<w:p {nsdecls("w")}>{xml}</w:p>')
    for child in list(wrapper):
        paragraph._p.append(child)


# --- HTML --------------------------------------------------------------------------

def html_page(title: str, paragraphs: list[str], *, nav: list[str] = (), info: str = "",
              footer: list[str] = (), head: str = "", extra_body: str = "", charset: str = "utf-8") -> str:
    """A news site's article page: navigation, share buttons, related links and a
    footer around the article body, as content management systems print them."""
    links = "".join(f'<li><a href="/c/{i}.html">{escape(w)}</a></li>' for i, w in enumerate(nav))
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    foot = "".join(f"<p>{escape(p)}</p>" for p in footer)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>{escape(title)}_白城市人民政府</title>
<script>var _hmt = _hmt || []; document.write("统计代码 99999人");</script>{head}
<link rel="stylesheet" href="/css/main.css"></head>
<body>
<header><div class="logo">白城市人民政府</div><nav class="menu"><ul>{links}</ul></nav></header>
<div class="breadcrumb">首页 &gt; 新闻中心 &gt; 县区动态</div>
<main><article class="content">
<h1>{escape(title)}</h1>
<div class="info">{escape(info)}</div>
<div class="share-buttons"><a class="share weixin" href="#">分享到微信</a><a class="share weibo" href="#">分享到微博</a><a class="fav" href="#">收藏</a></div>
<div class="article-body">
{body}
{extra_body}
</div>
<div class="share-buttons bottom"><span>分享到：</span><a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</article>
<aside class="related"><h3>相关新闻</h3><ul><li><a href="/n/1.html">镇赉县2020年完成投资12.5亿元</a></li><li><a href="/n/2.html">通榆县3个贫困村出列</a></li></ul></aside>
</main>
<footer>{foot}</footer>
</body></html>"""


def web_copy_parts(text: str) -> tuple[list[str], str, str, list[str], list[str]]:
    """Split the saved web copy (samples/*.web.txt) into the page's parts:
    (navigation words, info line, title, article paragraphs, footer lines).
    The saved text is the page as a browser copies it: navigation, the date
    line and a 收藏 button first, the footer (主办:…) last."""
    lines = text.split("\n")
    nav, info = lines[0].split(), lines[1]
    footer_at = next(i for i, ln in enumerate(lines) if ln.startswith("主办"))
    title = next(ln for ln in lines[3:] if ln.strip())
    article = [ln for ln in lines[lines.index(title) + 1:footer_at] if ln.strip(" \u00a0")]
    footer = [ln for ln in lines[footer_at:] if ln.strip()]
    return nav, info, title, article, footer


def article_paragraphs(text: str) -> list[str]:
    return [re.sub(r"\s+$", "", p) for p in web_copy_parts(text)[3]]


# --- hostile inputs (tests/test_bounded.py, bench/hostile.py) ---------------------------

def big_text(megabytes: float, seed: int = 11) -> str:
    """The samples' paragraphs over and over, each figure re-drawn, to ``megabytes`` of UTF-8."""
    rng = random.Random(seed)
    paragraphs = [p for path in sorted(SAMPLES.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n")
                  if p.strip()]
    parts, size = [], 0
    while size < megabytes * 1e6:
        p = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), rng.choice(paragraphs))
        parts.append(p)
        size += len(p.encode("utf-8")) + 1
    return "\n".join(parts) + "\n"


STORY = (SAMPLES / "taobei-2020-03-25.web.txt").read_text(encoding="utf-8")
HOSTILE_SENTENCE = "累计实现7001户12736人稳定脱贫，53个贫困村出列，贫困发生率由12.5%降至0.8%。"


def write_input(folder: Path, name: str, text: str | tuple[str, ...]) -> Path:
    """The file ``name`` holding ``text``, or the folder ``name`` holding each of ``text`` as a copy."""
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.mkdir()
        for k, copy in enumerate(text):
            (path / f"copy{k}.txt").write_text(copy, encoding="utf-8")
    return path


def hostile_inputs() -> dict[str, tuple[str, str | tuple[str, ...]]]:
    """name -> (file name, text) of each input that once took seconds to minutes (issue 10), or
    (folder name, texts) for copies of one story; bench/hostile.py adds big_text(20) and big_text(50)."""
    inputs = {
        "zeros": ("zeros.txt", "增长" + "0" * 60_000 + "元。"),
        "digits": ("digits.txt", "数字" + "1234567890" * 6_000 + "。"),
        "digit-commas": ("digit-commas.txt", "共" + "1,000" * 12_000 + "元。"),
        # numbers listed with the full-width comma, each of three digits (a number's start was
        # tried as a grouped number before a decimal point from every one of them: 43 s)
        "wide-commas": ("wide-commas.txt", "分别为1" + "，250" * 30_000 + "人。"),
        # a name-like traditional character, then its simplified form: each was searched for
        # through the whole text (7.7 s)
        "script-names": ("script-names.txt", "全縣" * 30_000 + "全县" * 30_000),
        "averages": ("averages.txt", "".join(f"人均收入{1000 + i}元，" for i in range(6_000)) + "人均收入1元。"),
        "parts": ("parts.txt", "全县共有1000000人，其中" + "、".join(f"{i}村{i % 97 + 1}人" for i in range(11_000)) + "。"),
        "repeated": ("repeated.txt", HOSTILE_SENTENCE * 2_200),
        "md-lt": ("lt.md", "<" * 100_000),
        "md-link": ("link.md", "](" * 50_000),
        "same-count": ("same-count.txt", "".join(f"第{i}段说全县共有贫困村82个。" for i in range(4_000))),
        "average-bases": ("average-bases.txt",
                          "".join(f"全市有{384 + i}个贫困村。贫困村发展党员{2 * (384 + i)}名，平均每个村2名。" for i in range(3_000))),
        # one sentence each, as long as the rest: the statistical identities look within a sentence
        "verb-rates": ("verb-rates.txt", "共有贫困村82个，" + "已完成1项，完成率为1.2%，" * 30_000 + "。"),
        "industry-shares": ("industry-shares.txt",
                            "第一产业增加值比重为7.3%，" + "其他指标为1.2%，" * 40_000 + "占地区生产总值。"),
        "stated-changes": ("stated-changes.txt", "全年粮食产量52.3万吨，比上年增加3.7万吨，增长12.5%，" * 20_000 + "。"),
        "income-ratios": ("income-ratios.txt",
                          "城镇居民人均可支配收入42350元，农村居民人均可支配收入21580元，城乡居民收入比为2.16，" * 15_000 + "。"),
        # shares of one plan in one paragraph, no whole named: each looked back over every earlier one;
        # profits of one measure, no revenue: each looked over every amount of the file
        "plan-shares": ("plan-shares.txt", "".join(f"完成投资{i % 900 + 10}亿元，占年度计划的{i % 99 + 1}.5%，"
                                                   for i in range(15_000)) + "。"),
        "profit-parts": ("profit-parts.txt", "".join(f"其中规模以上工业企业{i % 800 + 1}家，规上企业利润{i % 90 + 1}亿元，"
                                                     for i in range(12_000)) + "。"),
        # one sentence of 10,000 dated events: each read every date, figure and place of it again
        "dated-events": ("dated-events.txt", "在吉林省政府贫困县退出公告中，" + "".join(
            f"{2015 + i % 6}年{i % 12 + 1}月{i % 28 + 1}日，镇赉县、{'大安市' if i % 2 else '通榆县'}退出；" for i in range(10_000)) + "。"),
        # one paragraph of 6,500 traditional slips: its script was told again for each
        "script-slips": ("script-slips.txt", "".join(f"该项目位於县城以北{i % 9 + 1}公里处，总投资{i % 90 + 1}.2亿元，"
                                                     for i in range(6_500)) + "。"),
        # one paragraph of 2,000 age breakdowns: each looked back over all of it for its population
        "age-groups": ("age-groups.txt", "".join(
            f"全县常住人口中，0-14岁人口为{60000 + i}人，占30.28%；15-59岁人口为117216人，占58.47%；"
            f"60岁及以上人口为22559人，占14.18%，" for i in range(2_000)) + "。"),
        # 20,000 industry structures with their points lost: each ratio checked against every one before
        "ratio-points": ("ratio-points.txt", "三次产业结构由2021年的17.46:29.04:53.50调整为17.88.30.24.51.88，" * 20_000),
        # one paragraph of 5,000 sex ratios: each read the paragraph back to its start
        "sex-ratios": ("sex-ratios.txt", "".join(f"男性人口{57753 + i}人，女性人口54882人，男女性别比为105.23:100（女性为100）；"
                                                 for i in range(5_000)) + "。"),
        # two copies of one story, a passage pasted 2,000 times in each (its figures changed in every
        # fifth), one copy with a sentence more in each: each lone passage of one was compared with
        # every passage of the other (27 s)
        "pasted-copies": ("pasted-copies", tuple("\n".join(
            re.sub(r"\d", lambda m: str((int(m.group()) + i) % 10), passage) if i % 5 == 0 else passage
            for i in range(2_000)) for passage in ("洮北区将在脱贫攻坚的新一轮战争中全力抓整改。全区129个行政村410处安全饮水工程得到改造和提升。",
                                                   "全区129个行政村410处安全饮水工程得到改造和提升。"))),
        # 3,000 ordered lists, each followed by a rank of another measure: each rank read every list before it
        "ranks": ("ranks.txt", "".join(f"利用率排名前五的依次是四川、青海、云南、甘肃、湖南，云南装机容量排名第{i % 5 + 1}位。\n"
                                       for i in range(3_000))),
        # one story of 200 copies (a wire story reposted): each figure was looked for in every other
        # copy, whose pairs were worked out again each time once there were more than 64
        "story-200": ("story-200", tuple(re.sub(r"\d", lambda m: str((int(m.group()) + i) % 10), STORY, count=3)
                                         if i % 7 == 0 else STORY for i in range(200))),
        # one paragraph of 8,000 regions each listing what it holds: each 包括 read every place mention again
        "region-lists": ("region-lists.txt", "".join(f"全国{i % 14 + 1}个集中连片特困地区，包括六盘山区、秦巴山区、武陵山区、乌蒙山区，"
                                                     for i in range(8_000)) + "。"),
        "vital-rates": ("vital-rates.txt", "出生率为7.2‰，死亡率为8.1‰，自然增长率为1.9‰。" * 20_000),
        # one clause of counts that each end one clause and begin the next, vessels' grades and 1万1千万s
        "clause-counts": ("clause-counts.txt", ("新增上市公司1035家村镇银行完成改革任务“小巨人”企业45家2人当选"
                                                "北海铁山港20亿吨级散货泊位达到1万1千万人次") * 1_500),
        "arabic-1500": ("arabic.txt", "共有" + "7" * 1_500 + "人。"),
        "chinese-4400": ("chinese.txt", "共有" + "一二三四五六七八九〇" * 440 + "人。"),
        # lines like a page's number before a form feed (a regex over them took 33 s for 20,000),
        # and pages that each end inside a figure
        "page-lines": ("page-lines.txt", "\n1" * 40_000 + "x\f"),
        "page-breaks": ("page-breaks.txt", "预算支出27.14\n— 2 —\n\f亿元，" * 20_000),
    }
    return inputs
