"""The self-test's route: navigate like a reader and record the page text size at each step.

``--self-test FILE.json`` (with ``--page``) adds this route to its report, after the first
paint: home, the page's topic, the page, another language, and the first language again. A
real window under Xvfb shows whether the body text keeps the size it had when the page was
opened directly (it once shrank after the first navigation).
"""

from __future__ import annotations

from PySide6.QtGui import QFontInfo, QTextCharFormat
from PySide6.QtWidgets import QApplication, QTextBrowser

from rightsguide.core.navigation import Location, View
from rightsguide.ui.mainwindow import MainWindow

_BODY_MIN_CHARS = 40  # a paragraph of body text, not a heading or a short label


def body_px(browser: QTextBrowser) -> int:
    """The pixel size the first body paragraph is drawn in (0 when there is none)."""
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 0 and len(block.text()) >= _BODY_MIN_CHARS:
            it = block.begin()
            fmt = it.fragment().charFormat() if not it.atEnd() else QTextCharFormat()
            return QFontInfo(fmt.font().resolve(doc.defaultFont())).pixelSize()
        block = block.next()
    return 0


def _step(window: MainWindow, name: str) -> dict[str, object]:
    QApplication.processEvents()
    on_page = window.stack.currentWidget() is window.page_view
    return {
        "step": name,
        "page_id": window.reader.page_id if on_page else "",
        "locale": window.language.code,
        "body_px": body_px(window.reader) if on_page else 0,
        "text_px": window.text_px,
        "tiles": len(window.home_view.tiles)
        if window.stack.currentWidget() is window.home_view
        else 0,
    }


def run_route(window: MainWindow) -> list[dict[str, object]]:
    """Home -> topic -> page -> another language -> back; one record per step."""
    page_id = window.reader.page_id
    steps = [_step(window, "direct")]
    if not page_id:
        return steps
    first = window.language.code
    window.show_location(window.session.home())
    steps.append(_step(window, "home"))
    window.go(Location(View.TOPIC, page_id.split("/")[0]))
    steps.append(_step(window, "topic"))
    window.open_page(page_id)
    steps.append(_step(window, "page"))
    other = next((loc.code for loc in window.guide.registry.all() if loc.code != first), first)
    window.change_language(other)
    steps.append(_step(window, "language"))
    window.change_language(first)
    steps.append(_step(window, "language back"))
    return steps
