"""``rightsguide translate import``: translators' PO or XLIFF files back into ``content/<ll>/``.

Every file is checked against the current English first; if any unit does not match (a context
that is not a unit of the page, a missing unit, English that changed since the export, a link
target, number or form name that the translation changed, structure inside a unit) the import
stops with ``file:line: message`` for each and writes nothing.

Then each page is rebuilt from a skeleton: the existing translation when its units line up with
the English (so its formatting stays byte for byte where no unit changed), otherwise the English
file. Only files whose text changed are written; English files never are. A section is stamped
(its source hash recorded, see :mod:`stamp`) exactly when all its units are translated and none
is fuzzy; other sections keep what they had.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rightsguide.core.content import frontmatter, sections
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.errors import ContentError, PageNotFound, UnknownLocale
from rightsguide.core.model import Problem
from rightsguide.core.translation import consistency, stamp, units
from rightsguide.core.translation.exchange import context_of
from rightsguide.core.translation.exchange_files import ImportedUnit, read_po, read_xliff

PROVENANCES = ("human", "reviewed")
SINGLE_LINE = frozenset({"title", "summary", "keywords", "heading", "cell", "callout-title"})
# a line of a translation that would start a block of its own
_BLOCK_START = re.compile(r"^(#{1,6}\s|!!!|\||[-*+]\s|\d+[.)]\s|>|```|~~~|-{3,}\s*$|={3,}\s*$)")
_NUMBER_SEP = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d{3}\b)")


@dataclass
class ImportResult:
    """What an import did."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stamped: dict[Path, list[str]] = field(default_factory=dict)


class ImportRefused(Exception):
    """The files do not match the current English; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def _files(folder: Path) -> list[Path]:
    found = [p for p in folder.rglob("*") if p.suffix in (".po", ".xlf", ".xliff")]
    return sorted(found)


def _normal(items: list[str]) -> list[str]:
    return sorted(_NUMBER_SEP.sub("", item) for item in items)


def _structure(kind: str, text: str) -> str | None:
    """Why ``text`` cannot stand in a unit of ``kind`` (None when it can)."""
    if kind in SINGLE_LINE and "\n" in text:
        return "this piece must stay on one line"
    if "\n\n" in text or text != text.strip():
        return "remove the blank line or the spaces at the start or end (they change the layout)"
    if kind == "heading" and "{#" in text:
        return "the section id is added by rightsguide; leave '{#...}' out"
    if kind != "keywords":
        for line in text.split("\n"):
            if _BLOCK_START.match(line.strip()):
                return (
                    f"a line may not start with {line.strip()[:4]!r}: it would make a new "
                    "heading, list, table or box"
                )
    return None


@dataclass
class _Page:
    page_id: str
    english: units.PageUnits
    texts: dict[str, str] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)  # keys translated and not fuzzy


class Importer:
    """Checks translators' files and writes the pages they translate."""

    def __init__(self, library: ContentLibrary, provenance: str | None = None) -> None:
        """``provenance``: what to record for pages whose units are all translated."""
        self.library = library
        self.provenance = provenance
        self.problems: list[Problem] = []

    def _problem(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def _read(self, path: Path) -> tuple[str | None, list[ImportedUnit]]:
        try:
            if path.suffix == ".po":
                return read_po(path)
            return read_xliff(path)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            line, _sep, message = str(exc).partition(":")
            if not line.isdigit():
                line, message = "1", str(exc)
            self._problem(path, int(line), f"cannot read the file: {message}")
            return None, []

    def _locale(self, path: Path, language: str | None) -> str | None:
        registry = self.library.registry
        candidates = [language, path.stem] if language else [path.stem]
        for name in candidates:
            if not name:
                continue
            for loc in registry.all():
                if name in (loc.code, loc.gettext_code):
                    if loc.code == registry.source:
                        self._problem(
                            path, 1, "this is the English file; English is never imported"
                        )
                        return None
                    return loc.code
        self._problem(path, 1, f"unknown language {language or path.stem!r}; see locales.yaml")
        return None

    def _english(self, page_id: str) -> units.PageUnits | None:
        path = self.library.path_of(page_id, self.library.registry.source)
        return units.split_page(path) if path is not None else None

    def _existing(self, page_id: str, locale: str) -> units.PageUnits | None:
        path = self.library.path_of(page_id, locale)
        return units.split_page(path) if path is not None else None

    def _check_file(  # noqa: PLR0912 - one branch per way a unit can be refused
        self, path: Path, locale: str, found: list[ImportedUnit]
    ) -> dict[str, _Page]:
        pages: dict[str, _Page] = {}
        seen: dict[str, set[str]] = {}
        first_line: dict[str, int] = {}
        for item in found:
            try:
                page_id, key = context_of(item.context)
            except ValueError:
                self._problem(path, item.line, f"unknown context {item.context!r}")
                continue
            if page_id not in pages:
                english = self._english(page_id)
                if english is None:
                    self._problem(path, item.line, f"there is no English page {page_id}")
                    pages[page_id] = _Page(page_id, units.PageUnits(path, (), (), 0))
                    continue
                pages[page_id] = _Page(page_id, english)
                first_line[page_id] = item.line
            page = pages[page_id]
            unit = page.english.by_key().get(key) if page.english.units else None
            if unit is None:
                if page.english.units:
                    self._problem(path, item.line, f"unknown context {item.context!r}")
                continue
            seen.setdefault(page_id, set()).add(key)
            if item.source != unit.text:
                self._problem(
                    path,
                    item.line,
                    f"the English of {item.context} changed since the export; export again "
                    "(your tool's translation memory fills in what you translated)",
                )
                continue
            if not item.target:
                continue
            problem = _structure(unit.kind, item.target)
            if problem is None:
                problem = self._protected(page_id, locale, unit, item.target)
            if problem is not None:
                self._problem(path, item.line, f"{item.context}: {problem}")
                continue
            page.texts[key] = item.target
            if not item.fuzzy:
                page.done.add(key)
        for page_id, page in pages.items():
            missing = [k for k in page.english.keys() if k not in seen.get(page_id, set())]  # noqa: SIM118 - a list
            if page.english.units and missing:
                self._problem(
                    path,
                    first_line.get(page_id, 1),
                    f"{page_id}: units missing from the file: {', '.join(missing[:5])}"
                    + (" ..." if len(missing) > 5 else "")  # noqa: PLR2004
                    + "; export again and translate in the new file",
                )
        return pages

    def _protected(self, page_id: str, locale: str, unit: units.Unit, target: str) -> str | None:
        existing = self._existing_units.get((page_id, locale))
        if existing is not None and existing.get(unit.key) == target:
            return None  # the translation as it stands in content/ (checked there)
        if unit.kind == "keywords":
            return None
        kept = sorted(set(consistency.tokens(unit.text)) - set(consistency.tokens(target)))
        if kept:
            return f"keep exactly as in the English: {', '.join(kept)}"
        wanted, got = _normal(units.protected(unit.text)), _normal(units.protected(target))
        if wanted == got:
            return None
        lost = sorted(set(wanted) - set(got)) or sorted(set(got) - set(wanted))
        return (
            "keep every link target, number and form name of the English exactly "
            f"(check: {', '.join(lost[:3])})"
        )

    def check(self, folder: Path) -> dict[tuple[str, str], _Page]:
        """Read and check every file under ``folder``; problems end up in ``self.problems``."""
        result: dict[tuple[str, str], _Page] = {}
        self._existing_units: dict[tuple[str, str], dict[str, str]] = {}
        files = _files(folder)
        if not files:
            self._problem(folder, 0, "no .po or .xlf files here")
        for path in files:
            language, found = self._read(path)
            if not found:
                continue
            locale = self._locale(path, language)
            if locale is None:
                continue
            for item in found:
                page_id = item.context.partition("#")[0]
                if (page_id, locale) not in self._existing_units and "/" in page_id:
                    try:
                        mine = self._existing(page_id, locale)
                    except ContentError as exc:
                        self._problem(exc.path, exc.line, exc.message)
                        mine = None
                    self._existing_units[(page_id, locale)] = (
                        {u.key: u.text for u in mine.units} if mine else {}
                    )
            for page_id, page in self._check_file(path, locale, found).items():
                if (page_id, locale) in result:
                    self._problem(path, 1, f"{page_id} is in two files for {locale}")
                result[(page_id, locale)] = page
        return result

    def _new_file(self, english: units.PageUnits) -> list[str]:
        lines = list(english.lines)
        close = english.body_start - 1
        block = ["translation:", f"  from: {self.library.registry.source}"]
        block.append(f"  provenance: {self.provenance or 'human'}")
        block.append("  source_hashes: {}")
        return lines[:close] + block + lines[close:]

    def _build(self, page: _Page, locale: str) -> tuple[Path, str, str | None]:
        lib = self.library
        path = lib.path_of(page.page_id, locale)
        target = path or lib.root / locale / f"{page.page_id}.md"
        existing = units.split_page(path) if path is not None else None
        english = page.english
        if existing is not None and existing.keys() == english.keys():
            lines = units.rebuild(existing, page.texts)
        else:
            body = units.rebuild(english, page.texts)[english.body_start :]
            head = (
                list(existing.lines[: existing.body_start])
                if existing is not None
                else self._new_file(english)[: english.body_start + 4]
            )
            merged = units.split_page(target, "\n".join(head + body))
            meta = {k: v for k, v in page.texts.items() if k.startswith(f"{sections.META}/")}
            if existing is None:  # English title etc. where nothing is translated yet
                meta = {u.key: page.texts.get(u.key, u.text) for u in merged.units}
            lines = units.rebuild(merged, meta)
        old = frontmatter.decode(path.read_bytes(), path) if path is not None else None
        return target, "\n".join(lines), old

    def _stamp(self, page: _Page, target: Path, text: str) -> tuple[str, list[str]]:
        source = self.library.page(page.page_id, self.library.registry.source)
        current = sections.section_hashes(source.body, source.meta.title, source.meta.summary)
        by_section: dict[str, list[str]] = {}
        for unit in page.english.units:
            by_section.setdefault(unit.section, []).append(unit.key)
        done = [
            s
            for s in current
            if all(k in page.done for k in by_section.get(s, []))
            and (s != sections.META or by_section.get(s))
        ]
        recorded = dict(self._recorded(target, text))
        hashes = {s: (current[s] if s in done else recorded.get(s)) for s in current}
        clean = {s: h for s, h in hashes.items() if h}
        if clean != recorded:
            text = stamp.with_hashes(text, clean, target)
        all_done = all(u.key in page.done for u in page.english.units)
        if self.provenance and all_done:
            text = re.sub(
                r"(?m)^(\s+provenance:\s*)\S+", lambda m: m[1] + str(self.provenance), text, count=1
            )
        return text, [s for s in done if recorded.get(s) != current[s]]

    def _recorded(self, target: Path, text: str) -> dict[str, str]:
        yaml_text, _body, _line = frontmatter.split(text, target)
        meta = frontmatter.parse_meta(yaml_text, target)
        return dict(meta.translation.source_hashes or {}) if meta.translation else {}

    def run(self, folder: Path, *, dry_run: bool = False) -> ImportResult:
        """Check, then write; raise ImportRefused (nothing written) when any file is refused."""
        try:
            pages = self.check(folder)
        except (ContentError, PageNotFound, UnknownLocale) as exc:
            raise ImportRefused(
                [Problem(getattr(exc, "path", folder), getattr(exc, "line", 0), str(exc))]
            ) from None
        if self.problems:
            raise ImportRefused(self.problems)
        result = ImportResult()
        planned: list[tuple[Path, str]] = []
        for (page_id, locale), page in pages.items():
            existing = self._existing_units.get((page_id, locale)) or {}
            if all(existing.get(k) == v for k, v in page.texts.items()) and (
                not existing or sorted(existing) != sorted(page.english.keys())
            ):
                continue  # nothing translated for a new page, or nothing changed in a page
                # whose structure differs from the English (rebuilding would reformat it)
            target, text, old = self._build(page, locale)
            try:
                text, stamped = self._stamp(page, target, text)
            except ContentError as exc:
                self._problem(exc.path, exc.line, exc.message)
                continue
            if stamped:
                result.stamped[target] = stamped
            (result.unchanged if text == old else result.written).append(target)
            if text != old:
                planned.append((target, text))
        if self.problems:
            raise ImportRefused(self.problems)
        source_root = (self.library.root / self.library.registry.source).resolve()
        for target, _text in planned:
            if target.resolve().is_relative_to(source_root):  # never English
                raise ImportRefused([Problem(target, 0, "refusing to write an English file")])
        if not dry_run:
            for target, text in planned:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))
        return result
