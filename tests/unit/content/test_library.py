from __future__ import annotations

import pytest

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.errors import ContentError, PageNotFound
from tests.conftest import FIXTURES, FRONT, write_page


def test_topics_sorted_by_order_with_icons():
    library = ContentLibrary(FIXTURES / "content")
    topics = library.topics("en")
    assert [t.topic for t in topics] == ["start-here", "device-care"]
    assert topics[0].icon == "start-here"


def test_topics_in_translation_fall_back_per_topic():
    topics = ContentLibrary(FIXTURES / "content").topics("ar")
    assert topics[0].title == "ابدأ هنا"
    assert topics[0].locale == "ar"
    assert topics[1].title == "Caring for your device"
    assert topics[1].locale == "en"


def test_one_topic_reads_as_in_the_list_of_topics():
    library = ContentLibrary(FIXTURES / "content")
    for code in ("en", "ar"):
        for entry in library.topics(code):
            assert library.topic(code, entry.topic) == entry
    assert library.topic("ar", "no-such-topic") is None


def test_pages_of_a_topic_exclude_the_index():
    pages = ContentLibrary(FIXTURES / "content").pages("en", "device-care")
    assert [p.page_id for p in pages] == ["device-care/charging"]


def test_resolve_follows_the_fallback_chain():
    library = ContentLibrary(FIXTURES / "content")
    assert library.resolve("start-here/welcome", "ht").page.locale == "fr"
    resolved = library.resolve("device-care/charging", "ht")
    assert resolved.page.locale == "en"
    assert resolved.is_fallback
    assert not library.resolve("start-here/welcome", "ar").is_fallback


def test_missing_page_raises_page_not_found():
    with pytest.raises(PageNotFound):
        ContentLibrary(FIXTURES / "content").resolve("nothing/here", "en")


def test_broken_page_fails_alone(content_copy):
    write_page(content_copy, "en/device-care/broken.md", "---\ntitle: [oops\n---\nbody\n")
    library = ContentLibrary(content_copy)
    with pytest.raises(ContentError) as err:
        library.resolve("device-care/broken", "en")
    assert err.value.path.name == "broken.md"
    assert library.resolve("device-care/charging", "en").page.meta.title == "Charge every day"
    ids = [p.page_id for p in library.pages("en", "device-care")]
    assert "device-care/broken" in ids  # still listed, so the reader can show its notice


def test_edited_file_is_reloaded(content_copy):
    library = ContentLibrary(content_copy)
    path = write_page(content_copy, "en/device-care/new.md", FRONT.format(title="Old") + "x\n")
    library.rescan()
    assert library.resolve("device-care/new", "en").page.meta.title == "Old"
    path.write_text(FRONT.format(title="New title") + "x\n", encoding="utf-8")
    assert library.resolve("device-care/new", "en").page.meta.title == "New title"


def test_files_outside_the_page_pattern_are_ignored(content_copy):
    write_page(content_copy, "en/README.md", "not a page")
    write_page(content_copy, "en/Bad Name/page.md", "not a page")
    library = ContentLibrary(content_copy)
    assert all("README" not in p and "Bad" not in p for p in library.page_ids("en"))
