"""An export into a folder that has the file already keeps the work not yet imported.

Exporting again is what an import asks for when the English changed, and what a translator does
to bring a file up to date; the new file must not lose what they translated and did not import.
As ``msgmerge`` does, each unit of the earlier file whose text the translator wrote (it differs
from what the page holds now, and from what the page held when that file was exported) is
kept in the new one:

- as it was (translated, or fuzzy if it was) when the English and the page are as they were;
- fuzzy, with the earlier English as the previous one, when the English changed;
- fuzzy, with the page's text in a note, when the page changed since too, or when the earlier
  file does not say what the page held (an older export, or a tool that drops comments).

A unit the earlier file left as exported takes the page's text as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.translation import exchange
from rightsguide.core.translation.exchange import ExportPage, ExportUnit, context_of, page_mark
from rightsguide.core.translation.exchange_files import ImportedUnit, read_po, read_xliff


def earlier_units(path: Path) -> dict[str, ImportedUnit]:
    """The units of the file an export would replace, by context ({} when there is none).

    Raises:
        ValueError: ``line:message``: the file is there but cannot be read.
        OSError: it cannot be opened.
    """
    if not path.is_file():
        return {}
    _language, found = (read_po if path.suffix == ".po" else read_xliff)(path)
    return {unit.context: unit for unit in found}


def with_other_pages(
    library: ContentLibrary,
    locale: str,
    topic: str,
    pages: list[ExportPage],
    earlier: dict[str, ImportedUnit],
) -> list[ExportPage]:
    """``pages``, and the pages the earlier file holds that they leave out, in the topic's order.

    They are exported again too, so the file keeps them (and their work): it is one file a
    topic, and an export of one page (``--page``) would otherwise have written that page alone.
    """
    source = library.registry.source
    exported = {page.page_id for page in pages}
    others: dict[str, None] = {}
    for context in earlier:
        try:
            page_id, _key = context_of(context)
        except ValueError:
            continue
        if page_id not in exported and library.path_of(page_id, source) is not None:
            others[page_id] = None
    if not others:
        return pages
    more = exchange.export_locale(library, locale, list(others)).get(topic, [])
    order = {page_id: n for n, page_id in enumerate(library.page_ids(source))}
    return sorted([*pages, *more], key=lambda page: order.get(page.page_id, len(order)))


def dropped(pages: list[ExportPage], earlier: dict[str, ImportedUnit]) -> list[ImportedUnit]:
    """The earlier file's translated units that are in no exported unit any more.

    (A section removed or renamed in the English, a page gone: said, not dropped silently.)
    """
    contexts = {item.context for page in pages for item in page.units}
    return [u for c, u in earlier.items() if c not in contexts and u.target]


def keep_work(
    pages: list[ExportPage],
    earlier: dict[str, ImportedUnit],
    imported: Callable[[str, str], bool] = lambda _context, _mark: False,
) -> list[ExportUnit]:
    """Put the earlier file's work not yet imported into ``pages``; the units it went into.

    ``imported(context, mark)``: whether an import wrote the text with that mark (the journal):
    such a text is no work to keep, and the page's (maybe fixed since) is exported.
    """
    kept = []
    for page in pages:
        for item in page.units:
            old = earlier.get(item.context)
            if old is None or (
                old.target != item.page_text and imported(item.context, page_mark(old.target))
            ):
                continue
            if _keep(item, old):
                kept.append(item)
    return kept


def _keep(item: ExportUnit, old: ImportedUnit) -> bool:
    if old.target and old.target == item.page_text:
        if item.fuzzy and not old.fuzzy and old.source == item.source:
            # the translator confirmed the page's text for this English (cleared the mark)
            item.fuzzy, item.previous = False, None
            return True
        return False
    untouched = old.base is not None and page_mark(old.target) == old.base
    if not old.target or untouched:
        return False
    item.target = old.target
    english_changed = old.source != item.source
    page_changed = old.base is None or page_mark(item.page_text) != old.base
    item.fuzzy = old.fuzzy or english_changed or page_changed
    item.previous = old.source if english_changed else item.previous if item.fuzzy else None
    if english_changed:
        item.notes.append("kept from the earlier file: translated for the earlier English")
    if page_changed:
        item.notes.append(
            "kept from the earlier file; the page has other text now: "
            + (item.page_text or "(none)")
        )
    return True
