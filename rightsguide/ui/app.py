"""The composition root: QApplication, fonts, language, window; ``--screenshot`` and self-test."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import (
    QEvent,
    QLocale,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication

from rightsguide.core.content.locales import LocaleRegistry, load_registry
from rightsguide.core.errors import ContentError, PageNotFound, RightsGuideError
from rightsguide.core.guide import Guide
from rightsguide.core.navigation import ReaderSession
from rightsguide.core.packs import provenance
from rightsguide.core.packs.manifest import PackError
from rightsguide.core.packs.provenance import Trust
from rightsguide.core.resources import cache_dir, data_dirs
from rightsguide.ui import assetload, fonts
from rightsguide.ui.compare import Compare
from rightsguide.ui.language import LanguageController
from rightsguide.ui.mainwindow import MainWindow
from rightsguide.ui.recovery import Recovery
from rightsguide.ui.screen import fill_screen
from rightsguide.ui.speech import Speech
from rightsguide.ui.theme import Theme

if TYPE_CHECKING:
    import argparse  # the options come from rightsguide.cli

    from rightsguide.core.content.clinic import Clinic
    from rightsguide.core.kiosk import KioskConfig  # kiosk mode only

log = logging.getLogger(__name__)

# Harmless platform notices: the offscreen plugin cannot pass size hints to a window manager.
IGNORED_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",  # the kiosk's window guard raises its window
    # QtMultimedia (read aloud) tries PipeWire before PulseAudio; harmless
    "Couldn't load pipewire-0.3 library",
    "Couldn't resolve pipewire-0.3 symbols",
    # no speech-dispatcher on this machine: read aloud is hidden, nothing else is affected
    'Error loading text-to-speech plug-in "speechd"',
)
EXPOSE_TIMEOUT_MS = 15_000


class QtMessages:
    """Qt's warnings, forwarded to logging and kept for the self-test report."""

    def __init__(self) -> None:
        """Start with no warnings (a plain class: a dataclass costs its start-up time)."""
        self.warnings: list[str] = []

    def __call__(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        """Record a Qt message (the signature of a Qt message handler)."""
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or message in IGNORED_QT_MESSAGES:
            return
        self.warnings.append(message)
        log.warning("Qt: %s", message)


def create_application(argv: list[str]) -> QApplication:
    """The QApplication, with the app's name, icon and style sheet."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("rightsguide")
    app.setOrganizationName("rightsguide")
    app.setDesktopFileName("rightsguide")
    return app


def build_window(guide: Guide, locale: str | None) -> tuple[MainWindow, LanguageController]:
    """Register fonts, apply the language and build the main window (used by tests too)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    source = guide.dirs.source  # a signed kiosk: the pack's bytes, never the disk
    assetload.use(source)
    families = fonts.register_fonts(guide.dirs.assets / "fonts", source)
    fonts.report_missing(guide.registry.all(), families, guide.dirs.assets / "fonts")
    styles = guide.dirs.assets / "styles"
    theme = Theme(
        guide,
        source.read_text(styles / "app.qss"),
        source.read_text(styles / "app-contrast.qss"),
    )
    app.setWindowIcon(assetload.icon(guide.dirs.assets / "icons" / "app.svg"))
    code = locale or guide.registry.negotiate(QLocale.system().uiLanguages())
    language = LanguageController(guide, families)
    language.apply(code)  # before building widgets: direction is set first
    window = MainWindow(guide, language, ReaderSession(code), theme)
    return window, language


class _ExposeWatcher(QObject):
    """Calls back once the window is exposed (mapped and visible), or after a time-out."""

    def __init__(self, window: MainWindow, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        self._done = False
        handle = window.windowHandle()  # the window has been shown, so it has a handle
        if handle.isExposed():
            QTimer.singleShot(0, self, self._fire)
            return
        handle.installEventFilter(self)
        QTimer.singleShot(EXPOSE_TIMEOUT_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fire after the first Expose event that leaves the window exposed."""
        if (
            event.type() == QEvent.Type.Expose
            and isinstance(watched, QWindow)
            and watched.isExposed()
        ):
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        if not self._done:
            self._done = True
            self._callback()


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process in MB (Linux), for the self-test report."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _visible_text(window: MainWindow) -> str:
    """The page text and every label and button text of the window, for the self-test."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    parts = [window.windowTitle(), window.reader.toPlainText()]
    parts += [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    return "\n".join(parts)


def _finish(window: MainWindow, args: argparse.Namespace, messages: QtMessages) -> None:
    """After the first paint: save the screenshot and/or the self-test report, then quit."""
    # The expose that brought us here painted the window, the page's text included (a test in
    # tests/ui/test_app_start.py checks it), so the clock stops now, as the floor's
    # (tools/floor.py) stops after its first paint; the repaint below is a second, full one for
    # the screenshot (several ms), not part of the start.
    painted_at, cpu_s = time.time(), time.process_time()
    qt_enums = "Qt" in vars(QtCore)  # PySide6 builds the Qt namespace's enums on first use
    window.repaint()
    gc.enable()  # paused for the start (cli._run_gui), as in _after_first_paint
    _use_cache(window.guide, args)  # the self-test's route searches
    status = 0
    if args.screenshot is not None and not window.grab().save(str(args.screenshot), "PNG"):
        sys.stderr.write(f"rightsguide: could not write {args.screenshot}\n")
        status = 1
    if args.self_test is not None:
        handle = window.windowHandle()
        report: dict[str, object] = {
            "title": window.windowTitle(),
            "layout_direction": "rtl" if window.isRightToLeft() else "ltr",
            "page_id": window.reader.page_id,
            "locale": window.language.code,
            "exposed": handle.isExposed(),
            "platform": QGuiApplication.platformName(),
            "warnings": messages.warnings,
            "painted_at": painted_at,  # wall clock, for `make bench` (process start -> paint)
            "cpu_ms_at_paint": round(cpu_s * 1000, 1),  # this process's CPU time until then
            "peak_rss_mb": peak_rss_mb(),
            "gc_enabled": gc.isenabled(),  # paused for the start only (cli._run_gui)
            "qt_enums_at_paint": qt_enums,  # ~13 ms of the start when built (see ui.qtconv)
            "missing_glyphs": fonts.missing_characters(_visible_text(window), fonts.families()),
            "geometry": window.geometry().getRect(),
            "screen": window.screen().geometry().getRect(),
        }
        import json

        from rightsguide.ui.selftest import run_route  # after the screenshot: it navigates

        report["route"] = run_route(window)
        try:
            Path(args.self_test).write_text(
                json.dumps(report, ensure_ascii=False, indent=2), "utf-8"
            )
        except OSError as exc:  # say so and exit; an exception here would leave the app running
            sys.stderr.write(f"rightsguide: could not write {args.self_test}: {exc.strerror}\n")
            status = 1
    QApplication.exit(status)


def export_pdf(args: argparse.Namespace) -> int:
    """``rightsguide export``: the same handout the Print button makes, as a PDF file."""
    from rightsguide.core.render.handout import build_handout
    from rightsguide.ui import printing

    create_application(sys.argv[:1])
    guide = Guide(data_dirs(args.content))
    guide.registry.get(args.locale)
    for page_id in args.page:
        if not guide.page_exists(page_id, args.locale):
            raise PageNotFound(page_id, args.locale)
    families = fonts.families_for(
        guide.registry.get(args.locale).font, fonts.register_fonts(guide.dirs.assets / "fonts")
    )
    handout = build_handout(
        guide, args.page, args.locale, with_english=args.with_english, today=dt.date.today()
    )
    title = guide.open_page(args.page[0], args.locale).title
    pages = printing.write_pdf(args.pdf, handout, families, title)
    sys.stderr.write(f"wrote {args.pdf} ({pages} pages)\n")
    return 0


def _kiosk_config(args: argparse.Namespace, registry: LocaleRegistry) -> KioskConfig:
    from rightsguide.core.kiosk import KioskConfig, load_config  # kiosk mode only

    if args.config is not None:
        return load_config(args.config, registry)
    offered = tuple(loc.code for loc in registry.all() if loc.kiosk)
    return KioskConfig(languages=offered, default_language=registry.source)


def _load_clinic(path: Path) -> Clinic:
    from rightsguide.core.content.clinic import load_clinic  # with --clinic only

    return load_clinic(path)


def _setup(args: argparse.Namespace) -> tuple[Guide, MainWindow, KioskConfig | None]:
    """Load the content (and kiosk configuration) and build the window; raise on bad files."""
    content = args.content
    if args.kiosk and content is None and args.config is not None:
        from rightsguide.core.kiosk import content_folder

        content = content_folder(args.config)  # the configuration's (an installed pack's)
    dirs = data_dirs(content)
    if args.kiosk:
        sys.dont_write_bytecode = True  # a kiosk writes nothing, not even bytecode caches,
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # nor do the processes it starts
        config = _kiosk_config(args, load_registry(dirs.content))
        trust = Trust(
            config.trusted_keys,
            config.key_names,
            config.content_max_age_months,
            config.revoked_keys,
        )
        info, index = None, None
        if config.require_signed:  # show nothing but the bytes of a signed, trusted pack
            try:
                signed = provenance.signed_content(dirs.content, trust)  # read once, checked
            except PackError as exc:
                hint = (
                    ". Install a pack with 'rightsguide pack install --root "
                    "/var/lib/rightsguide', and set 'content: "
                    "/var/lib/rightsguide/current/content' in the kiosk configuration (or start "
                    "it with --content that folder)"
                    if content is None  # (the app's own content: no pack was named)
                    else ""
                )
                raise RightsGuideError(
                    f"this kiosk only shows signed content: {exc}{hint}"
                ) from None
            info, dirs, index = signed.info, signed.dirs, signed.search_index
            # the languages named in the config must be the signed registry's, not the disk's
            config = _kiosk_config(args, load_registry(dirs.content, dirs.source))
        if config.clinic is not None:  # (named by the configuration: it names the line)
            from rightsguide.core.kiosk import clinic_page

            clinic = clinic_page(args.config, config)
        else:
            clinic = _load_clinic(args.clinic) if args.clinic is not None else None
        guide = Guide(
            dirs,
            clinic=clinic,
            cache_dir=None,
            trust=trust,
            show_folder=False,
            content_info=info,
            search_index=index,
        )
        window, _language = build_window(guide, args.locale or config.default_language)
        from rightsguide.ui.kiosk import KioskMode  # kiosk screens and printing: kiosk only

        kiosk = KioskMode(window, config)
        if content is not None:  # (an installed pack's current/content: followed, see there)
            kiosk.follow_content(content)
        Recovery(window, back_to_start=kiosk.recover).install()
        return guide, window, config
    clinic = _load_clinic(args.clinic) if args.clinic is not None else None
    guide = Guide(dirs, clinic=clinic)  # its cache folder: after the first paint (_use_cache)
    window, _language = build_window(guide, args.locale)
    Compare(window)  # the volunteer's side-by-side view (not in kiosk mode)
    Recovery(window).install()
    return guide, window, None


def _use_cache(guide: Guide, args: argparse.Namespace) -> None:
    """The window's search index is cached in the user cache folder (a kiosk's never is).

    Looked up once the first page is painted: finding the folder imports platformdirs (and
    tempfile, shutil...), about 2.5 ms, and only the search index needs it.
    """
    if not args.kiosk:
        guide.use_cache_dir(cache_dir())


def _after_first_paint(window: MainWindow, guide: Guide, args: argparse.Namespace) -> None:
    """What start-up leaves until the first page is on screen.

    The search index is built in a background thread that imports nothing (see
    :mod:`rightsguide.core.threads`: that is what keeps the speech libraries, which load here on
    the main thread, from deadlocking with it). The watchdog starts pinging systemd from the
    event loop, when it runs under a unit that asked for it. Python's garbage collector,
    paused for the start (:func:`rightsguide.cli._run_gui`), runs again from here on.
    """
    gc.enable()
    from rightsguide.ui.watchdog import Watchdog  # its socket: after the first paint

    _use_cache(guide, args)
    guide.prepare_search()
    window.enable_speech(Speech())
    Watchdog(window).start()
    if args.probe is not None:
        from rightsguide.ui.probe import Probe  # hidden: make soak and make bench

        Probe(window, guide, args.probe).start()


def _show_first(window: MainWindow, guide: Guide, page: str | None, *, kiosk: bool) -> None:
    """The first screen: ``--page``, else the home screen (the kiosk shows its own).

    With ``--page`` the home screen is not filled before the page is painted: it is filled
    when it is first shown, like every screen.
    """
    if page:
        if guide.page_exists(page, window.language.code):
            window.open_page(page)
            return
        sys.stderr.write(f"rightsguide: no page {page!r}; opening the home screen\n")
    if not kiosk:
        window.show_location(window.session.current)


def main(args: argparse.Namespace) -> int:
    """Run the window until it is closed (or, with --screenshot/--self-test, until painted)."""
    if args.config is not None and not args.kiosk:
        sys.stderr.write("rightsguide: --config is the kiosk configuration; add --kiosk.\n")
        return 2
    messages = QtMessages()
    qInstallMessageHandler(messages)
    app = create_application(sys.argv[:1])
    try:
        guide, window, config = _setup(args)
    except ContentError as exc:
        sys.stderr.write(f"rightsguide: {exc.where}: {exc.message}\n")
        return 1
    except RightsGuideError as exc:
        sys.stderr.write(f"rightsguide: {exc}\n")
        return 1
    window.resize(*args.size)
    if args.watch:
        window.enable_watch()
    _show_first(window, guide, args.page, kiosk=config is not None)
    capture = args.screenshot is not None or args.self_test is not None
    if config is not None:  # the whole screen, even without a window manager (and in tests)
        window.setWindowFlag(QtCore.Qt.WindowType.FramelessWindowHint, True)
        fill_screen(window)
        from rightsguide.ui.kiosk import KioskMode

        kiosk = window.findChild(KioskMode)
        if kiosk is not None:
            kiosk.guard.enable()  # from now on it puts itself back when minimised or left
    else:
        window.show()
    if capture:
        _ExposeWatcher(window, lambda: _finish(window, args, messages))
    else:  # after the first paint: the speech engine, and the search index in the background
        _ExposeWatcher(window, lambda: _after_first_paint(window, guide, args))
    return app.exec()
