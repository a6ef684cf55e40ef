"""An install's folders: nothing planted in the packs folder redirects a write or a removal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from rightsguide.core.packs import folders

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX folder handles")


def test_a_staged_subfolder_swapped_for_a_link_still_gets_the_files(tmp_path):
    staging = folders.Staging(tmp_path, "staging")
    staging.write("content/en/a.md", b"a")
    outside = tmp_path / "outside"
    outside.mkdir()
    (staging.path / "content" / "en").rename(tmp_path / "moved")
    (staging.path / "content" / "en").symlink_to(outside, target_is_directory=True)
    staging.write("content/en/b.md", b"b")  # through the folder's handle, not the link
    staging.sync()
    staging.close()
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "moved").iterdir()) == ["a.md", "b.md"]


def test_a_staged_file_is_never_written_over_or_through_a_link(tmp_path):
    staging = folders.Staging(tmp_path, "staging")
    victim = tmp_path / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    (staging.path / "planted.md").symlink_to(victim)
    with pytest.raises(FileExistsError):
        staging.write("planted.md", b"pack bytes")
    staging.close()
    assert victim.read_text(encoding="utf-8") == "mine"


def test_the_staged_folder_is_known_by_what_it_is_not_its_name(tmp_path):
    staging = folders.Staging(tmp_path, "staging")
    assert staging.is_at(staging.path)
    staging.rename("final")
    assert staging.path == tmp_path / "final"
    assert staging.is_at(tmp_path / "final")
    (tmp_path / "other").mkdir()
    (tmp_path / "staging").symlink_to(tmp_path / "final", target_is_directory=True)
    assert not staging.is_at(tmp_path / "staging")  # a link to it is not it
    assert not staging.is_at(tmp_path / "other")
    staging.close()


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_only_a_regular_file_is_opened_as_a_pack(tmp_path, kind):
    path = {"fifo": tmp_path / "p", "device": Path("/dev/zero"), "folder": tmp_path}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    with pytest.raises(OSError, match=r"is not a file|Is a directory"):
        folders.open_regular(path)  # (a FIFO would block until someone writes to it)


def test_removing_leaves_links_and_fifos_alone(tmp_path):
    versions = tmp_path / "versions"
    versions.mkdir()
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "thesis.txt").write_text("years of work", encoding="utf-8")
    (versions / "linked").symlink_to(keep, target_is_directory=True)
    os.mkfifo(versions / "fifo")
    (versions / "old" / "content").mkdir(parents=True)
    for name in ("linked", "fifo", "old", "missing"):
        folders.remove_folder(versions, name)
    assert sorted(p.name for p in versions.iterdir()) == ["fifo", "linked"]
    assert (keep / "thesis.txt").is_file()


def test_a_plain_folder_is_a_real_folder_right_in_its_parent(tmp_path):
    versions = tmp_path / "versions"
    (versions / "v1").mkdir(parents=True)
    (versions / "link").symlink_to(versions / "v1", target_is_directory=True)
    assert folders.plain_folder(versions / "v1", versions)
    assert not folders.plain_folder(versions / "link", versions)
    assert not folders.plain_folder(versions / "y" / "..", versions)
    assert not folders.plain_folder(versions / "v1" / "..", versions)
    assert not folders.plain_folder(versions / "..", versions)  # ("..": the parent's parent)
    assert not folders.plain_folder(None, versions)
    alias = tmp_path / "alias"  # ROOT reached through a link, as an administrator may set it up
    alias.symlink_to(versions, target_is_directory=True)
    assert folders.plain_folder(alias / "v1", versions)
    assert not folders.plain_folder(alias / "link", versions)


def test_a_parent_swapped_for_a_link_is_noticed_not_followed(tmp_path):
    parent = tmp_path / "versions"
    parent.mkdir()
    staging = folders.Staging(parent, "staging")
    staging.write("a.md", b"a")
    parent.rename(tmp_path / "moved")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "staging").mkdir(parents=True)
    parent.symlink_to(elsewhere, target_is_directory=True)
    assert not staging.is_at(parent / "staging")
    staging.rename("final")  # through the parent's handle: in the folder it was made in
    staging.close()
    assert (tmp_path / "moved" / "final" / "a.md").is_file()
    assert list((elsewhere / "staging").iterdir()) == []
