"""The "About this guide" page: what the guide is, where its content comes from, how old it is.

It answers the questions a clinic and a reader should be able to ask of any screen: which
version of the content is this, when was it published, who signed it (and was the signature
checked), and is it so old that the rules may have changed. It is composed like the clinic's
page, in the reader's language, so it works in kiosk mode and prints like any page.
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from pathlib import Path

from rightsguide.core import i18n
from rightsguide.core.i18n import Translator
from rightsguide.core.model import ABOUT_PAGE_ID
from rightsguide.core.packs.provenance import ContentInfo, Signature
from rightsguide.core.render.document import DocumentComposer, isolate

PAGE_ID = ABOUT_PAGE_ID


@dataclass(frozen=True, slots=True)
class AboutFacts:
    """What the About page shows besides :class:`ContentInfo`."""

    info: ContentInfo
    outdated: bool  # published longer ago than the configured age
    languages: int
    folder: Path | None  # shown to volunteers and translators, not at a kiosk
    public: bool = False  # a kiosk: notes for the administrator go to stderr, not the screen


_told: set[str] = set()  # what the administrator was already told (once per run)


def tell_administrator(message: str) -> None:
    """Write ``message`` on stderr once: the administrator reads it, the public does not."""
    if message not in _told:
        _told.add(message)
        sys.stderr.write(f"rightsguide: {message}\n")


def signed_by(info: ContentInfo, tr: Translator) -> str:
    """One line for "Signed by" (also printed on handouts)."""
    _ = tr.gettext
    if info.signature is Signature.TRUSTED:
        return info.signer
    if info.signature is Signature.UNCHECKED:
        return _("Signed, but not checked: no trusted key is set up")
    if info.signature is Signature.INVALID:
        return _("The signature does not match: this content may have been changed")
    return _("Not signed")


def _signature_box(composer: DocumentComposer, info: ContentInfo, tr: Translator) -> str:
    _ = tr.gettext
    e = html.escape
    if info.signature is Signature.TRUSTED:
        text = _(
            "This content was published by {publisher}. Its signature was checked: "
            "nobody has changed it since."
        ).format(publisher=info.signer)
        return composer.box("note", [e(text)])
    if info.signature is Signature.INVALID:
        text = _("This content's signature does not match. It may have been changed. Tell staff.")
        return composer.box("warning", [e(text), e(info.detail)])
    if info.signature is Signature.UNCHECKED:
        text = _("This content is signed, but this computer has no trusted key to check it.")
        return composer.box("important", [e(text)])
    text = _(
        "This content is not signed. That is normal for a copy used to write or translate "
        "the guide. A clinic kiosk should use a signed content pack."
    )
    return composer.box("note", [e(text)])


def compose(composer: DocumentComposer, facts: AboutFacts, tr: Translator) -> str:
    """The About page's HTML in the reader's language."""
    _ = tr.gettext
    e = html.escape
    info = facts.info
    published = i18n.format_date(info.published, tr.code) if info.published else _("Unknown")
    intro = [
        _(
            "This guide explains the Alternatives to Detention (ATD) program in plain words. "
            "It gives general information, not legal advice."
        ),
        _(
            "Privacy: this app never connects to the internet. "
            "It does not keep a record of the pages you read."
        ),
    ]
    before = "".join(f"<p>{e(text)}</p>" for text in intro)
    if facts.outdated and info.published is not None:
        before += composer.outdated_notice(info.published)
    admin_only = facts.public and info.signature in (Signature.UNSIGNED, Signature.UNCHECKED)
    if admin_only:  # "not signed" is for the administrator, in English, on stderr
        tell_administrator(
            "this content is not signed, or this computer has no trusted key to check it; "
            "a clinic kiosk should use a signed content pack"
        )
    else:
        before += _signature_box(composer, info, tr)
    folder = str(facts.folder) if facts.folder else ""
    rows = [  # values are isolated: a path or a Latin name keeps its order in Arabic
        (_("Content version"), e(isolate(info.version))),
        (_("Published"), e(published)),
        (_("Signed by"), "" if admin_only else e(isolate(signed_by(info, tr)))),
        (_("Signing key fingerprint"), e(isolate(info.fingerprint)) if info.fingerprint else ""),
        (_("Languages"), e(str(facts.languages))),
        (_("Release notes"), _notes_html(info.notes)),
        (_("App version"), e(isolate(info.app_version))),
        (_("Content folder"), e(isolate(folder)) if folder else ""),
    ]
    return composer.compose_info(_("About this guide"), rows, before=before)


def _notes_html(notes: str) -> str:
    """The release notes line by line, their "- " items as bullets (not one run-on paragraph)."""
    lines = [line.strip() for line in notes.splitlines() if line.strip()]
    return "<br/>".join(
        html.escape(isolate(f"\u2022 {line[2:]}" if line.startswith("- ") else line))
        for line in lines
    )


def handout_line(info: ContentInfo, tr: Translator) -> str:
    """The content's version, date and signer in one line, for printed handouts."""
    _ = tr.gettext
    parts = []
    if info.version:
        parts.append(_("Content version {version}").format(version=info.version))
    if info.published is not None:
        parts.append(
            _("published on {date}").format(date=i18n.format_date(info.published, tr.code))
        )
    if info.signature is Signature.TRUSTED:
        parts.append(_("signed by: {signer}").format(signer=info.signer))
    else:
        parts.append(signed_by(info, tr))  # "Not signed", or what is wrong with the signature
    return ", ".join(parts)
