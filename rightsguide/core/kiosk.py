"""Kiosk configuration: a small YAML file given with ``--config`` (example in ``examples/``).

::

    idle_seconds: 120          # no touch or key for this long: ask "Are you still there?"
    countdown_seconds: 20      # then wipe the session after this countdown
    languages: [es, en, ht]    # offered on the start screen, in this order (default: kiosk: true)
    default_language: en       # the language of the neutral screens (default: the source)
    clinic: clinic.yaml        # the clinic's "Get help here" page (relative to this file)
    exit_pin: "730519"         # Ctrl+Alt+Shift+Q, then this PIN, closes the kiosk (6-12 digits)
    printing: false            # true: show Print (the local print service, asked only on Print)
    require_signed: true       # show only content installed from a signed pack
    trusted_keys:              # public keys whose packs are trusted (a key, or a name and key)
      - {name: "Legal Aid Network", key: "Base64PublicKey..."}
    revoked_keys: []           # keys no longer trusted (lost or stolen): their packs are refused
    content_max_age_months: 6  # warn readers when the content is older than this

A bad file stops start-up with ``file:line: message``: a kiosk must not run with a setting
silently replaced by a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rightsguide.core.content.locales import LocaleRegistry
from rightsguide.core.content.yamlfile import load_mapping_items
from rightsguide.core.errors import ContentError
from rightsguide.core.packs.provenance import DEFAULT_MAX_AGE_MONTHS

if TYPE_CHECKING:
    from rightsguide.core.content.clinic import Clinic

MIN_IDLE, MAX_IDLE = 15, 3600
MIN_COUNTDOWN, MAX_COUNTDOWN = 5, 120
PIN_DIGITS = (6, 12)
EXAMPLE_PIN = "123456"  # the PIN in examples/kiosk.yaml: refused, so each kiosk sets its own
KNOWN = (
    "content",
    "require_signed",
    "trusted_keys",
    "idle_seconds",
    "countdown_seconds",
    "languages",
    "default_language",
    "clinic",
    "exit_pin",
    "printing",
    "content_max_age_months",
    "revoked_keys",
)
MAX_AGE_MONTHS = (1, 60)


@dataclass(frozen=True, slots=True)
class KioskConfig:
    """Validated kiosk settings."""

    idle_seconds: int = 120
    countdown_seconds: int = 20
    languages: tuple[str, ...] = ()
    default_language: str = ""
    clinic: Path | None = None
    exit_pin: str = ""
    printing: bool = False  # show Print; the print service is asked only when it is pressed
    trusted_keys: tuple[str, ...] = ()
    require_signed: bool = False
    key_names: tuple[tuple[str, str], ...] = ()  # (key, the publisher's name) for named keys
    content_max_age_months: int = DEFAULT_MAX_AGE_MONTHS
    revoked_keys: tuple[str, ...] = ()  # packs signed by these are refused, even if trusted
    clinic_line: int = 0  # the line of ``clinic:`` in the file (0: not set)


class _Settings:
    """The parsed file with the line of each key, for errors that name the line."""

    def __init__(
        self,
        path: Path,
        data: dict[str, object],
        lines: dict[str, int],
        items: dict[str, list[int]] | None = None,
    ) -> None:
        self.path, self.data, self.lines = path, data, lines
        self.items = items or {}  # key -> the line of each item of its list

    def fail(self, key: str, message: str, item: int | None = None) -> ContentError:
        """An error at ``key``'s line, or at the line of its list's ``item`` (from 0)."""
        lines = self.items.get(key, [])
        at = lines[item] if item is not None and item < len(lines) else self.lines.get(key, 1)
        return ContentError(self.path, at, message)

    def seconds(self, key: str, default: int, low: int, high: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(key, f"'{key}' must be a whole number of seconds from {low} to {high}")
        return value

    def languages(self, registry: LocaleRegistry) -> tuple[str, ...]:
        default = [loc.code for loc in registry.all() if loc.kiosk]
        value = self.data.get("languages", default)
        if not isinstance(value, list) or not value or not all(isinstance(c, str) for c in value):
            raise self.fail(
                "languages", "'languages' must be a list of language codes, like [es, en, ht]"
            )
        for code in value:
            if code not in registry:
                raise self.fail("languages", f"language '{code}' is not in content/locales.yaml")
        return tuple(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, f"'{key}' must be true or false")
        return value

    def keys(self) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        """The trusted keys, and the names of those given as ``{name: ..., key: ...}``."""
        value = self.data.get("trusted_keys", [])
        problem = (
            "'trusted_keys' must be a list of public keys, each written as the key or as "
            '{name: "Who signs", key: "..."}'
        )
        if not isinstance(value, list):
            raise self.fail("trusted_keys", problem)
        keys: list[str] = []
        names: list[tuple[str, str]] = []
        for n, item in enumerate(value):
            if isinstance(item, str):
                keys.append(_key(self, "trusted_keys", item, n))
            elif (
                isinstance(item, dict)
                and set(item) == {"name", "key"}
                and all(isinstance(v, str) and v.strip() for v in item.values())
            ):
                key = _key(self, "trusted_keys", item["key"], n)
                keys.append(key)
                names.append((key, item["name"].strip()))
            else:
                raise self.fail("trusted_keys", problem, n)
        return tuple(keys), tuple(names)

    def months(self) -> int:
        key, (low, high) = "content_max_age_months", MAX_AGE_MONTHS
        value = self.data.get(key, DEFAULT_MAX_AGE_MONTHS)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(key, f"'{key}' must be a whole number of months from {low} to {high}")
        return value

    def pin(self) -> str:
        value = self.data.get("exit_pin", "")
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        low, high = PIN_DIGITS
        if not isinstance(value, str) or (
            value and not (value.isascii() and value.isdigit() and low <= len(value) <= high)
        ):
            raise self.fail("exit_pin", f"'exit_pin' must be {low} to {high} digits, in quotes")
        if value == EXAMPLE_PIN:
            raise self.fail(
                "exit_pin",
                f"'exit_pin' is the example PIN {EXAMPLE_PIN} from examples/kiosk.yaml, which "
                "anyone can read; choose this kiosk's own PIN",
            )
        if value and (len(set(value)) == 1 or value in "01234567890" or value in "09876543210"):
            raise self.fail(
                "exit_pin", "'exit_pin' is too easy to guess (one digit repeated, or a run)"
            )
        return value


def _read(path: Path) -> _Settings:
    data, lines, items = load_mapping_items(path, "kiosk configuration", empty_ok=True)
    return _Settings(path, data, lines, items)


def content_folder(path: Path) -> Path | None:
    """The ``content`` setting: the folder the kiosk shows (None: not set).

    A kiosk that installs packs shows ``<root>/current/content``
    (``/var/lib/rightsguide/current/content``); a relative path is relative to the file.
    Read before the rest of the file, which is checked against that content's languages.
    """
    settings = _read(path)
    value = settings.data.get("content")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise settings.fail(
            "content", "'content' must be a folder, like /var/lib/rightsguide/current/content"
        )
    return path.parent / value


def load_config(path: Path, registry: LocaleRegistry) -> KioskConfig:
    """Read and validate the kiosk configuration against the content's languages."""
    settings = _read(path)
    for key in settings.data:
        if key not in KNOWN:
            raise settings.fail(key, f"unknown setting '{key}'; known settings: {', '.join(KNOWN)}")
    default = settings.data.get("default_language", registry.source)
    if not isinstance(default, str) or default not in registry:
        raise settings.fail(
            "default_language", f"'default_language' {default!r} is not in content/locales.yaml"
        )
    clinic = settings.data.get("clinic")
    if clinic is not None and not isinstance(clinic, str):
        raise settings.fail("clinic", "'clinic' must be a file name")
    keys, names = settings.keys()
    return KioskConfig(
        idle_seconds=settings.seconds("idle_seconds", 120, MIN_IDLE, MAX_IDLE),
        countdown_seconds=settings.seconds("countdown_seconds", 20, MIN_COUNTDOWN, MAX_COUNTDOWN),
        languages=settings.languages(registry),
        default_language=default,
        clinic=(path.parent / clinic) if clinic else None,
        exit_pin=settings.pin(),
        printing=settings.flag("printing"),
        trusted_keys=keys,
        require_signed=settings.flag("require_signed"),
        key_names=names,
        content_max_age_months=settings.months(),
        revoked_keys=_revoked_keys(settings),
        clinic_line=settings.lines.get("clinic", 0) if clinic else 0,
    )


def clinic_page(path: Path, config: KioskConfig) -> Clinic | None:
    """The clinic page that ``clinic:`` in the configuration ``path`` names (None: none).

    A clinic file that is not there is reported at that line of the configuration (the name
    there is what to correct); a problem inside the clinic file, with that file's own line.
    """
    from rightsguide.core.content.clinic import load_clinic  # a kiosk with a clinic page only

    if config.clinic is None:
        return None
    try:
        return load_clinic(config.clinic)
    except ContentError as exc:
        if exc.line or config.clinic.exists():
            raise
        raise ContentError(
            path,
            config.clinic_line,
            f"the clinic file {config.clinic} does not exist: correct the name after 'clinic:' "
            "(a file in the same folder as this one, or a full path), or remove this line",
        ) from None


def _key(settings: _Settings, setting: str, key: str, item: int | None = None) -> str:
    """A public key as ``pack keygen`` writes it (base64 of its 32 bytes), else file:line.

    The key may also be written as ``openssl pkey -pubout`` prints it (``MCowBQYDK2VwAyEA...``).
    """
    import base64

    from rightsguide.core.packs.manifest import PackError, raw_key

    try:
        return base64.b64encode(raw_key(key)).decode("ascii")
    except PackError:
        raise settings.fail(
            setting,
            f"'{setting}': not a public key: {key.strip()[:20]}... (write each key as "
            "'rightsguide pack keygen' prints it)",
            item,
        ) from None


def _revoked_keys(settings: _Settings) -> tuple[str, ...]:
    """``revoked_keys``: a list of public keys (base64, as ``pack keygen`` prints them)."""
    value = settings.data.get("revoked_keys", [])
    problem = "'revoked_keys' must be a list of public keys, as 'pack keygen' prints them"
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise settings.fail("revoked_keys", problem)
    return tuple(_key(settings, "revoked_keys", k, n) for n, k in enumerate(value))
