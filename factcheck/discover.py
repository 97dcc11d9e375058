"""Which files a command line names.

* a file named is always checked, whatever its extension and whatever any
  exclude pattern or ignore file says (the user asked for it by name);
* a folder is walked for the extensions the readers know, leaving out hidden
  files and folders, what ``--exclude`` patterns match, and what the
  ``.gitignore`` and ``.factcheckignore`` files say (gitignore syntax, read
  with ``pathspec``; those of the folder walked and its subfolders, and of
  its parents up to the repository's root);
* a quoted glob (``'samples/*.txt'``, ``'articles/**/*.md'``) is expanded
  here, as a shell would, for shells and CI steps that do not; its matches
  are filtered like a walk's (extensions, ``--exclude``, ignore files);
* ``-`` is standard input.

``--exclude`` patterns are gitignore patterns too, matched against paths
relative to the current folder: ``drafts/``, ``*.web.txt``, ``/archive``.
"""
from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .readers import READERS

if TYPE_CHECKING:
    import pathspec

IGNORE_FILES = (".gitignore", ".factcheckignore")
STDIN = "-"


def is_glob(path: str) -> bool:
    """A pattern to expand: glob characters, and no file or folder of that very name."""
    return any(c in path for c in "*?[") and not os.path.exists(path)


def glob_root(pattern: str) -> str:
    """The folder a glob names: its leading components without glob characters."""
    parts = []
    for part in Path(pattern).parts[:-1]:
        if any(c in part for c in "*?["):
            break
        parts.append(part)
    return os.path.join(*parts) if parts else "."


def _key(path: str, is_dir: bool) -> str:
    """``path`` as gitignore patterns see it: relative to the current folder when
    under it, with ``/`` and a trailing ``/`` for folders."""
    absolute = os.path.abspath(path)
    here = os.getcwd()
    if os.path.commonpath([absolute, here]) == here and absolute != here:
        key = Path(os.path.relpath(absolute, here)).as_posix()
    else:
        key = Path(absolute).as_posix().lstrip("/")
    return key + "/" if is_dir else key


class Filter:
    """--exclude patterns and ignore files, for paths found by walking or globbing."""

    def __init__(self, exclude: list[str] = ()):
        self.exclude = _spec_of(exclude) if exclude else None
        self._specs: dict[str, "pathspec.GitIgnoreSpec | None"] = {}
        self._chains: dict[tuple[str, str], list[str]] = {}  # (folder, root) -> folders with ignore files
        self._at_root: dict[tuple[int, str], object] = {}  # (spec, folder named) -> its check result
        self._by_folder: dict[tuple[str, str], tuple[str, str, list]] = {}  # (folder, root) -> _governing's

    def _spec(self, folder: str) -> "pathspec.GitIgnoreSpec | None":
        if folder not in self._specs:
            lines: list[str] = []
            for name in IGNORE_FILES:  # .factcheckignore last: it can re-include what git ignores
                try:
                    lines += Path(folder, name).read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    pass
            self._specs[folder] = _spec_of(lines) if lines else None
        return self._specs[folder]

    def _folders(self, path: str, root: str) -> list[str]:
        key = (os.path.dirname(os.path.abspath(path)), root)
        found = self._chains.get(key)
        if found is None:
            found = self._chains[key] = self._chain(path, root)
        return found

    @staticmethod
    def _chain(path: str, root: str) -> list[str]:
        """The folders whose ignore files govern ``path`` found under ``root``, outermost
        first: from ``path``'s folder up to ``root``, and above it up to the repository's
        root (a folder holding .git) or, outside a repository, up to the current folder."""
        folder, root, here = os.path.dirname(os.path.abspath(path)), os.path.abspath(root), os.getcwd()
        chain = [folder]
        while folder != root and os.path.dirname(folder) != folder:
            folder = os.path.dirname(folder)
            chain.append(folder)
        above: list[str] = []
        upto_here = None  # how many of ``above`` reach the current folder
        folder = root
        while not os.path.exists(os.path.join(folder, ".git")):
            if folder == here:
                upto_here = len(above)
            up = os.path.dirname(folder)
            if up == folder:  # no repository above: up to the current folder, else the walk's own only
                above = above[:upto_here] if upto_here is not None else []
                break
            folder = up
            above.append(folder)
        return [f for f in (chain + above)[::-1] if any(os.path.exists(os.path.join(f, n)) for n in IGNORE_FILES)]

    def ignored(self, path: str, is_dir: bool, root: str) -> bool:
        """Whether ``path``, found under the folder ``root`` that the user named (or that
        a glob named), is left out. A pattern that matches ``root`` itself does not
        leave out what is in it: naming an ignored folder asks for it to be checked."""
        folder, name = os.path.split(os.path.abspath(path))
        excluded_prefix, root_key, governing = self._governing(folder, root)
        slash = "/" if is_dir else ""
        if self.exclude is not None:
            found = self.exclude.check_file(excluded_prefix + name + slash)
            if found.include and not self._names_root(self.exclude, found.index, root_key):
                return True
        verdict = None
        for spec, prefix, rel_root in governing:
            found = spec.check_file(prefix + name + slash)
            if found.include is None:
                continue
            if rel_root is not None and self._names_root(spec, found.index, rel_root):
                continue
            verdict = found.include  # a deeper file's verdict overrides a shallower one's
        return bool(verdict)

    def _governing(self, folder: str, root: str) -> tuple[str, str, list]:
        """What ``ignored`` needs of a file's folder, once per folder (a walk asks for every
        file): the folder as --exclude patterns see it (ending in /), ``root`` as they see it,
        and (spec, the folder relative to the spec's folder, ``root`` relative to it when the
        spec's folder lies above ``root``) for each ignore file that governs the folder."""
        key = (folder, root)
        found = self._by_folder.get(key)
        if found is None:
            top = os.path.abspath(root)
            governing = []
            for above in self._folders(os.path.join(folder, "x"), root):
                spec = self._spec(above)
                if spec is None:
                    continue
                rel = Path(os.path.relpath(folder, above)).as_posix()
                rel_root = None
                if top != above and os.path.commonpath([top, above]) == above:  # root lies below it
                    rel_root = Path(os.path.relpath(top, above)).as_posix() + "/"
                governing.append((spec, "" if rel == "." else rel + "/", rel_root))
            here = os.getcwd()
            prefix = "" if folder == here else _key(folder, True).lstrip("/")
            found = self._by_folder[key] = (prefix, _key(root, True), governing)
        return found

    def _names_root(self, spec: "pathspec.PathSpec", index, rel_root: str) -> bool:
        """Whether the pattern that decided a path is one that matches the named folder."""
        key = (id(spec), rel_root)
        at_root = self._at_root.get(key)
        if at_root is None:
            at_root = self._at_root[key] = spec.check_file(rel_root)
        return at_root.include is True and at_root.index == index


def _spec_of(lines: list[str]) -> "pathspec.GitIgnoreSpec":
    import pathspec  # only where there are ignore files or --exclude (15 ms to import)

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _readable(name: str) -> bool:
    return Path(name).suffix.lower() in READERS and not name.startswith(".")


def walk(directory: str, keep: Filter) -> list[str]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not keep.ignored(os.path.join(root, d), True, directory))
        for name in sorted(files):
            path = os.path.join(root, name)
            if _readable(name) and not keep.ignored(path, False, directory):
                found.append(path)
    return found


def expand(paths: list[str], exclude: list[str] = ()) -> tuple[list[str], list[str]]:
    """(the files to check, in order and without repeats, with ``-`` kept for standard
    input; the globs that matched nothing)."""
    keep = Filter(list(exclude))
    out: list[str] = []
    unmatched: list[str] = []
    for path in paths:
        if path == STDIN:
            out.append(path)
        elif os.path.isdir(path):
            out += walk(path, keep)
        elif is_glob(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                unmatched.append(path)
            root = glob_root(path)
            for match in matches:
                if os.path.isdir(match):
                    if not keep.ignored(match, True, root):
                        out += walk(match, keep)
                elif _readable(os.path.basename(match)) and not keep.ignored(match, False, root):
                    out.append(match)
        else:
            out.append(path)  # named: always checked (a missing one becomes E001)
    return list(dict.fromkeys(out)), unmatched
