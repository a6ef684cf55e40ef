from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from rightsguide.core.navigation import Location, View
from rightsguide.ui import dialogs
from tests.conftest import write_page
from tests.ui.conftest import shown


def open_page(qtbot, window, page_id, fragment=""):
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000) as blocker:
        window.open_page(page_id, fragment)
    assert blocker.args == [page_id]


def test_home_shows_large_topic_tiles(make_main_window):
    window = make_main_window("en")
    assert window.stack.currentWidget() is window.home_view
    titles = [shown(t.title_label) for t in window.home_view.tiles]
    assert titles == ["Start here", "Caring for your device"]
    assert all(t.height() >= 96 for t in window.home_view.tiles)
    assert window.home_view.tiles[0].accessibleName() == "Start here"


def test_tile_opens_topic_then_page(qtbot, make_main_window):
    window = make_main_window("en")
    qtbot.mouseClick(window.home_view.tiles[1], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.topic_view
    assert shown(window.topic_view.heading) == "Caring for your device"
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        qtbot.mouseClick(window.topic_view.tiles[0], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.page_view
    assert "Home" in window.breadcrumb.text()
    assert "Charge every day" in window.breadcrumb.text()


def test_page_shows_title_sections_and_callout(qtbot, make_main_window):
    window = make_main_window("en")
    open_page(qtbot, window, "start-here/welcome")
    text = window.reader.toPlainText()
    assert "Welcome to the guide" in text
    assert "A dead battery sends an alert." in text
    assert [window.toc.item(i).text() for i in range(window.toc.count())] == [
        "1  What this is",
        "2  Free legal help",
    ]


def test_section_list_jumps_to_section(qtbot, make_main_window):
    window = make_main_window("en")
    open_page(qtbot, window, "device-care/charging")
    window.reader.resize(400, 150)
    window.toc.item(window.toc.count() - 1).setSelected(True)
    window.toc.section_chosen.emit("help")
    assert window.reader.verticalScrollBar().value() > 0


def test_internal_link_back_and_home(qtbot, make_main_window):
    window = make_main_window("en")
    open_page(qtbot, window, "start-here/welcome")
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000) as blocker:
        window.reader.link_activated.emit("guide:/device-care/charging#daily")
    assert blocker.args == ["device-care/charging"]
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000) as blocker:
        window.back_action.trigger()
    assert blocker.args == ["start-here/welcome"]
    with qtbot.wait_signal(window.location_shown, timeout=2000) as blocker:
        window.home_action.trigger()
    assert blocker.args[0].view is View.HOME
    assert window.stack.currentWidget() is window.home_view


def test_back_returns_to_where_the_reader_was_on_the_page(qtbot, make_main_window):
    window = make_main_window("en")
    window.resize(800, 400)
    open_page(qtbot, window, "device-care/charging")
    bar = window.reader.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())  # read to the end, then follow a link
    place = bar.value()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.reader.link_activated.emit("guide:/start-here/welcome")
    assert window.reader.verticalScrollBar().value() == 0
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.back_action.trigger()
    assert window.reader.page_id == "device-care/charging"
    assert window.reader.verticalScrollBar().value() == place
    # a page visited anew (not by Back) opens at its start
    with qtbot.wait_signal(window.location_shown, timeout=2000):
        window.home_action.trigger()
    open_page(qtbot, window, "device-care/charging")
    assert window.reader.verticalScrollBar().value() == 0


def test_unsafe_link_does_nothing(qtbot, make_main_window, monkeypatch):
    window = make_main_window("en")
    open_page(qtbot, window, "start-here/welcome")
    asked = []
    monkeypatch.setattr(dialogs.ExternalLinkDialog, "ask", classmethod(lambda *a: asked.append(a)))
    for url in ("javascript:alert(1)", "file:///etc/passwd", "http://example.org"):
        window.follow_link(url)
    assert asked == []
    assert window.reader.page_id == "start-here/welcome"


def test_external_link_shows_address_instead_of_opening(qtbot, make_main_window, monkeypatch):
    window = make_main_window("en")
    asked = []
    monkeypatch.setattr(
        dialogs.ExternalLinkDialog,
        "ask",
        classmethod(lambda cls, url, tr, parent=None: asked.append(url)),
    )
    window.follow_link("https://example.org/lawyers")
    assert asked == ["https://example.org/lawyers"]


def test_external_link_dialog_shows_the_address(qtbot, guide):
    dialog = dialogs.ExternalLinkDialog("https://example.org/x", guide.translator("en"))
    qtbot.add_widget(dialog)
    assert dialog.address.text() == "https://example.org/x"


def test_text_size_larger_and_smaller(qtbot, make_main_window):
    window = make_main_window("en")
    open_page(qtbot, window, "start-here/welcome")
    before = window.reader.font().pixelSize()
    window.larger_action.trigger()
    window.larger_action.trigger()
    assert window.reader.font().pixelSize() == before + 4
    for _ in range(20):
        window.smaller_action.trigger()
    assert not window.smaller_action.isEnabled()
    assert window.reader.font().pixelSize() < before


def test_language_switch_mirrors_and_retranslates(qtbot, make_main_window):
    window = make_main_window("en")
    open_page(qtbot, window, "start-here/welcome")
    assert not window.isRightToLeft()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.change_language("ar")
    assert window.isRightToLeft()
    assert window.home_action.text() == "الرئيسية"
    assert window.toc_heading.text() == "في هذه الصفحة"
    assert "مرحبا بك في الدليل" in window.reader.toPlainText()
    block = window.reader.document().begin().blockFormat()
    assert block.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.picker.currentData() == "ar"
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.change_language("en")
    assert not window.isRightToLeft()
    assert window.home_action.text() == "Home"
    assert "Welcome to the guide" in window.reader.toPlainText()


def test_picker_lists_native_names_with_english(make_main_window):
    window = make_main_window("en")
    window.resize(1280, 800)  # a wide window: both names
    items = [window.picker.itemText(i) for i in range(window.picker.count())]
    assert items[0] == "English"
    assert "العربية \u2014 Arabic" in items
    assert "Kreyòl Ayisyen \u2014 Haitian Creole" in items
    window.resize(1000, 700)  # narrow: each language by its own name, marked by a globe
    items = [window.picker.itemText(i) for i in range(window.picker.count())]
    assert "العربية" in items


def test_picker_choice_switches_language(qtbot, make_main_window):
    window = make_main_window("en")
    with qtbot.wait_signal(window.language.language_changed, timeout=2000) as blocker:
        window.picker.activated.emit(window.picker.findData("ar"))
    assert blocker.args == ["ar"]
    assert window.isRightToLeft()


def test_fallback_notice_names_the_language(qtbot, make_main_window):
    window = make_main_window("es")
    open_page(qtbot, window, "start-here/welcome")
    text = window.reader.toPlainText()
    assert (
        "This page is not yet available in \u2068Español\u2069. It is shown in \u2068English\u2069."
        in text
    )
    assert "general information, not legal advice" in text
    assert "Last reviewed on" in text


def test_broken_page_shows_calm_notice_and_others_work(
    qtbot, make_main_window, fixture_dirs, content_copy
):
    write_page(content_copy, "en/device-care/broken.md", "---\ntitle: [\n---\nbody\n")
    window = make_main_window("en", dirs=replace(fixture_dirs, content=content_copy))
    open_page(qtbot, window, "device-care/broken")
    assert "This page cannot be shown right now" in window.reader.toPlainText()
    open_page(qtbot, window, "device-care/charging")
    assert "Charge every day" in window.reader.toPlainText()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_reader_serves_only_local_assets(make_main_window, locale):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    window = make_main_window(locale)
    image = QTextDocument.ResourceType.ImageResource.value
    assert not window.reader.loadResource(image, QUrl("asset:/assets/icons/app.svg")).isNull()
    assert window.reader.loadResource(image, QUrl("asset:/assets/../../etc/passwd")).isNull()
    assert window.reader.loadResource(image, QUrl("https://example.org/x.png")).isNull()
    assert window.reader.loadResource(image, QUrl("file:///etc/hostname")).isNull()
    sheet = QTextDocument.ResourceType.StyleSheetResource.value
    assert window.reader.loadResource(sheet, QUrl("file:///etc/hostname")).isEmpty()


@pytest.mark.parametrize("address", ["{png}", "file://{png}", "picture.png"])
def test_the_reader_never_reads_a_picture_from_the_disk(
    make_main_window, tmp_path, monkeypatch, address
):
    """Refused means refused: for "nothing", Qt's document would open the path itself."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument

    png = tmp_path / "picture.png"
    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(png))
    monkeypatch.chdir(tmp_path)  # a bare name is looked up from the working folder
    window = make_main_window("en")
    src = address.format(png=png)
    window.reader.setHtml(f'<p>x</p><img src="{src}">')
    found = window.reader.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(src))
    assert found is None or (isinstance(found, QImage) and found.isNull())


def test_print_makes_a_handout_of_the_page_on_screen(qtbot, make_main_window, monkeypatch):
    from rightsguide.ui import printing

    printed = []

    def fake_print(handout, families, parent, *, ask):
        printed.append((handout, ask))
        return True

    monkeypatch.setattr(printing, "print_handout", fake_print)
    window = make_main_window("fr")
    assert not window.print_action.isEnabled()  # nothing to print on the home screen
    open_page(qtbot, window, "start-here/welcome")
    assert window.print_action.isEnabled()
    window.print_english_action.trigger()
    handout, ask = printed[0]
    assert ask is True  # a volunteer chooses the printer (or "save as PDF") in Qt's dialog
    assert "Bienvenue dans le guide" in handout.html
    assert "Welcome to the guide" in handout.html
    assert handout.qr_urls == ("https://example.org/source",)


def test_high_contrast_changes_controls_and_page(qtbot, make_main_window):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = make_main_window("en")
    open_page(qtbot, window, "start-here/welcome")
    assert "background-color: #000000" not in window.reader.toHtml()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.contrast_action.trigger()
    assert window.contrast_action.isChecked()
    assert "#ffff00" in app.styleSheet()
    assert window.reader.document().toHtml().count("#000000") > 0
    window.set_high_contrast(False)
    assert "#ffff00" not in app.styleSheet()


def test_print_every_page_of_a_topic(qtbot, make_main_window, monkeypatch):
    from rightsguide.ui import printing

    printed = []

    def fake_print(handout, families, parent, *, ask):
        printed.append(handout)
        return True

    monkeypatch.setattr(printing, "print_handout", fake_print)
    window = make_main_window("en")
    open_page(qtbot, window, "device-care/charging")
    window.print_topic_action.trigger()
    assert "Charge every day" in printed[0].html


def test_labels_run_in_the_windows_direction_whatever_their_first_letter(make_main_window):
    """An Arabic summary that starts with "ATD" must not be laid out left to right."""
    window = make_main_window("ar")
    window.show_location(window.session.go(Location(View.TOPIC, "start-here")))
    labels = [
        window.topic_view.heading,
        window.topic_view.intro,
        window.breadcrumb,
        *(
            label
            for tile in window.topic_view.tiles
            for label in (tile.title_label, tile.summary_label)
        ),
    ]
    texts = [label.text() for label in labels if label.text()]
    assert texts
    assert all(text.startswith("\u200f") for text in texts), texts  # a right-to-left mark
    window.change_language("en")
    window.show_location(window.session.go(Location(View.TOPIC, "start-here")))
    assert window.topic_view.heading.text().startswith("\u200e")


def test_on_this_page_is_readable_in_high_contrast(qtbot, make_main_window):
    """It kept its light grey background and took white text: white on light grey."""
    window = make_main_window("en")
    window.resize(900, 700)  # narrow: the sections are an "On this page" button
    open_page(qtbot, window, "start-here/welcome")
    window.set_high_contrast(True)
    assert window.toc_button.isVisible()
    image = window.toc_button.grab().toImage()
    pixels = [
        image.pixelColor(x, y).lightness()
        for x in range(2, image.width() - 2)
        for y in range(2, image.height() - 2)
    ]
    dark = sum(1 for p in pixels if p < 40)
    assert dark > len(pixels) // 2  # a black button, as every other control is
    assert max(pixels) > 200  # with light text on it
    window.set_high_contrast(False)


@pytest.mark.parametrize("locale", ["en", "pa"])
def test_the_language_picker_is_on_the_toolbar_at_1024_from_the_start(qtbot, locale):
    """The README says search and the picker fit down to 1000 px; the picker was in the
    toolbar's ">>" overflow until A+ then A- made the toolbar look again."""
    import argparse

    from PySide6.QtWidgets import QApplication

    from rightsguide.ui import app

    args = argparse.Namespace(content=None, kiosk=False, config=None, clinic=None, locale=locale)
    _guide, window, _config = app._setup(args)  # as the program starts, on all nine languages
    qtbot.add_widget(window)
    window.resize(1024, 600)
    window.show()
    QApplication.processEvents()
    assert window.toolbar.language_box.isVisible()
    assert window.toolbar.picker.isVisible()
    assert window.search_box.isVisible()
