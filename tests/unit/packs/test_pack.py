from __future__ import annotations

import errno
import json
import os
import zipfile
from pathlib import Path

import pytest

from rightsguide import cli
from rightsguide.core.packs import pack
from rightsguide.core.packs.manifest import parse_version
from rightsguide.core.packs.pack import PackError
from tests.conftest import FIXTURES, ROOT, write_page
from tests.unit.packs.conftest import V1, V2

ASSETS = ROOT / "assets"


@pytest.fixture
def keys(tmp_path):
    public = pack.keygen(tmp_path / "key.pem", tmp_path / "key.pub")
    return tmp_path / "key.pem", public


def signed_pack(tmp_path: Path, content: Path, keys, version: str = "2026.12.01") -> Path:
    out = tmp_path / f"pack-{version}.zip"
    pack.build(content, FIXTURES / "locales", out, version, "test notes")
    pack.sign(out, keys[0])
    return out


def rewrite(zip_path: Path, change) -> None:
    with zipfile.ZipFile(zip_path) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    change(entries)
    with zipfile.ZipFile(zip_path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


def test_signed_pack_verifies(tmp_path, content_copy, keys):
    path = signed_pack(tmp_path, content_copy, keys)
    manifest = pack.verify(path, [keys[1]])
    assert manifest.version == "2026.12.01"
    assert "content/en/start-here/welcome.md" in manifest.files
    assert "locales/ar/LC_MESSAGES/rightsguide.po" in manifest.files
    assert manifest.locales[0] == "en"


def test_private_key_is_private(keys):
    assert keys[0].stat().st_mode & 0o077 == 0


def test_wrong_key_is_refused(tmp_path, content_copy, keys):
    other = pack.keygen(tmp_path / "other.pem", tmp_path / "other.pub")
    path = signed_pack(tmp_path, content_copy, keys)
    with pytest.raises(PackError, match="does not match any trusted key"):
        pack.verify(path, [other])


def test_tampered_file_is_named(tmp_path, content_copy, keys):
    path = signed_pack(tmp_path, content_copy, keys)
    rewrite(
        path,
        lambda e: e.__setitem__(
            "content/en/start-here/welcome.md", b"---\ntitle: you may take the monitor off\n---\n"
        ),
    )
    with pytest.raises(PackError, match=r"welcome\.md was changed after the pack was signed"):
        pack.verify(path, [keys[1]])


def test_tampered_manifest_breaks_the_signature(tmp_path, content_copy, keys):
    path = signed_pack(tmp_path, content_copy, keys)

    def change(entries):
        data = json.loads(entries["manifest.json"])
        data["version"] = "9999"
        entries["manifest.json"] = json.dumps(data).encode()

    rewrite(path, change)
    with pytest.raises(PackError, match="signature"):
        pack.verify(path, [keys[1]])


def test_added_file_and_path_escape_are_refused(tmp_path, content_copy, keys):
    path = signed_pack(tmp_path, content_copy, keys)
    rewrite(path, lambda e: e.__setitem__("content/en/start-here/extra.md", b"x"))
    with pytest.raises(PackError, match="differ from the manifest"):
        pack.verify(path, [keys[1]])
    path = signed_pack(tmp_path, content_copy, keys, "2026.12.02")
    rewrite(path, lambda e: e.__setitem__("../../etc/evil", b"x"))
    with pytest.raises(PackError, match="outside content, locales"):
        pack.verify(path, [keys[1]])


def test_truncated_and_unsigned_packs(tmp_path, content_copy, keys):
    path = signed_pack(tmp_path, content_copy, keys)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(PackError, match="damaged or incomplete"):
        pack.verify(path, [keys[1]])
    unsigned = tmp_path / "unsigned.zip"
    pack.build(content_copy, FIXTURES / "locales", unsigned, "2026.12.01")
    with pytest.raises(PackError, match="not signed"):
        pack.verify(unsigned, [keys[1]])
    with pytest.raises(PackError, match="no trusted public key"):
        pack.verify(unsigned, [])


def active_title(root: Path) -> str:
    return (
        (root / "current" / "content" / "en" / "start-here" / "welcome.md")
        .read_text(encoding="utf-8")
        .split("title: ")[1]
        .split("\n")[0]
    )


def test_install_switches_atomically_and_rolls_back(tmp_path, content_copy, keys):
    root = tmp_path / "packs"
    pack.install(signed_pack(tmp_path, content_copy, keys, V1), root, [keys[1]], ASSETS)
    assert active_title(root) == "Welcome to the guide"
    page = content_copy / "en/start-here/welcome.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Welcome to the guide", "Welcome, v2"),
        encoding="utf-8",
    )
    pack.install(signed_pack(tmp_path, content_copy, keys, V2), root, [keys[1]], ASSETS)
    assert active_title(root) == "Welcome, v2"
    assert (root / "previous").resolve().name == V1
    assert pack.rollback(root, [keys[1]]) == V1
    assert active_title(root) == "Welcome to the guide"
    assert not list((root / "versions").glob(".staging*"))


def test_failed_install_leaves_the_active_content_alone(tmp_path, content_copy, keys, monkeypatch):
    root = tmp_path / "packs"
    pack.install(signed_pack(tmp_path, content_copy, keys, V1), root, [keys[1]], ASSETS)
    v2 = signed_pack(tmp_path, content_copy, keys, V2)

    real_fsync = os.fsync
    calls = {"n": 0}

    def disk_full(fd):
        calls["n"] += 1
        if calls["n"] > 3:  # interrupted part-way through unpacking
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(PackError, match="No space left on device"):
        pack.install(v2, root, [keys[1]], ASSETS)
    monkeypatch.undo()
    assert (root / "current").resolve().name == V1
    assert active_title(root) == "Welcome to the guide"
    assert not list((root / "versions").glob(".staging*"))


def test_pack_with_broken_content_is_refused_at_install(tmp_path, content_copy, keys):
    root = tmp_path / "packs"
    pack.install(signed_pack(tmp_path, content_copy, keys, V1), root, [keys[1]], ASSETS)
    write_page(content_copy, "en/start-here/bad.md", "---\ntitle: [\n---\n")
    with pytest.raises(PackError, match="errors"):
        pack.install(signed_pack(tmp_path, content_copy, keys, V2), root, [keys[1]], ASSETS)
    assert (root / "current").resolve().name == V1


def test_rollback_without_previous(tmp_path, content_copy, keys):
    root = tmp_path / "packs"
    pack.install(signed_pack(tmp_path, content_copy, keys, V1), root, [keys[1]], ASSETS)
    with pytest.raises(PackError, match="no previous version"):
        pack.rollback(root, [keys[1]])


def test_command_line_round_trip(tmp_path, content_copy, capsys):
    key, pub, out, root = (
        tmp_path / "k.pem",
        tmp_path / "k.pub",
        tmp_path / "p.zip",
        tmp_path / "root",
    )
    base = ["--content", str(content_copy)]
    assert cli.main(["pack", *base, "keygen", "--private", str(key), "--public", str(pub)]) == 0
    build = ["build", "--out", str(out), "--version", "2026.12.07"]
    assert cli.main(["pack", *base, *build]) == 0
    assert cli.main(["pack", *base, "sign", "--key", str(key), str(out)]) == 0
    assert cli.main(["pack", *base, "verify", "--trusted", str(pub), str(out)]) == 0
    assert (
        cli.main(["pack", *base, "install", "--root", str(root), "--trusted", str(pub), str(out)])
        == 0
    )
    assert "installed version 2026.12.07" in capsys.readouterr().out
    other = tmp_path / "o.pub"
    pack.keygen(tmp_path / "o.pem", other)
    assert cli.main(["pack", *base, "verify", "--trusted", str(other), str(out)]) == 1
    assert "does not match any trusted key" in capsys.readouterr().err


def test_installed_content_is_checked_against_its_signed_manifest(tmp_path, content_copy, keys):
    root = tmp_path / "packs"
    pack.install(signed_pack(tmp_path, content_copy, keys, V1), root, [keys[1]], ASSETS)
    content = (root / "current").resolve() / "content"
    assert pack.verify_installed(content, [keys[1]]).version == V1
    planted = content / "en" / "start-here" / "planted.md"
    planted.write_text("you may take the monitor off", encoding="utf-8")
    with pytest.raises(PackError, match="not part of the signed pack"):
        pack.verify_installed(content, [keys[1]])
    planted.unlink()
    page = content / "en" / "start-here" / "welcome.md"
    page.write_text(page.read_text(encoding="utf-8") + "changed", encoding="utf-8")
    with pytest.raises(PackError, match="changed after the pack was installed"):
        pack.verify_installed(content, [keys[1]])
    with pytest.raises(PackError, match="not installed from a signed pack"):
        pack.verify_installed(FIXTURES / "content", [keys[1]])


def test_verify_prints_no_terminal_control_from_the_manifest(tmp_path, capsys):
    """The manifest's text is the signer's: an ESC sequence there could erase or forge the OK."""
    pack.keygen(tmp_path / "k.pem", tmp_path / "k.pub")
    plain = tmp_path / "a.pack"
    pack.build(FIXTURES / "content", FIXTURES / "locales", plain, "2026.12.01", "n")
    with zipfile.ZipFile(plain) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(entries.pop("manifest.json"))
    manifest["created"] = "2026-01-01\x1b[2K\r\x1b[31mFORGED\x1b[0m\nsecond line"
    crafted = tmp_path / "c.pack"
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for name, data in entries.items():
            zf.writestr(name, data)
    pack.sign(crafted, tmp_path / "k.pem")
    code = cli.main(["pack", "verify", "--trusted", str(tmp_path / "k.pub"), str(crafted)])
    out = capsys.readouterr().out
    assert code == 0
    assert "signature and" in out
    assert not any(c in out[:-1] for c in "\x1b\r\n")  # one line, no control


@pytest.mark.parametrize(
    "version", ["\u0662\u0660\u0662\u0666.\u0661\u0661.\u0660\u0661", "２０２６.１１.０１"]
)
def test_a_version_is_written_in_ascii_digits_only(version):
    # (a version names a folder; other digits would make names that look like no version)
    with pytest.raises(PackError, match="is not valid"):
        parse_version(version)


# --- what an administrator reads when a pack or a root is wrong ---


def pack_command(tmp_path: Path, public: str, action: str, *args: str) -> int:
    """``rightsguide pack ACTION --config kiosk.yaml ARGS``, trusting ``public``."""
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"trusted_keys: [{public}]\n", encoding="utf-8")
    base = ["pack", "--content", str(FIXTURES / "content"), action, "--config", str(config)]
    return cli.main([*base, *args])


def stored_with_a_bad_byte(signed: Path, out: Path) -> Path:
    """``signed`` stored uncompressed, with one byte of a page changed (a bad USB stick)."""
    with zipfile.ZipFile(signed) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    raw = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as zf:
        info = zf.getinfo("content/en/start-here/welcome.md")
    raw[info.header_offset + 30 + len(info.filename) + 10] ^= 0x20
    out.write_bytes(bytes(raw))
    return out


@pytest.mark.parametrize("damage", ["truncated", "bad checksum"])
def test_a_damaged_pack_says_to_copy_it_again_in_plain_words(tmp_path, packs, capsys, damage):
    paths, _private, public = packs
    bad = tmp_path / "rightsguide-2026.12.02.pack"
    if damage == "truncated":  # (the zip module says "File is not a zip file")
        bad.write_bytes(paths[V2].read_bytes()[:100_000])
    else:  # (the zip module says "Bad CRC-32 for file 'content/en/...'")
        stored_with_a_bad_byte(paths[V2], bad)
    for args in (("verify", str(bad)), ("install", "--root", str(tmp_path / "root"), str(bad))):
        assert pack_command(tmp_path, public, *args) == 1
        assert capsys.readouterr().err == (
            f"rightsguide: the pack file {bad} is damaged or incomplete: copy it onto the USB "
            "stick again (or download it again), then try again\n"
        )
    assert not (tmp_path / "root").exists()


def test_an_unsigned_pack_says_to_use_the_publishers_file_or_ask_for_a_signed_one(
    tmp_path, packs, capsys
):
    paths, _private, public = packs
    unsigned = tmp_path / "unsigned.pack"
    with zipfile.ZipFile(paths[V1]) as zf, zipfile.ZipFile(unsigned, "w") as out:
        for info in zf.infolist():
            if info.filename != "manifest.sig":
                out.writestr(info, zf.read(info))
    assert pack_command(tmp_path, public, "verify", str(unsigned)) == 1
    assert capsys.readouterr().err == (
        "rightsguide: the pack is not signed (it has no manifest.sig): do not install it; use "
        "the pack file exactly as the publishers sent it, or ask them for a signed pack\n"
    )


FOLDERS = {  # the packs on the stick -> what is said after "give the .pack file itself"
    "one pack": ([V2], " (did you mean usb/rightsguide-2026.12.02.pack?)"),
    "two packs": (
        [V1, V2],
        "; the pack files in it are: usb/rightsguide-2026.12.01.pack, "
        "usb/rightsguide-2026.12.02.pack",
    ),
    "no pack": ([], "; there is no .pack file in this folder"),
}


@pytest.mark.parametrize("case", FOLDERS)
def test_the_sticks_folder_given_instead_of_the_pack_names_the_packs_in_it(
    tmp_path, packs, capsys, monkeypatch, case
):
    paths, _private, public = packs
    on_stick, said = FOLDERS[case]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "usb").mkdir()
    for version in on_stick:
        (tmp_path / "usb" / paths[version].name).write_bytes(paths[version].read_bytes())
    for args in (("verify", "usb"), ("install", "--root", "root", "usb")):
        assert pack_command(tmp_path, public, *args) == 1
        assert capsys.readouterr().err == (
            f"rightsguide: usb is a folder, not a pack file: give the .pack file itself{said}\n"
        )
    assert not (tmp_path / "root").exists()


def test_a_damaged_previous_version_says_to_install_the_newest_pack_again(tmp_path, packs, capsys):
    paths, _private, public = packs
    root = tmp_path / "root"
    for version in (V1, V2):
        pack.install(paths[version], root, [public], ASSETS)
    page = (root / "previous").resolve() / "content" / "en" / "start-here" / "welcome.md"
    page.write_text("# changed by hand\n", encoding="utf-8")
    assert pack_command(tmp_path, public, "rollback", "--root", str(root)) == 1
    err = capsys.readouterr().err
    assert err.startswith("rightsguide: the previous version is damaged, so it was not made active")
    assert f"{page} was changed after the pack was installed" in err
    assert err.endswith(
        "Do not go back to it; install the newest pack again instead ('rightsguide pack install')\n"
    )
    assert (root / "current").resolve().name == V2
