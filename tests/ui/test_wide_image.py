"""Issue 12: an image wider than the reader is scaled to fit (a 1545 px poster overflowed)."""

from __future__ import annotations

import shutil
from dataclasses import replace

from PySide6.QtGui import QColor, QImage

from rightsguide.core.guide import Guide
from tests.conftest import FRONT, write_page
from tests.ui.conftest import TODAY


def test_a_poster_wider_than_the_reader_fits_without_a_scroll_bar(
    qtbot, make_main_window, fixture_dirs, tmp_path
):
    content = tmp_path / "content"
    shutil.copytree(fixture_dirs.content, content)
    poster = QImage(1545, 400, QImage.Format.Format_RGB32)
    poster.fill(QColor("#1f4e79"))
    assert poster.save(str(content / "en" / "start-here" / "poster.png"))
    write_page(
        content,
        "en/start-here/poster.md",
        FRONT.format(title="Poster") + "\n## Poster {#poster}\n\n![A poster](poster.png)\n",
    )
    window = make_main_window(
        "en", guide=Guide(replace(fixture_dirs, content=content), today=lambda: TODAY)
    )
    window.reader.resize(600, 400)
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/poster")
    qtbot.wait_until(lambda: window.reader.document().size().width() > 0)
    assert window.reader.document().size().width() <= window.reader.viewport().width() + 1
    assert window.reader.horizontalScrollBar().maximum() == 0
