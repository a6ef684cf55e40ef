"""What a link or an image in content may point to: one set of rules for the renderer and check.

- ``https://host/...``: an outside address (shown, never opened silently).
- ``#x``: a section of the same page.
- a relative ``.md`` path that stays inside the locale: another page, if it exists.
- anything else (``javascript:``, ``file:``, ``data:``, ``http:``, ``mailto:``, ``//host``...):
  blocked, never clickable.
- images: relative paths to files inside the content tree or ``assets/`` only.
"""

from __future__ import annotations

import enum
import functools
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit


class LinkKind(enum.Enum):
    """The verdict on a link."""

    EXTERNAL = "external"
    ANCHOR = "anchor"
    PAGE = "page"
    BLOCKED = "blocked"
    BROKEN = "broken"


@dataclass(frozen=True, slots=True)
class LinkVerdict:
    """Where a link leads, or why it leads nowhere."""

    kind: LinkKind
    target: str = ""  # page id (PAGE), fragment (ANCHOR, PAGE), or the URL (EXTERNAL)
    fragment: str = ""
    message: str = ""


def _split(url: str) -> SplitResult | None:
    """``urlsplit``, or None for a malformed URL (an unclosed ``[`` raises ValueError)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def page_id_for(page_id: str, href_path: str) -> str | None:
    """Resolve a relative ``.md`` path against a page; None when it leaves the locale."""
    topic = page_id.split("/", maxsplit=1)[0]
    joined = posixpath.normpath(posixpath.join(topic, href_path))
    if joined.startswith(("..", "/")) or not joined.endswith(".md"):
        return None
    target = joined[: -len(".md")]
    return target if target.count("/") == 1 else None


def judge_link(href: str, page_id: str, page_exists: Callable[[str], bool]) -> LinkVerdict:
    """Apply the link rules to ``href`` found on page ``page_id``."""
    href = href.strip()
    verdict = _judge_address(href, page_id.split("/", maxsplit=1)[0])
    if verdict.kind is LinkKind.ANCHOR:
        return LinkVerdict(LinkKind.ANCHOR, page_id, verdict.fragment)
    if verdict.kind is LinkKind.PAGE and not page_exists(verdict.target):
        return LinkVerdict(
            LinkKind.BROKEN, message=f"link '{href}' points to a page that does not exist"
        )
    return verdict


@functools.lru_cache(maxsize=8192)
def _judge_address(href: str, topic: str) -> LinkVerdict:
    """The part of the verdict that depends only on the address and the page's topic.

    The same link stands on many pages: ``check`` asks this tens of thousands of times.
    """
    parts = _split(href)
    if parts is None:
        return LinkVerdict(LinkKind.BLOCKED, message=f"link '{href}' is not a valid address")
    if parts.scheme == "https" and parts.netloc:
        return LinkVerdict(LinkKind.EXTERNAL, href)
    if parts.scheme or parts.netloc:
        return LinkVerdict(
            LinkKind.BLOCKED,
            message=f"link '{href}' is not allowed: use https:// or a relative .md link",
        )
    if not parts.path:
        return LinkVerdict(LinkKind.ANCHOR, "", parts.fragment)
    target = page_id_for(f"{topic}/", unquote(parts.path))
    if target is None:
        return LinkVerdict(
            LinkKind.BROKEN, message=f"link '{href}' points to a page that does not exist"
        )
    return LinkVerdict(LinkKind.PAGE, target, parts.fragment)


def judge_image(
    src: str, page_path: Path, asset_url: Callable[[Path], str | None]
) -> tuple[str | None, str]:
    """(``asset:`` URL, "") for an allowed image, or (None, message)."""
    src = src.strip()
    parts = _split(src)
    if parts is not None and not parts.scheme and not parts.netloc and parts.path:
        url = asset_url(page_path.parent / unquote(parts.path))
        if url is not None:
            return url, ""
    return None, f"image '{src}' must be a local file under assets/ or the content folder"
