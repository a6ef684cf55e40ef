"""The command line. See README.md, "Command-line reference", and design section 4.

``rightsguide [options]`` opens the guide; the subcommands ``check``, ``render`` (and, as they
land, ``status``, ``search``, ``export``, ``stamp``, ``pack``) run without a display and import
no Qt: the GUI is imported inside :func:`_run_gui` only.
"""

from __future__ import annotations

import gc
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from rightsguide import __version__
from rightsguide.core import terminal
from rightsguide.core.errors import ContentError, PageNotFound, RightsGuideError, UnknownLocale
from rightsguide.core.resources import cache_dir, data_dirs

if TYPE_CHECKING:
    import argparse  # imported where a parser is built: the window starts without it

    from rightsguide.core.packs.pack import RemovedCopy

# Each command imports what it needs inside its function, so opening the window does not pay
# for the translator tools (start-up budget, design section 6); the same for the standard
# modules only a command or an error uses (json, contextlib, datetime, signal, traceback).

MIN_SIDE, MAX_SIDE = 200, 8000  # --size limits, in pixels
SUBCOMMANDS = ("check", "status", "render", "search", "export", "stamp", "pack", "translate")
NO_DISPLAY = """\
rightsguide: no display found, so the window cannot open.
  - On a desktop, start it from a graphical session (DISPLAY or WAYLAND_DISPLAY must be set).
  - To render a picture without a screen: rightsguide --screenshot out.png
  - To use the guide's commands without a window: rightsguide check | render ...
  - For a virtual screen: xvfb-run rightsguide   (or set QT_QPA_PLATFORM=offscreen)
"""


def _size(text: str) -> tuple[int, int]:
    import argparse

    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("size must look like 1280x800") from None
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 8000")
    return w, h


def gui_parser() -> argparse.ArgumentParser:
    """Options of the window (the default command)."""
    import argparse

    p = argparse.ArgumentParser(
        prog="rightsguide",
        description="An offline guide for people under ICE's Alternatives to Detention. "
        f"Commands without a window: {', '.join(SUBCOMMANDS)} (rightsguide COMMAND --help).",
    )
    p.add_argument("--version", action="version", version=f"rightsguide {__version__}")
    p.add_argument("--content", type=Path, help="content folder (default: the bundled content)")
    p.add_argument("--locale", help="language to start in, e.g. es, ar, pt-BR")
    p.add_argument("--page", help="page to open, e.g. device-care/charging")
    p.add_argument("--kiosk", action="store_true", help="clinic kiosk mode (see README)")
    p.add_argument("--config", type=Path, help="kiosk/clinic configuration file")
    p.add_argument("--clinic", type=Path, help="YAML file with the clinic's own contact page")
    p.add_argument("--watch", action="store_true", help="reload pages when their files change")
    p.add_argument("--screenshot", type=Path, metavar="FILE.png", help="render, save a PNG, exit")
    p.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH", help="window size")
    p.add_argument("--self-test", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--probe", type=Path, help=argparse.SUPPRESS)  # make soak / make bench
    return p


def _pack_parser(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    key = actions.add_parser("keygen", help="make a signing key pair")
    key.add_argument("--private", type=Path, required=True, help="the secret key file to write")
    key.add_argument("--public", type=Path, required=True, help="the public key file to write")
    build = actions.add_parser("build", help="zip the content with a manifest of hashes")
    build.add_argument("--out", type=Path, required=True)
    build.add_argument(
        "--version", required=True, help="the content version: YYYY.MM.DD[.N], e.g. 2026.12.01"
    )
    build.add_argument(
        "--notes", help="release notes for the clinics (default: 'notes:' in locales.yaml)"
    )
    sign = actions.add_parser("sign", help="sign a pack with the secret key")
    sign.add_argument("--key", type=Path, required=True)
    sign.add_argument("pack", type=Path)
    for name in ("verify", "install", "rollback"):
        helps = {"rollback": "make the previous content active again (once it is checked)"}
        sub = actions.add_parser(name, help=helps.get(name, f"{name} a signed pack"))
        sub.add_argument(
            "--trusted",
            action="append",
            default=[],
            help="a trusted public key, or a file holding one (repeatable)",
        )
        sub.add_argument(
            "--config", type=Path, help="take trusted_keys and revoked_keys from the kiosk config"
        )
        if name != "rollback":
            sub.add_argument("pack", type=Path)
        if name == "install":
            sub.add_argument(
                "--allow-downgrade",
                action="store_true",
                help="install a version older than the active one (rollback is the usual way)",
            )
        if name != "verify":
            sub.add_argument(
                "--root",
                type=Path,
                required=True,
                help="the packs folder: ROOT/current/content is the active content",
            )


def sub_parser(command: str) -> argparse.ArgumentParser:
    """Options of one subcommand."""
    import argparse

    p = argparse.ArgumentParser(prog=f"rightsguide {command}")
    p.add_argument("--content", type=Path, help="content folder (default: the bundled content)")
    if command == "check":
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    elif command == "render":
        p.add_argument("--locale", required=True)
        p.add_argument("--page", required=True)
    elif command == "status":
        p.add_argument("--format", choices=("text", "json", "html"), default="text")
        p.add_argument("--no-diff", action="store_true", help="skip the git history look-up")
    elif command == "search":
        p.add_argument("--locale", required=True, help="the reader's language (its hits first)")
        p.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
        p.add_argument("query", nargs="+", help="words to look for")
    elif command == "export":
        p.add_argument("--locale", required=True)
        p.add_argument(
            "--page",
            required=True,
            action="append",
            help="page id; repeat for a handout of several pages",
        )
        p.add_argument("--pdf", required=True, type=Path, metavar="FILE")
        p.add_argument("--with-english", action="store_true", help="add each page in English")
    elif command == "pack":
        _pack_parser(p)
    elif command == "stamp":
        p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="translated page files")
    elif command == "translate":
        _translate_parser(p)
    return p


def _translate_parser(p: argparse.ArgumentParser) -> None:
    import argparse

    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    out = actions.add_parser("export", help="write PO or XLIFF files for translators' tools")
    out.add_argument("--locale", required=True, help="the language to translate into, e.g. ht")
    out.add_argument("--page", action="append", help="only this page id (repeatable)")
    out.add_argument("--format", choices=("po", "xliff"), default="po")
    out.add_argument("--out", type=Path, required=True, metavar="DIR")
    back = actions.add_parser("import", help="rebuild translated pages from PO or XLIFF files")
    back.add_argument("folder", type=Path, metavar="DIR")
    back.add_argument(
        "--provenance",
        choices=("human", "reviewed"),
        help="record this for pages whose units are all translated (default: leave it)",
    )
    back.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    for sub in (out, back):  # also after the action: translate export --content DIR ...
        sub.add_argument("--content", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)


# Debian packages for the system libraries Qt loads that a bundle or wheel does not carry.
_LIBRARY_PACKAGES = {
    "libGL.so": "libgl1",
    "libEGL.so": "libegl1",
    "libOpenGL.so": "libopengl0",
    "libxkbcommon.so": "libxkbcommon0",
    "libfontconfig.so": "libfontconfig1",
    "libdbus-1.so": "libdbus-1-3",
    "libglib-2.0.so": "libglib2.0-0",
    "libX11.so": "libx11-6",
    "libxcb.so": "libxcb1",
}
_ALL_LIBRARIES = "libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0"


def missing_library_message(exc: ImportError) -> str | None:
    """The apt-get line for an ImportError about a missing system library, else None."""
    text = str(exc)
    if ".so" not in text:
        return None
    library = text.split(":", 1)[0].strip()
    package = next((pkg for lib, pkg in _LIBRARY_PACKAGES.items() if lib in library), None)
    return (
        f"rightsguide: the window cannot open: the system library {library} is missing.\n"
        "  Install it (Debian, Ubuntu) and start again:\n"
        f"  sudo apt-get install -y {package or _ALL_LIBRARIES}\n"
    )


# The window's Qt-free modules (and, through them, Markdown, PyYAML...), imported before Qt:
# once PySide6 is loaded it reads the source of every module imported after it, looking for
# ``from __feature__ import`` (about 0.3 ms a module, 50 ms over these); none of these uses Qt.
# See :func:`_import_pyside` for the standard modules the window's own modules import again.
GUI_QT_FREE_MODULES = (
    "rightsguide.core.guide",
    "rightsguide.core.navigation",
    "rightsguide.core.packs.provenance",
)


def _import_pyside(loaded: list[str]) -> None:
    """Import PySide6, and tell it that the modules in ``loaded`` select no Qt ``__feature__``.

    PySide6 reads the source of each module imported after it (once per module name, also for
    a module already loaded, e.g. ``typing`` the first time a window module imports it) to learn
    whether it selects one of the optional features with ``from __feature__ import`` (such as
    ``snake_case``). A module loaded before PySide6 cannot have, so its answer is already known:
    -1, "ignore this module", what PySide6 writes for a module whose source does not name it.
    Noting it saves reading ~60 standard modules again before the first paint. Without that
    table (another PySide6), nothing is noted and PySide6 reads them as before.
    """
    import PySide6  # noqa: F401  (installs PySide6's import hook)

    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if isinstance(table, dict):
        for name in loaded:
            table.setdefault(name, -1)


def _load_gui() -> ModuleType | None:
    """``rightsguide.ui.app``, or None after printing how to install a missing system library."""
    try:
        from rightsguide.core import threads

        threads.preload(GUI_QT_FREE_MODULES)  # before Qt (start-up time, see above)
        _import_pyside(list(sys.modules))
        from rightsguide.ui import app  # late import: Qt only for the window
    except ImportError as exc:
        message = missing_library_message(exc)
        if message is None:
            raise
        sys.stderr.write(message)
        return None
    return app


def _display_available() -> bool:
    if sys.platform != "linux":
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _run_gui(args: argparse.Namespace) -> int:
    if args.screenshot is not None or args.self_test is not None:
        if not _display_available():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not _display_available():
        sys.stderr.write(NO_DISPLAY)
        return 2
    if args.probe is not None:
        import signal

        if hasattr(signal, "SIGUSR1"):  # make soak: the threads' stacks on a hang
            import faulthandler

            faulthandler.register(signal.SIGUSR1, all_threads=True)
    # Python's cyclic garbage collector waits until the first page is painted (the window turns
    # it back on then): during the start it would pause 70 times, 15-25 ms in all, to look for
    # cycles among the objects the imports create, and find almost none.
    gc.disable()
    try:
        app = _load_gui()
        if app is None:
            return 2
        return int(app.main(args))
    finally:
        gc.enable()


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the content tree; exit 1 on any error (or warning with --strict)."""
    import contextlib
    import json

    from rightsguide.core.content.locales import load_registry
    from rightsguide.core.model import Severity
    from rightsguide.core.translation import catalogs
    from rightsguide.core.translation.check import check_tree
    from rightsguide.core.translation.lint import cache_file_for

    dirs = data_dirs(args.content)
    problems = check_tree(
        dirs.content, dirs.assets, cache_file=cache_file_for(cache_dir(), dirs.content)
    )
    with contextlib.suppress(ContentError):  # a broken registry is already in the list
        problems += catalogs.check_catalogs(dirs.locales, load_registry(dirs.content))
    failing = [p for p in problems if p.severity is Severity.ERROR or args.strict]
    if args.format == "json":
        out = [
            {
                "file": str(p.path),
                "line": p.line,
                "severity": p.severity.value,
                "message": p.message,
            }
            for p in problems
        ]
        print(json.dumps({"ok": not failing, "problems": out}, ensure_ascii=False, indent=2))
    else:
        for p in problems:
            print(terminal.safe(str(p)))  # a heading's text may hold ESC sequences
        errors = sum(p.severity is Severity.ERROR for p in problems)
        print(
            f"{errors} errors, {len(problems) - errors} warnings in {dirs.content}", file=sys.stderr
        )
    return 1 if failing else 0


def cmd_render(args: argparse.Namespace) -> int:
    """Print the HTML the reader shows for a page."""
    from rightsguide.core.guide import Guide

    guide = Guide(data_dirs(args.content))
    guide.registry.get(args.locale)
    shown = guide.open_page(args.page, args.locale)
    sys.stdout.write(shown.html + "\n")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Print how complete and current every translation is."""
    import datetime as dt

    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.translation import status_report
    from rightsguide.core.translation.status import StatusBuilder

    dirs = data_dirs(args.content)
    statuses = StatusBuilder(
        ContentLibrary(dirs.content), dirs.locales, diffs=not args.no_diff
    ).build()
    today = dt.date.today()
    if args.format == "json":
        print(status_report.to_json(statuses, today))
    elif args.format == "html":
        print(status_report.to_html(statuses, today))
    else:
        print(status_report.to_text(statuses))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print ranked hits (the reader's language first); exit 1 when nothing is found.

    Only the content library and the index are loaded (not the renderer or the window's
    guide): a search in a new process costs its imports, and a valid cached index is found
    from the files' names, sizes and times without reading them. When the folder is
    unchanged next time, :mod:`rightsguide.core.search.quick` answers with fewer imports.
    """
    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.search import quick
    from rightsguide.core.search.index import SearchIndex

    root = data_dirs(args.content).content
    cache = None if args.no_cache else cache_dir()
    # The folder as it is before anything of it is read (the languages included): a file
    # replaced meanwhile then makes a key the next search does not find, never a stale record.
    key = quick.folder_key(root) if cache is not None else None
    library = ContentLibrary(root)
    name = {loc.code: loc.native_name for loc in library.registry.all()}
    library.registry.get(args.locale)
    index = SearchIndex(library, cache)
    if cache is not None and index.path is not None:
        quick.remember(cache, root, key, index.path, library.registry)
    query = " ".join(args.query)
    return quick.print_results(index, index.search(query, args.locale), query, name)


def cmd_export(args: argparse.Namespace) -> int:
    """Write a printable PDF handout; needs Qt but no display."""
    if not _display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = _load_gui()
    if app is None:
        return 2
    return int(app.export_pdf(args))


def _trusted(args: argparse.Namespace) -> tuple[list[str], tuple[str, ...]]:
    """The trusted keys (``--trusted``, and the config's) and the config's revoked keys."""
    keys = []
    for item in args.trusted:
        path = Path(item)
        keys.append(
            path.read_text(encoding="ascii", errors="replace").strip() if path.is_file() else item
        )
    revoked: tuple[str, ...] = ()
    if args.config is not None:
        from rightsguide.core.content.locales import load_registry
        from rightsguide.core.kiosk import load_config

        config = load_config(args.config, load_registry(data_dirs(args.content).content))
        keys += list(config.trusted_keys)
        revoked = config.revoked_keys
    return keys, revoked


def _removed_copy(copy: RemovedCopy) -> str:
    """What a copy that ``pack install`` removed was, in words, with its folder's name."""
    from rightsguide.core.packs.pack import Removed

    if copy.what is Removed.DAMAGED:
        said = f"the damaged copy of {copy.version}"
        return said if copy.name == copy.version else f"{said} ({copy.name})"
    if copy.what is Removed.LEFTOVER:
        return f"a leftover copy {copy.name} (from an install that was cut off)"
    if copy.what is Removed.BEFORE_PREVIOUS:
        return f"the copy before the previous one, {copy.name}"
    return f"an old copy {copy.name}, no longer in use"


def cmd_pack(args: argparse.Namespace) -> int:
    """Signed content packs: keygen, build, sign, verify, install, rollback."""
    from rightsguide.core.packs import pack
    from rightsguide.core.packs.manifest import key_id

    dirs = data_dirs(args.content)
    if args.action == "keygen":
        print(pack.keygen(args.private, args.public))
        print(
            f"secret key: {args.private} (keep it off the kiosks); public key: {args.public}",
            file=sys.stderr,
        )
    elif args.action == "build":
        manifest = pack.build(
            dirs.content, dirs.locales, args.out, args.version, args.notes, assets=dirs.assets
        )
        print(f"built {args.out}: version {manifest.version}, {len(manifest.files)} files")
    elif args.action == "sign":
        pack.sign(args.pack, args.key)
        print(f"signed {args.pack}")
    elif args.action == "verify":
        manifest, key = pack.verify_signed(args.pack, *_trusted(args))
        line = (  # (the manifest's fields are the signer's text: no terminal control in them)
            f"{args.pack}: signature and {len(manifest.files)} files OK, version "
            f"{manifest.version} of {manifest.created}, signed by key {key_id(key)}"
        )
        print(terminal.safe(line))
    elif args.action == "install":
        keys, revoked = _trusted(args)
        result = pack.install(
            args.pack,
            args.root,
            keys,
            dirs.assets,
            revoked=revoked,
            allow_downgrade=args.allow_downgrade,
        )
        done = "installed" if result.changed else "already installed, nothing changed:"
        if not result.changed and result.removed:
            done = "already installed, the content in use is unchanged:"
        if result.repaired:
            done = f"repaired the damaged active copy ({result.repaired}):"
        line = (
            f"{done} version {result.manifest.version}; active content: "
            f"{args.root / 'current' / 'content'}"
        )
        print(terminal.safe(line))
        if result.removed:  # (folder names in versions/: a planted one may hold anything)
            said = "; ".join(_removed_copy(copy) for copy in result.removed)
            print(terminal.safe(f"removed old copies: {said}"))
        if result.kept_old:
            print(terminal.safe(f"old copies were left in place: {result.kept_old}"))
    else:
        print(f"active again: version {pack.rollback(args.root, *_trusted(args))}")
    return 0


def cmd_stamp(args: argparse.Namespace) -> int:
    """Record the current source hashes in each translation; exit 1 if any file was refused."""
    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.translation import stamp

    library = ContentLibrary(data_dirs(args.content).content)
    failed = False
    for path in args.paths:
        try:
            result = stamp.stamp_file(library, path)
        except ContentError as exc:
            print(f"{exc.where}: error: {exc.message}", file=sys.stderr)
            failed = True
            continue
        print(f"{'stamped' if result.changed else 'already up to date'}: {path}")
    return 1 if failed else 0


def cmd_translate(args: argparse.Namespace) -> int:
    """Translator exchange: ``translate export`` and ``translate import`` (docs/translators.md)."""
    from rightsguide.core.translation import exchange_cli

    dirs = data_dirs(args.content)
    if args.action == "export":
        return exchange_cli.export(dirs.content, args.locale, args.page, args.format, args.out)
    return exchange_cli.import_(
        dirs.content, dirs.assets, args.folder, args.provenance, args.dry_run
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rightsguide`` command."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: a worker process starts here
        import multiprocessing

        multiprocessing.freeze_support()  # runs the worker and exits when this is one
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            command = argv[0]
            args = sub_parser(command).parse_args(argv[1:])
            commands = {
                "check": cmd_check,
                "render": cmd_render,
                "stamp": cmd_stamp,
                "status": cmd_status,
                "search": cmd_search,
                "export": cmd_export,
                "pack": cmd_pack,
                "translate": cmd_translate,
            }
            return commands[command](args)
        return _run_gui(gui_parser().parse_args(argv))
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UnknownLocale as exc:
        sys.stderr.write(
            f"rightsguide: unknown language {exc.locale!r}; see content/locales.yaml\n"
        )
    except PageNotFound as exc:
        sys.stderr.write(
            f"rightsguide: no page {exc.page_id!r} (ids look like device-care/charging)\n"
        )
    except ContentError as exc:
        sys.stderr.write(terminal.safe(f"rightsguide: {exc.where}: {exc.message}") + "\n")
    except RightsGuideError as exc:
        sys.stderr.write(terminal.safe(f"rightsguide: {exc}") + "\n")
    except OSError as exc:
        sys.stderr.write(
            terminal.safe(f"rightsguide: {exc.strerror or exc}: {exc.filename or ''}") + "\n"
        )
    return 1


class _Tail(io.StringIO):
    """A stand-in for a missing stderr/stdout that keeps the last ``limit`` characters."""

    def __init__(self, limit: int = 20_000) -> None:
        super().__init__()
        self._limit = limit

    def write(self, text: str) -> int:
        """Keep ``text``, dropping the oldest characters beyond the limit."""
        written = super().write(text)
        value = self.getvalue()
        if len(value) > self._limit:
            self.seek(0)
            self.truncate()
            super().write(value[-self._limit :])
        return written


def _show_error_box(text: str) -> None:
    from rightsguide.ui import errorbox  # Qt (or the Windows API) only when there is a message

    errorbox.show(text)


def windowed_main(show: Callable[[str], None] | None = None) -> int:
    """:func:`main` for a program without a console, where ``sys.stderr`` may be None.

    Whatever would have gone to stderr (or stdout, for --help and --version) is collected and,
    when the program fails or printed something for the person, shown in a message box; a crash
    shows its traceback. Nothing is written to a file.
    """
    box = show or _show_error_box
    err, out = _Tail(), _Tail()
    sys.stderr, sys.stdout = err, out
    try:
        status = main()
    except SystemExit as exc:  # argparse: --help, --version, a bad option
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        err.write("" if isinstance(exc.code, int | None) else f"{exc.code}\n")
    except BaseException:  # a crash must reach the person, never exit silently
        import traceback

        err.write(traceback.format_exc())
        status = 1
    text = (err.getvalue() if status else "") + out.getvalue()
    if text.strip():
        box(text.strip())
    return status


def gui_main() -> int:
    """Entry point of the ``rightsguide-gui`` program (no console window on Windows)."""
    if sys.stderr is None or sys.stdout is None:
        return windowed_main()
    return main()
