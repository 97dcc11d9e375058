"""Rebuild the development corpus named by tools/eval-corpus-manifest.tsv.

    python tools/build_eval_corpus.py MIRROR_DIR... [--out /work/corpus]

Each MIRROR_DIR is a git directory (or checkout) of one of the public repositories the manifest
cites; the report texts are cut out of the commits it names and written to OUT/tune/ and
OUT/heldout/ as its ``half`` column says. Prints how many texts match the manifest's sha256 and
lists the ones that do not (those are still written: the closest text this script can make).
Standard library only.

How a text is cut out (every file ends with one newline; lines are stripped of surrounding
whitespace and blank lines dropped):

* ``news/YYYYMMDD.md`` (新闻联播 daily file): the ``### TITLE`` section named by ``(story: TITLE)``;
  the title line, then the body with ``</p>`` and ``<br>`` as line breaks, other tags removed and
  HTML entities decoded, the ``[查看原文](url)`` link line kept.
* ``data/news/*.json`` (scraped story): ``title``, then ``content``, with a run of two or more
  ideographic/em spaces (the paragraph indents the scrape left inline) as a line break.
* ``output/2026_raw_text/*.csv`` (government work report): ``full_text`` of its one row, without
  the viewer toolbar (下载 打印 … 减小 】) that the fjlib.net copies start with.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent / "eval-corpus-manifest.tsv"
SOURCE = re.compile(r"github:(?P<repo>[^:]+):(?P<path>.+?)@(?P<commit>[0-9a-f]{40})"
                    r"(?: \((?:story: (?P<story>.*)|orig .*)\))?$")
FJLIB_TOOLBAR = ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"]


def clean_lines(text: str) -> str:
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def broadcast_story(markdown: str, title: str) -> str | None:
    for section in re.split(r"^#{1,3} ", markdown, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        if heading.strip() == title:
            body = re.sub(r"</p>|<br\s*/?>", "\n", body)
            body = html.unescape(re.sub(r"<[^>]+>", "", body))
            return clean_lines(title + "\n" + body)
    return None


def scraped_story(text: str) -> str:
    story = json.loads(text)
    return clean_lines(story["title"] + "\n" + re.sub("[\u2003\u3000]{2,}", "\n", story["content"]))


def work_report(text: str) -> str:
    (row,) = csv.DictReader(io.StringIO(text))
    lines = clean_lines(row["full_text"]).split("\n")
    if lines[:len(FJLIB_TOOLBAR)] == FJLIB_TOOLBAR:
        lines = lines[len(FJLIB_TOOLBAR):]
    return "\n".join(lines)


def git_show(mirror: Path, commit: str, path: str) -> str | None:
    shown = subprocess.run(["git", "-C", str(mirror), "show", f"{commit}:{path}"], capture_output=True)
    # utf-8-sig: some scraped JSON files start with a byte order mark
    return shown.stdout.decode("utf-8-sig") if shown.returncode == 0 else None


def read_source(mirrors: list[Path], source: dict) -> str | None:
    """The file from the first mirror that holds the commit (mirror folders need not be named)."""
    for mirror in mirrors:
        text = git_show(mirror, source["commit"], source["path"])
        if text is not None:
            return text
    return None


def extract(mirrors: list[Path], row: dict) -> str | None:
    source = SOURCE.match(row["source"]).groupdict()
    text = read_source(mirrors, source)
    if text is None:
        return None
    if source["story"] is not None:
        return broadcast_story(text, source["story"])
    if source["path"].endswith(".json"):
        return scraped_story(text)
    return work_report(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mirrors", nargs="+", type=Path, help="git directories of the cited repositories")
    ap.add_argument("--out", type=Path, default=Path("/work/corpus"))
    ap.add_argument("--manifest", type=Path, default=MANIFEST)
    args = ap.parse_args()
    with args.manifest.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    matched, differing, missing = 0, [], []
    for row in rows:
        text = extract(args.mirrors, row)
        if text is None:
            missing.append(row["file"])
            continue
        data = text.encode("utf-8")
        target = args.out / row["half"] / row["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if hashlib.sha256(data).hexdigest() == row["sha256"]:
            matched += 1
        else:
            differing.append(f"{row['file']} ({len(text)} chars, manifest {row['chars']})")
    halves = ",".join(sorted({row["half"] for row in rows}))
    print(f"{matched}/{len(rows)} files match their sha256; written to {args.out}/{{{halves}}}/")
    for line in differing:
        print(f"  differs: {line}")
    for name in missing:
        print(f"  not written (source commit, file or story not found): {name}")
    return 0 if matched == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
