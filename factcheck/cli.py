"""Command line: factcheck check | figures | rules | explain.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage error, bad configuration, or no input could be read; 3 internal error
and 130 Ctrl-C (both set by the console entry point, factcheck/entry.py).
"""
from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .api import check
from .config import ConfigError, load
from .i18n import _, set_language
from .readers import read_paths
from .report import FORMATS, render
from .rules import RuleLoadError, Severity, load_rules, select_rules

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _console() -> "Console":
    from rich.console import Console  # only the terminal formats need rich (about 20 ms to import)

    return Console(highlight=False, soft_wrap=False)


def _split_option(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    from .report.escape import visible  # paths and config text may hold terminal controls

    click.echo(f"factcheck: {visible(message)}", err=True)
    sys.exit(EXIT_USAGE)


def _rules_or_exit():
    try:
        return load_rules()
    except RuleLoadError as exc:
        _fail(str(exc))


lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                           help="Language of messages (default: the locale, else Simplified Chinese).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def main() -> None:
    """Lint Chinese news reports for garbled or contradictory figures."""
    # A run makes hundreds of thousands of small objects (quantities, figures, clauses)
    # that live until the report is printed; at the default threshold (700) the cyclic
    # collector walks them again and again, about a tenth of the run. Collected less
    # often, they cost almost nothing; the command exits when the report is out.
    gc.set_threshold(10_000, 10, 10)


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding is at or above this severity (default: error).")
@click.option("--select", multiple=True, help="Only these rules: codes, code prefixes or names, comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, code prefixes or names, comma-separated.")
@click.option("--story", "story", is_flag=True, help="The PATHS given are copies of one story.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Read settings from this setup.cfg or pyproject.toml.")
@lang_option
def check_command(paths, fmt, fail_on, select, ignore, story, config_path, lang) -> None:
    """Check report files and directories (.txt, .md) for garbled and inconsistent figures."""
    set_language(lang)
    try:
        config = load(Path(config_path).parent) if config_path else load()
    except ConfigError as exc:
        _fail(str(exc))
    if select:
        config.select = _split_option(select)
    if ignore:
        config.ignore = config.ignore + _split_option(ignore)
    if fail_on:
        config.fail_on = Severity.parse(fail_on)
    rules = select_rules(_rules_or_exit(), config.select, config.ignore)
    if not rules:
        _fail("--select/--ignore leave no rule to run; `factcheck rules` lists them")
    report = check(list(paths), config=config, rules=rules, stories=[list(paths)] if story else [])
    if not report.documents and not report.read_errors:
        _fail(f"no .txt or .md files found in: {', '.join(paths)}")
    out = render(report, fmt, _console() if fmt != "json" else None)
    if out is not None:
        click.echo(out)
    if not report.documents:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if report.fails(config.fail_on) else EXIT_OK)


@main.command("figures")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option
def figures_command(paths, fmt, lang) -> None:
    """List the figures found in report files."""
    from .figures import extract
    from .report.json import render_figures
    from .report.escape import visible
    from .report.terminal import render_figures as table

    set_language(lang)
    documents, errors = read_paths(list(paths))
    for error in errors:
        click.echo(visible(f"factcheck: {error.path}: {error.reason}"), err=True)
    if not documents:
        _fail("no input could be read")
    figures = {doc.path: extract(doc) for doc in documents}
    if fmt == "json":
        click.echo(render_figures(documents, figures))
    else:
        table(documents, figures, _console())


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option
def rules_command(fmt, lang) -> None:
    """List every rule installed (built-in and plugins)."""
    import json

    from .report.terminal import render_rules

    set_language(lang)
    rules = _rules_or_exit()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.label,
                                "scope": r.scope.value, "summary": _(r.summary)} for r in rules],
                              ensure_ascii=False, indent=2))
    else:
        render_rules(rules, _console())


@main.command("explain")
@click.argument("rule")
@lang_option
def explain_command(rule, lang) -> None:
    """Explain one rule (by code or name) and show its cases."""
    from .report.terminal import render_explanation
    from .testing import find_case_file, load_cases

    set_language(lang)
    matches = [r for r in _rules_or_exit() if rule in (r.code, r.name) or rule.upper() == r.code]
    if not matches:
        _fail(f"no rule named {rule!r}; `factcheck rules` lists them")
    found = matches[0]
    case_file = find_case_file(found.name)
    render_explanation(found, load_cases(case_file) if case_file else None, _console())
