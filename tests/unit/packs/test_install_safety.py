"""A pack cannot be turned against the kiosk: versions, replays, swaps, bombs, crashes, races."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from rightsguide import cli
from rightsguide.core.content.locales import load_registry
from rightsguide.core.packs import folders, pack
from rightsguide.core.packs.pack import PackError
from tests.conftest import FIXTURES, ROOT
from tests.unit.packs.conftest import V1, V2, V3

ASSETS = ROOT / "assets"
WELCOME = "content/en/start-here/welcome.md"


@pytest.fixture
def keys(tmp_path):
    public = pack.keygen(tmp_path / "key.pem", tmp_path / "key.pub")
    return tmp_path / "key.pem", public


def install(path: Path, root: Path, key: str, **kw) -> pack.InstallResult:
    return pack.install(path, root, [key], ASSETS, **kw)


def v1_then_v2(tmp_path: Path, packs) -> tuple[dict[str, Path], str, Path]:
    """V1 then V2 installed in ``tmp_path/root``: V2 active, V1 the previous version."""
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    install(paths[V2], root, public)
    return paths, public, root


def active(root: Path) -> str:
    """The version of the active folder (a repaired copy's folder is ``<version>+repaired-*``)."""
    return (root / "current").resolve().name.partition("+")[0]


def removed(result: pack.InstallResult) -> list[tuple[str, pack.Removed]]:
    """The copies an install removed: (folder name, what it was)."""
    return [(copy.name, copy.what) for copy in result.removed]


def entries_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, entries: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


def resign_with_manifest(path: Path, private: Path, change) -> Path:
    """The pack with its manifest edited, then signed again by the same key."""
    entries = entries_of(path)
    data = json.loads(entries.pop("manifest.json"))
    entries.pop("manifest.sig")
    change(data)
    out = path.with_name("edited-" + path.name)
    write_zip(out, {"manifest.json": json.dumps(data).encode(), **entries})
    pack.sign(out, private)
    return out


KILL = """
import os, signal, sys
from pathlib import Path
from rightsguide.core.packs import folders, pack
def hook(step):
    if step == sys.argv[1]:
        os.kill(os.getpid(), signal.SIGKILL)
pack._step_hook = hook
pack.install(Path(sys.argv[2]), Path(sys.argv[3]), [sys.argv[4]], Path(sys.argv[5]))
"""


def killed_install(path: Path, root: Path, public: str, step: str) -> None:
    """Install ``path`` in a new process that is killed (SIGKILL) at ``step``."""
    done = subprocess.run(
        [sys.executable, "-c", KILL, step, str(path), str(root), public, str(ASSETS)],
        check=False,
        cwd=ROOT,
        capture_output=True,
    )
    assert done.returncode == -9, done.stderr


@contextlib.contextmanager
def deep_folder(top: Path, name: str = "d", depth: int = 1500) -> Iterator[None]:
    """``top/name/name/...`` ``depth`` deep with a file at the bottom, removed afterwards.

    Made and removed through folder handles: pathlib, os.makedirs and shutil.rmtree recurse
    as deep (and pytest's clean-up of old runs would fail on what is left).
    """
    fds = [os.open(top, os.O_RDONLY)]
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fds[-1])
            fds.append(os.open(name, os.O_RDONLY, dir_fd=fds[-1]))
        os.close(os.open("page.md", os.O_WRONLY | os.O_CREAT, dir_fd=fds[-1]))
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink("page.md", dir_fd=fds[-1])
        for parent, child in zip(fds[-2::-1], fds[:0:-1], strict=True):
            os.close(child)
            with contextlib.suppress(FileNotFoundError):
                os.rmdir(name, dir_fd=parent)
        os.close(fds[0])


# --- versions ---


@pytest.mark.parametrize("version", ["../../x", "", ".", "..", "7", "2026.13.01", "2026.12.01/"])
def test_build_refuses_a_version_that_is_not_a_date(tmp_path, version):
    with pytest.raises(PackError, match=r"YYYY\.MM\.DD"):
        pack.build(FIXTURES / "content", FIXTURES / "locales", tmp_path / "p.zip", version)
    assert not (tmp_path / "p.zip").exists()


@pytest.mark.parametrize("version", ["../../x", "", ".", ".."])
def test_a_signed_pack_with_a_path_for_a_version_writes_nothing(tmp_path, packs, version):
    paths, private, public = packs
    bad = resign_with_manifest(
        paths[V1], private, lambda m: m.__setitem__("version", version)
    )  # signed by the trusted key itself: the format alone must stop it
    with pytest.raises(PackError, match="not valid"):
        pack.verify(bad, [public])
    root = tmp_path / "a" / "b" / "root"
    install(paths[V1], root, public)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(PackError, match="not valid"):
        install(bad, root, public)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert active(root) == V1


def test_an_older_pack_is_refused_unless_asked(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V2], root, public)
    with pytest.raises(PackError, match=r"older than the installed 2026\.12\.02"):
        install(paths[V1], root, public)  # a replayed old pack
    assert active(root) == V2
    assert install(paths[V1], root, public, allow_downgrade=True).changed
    assert active(root) == V1


def test_reinstalling_the_active_version_changes_nothing_and_keeps_rollback(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    live = (root / "current").resolve() / WELCOME
    inode = live.stat().st_ino
    result = install(paths[V2], root, public)
    assert not result.changed
    assert live.stat().st_ino == inode  # the live folder was not replaced
    assert (root / "previous").resolve().name == V1
    assert pack.rollback(root, [public]) == V1


def _damaged(root: Path, tmp_path: Path) -> dict[str, Path]:
    """The active copy damaged every way a disk or a hand can: edited, removed, added, linked."""
    live = (root / "current").resolve()
    outside = tmp_path / "usb"
    outside.mkdir()
    (outside / "page.md").write_text("---\ntitle: planted\n---\n", encoding="utf-8")
    (live / WELCOME).write_text("---\ntitle: Edited\n---\nWrong advice.\n", encoding="utf-8")
    gone = live / "content" / "fr" / "start-here" / "welcome.md"
    gone.unlink()
    (live / "content" / "en" / "added.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (live / "content" / "en" / "linked").symlink_to(outside, target_is_directory=True)
    return {"live": live, "gone": gone, "outside": outside}


def test_reinstalling_the_active_version_makes_a_damaged_copy_again(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    damage = _damaged(root, tmp_path)
    with pytest.raises(PackError):
        pack.verify_installed(root / "current" / "content", [public])
    result = install(paths[V2], root, public)
    assert result.changed
    assert "welcome.md was changed after the pack was installed" in result.repaired
    content = root / "current" / "content"
    assert pack.verify_installed(content, [public]).version == V2  # every file as signed
    assert not (content / "en" / "added.md").exists()
    assert (damage["outside"] / "page.md").is_file()  # nothing outside was touched
    assert not damage["live"].exists()  # the damaged copy is gone
    assert (active(root), (root / "previous").resolve().name) == (V2, V1)  # rollback kept
    assert not list((root / "versions").glob(".staging-*"))
    assert not install(paths[V2], root, public).changed  # now intact: nothing more to do
    assert pack.rollback(root, [public]) == V1


@pytest.mark.parametrize("manifest", [None, b"{not json", b'{"version": "2026.12.09"}'])
def test_a_damaged_manifest_of_the_active_copy_is_repaired_and_rollback_kept(
    tmp_path, packs, manifest
):
    # (its version then comes from its folder's name: the install never moves it aside)
    paths, public, root = v1_then_v2(tmp_path, packs)
    written = (root / "current").resolve() / "manifest.json"
    if manifest is None:
        written.unlink()
    else:
        written.write_bytes(manifest)
    result = install(paths[V2], root, public, allow_downgrade=True)
    assert result.repaired
    assert pack.verify_installed(root / "current" / "content", [public]).version == V2
    assert (active(root), (root / "previous").resolve().name) == (V2, V1)
    assert pack.rollback(root, [public]) == V1


@pytest.mark.parametrize("where", ["index", "assets", "locales", "content", "content/en"])
def test_a_linked_folder_in_the_active_copy_is_damage_and_is_never_followed(tmp_path, packs, where):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V2], root, public)
    live = (root / "current").resolve()
    elsewhere = tmp_path / "elsewhere"
    (live / where).rename(elsewhere)  # a valid copy, outside, linked back in
    (live / where).symlink_to(elsewhere, target_is_directory=True)
    before = sorted((p.relative_to(elsewhere), p.stat().st_size) for p in elsewhere.rglob("*"))
    result = install(paths[V2], root, public)
    assert f"2026.12.02/{where} " in result.repaired
    assert pack.verify_installed(root / "current" / "content", [public]).version == V2
    assert not (root / "current" / where).is_symlink()
    after = sorted((p.relative_to(elsewhere), p.stat().st_size) for p in elsewhere.rglob("*"))
    assert after == before


def test_a_current_link_through_dot_dot_removes_nothing(tmp_path, packs):
    # "current -> y/.." with y -> versions: the damaged copy seems to be ROOT itself
    paths, public, root = v1_then_v2(tmp_path, packs)
    live = (root / "current").resolve()
    (root / "manifest.json").write_bytes((live / "manifest.json").read_bytes())
    (root / "notes.txt").write_text("the administrator's notes", encoding="utf-8")
    (root / "y").symlink_to("versions", target_is_directory=True)
    (root / "current").unlink()
    (root / "current").symlink_to("y/..", target_is_directory=True)
    result = install(paths[V2], root, public)
    assert result.repaired
    assert (root / "notes.txt").read_text(encoding="utf-8") == "the administrator's notes"
    assert pack.verify_installed(root / "current" / "content", [public]).version == V2
    # the intact V2 folder no link points at any more is an old copy, removed in versions/
    assert removed(result) == [(V2, pack.Removed.OLD)]
    assert not live.exists()
    assert pack.rollback(root, [public]) == V1


def test_a_linked_versions_folder_is_refused_before_anything_is_written(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    victim = tmp_path / "photos"
    victim.mkdir()
    (victim / "thesis.txt").write_text("years of work", encoding="utf-8")
    root.mkdir()
    (root / "versions").symlink_to(victim, target_is_directory=True)
    with pytest.raises(PackError, match="versions is a link"):
        install(paths[V2], root, public)
    assert [p.name for p in victim.iterdir()] == ["thesis.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="dir_fd")
def test_a_folder_thousands_deep_in_the_active_copy_is_damage_not_a_crash(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V2], root, public)
    with deep_folder((root / "current").resolve() / "content" / "en"):
        assert install(paths[V2], root, public).repaired
    assert pack.verify_installed(root / "current" / "content", [public]).version == V2


def test_a_failed_rename_into_place_changes_nothing(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    install(paths[V2], root, public)  # previous: V1, the version the downgrade below installs

    def failing(self: object, name: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(folders.Staging, "rename", failing)
    with pytest.raises(PackError, match="nothing was changed"):
        install(paths[V1], root, public, allow_downgrade=True)
    monkeypatch.undo()
    assert (active(root), (root / "previous").resolve().name) == (V2, V1)
    assert not list((root / "versions").glob(".staging-*"))
    assert pack.rollback(root, [public]) == V1  # the previous copy is whole


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("step", ["file 5", "staged", "renamed", "switched"])
def test_a_repair_killed_at_any_step_leaves_a_copy_active_and_is_finished(tmp_path, packs, step):
    paths, public, root = v1_then_v2(tmp_path, packs)
    _damaged(root, tmp_path)
    killed_install(paths[V2], root, public, step)
    assert (root / "current" / "content").is_dir()  # the damaged copy, or the new one
    install(paths[V2], root, public)  # finishes (or finds nothing left to do)
    assert pack.verify_installed(root / "current" / "content", [public]).version == V2
    assert (active(root), (root / "previous").resolve().name) == (V2, V1)
    versions = sorted(p.name.partition("+")[0] for p in (root / "versions").iterdir())
    assert versions in ([V1, V2], [V1, V2, V2])  # no staging folder or unused copy is left


def test_the_command_line_says_it_repaired_the_active_copy(tmp_path, packs, capsys):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V2], root, public)
    _damaged(root, tmp_path)
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"trusted_keys: [{public}]\n", encoding="utf-8")
    args = ["pack", "--content", str(FIXTURES / "content"), "install", "--config", str(config)]
    assert cli.main([*args, "--root", str(root), str(paths[V2])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("repaired the damaged active copy (")
    assert "version 2026.12.02" in out


# --- one open, verified bytes only ---


def test_a_pack_swapped_after_it_is_opened_is_not_installed(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    evil = tmp_path / "evil.pack"
    entries = entries_of(paths[V1])
    entries[WELCOME] = b"---\ntitle: You may take the monitor off\n---\nIt is fine.\n"
    write_zip(evil, entries)
    target = tmp_path / "usb.pack"
    target.write_bytes(paths[V1].read_bytes())
    real_init = zipfile.ZipFile.__init__
    swapped: list[bool] = []

    def init(self, file, *args, **kw):
        real_init(self, file, *args, **kw)
        name = getattr(file, "name", file)
        if Path(name) == target and not swapped:  # the stick's file changes under us
            swapped.append(True)
            evil.replace(target)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", init)
    root = tmp_path / "root"
    install(target, root, public)
    monkeypatch.undo()
    assert swapped
    assert b"monitor off" not in ((root / "current").resolve() / WELCOME).read_bytes()


# --- limits, checked before anything is parsed or inflated ---


def test_a_huge_manifest_is_refused_before_it_is_inflated(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    entries = entries_of(paths[V1])
    entries["manifest.json"] = b" " * 50_000_000  # 50 MB of spaces: about 50 KB compressed
    bomb = tmp_path / "bomb.pack"
    write_zip(bomb, entries)
    monkeypatch.setattr(json, "loads", lambda *_a, **_k: pytest.fail("parsed"))
    monkeypatch.setattr(
        zipfile.ZipExtFile, "read", lambda *_a, **_k: pytest.fail("inflated before the check")
    )
    with pytest.raises(PackError, match="too large"):
        pack.verify(bomb, [public])


def test_a_zip_bomb_in_a_signed_pack_is_refused_before_it_is_inflated(tmp_path, keys):
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURES / "content", content)
    (content / "en" / "start-here" / "zeros.yaml").write_bytes(b"\0" * 5_000_000)
    out = tmp_path / "p.pack"
    pack.build(content, FIXTURES / "locales", out, V1)
    pack.sign(out, keys[0])
    with pytest.raises(PackError, match="compressed suspiciously well"):
        pack.verify(out, [keys[1]])


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_PACK_BYTES", 1000, "larger than"),
        ("MAX_FILES", 5, "more than 5 files"),
        ("MAX_FILE_BYTES", 2000, "too large"),
        ("MAX_TOTAL_BYTES", 100_000, "unpacks to more than"),
    ],
)
def test_size_limits(packs, monkeypatch, limit, value, message):
    paths, _private, public = packs
    monkeypatch.setattr(pack, limit, value)
    with pytest.raises(PackError, match=message):
        pack.verify(paths[V1], [public])


def test_look_alike_and_duplicate_names_are_refused(tmp_path, packs):
    paths, private, public = packs

    def add_look_alike(manifest):
        manifest["files"]["content/en/start-here/Welcome.md"] = manifest["files"][WELCOME]

    entries = entries_of(paths[V1])
    entries["content/en/start-here/Welcome.md"] = entries[WELCOME]
    base = tmp_path / "base.pack"
    write_zip(base, entries)
    with pytest.raises(PackError, match="differ only in case or Unicode form"):
        pack.verify(resign_with_manifest(base, private, add_look_alike), [public])
    dup = tmp_path / "dup.pack"
    with zipfile.ZipFile(dup, "w") as zf:
        for name, data in entries_of(paths[V1]).items():
            zf.writestr(name, data)
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr(WELCOME, b"---\ntitle: other\n---\n")
    with pytest.raises(PackError, match="two files with the same name"):
        pack.verify(dup, [public])


# --- the transaction ---


def test_files_and_folders_are_synced_before_the_switch(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    events: list[str] = []
    real_fsync, real_switch = os.fsync, pack._switch

    def fsync(fd):
        events.append("fsync")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)

    def switch(link, target):
        events.append(f"switch {link.name}")
        real_switch(link, target)

    monkeypatch.setattr(pack, "_switch", switch)
    install(paths[V1], tmp_path / "root", public)
    files = len(pack.verify(paths[V1], [public]).files)
    first_switch = events.index("switch current")
    assert events[:first_switch].count("fsync") > files  # every file, then the folders


def test_two_installs_at_once_never_lose_previous(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    refused: list[str] = []

    def second_install(step):
        if step == "staged" and not refused:
            with pytest.raises(PackError, match="another install or rollback is running"):
                install(paths[V3], root, public)
            refused.append(step)

    monkeypatch.setattr(pack, "_step_hook", second_install, raising=False)
    install(paths[V2], root, public)
    assert refused
    assert (active(root), (root / "previous").resolve().name) == (V2, V1)


def test_rollback_checks_what_it_switches_to(tmp_path, packs):
    _paths, public, root = v1_then_v2(tmp_path, packs)
    old = (root / "previous").resolve() / WELCOME
    old.write_text("---\ntitle: You may take the monitor off\n---\n", encoding="utf-8")
    with pytest.raises(PackError, match="changed after the pack was installed"):
        pack.rollback(root, [public])
    assert active(root) == V2


def test_a_relative_root_works_and_links_are_relative(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    monkeypatch.chdir(tmp_path)
    install(paths[V1], Path("kiosk"), public)
    install(paths[V2], Path("kiosk"), public)
    for link in ("current", "previous"):
        assert not (tmp_path / "kiosk" / link).readlink().is_absolute()
    (tmp_path / "kiosk").rename(tmp_path / "moved")  # the folder can be moved or mounted
    assert (tmp_path / "moved" / "current" / WELCOME).is_file()
    moved = tmp_path / "moved" / "current" / "content"
    assert pack.verify_installed(moved, [public]).version == V2


def test_leftovers_of_killed_installs_are_cleaned(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    leftover = root / "versions" / ".staging-4242-dead" / "content"
    leftover.mkdir(parents=True)
    (leftover / "half.md").write_text("x", encoding="utf-8")
    install(paths[V1], root, public)
    assert not list((root / "versions").glob(".staging-*"))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("step", ["file 5", "staged", "renamed", "previous"])
def test_a_kill_mid_install_leaves_the_old_version_live(tmp_path, packs, step):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    killed_install(paths[V2], root, public, step)
    assert active(root) == V1
    assert pack.verify_installed(root / "current" / "content", [public]).version == V1
    assert install(paths[V2], root, public).changed  # and the next install works, cleanly
    assert not list((root / "versions").glob(".staging-*"))
    assert (active(root), (root / "previous").resolve().name) == (V2, V1)


# --- keys and notes ---


def test_revoked_keys_are_refused_even_when_trusted(tmp_path, packs):
    paths, _private, public = packs
    with pytest.raises(PackError, match="revoked key"):
        pack.verify(paths[V1], [public], revoked=(public,))
    with pytest.raises(PackError, match="revoked key"):
        install(paths[V1], tmp_path / "root", public, revoked=(public,))
    assert not (tmp_path / "root" / "current").exists()


def test_the_command_line_takes_revoked_keys_from_the_config(tmp_path, packs, capsys):
    paths, _private, public = packs
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"trusted_keys: [{public}]\nrevoked_keys: [{public}]\n", encoding="utf-8")
    base = ["pack", "--content", str(FIXTURES / "content")]
    assert cli.main([*base, "verify", "--config", str(config), str(paths[V1])]) == 1
    err = capsys.readouterr().err
    assert "revoked key" in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_build_takes_release_notes_from_the_registry(tmp_path, content_copy):
    registry = content_copy / "locales.yaml"
    registry.write_text(
        "notes: New rules for phone check-ins.\n" + registry.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert load_registry(content_copy).notes == "New rules for phone check-ins."
    manifest = pack.build(content_copy, FIXTURES / "locales", tmp_path / "p.zip", V1)
    assert manifest.notes == "New rules for phone check-ins."
    assert pack.build(content_copy, FIXTURES / "locales", tmp_path / "q.zip", V1, "x").notes == "x"


def test_the_pack_carries_catalogs_style_sheets_and_a_search_index(packs):
    paths, _private, public = packs
    files = pack.verify(paths[V1], [public]).files
    assert "locales/ar/LC_MESSAGES/rightsguide.po" in files
    assert {"assets/styles/app.qss", "assets/styles/reader.css"} <= set(files)
    assert pack.index_name() in files


def test_bad_pack_commands_say_one_line(tmp_path, capsys):
    base = ["pack", "--content", str(FIXTURES / "content")]
    out = ["build", "--out", str(tmp_path / "p.zip")]
    assert cli.main([*base, *out, "--version", "../x"]) == 1
    garbage = tmp_path / "g.pack"
    garbage.write_bytes(b"PK\x03\x04 not a zip")
    assert cli.main([*base, "verify", "--trusted", "AAAA", str(garbage)]) == 1
    assert cli.main([*base, "rollback", "--root", str(tmp_path), "--trusted", "x"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 3
    assert "Traceback" not in err
    assert "YYYY.MM.DD" in err


def test_outside_a_kiosk_a_linked_folder_makes_installed_content_unverified(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    (tmp_path / "usb").mkdir()
    (tmp_path / "usb" / "page.md").write_text("---\ntitle: planted\n---\n", encoding="utf-8")
    content = root / "current" / "content"
    (content / "en" / "planted").symlink_to(tmp_path / "usb", target_is_directory=True)
    with pytest.raises(PackError, match="planted is not part of the signed pack"):
        pack.verify_installed(content, [public])


@pytest.mark.parametrize("where", ["assets/fonts/Planted.ttf", "index/extra.sqlite", "notes.txt"])
def test_a_file_added_anywhere_in_the_installed_pack_is_damage(tmp_path, packs, where):
    # (the reader outside a kiosk reads the folder: a planted font would be loaded)
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V2], root, public)
    planted = (root / "current").resolve() / where
    planted.write_bytes(b"planted")
    with pytest.raises(PackError, match="is not part of the signed pack"):
        pack.verify_installed(root / "current" / "content", [public])
    assert install(paths[V2], root, public).repaired
    assert not (root / "current" / where).exists()
    assert pack.verify_installed(root / "current" / "content", [public]).version == V2


def test_revoked_keys_in_the_kiosk_config_are_checked(tmp_path):
    from rightsguide.core.errors import ContentError
    from rightsguide.core.kiosk import load_config

    public = pack.keygen(tmp_path / "k.pem", tmp_path / "k.pub")
    registry = load_registry(FIXTURES / "content")
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"idle_seconds: 120\nrevoked_keys: [{public}]\n", encoding="utf-8")
    assert load_config(config, registry).revoked_keys == (public,)
    config.write_text("idle_seconds: 120\nrevoked_keys: [not-a-key]\n", encoding="utf-8")
    with pytest.raises(ContentError, match="not a public key") as caught:
        load_config(config, registry)
    assert caught.value.line == 2


# --- someone who can write inside ROOT (no signing key): an attack pass's findings ---


def test_a_staging_folder_swapped_for_a_link_writes_nothing_outside(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    outside = tmp_path / "outside"
    outside.mkdir()

    def swap(step: str) -> None:
        if step == "file 5":
            staging = next((root / "versions").glob(".staging-*"))
            staging.rename(tmp_path / "moved-away")
            staging.symlink_to(outside, target_is_directory=True)

    monkeypatch.setattr(pack, "_step_hook", swap)
    with pytest.raises(PackError, match="moved while it was installed"):
        install(paths[V2], root, public)
    monkeypatch.undo()
    assert list(outside.iterdir()) == []  # the rest went on into the folder it made
    assert active(root) == V1
    assert not list((root / "versions").glob(f"{V2}*"))
    assert install(paths[V2], root, public).changed


FIFO_INSTALL = """
import sys
from pathlib import Path
from rightsguide.core.packs import folders, pack
try:
    pack.install(Path(sys.argv[1]), Path(sys.argv[2]), [sys.argv[3]], Path(sys.argv[4]))
except pack.PackError as exc:
    print(exc)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
@pytest.mark.parametrize("planted", [".staging-x", f"{V2}{pack.REPAIRED}x", "pack"])
def test_a_fifo_planted_in_root_or_given_as_the_pack_blocks_nothing(tmp_path, packs, planted):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    given = paths[V2]
    if planted == "pack":
        given = tmp_path / "stick.pack"
        os.mkfifo(given)
    else:
        os.mkfifo(root / "versions" / planted)
    done = subprocess.run(  # (in its own process: the old code waited for a writer forever)
        [sys.executable, "-c", FIFO_INSTALL, str(given), str(root), public, str(ASSETS)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    if planted == "pack":
        assert "is not a file" in done.stdout
        assert active(root) == V1
    else:
        assert active(root) == V2


def test_the_lock_is_never_created_through_a_link(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    root.mkdir()
    elsewhere = tmp_path / "etc-nologin"
    (root / ".install.lock").symlink_to(elsewhere)
    with pytest.raises(PackError, match="is not a plain file"):
        install(paths[V1], root, public)
    assert (root / ".install.lock").is_symlink()  # (not the failed install's to remove)
    (root / ".install.lock").unlink()
    v1_then_v2(tmp_path, packs)  # (a rollback needs content installed before it locks)
    (root / ".install.lock").unlink()
    (root / ".install.lock").symlink_to(elsewhere)
    with pytest.raises(PackError, match="is not a plain file"):
        install(paths[V3], root, public)
    with pytest.raises(PackError, match="is not a plain file"):
        pack.rollback(root, [public])
    assert not elsewhere.exists()


def test_an_install_without_the_right_to_write_says_to_use_sudo(tmp_path, packs, monkeypatch):
    """Not: "remove the lock file" (that would let two installs run at once, and not help)."""
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)

    def refused(path: Path) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(folders, "open_lock", refused)  # as a user who is not an administrator
    for attempt in (
        lambda: install(paths[V2], root, public),
        lambda: pack.rollback(root, [public]),
    ):
        with pytest.raises(PackError) as caught:
            attempt()
        assert "permission denied" in str(caught.value)
        assert "sudo rightsguide pack" in str(caught.value)
        assert "remove it" not in str(caught.value)
    assert (root / ".install.lock").is_file()


def test_another_build_of_the_installed_version_is_refused_not_taken_for_a_repair(tmp_path, packs):
    """Same version, other files: the installed copy is intact, so there is nothing to repair.

    (It replaced newer content and called that "repaired the damaged active copy".)
    """
    paths, private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    content = tmp_path / "changed"
    shutil.copytree(FIXTURES / "content", content)
    page = content / "en/start-here/welcome.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAnother build.\n", encoding="utf-8")
    other = tmp_path / "other.pack"
    pack.build(content, FIXTURES / "locales", other, V1, "notes")
    pack.sign(other, private)
    before = (root / "current").resolve()
    with pytest.raises(PackError) as refused:
        install(other, root, public)
    assert f"another pack with the same version {V1} is installed" in str(refused.value)
    assert "needs a new version number" in str(refused.value)
    assert (root / "current").resolve() == before
    assert "Another build." not in (before / "content/en/start-here/welcome.md").read_text()


def test_an_active_folder_holding_another_signed_pack_is_made_again(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    live = (root / "current").resolve()
    shutil.rmtree(live)
    shutil.copytree((root / "previous").resolve(), live)  # V1's signed copy, under V2's name
    result = install(paths[V2], root, public)
    assert "holds another signed pack (version 2026.12.01)" in result.repaired
    assert pack.verify_installed(root / "current" / "content", [public]).version == V2


@pytest.mark.parametrize("current", ["loop", "dangling"])
def test_a_broken_current_is_never_carried_into_previous(tmp_path, packs, current):
    paths, public, root = v1_then_v2(tmp_path, packs)
    (root / "current").unlink()
    (root / "current").symlink_to("current" if current == "loop" else "versions/gone")
    assert install(paths[V3], root, public).changed
    assert active(root) == V3
    assert (root / "previous").resolve().name == V1  # not the broken link: rollback kept
    assert pack.rollback(root, [public]) == V1


def fail_current_switch(monkeypatch) -> None:
    """Make the switch of ``current`` fail as on a full disk (``previous`` switches as usual)."""
    real_switch = pack._switch

    def full_disk(link: Path, target: Path) -> None:
        if link.name == "current":
            raise OSError(28, "No space left on device")
        real_switch(link, target)

    monkeypatch.setattr(pack, "_switch", full_disk)


def test_a_failed_switch_of_current_leaves_previous_as_it_was(tmp_path, packs, monkeypatch):
    paths, public, root = v1_then_v2(tmp_path, packs)
    fail_current_switch(monkeypatch)
    with pytest.raises(PackError, match="nothing was changed"):
        install(paths[V3], root, public)
    monkeypatch.undo()
    assert (active(root), (root / "previous").resolve().name) == (V2, V1)


def test_rollback_refuses_a_previous_copy_that_install_would_call_damaged(tmp_path, packs):
    _paths, public, root = v1_then_v2(tmp_path, packs)
    ((root / "previous").resolve() / "assets" / "fonts" / "Planted.ttf").write_bytes(b"x")
    with pytest.raises(PackError, match=r"previous version is damaged.*Planted\.ttf"):
        pack.rollback(root, [public])
    assert active(root) == V2


def test_a_downgrade_to_the_previous_version_keeps_its_copy_until_the_switch(
    tmp_path, packs, monkeypatch
):
    paths, public, root = v1_then_v2(tmp_path, packs)
    kept = (root / "previous").resolve().stat().st_ino
    seen: list[int] = []

    def look(step: str) -> None:
        if step == "renamed":  # a power cut up to here must not touch the way back to V1
            seen.append((root / "previous").resolve().stat().st_ino)

    monkeypatch.setattr(pack, "_step_hook", look)
    install(paths[V1], root, public, allow_downgrade=True)
    monkeypatch.undo()
    assert seen == [kept]  # the very folder, never renamed away and back
    assert (active(root), (root / "previous").resolve().name) == (V1, V2)
    assert sorted(p.name.partition("+")[0] for p in (root / "versions").iterdir()) == [V1, V2]


@pytest.mark.skipif(sys.platform == "win32", reason="dir_fd")
def test_a_leftover_thousands_deep_is_no_crash(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    (root / "versions" / ".staging-deep").mkdir()
    with deep_folder(root / "versions" / ".staging-deep"):
        assert install(paths[V2], root, public).changed


def test_a_write_error_is_not_blamed_on_the_pack(tmp_path, packs, monkeypatch):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)

    def full_disk(self: object, name: str, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(folders.Staging, "write", full_disk)
    with pytest.raises(PackError, match=r"could not write the new copy in .*versions") as err:
        install(paths[V2], root, public)
    assert "cannot read" not in str(err.value)
    assert active(root) == V1


def test_a_pack_whose_content_fails_the_check_names_the_file_in_the_pack(tmp_path, packs):
    # (the check reads the staged copy through its folder's handle; the message names the file
    # as the pack holds it: the folder it was unpacked to is removed)
    paths, private, public = packs
    entries = entries_of(paths[V2])
    broken = b"---\ntitle: [unclosed\n---\nText.\n"
    entries[WELCOME] = broken
    data = json.loads(entries.pop("manifest.json"))
    entries.pop("manifest.sig")
    data["files"][WELCOME] = hashlib.sha256(broken).hexdigest()
    bad = tmp_path / "bad.pack"
    write_zip(bad, {"manifest.json": json.dumps(data).encode(), **entries})
    pack.sign(bad, private)
    root = tmp_path / "root"
    install(paths[V1], root, public)
    with pytest.raises(PackError) as refused:
        install(bad, root, public)
    message = str(refused.value)
    assert "content has 1 errors, e.g. content/en/start-here/welcome.md:" in message
    assert ".staging-" not in message
    assert "do not use this pack: tell the publishers. Nothing was changed" in message
    assert active(root) == V1


def test_a_pack_of_content_with_errors_is_not_built(tmp_path):
    """A pack that every kiosk would refuse: refused when it is built, with file and line."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    (content / "en/start-here/welcome.md").write_text(
        "---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8"
    )
    out = tmp_path / "x.pack"
    with pytest.raises(PackError) as refused:
        pack.build(content, FIXTURES / "locales", out, V1, "notes")
    assert "the content has 1 errors, and a kiosk would refuse the pack" in str(refused.value)
    assert f"{content / 'en/start-here/welcome.md'}:2:" in str(refused.value)
    assert not out.exists()


@pytest.mark.parametrize("member", ["manifest.json", WELCOME])
def test_a_pack_with_damaged_compressed_data_is_one_clear_error(tmp_path, packs, member):
    # a bad USB stick: the deflate stream of one member is garbage (no key needed)
    paths, _private, public = packs
    data = bytearray(paths[V2].read_bytes())
    with zipfile.ZipFile(paths[V2]) as zf:
        info = zf.getinfo(member)
    name_len, extra_len = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    data[start : start + 2] = b"\xff\xff"  # an invalid deflate block type
    bad = tmp_path / "bad.pack"
    bad.write_bytes(bytes(data))
    with pytest.raises(PackError, match="is damaged or incomplete"):
        pack.verify(bad, [public])
    root = tmp_path / "root"
    install(paths[V1], root, public)
    with pytest.raises(PackError, match="is damaged or incomplete"):
        install(bad, root, public)
    assert active(root) == V1


def test_links_written_by_older_versions_keep_working(tmp_path, packs):
    # older versions wrote absolute links, and ROOT is often reached through a link
    paths, _private, public = packs
    real = tmp_path / "data-rg"
    alias = tmp_path / "var-lib-rightsguide"
    real.mkdir()
    alias.symlink_to(real, target_is_directory=True)
    install(paths[V1], alias, public)
    install(paths[V2], alias, public)
    for name in ("current", "previous"):
        link = real / name
        target = link.resolve()
        link.unlink()
        link.symlink_to(target, target_is_directory=True)  # absolute, resolved
    assert pack.rollback(alias, [public]) == V1
    assert pack.rollback(real, [public]) == V2
    install(paths[V3], real, public)
    assert (active(real), (real / "previous").resolve().name) == (V3, V2)


def test_a_copy_swapped_while_it_is_checked_is_not_what_is_checked(tmp_path, packs, monkeypatch):
    from rightsguide.core.model import Problem
    from rightsguide.core.translation import check

    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    evil = tmp_path / "evil"
    (evil / "content").mkdir(parents=True)  # no registry: an error if it were checked
    real_check = check.check_tree

    def swapping(tree: Path, assets: Path) -> list[Problem]:
        staging = next((root / "versions").glob(".staging-*"))
        staging.rename(tmp_path / "moved-away")
        staging.symlink_to(evil, target_is_directory=True)
        return real_check(tree, assets)

    monkeypatch.setattr(check, "check_tree", swapping)
    with pytest.raises(PackError, match="moved while it was installed"):  # not "errors"
        install(paths[V2], root, public)
    assert active(root) == V1


def test_only_the_installs_own_half_made_links_are_cleaned(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    (root / "backup.new-2024").symlink_to(tmp_path, target_is_directory=True)  # the admin's
    (root / "current.new-4242").symlink_to("versions/gone")  # a killed switch's
    install(paths[V2], root, public)
    assert (root / "backup.new-2024").is_symlink()
    assert not (root / "current.new-4242").is_symlink()


def test_rollback_refuses_a_previous_outside_versions(tmp_path, packs):
    _paths, public, root = v1_then_v2(tmp_path, packs)
    outside = tmp_path / "outside-copy"
    shutil.copytree((root / "previous").resolve(), outside)  # a valid signed copy
    (root / "previous").unlink()
    (root / "previous").symlink_to(outside, target_is_directory=True)
    with pytest.raises(PackError, match="is not a folder in"):
        pack.rollback(root, [public])
    assert active(root) == V2


def test_the_check_of_a_large_pack_in_worker_processes_reads_the_staged_copy(
    tmp_path, packs, monkeypatch, capfd
):
    # (a pack of hundreds of pages is checked by one process per core; each reads the copy)
    from rightsguide.core.translation import check

    paths, _private, public = packs
    root = tmp_path / "root"
    install(paths[V1], root, public)
    real_check = check.check_tree
    monkeypatch.setattr(
        check, "check_tree", lambda tree, assets: real_check(tree, assets, parallel_min_pages=1)
    )
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert install(paths[V2], root, public).changed
    assert "Traceback" not in capfd.readouterr().err
    assert active(root) == V2


# --- old copies ---


def test_an_install_keeps_only_the_active_and_the_previous_copy(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    result = install(paths[V3], root, public)
    assert removed(result) == [(V1, pack.Removed.BEFORE_PREVIOUS)]
    assert sorted(p.name for p in (root / "versions").iterdir()) == [V2, V3]
    assert pack.rollback(root, [public]) == V2  # the way back is kept


def test_after_a_rollback_the_next_install_removes_the_version_rolled_back_from(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    assert pack.rollback(root, [public]) == V1  # current V1, previous V2
    result = install(paths[V3], root, public)
    assert (active(root), (root / "previous").resolve().name) == (V3, V1)
    assert removed(result) == [(V2, pack.Removed.BEFORE_PREVIOUS)]
    assert sorted(p.name for p in (root / "versions").iterdir()) == [V1, V3]


def test_a_repair_removes_the_damaged_copy_and_keeps_previous(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    damaged = (root / "current").resolve()
    (damaged / WELCOME).write_text("# changed by hand\n", encoding="utf-8")
    result = install(paths[V2], root, public)
    assert result.repaired
    assert removed(result) == [(V2, pack.Removed.DAMAGED)]
    assert not damaged.exists()
    assert sorted(p.name.partition("+")[0] for p in (root / "versions").iterdir()) == [V1, V2]
    assert pack.rollback(root, [public]) == V1


def test_only_unused_copies_are_removed_never_what_else_is_in_versions(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    versions = root / "versions"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("someone else's", encoding="utf-8")
    (versions / "2026.11.01").symlink_to(outside, target_is_directory=True)  # a link: kept
    (versions / "2026.11.02").write_text("a file", encoding="utf-8")  # not a folder: kept
    (versions / "notes").mkdir()  # not named after a version: the administrator's
    (versions / "notes" / "n.txt").write_text("notes", encoding="utf-8")
    old = versions / "2026.11.03"  # a copy from long ago, say half removed by a power cut
    (old / "content").mkdir(parents=True)
    (old / "content" / "page.md").write_text("# old\n", encoding="utf-8")
    result = install(paths[V3], root, public)
    assert removed(result) == [
        ("2026.11.03", pack.Removed.OLD),
        (V1, pack.Removed.BEFORE_PREVIOUS),
    ]
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "someone else's"
    assert sorted(p.name for p in versions.iterdir()) == [
        "2026.11.01",
        "2026.11.02",
        V2,
        V3,
        "notes",
    ]
    assert (versions / "notes" / "n.txt").read_text(encoding="utf-8") == "notes"


def test_a_failed_install_removes_no_old_copy(tmp_path, packs, monkeypatch):
    paths, public, root = v1_then_v2(tmp_path, packs)
    old = root / "versions" / "2026.11.03"
    old.mkdir()
    fail_current_switch(monkeypatch)
    with pytest.raises(PackError, match="nothing was changed"):
        install(paths[V3], root, public)
    assert old.is_dir()
    assert active(root) == V2


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_an_install_killed_while_it_removes_old_copies_is_finished_by_the_next(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    killed_install(paths[V3], root, public, "switched")  # V3 active, V1 not yet removed
    assert active(root) == V3
    assert (root / "versions" / V1).is_dir()
    assert not install(paths[V3], root, public).changed  # the same pack: nothing changed
    install(paths[V1], root, public, allow_downgrade=True)  # a real install removes it
    assert sorted(p.name.partition("+")[0] for p in (root / "versions").iterdir()) == [V1, V3]


def test_the_command_line_names_the_old_copies_it_removed(tmp_path, packs, capsys):
    paths, public, root = v1_then_v2(tmp_path, packs)
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"trusted_keys: [{public}]\n", encoding="utf-8")
    args = ["pack", "--content", str(FIXTURES / "content"), "install", "--config", str(config)]
    assert cli.main([*args, "--root", str(root), str(paths[V3])]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == f"removed old copies: the copy before the previous one, {V1}"


def test_the_command_line_says_what_each_removed_copy_was(tmp_path, packs, capsys):
    paths, public, root = v1_then_v2(tmp_path, packs)
    versions = root / "versions"
    shutil.copytree(versions / V1, versions / f"{V1}{pack.AGAIN}0badc0de")  # a kill left it
    (versions / "2026.11.03").mkdir()  # a copy from long ago
    ((root / "current").resolve() / WELCOME).write_text("# changed by hand\n", encoding="utf-8")
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"trusted_keys: [{public}]\n", encoding="utf-8")
    args = ["pack", "--content", str(FIXTURES / "content"), "install", "--config", str(config)]
    assert cli.main([*args, "--root", str(root), str(paths[V2])]) == 0  # a repair
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"removed old copies: a leftover copy {V1}+again-0badc0de (from an install that was "
        f"cut off); an old copy 2026.11.03, no longer in use; the damaged copy of {V2}"
    )
    assert sorted(p.name.partition("+")[0] for p in versions.iterdir()) == [V1, V2]


def test_a_leftover_removed_by_an_install_that_changes_nothing_is_named(tmp_path, packs, capsys):
    paths, public, root = v1_then_v2(tmp_path, packs)
    leftover = root / "versions" / f"{V2}{pack.AGAIN}0badc0de"
    shutil.copytree(root / "versions" / V2, leftover)
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"trusted_keys: [{public}]\n", encoding="utf-8")
    args = ["pack", "--content", str(FIXTURES / "content"), "install", "--config", str(config)]
    assert cli.main([*args, "--root", str(root), str(paths[V2])]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"already installed, the content in use is unchanged: version {V2}; active content: "
        f"{root / 'current' / 'content'}",
        f"removed old copies: a leftover copy {leftover.name} (from an install that was cut off)",
    ]
    assert not leftover.exists()


def test_a_leftover_removed_before_an_install_fails_is_named_in_its_message(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    (root / "versions" / ".staging-4242-dead" / "content").mkdir(parents=True)
    with pytest.raises(PackError) as refused:
        install(paths[V1], root, public)  # older than the active V2: refused
    assert str(refused.value).endswith(
        "(Before that, leftovers of an install that was cut off were removed from versions/: "
        ".staging-4242-dead.)"
    )
    assert active(root) == V2


@pytest.mark.parametrize(("step", "left"), [("renamed", [V1, V2, V3]), ("switched", [V2, V3])])
def test_links_swapped_before_old_copies_are_removed_remove_no_copy_in_use(
    tmp_path, packs, monkeypatch, step, left
):
    # someone who can write in ROOT points both links elsewhere, before or after the switch
    paths, public, root = v1_then_v2(tmp_path, packs)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def swap(now: str) -> None:
        if now == step:
            for name in ("current", "previous"):
                (root / name).unlink()
                (root / name).symlink_to(elsewhere, target_is_directory=True)

    monkeypatch.setattr(pack, "_step_hook", swap)
    install(paths[V3], root, public)
    assert sorted(p.name for p in (root / "versions").iterdir()) == left


@pytest.mark.skipif(sys.platform == "win32", reason="owners and modes")
def test_no_old_copy_is_removed_when_others_can_rename_what_is_in_versions(tmp_path, packs, capsys):
    # they could rename the administrator's folder to a version's name and get it removed
    paths, public, root = v1_then_v2(tmp_path, packs)
    versions = root / "versions"
    versions.chmod(0o777)
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"trusted_keys: [{public}]\n", encoding="utf-8")
    args = ["pack", "--content", str(FIXTURES / "content"), "install", "--config", str(config)]
    assert cli.main([*args, "--root", str(root), str(paths[V3])]) == 0
    assert active(root) == V3
    assert (versions / V1).is_dir()
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"old copies were left in place: {versions} can be written by other")


@pytest.mark.skipif(sys.platform == "win32", reason="dir_fd")
def test_renaming_folders_while_old_copies_are_removed_removes_no_copy_in_use(
    tmp_path, packs, monkeypatch
):
    paths, public, root = v1_then_v2(tmp_path, packs)
    versions = root / "versions"
    junk = versions / "2026.11.01"
    junk.mkdir()
    real = folders.Folder.remove_unless_kept

    def swapped(self: folders.Folder, name: str, kept):
        if name == junk.name:  # the junk passed every check: now V2 (to be previous) takes its name
            junk.rename(tmp_path / "junk-away")
            (versions / V2).rename(junk)
        return real(self, name, kept)

    monkeypatch.setattr(folders.Folder, "remove_unless_kept", swapped)
    result = install(paths[V3], root, public)
    assert junk.name not in [name for name, _what in removed(result)]
    assert pack.verify_installed(junk / "content", [public]).version == V2  # intact


def test_an_error_while_old_copies_are_removed_does_not_fail_the_install(
    tmp_path, packs, monkeypatch
):
    paths, public, root = v1_then_v2(tmp_path, packs)

    def broken(self: folders.Folder) -> list[str]:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(folders.Folder, "names", broken)
    result = install(paths[V3], root, public)
    assert (result.changed, active(root)) == (True, V3)
    assert result.kept_old.startswith("could not look through")
    assert "Input/output error" in result.kept_old


@pytest.mark.skipif(sys.platform == "win32", reason="dir_fd")
def test_versions_swapped_for_a_link_after_the_switch_removes_nothing_through_it(
    tmp_path, packs, monkeypatch
):
    paths, public, root = v1_then_v2(tmp_path, packs)
    outside = tmp_path / "outside"
    (outside / "2026.11.01").mkdir(parents=True)  # named like a version, not in versions/
    (outside / "2026.11.01" / "keep.txt").write_text("someone else's", encoding="utf-8")

    def swap(step: str) -> None:
        if step == "switched":
            (root / "versions").rename(root / "versions.real")
            (root / "versions").symlink_to(outside, target_is_directory=True)

    monkeypatch.setattr(pack, "_step_hook", swap)
    result = install(paths[V3], root, public)
    assert (result.removed, result.kept_old[:20]) == ((), "could not look throu")
    assert (outside / "2026.11.01" / "keep.txt").read_text(encoding="utf-8") == "someone else's"


def test_a_repair_keeps_the_previous_copy_even_if_previous_is_swapped_meanwhile(
    tmp_path, packs, monkeypatch
):
    paths, public, root = v1_then_v2(tmp_path, packs)
    kept = (root / "previous").resolve()
    ((root / "current").resolve() / WELCOME).write_text("# changed\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def swap(step: str) -> None:
        if step in ("renamed", "switched"):  # (before and after the switch)
            (root / "previous").unlink()
            (root / "previous").symlink_to(elsewhere, target_is_directory=True)

    monkeypatch.setattr(pack, "_step_hook", swap)
    assert install(paths[V2], root, public).repaired
    assert pack.verify_installed(kept / "content", [public]).version == V1


@pytest.mark.skipif(sys.platform == "win32", reason="dir_fd")
def test_an_old_copy_that_cannot_be_removed_is_said_not_reported_removed(tmp_path, packs):
    paths, public, root = v1_then_v2(tmp_path, packs)
    old = root / "versions" / "2026.11.01"
    old.mkdir()
    with deep_folder(old):
        result = install(paths[V3], root, public)
        assert removed(result) == [(V1, pack.Removed.BEFORE_PREVIOUS)]
        assert result.kept_old == "1 could not be removed"
        assert old.is_dir()


def test_a_root_that_is_a_file_is_named_as_such(tmp_path, packs):
    paths, _private, public = packs
    root = tmp_path / "root"
    root.write_text("not a folder", encoding="utf-8")
    with pytest.raises(PackError, match="is not a folder: give --root the packs folder"):
        install(paths[V1], root, public)


def test_a_key_in_openssl_form_of_another_algorithm_is_refused_not_a_traceback():
    import base64

    from rightsguide.core.packs.manifest import raw_key

    der = bytearray(bytes.fromhex("302a300506032b6570032100") + bytes(32))
    der[8] = 0x63  # an algorithm no one supports (1.3.101.99)
    with pytest.raises(PackError, match="not a valid public key"):
        raw_key(base64.b64encode(bytes(der)).decode())
