"""``rightsguide check``: validate a content tree and report every problem with file and line.

Checks: the language registry; every page's front matter; sources on every non-index page;
section ids (present, well-formed, unique, the same as the source page in every translation);
links and images; raw HTML; folders that are not registered locales; translations of pages
that no longer exist in the source; topics without an ``index.md``.
"""

from __future__ import annotations

from pathlib import Path

from rightsguide.core import consistency, glossary, sections
from rightsguide.core.content import ContentLibrary
from rightsguide.core.errors import ContentError, PageNotFound
from rightsguide.core.locales import REGISTRY_FILE
from rightsguide.core.model import Page, Problem, Severity
from rightsguide.core.render import Renderer


def _section_ids(renderer: Renderer, page: Page, locale: str) -> tuple[list[str], list[Problem]]:
    body = renderer.render(page, locale)
    return [e.anchor for e in body.toc], list(body.problems)


def _parity(page: Page, ids: list[str], source_ids: list[str]) -> list[Problem]:
    missing = [i for i in source_ids if i not in ids]
    extra = [i for i in ids if i not in source_ids]
    problems = []
    if missing:
        problems.append(
            Problem(
                page.path,
                page.body_line,
                f"sections missing compared with the source page: {', '.join(missing)}",
            )
        )
    if extra:
        problems.append(
            Problem(
                page.path,
                page.body_line,
                f"sections not in the source page (check the {{#id}}): {', '.join(extra)}",
            )
        )
    return problems


def _staleness(source: Page, page: Page) -> list[Problem]:
    translation = page.meta.translation
    assert translation is not None
    if not translation.source_hashes:
        return [
            Problem(
                page.path,
                2,
                "this translation was never stamped: when it matches the "
                "source, run 'rightsguide stamp' on it",
                Severity.WARNING,
            )
        ]
    current = sections.section_hashes(source.body, source.meta.title, source.meta.summary)
    stale = sections.stale_sections(translation.source_hashes, current)
    if not stale:
        return []
    names = ", ".join("title/summary" if s == sections.META else s for s in stale)
    return [
        Problem(
            page.path,
            2,
            f"the source changed since this translation was stamped, in: "
            f"{names}. Update the translation, then run 'rightsguide stamp'",
            Severity.WARNING,
        )
    ]


def _translation_problems(
    library: ContentLibrary, renderer: Renderer, page: Page, ids: list[str]
) -> list[Problem]:
    source_locale = library.registry.source
    if page.page_id not in library.page_ids(source_locale):
        return [
            Problem(
                page.path,
                1,
                f"the source page {source_locale}/{page.page_id}.md does "
                "not exist; delete this translation or rename it to match",
            )
        ]
    if page.meta.translation is None:
        return [
            Problem(
                page.path,
                2,
                "translation: a translated page needs a 'translation:' "
                "block with from and provenance",
            )
        ]
    try:
        source = library.page(page.page_id, page.meta.translation.source_locale)
    except (ContentError, PageNotFound):
        return []  # the source's own problem is reported on the source file
    source_ids, _found = _section_ids(renderer, source, source.locale)
    return [
        *_parity(page, ids, source_ids),
        *_staleness(source, page),
        *consistency.compare(page, source),
        *glossary.compare(page, source, _terms(library, page.locale)),
    ]


def _terms(library: ContentLibrary, locale: str) -> list[glossary.Term]:
    path = library.root / locale / glossary.FILE_NAME
    try:
        return glossary.load_cached(path) if path.is_file() else []
    except ContentError:
        return []  # reported once per file by _glossary_files


def check_page(
    library: ContentLibrary, renderer: Renderer, page_id: str, locale: str
) -> list[Problem]:
    """Every problem of one page file (used by ``check`` and the ``--watch`` panel)."""
    path = library.path_of(page_id, locale)
    if path is None:
        return []
    try:
        page = library.load_file(path, locale, page_id)
    except ContentError as exc:
        return [Problem(exc.path, exc.line, exc.message)]
    problems = []
    if not page.is_index and not page.meta.sources:
        problems.append(Problem(path, 2, "sources: every page must cite at least one source"))
    ids, found = _section_ids(renderer, page, locale)
    problems.extend(found)
    problems.extend(consistency.bidi_controls(path.read_text(encoding="utf-8-sig"), path))
    if locale != library.registry.source:
        problems.extend(_translation_problems(library, renderer, page, ids))
    return problems


def _stray_folders(root: Path, library: ContentLibrary) -> list[Problem]:
    problems = []
    for entry in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if entry.name not in library.registry:
            problems.append(
                Problem(entry, 0, f"folder '{entry.name}' is not a locale in {REGISTRY_FILE}")
            )
        elif entry.name == library.registry.source:
            for topic in sorted(p for p in entry.iterdir() if p.is_dir()):
                if not (topic / "index.md").is_file():
                    problems.append(
                        Problem(topic, 0, "topic folder has no index.md", Severity.WARNING)
                    )
    return problems


def _glossary_files(library: ContentLibrary) -> list[Problem]:
    problems = []
    for loc in library.registry.all():
        path = library.root / loc.code / glossary.FILE_NAME
        if path.is_file():
            try:
                glossary.load(path)
            except ContentError as exc:
                problems.append(Problem(exc.path, exc.line, exc.message))
    return problems


def check_tree(root: Path, assets: Path) -> list[Problem]:
    """Every problem in the content tree at ``root``, errors and warnings, in file order."""
    try:
        library = ContentLibrary(root)
    except ContentError as exc:
        return [Problem(exc.path, exc.line, exc.message)]
    renderer = Renderer(library, assets)
    problems = _stray_folders(root, library) + _glossary_files(library)
    for loc in library.registry.all():
        for page_id in library.page_ids(loc.code):
            problems.extend(check_page(library, renderer, page_id, loc.code))
    return problems
