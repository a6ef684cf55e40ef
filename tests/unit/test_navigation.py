from __future__ import annotations

import pytest

from rightsguide.core.navigation import HOME, External, Location, ReaderSession, View, parse_link


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("guide:/device-care/charging#daily", Location(View.PAGE, "device-care/charging", "daily")),
        ("guide:/start-here/index", Location(View.PAGE, "start-here/index", "")),
        ("https://www.justice.gov/eoir", External("https://www.justice.gov/eoir")),
        ("guide:/../../etc/passwd", None),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("http://example.org", None),
        ("", None),
    ],
)
def test_parse_link(url, expected):
    assert parse_link(url) == expected


def test_history_back_forward_and_branching():
    s = ReaderSession("en")
    a, b, c = (Location(View.PAGE, f"t/{x}") for x in "abc")
    s.go(a)
    s.go(b)
    assert s.back() == a
    assert s.can_go_forward
    s.go(c)
    assert not s.can_go_forward
    assert s.back() == a
    assert s.back() == HOME
    assert s.back() == HOME
    assert not s.can_go_back


def test_same_place_twice_is_one_history_entry():
    s = ReaderSession("en")
    s.go(Location(View.TOPIC, "x"))
    s.go(Location(View.TOPIC, "x"))
    assert s.back() == HOME


def test_reset_forgets_everything():
    s = ReaderSession("en")
    s.locale = "ar"
    s.go(Location(View.PAGE, "t/a"))
    s.reset()
    assert s.current == HOME
    assert s.locale == "en"
    assert not s.can_go_back


def test_malformed_url_leads_nowhere():
    assert parse_link("https://](") is None


def test_each_step_keeps_its_place_until_a_new_branch_drops_it():
    session = ReaderSession("en")
    page = Location(View.PAGE, "device-care/charging")
    session.go(page)
    session.remember_place(480)
    session.go(Location(View.PAGE, "start-here/welcome"))
    assert session.place is None
    assert session.back() == page
    assert session.place == 480
    session.go(Location(View.TOPIC, "legal-options"))  # a new branch: the old forward step goes
    session.back()
    assert session.place == 480
    session.reset()
    assert session.place is None


def test_a_search_step_is_replaced_not_added():
    session = ReaderSession("en")
    session.go(Location(View.SEARCH, "battery"))
    session.remember_place(3)
    session.replace(Location(View.SEARCH, "lawyer"))
    assert (session.current.target, session.place) == ("lawyer", None)
    assert session.back() == HOME
    assert not session.can_go_back
