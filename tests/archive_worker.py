"""The reports and the checker process of tests/test_archive.py's concurrency tests.

    python tests/archive_worker.py check DB FOLDER COUNT STOPFILE

reads the archive DB again and again, the way X102 archive-conflict does (one
``Archive.published`` call: one read transaction), until STOPFILE exists, and prints
one JSON line: how many snapshots it read and those in which a report's figures were
neither exactly its first version's nor exactly its second's (a half-written report,
or rows twice)."""
from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict

from factcheck.archive import Archive, ArchiveError
from factcheck.document import Document
from factcheck.figures import extract
from factcheck.gazetteer import divisions
from factcheck.keys import key


def places(count: int) -> list[str]:
    """Real county names from the gazetteer, each report about another county."""
    names = sorted(n for n, (level, parent) in divisions().items() if level == "county" and parent)
    return [names[i % len(names)] for i in range(count)]


def report_text(place: str, i: int, version: int) -> str:
    """Report i as first (version 0) or later published: every figure changes between versions."""
    return (f"{place}脱贫攻坚取得决定性成果。\n\n"
            f"截至2019年底，{place}贫困人口减少到{1000 + i * 10 + version}人，"
            f"贫困发生率降至0.{i % 9 + 1}{version}%，{10 + i % 50}{version}个贫困村全部出列。\n")


def report_path(folder: str, i: int) -> str:
    return os.path.join(folder, f"report{i:04d}.txt")


def write_reports(folder: str, count: int, version: int) -> None:
    for i, place in enumerate(places(count)):
        with open(report_path(folder, i), "w", encoding="utf-8") as f:
            f.write(report_text(place, i, version))


def keyed(path: str, text: str) -> list[tuple]:
    """(Key, text) of each keyed figure of a report."""
    doc = Document.from_text(path, text)
    return [(key(f), f.text) for f in extract(doc) if key(f) is not None]


def _rows(pairs) -> list[tuple[str, str]]:
    return sorted((str(k), text) for k, text in pairs)


def check(db: str, folder: str, count: int, stop: str) -> dict:
    figures = {report_path(folder, i): [keyed(report_path(folder, i), report_text(place, i, v)) for v in (0, 1)]
               for i, place in enumerate(places(count))}
    versions = {path: [_rows(pairs) for pairs in both] for path, both in figures.items()}
    keys = {k for both in figures.values() for pairs in both for k, _text in pairs}
    deadline = time.monotonic() + 120
    while True:  # the indexers make the store: wait for it
        try:
            archive = Archive.open(db, create=False)
            break
        except ArchiveError:
            if time.monotonic() > deadline or os.path.exists(stop):
                raise
            time.sleep(0.05)
    snapshots, torn, seen_versions = 0, [], set()
    with archive:
        while not os.path.exists(stop) or snapshots == 0:
            found = defaultdict(list)
            for k, published in archive.published(keys).items():
                for p in published:
                    found[p.path].append((k, p.text))
            for path, pairs in found.items():
                rows = _rows(pairs)
                if rows not in versions[path]:
                    torn.append({"path": path, "rows": rows})
                else:
                    seen_versions.add(versions[path].index(rows))
            snapshots += 1
    return {"snapshots": snapshots, "torn": torn[:5], "torn_count": len(torn), "versions": sorted(seen_versions)}


if __name__ == "__main__":
    command, db, folder, count, stop = sys.argv[1:]
    assert command == "check"
    print(json.dumps(check(db, folder, int(count), stop), ensure_ascii=False))
