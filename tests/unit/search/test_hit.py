"""SearchHit, written out by hand (no dataclasses import): an immutable value that unpacks its
section and makes its snippet when first read."""

from __future__ import annotations

import pytest

from rightsguide.core.search.index import SearchHit, _dictionary, _packed, _packer

TEXT = "Plug in the charger every day. Stay near the outlet while it charges."
WORDS = _dictionary([TEXT])


def _hit(score: float = 11.7, text: str = TEXT) -> SearchHit:
    stored = _packed("Daily", text, _packer(WORDS))
    return SearchHit(
        "en",
        "device-care/charging",
        anchor="daily",
        page_title="Charge",
        source=(stored, WORDS, ("charg",)),
        score=score,
    )


def test_a_hit_unpacks_its_section_and_marks_the_words_when_read():
    hit = _hit()
    assert hit._made is None
    assert hit.section_title == "Daily"
    assert "charger" in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["charg", "charg"]
    assert repr(hit).startswith(
        "SearchHit(locale='en', page_id='device-care/charging', anchor='daily', "
        "page_title='Charge', section_title='Daily', snippet="
    )
    assert repr(hit).endswith(", score=11.7)")


def test_hits_are_equal_and_hashed_by_value():
    hit, same, other = _hit(), _hit(), _hit(score=1.0)
    assert hit == same
    assert hash(hit) == hash(same)
    assert hit != other
    assert len({hit, same, other}) == 2
    assert hit != _hit(text="Another text about the charger.")
    assert hit != ("en", "device-care/charging")  # a tuple is not a hit


def test_a_hit_cannot_be_changed():
    hit = _hit()
    with pytest.raises(AttributeError):
        hit.page_title = ""  # (mypy does not see it is read-only)
    with pytest.raises(AttributeError):
        hit.score = 0.0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del hit.anchor
    with pytest.raises(AttributeError):
        hit.extra = 1  # type: ignore[attr-defined]
    assert hit == _hit()
