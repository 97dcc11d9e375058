"""--format html: one self-contained page, every piece of report text escaped, no script."""
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from factcheck.cli import main

HOSTILE = ("<script>document.title='pwned'</script>举全縣之力，累计实现700112736人稳定脱贫。"
           "<img src=x onerror=\"document.title='pwned'\">")


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.marks, self.in_mark = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.in_mark = tag == "mark"
        if self.in_mark:
            self.marks.append("")

    def handle_endtag(self, tag):
        self.in_mark = False if tag == "mark" else self.in_mark

    def handle_data(self, data):
        if self.in_mark:
            self.marks[-1] += data


def page(tmp_path, text=HOSTILE, name="洮北区.web.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", str(path), "--format", "html", "--output", str(out)])
    assert result.exit_code in (0, 1), result.output
    return out


def test_findings_are_marked_in_place_and_report_text_is_escaped(tmp_path):
    html = page(tmp_path).read_text(encoding="utf-8")
    parsed = Tags()
    parsed.feed(html)
    tags = [t for t, _a in parsed.tags]
    assert "script" not in tags and not any("onerror" in a for _t, a in parsed.tags if _t == "img")
    assert "img" not in tags  # the article's <img> is text, not an element
    assert "&lt;script&gt;" in html
    assert "縣" in parsed.marks and "700112736人" in parsed.marks
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp and "script-src" not in csp


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium here (.ci/run installs Debian's chromium)")
def test_the_page_in_a_real_browser_runs_no_script_from_the_article(tmp_path):
    out = page(tmp_path)
    dom = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          out.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<title>factcheck</title>" in dom.stdout and "pwned" not in dom.stdout.split("<body")[0]
    assert dom.stdout.count("<mark") >= 2 and "700112736人</mark>" in dom.stdout
