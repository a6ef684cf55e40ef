"""Frozen value types that cross the core/UI boundary."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path


class Direction(enum.Enum):
    """Text direction of a locale."""

    LTR = "ltr"
    RTL = "rtl"


class ReviewLevel(enum.Enum):
    """Who reviewed a page: the editors, or a lawyer."""

    EDITORIAL = "editorial"
    LEGAL = "legal"


class Provenance(enum.Enum):
    """How a translation was made."""

    MACHINE = "machine"
    HUMAN = "human"
    REVIEWED = "reviewed"


class Severity(enum.Enum):
    """How bad a finding of ``check`` is."""

    ERROR = "error"
    WARNING = "warning"


# The font every machine has (Latin, Cyrillic, Arabic): the base of the window's font list and
# the English part of a handout in another script. Other scripts' fonts are named per language.
BASE_FONT_FAMILY = "DejaVu Sans"

# The two pages the app writes itself (not content files), named here so that the window can
# start without loading the modules that write them (start-up time, design section 6).
ABOUT_PAGE_ID = "get-help/about-this-guide"  # rightsguide.core.render.about
CLINIC_PAGE_ID = "get-help/here"  # rightsguide.core.content.clinic: the clinic's own page


@dataclass(frozen=True, slots=True)
class Locale:
    """One entry of the language registry (``content/locales.yaml``)."""

    code: str
    native_name: str
    english_name: str
    direction: Direction
    fallback: tuple[str, ...] = ()
    kiosk: bool = True
    font: str | None = None

    @property
    def gettext_code(self) -> str:
        """The gettext catalog name: ``pt-BR`` -> ``pt_BR``."""
        return self.code.replace("-", "_")

    @property
    def language(self) -> str:
        """The bare language subtag: ``pt-BR`` -> ``pt``."""
        return self.code.split("-")[0]


@dataclass(frozen=True, slots=True)
class Source:
    """A cited source of a page."""

    title: str
    url: str
    accessed: dt.date | None = None
    kind: str | None = None  # primary | legal-org | news | other (see SOURCE_KINDS)
    line: int = field(default=0, compare=False)  # file line of the entry, for check


SOURCE_KINDS = ("primary", "legal-org", "news", "other")


@dataclass(frozen=True, slots=True)
class Review:
    """When and by whom a page was last reviewed."""

    on: dt.date
    by: str
    level: ReviewLevel


@dataclass(frozen=True, slots=True)
class Translation:
    """The ``translation`` block of a translated page."""

    source_locale: str
    provenance: Provenance
    source_hashes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Validated front matter of a page."""

    title: str
    summary: str
    order: int
    reviewed: Review
    keywords: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    valid_until: dt.date | None = None
    icon: str | None = None
    translation: Translation | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed page file: its metadata and its markdown body."""

    page_id: str
    locale: str
    path: Path
    meta: PageMeta
    body: str
    body_line: int  # 1-based line number of the first body line in the file

    @property
    def topic(self) -> str:
        """The topic folder: ``device-care/charging`` -> ``device-care``."""
        return self.page_id.split("/")[0]

    @property
    def is_index(self) -> bool:
        """True for a topic's ``index.md``."""
        return self.page_id.endswith("/index")


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A section of a rendered page."""

    anchor: str
    title: str
    level: int
    number: str  # "1", "2", "2.1": for "go to section 2.1"


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding about a content file, for ``check`` and the reader's notices."""

    path: Path
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """Format as ``file:line: severity: message``."""
        return f"{self.path}:{self.line}: {self.severity.value}: {self.message}"


@dataclass(frozen=True, slots=True)
class RenderedBody:
    """Markdown turned into safe HTML, with its sections and any problems found."""

    html: str
    toc: tuple[TocEntry, ...]
    links: tuple[str, ...]  # internal page ids linked to
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class TopicEntry:
    """A tile on the home screen."""

    topic: str
    title: str
    summary: str
    order: int
    icon: str | None
    locale: str  # the locale the title is in (may be a fallback)


@dataclass(frozen=True, slots=True)
class PageEntry:
    """A page in a topic's list."""

    page_id: str
    title: str
    summary: str
    order: int
    locale: str
