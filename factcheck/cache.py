"""factcheck's cache folder, for tables derived once from installed packages
(jieba's trimmed dictionary, OpenCC's character changes), never from reports."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for folder in (Path(base) / "factcheck", Path(tempfile.gettempdir()) / "factcheck"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return folder
        except OSError:
            continue
    raise OSError("no writable cache folder for factcheck's dictionary")


def write_atomic(target: Path, data: bytes) -> None:
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)  # atomic, so parallel runs never read half a file
    except OSError:
        partial.unlink(missing_ok=True)
        raise
