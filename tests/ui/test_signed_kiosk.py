"""A kiosk with ``require_signed`` shows exactly what was signed, whatever happens on disk.

Each test starts a kiosk the way ``rightsguide --kiosk --config`` does, from a pack installed in
a temporary root, while an attacker changes files on disk before or after the start: a planted
folder, a symbolic or hard link, an edited or replaced page, a name that differs only in case
or Unicode form, the app's own style sheets and catalogs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from rightsguide.core.content.source import FILES
from rightsguide.core.packs import pack
from rightsguide.core.packs.manifest import key_id
from rightsguide.core.packs.provenance import Signature
from rightsguide.core.render import about
from rightsguide.core.resources import DataDirs
from rightsguide.ui import app, assetload
from rightsguide.ui.kiosk import KioskMode
from tests.conftest import FIXTURES, ROOT

VERSION = "2026.12.01"
WELCOME = "start-here/welcome"
LIE = "You may take the monitor off"
PICTURE = "en/start-here/picture.png"


def _png(path: Path, color: str) -> None:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(color)
    assert image.save(str(path))


@pytest.fixture
def kiosk_root(tmp_path, qapp, monkeypatch):
    """A signed pack installed in ``root``, the app's own files in ``app/``, a kiosk config."""
    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "content", source / "content")
    _png(source / "content" / PICTURE, "green")
    shutil.copytree(FIXTURES / "locales", tmp_path / "app" / "locales")
    shutil.copytree(ROOT / "assets", tmp_path / "app" / "assets")
    public = pack.keygen(tmp_path / "key.pem", tmp_path / "key.pub")
    out = tmp_path / "content.pack"
    pack.build(
        source / "content",
        tmp_path / "app" / "locales",
        out,
        VERSION,
        "notes",
        assets=tmp_path / "app" / "assets",
    )
    pack.sign(out, tmp_path / "key.pem")
    pack.install(out, tmp_path / "root", [public], ROOT / "assets")
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"require_signed: true\ntrusted_keys: [{public}]\n", encoding="utf-8")
    # the app's own locales/ and assets/ on disk: an attacker may change these too
    monkeypatch.setattr(
        app,
        "data_dirs",
        lambda content: DataDirs(
            content.resolve(), tmp_path / "app" / "locales", tmp_path / "app" / "assets"
        ),
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the kiosk's recovery hook
    yield tmp_path / "root" / "current" / "content", tmp_path, public
    qt = QApplication.instance()
    assert isinstance(qt, QApplication)
    for window in _started:  # gone for good: later tests restyle every widget that exists
        window.close()
        window.deleteLater()
    _started.clear()
    qt.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qt.processEvents()
    qt.setStyleSheet("")
    assetload.use(FILES)


_started: list[QWidget] = []


def start(qtbot, content: Path, config: Path):
    args = argparse.Namespace(content=content, kiosk=True, config=config, clinic=None, locale="en")
    guide, window, _config = app._setup(args)
    _started.append(window)
    qt = QApplication.instance()
    assert qt is not None
    for mode in window.findChildren(KioskMode):
        qt.removeEventFilter(mode)  # later tests must not pay for this filter
    window.resize(1000, 700)
    window.show()
    return guide, window


def page_text(guide, page_id: str = WELCOME) -> str:
    return str(guide.open_page(page_id, "en").html)


def _plant(content: Path, tmp: Path, linked: bool) -> None:
    outside = tmp / "usb" / "planted"
    outside.mkdir(parents=True)
    (outside / "index.md").write_text(f"---\ntitle: {LIE}\norder: 1\n---\n{LIE}.\n", "utf-8")
    (outside / "secret.md").write_text(f"---\ntitle: {LIE}\n---\n{LIE}.\n", "utf-8")
    if linked:
        (content / "en" / "planted").symlink_to(outside, target_is_directory=True)
    else:
        shutil.copytree(outside, content / "en" / "planted")


@pytest.mark.parametrize("linked", [True, False], ids=["symlinked", "plain"])
@pytest.mark.parametrize("when", ["before", "after"])
def test_a_planted_folder_is_not_shown(kiosk_root, qtbot, linked, when):
    content, tmp, _public = kiosk_root
    if when == "before":
        _plant(content, tmp, linked)
    guide, _window = start(qtbot, content, tmp / "kiosk.yaml")
    if when == "after":
        _plant(content, tmp, linked)
        guide.reload()  # the content is listed again (as --watch would)
    assert not guide.page_exists("planted/secret", "en")
    assert all(LIE not in t.title for t in guide.topics("en"))
    assert guide.content_info().signature is Signature.TRUSTED


def _edit(path: Path) -> None:
    path.write_text(path.read_text("utf-8").replace("Welcome to the guide", LIE), "utf-8")


def _replace(path: Path) -> None:
    new = path.with_name("new.tmp")
    new.write_text(f"---\ntitle: {LIE}\n---\n{LIE}.\n", "utf-8")
    new.replace(path)


def _symlink(path: Path) -> None:
    evil = path.parent.parent.parent.parent / "evil.md"
    evil.write_text(f"---\ntitle: {LIE}\n---\n{LIE}.\n", "utf-8")
    path.unlink()
    path.symlink_to(evil)


@pytest.mark.parametrize("change", [_edit, _replace, _symlink], ids=["edit", "replace", "symlink"])
def test_a_page_changed_on_disk_after_start_is_not_shown(kiosk_root, qtbot, change):
    content, tmp, _public = kiosk_root
    guide, window = start(qtbot, content, tmp / "kiosk.yaml")
    page = content.resolve() / "en" / "start-here" / "welcome.md"
    change(page)
    window.open_page(WELCOME)
    assert LIE not in window.reader.toPlainText()
    assert "Welcome to the guide" in window.reader.toPlainText()
    guide.reload()  # even when the content is listed again
    assert LIE not in page_text(guide)


def test_a_hard_link_edited_after_start_changes_nothing(kiosk_root, qtbot):
    content, tmp, _public = kiosk_root
    page = content.resolve() / "en" / "start-here" / "welcome.md"
    outside = tmp / "share" / "welcome.md"
    outside.parent.mkdir()
    os.link(page, outside)  # same file, reachable from a share the attacker controls
    guide, _window = start(qtbot, content, tmp / "kiosk.yaml")
    _edit(outside)
    assert LIE in page.read_text("utf-8")  # the file on disk did change
    assert LIE not in page_text(guide)


def test_look_alike_names_planted_before_start_change_nothing(kiosk_root, qtbot):
    content, tmp, _public = kiosk_root
    folder = content / "en" / "start-here"
    for name in ("Welcome.md", "welcome.MD", "we\u0301lcome.md", "welcome\u200b.md"):
        (folder / name).write_text(f"---\ntitle: {LIE}\n---\n{LIE}.\n", "utf-8")
    (content / "en" / "Start-Here").mkdir()
    (content / "en" / "Start-Here" / "welcome.md").write_text(f"---\ntitle: {LIE}\n---\n", "utf-8")
    guide, _window = start(qtbot, content, tmp / "kiosk.yaml")  # starts: nothing to refuse
    listed = [p.title for p in guide.pages("en", "start-here")]
    assert all(LIE not in title for title in listed)
    assert LIE not in page_text(guide)


def test_the_apps_style_sheets_and_catalogs_on_disk_are_not_used(kiosk_root, qtbot):
    content, tmp, _public = kiosk_root
    styles = tmp / "app" / "assets" / "styles"
    with (styles / "app.qss").open("a", encoding="utf-8") as fh:
        fh.write("\nQPushButton#quickExit { max-width: 0px; min-width: 0px; padding: 0; }\n")
    with (styles / "reader.css").open("a", encoding="utf-8") as fh:
        fh.write("\nbody { color: white; } /* EVIL */\n")
    po = tmp / "app" / "locales" / "ar" / "LC_MESSAGES" / "rightsguide.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "Home"\nmsgstr "{LIE}"\n',
        "utf-8",
    )
    guide, window = start(qtbot, content, tmp / "kiosk.yaml")
    qtbot.waitUntil(window.quick_exit_button.isVisible)
    assert window.quick_exit_button.width() > 40
    assert "max-width: 0px" not in QApplication.instance().styleSheet()  # type: ignore[union-attr]
    assert "EVIL" not in guide.style_sheet("en")
    assert guide.translator("ar").gettext("Home") != LIE
    assert guide.translator("ar").gettext("Home") == pack_catalog_home(tmp)


def pack_catalog_home(_tmp: Path) -> str:
    from rightsguide.core import i18n

    return i18n.translator(FIXTURES / "locales", "ar").gettext("Home")


def test_an_image_replaced_after_start_is_not_shown(kiosk_root, qtbot):
    content, tmp, _public = kiosk_root
    _guide, window = start(qtbot, content, tmp / "kiosk.yaml")
    _png(content.resolve() / PICTURE, "red")
    url = QUrl(f"asset:/content/{PICTURE}")
    kind = QTextDocument.ResourceType.ImageResource.value
    image = window.reader.loadResource(kind, url)
    assert isinstance(image, QImage)
    assert image.pixelColor(2, 2).name() == "#008000"  # the signed green, not the red on disk
    _png(content.resolve() / "en" / "start-here" / "planted.png", "red")
    planted = QUrl("asset:/content/en/start-here/planted.png")
    assert window.reader.loadResource(kind, planted).isNull()
    assert window.reader.loadResource(kind, QUrl("file:///etc/passwd")).isNull()


def test_about_names_the_signer_and_its_key_fingerprint(kiosk_root, qtbot):
    content, tmp, public = kiosk_root
    guide, _window = start(qtbot, content, tmp / "kiosk.yaml")
    shown = guide.open_page(about.PAGE_ID, "en").html
    assert "Its signature was checked" in shown
    assert key_id(public) in shown


def test_a_revoked_key_stops_the_kiosk(kiosk_root, qtbot):
    content, tmp, public = kiosk_root
    config = tmp / "kiosk.yaml"
    config.write_text(config.read_text("utf-8") + f"revoked_keys: [{public}]\n", "utf-8")
    from rightsguide.core.errors import RightsGuideError

    with pytest.raises(RightsGuideError, match="revoked key"):
        start(qtbot, content, config)


def test_the_kiosk_opens_the_packs_search_index_and_searches_the_signed_text(kiosk_root, qtbot):
    content, tmp, _public = kiosk_root
    guide, _window = start(qtbot, content, tmp / "kiosk.yaml")
    _edit(content.resolve() / "en" / "start-here" / "welcome.md")
    hits = guide.search("welcome", "en")
    assert any(hit.page_id == WELCOME for hit in hits)
    assert guide._search_index().built is False  # opened from the pack, not built here
    assert not guide.search("monitor off", "en")


def test_a_pack_with_another_apps_index_is_searched_with_one_built_in_memory(
    kiosk_root, qtbot, monkeypatch
):
    # The app was upgraded and its index schema changed: the pack's index has another name.
    content, tmp, _public = kiosk_root
    monkeypatch.setattr(pack, "index_name", lambda: "index/search-v1.sqlite")
    guide, _window = start(qtbot, content, tmp / "kiosk.yaml")
    _edit(content.resolve() / "en" / "start-here" / "welcome.md")
    hits = guide.search("welcome", "en")
    assert any(hit.page_id == WELCOME for hit in hits)
    index = guide._search_index()
    assert index.built is True
    assert index.path is None  # in memory: a kiosk writes nothing
    assert not guide.search("monitor off", "en")  # the signed text, not the one on disk


def test_the_kiosk_shows_the_same_when_the_installed_folder_is_gone(kiosk_root, qtbot):
    content, tmp, _public = kiosk_root
    guide, _window = start(qtbot, content, tmp / "kiosk.yaml")
    witness, _other = start(qtbot, content, tmp / "kiosk.yaml")  # opens pages before
    codes = [loc.code for loc in guide.registry.all()]
    ids = [
        (entry.page_id, code)
        for code in codes
        for topic in guide.topics(code)
        for entry in [*guide.pages(code, topic.topic)]
    ]
    assert len(ids) >= 12
    before = {key: witness.open_page(*key).html for key in ids}
    shutil.rmtree(content.resolve().parent)  # manifest, pages, catalogs, styles: all gone
    assert {key: guide.open_page(*key).html for key in ids} == before
    assert guide.search("welcome", "en")
    assert guide.outdated_since() is None or guide.content_info().version == VERSION


def test_the_configurations_content_setting_starts_the_kiosk_on_the_installed_pack(
    kiosk_root, qtbot
):
    """As the services start it: no --content, the pack's folder named in kiosk.yaml."""
    content, tmp, public = kiosk_root
    config = tmp / "kiosk.yaml"
    relative = os.path.relpath(content, config.parent)  # relative to the file, as clinic: is
    config.write_text(
        f"require_signed: true\ntrusted_keys: [{public}]\ncontent: {relative}\n", encoding="utf-8"
    )
    guide, _window = start(qtbot, None, config)  # type: ignore[arg-type]
    info = guide.content_info()
    assert (info.version, info.signature) == (VERSION, Signature.TRUSTED)
    assert guide.dirs.content == content.resolve()


def test_a_signed_kiosk_not_told_where_the_pack_is_says_how_to_set_it(
    kiosk_root, qtbot, monkeypatch
):
    _content, tmp, _public = kiosk_root
    from rightsguide.core.errors import RightsGuideError

    monkeypatch.setattr(  # no --content, no content: setting: the app's own content
        app,
        "data_dirs",
        lambda content: DataDirs(
            (content or FIXTURES / "content").resolve(),
            tmp / "app" / "locales",
            tmp / "app" / "assets",
        ),
    )
    with pytest.raises(RightsGuideError) as refused:
        start(qtbot, None, tmp / "kiosk.yaml")  # type: ignore[arg-type]
    assert "set 'content: /var/lib/rightsguide/current/content' in the kiosk configuration" in str(
        refused.value
    )
    with pytest.raises(RightsGuideError) as named:  # a pack was named: no such advice
        start(qtbot, FIXTURES / "content", tmp / "kiosk.yaml")
    assert "set 'content:" not in str(named.value)
    assert "was not installed from a signed pack" in str(named.value)
