"""Extract, update and compile the message catalogs.

    python tools/compile_catalogs.py          # update factcheck.po, compile factcheck.mo
    python tools/compile_catalogs.py --check  # exit 1 if the catalog is incomplete or stale

Message ids are the Simplified Chinese texts in the code:

* every string literal passed to ``_()`` in ``factcheck/**/*.py`` and
  ``checks/**/*.py`` (the gettext function of ``factcheck.i18n`` and the
  local marker of ``factcheck/stories.py`` alike; implicit concatenation is
  one literal to ``ast``);
* the ``summary`` and ``explanation`` attributes of every rule class (a
  class in ``factcheck/`` or ``checks/`` that sets ``code``), shown through ``_(rule.summary)``
  and ``_(rule.explanation)``.

The update keeps existing translations, adds new ids with an empty msgstr and
turns ids no longer in the code into obsolete ``#~`` entries (a translation
comes back if its id does; ``--drop-obsolete`` leaves them out). Entries are sorted by msgid, so the file only
changes where the messages do. ``--check`` fails when an id is missing from
the .po, untranslated (empty or fuzzy), loses or gains a ``{placeholder}``,
or when the .mo differs from what compiling the .po gives.
"""
from __future__ import annotations

import argparse
import datetime
import ast
import io
import string
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("factcheck", "checks")
RULE_SOURCES = ("factcheck", "checks")
RULE_ATTRIBUTES = ("summary", "explanation")
DOMAIN = "factcheck"
LOCALE_DIR = ROOT / "factcheck" / "locale"
LANGUAGES = ("en",)
PROJECT = "factcheck"
HEADER = """\
# English messages for factcheck.
# Message ids are the Simplified Chinese texts in the code.
# Updated by tools/compile_catalogs.py: edit msgstr lines only, then run it again.
#"""


@dataclass
class Extracted:
    messages: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    warnings: list[str] = field(default_factory=list)

    def add(self, text: str, path: str, line: int) -> None:
        if (path, line) not in self.messages[text]:
            self.messages[text].append((path, line))


def _is_marker(func: ast.expr) -> bool:
    return isinstance(func, ast.Name) and func.id == "_"


def _rule_attributes(node: ast.ClassDef) -> dict[str, ast.expr] | None:
    """The class-level assignments of a class that sets ``code``, else None."""
    values: dict[str, ast.expr] = {}
    for stmt in node.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            values[stmt.target.id] = stmt.value
    return values if "code" in values else None


def extract_file(path: Path, found: Extracted, rules: bool) -> None:
    rel = path.relative_to(ROOT).as_posix()
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    except SyntaxError as exc:
        found.warnings.append(f"{rel}:{exc.lineno}: cannot parse ({exc.msg}); its messages are not extracted")
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_marker(node.func) and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value, rel, arg.lineno)
            elif isinstance(arg, ast.JoinedStr):
                found.warnings.append(f"{rel}:{arg.lineno}: f-string passed to _() cannot be translated")
        elif rules and isinstance(node, ast.ClassDef):
            attributes = _rule_attributes(node)
            if attributes is None:
                continue
            for name in RULE_ATTRIBUTES:
                value = attributes.get(name)
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.add(value.value, rel, value.lineno)
                elif value is not None:
                    found.warnings.append(f"{rel}:{value.lineno}: {node.name}.{name} is not a string literal;"
                                          " it cannot be extracted")


def extract(root: Path = ROOT) -> Extracted:
    found = Extracted()
    for top in SOURCES:
        for path in sorted((root / top).rglob("*.py")):
            if "__pycache__" not in path.parts:
                extract_file(path, found, rules=top in RULE_SOURCES)
    return found


def placeholders(text: str) -> set[str]:
    """The replacement fields of a str.format template: ``{name}``, ``{x:.2f}``."""
    fields = set()
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(text):
            if name is not None:
                fields.add("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    except ValueError as exc:
        fields.add(f"<malformed: {exc}>")
    return fields


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, language: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN, abort_invalid=True)


def updated_catalog(old: Catalog | None, extracted: Extracted, language: str, obsolete: bool = True) -> Catalog:
    """A catalog of the extracted ids, with the translations of ``old`` (and, with ``obsolete``,
    the translated ids no longer in the code as ``#~`` entries)."""
    keep = {}
    if old is not None:
        keep = dict(old.obsolete) if obsolete else {}
        keep.update({m.id: m for m in old if m.id})
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    new = Catalog(
        locale=language, domain=DOMAIN, header_comment=old.header_comment if old else HEADER,
        project=PROJECT, version=_version(),
        copyright_holder=None, msgid_bugs_address=old.msgid_bugs_address if old else "",
        creation_date=old.creation_date if old else now,
        revision_date=old.revision_date if old else now,
        last_translator=old.last_translator if old else "factcheck contributors",
        language_team=old.language_team if old else f"{language} <LL@li.org>",
        fuzzy=False,
    )
    for msgid in sorted(extracted.messages):
        previous = keep.pop(msgid, None)
        new.add(msgid, previous.string if previous else "",
                locations=sorted(extracted.messages[msgid]),
                flags=[f for f in (previous.flags if previous else ()) if f == "fuzzy"],
                user_comments=previous.user_comments if previous else ())
    for msgid, message in sorted(keep.items() if obsolete else ()):
        if msgid and message.string:  # an untranslated obsolete id is not worth keeping
            new.obsolete[msgid] = Message(msgid, message.string, flags=message.flags,
                                          user_comments=message.user_comments)
    return new


def _version() -> str:
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config.get("metadata", "version", fallback="")


def po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, sort_output=True, include_lineno=True)
    return buf.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def mo_messages(data: bytes) -> dict:
    """What a compiled catalog says, for comparing two: its messages and its
    header without the Babel version that wrote it (that alone changes nothing)."""
    import gettext

    messages = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)
    header = messages.get("", "")
    messages[""] = "".join(line for line in header.splitlines(keepends=True)
                           if not line.startswith("Generated-By:"))
    return messages


def mo_current(mo_file: Path, catalog: Catalog) -> bool:
    """Whether ``mo_file`` holds what compiling ``catalog`` gives."""
    if not mo_file.exists():
        return False
    data = mo_file.read_bytes()
    if data == mo_bytes(catalog):
        return True
    try:
        return mo_messages(data) == mo_messages(mo_bytes(catalog))
    except (OSError, ValueError):  # not a valid .mo at all
        return False


def problems(catalog: Catalog | None, extracted: Extracted, mo_file: Path, po_file: Path) -> list[str]:
    """Everything that makes the catalog incomplete or stale, one line each."""
    rel = po_file.relative_to(ROOT).as_posix()
    if catalog is None:
        return [f"{rel}: missing; run python tools/compile_catalogs.py"]
    found = []
    for msgid in sorted(extracted.messages):
        where = "{}:{}".format(*extracted.messages[msgid][0])
        short = " ".join(msgid.split())[:60]
        message = catalog.get(msgid)
        if message is None:
            found.append(f"missing from {rel}: {short!r} ({where})")
        elif not message.string:
            found.append(f"untranslated: {short!r} ({where})")
        elif message.fuzzy:
            found.append(f"fuzzy (not used until confirmed): {short!r} ({where})")
        else:
            if placeholders(message.string) != placeholders(msgid):
                found.append(f"placeholders differ: {short!r} has {sorted(placeholders(msgid))},"
                             f" the translation {sorted(placeholders(message.string))} ({where})")
            if msgid.endswith("\n") != message.string.endswith("\n"):
                found.append(f"msgid and msgstr must both end in a newline, or neither: {short!r} ({where})")
    mo_rel = mo_file.relative_to(ROOT).as_posix()
    if not mo_file.exists():
        found.append(f"{mo_rel}: missing; run python tools/compile_catalogs.py")
    elif not mo_current(mo_file, catalog):
        found.append(f"{mo_rel}: stale, it does not match {rel}; run python tools/compile_catalogs.py")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 listing ids missing from the .po, untranslated,"
                             " or a .mo that does not match its .po")
    parser.add_argument("--drop-obsolete", action="store_true",
                        help="update without the #~ entries of ids no longer in the code (every edit of a"
                             " long explanation leaves one)")
    args = parser.parse_args(argv)
    extracted = extract()
    for warning in extracted.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    status = 0
    for language in LANGUAGES:
        po_file = po_path(language)
        mo_file = po_file.with_suffix(".mo")
        old = read_catalog(po_file, language)
        if args.check:
            found = problems(old, extracted, mo_file, po_file)
            stale = [m.id for m in (old or ()) if m.id and m.id not in extracted.messages]
            if stale:
                print(f"note: {len(stale)} id(s) in {po_file.name} are no longer in the code;"
                      " the next update marks them obsolete")
            if found:
                print(f"{language}: {len(found)} problem(s) in the catalog:")
                for line in found:
                    print(f"  {line}")
                status = 1
            continue
        catalog = updated_catalog(old, extracted, language, obsolete=not args.drop_obsolete)
        po_file.parent.mkdir(parents=True, exist_ok=True)
        content = po_bytes(catalog)
        if not po_file.exists() or po_file.read_bytes() != content:
            po_file.write_bytes(content)
        written = read_catalog(po_file, language)  # compile the file as --check will read it
        if not mo_current(mo_file, written):
            mo_file.write_bytes(mo_bytes(written))
        untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        print(f"{po_file.relative_to(ROOT)}: {len(catalog)} messages,"
              f" {len(untranslated)} untranslated, {len(catalog.obsolete)} obsolete")
        for msgid in untranslated:
            print("  untranslated: {!r} ({}:{})".format(" ".join(msgid.split())[:60], *catalog[msgid].locations[0]))
    return status


if __name__ == "__main__":
    sys.exit(main())
