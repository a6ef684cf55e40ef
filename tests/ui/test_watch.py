from __future__ import annotations

from dataclasses import replace

from tests.conftest import FRONT, write_page


def test_watch_reloads_page_on_save_and_keeps_scroll(
    qtbot, make_main_window, fixture_dirs, content_copy
):
    path = write_page(
        content_copy,
        "en/start-here/long.md",
        FRONT.format(title="Long")
        + "".join(f"\n## Part {i} {{#p{i}}}\n\nText {i}.\n" for i in range(60)),
    )
    window = make_main_window("en", dirs=replace(fixture_dirs, content=content_copy))
    window.enable_watch()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/long")
    bar = window.reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    assert kept > 0
    with qtbot.wait_signal(window.page_reloaded, timeout=5000) as blocker:
        path.write_text(
            path.read_text(encoding="utf-8").replace("Text 1.", "Edited text."), encoding="utf-8"
        )
    assert blocker.args == ["start-here/long"]
    assert "Edited text." in window.reader.toPlainText()
    assert bar.value() == kept


# a source with its kind and access date (issue 18), so the page's only finding is the link
SOURCED = FRONT.replace(
    "    url: https://example.org/\n",
    "    url: https://example.org/\n    accessed: 2026-11-01\n    kind: primary\n",
)


def test_watch_panel_shows_findings_of_the_page(
    qtbot, make_main_window, fixture_dirs, content_copy
):
    path = write_page(
        content_copy, "en/start-here/bad.md", SOURCED.format(title="Bad") + "\n[x](nowhere.md)\n"
    )
    window = make_main_window("en", dirs=replace(fixture_dirs, content=content_copy))
    window.enable_watch()
    assert window.findings is not None
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/bad")
    first = window.findings.list.item(0).text()
    assert first == "bad.md:16: error: link 'nowhere.md' points to a page that does not exist"
    with qtbot.wait_signal(window.page_reloaded, timeout=5000):
        path.write_text(SOURCED.format(title="Bad") + "\nFixed.\n", encoding="utf-8")
    assert window.findings.list.item(0).text() == "No problems found in this page's file."


def test_watch_shows_broken_yaml_then_recovers(qtbot, make_main_window, fixture_dirs, content_copy):
    path = content_copy / "en/start-here/welcome.md"
    good = path.read_text(encoding="utf-8")
    window = make_main_window("en", dirs=replace(fixture_dirs, content=content_copy))
    window.enable_watch()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/welcome")
    with qtbot.wait_signal(window.page_reloaded, timeout=5000):
        path.write_text(
            good.replace("title: Welcome to the guide", "title: [broken"), encoding="utf-8"
        )
    assert "This page cannot be shown right now" in window.reader.toPlainText()
    assert window.findings is not None
    assert "welcome.md:2:" in window.findings.list.item(0).text()
    with qtbot.wait_signal(window.page_reloaded, timeout=5000):
        path.write_text(good, encoding="utf-8")
    assert "Welcome to the guide" in window.reader.toPlainText()
