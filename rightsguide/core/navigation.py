"""ReaderSession: where the reader is, where it has been, and what a link leads to. Pure Python.

Internal links look like ``guide:/device-care/charging#daily-routine``; the only external
links that survive rendering are ``https://``. Anything else leads nowhere.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from rightsguide.core.content.library import PAGE_ID_RE
from rightsguide.core.render.mdext.context import GUIDE_SCHEME

LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class View(enum.Enum):
    """The screens of the reader."""

    HOME = "home"
    TOPIC = "topic"
    PAGE = "page"
    SEARCH = "search"  # the results of the query in ``target`` (a hit was opened from them)


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the guide: home, a topic's page list, or a page (and a section)."""

    view: View
    target: str = ""
    fragment: str = ""
    locale: str = ""  # a page opened in another language than the reader's (a search hit)


HOME = Location(View.HOME)


@dataclass(frozen=True, slots=True)
class External:
    """An https address the reader may want to visit on its own device."""

    url: str


def parse_link(url: str) -> Location | External | None:
    """What a clicked URL means: a place in the guide, an https address, or nothing."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed address leads nowhere
        return None
    if parts.scheme == GUIDE_SCHEME:
        page_id = parts.path.strip("/")
        if PAGE_ID_RE.match(page_id):
            lang = parse_qs(parts.query).get("lang", [""])[0]  # "Show in English"
            return Location(View.PAGE, page_id, parts.fragment, lang if LANG_RE.match(lang) else "")
        return None
    if parts.scheme == "https" and parts.netloc:
        return External(url)
    return None


class ReaderSession:
    """History of one reader; a kiosk wipes it with :meth:`reset`.

    Each step also keeps the reader's place on its screen (how far it was scrolled, which
    the window records when the reader leaves it), so that going back returns there.
    """

    def __init__(self, locale: str) -> None:
        """Start at home in ``locale``."""
        self.start_locale = locale
        self.locale = locale
        self._history: list[Location] = [HOME]
        self._places: list[int | None] = [None]
        self._index = 0

    @property
    def place(self) -> int | None:
        """The place recorded on the current step (None: none, show it from its start)."""
        return self._places[self._index]

    def remember_place(self, place: int) -> None:
        """Record where the reader is on the current step, before leaving it."""
        self._places[self._index] = place

    def replace(self, location: Location) -> Location:
        """Make the current step ``location`` (a search whose words changed), not a new one."""
        self._history[self._index] = location
        self._places[self._index] = None
        return location

    @property
    def current(self) -> Location:
        """Where the reader is now."""
        return self._history[self._index]

    @property
    def can_go_back(self) -> bool:
        """True when there is somewhere to go back to."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """True after going back."""
        return self._index < len(self._history) - 1

    def go(self, location: Location) -> Location:
        """Visit ``location``; forward history is dropped. Revisiting the same place is a no-op."""
        if location != self.current:
            del self._history[self._index + 1 :]
            del self._places[self._index + 1 :]
            self._history.append(location)
            self._places.append(None)
            self._index += 1
        return self.current

    def back(self) -> Location:
        """Go back one step (stays put at the start)."""
        self._index = max(0, self._index - 1)
        return self.current

    def forward(self) -> Location:
        """Go forward one step after going back."""
        self._index = min(len(self._history) - 1, self._index + 1)
        return self.current

    def home(self) -> Location:
        """Go to the home screen (it is added to the history)."""
        return self.go(HOME)

    def reset(self) -> None:
        """Forget everything: history and language."""
        self.locale = self.start_locale
        self._history = [HOME]
        self._places = [None]
        self._index = 0
