"""What translate import reads and writes: planned pages seen as written, pages written whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rightsguide.core.translation.exchange_write import PlannedSource, Refused, write_all


def test_a_planned_new_page_is_listed_and_read_as_it_would_be_written(tmp_path):
    (tmp_path / "en/topic").mkdir(parents=True)
    (tmp_path / "en/topic/old.md").write_text("old", encoding="utf-8")
    new = tmp_path / "es/topic/new.md"  # neither the file nor its folders exist yet
    source = PlannedSource({new: b"planned"})
    assert source.is_dir(tmp_path / "es")
    assert source.is_dir(tmp_path / "es/topic")
    assert source.glob(tmp_path / "es", "*/*.md") == [new]
    assert source.glob(tmp_path / "en", "*/*.md") == [tmp_path / "en/topic/old.md"]
    assert (source.read_bytes(new), source.is_file(new), source.real(new)) == (
        b"planned",
        True,
        new,
    )
    assert source.read_bytes(tmp_path / "en/topic/old.md") == b"old"
    assert not source.live  # (so the library reads planned pages through it)


def test_write_all_writes_every_page_whole_and_leaves_nothing_beside_them(tmp_path):
    page = tmp_path / "fr/topic/page.md"
    page.parent.mkdir(parents=True)
    page.write_text("before", encoding="utf-8")
    write_all([(page, "after"), (tmp_path / "fr/new/page.md", "new")])
    assert page.read_text(encoding="utf-8") == "after"
    assert (tmp_path / "fr/new/page.md").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in page.parent.iterdir()) == ["page.md"]


def test_a_write_that_fails_changes_no_page(tmp_path, monkeypatch):
    pages = [tmp_path / f"p{i}.md" for i in range(3)]
    for page in pages:
        page.write_text("before", encoding="utf-8")
    real_fsync = os.fsync
    calls: list[int] = []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(Refused) as refused:
        write_all([(page, "after") for page in pages])
    assert refused.value.problem.path == pages[2]
    assert [p.read_text(encoding="utf-8") for p in pages] == ["before"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p0.md", "p1.md", "p2.md"]


def test_write_all_of_nothing_writes_nothing(tmp_path: Path):
    write_all([])
    assert list(tmp_path.iterdir()) == []
