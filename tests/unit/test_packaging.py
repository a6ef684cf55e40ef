"""The files make package ships: systemd units, and what the bundle leaves out."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

LINUX = ROOT / "packaging" / "linux"
UNITS = sorted((LINUX / "systemd").glob("*.service"))


def _bundle() -> Any:
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "packaging" / "bundle.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _verify(unit: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``systemd-analyze verify`` with the programs the unit starts replaced by stubs.

    The stubs stand in for /usr/bin/rightsguide and /usr/bin/cage, which this machine need not
    have; every other line of the unit is checked as systemd will read it.
    """
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name in ("rightsguide", "cage"):
        stub = bin_dir / name
        stub.write_text("#!/bin/sh\n", encoding="ascii")
        stub.chmod(0o755)
    name = unit.name.replace("@.service", "@kiosk.service")  # an instance of the template
    copy = tmp_path / name
    copy.write_text(unit.read_text("utf-8").replace("/usr/bin/", f"{bin_dir}/"), "utf-8")
    user = "systemd *user* unit" in unit.read_text("utf-8")  # the comment at the top says which
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    command = ["systemd-analyze", *(["--user"] if user else []), "verify", str(copy)]
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is absent")
@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.name)
def test_systemd_units_verify_cleanly(unit, tmp_path):
    done = _verify(unit, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""


def test_the_kiosk_units_restart_and_use_the_watchdog():
    for unit in UNITS:
        text = unit.read_text("utf-8")
        assert "Restart=always" in text
        assert "Type=notify" in text
        assert "WatchdogSec=20" in text  # restarted within 30 s of a freeze
        assert "--kiosk --config /etc/rightsguide/kiosk.yaml" in text
    session = (LINUX / "systemd" / "rightsguide-kiosk-session@.service").read_text("utf-8")
    assert "ExecStart=/usr/bin/cage -d -- /usr/bin/rightsguide" in session  # no -s: no VT switch
    assert "NotifyAccess=main" in (LINUX / "systemd" / "rightsguide-kiosk.service").read_text()


def test_the_systemd_unit_a_verify_failure_looks_like(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is absent")
    bad = tmp_path / "src" / "bad.service"
    bad.parent.mkdir()
    bad.write_text("[Service]\nExecStart=/usr/bin/rightsguide\nRestart=sometimes\n", "utf-8")
    done = _verify(bad, tmp_path)
    assert "Failed to parse service restart specifier" in done.stderr


def test_left_out_plugins_and_translations():
    bundle = _bundle()
    codes = ["en", "ar", "zh-Hans", "pt-BR"]
    keep = [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/translations/qtbase_ar.qm",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/translations/qtbase_pt_BR.qm",
        "babel/locale-data/root.dat",
        "babel/locale-data/zh_Hans.dat",
        "babel/locale-data/zh.dat",
        "babel/locale-data/pt_BR.dat",
        "babel/locale-data/pt.dat",
    ]
    drop = [
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_help_ar.qm",
        "babel/locale-data/de.dat",
        "babel/locale-data/ar_EG.dat",
        "babel/locale-data/zh_Hant.dat",
    ]
    entries = [(name, f"/src/{name}", "DATA") for name in keep + drop]
    assert [e[0] for e in bundle.trim(entries, codes)] == keep


def test_registered_languages_come_from_locales_yaml():
    codes = _bundle().registered_languages(ROOT / "content" / "locales.yaml")
    assert codes[:2] == ["en", "es"]
    assert {"ar", "zh-Hans", "pa"} <= set(codes)


def test_staged_catalogs_are_used_whatever_their_file_times(tmp_path):
    from rightsguide.core import i18n

    spec = importlib.util.spec_from_file_location("stage_data", ROOT / "tools" / "stage_data.py")
    assert spec is not None
    assert spec.loader is not None
    stage_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stage_data)
    assert stage_data.stage(tmp_path) == len(list((ROOT / "locales").glob("*/LC_MESSAGES/*.po")))
    locales = tmp_path / "data" / "locales"
    folder = locales / "ar" / "LC_MESSAGES"
    os.utime(folder / "rightsguide.mo", (1, 1))  # the installer wrote the .mo first
    assert i18n.mo_is_current(folder / "rightsguide.po", folder / "rightsguide.mo")
    assert i18n.translator(locales, "ar").gettext("Home") != "Home"
    assert (tmp_path / "data" / "assets" / "fonts" / "DejaVuSans.ttf").is_file()
