"""factcheck's cache folder, for tables derived once from installed packages
(jieba's trimmed dictionary, OpenCC's character changes), never from reports."""
from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path


class CacheWarning(UserWarning):
    """A cached table was empty, damaged or could not be written: rebuilt or bypassed."""


def warn(message: str) -> None:
    """One line for the user (the command line prints it as ``factcheck: warning: ...``);
    the run goes on."""
    warnings.warn(message, CacheWarning, stacklevel=2)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    preferred = Path(base) / "factcheck"
    for folder in (preferred, Path(tempfile.gettempdir()) / "factcheck"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problem = exc.strerror or str(exc)
            continue
        if folder != preferred:
            warn(f"cannot use the cache folder {preferred} ({problem}); using {folder}")
        return folder
    raise OSError("no writable cache folder for factcheck's dictionary")


def write_atomic(target: Path, data: bytes) -> None:
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)  # atomic, so parallel runs never read half a file
    except OSError:
        partial.unlink(missing_ok=True)
        raise
