"""Issue 12: every label that shows content or catalog text shows plain text.

A title ``<img src='/tmp/x.png'>`` showed a local image from outside the content tree; now it
shows literally, on the home tile, the topic heading, the breadcrumb and the page.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from rightsguide.core.guide import Guide
from tests.ui.conftest import TODAY, shown

TITLE = "<img src='/tmp/x.png'> Start"


def rich_labels(window):
    return [
        label.text()
        for label in window.findChildren(QLabel)
        if label.text() and label.textFormat() is not Qt.TextFormat.PlainText
    ]


def test_markup_in_titles_and_summaries_shows_as_text(
    qtbot, make_main_window, fixture_dirs, tmp_path
):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(fixture_dirs.content, content)
    for rel in ("en/start-here/index.md", "en/start-here/welcome.md"):
        path = content / rel
        text = path.read_text(encoding="utf-8")
        head, _, rest = text.partition("\ntitle: ")
        _old, _, rest = rest.partition("\n")
        path.write_text(
            f'{head}\ntitle: "{TITLE}"\n{rest}'.replace("summary: ", "summary: <b>S</b> ", 1),
            encoding="utf-8",
        )
    guide = Guide(replace(fixture_dirs, content=content), today=lambda: TODAY)
    window = make_main_window("en", guide=guide)
    assert TITLE in [shown(tile.title_label) for tile in window.home_view.tiles]
    assert rich_labels(window) == []
    qtbot.mouseClick(window.home_view.tiles[0], Qt.MouseButton.LeftButton)
    assert shown(window.topic_view.heading) == TITLE
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/welcome")
    assert TITLE in window.breadcrumb.text()
    assert TITLE in window.reader.toPlainText()  # the page's own heading, escaped
    assert rich_labels(window) == []
