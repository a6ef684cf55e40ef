"""What ``rightsguide translate export|import`` print and return (the CLI stays thin)."""

from __future__ import annotations

import sys
from pathlib import Path

from rightsguide.core import terminal
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.model import Severity
from rightsguide.core.translation import exchange, exchange_files, exchange_merge
from rightsguide.core.translation.exchange_import import Importer, ImportRefused
from rightsguide.core.translation.exchange_journal import Journal


def export(content: Path, locale: str, pages: list[str] | None, fmt: str, out: Path) -> int:
    """Write one file per topic (and the English templates, and the glossary) under ``out``."""
    library = ContentLibrary(content)
    code = library.registry.get(locale).gettext_code
    by_topic = exchange.export_locale(library, locale, pages)
    journal = Journal(library.root)

    def imported(context: str, mark: str) -> bool:
        return journal.wrote(locale, context, mark)

    suffix = "po" if fmt == "po" else "xlf"
    kept: list[tuple[Path, int, int]] = []
    for topic, items in by_topic.items():  # all read before anything is written
        path = out / topic / f"{code}.{suffix}"
        try:
            earlier = exchange_merge.earlier_units(path)
        except (ValueError, OSError) as exc:
            line, _sep, message = str(exc).partition(":")
            where = f"{path}:{line}" if line.isdigit() else str(path)
            print(
                terminal.safe(
                    f"{where}: error: cannot read this file to keep its translations: "
                    f"{message if line.isdigit() else exc}; fix it, or move it away to export "
                    "a new one"
                ),
                file=sys.stderr,
            )
            print("nothing was written", file=sys.stderr)
            return 1
        items[:] = exchange_merge.with_other_pages(library, locale, topic, items, earlier)
        lost = len(exchange_merge.dropped(items, earlier))
        kept.append((path, len(exchange_merge.keep_work(items, earlier, imported)), lost))
    count = 0
    for topic, items in by_topic.items():
        if fmt == "po":
            exchange_files.write_po(out / topic / f"{code}.po", items, code, topic)
            exchange_files.write_po(out / topic / f"{topic}.pot", items, None, topic)
        else:
            exchange_files.write_xliff(out / topic / f"{code}.xlf", items, locale)
        units = [u for page in items for u in page.units]
        count += len(units)
        fuzzy = sum(u.fuzzy for u in units)
        empty = sum(not u.target for u in units)
        print(f"{topic}: {len(items)} pages, {len(units)} units ({fuzzy} fuzzy, {empty} empty)")
    for path, n, lost in kept:
        if n:
            print(
                terminal.safe(
                    f"{path}: kept {n} translations from the earlier file (those whose "
                    "English or page changed since are fuzzy)"
                )
            )
        if lost:
            print(
                terminal.safe(
                    f"{path}: {lost} translated units of the earlier file are in no page of "
                    "today's English (a section or page removed or renamed); they are not in "
                    "the new file: keep a copy of the earlier one if you need their text"
                )
            )
    pairs = exchange.glossary_pairs(library, locale)
    if pairs:
        exchange_files.write_tbx(out / f"glossary-{code}.tbx", pairs, locale)
        exchange_files.write_glossary_csv(out / f"glossary-{code}.csv", pairs)
    print(f"{count} units for {locale} in {out}", file=sys.stderr)
    return 0


def import_(
    content: Path, assets: Path, folder: Path, provenance: str | None, dry_run: bool
) -> int:
    """Check and import; print ``file:line: message`` and write nothing when refused."""
    from rightsguide.core.translation.check import check_tree

    library = ContentLibrary(content)
    try:
        result = Importer(library, provenance, assets).run(folder, dry_run=dry_run)
    except ImportRefused as refused:
        # (every line names files and quotes translators' text: no terminal control gets out)
        for problem in refused.problems:
            line = f"{problem.path}:{problem.line}: error: {problem.message}"
            print(terminal.safe(line), file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    verb = "would write" if dry_run else "wrote"
    for path in result.written:
        stamped = result.stamped.get(path)
        note = f" (stamped: {', '.join(stamped)})" if stamped else ""
        print(terminal.safe(f"{verb} {path}{note}"))
    print(f"{len(result.written)} files changed, {len(result.unchanged)} unchanged")
    for path in result.unmarked:
        print(
            terminal.safe(
                f"{path}: warning: this file does not say what the pages held when it was "
                "exported (an older export, or a tool that drops its comments): a fix made in "
                "a page since then is replaced by this file's text; check with --dry-run and git"
            )
        )
    for kept in result.kept:
        print(terminal.safe(f"{kept.path}:{kept.line}: not imported: {kept.message}"))
    for draft in result.drafts:
        print(terminal.safe(f"{draft.path}:{draft.line}: not imported: {draft.message}"))
    if result.drafts:
        print(
            f"{len(result.drafts)} draft units were not imported: when a translation is done, "
            "clear its fuzzy or needs-work mark in your tool and import again"
        )
    if dry_run:
        return 0
    written = {p.resolve() for p in result.written}
    problems = [p for p in check_tree(content, assets) if p.path.resolve() in written]
    for problem in problems:
        print(terminal.safe(str(problem)))
    errors = sum(p.severity is Severity.ERROR for p in problems)
    print(f"check: {errors} errors, {len(problems) - errors} warnings in the imported pages")
    return 1 if errors else 0
