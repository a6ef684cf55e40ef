"""A printable handout of one or more pages: the reader's language, optionally English below.

Header: title, language, the date printed, and the content's version, publication date and
signer (so a handout can be traced to the content it came from). Footer: the content's review
date, "general information, not legal advice" and where to find free legal help. Each source
gets a QR code; the HTML names them ``qr:0``, ``qr:1``... and the printing code (Qt) supplies
the images, so this module stays free of Qt. Sentences come from the reader's UI catalog.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from rightsguide.core import i18n
from rightsguide.core.guide import Guide
from rightsguide.core.render import about

_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Handout:
    """HTML ready to print, and the URLs its ``qr:N`` images stand for."""

    html: str
    qr_urls: tuple[str, ...]
    direction: str


def _body_of(document: str) -> str:
    match = _BODY.search(document)
    return match.group(1) if match else document


def build_handout(
    guide: Guide, page_ids: list[str], locale: str, *, with_english: bool, today: dt.date
) -> Handout:
    """Compose the handout of ``page_ids`` for a reader of ``locale``."""
    tr = guide.translator(locale)
    _ = tr.gettext
    loc = guide.registry.get(locale)
    source = guide.registry.source
    parts: list[str] = []
    urls: list[str] = []
    for page_id in page_ids:
        shown = guide.open_page(page_id, locale, show_details=False)
        parts.append(
            f'<div dir="{shown.direction.value}" lang="{shown.locale}">{_body_of(shown.html)}</div>'
        )
        if with_english and shown.locale != source:
            english = guide.open_page(page_id, source, show_details=False)
            label = html.escape(_("The same page in English"))
            parts.append(
                f'<hr/><p><b>{label}</b></p><div dir="ltr" lang="{source}">'
                f"{_body_of(english.html)}</div>"
            )
        generated = shown.broken or guide.is_generated(page_id)
        page = guide.library.resolve(page_id, locale).page if not generated else None
        if page is not None:
            urls.extend(s.url for s in page.meta.sources if s.url not in urls)
    printed = html.escape(_("Printed on {date}").format(date=i18n.format_date(today, locale)))
    printed += " \u2014 " + html.escape(about.handout_line(guide.content_info(), tr))
    header = (
        f'<p class="small">{html.escape(_("Rights guide: Alternatives to Detention"))} '
        f"\u2014 {html.escape(loc.native_name)} \u2014 {printed}</p><hr/>"
    )
    sources = ""
    if urls:
        cells = "".join(
            f'<tr><td width="110"><img src="qr:{i}" width="96" height="96"/></td>'
            f"<td>{html.escape(url)}</td></tr>"
            for i, url in enumerate(urls)
        )
        title = html.escape(_("Sources (scan with a phone to read them)"))
        sources = f'<h2>{title}</h2><table cellpadding="4" cellspacing="0">{cells}</table>'
    body = header + "".join(parts) + sources
    document = (
        f'<!DOCTYPE html><html dir="{loc.direction.value}" lang="{locale}"><head>'
        f'<meta charset="utf-8"/><style>{guide.style_sheet(locale)}</style></head>'
        f"<body>{body}</body></html>"
    )
    return Handout(document, tuple(urls), loc.direction.value)
