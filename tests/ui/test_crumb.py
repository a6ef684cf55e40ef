"""The breadcrumb is shortened with "…" at a word, never clipped mid-word."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from rightsguide.ui.crumb import CrumbLabel, shortened

TRAIL = "\u200eAkèy \u203a Obligasyon ou yo \u203a Randevou kontwòl (check-in)"


def test_a_trail_that_fits_is_whole():
    assert shortened(TRAIL, len, len(TRAIL)) == TRAIL


def test_a_long_trail_ends_at_a_word_with_an_ellipsis():
    assert shortened(TRAIL, len, 40) == "\u200eAkèy \u203a Obligasyon ou yo \u203a Randevou\u2026"
    assert shortened(TRAIL, len, 30) == "\u200eAkèy \u203a Obligasyon ou yo \u203a \u2026"
    for width in range(3, len(TRAIL)):
        cut = shortened(TRAIL, len, width)
        assert len(cut) <= width
        assert cut.endswith("\u2026")
        assert TRAIL.startswith(cut.rstrip("\u2026 ").rstrip())  # a start of the trail


def test_text_without_spaces_is_cut_between_characters():
    assert shortened("主页\u203a从这里开始关于本指南的内容", len, 8) == "主页\u203a从这里开\u2026"


def test_the_label_shows_what_fits_and_keeps_the_whole_trail(qtbot):
    label = CrumbLabel()
    qtbot.add_widget(label)
    label.resize(2000, 30)
    label.show()
    label.setText(TRAIL)
    assert label.text() == TRAIL
    label.resize(label.fontMetrics().horizontalAdvance(TRAIL) // 2, 30)
    QApplication.processEvents()
    assert label.text().endswith("\u2026")
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert label.trail() == TRAIL
    assert label.accessibleName() == TRAIL  # a screen reader reads all of it
    label.clear()
    assert (label.text(), label.trail()) == ("", "")
