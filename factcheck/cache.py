"""factcheck's cache folder, for tables derived once from installed packages
(jieba's trimmed dictionary, OpenCC's character changes), never from reports."""
from __future__ import annotations

import os
import tempfile
import time
import warnings
from pathlib import Path

# A table of another release of jieba or OpenCC (another virtual environment, an older
# install) not written for this long is removed when a new one is written: CI runners
# that keep the cache folder would otherwise gather one set per release for ever.
STALE_AFTER_DAYS = 30


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


def prune(keep: Path, pattern: str) -> list[Path]:
    """Remove the files beside ``keep`` that match ``pattern`` (a glob), are not ``keep``
    nor named as it is up to its first dot (its companions), and were written more than
    STALE_AFTER_DAYS ago; the files removed."""
    stem = keep.name.split(".", 1)[0]
    cutoff = time.time() - STALE_AFTER_DAYS * 86400
    gone = []
    for path in keep.parent.glob(pattern):
        try:
            if path.name.split(".", 1)[0] != stem and path.stat().st_mtime < cutoff:
                path.unlink()
                gone.append(path)
        except OSError:
            pass  # another run's, or not ours to remove: left alone
    return gone
