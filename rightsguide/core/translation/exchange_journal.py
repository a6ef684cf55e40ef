"""What ``translate import`` wrote into a content folder, a unit at a time (a mark of each text).

A unit records what the page held when it was exported (:func:`exchange.page_mark`); after an
import the page holds the translator's own text, which is not an edit made in the page. This
journal tells the two apart:

- an import of the same file again (Weblate: pull, import, translate on, pull, import) takes a
  unit the translator revised, where the page has what an earlier import wrote, instead of
  refusing it as changed on both sides;
- an export into a folder that has the file does not keep a text that was imported as "work
  not imported" (it would bring it back over a fix made in the page since).

It lives in the user's state folder (``$XDG_STATE_HOME/rightsguide/imports``, one file a
content folder), never in the content: on another computer there is none, and the checks fall
back to what the files say (a unit both sides changed is refused, and kept fuzzy on export).
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from rightsguide.core.resources import APP_NAME


def _file(content_root: Path) -> Path:
    import platformdirs  # (only for the translator tools)

    folder = Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / "imports"
    name = zlib.crc32(str(content_root.resolve()).encode("utf-8", "surrogateescape"))
    return folder / f"{name:08x}.json"


def _key(locale: str, context: str) -> str:
    return f"{locale}\t{context}"


class Journal:
    """The marks of the texts imports wrote into one content folder."""

    def __init__(self, content_root: Path) -> None:
        """Read the journal of ``content_root`` (none, or an unreadable one: empty)."""
        self._path = _file(content_root)
        self._marks: dict[str, str] = {}
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            self._marks = {str(k): str(v) for k, v in data.items() if isinstance(v, str)}

    def wrote(self, locale: str, context: str, mark: str) -> bool:
        """Whether the text with ``mark`` is what the last import of this unit wrote."""
        return self._marks.get(_key(locale, context)) == mark

    def record(self, written: dict[tuple[str, str], str]) -> None:
        """Add what an import wrote: (locale, context) -> the text's mark. Never raises."""
        self._marks.update({_key(loc, ctx): mark for (loc, ctx), mark in written.items()})
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._path.with_name(f".{self._path.name}.{os.getpid()}")
            temporary.write_text(json.dumps(self._marks, sort_keys=True), encoding="utf-8")
            temporary.replace(self._path)
        except OSError:  # (a journal that cannot be written only makes later checks stricter)
            return
