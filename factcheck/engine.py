"""Checking many files: read and fingerprint each, group them into stories once, then
extract, align and check each story or lone file (a "unit"), in worker processes when
there are enough files to pay for starting them, and not at all when the result cache
already holds the unit's findings.

The report gets every document, figure list and alignment, but those a worker or the
cache produced are made again in this process only when a report format asks for them
(the terminal's excerpts and story tables, the HTML page): the findings are what travel.
"""
from __future__ import annotations

import os
from array import array
from collections.abc import Mapping
from stat import S_ISREG
from time import time_ns
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import forking, suppress
from .forking import can_fork, ignore_interrupts, in_forked_workers
from .config import Config
from .document import Document, Section, Span, forget_segments, section_bounds
from .figures import Figure, extract, places
from .keys import Facts, facts
from .readers import ReadError, decode, path_name, raw, read_path, reader_name
from .results import ResultCache, digest
from .rules import RULE_ERROR_CODE, RULE_ERROR_NAME, Context, Diagnostic, Rule, Scope, Severity
from .stories import Story, align_story, fingerprint, forget_per_copy, group, sampled, table_rows
from .variants import changed_at

POOL_MIN_FILES = 64  # fewer files are checked in this process: starting workers would cost more
POOL_MIN_UNITS = 16  # likewise for the stories and files left to check after the cache answered
# characters: a unit this long checked in this process has its rules run side by side in forked
# workers (forking and sending the findings back cost more than that saves on a shorter one)
RULES_APART_CHARS = 100_000
# Texts read in this process (no workers) are kept for the checking up to this many characters
# (about 24 MB of UTF-8 Chinese); the files beyond are read again when their unit is checked,
# so that one process holds the texts of one unit at a time, whatever the size of the run.
KEEP_TEXT_CHARS = 8_000_000


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def stage_failure(doc: Document, exc: Exception, stage: str = "figures") -> Diagnostic:
    from .i18n import _

    text = (_("提取此文件的数字时出错（{error}），此文件的数字未经检查；请报告这个问题") if stage == "figures" else
            _("对照此报道的各版本时出错（{error}），各版本未经完整对照；请报告这个问题"))
    message = text.format(error=f"{type(exc).__name__}: {exc}")
    return Diagnostic(RULE_ERROR_CODE, RULE_ERROR_NAME, Severity.ERROR, message, Span(doc.path, 0, 0, "", 1, 1, 1, 1))


class LazyDocument(Document):
    """A document known by its name, encoding and length, read again from its file the
    first time something asks for its text (a worker or the cache checked it)."""

    def __init__(self, path: str, source: str, encoding: str, chars: int, max_size: int) -> None:
        self.__dict__.update(path=path, encoding=encoding, _source=source, _chars=chars, _max_size=max_size)

    @property
    def chars(self) -> int:
        return self._chars

    def _read(self) -> Document:
        if "_document" not in self.__dict__:
            doc = read_path(self._source, self._max_size)
            if isinstance(doc, ReadError):  # gone or changed since it was checked: nothing to quote
                doc = Document.from_text(self.path, "", self.encoding)
            self.__dict__["_document"] = doc
        return self.__dict__["_document"]

    # the fields the file's text gives (those with defaults would otherwise read as the defaults)
    text = property(lambda self: self._read().text)
    norm = property(lambda self: self._read().norm)
    offsets = property(lambda self: self._read().offsets)
    wrapped = property(lambda self: self._read().wrapped)
    locations = property(lambda self: self._read().locations)
    ideograph_text = property(lambda self: self._read().ideograph_text)

    # The lines the terminal report quotes, sent by the worker that checked the file
    # (``quoted_lines``): the file is then not read, decoded and normalised again for them.
    @property
    def line_count(self) -> int:
        quoted = self.__dict__.get("_quoted")
        return quoted[0] if quoted is not None and "_document" not in self.__dict__ else super().line_count

    def source_line(self, line: int) -> str:
        quoted = self.__dict__.get("_quoted")
        if quoted is not None and line in quoted[1]:
            return quoted[1][line]
        return super().source_line(line)

    def forget(self) -> None:
        """Let go of the text read, once the file is checked (read again if asked for)."""
        self.__dict__.pop("_document", None)

    def __eq__(self, other) -> bool:  # the same file; comparing texts would read both
        return self is other

    __hash__ = object.__hash__


class Figures(Mapping):
    """Each document's figures by path, extracted on first use. A document on which
    extraction fails gets none and one E002 finding (in ``failures``); the text rules
    and the other files are still checked."""

    def __init__(self, documents: list[Document] = ()) -> None:
        self._documents = {d.path: d for d in documents}
        self._found: dict[str, list[Figure]] = {}
        self.failures: dict[str, Diagnostic] = {}

    def __getitem__(self, path: str) -> list[Figure]:
        found = self._found.get(path)
        if found is None:
            doc = self._documents[path]
            try:
                found = extract(doc)
            except Exception as exc:  # a bug on one file must not stop the run (nor the CI job)
                found = []
                self.failures[path] = stage_failure(doc, exc)
            self._found[path] = found
        return found

    def release(self, documents: list[Document]) -> None:
        """Let go of these documents' figures (extracted again if asked for): a lone file's,
        once it is checked, so that a run holds the figures of one unit at a time."""
        for doc in documents:
            self._found.pop(doc.path, None)

    def __contains__(self, path) -> bool:
        return path in self._documents

    def __iter__(self):
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


class LazyStory(Story):
    """A story whose copies are aligned the first time ``alignments`` is asked for. A
    story whose alignment fails keeps the pairs done so far and one E002 (``failure``)."""

    def __init__(self, documents: list[Document], similarity: float, figures: Mapping) -> None:
        self._figures, self._pending, self.failure = figures, True, None
        super().__init__(documents, similarity)

    @property
    def alignments(self) -> dict:
        if self._pending:
            self._pending = False
            try:
                align_story(self, self._figures)
            except Exception as exc:
                self.failure = stage_failure(self.documents[0], exc, "story")
        return self._alignments

    @alignments.setter
    def alignments(self, value: dict) -> None:
        self._alignments = value

    def forget(self) -> None:
        """Let go of the alignments (and the figures they hold): aligned again if asked for."""
        self._pending, self._alignments, self.segments = True, {}, {}
        self.__dict__.pop("_partners", None)


@dataclass
class Surveyed:
    """A file read and fingerprinted (or answered by the cache)."""

    source: str  # the path to read it from
    name: str  # the path it goes by in reports
    content: str  # hash of its bytes
    prints_key: str
    encoding: str
    chars: int
    prints: array  # of its shingles' hashes ("Q")
    fresh: bool  # fingerprinted in this run, to be cached
    document: Document | None = None  # when read in this process
    stat_key: str | None = None  # the file's size, times and inode, when new to the cache


@dataclass
class Settings:
    """What a unit's findings depend on besides its files; shared with worker processes."""

    rules: list[type[Rule]]
    config: Config
    report_unused: bool
    language: str
    stamp: str = ""
    cache_path: Path | None = None
    quotes: bool = True  # the report quotes the files (terminal): send and keep story tables and source lines

    @property
    def key(self) -> str:
        rules = [(r.__module__, r.__qualname__, r.code, r.name, int(r.severity), r.scope.value) for r in self.rules]
        config = (sorted((k, int(v)) for k, v in self.config.severity.items()),
                  sorted(self.config.per_file_ignores.items()), self.config.max_file_size)
        return digest(self.stamp, rules, config, self.language, self.report_unused)


class Checker:
    """The work on one file or unit, the same in this process and in a worker."""

    def __init__(self, settings: Settings, cache: ResultCache | None) -> None:
        self.settings, self.cache = settings, cache

    def recall(self, paths: list[str], sample: bool | None) -> list[Surveyed | None]:
        """Each file the cache knows by its size, times and inode (unread), else None."""
        if self.cache is None:
            return [None] * len(paths)
        limit = self.settings.config.max_file_size
        keys = [self._stat_key(p, reader_name(p), sample, limit) for p in paths]
        known = self.cache.files([k for k in keys if k])
        found: list[Surveyed | None] = []
        for path, key in zip(paths, keys):
            if key in known:
                content, prints_key, encoding, chars, prints = known[key]
                found.append(Surveyed(path, path_name(path), content, prints_key, encoding, chars, prints, False))
            else:
                found.append(None)
        return found

    def survey(self, paths: list[str], sample: bool | None, keep: bool) -> list[Surveyed | ReadError]:
        """Each file read and fingerprinted, unless the cache knows its content."""
        limit = self.settings.config.max_file_size
        readers = [reader_name(p) for p in paths]
        stat_keys = [self._stat_key(p, r, sample, limit) for p, r in zip(paths, readers)]
        found: list = [None] * len(paths)
        unknown = []
        for i, path in enumerate(paths):
            data = raw(path, limit)
            if isinstance(data, ReadError):
                found[i] = data
                continue
            content = digest(data)
            unknown.append((i, data, content, digest("prints", self.settings.stamp, content, readers[i], sample)))
        cached = self.cache.prints([u[3] for u in unknown]) if self.cache is not None else {}
        for i, data, content, prints_key in unknown:
            path = paths[i]
            if prints_key in cached:
                encoding, chars, prints = cached[prints_key]
                found[i] = Surveyed(path, path_name(path), content, prints_key, encoding, chars, prints, False)
            else:
                doc = decode(path, data)
                # a text checked in sections joins no story, nor does the run's only text: its
                # shingles would go unused. Kept as an array: a set of a few hundred ints takes
                # seven times the memory, and a run holds every file's until the stories are grouped
                prints = array("Q") if isinstance(doc, ReadError) or doc.chars > self.settings.config.section_size \
                    or sample is None else array("Q", sorted(fingerprint(doc, sample)))
                found[i] = doc if isinstance(doc, ReadError) else Surveyed(
                    path, doc.path, content, prints_key, doc.encoding, len(doc.text), prints,
                    True, doc if keep else None)
            if isinstance(found[i], Surveyed):
                found[i].stat_key = stat_keys[i]  # to be remembered
        return found

    def _stat_key(self, path: str, reader: str, sample: bool | None, limit: int) -> str | None:
        """What identifies this version of the file without reading it, as git's index does;
        None when it is not a regular file, or changed too recently to be told from its next
        version by its times (the clock that stamps files ticks in milliseconds)."""
        if self.cache is None:
            return None
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        if not S_ISREG(info.st_mode) or info.st_size > limit or time_ns() - info.st_mtime_ns < 2_000_000_000:
            return None
        return digest("stat", self.settings.stamp, os.path.abspath(path), info.st_dev, info.st_ino, info.st_size,
                      info.st_mtime_ns, info.st_ctime_ns, reader, sample)

    def check_in_sections(self, doc: Document, size: int, jobs: int = 1) -> list[Diagnostic]:
        """The findings on a document too large to check whole (``section-size``): each section
        on its own, alone (no story, no copies), its figures and working data let go when done,
        so that memory stays that of one section (per worker) whatever the size of the file.
        With ``jobs`` > 1 the sections are checked side by side, in forked workers."""
        bounds = section_bounds(doc.norm, size)
        if jobs > 1 and len(bounds) > 1 and can_fork():
            found = [d for part in _sections_in_workers(self, doc, bounds, jobs) for d in part]
        else:
            found = [d for start, end in bounds for d in self.check_section(doc, start, end)]
        return suppress.apply(self.settings.config.apply(found), [doc], self.settings.report_unused)

    def check_section(self, doc: Document, start: int, end: int) -> list[Diagnostic]:
        """The findings on doc.norm[start:end], checked alone; its working data let go after."""
        section = Section(doc, start, doc.norm[start:end])
        figures = Figures([section])
        found = self.check([section], None, figures, suppressed=False)
        del section, figures
        forget_text_data()
        return found

    def check(self, documents: list[Document], story: LazyStory | None, figures: Figures,
              suppressed: bool = True, jobs: int = 1) -> list[Diagnostic]:
        """The findings of the document-scope and story-scope rules on one unit, after
        the configuration's per-file ignores and severities and the inline markers.
        With ``jobs`` > 1 a long unit's rules run side by side, in forked workers."""
        for doc in documents:  # every figure list is made before the rules run, as E002 says
            figures[doc.path]
        if story is not None:
            story.alignments
        ctx = Context(documents, figures, [story] if story is not None else [], [])
        rules = [rule for rule in self.settings.rules if rule.scope is not Scope.CORPUS]
        if jobs > 1 and len(rules) > 1 and sum(d.chars for d in documents) >= RULES_APART_CHARS \
                and can_fork():
            found = [d for part in _rules_in_workers(rules, ctx, jobs) for d in part]
        else:
            found = [d for rule in rules for d in rule().run(ctx)]
        found += [figures.failures[d.path] for d in documents if d.path in figures.failures]
        if story is not None and story.failure is not None:
            found.append(story.failure)
        if not suppressed:  # a section's: the whole document's markers and settings apply afterwards
            return found
        return suppress.apply(self.settings.config.apply(found), documents, self.settings.report_unused)


# --- worker processes ---------------------------------------------------------------------

_worker: Checker | None = None


def _start_worker(settings: Settings) -> None:
    global _worker
    from .i18n import set_language

    ignore_interrupts()
    set_language(settings.language)
    cache = ResultCache(settings.cache_path, readonly=True) if settings.cache_path is not None else None
    _worker = Checker(settings, cache)


def _survey_batch(paths: list[str], sample: bool | None) -> list[Surveyed | ReadError]:
    return _worker.survey(paths, sample, keep=False)


def _check_batch(units: list[tuple[list[Document], float | None]]) -> list[tuple[list[Diagnostic], dict, list | None,
                                                                                dict]]:
    """Each unit's findings, facts, (a story's) table rows and the lines its findings quote:
    the main process would otherwise extract, align and read them again for the report."""
    found = []
    for documents, similarity in units:
        figures = Figures(documents)
        story = LazyStory(documents, similarity, figures) if similarity is not None else None
        diagnostics = _worker.check(documents, story, figures)
        quotes = _worker.settings.quotes
        found.append((diagnostics, _facts(documents, figures), _table(story) if quotes and story is not None else None,
                      quoted_lines(documents, diagnostics) if quotes else {}))
        forget_text_data()
    return found


def _attach(unit: tuple[list[Document], LazyStory | None], table: list | None, quoted: dict) -> None:
    """Give a unit's story its table rows and its files not read here the lines they quote."""
    documents, story = unit
    if story is not None and table is not None:
        story.table = table
    for doc in documents:
        if doc.path in quoted and isinstance(doc, LazyDocument):
            doc.__dict__["_quoted"] = quoted[doc.path]


def _table(story: LazyStory) -> list | None:
    try:
        return table_rows(story)
    except Exception:  # none sent: the report makes the rows again, from the story aligned again
        return None


def quoted_lines(documents: list[Document], diagnostics: list[Diagnostic]) -> dict[str, tuple[int, dict]]:
    """path -> (its number of lines, {line: text} of the lines its findings are on)."""
    wanted: dict[str, set[int]] = {}
    for d in diagnostics:
        wanted.setdefault(d.span.path, set()).add(d.span.line)
    return {doc.path: (doc.line_count, {n: doc.source_line(n) for n in wanted[doc.path] if 1 <= n <= doc.line_count})
            for doc in documents if doc.path in wanted}


def _facts(documents: list[Document], figures: Figures) -> dict[str, list]:
    """Each document's Facts (what the cross-report rules read), as JSON-ready lists."""
    return {d.path: facts(d, figures[d.path]).to_json() for d in documents}


def _sections_in_workers(checker: Checker, doc: Document, bounds: list[tuple[int, int]],
                         jobs: int) -> list[list[Diagnostic]]:
    """Each section's findings, in order, from forked workers: they inherit the document
    (a Section sent to a worker would carry the whole file with it) and each cuts its own."""
    return in_forked_workers(_check_section_at, len(bounds), jobs, (checker, doc, bounds))


def _rules_in_workers(rules: list[type[Rule]], ctx: Context, jobs: int) -> list[list[Diagnostic]]:
    """Each rule's findings on one unit, in order, from forked workers that inherit its
    documents, figures and story: one long file is otherwise checked on one core."""
    return in_forked_workers(_run_rule_at, len(rules), jobs, (rules, ctx))


def _run_rule_at(k: int) -> list[Diagnostic]:
    rules, ctx = forking.shared
    return rules[k]().run(ctx)


def _check_section_at(k: int) -> list[Diagnostic]:
    checker, doc, bounds = forking.shared
    return checker.check_section(doc, *bounds[k])


class Workers:
    """The worker processes, started on first use (forked where the system can: they
    inherit the rules and settings instead of importing them again)."""

    def __init__(self, jobs: int, settings: Settings) -> None:
        self.jobs, self.settings, self.pool = jobs, settings, None

    def map(self, function, batches: list, *args):
        if self.pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("fork" if can_fork() else None)
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_start_worker,
                                            initargs=(self.settings,))
        return self.pool.map(function, batches, *[[a] * len(batches) for a in args])

    def batches(self, items: list, most: int = 256) -> list[list]:
        size = max(1, min(most, len(items) // (self.jobs * 8)))
        return [items[i:i + size] for i in range(0, len(items), size)]

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=cancel)
            self.pool = None


# --- a run ----------------------------------------------------------------------------------

@dataclass
class Outcome:
    documents: list[Document]
    figures: Figures
    stories: list[LazyStory]
    diagnostics: list[Diagnostic]
    read_errors: list[ReadError]


def shingling(documents: int) -> bool | None:
    """How a run of this many documents fingerprints them: sampled (True), on every shingle
    (False), or not at all (None): a lone document has no copy to be grouped with."""
    return None if documents < 2 else sampled(documents)


def run(files: list[str], given: list[Document], errors: list[ReadError], settings: Settings,
        explicit: list[list[str]], cache: ResultCache | None, jobs: int = 1,
        progress: Callable[[str, int, int], None] | None = None, late_errors: int = 0,
        archive=None) -> Outcome:
    """Check ``files`` (paths of files) and ``given`` documents. ``errors`` are the read
    errors so far; the files that cannot be read join them, before the last ``late_errors``."""
    checker = Checker(settings, cache)
    parallel = jobs > 1 and len(files) + len(given) >= POOL_MIN_FILES
    workers = Workers(jobs, settings)
    try:
        guess = shingling(len(files) + len(given))
        surveyed = _survey(files, guess, checker, workers if parallel else None, progress)
        readable = [s for s in surveyed if isinstance(s, Surveyed)]
        sample = shingling(len(readable) + len(given))
        if sample != guess and sample is not None:  # files could not be read, too few are left to sample shingles
            again = iter(_survey([s.source for s in readable], sample, checker, None, None))
            surveyed = [next(again) if isinstance(s, Surveyed) else s for s in surveyed]
            readable = [s for s in surveyed if isinstance(s, Surveyed)]
        if cache is not None:
            cache.store_prints([(s.prints_key, s.encoding, s.chars, s.prints) for s in readable if s.fresh])
            cache.store_files([(s.stat_key, s.content, s.prints_key) for s in readable if s.stat_key])
        cut = len(errors) - late_errors
        errors = errors[:cut] + [s for s in surveyed if isinstance(s, ReadError)] + errors[cut:]
        max_size = settings.config.max_file_size
        documents = [s.document or LazyDocument(s.name, s.source, s.encoding, s.chars, max_size) for s in readable]
        prints = {d.path: s.prints for d, s in zip(documents, readable)}
        content = {d.path: s.content for d, s in zip(documents, readable)}
        prints.update((d.path, fingerprint(d, sample) if sample is not None else set()) for d in given)
        documents += given
        # a text longer than section-size is checked in sections, here, alone (no story, no cache)
        size = settings.config.section_size
        large = [d for d in documents if d.chars > size]
        ordinary = [d for d in documents if d.chars <= size] if large else documents
        figures = Figures(ordinary)
        stories = [LazyStory(s.documents, s.similarity, figures) for s in group(ordinary, explicit, prints)]
        in_story = {id(d) for s in stories for d in s.documents}
        units = [(s.documents, s) for s in stories] + [([d], None) for d in ordinary if id(d) not in in_story]
        diagnostics, known_facts = _check_units(units, content, checker, workers if parallel else None, figures,
                                                progress, jobs)
        workers.close()  # the large files' sections have workers of their own
        for doc in large:
            diagnostics += checker.check_in_sections(doc, size, jobs)
    except BaseException:
        workers.close(cancel=True)
        raise
    ctx = Context(ordinary, figures, stories, errors, archive, known_facts)
    whole = [d for rule in settings.rules if rule.scope is Scope.CORPUS for d in rule().run(ctx)]
    if whole:
        named = {d.span.path for d in whole}
        whole = suppress.apply(settings.config.apply(whole), [d for d in documents if d.path in named])
    diagnostics += whole
    diagnostics.sort(key=Diagnostic.sort_key)
    return Outcome(documents, figures, stories, diagnostics, errors)


def _survey(files: list[str], sample: bool | None, checker: Checker, workers: Workers | None,
            progress) -> list[Surveyed | ReadError]:
    """The files the cache knows unread, then the others read (in workers when there are enough)."""
    found: list = checker.recall(files, sample)
    rest = [i for i, s in enumerate(found) if s is None]
    if progress:
        progress("figures", len(files) - len(rest), len(files))
    paths = [files[i] for i in rest]
    if workers is not None and len(paths) >= POOL_MIN_FILES:
        done = workers.map(_survey_batch, workers.batches(paths), sample)
    else:
        done = _survey_here(checker, paths, sample)
    place = iter(rest)
    count = len(files) - len(rest)
    for batch in done:
        for surveyed in batch:
            found[next(place)] = surveyed
        count += len(batch)
        if progress:
            progress("figures", count, len(files))
    return found


def _survey_here(checker: Checker, paths: list[str], sample: bool | None):
    """Batches of the files surveyed in this process, their texts kept up to KEEP_TEXT_CHARS."""
    kept = 0
    for k in range(0, len(paths), 64):
        batch = checker.survey(paths[k:k + 64], sample, keep=kept < KEEP_TEXT_CHARS)
        kept += sum(s.chars for s in batch if isinstance(s, Surveyed) and s.document is not None)
        yield batch


def forget_text_data() -> None:
    """Drop the working data kept by text (segments, place mentions, traditional
    characters, what rules keep of each copy of a story), which would keep the texts too: for a unit or a
    section once checked."""
    forget_segments()
    places.cache_clear()
    changed_at.cache_clear()
    forget_per_copy()


def _let_go(documents: list[Document], story: LazyStory | None, figures: Figures) -> None:
    """Release a checked unit's working data: its figures, its story's alignments (aligned
    again if a report asks) and the texts of the files read again for it, as a worker's
    would go with its process."""
    figures.release(documents)
    if story is not None:
        story.forget()
    for doc in documents:
        if isinstance(doc, LazyDocument):
            doc.forget()
    forget_text_data()


def _cache_names(documents: list[Document], here: str) -> dict[str, str] | None:
    """The documents' paths as the result cache knows them, where that differs from how
    they were named: relative to the current folder ``here``, so that a run naming the same files
    by absolute paths (a CI job whose checkout path changes every time) finds their
    results; None when two of them would share a name (not cached)."""
    named = {}
    for doc in documents:
        name = os.path.normpath(doc.path[len(here):] if doc.path.startswith(here) else doc.path)
        if name != doc.path:
            named[doc.path] = name
    if len({named.get(d.path, d.path) for d in documents}) < len(documents):
        return None
    return named


def _check_units(units: list[tuple[list[Document], LazyStory | None]], content: dict[str, str], checker: Checker,
                 workers: Workers | None, figures: Figures, progress, jobs: int = 1) -> list[Diagnostic]:
    cache, settings_key = checker.cache, checker.settings.key if checker.cache is not None else ""
    here = os.path.join(os.getcwd(), "")
    names = [_cache_names(documents, here) if cache is not None else None for documents, _story in units]
    keys = [digest("findings", settings_key, [(named.get(d.path, d.path), content[d.path]) for d in documents],
                   story.similarity if story is not None else None)
            if cache is not None and named is not None and all(d.path in content for d in documents) else None
            for (documents, story), named in zip(units, names)]
    typed: dict[str, dict[str, str]] = {}  # key -> {the cache's name: the path as named in this run}
    for k, (key, named) in enumerate(zip(keys, names)):
        if key is not None:
            as_named = {name: path for path, name in named.items()}
            if typed.setdefault(key, as_named) != as_named:  # the same files named two ways: checked as they are
                keys[k] = None
    known = cache.findings(typed) if cache is not None else {}
    quotes = checker.settings.quotes
    known_extras = cache.extras([k for k in keys if k in known]) if known and quotes else {}
    diagnostics: list[Diagnostic] = []
    todo, todo_keys, todo_names = [], [], []
    for unit, key, named in zip(units, keys, names):
        # a unit known without what the terminal report quotes (a JSON run filled its entry) is
        # checked again, once: the report would otherwise read and align it again on every run
        if key in known and (not quotes or key in known_extras):
            diagnostics += known[key]
            table, quoted = known_extras.get(key, (None, {}))
            _attach(unit, table, {typed[key].get(name, name): lines for name, lines in quoted.items()})
        else:
            todo.append(unit)
            todo_keys.append(key)
            todo_names.append(named)
    done = len(units) - len(todo)
    if progress:
        progress("rules", done, len(units))
    results, made, extras = [], {}, []
    if workers is not None and len(todo) >= POOL_MIN_UNITS:
        shipped = [(documents, story.similarity if story is not None else None) for documents, story in todo]
        for batch in workers.map(_check_batch, workers.batches(shipped, most=64)):
            for found, unit_facts, table, quoted in batch:
                _attach(todo[len(results)], table, quoted)
                extras.append((table, quoted))
                results.append(found)
                made.update(unit_facts)
            if progress:
                progress("rules", done + len(results), len(units))
    else:
        if workers is not None:  # idle: its threads are not to be running when a long unit's rule workers fork
            workers.close()
        for documents, story in todo:
            results.append(checker.check(documents, story, figures, jobs=jobs))
            made.update(_facts(documents, figures))
            if quotes:  # what the report needs of the unit, made before its working data goes
                extra = (_table(story) if story is not None else None, quoted_lines(documents, results[-1]))
                _attach((documents, story), *extra)
                if cache is not None:  # kept for the report of a run the cache will answer
                    extras.append(extra)
            _let_go(documents, story, figures)
            if progress:
                progress("rules", done + len(results), len(units))
    for found in results:
        diagnostics += found
    # the cross-report rules' Facts: made with the findings, else from the cache, by content
    facts_keys = {d.path: digest("facts", checker.settings.stamp, sorted(checker.settings.config.gazetteer.items()),
                                 content[d.path])
                  for documents, _story in units for d in documents if d.path in content}
    known_facts = cache.facts([facts_keys[p] for p in facts_keys if p not in made]) if cache is not None else {}
    by_path = {p: Facts.from_json(made[p]) if p in made else Facts.from_json(known_facts[k])
               for p, k in facts_keys.items() if p in made or k in known_facts}
    by_path.update((p, Facts.from_json(f)) for p, f in made.items() if p not in by_path)
    if cache is not None:
        cache.store_findings([(key, found, named)
                              for key, found, named in zip(todo_keys, results, todo_names) if key is not None])
        if quotes:
            cache.store_extras([(key, table, {named.get(path, path): lines for path, lines in quoted.items()})
                                for key, (table, quoted), named in zip(todo_keys, extras, todo_names)
                                if key is not None])
        cache.store_facts([(facts_keys[p], f) for p, f in made.items() if p in facts_keys])
    return diagnostics, by_path
