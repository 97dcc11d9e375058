"""Settings from setup.cfg ``[factcheck]`` or pyproject.toml ``[tool.factcheck]``.

Keys (all optional)::

    select = G, X201          # rules by code, code prefix or name
    ignore = mixed-script
    fail-on = warning         # error (default), warning or info
    severity = G102:warning, duplicated-text:info   # per-rule overrides

Command-line options override the file.
"""
from __future__ import annotations

import configparser
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .readers import MAX_FILE_SIZE
from .rules import Diagnostic, Severity


class ConfigError(Exception):
    pass


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    severity: dict[str, Severity] = field(default_factory=dict)  # code or name -> severity
    source: str | None = None
    max_file_size: int = MAX_FILE_SIZE  # bytes; a larger file gets E001 instead of being read

    def apply(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Per-rule severity overrides."""
        if not self.severity:
            return diagnostics
        out = []
        for d in diagnostics:
            new = self.severity.get(d.code) or self.severity.get(d.name)
            out.append(replace(d, severity=new) if new else d)
        return out


def _split(value) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).replace("\n", ",").split(",") if v.strip()]


def _from_mapping(data: dict, source: str) -> Config:
    known = {"select", "ignore", "fail-on", "fail_on", "severity"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{source}: unknown factcheck setting(s): {', '.join(sorted(unknown))}")
    try:
        severity = {}
        raw = data.get("severity", {})
        items = raw.items() if isinstance(raw, dict) else (p.split(":", 1) for p in _split(raw))
        for key, level in items:
            severity[key.strip()] = Severity.parse(level.strip())
        fail_on = Severity.parse(str(data.get("fail-on", data.get("fail_on", "error"))))
    except ValueError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    return Config(_split(data.get("select", [])), _split(data.get("ignore", [])), fail_on, severity, source)


def load(start: Path | None = None) -> Config:
    """The first pyproject.toml with [tool.factcheck] or setup.cfg with [factcheck],
    looking in ``start`` and its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{pyproject}: {exc}") from None
            if "factcheck" in data.get("tool", {}):
                return _from_mapping(data["tool"]["factcheck"], str(pyproject))
        setup_cfg = folder / "setup.cfg"
        if setup_cfg.is_file():
            parser = configparser.ConfigParser()
            try:
                parser.read(setup_cfg, encoding="utf-8")
            except (configparser.Error, UnicodeDecodeError) as exc:
                raise ConfigError(f"{setup_cfg}: {exc}") from None
            if parser.has_section("factcheck"):
                return _from_mapping(dict(parser["factcheck"]), str(setup_cfg))
    return Config()
