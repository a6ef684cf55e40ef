"""Reading everywhere: what fits on screen, in which direction (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from rightsguide.core.guide import Guide
from rightsguide.core.navigation import Location, View
from rightsguide.core.resources import DataDirs
from rightsguide.ui.reader import anchor_positions
from tests.conftest import ROOT


@pytest.fixture
def real_guide() -> Guide:
    return Guide(DataDirs(ROOT / "content", ROOT / "locales", ROOT / "assets"), cache_dir=None)


def settle(window, width, height) -> None:
    window.resize(width, height)
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("locale", ["en", "ar", "es"])
def test_first_sections_text_is_on_screen_at_1024x600(qtbot, make_main_window, real_guide, locale):
    window = make_main_window(locale, guide=real_guide)
    settle(window, 1024, 600)
    window.go(Location(View.TOPIC, "device-care"))
    window.open_page("device-care/charging")
    settle(window, 1024, 600)
    anchors = [e.anchor for e in window._shown.toc if e.level == 2]
    first_heading = anchor_positions(window.reader, anchors)[0][0]
    line = window.reader.fontMetrics().lineSpacing()
    # the heading and at least one line of its text above the bottom of the page view
    assert first_heading + 3 * line < window.reader.viewport().height()


def test_on_this_page_is_a_button_below_1100_px(qtbot, make_main_window):
    window = make_main_window("en")
    window.open_page("start-here/welcome")
    settle(window, 1280, 800)
    assert window.toc_panel.isVisible()
    assert not window.toc_button.isVisible()
    settle(window, 1024, 600)
    assert not window.toc_panel.isVisible()
    assert window.toc_button.isVisible()
    names = [a.text() for a in window.toc_button.menu().actions()]
    assert len(names) == window.toc.count()
    window.show_location(window.session.home())
    assert not window.toc_button.isVisible()  # only on a page


@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_the_language_picker_never_cuts_a_name(qtbot, make_main_window, real_guide, width):
    window = make_main_window("en", guide=real_guide)
    settle(window, width, 700)
    picker = window.picker
    assert picker.isVisible()
    widest = max(
        picker.fontMetrics().horizontalAdvance(picker.itemText(i)) for i in range(picker.count())
    )
    assert picker.width() >= widest  # every name fits, "Chinese (Simplified)" too
    globe = window.toolbar.language_label.pixmap()
    assert (not globe.isNull()) == (width < 1200)


def test_topic_cards_fit_their_text_and_show_a_chevron(qtbot, make_main_window, real_guide):
    window = make_main_window("en", guide=real_guide)
    settle(window, 1024, 600)
    window.go(Location(View.TOPIC, "device-care"))
    settle(window, 1024, 600)
    for tile in window.topic_view.tiles:
        text = tile.title_label.height() + tile.summary_label.height()
        assert tile.height() <= text + 48
        assert tile.chevron.text() == "\u203a"
        assert tile.chevron.geometry().right() > tile.width() - 60


def test_chevrons_point_left_in_arabic(qtbot, make_main_window, real_guide):
    window = make_main_window("ar", guide=real_guide)
    settle(window, 1024, 600)
    tile = window.home_view.tiles[0]
    assert tile.chevron.text() == "\u2039"
    assert tile.chevron.geometry().left() < 60


def test_portrait_home_stacks_taller_tiles(qtbot, make_main_window, real_guide):
    window = make_main_window("en", guide=real_guide)
    settle(window, 1080, 1920)
    tiles = window.home_view.tiles
    assert len({t.x() for t in tiles}) == 1  # one column
    assert min(t.height() for t in tiles) >= 150
    settle(window, 1280, 800)
    assert len({t.x() for t in tiles}) == 2


def test_a_plus_reads_a_plus_in_arabic(qtbot, make_main_window):
    window = make_main_window("ar")
    assert window.larger_action.text() == "\u2066A+\u2069"  # isolated: never "+A"


def test_haitian_creole_page_dates(real_guide):
    html = real_guide.open_page("device-care/charging", "ht").html  # reviewed on 2026-12-02
    assert "2 desanm 2026" in html
    assert "M12" not in html


def test_arabic_line_spacing_is_like_english(qtbot, make_main_window, real_guide):
    pitches = {}
    for locale in ("en", "ar", "zh-Hans"):
        window = make_main_window(locale, guide=real_guide)
        settle(window, 700, 800)
        window.open_page("device-care/charging")
        settle(window, 700, 800)
        doc = window.reader.document()
        block, seen = doc.begin(), False
        while block.isValid():
            layout = block.layout()
            level = block.blockFormat().headingLevel()
            if seen and level == 0 and not block.textList() and layout.lineCount() >= 2:
                pitches[locale] = (layout.lineAt(1).y() - layout.lineAt(0).y()) / window.text_px
                break
            seen = seen or level == 2
            block = block.next()
        window.close()
    assert abs(pitches["ar"] - pitches["en"]) / pitches["en"] < 0.12
    assert abs(pitches["zh-Hans"] - pitches["en"]) / pitches["en"] < 0.12


def test_urls_are_isolated_in_arabic(make_main_window, real_guide):
    window = make_main_window("ar", guide=real_guide)
    from rightsguide.ui import dialogs

    dialog = dialogs.ExternalLinkDialog("https://example.org/", window.language.translator, window)
    assert not dialog.address.isRightToLeft()  # the trailing "/" stays at the end


@pytest.mark.parametrize("locale", ["ar", "pa", "zh-Hans"])
def test_switching_language_lays_the_screens_out_as_starting_in_it(
    qtbot, make_main_window, real_guide, locale
):
    """Under the style sheet, Qt kept the old font's families for the screens under the stack."""

    def layout(window):
        window.resize(1366, 768)
        window.open_page("start-here/what-is-atd")
        QApplication.processEvents()
        toc = window.toc
        rows = [toc.visualItemRect(toc.item(i)).height() for i in range(toc.count())]
        return toc.font().families(), rows, toc.horizontalScrollBar().isVisible()

    started = layout(make_main_window(locale, guide=real_guide))
    switched_window = make_main_window("en", guide=real_guide)
    layout(switched_window)
    switched_window.change_language(locale)
    assert layout(switched_window) == started
    assert not started[2]  # no scroll bar under "On this page"
