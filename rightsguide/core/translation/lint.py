"""What ``check`` finds in a page body: the reader's own parse, judged by the reader's rules.

``check`` used to scan lines with regexes while the reader used Python-Markdown, and the two
disagreed (setext headings, unclosed fences, multi-line reference definitions...). Now a page's
facts come from :meth:`Renderer.facts` (the same parse and extensions as the reader) and its
problems from :func:`rightsguide.core.render.judge.judge`, as in the reader.

Parsing costs about 2 ms a page, too slow for thousands of pages in a few seconds. Pages that
use only a plain subset of markdown are read by :mod:`rightsguide.core.render.mdext.plain`
instead (a tenth of the time; it refuses anything doubtful, and its facts equal the parse's),
and facts are kept in a :class:`FactsCache`: the facts are a pure function of the body text
and the parser (Python-Markdown's version and the source of our extensions), and the cache key
is a hash of all three. Verdicts that depend on other files (does the linked page or image
exist) are made anew on every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml

from rightsguide import __version__
from rightsguide.core.content import frontmatter
from rightsguide.core.model import (
    Page,
    PageMeta,
    Problem,
    Provenance,
    Review,
    ReviewLevel,
    Source,
    Translation,
)
from rightsguide.core.render import judge as judging
from rightsguide.core.render.mdext import plain
from rightsguide.core.render.mdext.context import HeadingFact, PageFacts
from rightsguide.core.render.renderer import Renderer
from rightsguide.core.translation import consistency

CACHE_PREFIX = "check-facts-"
_CODE = Path(__file__).resolve().parent.parent / "render"


@dataclass
class Scan:
    """What ``check`` found in one page."""

    section_ids: list[str] = field(default_factory=list)  # '##' and '###' ids, in order
    problems: list[Problem] = field(default_factory=list)
    heading_lines: dict[str, int] = field(default_factory=dict)  # id -> file line
    headings: tuple[HeadingFact, ...] = ()  # the heading of each of section_ids, in order


def parser_version() -> str:
    """A hash of everything that decides what is cached of a page besides its text.

    What is cached: its facts, its front matter, and its kept tokens by section.

    From the renderer's source files; in a frozen program (PyInstaller), which has no source
    files, from the program's version and its executable, which change with every build.
    """
    digest = hashlib.sha256(f"{markdown.__version__}\0{yaml.__version__}".encode())
    content = _CODE.parent / "content"
    try:
        for source in sorted([*(_CODE / "mdext").glob("*.py"), _CODE / "renderer.py"]):
            digest.update(source.read_bytes())
        for name in ("frontmatter.py", "yamlfile.py", "sections.py"):  # cached readings too
            digest.update((content / name).read_bytes())
        digest.update((_CODE.parent / "model.py").read_bytes())
        for name in ("consistency.py", "lint.py"):  # the tokens, and the cache's own format
            digest.update((_CODE.parent / "translation" / name).read_bytes())
    except OSError:
        stat = Path(sys.executable).stat()
        digest.update(f"{__version__}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def cache_file_for(cache_dir: Path, root: Path) -> Path:
    """The cache file of the content tree at ``root`` (one per tree, in the user cache)."""
    name = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir / f"{CACHE_PREFIX}{name[:16]}.marshal"


def _to_plain(facts: PageFacts) -> tuple[Any, ...]:
    return (
        tuple((h.level, h.title, h.anchor, h.line) for h in facts.headings),
        facts.links,
        facts.images,
        facts.raw_html,
        facts.dropped,
        facts.limited,
        facts.too_deep,
    )


def _from_plain(data: tuple[Any, ...]) -> PageFacts:
    headings, links, images, raw_html, dropped, limited, too_deep = data
    pairs = [tuple((str(a), int(b)) for a, b in part) for part in (links, images, raw_html)]
    return PageFacts(
        tuple(HeadingFact(int(a), str(b), str(c), int(d)) for a, b, c, d in headings),
        pairs[0],
        pairs[1],
        pairs[2],
        tuple((str(a), int(b)) for a, b in dropped),
        tuple((str(a), int(b)) for a, b in limited),
        bool(too_deep),
    )


def _meta_to_plain(meta: PageMeta) -> tuple[Any, ...]:
    def day(value: dt.date | None) -> int | None:
        return None if value is None else value.toordinal()

    review = meta.reviewed
    translation = meta.translation
    return (
        meta.title,
        meta.summary,
        meta.order,
        (day(review.on), review.by, review.level.value),
        meta.keywords,
        tuple((s.title, s.url, day(s.accessed), s.kind, s.line) for s in meta.sources),
        day(meta.valid_until),
        meta.icon,
        None
        if translation is None
        else (
            translation.source_locale,
            translation.provenance.value,
            tuple(translation.source_hashes.items()),
        ),
    )


def _meta_from_plain(data: tuple[Any, ...]) -> PageMeta:
    def day(value: int | None) -> dt.date | None:
        return None if value is None else dt.date.fromordinal(int(value))

    title, summary, order, review, keywords, sources, valid_until, icon, translation = data
    on = day(review[0])
    assert on is not None
    return PageMeta(
        title=str(title),
        summary=str(summary),
        order=int(order),
        reviewed=Review(on, str(review[1]), ReviewLevel(review[2])),
        keywords=tuple(str(k) for k in keywords),
        sources=tuple(
            Source(str(t), str(u), day(a), None if k is None else str(k), int(n))
            for t, u, a, k, n in sources
        ),
        valid_until=day(valid_until),
        icon=None if icon is None else str(icon),
        translation=None
        if translation is None
        else Translation(
            str(translation[0]),
            Provenance(translation[1]),
            {str(k): str(v) for k, v in translation[2]},
        ),
    )


class FactsCache:
    """Page facts by body hash, and valid front matter by its hash, optionally kept in a file.

    The file is in :mod:`marshal` format (plain tuples, strings and numbers; ten times faster to
    read than JSON), in the user's own cache folder; anything unreadable is parsed again.
    """

    def __init__(self, path: Path | None = None) -> None:
        """Read ``path`` if it holds facts of this parser version (else start empty)."""
        self.path = path
        self.version = parser_version()
        self._known: dict[str, tuple[Any, ...]] = {}
        self.new: dict[str, tuple[Any, ...]] = {}
        if path is not None:
            try:
                data = marshal.loads(path.read_bytes())  # our own cache file
                if isinstance(data, dict) and data.get("version") == self.version:
                    self._known = dict(data["facts"])
            except (OSError, ValueError, KeyError, TypeError, EOFError):
                self._known = {}  # no cache, or a broken one: parse again

    def entries(self) -> int:
        """How many facts, front matters and token lists the cache file gave (or holds now)."""
        return len(self._known)

    @staticmethod
    def key(body: str) -> str:
        """The cache key of a body."""
        return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def get(self, body: str, parse: Callable[[], PageFacts]) -> PageFacts:
        """The body's facts, from the cache or from ``parse()``."""
        key = self.key(body)
        raw = self._known.get(key)
        if raw is not None:
            try:
                return _from_plain(raw)
            except (ValueError, TypeError):
                pass  # a hand-edited cache: parse again
        facts = parse()
        self._known[key] = self.new[key] = _to_plain(facts)
        return facts

    def parse_meta(self, yaml_text: str, path: Path) -> PageMeta:
        """:func:`frontmatter.parse_meta`, cached by the text's hash when it is valid.

        Valid front matter is a pure function of its text (its lines count from the file's
        second line, the same in every file), so the cached value equals a fresh parse; front
        matter with problems is parsed every time (its errors name the file).
        """
        key = "m" + self.key(yaml_text)
        raw = self._known.get(key)
        if raw is not None:
            try:
                return _meta_from_plain(raw)
            except (ValueError, TypeError, IndexError, AssertionError, OverflowError):
                pass  # a hand-edited cache: parse again
        meta = frontmatter.parse_meta(yaml_text, path)
        self._known[key] = self.new[key] = _meta_to_plain(meta)
        return meta

    def tokens(self, page: Page) -> dict[str, Counter[str]]:
        """:func:`consistency.source_tokens` of a page (its kept tokens by section), cached."""
        key = "t" + self.key(page.body)
        raw = self._known.get(key)
        if raw is not None:
            try:
                # (dict() builds each section's tokens in C: a Python loop over every token
                # of every section cost ~0.2 s on 10,000 pages)
                return {str(k): Counter(dict(v)) for k, v in raw}
            except (ValueError, TypeError):
                pass  # a hand-edited cache: compute again
        found = consistency.source_tokens(page)
        self._known[key] = self.new[key] = tuple(
            (k, tuple(counter.items())) for k, counter in found.items()
        )
        return found

    def take_new(self) -> dict[str, tuple[Any, ...]]:
        """The facts parsed since the last call (a worker hands them to the main process)."""
        new, self.new = self.new, {}
        return new

    def add(self, entries: dict[str, tuple[Any, ...]]) -> None:
        """Facts parsed elsewhere (by a worker process)."""
        self._known.update(entries)
        self.new.update(entries)

    def save(self) -> None:
        """Write the file when something new was parsed; a failure to write is not an error."""
        if self.path is None or not self.new:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_bytes(marshal.dumps({"version": self.version, "facts": self._known}))
            tmp.replace(self.path)
        except OSError:
            return
        self.new = {}


def page_facts(page: Page, renderer: Renderer) -> PageFacts:
    """The facts of the reader's parse: read off a plain page directly, else parsed.

    :func:`plain.facts` accepts only pages whose facts provably equal the parse's (see its
    property test) and is about ten times faster; anything else is parsed in full.
    """
    found = plain.facts(page.body)
    return found if found is not None else renderer.facts(page)


def scan_page(
    page: Page,
    renderer: Renderer,
    page_exists: Callable[[str], bool],
    cache: FactsCache | None = None,
) -> Scan:
    """The reader's sections and problems of ``page``; problems carry file line numbers."""
    if cache is None:
        facts = page_facts(page, renderer)
    else:
        facts = cache.get(page.body, lambda: page_facts(page, renderer))
    problems = judging.judge(page, facts, page_exists, renderer.asset_url)
    lines = {h.anchor: page.body_line + h.line for h in facts.headings if h.anchor}
    return Scan(judging.section_ids(facts), problems, lines, facts.headings)
