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
from rightsguide.core.model import BASE_FONT_FAMILY
from rightsguide.core.render import about
from rightsguide.core.render.document import isolate

_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)
_PARAGRAPH = re.compile(r"<(p|li|h[1-6])(?=[\s>])(?![^>]*\bstyle=)")
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
_CELLPADDING = re.compile(r'cellpadding="(\d+)"')
PRINT_CELLPADDING = 5  # boxes and tables on paper: a little air inside, not a screen's 10 px
# Paper is read closely: tighter than the screen, so a typical page fits one or two sheets.
# Sizes are relative to the text's size (the printing code sets it): headings stay larger
# (x-large is 1.5 times the text, large 1.2), "small" is 0.8 times; lists and boxes keep their
# shape with less space around them.
PRINT_CSS = (
    "h1 { font-size: x-large; margin-top: 0px; margin-bottom: 2px; }"
    "h2 { font-size: large; margin-top: 7px; margin-bottom: 1px; }"
    "h3 { font-size: large; margin-top: 5px; margin-bottom: 1px; }"
    "p, li { line-height: 120%; margin-top: 0px; margin-bottom: 3px; }"
    "ul, ol { margin-top: 2px; margin-bottom: 3px; }"
    "table.callout, table.notice { margin-top: 3px; margin-bottom: 3px; }"
    "p.summary { font-size: medium; margin-bottom: 3px; }"
    "p.review { margin-top: 0px; margin-bottom: 4px; }"
    "p.source-title { margin: 0px; font-weight: bold; font-size: small; }"
    "p.source-url { margin: 0px; font-size: small; }"
)
# the same spacing for scripts whose fonts have another natural line height (see reader.ar.css)
PRINT_CSS_BY_LANGUAGE = {
    "ar": "p, li { line-height: 72%; } h1, h2, h3 { line-height: 72%; }",
    "zh-Hans": "p, li { line-height: 96%; }",
}
# The English part of another script's handout is set in the base font:
# a line's height comes from its font, and an Arabic or CJK font's would space English lines
# like double spacing.
ENGLISH_FONT = BASE_FONT_FAMILY
ENGLISH_TYPOGRAPHY = f"line-height: 120%; font-family: '{ENGLISH_FONT}'"
QR_MM = 17.0  # a QR code's side on paper: phones read its smallest modules (about 0.29 mm)
_QR_PX = round(QR_MM / 25.4 * 96)  # an image's width is in CSS pixels, 96 to the inch


@dataclass(frozen=True, slots=True)
class Handout:
    """HTML ready to print, and the URLs its ``qr:N`` images stand for."""

    html: str
    qr_urls: tuple[str, ...]
    direction: str
    page_label: str = "Page {page} of {pages}"  # the footer of each sheet, in the page's language


def _body_of(document: str) -> str:
    match = _BODY.search(document)
    return match.group(1) if match else document


def _english_typography(body: str) -> str:
    """The English part of a handout keeps English spacing inside another script's document."""
    return _PARAGRAPH.sub(lambda m: f'<{m.group(1)} style="{ENGLISH_TYPOGRAPHY}"', body)


def _printed_address(url: str) -> str:
    """The address as people type it, without "https://" (the QR code has all of it).

    "www." stays: a few sites answer only there.
    """
    return _SCHEME.sub("", url)


def _compact_boxes(body: str) -> str:
    """Boxes (call-outs, notices, tables) with print-sized padding."""
    return _CELLPADDING.sub(
        lambda m: f'cellpadding="{min(int(m.group(1)), PRINT_CELLPADDING)}"', body
    )


def _sources_table(sources: list[tuple[str, str]], heading: str, direction: str) -> str:
    """The sources, two to a row: each QR code beside its title and address, in one box.

    The printing code keeps each row whole, so a QR code is never split from its address.
    Qt does not mirror a table's columns for right-to-left text, so an Arabic row is written
    from the left: the first source on the right, each title to the left of its QR code.
    """

    def cell(index: int, title: str, url: str) -> list[str]:
        return [
            f'<td width="10%"><img src="qr:{index}" width="{_QR_PX}" height="{_QR_PX}"/></td>',
            f'<td width="38%"><p class="source-title">{html.escape(title)}</p>'
            f'<p class="source-url">{html.escape(isolate(_printed_address(url)))}</p></td>',
        ]

    rows = []
    for start in range(0, len(sources), 2):
        cells = [*cell(start, *sources[start]), '<td width="4%"></td>']  # a gutter between
        if start + 1 < len(sources):
            cells += cell(start + 1, *sources[start + 1])
        else:
            cells += ['<td width="10%"></td>', '<td width="38%"></td>']
        if direction == "rtl":
            cells.reverse()
        rows.append(f"<tr>{''.join(cells)}</tr>")
    title = f'<tr><td colspan="5"><h2>{html.escape(heading)}</h2></td></tr>'
    # one box per row (the heading stays with the first): a page may break between rows only
    return "".join(
        f'<table class="sources" cellpadding="2" cellspacing="0" width="100%">'
        f"{title if index == 0 else ''}{row}</table>"
        for index, row in enumerate(rows)
    )


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
    titles: list[str] = []
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
                f"{_english_typography(_body_of(english.html))}</div>"
            )
        generated = shown.broken or guide.is_generated(page_id)
        page = guide.library.resolve(page_id, locale).page if not generated else None
        if page is not None:
            for cited in page.meta.sources:
                if cited.url not in urls:
                    urls.append(cited.url)
                    titles.append(cited.title or cited.url)
    printed = html.escape(_("Printed on {date}").format(date=i18n.format_date(today, locale)))
    printed += " \u2014 " + html.escape(about.handout_line(guide.content_info(), tr))
    header = (
        f'<p class="small">{html.escape(_("Rights guide: Alternatives to Detention"))} '
        f"\u2014 {html.escape(loc.native_name)} \u2014 {printed}</p><hr/>"
    )
    sources = ""
    if urls:
        heading = _("Sources (scan with a phone to read them)")
        sources = _sources_table(list(zip(titles, urls, strict=True)), heading, loc.direction.value)
    body = header + _compact_boxes("".join(parts)) + sources
    css = guide.style_sheet(locale) + PRINT_CSS + PRINT_CSS_BY_LANGUAGE.get(locale, "")
    document = (
        f'<!DOCTYPE html><html dir="{loc.direction.value}" lang="{locale}"><head>'
        f'<meta charset="utf-8"/><style>{css}</style></head>'
        f"<body>{body}</body></html>"
    )
    label = _("Page {page} of {pages}")
    return Handout(document, tuple(urls), loc.direction.value, label)
