"""Where the app finds its data: checkout, wheel, and the frozen (PyInstaller) layouts."""

from __future__ import annotations

import sys

import pytest

from rightsguide.core import resources
from tests.conftest import ROOT


def _bundle(folder):
    for name in ("content", "locales", "assets"):
        (folder / resources.FROZEN_DATA / name).mkdir(parents=True)
    return folder


def test_the_checkout_is_found():
    dirs = resources.data_dirs()
    assert dirs.content == (ROOT / "content").resolve()
    assert (dirs.assets / "fonts" / "DejaVuSans.ttf").is_file()


def test_a_frozen_program_reads_its_bundle(tmp_path, monkeypatch):
    bundle = _bundle(tmp_path / "_internal")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "rightsguide"))
    dirs = resources.data_dirs()
    assert dirs.locales == (bundle / "data" / "locales").resolve()
    assert dirs.content == (bundle / "data" / "content").resolve()


def test_a_frozen_program_finds_data_next_to_the_executable(tmp_path, monkeypatch):
    _bundle(tmp_path)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "rightsguide.exe"))
    assert resources.data_dirs().assets == (tmp_path / "data" / "assets").resolve()


def test_missing_data_names_every_place_it_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "rightsguide"))
    monkeypatch.setattr(resources, "_INSTALLED", tmp_path / "site" / "_data")
    monkeypatch.setattr(resources, "_CHECKOUT", tmp_path / "checkout")
    with pytest.raises(resources.DataNotFound) as caught:
        resources.data_dirs()
    text = str(caught.value)
    assert "the content folder was not found" in text
    for place in ("_internal/data/content", "data/content", "site/_data/content", "checkout"):
        assert place in text
    assert "reinstall rightsguide" in text


def test_the_cache_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert resources.cache_dir() == tmp_path / "rightsguide"
