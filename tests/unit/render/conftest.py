"""What the render tests share: a renderer over the fixture content, and a page of any body."""

from __future__ import annotations

import datetime as dt

import pytest

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.model import Page, PageMeta, Review, ReviewLevel
from rightsguide.core.render.renderer import Renderer
from tests.conftest import FIXTURES, ROOT

META = PageMeta("T", "S", 1, Review(dt.date(2026, 1, 1), "x", ReviewLevel.EDITORIAL))


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(ContentLibrary(FIXTURES / "content"), ROOT / "assets")


def page(body: str) -> Page:
    """The fixture's welcome page with ``body`` as its text."""
    path = FIXTURES / "content" / "en" / "start-here" / "welcome.md"
    return Page("start-here/welcome", "en", path, META, body, 10)
