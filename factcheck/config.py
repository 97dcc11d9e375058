"""Settings from setup.cfg ``[factcheck]`` or pyproject.toml ``[tool.factcheck]``.

Keys (all optional)::

    select = G, X201          # rules by code, code prefix or name
    ignore = mixed-script
    fail-on = warning         # error (default), warning or info
    severity = G102:warning, duplicated-text:info   # per-rule overrides
    max-file-size = 100 MB    # a larger file gets E001 unreadable-file (default 100 MB)
    section-size = 2000000    # characters; a longer text is checked in sections of this size,
                              # cut at paragraph breaks (default 2,000,000, about 6 MB of Chinese)
    per-file-ignores =        # rules ignored in some files (glob: rules, one per line)
        drafts/*.txt: mixed-script, C105
    stories =                 # files that are copies of one story, one story a line
        web/2020-03-25.html print/2020-03-25.pdf
    archive = archive.sqlite  # the archive of published figures: check compares with it
                              # (as --against), index and archive use it (as --db)
    gazetteer = places.toml   # places the built-in gazetteer lacks (towns, villages) and what
                              # holds them, for part-exceeds-region (relative to this file)

Command-line options override the file. ``--config FILE`` reads exactly that
file; otherwise the first setup.cfg with ``[factcheck]`` or pyproject.toml with
``[tool.factcheck]`` in the current folder or its parents is read (setup.cfg
first where a folder has both). ``factcheck check --show-config`` prints the result.
A rule key that names no installed rule is an error (``unknown_rule_keys``).
"""
from __future__ import annotations

import configparser
import tomllib
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path, PurePath

from .readers import MAX_FILE_SIZE

SECTION_SIZE = 2_000_000  # characters: a few MB of Chinese text, checked at once
from .rules import ALWAYS_ON, Diagnostic, Severity


class ConfigError(Exception):
    pass


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    severity: dict[str, Severity] = field(default_factory=dict)  # code or name -> severity
    max_file_size: int = MAX_FILE_SIZE  # bytes; a larger file gets E001 instead of being read
    section_size: int = SECTION_SIZE  # characters; a longer text is checked in sections of this size
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # path glob -> rule keys
    stories: list[list[str]] = field(default_factory=list)  # groups of path globs: copies of one story
    archive: str | None = None  # a SQLite path (relative to the current folder) or a postgresql:// URL
    gazetteer: dict = field(default_factory=dict)  # place -> (level, parent), from the gazetteer file
    source: str | None = None

    def apply(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Per-file ignores, then per-rule severity overrides."""
        if not self.severity and not self.per_file_ignores:
            return diagnostics
        out = []
        for d in diagnostics:
            if d.code in ALWAYS_ON:  # an unreadable file stays an error: it always fails the run
                out.append(d)
                continue
            if self._ignored_here(d):
                continue
            new = self.severity.get(d.code) or self.severity.get(d.name)
            out.append(replace(d, severity=new) if new else d)
        return out

    def _ignored_here(self, d: Diagnostic) -> bool:
        """Is ``d``'s rule ignored for its file (a glob of per-file-ignores matches the path)?"""
        path = PurePath(d.span.path)
        for glob, keys in self.per_file_ignores.items():
            if path.match(glob) or fnmatch(d.span.path, glob):
                if any(d.name == k or d.code.upper().startswith(k.upper()) for k in keys):
                    return True
        return False

    def describe(self) -> str:
        """The effective settings, as they would be written in pyproject.toml."""
        def names(values):
            return "[" + ", ".join(f'"{v}"' for v in values) + "]"
        lines = [f"# from {self.source}" if self.source else "# no configuration file: the defaults",
                 "[tool.factcheck]", f"select = {names(self.select)}", f"ignore = {names(self.ignore)}",
                 f'fail-on = "{self.fail_on.label}"',
                 "severity = {" + ", ".join(f'"{k}" = "{v.label}"' for k, v in self.severity.items()) + "}",
                 f"max-file-size = {self.max_file_size}", f"section-size = {self.section_size}",
                 "per-file-ignores = {" + ", ".join(f'"{g}" = {names(k)}' for g, k in self.per_file_ignores.items())
                 + "}", "stories = [" + ", ".join(names(g) for g in self.stories) + "]"]
        if self.archive is not None:
            lines.append(f'archive = "{self.archive}"')
        if self.gazetteer:
            lines.append(f"# gazetteer: {len(self.gazetteer)} places of the configuration's gazetteer file")
        return "\n".join(lines)


def _split(value, key: str) -> list[str]:
    """A list of names from a comma/newline-separated string or a list of strings."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    if not isinstance(value, str):
        raise ValueError(f"{key} must be a string or a list of strings, not {value!r}")
    return [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]


def _per_file(raw) -> dict[str, list[str]]:
    """glob -> rule keys, from a TOML table ({"drafts/*.txt" = ["mixed-script"]}) or INI lines
    ("drafts/*.txt: mixed-script, C105", one per line)."""
    if isinstance(raw, dict):
        return {str(glob): _split(keys, f"per-file-ignores {glob}") for glob, keys in raw.items()}
    if not isinstance(raw, str):
        raise ValueError(f"per-file-ignores must be a table of glob = [rules] or lines of glob: rules, not {raw!r}")
    out = {}
    for line in raw.splitlines():
        if not line.strip():
            continue
        glob, colon, keys = line.rpartition(":")
        if not colon or not glob.strip():
            raise ValueError(f"per-file-ignores lines are glob: rules, e.g. drafts/*.txt: mixed-script, not {line!r}")
        out[glob.strip()] = _split(keys, "per-file-ignores")
    return out


def _stories(raw) -> list[list[str]]:
    """Groups of path globs whose files are copies of one story: INI lines of globs
    ("web/a.txt print/a.pdf", one story a line) or a TOML list of lists."""
    if isinstance(raw, list) and all(isinstance(g, list) and all(isinstance(p, str) for p in g) for g in raw):
        groups = [[p for p in g if p.strip()] for g in raw]
    elif isinstance(raw, str):
        groups = [line.split() for line in raw.splitlines() if line.strip()]
    else:
        raise ValueError(f"stories must be lines of paths or globs (one story a line), not {raw!r}")
    return [g for g in groups if g]


def _gazetteer(value, source: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"gazetteer must be the path of a TOML file of places, not {value!r}")
    from . import gazetteer

    path = Path(source).parent / value.strip() if source else Path(value.strip())
    try:
        return gazetteer.read_extra(str(path))
    except OSError as exc:
        raise ValueError(f"gazetteer {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"gazetteer {path}: {exc}") from None


def _archive(value) -> str | None:
    if value is None or isinstance(value, str) and value.strip():
        return value.strip() if value else None
    raise ValueError(f"archive must be a SQLite file path or a postgresql:// URL, not {value!r}")


_SIZE_UNITS = {"": 1, "B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "K": 1000, "M": 1000**2, "G": 1000**3}


def _size(value, key: str = "max-file-size") -> int:
    """Bytes (or characters) from 50000000, "50 MB" or "50MB"."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        number = value.strip().upper().rstrip("BKMG ")
        unit = value.strip().upper()[len(number):].strip()
        if number.isdigit() and unit in _SIZE_UNITS and int(number) > 0:
            return int(number) * _SIZE_UNITS[unit]
    raise ValueError(f"{key} must be a positive number, e.g. 50000000 or \"50 MB\", not {value!r}")


def _from_mapping(data, source: str) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the factcheck settings must be a table of key = value, not {data!r}")
    known = {"select", "ignore", "fail-on", "fail_on", "severity", "max-file-size", "max_file_size",
             "section-size", "section_size",
             "per-file-ignores", "per_file_ignores", "stories", "archive", "gazetteer"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{source}: unknown factcheck setting(s): {', '.join(sorted(unknown))}")
    try:
        severity = {}
        raw = data.get("severity", {})
        if isinstance(raw, dict):
            items = list(raw.items())
        else:
            items = [p.split(":", 1) for p in _split(raw, "severity")]
            if any(len(item) != 2 for item in items):
                raise ValueError(f"severity must list rule:level pairs, e.g. G102:warning, not {raw!r}")
        for key, level in items:
            if not isinstance(level, str):
                raise ValueError(f"severity of {key} must be error, warning or info, not {level!r}")
            severity[key.strip()] = Severity.parse(level.strip())
        fail_on = data.get("fail-on", data.get("fail_on", "error"))
        if not isinstance(fail_on, str):
            raise ValueError(f"fail-on must be error, warning or info, not {fail_on!r}")
        return Config(select=_split(data.get("select", []), "select"), ignore=_split(data.get("ignore", []), "ignore"),
                      fail_on=Severity.parse(fail_on), severity=severity,
                      max_file_size=_size(data.get("max-file-size", data.get("max_file_size", MAX_FILE_SIZE))),
                      section_size=_size(data.get("section-size", data.get("section_size", SECTION_SIZE)),
                                         "section-size"),
                      per_file_ignores=_per_file(data.get("per-file-ignores", data.get("per_file_ignores", {}))),
                      stories=_stories(data.get("stories", [])), archive=_archive(data.get("archive")),
                      gazetteer=_gazetteer(data.get("gazetteer"), source), source=source)
    except ValueError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def _reason(exc: Exception) -> str:
    """One line: configparser's messages run over several lines."""
    return " ".join(str(exc).split()) or type(exc).__name__


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None


def _read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    try:
        with path.open(encoding="utf-8") as f:
            parser.read_file(f)
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    return parser


def load_file(path: str | Path) -> Config:
    """Settings from exactly this file: ``[tool.factcheck]`` in a .toml file,
    ``[factcheck]`` in any other (setup.cfg, tox.ini, an .ini or .cfg of its own).
    A file without that section is an error: it was named to be read."""
    path = Path(path)
    if path.suffix.lower() == ".toml":
        data = _read_toml(path)
        if "factcheck" not in data.get("tool", {}):
            raise ConfigError(f"{path}: no [tool.factcheck] table")
        return _from_mapping(data["tool"]["factcheck"], str(path))
    parser = _read_ini(path)
    if not parser.has_section("factcheck"):
        raise ConfigError(f"{path}: no [factcheck] section")
    return _from_mapping(dict(parser["factcheck"]), str(path))


def unknown_rule_keys(keys, rules, exact: bool = False) -> list[str]:
    """The keys (codes, code prefixes or names; only full codes or names when ``exact``)
    that name none of ``rules``, each with a close match when there is one."""
    from difflib import get_close_matches

    from .rules import RULE_ERROR_CODE, RULE_ERROR_NAME

    codes = [r.code for r in rules] + [RULE_ERROR_CODE]
    names = [r.name for r in rules] + [RULE_ERROR_NAME]
    out = []
    for key in keys:
        if key in names or key.upper() in codes:
            continue
        if not exact and any(code.startswith(key.upper()) for code in codes):
            continue
        close = get_close_matches(key, names, 1, 0.6) or get_close_matches(key.upper(), codes, 1, 0.5)
        out.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return out


def check_rule_keys(config: Config, rules) -> None:
    """ConfigError naming every select/ignore/severity key that names no installed rule."""
    problems = []
    per_file = [k for keys in config.per_file_ignores.values() for k in keys]
    for setting, keys, exact in (("select", config.select, False), ("ignore", config.ignore, False),
                                 ("severity", list(config.severity), True), ("per-file-ignores", per_file, False)):
        unknown = unknown_rule_keys(keys, rules, exact)
        if unknown:
            problems.append(f"{setting}: unknown rule {', '.join(unknown)}")
    if problems:
        where = f"{config.source}: " if config.source else ""
        raise ConfigError(where + "; ".join(problems) + "; `factcheck rules` lists them")


def load(start: Path | None = None) -> Config:
    """The first pyproject.toml with [tool.factcheck] or setup.cfg with [factcheck],
    looking in ``start`` and its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        # setup.cfg first: where a folder has both, setup.cfg's [factcheck] wins
        setup_cfg = folder / "setup.cfg"
        if setup_cfg.is_file():
            parser = configparser.ConfigParser()
            try:
                with open(setup_cfg, encoding="utf-8") as handle:
                    parser.read_file(handle)
                # Values are read here, so interpolation errors (a bare %) surface here.
                section = dict(parser["factcheck"]) if parser.has_section("factcheck") else None
            except (configparser.Error, UnicodeDecodeError, OSError) as exc:
                raise ConfigError(f"{setup_cfg}: {_reason(exc)}") from None
            if section is not None:
                return _from_mapping(section, f"{setup_cfg} [factcheck]")
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
                raise ConfigError(f"{pyproject}: {_reason(exc)}") from None
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "factcheck" in tool:
                return _from_mapping(tool["factcheck"], f"{pyproject} [tool.factcheck]")
    return Config()
