"""SearchHit, written out by hand (no dataclasses import), behaves as the frozen dataclass did."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from rightsguide.core.search.index import SearchHit

FIELDS = ("en", "device-care/charging", "daily", "Charge", "Daily", "…plug in…", ((3, 7),), 11.7)


@dataclasses.dataclass(frozen=True, slots=True)
class SearchHit_:  # noqa: N801 (the dataclass SearchHit was, to compare with)
    locale: str
    page_id: str
    anchor: str
    page_title: str
    section_title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float


def test_a_hit_reads_and_prints_as_the_dataclass_did():
    hit, old = SearchHit(*FIELDS), SearchHit_(*FIELDS)
    assert repr(hit) == repr(old).replace("SearchHit_(", "SearchHit(")
    assert [getattr(hit, f.name) for f in dataclasses.fields(old)] == list(FIELDS)
    assert SearchHit.__match_args__ == SearchHit_.__match_args__
    by_name = SearchHit(
        score=11.7,
        highlights=((3, 7),),
        snippet="…plug in…",
        section_title="Daily",
        page_title="Charge",
        anchor="daily",
        page_id="device-care/charging",
        locale="en",
    )
    assert by_name == hit


def test_hits_are_equal_and_hashed_by_value():
    hit = SearchHit(*FIELDS)
    same = SearchHit(*FIELDS)
    other = SearchHit(*FIELDS[:-1], 1.0)
    assert hit == same
    assert hash(hit) == hash(same)
    assert hit != other
    assert len({hit, same, other}) == 2
    assert hit != FIELDS  # a tuple with the same values is not a hit
    assert hit != SearchHit_(*FIELDS)


def test_a_hit_cannot_be_changed():
    hit = SearchHit(*FIELDS)
    with pytest.raises(AttributeError):
        hit.score = 0.0  # (mypy does not see it is read-only)
    with pytest.raises(AttributeError):
        del hit.anchor
    with pytest.raises(AttributeError):
        hit.extra = 1  # type: ignore[attr-defined]
    assert hit == SearchHit(*FIELDS)


def test_a_hit_is_copied_and_pickled_whole():
    hit = SearchHit(*FIELDS)
    assert pickle.loads(pickle.dumps(hit)) == hit
    assert copy.copy(hit) == hit
    assert copy.deepcopy(hit) == hit


def test_a_hit_matches_by_position():
    match SearchHit(*FIELDS):
        case SearchHit(locale, page_id, anchor):
            assert (locale, page_id, anchor) == FIELDS[:3]
        case _:
            pytest.fail("no match")
