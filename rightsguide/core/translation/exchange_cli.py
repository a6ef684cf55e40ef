"""What ``rightsguide translate export|import`` print and return (the CLI stays thin)."""

from __future__ import annotations

import sys
from pathlib import Path

from rightsguide.core import terminal
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.model import Severity
from rightsguide.core.translation import exchange, exchange_files, exchange_merge
from rightsguide.core.translation.exchange_import import Importer, ImportRefused


def export(content: Path, locale: str, pages: list[str] | None, fmt: str, out: Path) -> int:
    """Write one file per topic (and the English templates, and the glossary) under ``out``."""
    library = ContentLibrary(content)
    code = library.registry.get(locale).gettext_code
    by_topic = exchange.export_locale(library, locale, pages)
    suffix = "po" if fmt == "po" else "xlf"
    kept: list[tuple[Path, int]] = []
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
        kept.append((path, len(exchange_merge.keep_work(items, earlier))))
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
    for path, n in kept:
        if n:
            print(
                terminal.safe(
                    f"{path}: kept {n} translations of the earlier file that were not imported "
                    "(those whose English or page changed since are fuzzy)"
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
