"""Command line: factcheck check | figures | align | rules | explain | index | archive.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage error, bad configuration, or no input could be read; 3 internal error
and 130 Ctrl-C (both set by the console entry point, factcheck/entry.py).
"""
from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .api import check
from .config import ConfigError, check_rule_keys, load, load_file, unknown_rule_keys
from .i18n import _, set_language
from .readers import read_paths
from .report import FORMATS, MACHINE_FORMATS, render
from .rules import RuleError, Severity, load_rules, select_rules

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _console(file=None) -> "Console":
    from rich.console import Console  # only the terminal formats need rich (about 20 ms to import)

    if file is not None:  # --output: a file gets plain text, at the width of a terminal
        return Console(file=file, highlight=False, soft_wrap=False, color_system=None, width=100)
    return Console(highlight=False, soft_wrap=False)


def _write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, renamed over it when
    complete, so a reader (a CI upload step) never sees half a report. A symbolic link is
    followed; what is no regular file (/dev/null, a pipe) is written to as it is, never
    replaced."""
    import os
    import stat
    import tempfile

    target = Path(os.path.realpath(path))
    try:
        special = not stat.S_ISREG(target.stat().st_mode)
    except OSError:
        special = False  # a new file
    if special:
        with open(target, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def _inputs(paths: tuple[str, ...], exclude: tuple[str, ...], stdin_filename: str | None) -> list:
    """Paths to check (globs expanded, folders walked, --exclude and ignore files applied),
    with ``-`` replaced by the Document read from standard input (or its ReadError)."""
    from .discover import STDIN, expand
    from .readers import ReadError, reader_for

    files, unmatched = expand(list(paths), list(exclude))
    for pattern in unmatched:
        click.echo(f"factcheck: no files match {pattern!r}", err=True)
    inputs: list = []
    for path in files:
        if path != STDIN:
            inputs.append(path)
            continue
        name = stdin_filename or STDIN
        data = sys.stdin.buffer.read()
        reader = reader_for(name)
        try:
            inputs.append(reader.read(name, data))
        except ValueError as exc:
            inputs.append(ReadError(name, str(exc)))
    return inputs


def _deliver(text: str, output: str | None) -> None:
    """Plain ``text`` on standard output (nothing at all when empty), or in the file ``output``."""
    if output is not None:
        try:
            _write_atomically(output, text + "\n" if text else "")
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
    elif text:
        click.echo(text)


PROGRESS_MIN_FILES = 20  # fewer files are checked before a bar would be worth drawing


@contextmanager
def _progress(files: int):
    """A progress bar on standard error while many files are checked, only when standard
    error is a terminal: never in output a program reads, nor in a CI log."""
    if files < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    labels = {"figures": _("提取数字"), "rules": _("运行规则")}
    with Progress(console=Console(file=sys.stderr), transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(labels.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done)

        yield update


def _emit_report(report, fmt: str, output: str | None, fail_on, verbose: bool = False, jobs: int = 1) -> None:
    """The report in ``fmt`` on standard output, or in the file ``output`` (a long terminal
    report made by ``jobs`` processes)."""
    if fmt == "terminal" and output is None:
        render(report, fmt, _console(), fail_on=fail_on, verbose=verbose, jobs=jobs)
        return
    if fmt == "terminal":
        import io

        buffer = io.StringIO()
        render(report, fmt, _console(buffer), fail_on=fail_on, verbose=verbose, jobs=jobs)
        text = buffer.getvalue().rstrip("\n")
    else:
        text = render(report, fmt, fail_on=fail_on)
    _deliver(text, output)


def _split_option(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    from .report.escape import visible  # paths and config text may hold terminal controls

    click.echo(f"factcheck: {visible(message)}", err=True)
    sys.exit(EXIT_USAGE)


def _rules():
    """Every rule that loads; a rule package that does not is named on stderr and skipped."""
    loaded = load_rules()
    for problem in loaded.problems:
        click.echo(f"factcheck: warning: {problem}", err=True)
    return loaded


lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                           help="Language of messages (default: the locale, else Simplified Chinese).")


against_option = click.option(
    "--against", metavar="DB",
    help="Also check the figures against the archive of published reports DB (a SQLite file or a "
         "postgresql:// URL made by `factcheck index`): X102 archive-conflict.")


@contextmanager
def _archive(target: str | None, create: bool):
    """The archive at ``target`` (None: no archive), or exit 2 saying why it cannot be opened."""
    if target is None:
        yield None
        return
    from .archive import Archive, ArchiveError

    try:
        archive = Archive.open(target, create=create)
    except ArchiveError as exc:
        _fail(str(exc))
    with archive:
        yield archive


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Lint Chinese news reports for garbled or contradictory figures."""
    # A run makes hundreds of thousands of small objects (quantities, figures, clauses)
    # that live until the report is printed, and next to no cycles (a few hundred
    # objects in 769 articles): reference counting frees what is let go, and the cyclic
    # collector would only walk the live ones again and again (a tenth of a large file's
    # run even when collected rarely). So it is off while a command runs (forked workers
    # inherit that), and on again after, for a program that calls main() in-process.
    if gc.isenabled():
        gc.disable()
        ctx.call_on_close(gc.enable)


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True,
              help="terminal (for people), json (the factcheck/v1 contract), sarif (SARIF 2.1.0), "
                   "github (Actions annotations), junit (JUnit XML), concise (one line per finding).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file (replaced atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding is at or above this severity (default: error).")
@click.option("--select", multiple=True, help="Only these rules: codes, code prefixes or names, comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, code prefixes or names, comma-separated.")
@click.option("--story", "story", is_flag=True, help="The PATHS given are copies of one story.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files and folders matching this gitignore-style pattern when walking "
                   "folders or expanding globs (repeatable). A file named on the command line is always checked.")
@click.option("--stdin-filename", metavar="NAME",
              help="The name to report for standard input (PATH '-'); its extension picks the reader.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Read settings from exactly this file: [factcheck] in setup.cfg or an .ini/.cfg, "
                   "[tool.factcheck] in a .toml file.")
@click.option("--show-config", is_flag=True,
              help="Print the effective configuration (file, options and defaults) and exit.")
@click.option("--report-unused-ignores", is_flag=True,
              help="Report each <!-- factcheck: ignore ... --> marker that suppressed nothing (E003).")
@click.option("-v", "--verbose", is_flag=True,
              help="Terminal format: every story's whole figures table, where copies agree too.")
@click.option("-q", "--quiet", is_flag=True,
              help="Terminal format: print only the summary line, and nothing when the check passes.")
@click.option("--statistics", is_flag=True,
              help="Print how many findings each rule made instead of the findings (terminal, concise or json).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check in N processes (default: one per core); the report is the same whatever N.")
@click.option("--no-cache", is_flag=True,
              help="Neither use nor fill the result cache (which re-checks only files that changed).")
@against_option
@lang_option
def check_command(paths, fmt, output, fail_on, select, ignore, story, exclude, stdin_filename, config_path,
                  show_config, report_unused_ignores, verbose, quiet, statistics, jobs, no_cache, lang,
                  against=None) -> None:
    """Check report files and directories (.txt, .md, .html, .pdf, .docx) for garbled and inconsistent figures.

    PATHS are files, folders (walked), quoted globs ('articles/**/*.md'), or - for
    standard input."""
    # Programs read the machine formats: their messages do not follow the locale, only --lang.
    set_language(lang or ("zh" if fmt in MACHINE_FORMATS else None))
    if statistics and fmt not in ("terminal", "concise", "json"):
        _fail("--statistics works with --format terminal, concise or json")
    installed = _rules()
    try:
        config = load_file(config_path) if config_path else load()
        check_rule_keys(config, installed)  # a misspelt code must not silently select nothing
    except ConfigError as exc:
        _fail(str(exc))
    for option, given in (("--select", select), ("--ignore", ignore)):
        unknown = unknown_rule_keys(_split_option(given), installed)
        if unknown:
            _fail(f"{option}: unknown rule {', '.join(unknown)}; `factcheck rules` lists them")
    if select:
        config.select = _split_option(select)
    if ignore:
        config.ignore = config.ignore + _split_option(ignore)
    if fail_on:
        config.fail_on = Severity.parse(fail_on)
    if show_config:
        click.echo(config.describe())
        sys.exit(EXIT_OK)
    if not paths:
        _fail("check needs at least one PATH (a file, a folder, a quoted glob, or - for standard input)")
    rules = select_rules(installed, config.select, config.ignore)
    if not installed:
        _fail("no rule is installed: the entry points of factcheck's own rules were not found "
              "(is factcheck installed in this Python? `pip install -e .` in its folder)")
    if not rules:
        _fail("--select/--ignore leave no rule to run; `factcheck rules` lists them")
    inputs = _inputs(paths, exclude, stdin_filename)
    names = [i if isinstance(i, str) else i.path for i in inputs]
    hinted = [sorted({p for pattern in group for p in (glob(pattern, recursive=True) or [pattern])})
              for group in config.stories]  # story grouping hints from the configuration
    if jobs is None:
        from .engine import default_jobs

        jobs = default_jobs()
    with _progress(len(inputs)) as progress, _archive(against or config.archive, create=False) as archive:
        report = check(inputs, config=config, rules=rules, stories=([names] if story else []) + hinted,
                       progress=progress, report_unused_ignores=report_unused_ignores, archive=archive,
                       jobs=jobs, cache=not no_cache, quotes=fmt == "terminal" and not (statistics or quiet))
    if not report.documents and not report.read_errors:
        _fail(f"no .txt, .md, .html, .pdf or .docx files found in: {', '.join(paths)}")
    # A file that could not be read was not checked: that fails the run whatever --fail-on says.
    failed = report.fails(config.fail_on) or bool(report.read_errors)
    if statistics:
        from .report.statistics import render as render_statistics

        _deliver(render_statistics(report, fmt), output)
    elif quiet and fmt == "terminal":
        from .report.terminal import summary_line

        _deliver(summary_line(report) if failed or not report.documents else "", output)
    else:
        _emit_report(report, fmt, output, config.fail_on, verbose, jobs)
    if not report.documents:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command("figures")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--exclude", multiple=True, metavar="GLOB", help="As for `check`.")
@click.option("--stdin-filename", metavar="NAME", help="As for `check`.")
@lang_option
def figures_command(paths, fmt, exclude, stdin_filename, lang) -> None:
    """List the figures found in report files (PATHS as for `check`)."""
    from .document import Document
    from .figures import extract
    from .readers import ReadError
    from .report.json import render_figures
    from .report.escape import visible
    from .report.terminal import render_figures as table

    set_language(lang)
    inputs = _inputs(paths, exclude, stdin_filename)
    documents, errors = read_paths([i for i in inputs if isinstance(i, str)])
    documents += [i for i in inputs if isinstance(i, Document)]
    errors += [i for i in inputs if isinstance(i, ReadError)]
    for error in errors:
        click.echo(visible(f"factcheck: {error.path}: {error.reason}"), err=True)
    if not documents:
        _fail("no input could be read")
    figures = {doc.path: extract(doc) for doc in documents}
    if fmt == "json":
        click.echo(render_figures(documents, figures))
    else:
        table(documents, figures, _console())


@main.command("align")
@click.argument("first", type=click.Path())
@click.argument("second", type=click.Path())
@click.option("--differences", is_flag=True, help="Only passages whose figures differ, and moved blocks.")
@click.option("--whole", is_flag=True, help="Print whole passages, not their first 100 characters.")
@lang_option
def align_command(first, second, differences, whole, lang) -> None:
    """Show how two copies of one story align, passage by passage (= anchored on a
    passage found once in each, » moved, ~ aligned between anchors)."""
    from .align import align, passages
    from .figures import extract
    from .report.alignment import render
    from .report.escape import visible

    set_language(lang)
    documents, errors = read_paths([first, second])
    for error in errors:
        click.echo(visible(f"factcheck: {error.path}: {error.reason}"), err=True)
    if len(documents) != 2:
        _fail("align needs two readable files")
    a, b = documents
    segments = align(*(passages(d.norm, extract(d)) for d in (a, b)))
    click.echo(render(a, b, segments, differences, whole), nl=False)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option
def rules_command(fmt, lang) -> None:
    """List every rule installed (built-in and plugins)."""
    import json

    from .report.terminal import render_rules

    set_language(lang)
    rules = _rules()
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
    from .testing import case_file, load_cases

    set_language(lang)
    matches = [r for r in [*_rules(), RuleError] if rule in (r.code, r.name) or rule.upper() == r.code]
    if not matches:
        _fail(f"no rule named {rule!r}; `factcheck rules` lists them")
    found = matches[0]
    path = case_file(found)
    if path is None and found.cases is not None:
        click.echo(f"factcheck: warning: {found.code} {found.name}: case file {found.cases!r} not found", err=True)
    render_explanation(found, load_cases(path) if path else None, _console())


db_option = click.option("--db", metavar="DB",
                         help="The archive: a SQLite file (made if missing) or a postgresql:// URL "
                              "(default: archive in the configuration).")


def _db(db: str | None) -> str:
    """--db, else the configuration's archive; exit 2 when neither names one."""
    if db:
        return db
    try:
        configured = load().archive
    except ConfigError as exc:
        _fail(str(exc))
    if not configured:
        _fail("name the archive with --db DB (or archive = DB in the configuration)")
    return configured


@main.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--exclude", multiple=True, metavar="GLOB", help="As for `check`.")
def index_command(paths, db, exclude) -> None:
    """Store the keyed figures of published reports (PATHS as for `check`, not -) in the
    archive DB, for `check --against DB`. Unchanged reports (same text) are skipped; a changed
    one replaces its figures. Exit 1 when a file could not be indexed."""
    from .discover import STDIN, expand
    from .report.escape import visible

    files, unmatched = expand(list(paths), list(exclude))
    for pattern in unmatched:
        click.echo(f"factcheck: no files match {pattern!r}", err=True)
    if STDIN in files:
        _fail("index reads files, not standard input: save the report and name its path")
    with _archive(_db(db), create=True) as archive:
        result = archive.index(files)
    for error in result.errors:
        click.echo(visible(f"factcheck: {error.path}: {error.reason}"), err=True)
    click.echo(f"indexed {len(result.indexed)} reports ({result.figures} keyed figures), "
               f"{len(result.unchanged)} unchanged, {len(result.errors)} not indexed")
    sys.exit(EXIT_FINDINGS if result.errors else EXIT_OK)


@main.group("archive")
def archive_group() -> None:
    """Look up what the archive of published reports holds."""


@archive_group.command("stats")
@db_option
def archive_stats_command(db) -> None:
    """How many reports, figures, places and metrics the archive holds, and its schema version."""
    with _archive(_db(db), create=False) as archive:
        stats = archive.stats()
    for name, value in stats.items():
        click.echo(f"{name.replace('_', ' ')}: {value}")


@archive_group.command("query")
@db_option
@click.option("--place", help="A place as keyed, e.g. 白城市.")
@click.option("--metric", help="A canonical metric as keyed, e.g. 贫困人口 or 贫困村出列.")
@click.option("--period", help="A period as keyed, e.g. 2015年底.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def archive_query_command(db, place, metric, period, fmt) -> None:
    """The published figures of a key (any of --place, --metric, --period), with report and line."""
    import json

    from .report.escape import visible

    with _archive(_db(db), create=False) as archive:
        found = archive.query(place, metric, period)
    if fmt == "json":
        click.echo(json.dumps([{"key": str(p.key), "place": p.key.place, "metric": p.key.metric,
                                "period": p.key.period, "cumulative": p.key.cumulative, "family": p.key.family,
                                "text": p.text, "value": p.value, "unit": p.unit, "bounds": list(p.base_bounds),
                                "path": p.path, "line": p.line, "column": p.column, "date": p.report_date}
                               for p in found], ensure_ascii=False, indent=2))
        return
    for p in found:
        click.echo(visible(f"{p.key}\t{p.text}\t{p.path}:{p.line}:{p.column}\t{p.report_date or ''}"))
@main.group("cache")
def cache_group() -> None:
    """factcheck's cache folder: results of earlier runs, the trimmed dictionary, OpenCC's tables."""


@cache_group.command("clear")
def cache_clear_command() -> None:
    """Remove everything in the cache folder; the next run rebuilds what it needs."""
    from .results import clear

    try:
        folder, gone = clear()
    except OSError as exc:
        _fail(f"cannot clear the cache: {exc.strerror or exc}")
    click.echo(f"factcheck: removed {len(gone)} file{'s' if len(gone) != 1 else ''} from {folder}")
