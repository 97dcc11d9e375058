"""Web pages: the article body only, no network access ever, encodings of Chinese sites."""
import http.server
import socket
import threading

import pytest

from builders import html_page, sample, web_copy_parts
from factcheck.readers import ReadError, read_path

WEB = sample("taobei-2020-03-25.web.txt")


def _page(**kw) -> str:
    nav, info, title, article, footer = web_copy_parts(WEB)
    return html_page(title, kw.pop("paragraphs", article), nav=nav, info=info, footer=footer, **kw)


def _read(tmp_path, source, name="story.html", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(source.encode(encoding) if isinstance(source, str) else source)
    return read_path(str(path))


def test_article_body_only_without_navigation_footer_or_share_buttons(tmp_path):
    nav, info, title, article, footer = web_copy_parts(WEB)
    doc = _read(tmp_path, _page())
    assert not isinstance(doc, ReadError), doc
    lines = doc.text.split("\n")
    assert lines == [title, *(p.strip() for p in article)]  # headline, every paragraph in order, a line each
    for chrome in ["政府机构", "信息公开", "分享到微信", "收藏", "打印本页", "关闭窗口", "相关新闻", "12.5亿元",
                   "主办", "吉ICP备", "22080202000169", "统计代码", "99999人", "首页"]:
        assert chrome not in doc.text, chrome
    # Offsets count in the extracted text.
    at = doc.norm.index("700112736人")
    span = doc.span(at, at + 10)
    assert span.text == "700112736人" and doc.text[span.start:span.end] == "700112736人"
    assert doc.source_line(span.line).startswith("脱贫攻坚,是全面建成小康社会")


BODY = "".join(f"<p>第{i}段，全区共有{i * 7}个贫困村出列，贫困发生率由原来的6%下降到0.103%，这是正文。</p>"
               for i in range(1, 6))


def test_the_headline_is_read_but_not_a_logo_or_a_site_name(tmp_path):
    def first_line(head, headings):
        source = f"<html><head>{head}</head><body><div class='nav'><a>首页</a></div>{headings}<article>{BODY}</article>"
        return _read(tmp_path, source + "</body></html>").text.split("\n")[0]

    title = "<title>洮北区累计实现700112736人稳定脱贫_白城市人民政府</title>"
    assert first_line(title, "<h1>洮北区累计实现700112736人稳定脱贫</h1>") == "洮北区累计实现700112736人稳定脱贫"
    assert first_line(title, "<h1>白城市人民政府</h1><h2>洮北区累计实现700112736人稳定脱贫</h2>") == \
        "洮北区累计实现700112736人稳定脱贫"
    assert first_line(title, "<h1>白城市人民政府</h1>").startswith("第1段")
    assert first_line("<title>首页</title>", "<h1>首页</h1>").startswith("第1段")
    assert first_line("", "<h1>洮北区累计实现700112736人稳定脱贫</h1>").startswith("第1段")


def test_htm_and_gbk_pages_with_their_meta_charset(tmp_path):
    source = _page(charset="gb2312")
    doc = _read(tmp_path, source, "story.htm", "gb18030")
    assert not isinstance(doc, ReadError), doc
    assert doc.encoding == "gb18030" and "累计实现700112736人稳定脱贫" in doc.text
    # No charset label at all: detected like a text file.
    doc = _read(tmp_path, source.replace('<meta charset="gb2312">', ""), "nolabel.html", "gb18030")
    assert doc.encoding == "gb18030" and "累计实现700112736人稳定脱贫" in doc.text


def test_xhtml_with_an_encoding_declaration(tmp_path):
    source = '<?xml version="1.0" encoding="utf-8"?>\n' + _page()
    doc = _read(tmp_path, source, "story.xhtml")
    assert "累计实现700112736人稳定脱贫" in doc.text


def test_a_page_without_an_article_is_reported(tmp_path):
    result = _read(tmp_path, "<html><head><title>图片</title><script>var a = '1万人';</script></head>"
                             "<body><img src='photo.jpg'><div class='share'></div></body></html>", "empty.html")
    assert isinstance(result, ReadError) and "no article text" in result.reason
    assert isinstance(_read(tmp_path, b"", "nothing.html"), ReadError)


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        _Counter.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write("外部内容 88888人".encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """A web server on this machine that counts requests: a fetch done by C code
    (libxml2's own HTTP client) would not pass through Python's socket module."""
    _Counter.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_reading_never_touches_the_network_or_other_files(tmp_path, monkeypatch, local_server):
    secret = tmp_path / "secret.txt"
    secret.write_text("本机文件 77777人", encoding="utf-8")
    _, info, title, article, footer = web_copy_parts(WEB)
    url = local_server
    source = html_page(
        title, article, info=info, footer=footer,
        head=f'<link rel="stylesheet" href="{url}/style.css"><script src="{url}/app.js"></script>'
             f'<link rel="preload" href="{url}/font.woff2"><base href="{url}/">',
        extra_body=(f'<p>外部实体：&remote; &local;</p><img src="{url}/photo.jpg" alt="图片 66666人">'
                    f'<iframe src="{url}/video.html"></iframe><object data="{url}/x.svg"></object>'
                    f'<embed src="{url}/x.swf"><video src="{url}/v.mp4" poster="{url}/p.jpg"></video>'
                    f'<svg><image href="{url}/i.png"/></svg><p style="background:url({url}/bg.png)">背景</p>'),
    ).replace("<!DOCTYPE html>",
              f'<!DOCTYPE html SYSTEM "{url}/html.dtd" [\n<!ENTITY remote SYSTEM "{url}/entity.txt">\n'
              f'<!ENTITY local SYSTEM "file://{secret}">\n]>')

    def no_network(*args, **kwargs):
        raise AssertionError(f"network access while reading: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    doc = _read(tmp_path, source)
    assert not isinstance(doc, ReadError), doc
    assert "累计实现700112736人稳定脱贫" in doc.text
    for fetched in ("88888", "77777", "本机文件", "外部内容"):
        assert fetched not in doc.text
    assert _Counter.requests == []
