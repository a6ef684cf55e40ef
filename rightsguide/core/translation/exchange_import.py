"""``rightsguide translate import``: translators' PO or XLIFF files back into ``content/<ll>/``.

Every file is checked against the current English first; if any unit does not match (a context
that is not a unit of the page, a missing unit, English that changed since the export, a link
target, number or form name that the translation changed, structure inside a unit) the import
stops with ``file:line: message`` for each and writes nothing.

Then each page is rebuilt from a skeleton: the existing translation when its units line up with
the English (so its formatting stays byte for byte where no unit changed), otherwise the English
file. Only files whose text changed are written; English files never are. A section is stamped
(its source hash recorded, see :mod:`stamp`) exactly when all its units are translated and none
is fuzzy; other sections keep what they had. A fuzzy unit (PO ``#, fuzzy``, XLIFF
``needs-translation``, ``needs-review-...``) is a draft, as gettext treats it: its text is not
written over the page's, and the import names each such draft whose text differs from the page.

A unit records what the page held when it was exported (:func:`exchange.page_mark`). When the
page's text changed since then (someone fixed it by hand), a unit the file left as it was keeps
the page's text, and is named; a unit the file changed too is refused (export again: the new
file keeps the translator's text, marked fuzzy, and shows the page's).
"""

from __future__ import annotations

import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rightsguide.core.content import frontmatter, sections
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.errors import ContentError, PageNotFound, UnknownLocale
from rightsguide.core.model import Problem, Severity
from rightsguide.core.translation import consistency, stamp, units
from rightsguide.core.translation.exchange import context_of, page_mark
from rightsguide.core.translation.exchange_files import (
    ContextsLost,
    ImportedUnit,
    read_po,
    read_xliff,
)
from rightsguide.core.translation.exchange_journal import Journal
from rightsguide.core.translation.exchange_write import (
    PlannedSource,
    Refused,
    one_import,
    write_all,
)

PROVENANCES = ("human", "reviewed")
# a phone number as the guide writes them: 800-375-5283, 1-800-898-7180 (not 1,200,000 or a
# ZIP+4 code such as 64064-8010)
_PHONE = re.compile(r"(?:1-)?\d{3}-\d{3}-\d{4}")
SINGLE_LINE = frozenset({"title", "summary", "keywords", "heading", "cell", "callout-title"})
# a line of a translation that would start a block of its own (Python-Markdown, as the reader
# and ``check`` parse it): a heading ("#x" too) or a heading's underline ("=", "--"), a box, a
# table, a list item, a quote, a fence, a rule ("***", "___", "- - -"), a link definition
_BLOCK_START = re.compile(
    r"^(#|!!!|\||[-*+]\s|\d+[.)]\s|>|```|~~~|=+\s*$|-+\s*$|(\*\s*){3,}$|(_\s*){3,}$"
    r"|(-\s*){3,}$|\[[^\]]*\]:)"
)
# Characters no translation needs: the control characters ``check`` reports in any page
# (consistency.CONTROLS: NEL, U+2028 and U+2029 among them), and the carriage return. A reader
# splits lines at each of those line breaks, so they would start blocks the checks above never saw.
_NUMBER_SEP = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d{3}\b)")


@dataclass
class ImportResult:
    """What an import did."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stamped: dict[Path, list[str]] = field(default_factory=dict)
    drafts: list[Problem] = field(default_factory=list)  # fuzzy units left out (file:line)
    kept: list[Problem] = field(default_factory=list)  # units the page changed since the export
    unmarked: list[Path] = field(default_factory=list)  # files with no "page at export" marks


class ImportRefused(Exception):
    """The files do not match the current English; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


MAX_FILE_BYTES = 64 << 20  # one topic's units are far less; more is no translator's file


def _files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The translators' files under ``folder``, and those not read (links and the like), sorted.

    Regular files only (a link, a FIFO or a device is not read), and none hidden (an editor's
    ``.ht.po`` copy, macOS's ``._ht.po``).
    """
    found: list[Path] = []
    skipped: list[Path] = []
    for path in folder.rglob("*"):
        if path.suffix not in (".po", ".xlf", ".xliff") or any(
            part.startswith(".") for part in path.relative_to(folder).parts
        ):
            continue
        try:
            regular = stat.S_ISREG(path.lstat().st_mode)
        except OSError:
            continue  # (gone meanwhile)
        (found if regular else skipped).append(path)
    return sorted(found), sorted(skipped)


def _phones(text: str) -> list[str]:
    """The phone numbers of a text, in order."""
    return [n for n in units.numbers(text) if _PHONE.fullmatch(n)]


def _normal(items: list[str]) -> list[str]:
    return sorted(_NUMBER_SEP.sub("", item) for item in items)


def _structure(kind: str, text: str) -> str | None:
    """Why ``text`` cannot stand in a unit of ``kind`` (None when it can)."""
    if bad := consistency.CONTROLS.search(text) or re.search("\r", text):
        code = f"U+{ord(bad.group(0)):04X}"
        return f"remove the character {code}: a control character or another kind of line break"
    if kind in SINGLE_LINE and "\n" in text:
        return "this piece must stay on one line"
    if "\n\n" in text or text != text.strip():
        return "remove the blank line or the spaces at the start or end (they change the layout)"
    return _piece(kind, text) or (None if kind in SINGLE_LINE else _block_start(text))


def _piece(kind: str, text: str) -> str | None:
    """Why ``text`` cannot be a heading's or a cell's text (None when it can, or is neither)."""
    if kind == "heading" and text.endswith("#"):
        return "a heading may not end with '#': the reader drops closing '#' marks"
    if kind == "heading" and "{#" in text:
        return "the section id is added by rightsguide; leave '{#...}' out"
    if kind == "cell" and re.search(r"(?<!\\)\|", text):
        return "a '|' would split the cell in two; write '\\|' for the character itself"
    return None


def _block_start(text: str) -> str | None:
    """Why a line of ``text`` would start a block of its own (None: none would).

    Only text that stands on lines of its own (a paragraph, a list item, a box's text): a
    heading's or a cell's text, or a title, has no line start where a block could begin.
    """
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
    imported: set[str] = field(default_factory=set)  # keys whose text is the file's
    origin: tuple[Path, int] = (Path(), 0)  # the translator's file and the page's first line


class Importer:
    """Checks translators' files and writes the pages they translate."""

    def __init__(
        self, library: ContentLibrary, provenance: str | None = None, assets: Path | None = None
    ) -> None:
        """``provenance``: what to record for pages whose units are all translated.

        ``assets``: the app's assets, which pages are checked against before they are written
        (default: the bundled ones).
        """
        self.library = library
        self.provenance = provenance
        self.assets = assets
        self.problems: list[Problem] = []
        self.drafts: list[Problem] = []
        self.kept: list[Problem] = []  # units the page changed since the export (file:line)
        self.unmarked: list[Path] = []  # files that do not say what the pages held at export
        self.journal = Journal(library.root)

    def _problem(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def _read(self, path: Path) -> tuple[str | None, list[ImportedUnit]]:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError(f"1:it is larger than {MAX_FILE_BYTES >> 20} MB")
            if path.suffix == ".po":
                language, found = read_po(path)
            else:
                language, found = read_xliff(path)
        except ContextsLost as lost:  # (the file was read: it cannot be matched to the pages)
            self._problem(path, lost.line, lost.message)
            return None, []
        except (ValueError, OSError, UnicodeDecodeError, LookupError) as exc:
            line, _sep, message = str(exc).partition(":")
            if not line.isdigit():
                line, message = "1", str(exc)
            self._problem(path, int(line), f"cannot read the file: {message}")
            return None, []
        if not found:
            self._problem(path, 1, "no units in this file (is it a PO or XLIFF file of an export?)")
        elif all(item.base is None for item in found):
            self.unmarked.append(path)
        seen: dict[str, int] = {}
        for item in found:
            if item.context in seen:
                self._problem(
                    path,
                    item.line,
                    f"{item.context} is in this file twice (first on line {seen[item.context]}); "
                    "keep one",
                )
            seen.setdefault(item.context, item.line)
        return language, found

    def _locale(self, path: Path, language: str | None) -> str | None:
        registry = self.library.registry
        named = {path.stem, language} - {None, ""}
        codes = {
            loc.code
            for loc in registry.all()
            for name in named
            if name in (loc.code, loc.gettext_code)
        }
        if len(codes) > 1:
            self._problem(
                path,
                1,
                f"the file is named for {path.stem!r} but says its language is {language!r}; "
                "rename it or fix its language",
            )
            return None
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
                pages[page_id] = _Page(page_id, english, origin=(path, item.line))
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
            if item.fuzzy:  # a draft: the page keeps its text, and its section stays unstamped
                current = (self._existing_units.get((page_id, locale)) or {}).get(key)
                if current is not None:
                    page.texts[key] = current  # (a page rebuilt on the English keeps it too)
                if (unit.text if current is None else current) != item.target:
                    # (not checked: an unfinished draft refuses nothing else of the file)
                    self.drafts.append(
                        Problem(path, item.line, f"{item.context}: marked as a draft (fuzzy)")
                    )
                continue
            if self._changed_since_export(path, page, key, locale, item):
                continue
            problem = _structure(unit.kind, item.target)
            if problem is None:
                problem = self._protected(page_id, locale, unit, item.target)
            if problem is not None:
                self._problem(path, item.line, f"{item.context}: {problem}")
                continue
            page.texts[key] = item.target
            page.done.add(key)
            page.imported.add(key)
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

    def _changed_since_export(
        self, path: Path, page: _Page, key: str, locale: str, item: ImportedUnit
    ) -> bool:
        """Whether the page's unit changed since the file was exported (then it is dealt with).

        Only the page changed it (the file has the text it was exported with): the page's text
        is kept, and named. Both changed it: refused. (A file that does not record the page's
        text at export, from an older export or a tool that drops comments: never.)
        """
        current = (self._existing_units.get((page.page_id, locale)) or {}).get(key, "")
        if item.base is None or page_mark(current) == item.base or item.target == current:
            return False
        if self.journal.wrote(locale, item.context, page_mark(current)):
            return False  # the page has what an import wrote (this file's, imported before)
        if page_mark(item.target) == item.base:
            if current:
                page.texts[key] = current
                page.done.add(key)
            self.kept.append(
                Problem(
                    path,
                    item.line,
                    f"{item.context}: the page changed since the export and this file did not; "
                    "the page's text is kept",
                )
            )
            return True
        self._problem(
            path,
            item.line,
            f"{item.context}: the page changed since the export, and this file changed it too; "
            "export again into the same folder (your text is kept there, marked fuzzy, with the "
            "page's text in a note), choose, and import again",
        )
        return True

    def _protected(self, page_id: str, locale: str, unit: units.Unit, target: str) -> str | None:
        existing = self._existing_units.get((page_id, locale))
        if existing is not None and existing.get(unit.key) == target:
            return None  # the translation as it stands in content/ (checked there)
        if unit.kind == "keywords":
            return None
        # (its numbers are compared below, as units.protected finds them; its shape, by the
        # structure rules of _structure)
        kept = sorted(
            t
            for t in set(consistency.tokens(unit.text)) - set(consistency.tokens(target))
            if not t.startswith(consistency.DERIVED)
        )
        if kept:
            return f"keep exactly as in the English: {', '.join(kept)}"
        wanted, got = _normal(units.protected(unit.text)), _normal(units.protected(target))
        if wanted == got:
            phones = _phones(unit.text)
            if phones != _phones(target):  # the same numbers, in another order
                return (
                    "keep the phone numbers in the English order ("
                    + ", then ".join(phones)
                    + "): each is said to be for something, and swapped they send people to "
                    "the wrong line"
                )
            return None
        lost = sorted((Counter(wanted) - Counter(got)) + (Counter(got) - Counter(wanted)))
        return (
            "keep every link target, number and form name of the English exactly "
            f"(check: {', '.join(lost[:3])})"
        )

    def check(self, folder: Path) -> dict[tuple[str, str], _Page]:
        """Read and check every file under ``folder``; problems end up in ``self.problems``."""
        result: dict[tuple[str, str], _Page] = {}
        self._existing_units: dict[tuple[str, str], dict[str, str]] = {}
        files, skipped = _files(folder)
        for path in skipped:
            self._problem(path, 0, "is a link or not a regular file: not read; copy the file here")
        if not files and not skipped:
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
                    first = result[(page_id, locale)].origin[0]
                    self._problem(
                        path,
                        1,
                        f"{page_id} is in two files for {locale}: this one and {first}; keep one",
                    )
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
        """Check, then write; raise ImportRefused (nothing written) when any file is refused.

        One import at a time writes a content folder: a second one started meanwhile is
        refused (two at once could mix their pages).
        """
        try:
            with one_import(self.library.root):
                return self._run(folder, dry_run=dry_run)
        except Refused as refused:
            raise ImportRefused([refused.problem]) from None

    def _run(self, folder: Path, *, dry_run: bool) -> ImportResult:
        try:
            pages = self.check(folder)
        except (ContentError, PageNotFound, UnknownLocale) as exc:
            raise ImportRefused(
                [Problem(getattr(exc, "path", folder), getattr(exc, "line", 0), str(exc))]
            ) from None
        if self.problems:
            raise ImportRefused(self.problems)
        result = ImportResult(
            drafts=list(self.drafts), kept=list(self.kept), unmarked=list(self.unmarked)
        )
        planned: list[tuple[Path, str]] = []
        owners: dict[Path, tuple[str, str]] = {}  # a planned file -> its page and language
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
                owners[target] = (page_id, locale)
        if self.problems:
            raise ImportRefused(self.problems)
        self._check_targets(planned)
        self._check_pages(pages, planned, owners)
        if self.problems:
            raise ImportRefused(self.problems)
        if not dry_run:
            write_all(planned)
            self.journal.record(
                {
                    (locale, f"{page_id}#{key}"): page_mark(page.texts[key])
                    for (page_id, locale), page in pages.items()
                    for key in page.imported
                }
            )
        return result

    def _check_targets(self, planned: list[tuple[Path, str]]) -> None:
        """Refuse to write an English page, or any page through a link."""
        root = self.library.root.resolve()
        source_root = root / self.library.registry.source
        for target, _text in planned:
            folder = target.parent.resolve()
            if (folder / target.name).is_relative_to(source_root):  # never English
                raise ImportRefused([Problem(target, 0, "refusing to write an English file")])
            if target.is_symlink() or not folder.is_relative_to(root):
                raise ImportRefused(
                    [
                        Problem(
                            target,
                            0,
                            "is a link (or in a linked folder): no page is written "
                            "through a link; replace it with the file itself",
                        )
                    ]
                )

    def _check_pages(
        self,
        pages: dict[tuple[str, str], _Page],
        planned: list[tuple[Path, str]],
        owners: dict[Path, tuple[str, str]],
    ) -> None:
        """Check each page as it would be written, as ``rightsguide check`` would, before any write.

        An error the page does not have today is refused, naming the translator's file (so a
        good translation is never overwritten by one ``check`` rejects); one it has already is
        not the import's doing.
        """
        from rightsguide.core.render.renderer import Renderer
        from rightsguide.core.translation.check import Checker

        if not planned:
            return
        if self.assets is None:
            from rightsguide.core.resources import data_dirs

            self.assets = data_dirs(self.library.root).assets
        lib = self.library
        # (resolved: the planned source names files as they are, as a pack's source does,
        # so the roots the renderer compares them with must be resolved too)
        root, assets = lib.root.resolve(), self.assets.resolve()
        resolved = {t.parent.resolve() / t.name: x.encode("utf-8") for t, x in planned}
        after = ContentLibrary(root, lib.registry, PlannedSource(resolved))
        before_check = Checker(lib, Renderer(lib, assets))
        after_check = Checker(after, Renderer(after, assets))
        for page_id, locale in owners.values():
            page = pages[(page_id, locale)]
            known = [p.message for p in before_check.check_page(page_id, locale)]
            for problem in _new_errors(known, after_check.check_page(page_id, locale)):
                where, line = page.origin
                self._problem(
                    where,
                    line,
                    f"{page_id}: the page would then fail the check: {problem.message} "
                    f"(line {problem.line} of {problem.path.name})",
                )


def _new_errors(before: list[str], after: list[Problem]) -> list[Problem]:
    """The errors of ``after`` that the page did not have ``before`` (its messages).

    Counted: a second error like one the page has is new. A message that lists items ("...
    must keep exactly as in the source: ICE, ISAP") is not new when the page had the same one
    listing all its items and more (an import that fixed one of them is no worse).
    """
    left = Counter(before)
    found = []
    for problem in after:
        if problem.severity is not Severity.ERROR:
            continue
        if left[problem.message] > 0:
            left[problem.message] -= 1
            continue
        head, _sep, items = problem.message.rpartition(": ")
        fewer = any(
            old.rpartition(": ")[0] == head
            and set(items.split(", ")) <= set(old.rpartition(": ")[2].split(", "))
            for old in before
        )
        if not (head and fewer):
            found.append(problem)
    return found
