"""``--root``: a mistyped one creates nothing, and one inside an installed copy is refused."""

from __future__ import annotations

import errno
import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from rightsguide import cli
from rightsguide.core.packs import folders, pack, rootdir
from rightsguide.core.packs.pack import PackError
from tests.conftest import FIXTURES, ROOT
from tests.unit.packs.conftest import V1, V2

ASSETS = ROOT / "assets"


def tree(folder: Path) -> list[str]:
    """Every path under ``folder`` (links not followed), relative, sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def run(tmp_path: Path, public: str, *args: str) -> int:
    """``rightsguide pack ...`` with a kiosk configuration that trusts ``public``."""
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"trusted_keys: [{public}]\n", encoding="utf-8")
    action, *rest = args
    return cli.main(
        ["pack", "--content", str(FIXTURES / "content"), action, "--config", str(config), *rest]
    )


def unsigned_copy(signed: Path, out: Path) -> Path:
    """The pack ``signed`` without its signature (as if someone had unzipped and zipped it)."""
    with zipfile.ZipFile(signed) as zf, zipfile.ZipFile(out, "w") as unsigned:
        for info in zf.infolist():
            if info.filename != "manifest.sig":
                unsigned.writestr(info, zf.read(info))
    return out


def installed(tmp_path: Path, packs, *versions: str) -> Path:
    paths, _private, public = packs
    root = tmp_path / "var" / "lib" / "rightsguide"
    for version in versions:
        pack.install(paths[version], root, [public], ASSETS)
    return root


# --- a rollback where nothing is installed ---


@pytest.mark.parametrize("made", [False, True], ids=["missing", "empty folder"])
def test_a_rollback_in_a_mistyped_root_says_no_content_is_installed_and_creates_nothing(
    tmp_path, packs, capsys, made
):
    _paths, _private, public = packs
    typo = tmp_path / "var" / "lib" / "rightsgiude"
    if made:
        typo.mkdir(parents=True)
    assert run(tmp_path, public, "rollback", "--root", str(typo)) == 1
    err = capsys.readouterr().err
    assert err == (
        f"rightsguide: no content is installed in {typo}: check that --root is the packs "
        "folder the packs were installed in (such as /var/lib/rightsguide), or install a "
        "pack first\n"
    )
    if made:
        assert tree(typo) == []
    else:
        assert not (tmp_path / "var").exists()


def test_a_rollback_with_one_version_installed_says_there_is_none_before_it(tmp_path, packs):
    root = installed(tmp_path, packs, V1)
    with pytest.raises(PackError, match="no previous version to go back to") as err:
        pack.rollback(root, [packs[2]])
    assert "install its pack" in str(err.value)


# --- a first install that fails leaves nothing it made ---


def test_a_first_install_of_a_refused_pack_leaves_nothing_behind(tmp_path, packs, capsys):
    paths, _private, public = packs
    unsigned = unsigned_copy(paths[V1], tmp_path / "unsigned.pack")
    root = tmp_path / "new" / "rightsguide"
    assert run(tmp_path, public, "install", "--root", str(root), str(unsigned)) == 1
    assert "not signed" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def full_disk(self: object, name: str, data: bytes) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_first_install_on_a_full_disk_leaves_nothing_behind(tmp_path, packs, capsys, monkeypatch):
    paths, _private, public = packs
    monkeypatch.setattr(folders.Staging, "write", full_disk)
    root = tmp_path / "new" / "rightsguide"
    assert run(tmp_path, public, "install", "--root", str(root), str(paths[V1])) == 1
    err = capsys.readouterr().err
    assert "the disk is full; free some space on it, then try again. Nothing was changed" in err
    assert not (tmp_path / "new").exists()  # "nothing was changed" is true


def test_a_failed_install_in_an_empty_folder_leaves_it_empty(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    root = tmp_path / "rightsguide"
    root.mkdir()  # made by the administrator: theirs, and kept
    monkeypatch.setattr(folders.Staging, "write", full_disk)
    with pytest.raises(PackError, match="the disk is full"):
        pack.install(paths[V1], root, [public], ASSETS)
    assert root.is_dir()
    assert tree(root) == []


def test_a_failed_install_in_a_packs_folder_keeps_its_lock_and_versions(tmp_path, packs):
    paths, _private, public = packs
    root = installed(tmp_path, packs, V2)
    before = tree(root)
    with pytest.raises(PackError, match="older than the installed"):
        pack.install(paths[V1], root, [public], ASSETS)
    assert tree(root) == before


def test_a_lock_file_is_taken_again_once_a_failed_first_install_has_removed_it(
    tmp_path, packs, monkeypatch
):
    # another install opened the lock file, then a failed first install removed it: a lock
    # taken on that file would let a third install take the new one at the same time
    paths, _private, public = packs
    root = tmp_path / "rightsguide"
    real = folders.open_lock
    opened: list[Path] = []

    def then_removed(path: Path) -> int:
        fd = real(path)
        if not opened:
            path.unlink()  # (what the failed install did, between the open and the lock)
        opened.append(path)
        return fd

    held: list[bool] = []

    def try_the_lock(step: str) -> None:
        if step == "staged":  # a third install now: the file at the lock's name is held
            fd = os.open(root / rootdir.LOCK, os.O_RDWR)
            try:
                held.append(not rootdir._flock(fd))
            finally:
                os.close(fd)

    monkeypatch.setattr(folders, "open_lock", then_removed)
    monkeypatch.setattr(pack, "_step_hook", try_the_lock)
    assert pack.install(paths[V1], root, [public], ASSETS).changed
    assert (len(opened), held) == (2, [True])


# --- a root inside an installed copy, or that is content ---


@pytest.mark.parametrize(
    "given", ["current", "previous", "current/content", "current/content/en", "versions", V1]
)
def test_a_root_inside_the_installed_copies_is_refused_naming_the_root_to_use(
    tmp_path, packs, capsys, given
):
    paths, _private, public = packs
    root = installed(tmp_path, packs, V1, V2)
    inside = root / given if given != V1 else root / "versions" / V1
    before = tree(root)
    for args in (
        ("install", "--root", str(inside), str(paths[V2])),
        ("rollback", "--root", str(inside)),
    ):
        assert run(tmp_path, public, *args) == 1
        err = capsys.readouterr().err
        assert "where the installed copies are kept: use --root" in err
        assert err.endswith(f"use --root {root} instead\n")
    assert tree(root) == before  # nothing written in the copies, nor anywhere else
    assert pack.verify_installed(root / "current" / "content", [public]).version == V2


@pytest.mark.parametrize("what", ["content folder", "unpacked tree", "copy elsewhere"])
def test_a_root_that_is_content_or_a_copy_is_refused(tmp_path, packs, what):
    paths, _private, public = packs
    if what == "copy elsewhere":  # an installed copy copied out of versions/
        source = installed(tmp_path / "a", packs, V1) / "versions" / V1
        given = tmp_path / "backup"
        shutil.copytree(source, given)
        said = "holds an installed copy (manifest.json)"
    elif what == "content folder":
        given = tmp_path / "content"
        shutil.copytree(FIXTURES / "content", given)
        said = "holds content (locales.yaml)"
    else:
        given = tmp_path / "checkout"
        shutil.copytree(FIXTURES / "content", given / "content")
        said = "holds content (content/locales.yaml)"
    before = tree(given)
    with pytest.raises(PackError) as err:
        pack.install(paths[V1], given, [public], ASSETS)
    assert str(err.value) == (
        f"{given} {said}, not installed packs: give --root a folder of its own for the packs, "
        "such as /var/lib/rightsguide"
    )
    assert tree(given) == before


def test_a_root_inside_a_copy_outside_versions_is_refused(tmp_path, packs):
    paths, _private, public = packs
    given = tmp_path / "backup"
    shutil.copytree(installed(tmp_path / "a", packs, V1) / "versions" / V1, given)
    with pytest.raises(PackError, match=f"is inside {given}, an installed copy of the content"):
        pack.install(paths[V1], given / "content", [public], ASSETS)
    assert not (given / "content" / "versions").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_root_reached_through_a_link_is_still_a_packs_folder(tmp_path, packs):
    paths, _private, public = packs
    real = installed(tmp_path, packs, V1)
    (tmp_path / "kiosk").symlink_to(real, target_is_directory=True)
    assert pack.install(paths[V2], tmp_path / "kiosk", [public], ASSETS).changed
    assert pack.rollback(tmp_path / "kiosk", [public]) == V1


@pytest.mark.parametrize("inside", ["packs", "en", "en/device-care/packs"])
def test_a_root_inside_a_content_folder_is_refused(tmp_path, packs, inside):
    paths, _private, public = packs
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    given = content / inside
    before = tree(content)
    with pytest.raises(PackError) as err:
        pack.install(paths[V1], given, [public], ASSETS)
    assert str(err.value) == (
        f"{given} is inside {content}, a content folder: give --root a folder of its own for "
        "the packs, such as /var/lib/rightsguide"
    )
    assert tree(content) == before  # before: copies of the content written into the content


def test_a_failed_first_install_removes_its_folders_before_it_lets_the_lock_go(
    tmp_path, packs, monkeypatch
):
    """A second install waiting for the lock must not find a versions/ about to be removed."""
    paths, _private, public = packs
    root = tmp_path / "rightsguide"
    monkeypatch.setattr(folders.Staging, "write", full_disk)
    seen: list[bool] = []
    unlink = Path.unlink

    def watched(self: Path, missing_ok: bool = False) -> None:
        if self.name == ".install.lock":
            seen.append((root / "versions").exists())
        unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", watched)
    with pytest.raises(PackError, match="the disk is full"):
        pack.install(paths[V1], root, [public], ASSETS)
    assert seen == [False]  # versions/ was gone when the lock was let go
    assert not root.exists()
