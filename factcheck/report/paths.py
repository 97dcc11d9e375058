"""How the CI formats name a file: relative to the current folder, with forward slashes."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def relative(path: str) -> str:
    """``path`` relative to the current folder when it lies under it (as CI annotations
    and code scanning expect: repository-relative), else absolute; always with ``/``."""
    absolute = os.path.abspath(path)  # no symlink resolution: the path the user knows
    here = os.getcwd()
    if os.path.commonpath([absolute, here]) == here and absolute != here:
        return Path(os.path.relpath(absolute, here)).as_posix()
    return Path(absolute).as_posix()


def uri(path: str) -> tuple[str, bool]:
    """A URI reference for ``path`` and whether it is relative to the current folder
    (then it goes with the ``%SRCROOT%`` base). Non-ASCII names are percent-encoded."""
    rel = relative(path)
    if os.path.isabs(rel):
        return Path(rel).as_uri(), False
    return quote(rel, safe="/-._~!$&'()*+,;=@"), True


def srcroot() -> str:
    """The current folder as a file URI ending in ``/``, the base of relative URIs."""
    return Path(os.getcwd()).as_uri().rstrip("/") + "/"
