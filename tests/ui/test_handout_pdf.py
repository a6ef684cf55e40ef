"""Handouts read back from the PDF (pypdf): page numbers, sources, boxes, length (issue 13)."""

from __future__ import annotations

import collections
import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pypdf
import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPdfWriter, QTextDocument, QTextImageFormat

from rightsguide.core.guide import Guide
from rightsguide.core.render.handout import (
    ENGLISH_FONT,
    ENGLISH_TYPOGRAPHY,
    QR_MM,
    build_handout,
)
from rightsguide.core.resources import DataDirs
from rightsguide.ui import fonts, printing
from rightsguide.ui.qr import qr_image
from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 28)
MM = 72 / 25.4  # points in a millimetre


@pytest.fixture(scope="module")
def real_guide() -> Guide:
    return Guide(DataDirs(ROOT / "content", ROOT / "locales", ROOT / "assets"), cache_dir=None)


def families(guide: Guide, locale: str) -> list[str]:
    return fonts.families_for(
        guide.registry.get(locale).font, fonts.register_fonts(guide.dirs.assets / "fonts")
    )


def write(
    guide: Guide, tmp_path: Path, locale: str, page_id: str, *, with_english: bool = False
) -> Path:
    handout = build_handout(guide, [page_id], locale, with_english=with_english, today=TODAY)
    out = tmp_path / f"{locale}-{page_id.replace('/', '-')}.pdf"
    pages = printing.write_pdf(out, handout, families(guide, locale), "t")
    assert len(pypdf.PdfReader(str(out)).pages) == pages
    return out


def export(qapp, guide, tmp_path, locale, page_id, *, with_english=False) -> list[str]:
    out = write(guide, tmp_path, locale, page_id, with_english=with_english)
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(str(out)).pages]


@dataclass(frozen=True)
class Printed:
    """A run of text or an image as placed on a sheet (points, origin at the bottom left)."""

    page: int
    x: float
    y: float
    size: float  # text: its size on paper; image: its width
    text: str = ""
    pixels: int = 0  # image: its width in pixels


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    ]


def read_back(path: Path) -> tuple[list[Printed], list[Printed]]:
    """The text runs and the images of a PDF, where and how large they are printed."""
    reader = pypdf.PdfReader(str(path))
    texts: list[Printed] = []
    images: list[Printed] = []
    for number, page in enumerate(reader.pages):

        def text(run, cm, tm, _font, size, number=number):
            if run.strip():
                m = _multiply(list(tm), list(cm))
                scale = (m[2] ** 2 + m[3] ** 2) ** 0.5
                texts.append(Printed(number, m[4], m[5], round(size * scale, 2), run.strip()))

        page.extract_text(visitor_text=text)
        resources = cast(pypdf.generic.DictionaryObject, page["/Resources"].get_object())
        xobjects = resources.get("/XObject", {})
        stack: list[list[float]] = []
        ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        for operands, operator in pypdf.generic.ContentStream(
            page.get_contents(), reader
        ).operations:
            if operator == b"q":
                stack.append(ctm)
            elif operator == b"Q":
                ctm = stack.pop()
            elif operator == b"cm":
                ctm = _multiply([float(v) for v in operands], ctm)
            elif operator == b"Do" and xobjects[operands[0]].get("/Subtype") == "/Image":
                width = int(xobjects[operands[0]]["/Width"])
                images.append(Printed(number, ctm[4], ctm[5], ctm[0], pixels=width))
    return texts, images


@pytest.mark.parametrize("locale", ["en", "es", "ar", "zh-Hans", "pa"])
def test_a_typical_page_prints_on_one_or_two_letter_sheets(qapp, real_guide, tmp_path, locale):
    texts = export(qapp, real_guide, tmp_path, locale, "device-care/charging")
    assert 1 <= len(texts) <= 2


def test_every_sheet_says_page_n_of_m(qapp, real_guide, tmp_path):
    texts = export(qapp, real_guide, tmp_path, "en", "legal-options/if-detained")
    assert len(texts) > 1
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {len(texts)}" in text


def test_page_numbers_are_in_the_pages_language(qapp, real_guide, tmp_path):
    texts = export(qapp, real_guide, tmp_path, "es", "device-care/charging")
    assert f"Página 1 de {len(texts)}" in texts[0]


def test_sources_have_titles_and_stay_together(qapp, real_guide, tmp_path):
    texts = export(qapp, real_guide, tmp_path, "en", "device-care/charging")
    page = real_guide.library.resolve("device-care/charging", "en").page
    with_sources = [t for t in texts if "Sources (scan with a phone" in t]
    assert len(with_sources) == 1
    for source in page.meta.sources:  # each title and its address on the sheet of the heading
        assert " ".join(source.title.split())[:30] in with_sources[0]
        address = source.url.removeprefix("https://")
        assert address[:20] in with_sources[0].replace(" ", "")


def letter(tmp_path: Path) -> QSizeF:
    return printing.letter_sheet(QPdfWriter(str(tmp_path / "unused.pdf")))


def content_pages(guide: Guide, locale: str) -> list[str]:
    return [
        entry.page_id
        for topic in guide.topics(locale)
        for entry in guide.pages(locale, topic.topic)
        if not guide.is_generated(entry.page_id)
    ]


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_each_qr_code_is_printed_beside_its_own_title(qapp, real_guide, tmp_path, locale):
    """Left of its title in English, right of it in Arabic (Qt does not mirror tables)."""
    page_id = "device-care/charging"
    handout = build_handout(real_guide, [page_id], locale, with_english=False, today=TODAY)
    doc = printing.laid_out(handout, families(real_guide, locale), letter(tmp_path))
    images = _image_rects(doc)
    titles = _title_rects(doc)
    sources = real_guide.library.resolve(page_id, locale).page.meta.sources
    assert len(images) == len(titles) == len(sources) == len(handout.qr_urls) > 2
    for index, source in enumerate(sources):
        left, top, right = titles[source.title]
        qr_left, qr_top, qr_right = images[index]
        assert abs(top - qr_top) < 3 * MM  # level with it
        gap = left - qr_right if locale == "en" else qr_left - right
        assert 0 <= gap < 6 * MM, (source.title, gap)
        for o_left, o_top, o_right in titles.values():
            if (o_left, o_top, o_right) != (left, top, right) and abs(o_top - qr_top) < 3 * MM:
                other_gap = o_left - qr_right if locale == "en" else qr_left - o_right
                assert abs(other_gap) > 2 * gap + 2 * MM, source.title  # the other is farther


def _image_rects(doc: QTextDocument) -> dict[int, tuple[float, float, float]]:
    """``qr:N`` -> left, top and right of its image in the laid-out document (points)."""
    layout = doc.documentLayout()
    found = {}
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            image = QTextImageFormat(fragment.charFormat())
            if fragment.charFormat().isImageFormat() and image.name().startswith("qr:"):
                at = fragment.position() - block.position()
                line = block.layout().lineForTextPosition(at)
                edges = [cast(tuple[float, int], line.cursorToX(i))[0] for i in (at, at + 1)]
                rect = layout.blockBoundingRect(block)
                found[int(image.name()[3:])] = (
                    rect.x() + min(edges),
                    rect.y(),
                    rect.x() + max(edges),
                )
            it += 1
        block = block.next()
    return found


def _title_rects(doc: QTextDocument) -> dict[str, tuple[float, float, float]]:
    """Each source's title -> left, top and right of its first line (points)."""
    layout = doc.documentLayout()
    found = {}
    sources = [
        (t.firstPosition(), t.lastPosition()) for t in printing._tables(doc) if t.columns() == 5
    ]
    block = doc.begin()
    while block.isValid():
        in_sources = any(first <= block.position() <= last for first, last in sources)
        fragments = block.begin()  # kept while its fragment is read
        bold = not fragments.atEnd() and fragments.fragment().charFormat().fontWeight() > 500
        if in_sources and bold and not block.blockFormat().headingLevel():
            line = block.layout().lineAt(0).naturalTextRect()
            rect = layout.blockBoundingRect(block)
            found[block.text()] = (rect.x() + line.left(), rect.y(), rect.x() + line.right())
        block = block.next()
    return found


def test_the_qr_codes_are_large_enough_to_scan(qapp, real_guide, tmp_path):
    """At least 16 mm square on paper, each module (a QR code's square) at least 0.27 mm."""
    out = write(real_guide, tmp_path, "en", "get-help/free-legal-help")
    texts, images = read_back(out)
    page = real_guide.library.resolve("get-help/free-legal-help", "en").page
    assert len(images) == len(page.meta.sources)
    for image in images:
        modules = image.pixels / printing.QR_SCALE  # with its quiet border
        assert image.size / MM >= 16.0
        assert image.size / MM / modules >= 0.27
        near = [t for t in texts if t.page == image.page and abs(t.y - image.y - image.size) < 12]
        assert near  # a title starts level with the top of each QR code


def test_every_url_in_the_content_makes_a_scannable_qr_code(qapp, real_guide):
    urls = [
        source.url
        for page_id in content_pages(real_guide, "en")
        for source in real_guide.library.resolve(page_id, "en").page.meta.sources
    ]
    longest = max(urls, key=len)
    modules = qr_image(longest, printing.QR_SCALE).width() / printing.QR_SCALE
    assert QR_MM / modules >= 0.27, longest


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_text_is_large_and_headings_larger_on_paper(qapp, real_guide, tmp_path, locale):
    """Body text at least 10 pt on paper (never the screen's size), small print at least 8 pt."""
    out = write(real_guide, tmp_path, locale, "legal-options/if-detained")
    texts, _images = read_back(out)
    by_size: collections.Counter[float] = collections.Counter()
    for run in texts:
        by_size[run.size] += len(run.text)
    body = by_size.most_common(1)[0][0]
    assert 10.0 <= body <= 12.0
    assert min(by_size) >= 8.0
    assert max(by_size) >= 1.4 * body  # the title
    headings = [r.size for r in texts if r.text.startswith(("1", "2", "3", "4"))]
    assert max(headings) >= 1.15 * body


def test_the_arabic_footer_box_is_never_split(qapp, real_guide):
    sheet = QSizeF(560, 700)
    for page_id in ("device-care/charging", "obligations/check-ins"):
        handout = build_handout(real_guide, [page_id], "ar", with_english=False, today=TODAY)
        doc = printing.laid_out(handout, families(real_guide, "ar"), sheet)
        layout = doc.documentLayout()
        boxes = printing._tables(doc)
        assert boxes
        for box in boxes:  # the footer, notices, call-outs and the sources: each on one sheet
            rect = layout.frameBoundingRect(box)
            assert int(rect.top() // sheet.height()) == int((rect.bottom() - 1) // sheet.height())


def test_no_nearly_empty_last_sheet(qapp, real_guide, tmp_path):
    for locale in ("en", "ar", "pa"):
        texts = export(qapp, real_guide, tmp_path, locale, "legal-options/if-detained")
        if len(texts) > 1:  # the last sheet holds more than its page number
            assert len(texts[-1]) > 200, locale


def test_no_heading_is_left_at_the_foot_of_a_sheet(qapp, real_guide, tmp_path):
    page = letter(tmp_path)
    for locale, page_id in (("en", "obligations/going-to-a-check-in"), ("ar", "get-help/glossary")):
        handout = build_handout(real_guide, [page_id], locale, with_english=False, today=TODAY)
        doc = printing.laid_out(handout, families(real_guide, locale), page)
        assert doc.pageCount() > 1
        assert printing._stranded_heading(doc, page.height()) is None


def test_english_part_keeps_english_typography(real_guide):
    """English font and spacing: an Arabic font's line height would double-space English."""
    handout = build_handout(
        real_guide, ["device-care/charging"], "ar", with_english=True, today=TODAY
    )
    english = handout.html.split('<div dir="ltr" lang="en">', 1)[1]
    assert f'<p style="{ENGLISH_TYPOGRAPHY}"' in english
    assert f'<h1 style="{ENGLISH_TYPOGRAPHY}"' in english
    assert ENGLISH_FONT == fonts.BASE_FAMILY
    arabic = handout.html.split('<div dir="ltr" lang="en">', 1)[0]
    assert '<p style="line-height' not in arabic


def test_english_lines_are_spaced_alike_in_both_handouts(qapp, real_guide, tmp_path):
    """The English part of an Arabic handout has the line spacing of the English handout."""

    def spacing(locale: str) -> float:
        handout = build_handout(
            real_guide, ["device-care/charging"], locale, with_english=locale != "en", today=TODAY
        )
        doc = printing.document_for(handout, families(real_guide, locale), 11.0)
        doc.setTextWidth(500)
        block = doc.begin()
        while block.isValid() and not block.text().startswith("The ankle monitor needs"):
            block = block.next()
        assert block.layout().lineCount() > 1
        return block.layout().lineAt(1).y() - block.layout().lineAt(0).y()

    assert spacing("ar") == pytest.approx(spacing("en"), rel=0.05)


@pytest.mark.parametrize("locale", ["en", "es", "ar", "zh-Hans", "pa"])
def test_most_pages_print_on_one_or_two_sheets_and_none_on_four(qapp, real_guide, tmp_path, locale):
    page = letter(tmp_path)
    counts = []
    for page_id in content_pages(real_guide, locale):
        handout = build_handout(real_guide, [page_id], locale, with_english=False, today=TODAY)
        counts.append(printing.laid_out(handout, families(real_guide, locale), page).pageCount())
    assert len(counts) > 40
    assert max(counts) <= 3
    assert sum(1 for c in counts if c <= 2) >= 0.85 * len(counts)


@pytest.mark.parametrize("locale", ["zh-Hans", "ar"])
def test_a_handout_has_no_show_in_english_link_but_the_screen_does(qapp, real_guide, locale):
    """Paper has nothing to tap: the machine-translation notice prints without its link."""
    page = "device-care/charging"
    on_screen = real_guide.open_page(page, locale).html
    assert f"guide:/{page}?lang=en" in on_screen
    handout = build_handout(real_guide, [page], locale, with_english=False, today=TODAY)
    assert "?lang=en" not in handout.html
    assert "Translated by machine" not in handout.html  # (the notice is there, translated)
    tr = real_guide.translator(locale)
    assert html.escape(tr.gettext("Translated by machine: it may contain mistakes.")) in (
        handout.html
    )
