"""Compose the document the reader shows: title, summary, notices, body and footer.

This is pure Python so that the GUI and ``rightsguide render`` produce the same HTML. Sentences
come from the UI catalog of the reader's language (a :class:`~rightsguide.core.i18n.Translator`);
the page body is in the page's own language. The root element carries ``dir`` and ``lang`` of the
page's language; notices in the reader's language carry their own ``dir`` per block, because Qt
lets a ``dir`` on a wrapper leak into the following block.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rightsguide.core import i18n
from rightsguide.core.content import sections
from rightsguide.core.content.library import Resolved
from rightsguide.core.content.locales import LocaleRegistry
from rightsguide.core.errors import ContentError
from rightsguide.core.i18n import Translator
from rightsguide.core.model import Provenance, RenderedBody, ReviewLevel
from rightsguide.core.render.mdext.callouts import COLOURS
from rightsguide.core.translation.consistency import BIDI_CONTROLS

if TYPE_CHECKING:
    from rightsguide.core.content.clinic import Clinic  # loaded with --clinic only

HELP_PAGE = "get-help/free-legal-help"
FSI, PDI = "\u2068", "\u2069"  # isolate interpolated names from the surrounding direction


def isolate(text: str) -> str:
    """Wrap ``text`` in first-strong isolates so it cannot reorder the sentence around it."""
    return f"{FSI}{text}{PDI}"


@dataclass(frozen=True, slots=True)
class Staleness:
    """How a translation compares with its source page today.

    Attributes:
        source_locale: the locale the page was translated from.
        unstamped: the translation was never stamped, so nobody knows what changed.
        sections: stale section id -> the source section's current HTML (shown beside it).
        meta: the source title or summary changed.
        changed_on: stale section id -> the date its source changed, when git history knows.
        missing: section id new in the source -> (the id of the translated section it goes
            before, or None for the end; the whole source section's HTML, heading included).
            ``sections`` may also hold ``_lead``: the source's changed opening text.
    """

    source_locale: str
    unstamped: bool
    sections: dict[str, str]
    meta: bool
    changed_on: dict[str, dt.date] = field(default_factory=dict)
    missing: dict[str, tuple[str | None, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Notices:
    """Which notices a page needs; the sentences are made in :func:`compose`."""

    fallback_from: str | None  # requested locale when the page is shown in another
    machine: bool
    review_due: dt.date | None


def outdated_sentence(tr: Translator, published: dt.date) -> str:
    """The plain-text warning for content published too long ago (rules may have changed)."""
    return tr.gettext(
        "This guide's information was published on {date}. It may be out of date: "
        "rules change often. Check with a free legal help organization."
    ).format(date=i18n.format_date(published, tr.code))


def notices_for(resolved: Resolved, today: dt.date) -> Notices:
    """Decide the notices for a resolved page."""
    meta = resolved.page.meta
    machine = meta.translation is not None and meta.translation.provenance is Provenance.MACHINE
    due = meta.valid_until if meta.valid_until is not None and meta.valid_until < today else None
    return Notices(resolved.requested_locale if resolved.is_fallback else None, machine, due)


_ROW = re.compile(r"<tr>((?:(?!<tr>|</tr>|<table).)*)</tr>", re.DOTALL)
_CELL = re.compile(r"<t([dh])\b[^>]*>.*?</t\1>", re.DOTALL)
_TABLE_NO_DIR = re.compile(r"<table(?![^>]*\bdir=)")


def right_to_left_tables(body_html: str) -> str:
    """Mirror table rows for a right-to-left page and give every table ``dir="rtl"``.

    Qt lays table columns out left to right whatever the direction, so a call-out's bar and a
    table's first column would sit on the left of Arabic text. Rows holding another table are
    left as they are.
    """

    def mirror(match: re.Match[str]) -> str:
        cells = [m.group(0) for m in _CELL.finditer(match.group(1))]
        if _CELL.sub("", match.group(1)).strip():
            return match.group(0)  # something between the cells: leave the row alone
        return "<tr>" + "".join(reversed(cells)) + "</tr>"

    return _TABLE_NO_DIR.sub('<table dir="rtl"', _ROW.sub(mirror, body_html))


def _split_after(text: str, pattern: re.Pattern[str]) -> tuple[str, bool, str]:
    """Split ``text`` right after the first match of ``pattern``."""
    match = pattern.search(text)
    if match is None:
        return text, False, ""
    return text[: match.end()], True, text[match.end() :]


class DocumentComposer:
    """Builds full HTML documents in one reader language."""

    def __init__(
        self, registry: LocaleRegistry, tr: Translator, css: dict[str, str], help_exists: bool
    ) -> None:
        """``tr`` is the reader's UI catalog; ``help_exists`` says if the help page exists."""
        self._registry = registry
        self._tr = tr
        self._css = css
        self._help = help_exists
        ui = registry.get(tr.code) if tr.code in registry else None
        self._ui_dir = ui.direction.value if ui is not None else "ltr"

    def box(self, kind: str, sentences: list[str], action: str = "") -> str:
        """A coloured notice of ``kind`` (note, warning...) holding escaped HTML sentences.

        ``action``: an HTML link that ends the first line (e.g. "Show in English"). The bar
        is on the side where the reader's lines start (Qt does not mirror table columns).
        """
        bar, background = COLOURS[kind]
        texts = [*sentences]
        if action and texts:
            texts[0] = f"{texts[0]} {action}"
        paras = "".join(
            f'<p class="notice" dir="{self._ui_dir}" lang="{self._tr.code}">{s}</p>' for s in texts
        )
        cells = [f'<td width="6" bgcolor="{bar}"></td>', f"<td>{paras}</td>"]
        if self._ui_dir == "rtl":
            cells.reverse()
        return (
            f'<table class="notice {kind}" dir="{self._ui_dir}" width="100%" cellspacing="0" '
            f'cellpadding="6" bgcolor="{background}" border="0"><tr>{"".join(cells)}</tr></table>'
        )

    def _english_link(self, page_id: str, shown_in: str) -> str:
        """The "Show in English" link: the page in the source language ("" when shown in it)."""
        source = self._registry.source
        if shown_in == source:
            return ""
        label = self._t("Show in {language}").format(language=self._name(source))
        return f'<a href="guide:/{html.escape(page_id)}?lang={html.escape(source)}">{label}</a>'

    def outdated_notice(self, published: dt.date) -> str:
        """The warning for content published too long ago, as a notice box."""
        return self.box(
            "warning", [html.escape(outdated_sentence(self._tr, published), quote=False)]
        )

    def _t(self, message: str) -> str:
        """Translate, then escape, ready for ``str.format`` with escaped values."""
        return html.escape(self._tr.gettext(message), quote=False)

    def _name(self, code: str) -> str:
        return html.escape(isolate(self._registry.get(code).native_name))

    def _notices(self, resolved: Resolved, notices: Notices, *, screen: bool = True) -> str:
        meta = resolved.page.meta
        parts = []
        if notices.fallback_from is not None:
            parts.append(
                self.box(
                    "important",
                    [
                        self._t(
                            "This page is not yet available in {language}. "
                            "It is shown in {fallback}."
                        ).format(
                            language=self._name(notices.fallback_from),
                            fallback=self._name(resolved.page.locale),
                        )
                    ],
                    self._english_link(resolved.page.page_id, resolved.page.locale)
                    if screen
                    else "",
                )
            )
        if notices.machine:
            parts.append(
                self.box(
                    "note",
                    [self._t("Translated by machine: it may contain mistakes.")],
                    self._english_link(resolved.page.page_id, resolved.page.locale)
                    if screen
                    else "",
                )
            )
        if notices.review_due is not None:
            parts.append(
                self.box(
                    "warning",
                    [
                        self._t(
                            "This page was due for a new review on {date}. Rules may have changed: "
                            "check with a legal aid organization."
                        ).format(
                            date=html.escape(i18n.format_date(notices.review_due, self._tr.code))
                        )
                    ],
                )
            )
        date = html.escape(i18n.format_date(meta.reviewed.on, self._tr.code))
        if meta.reviewed.level is ReviewLevel.LEGAL:
            review = self._t("Reviewed by a lawyer on {date}.").format(date=date)
        else:
            review = self._t(
                "Last reviewed on {date} by the editors. A lawyer has not reviewed it yet."
            ).format(date=date)
        parts.append(f'<p class="review" dir="{self._ui_dir}" lang="{self._tr.code}">{review}</p>')
        return "".join(parts)

    def _footer(self) -> str:
        _ = self._tr.gettext
        text = _("This is general information, not legal advice. Every case is different.")
        if self._help:
            label = html.escape(_("Find free legal help"))
            link = f'<a href="guide:/{HELP_PAGE}">{label}</a>'
            text = f"{html.escape(text)} {link}"
        else:
            text = html.escape(text)
        return "<hr/>" + self.box("note", [text])

    def _wrap(self, lang: str, direction: str, title: str, inner: str) -> str:
        return (
            f'<!DOCTYPE html><html dir="{direction}" lang="{lang}"><head><meta charset="utf-8"/>'
            f"<title>{html.escape(title)}</title>"
            f"<style>{self._css['']}{self._css.get(lang, '')}</style></head>"
            f"<body>{inner}</body></html>"
        )

    def _stale_notices(self, stale: Staleness) -> str:
        language = self._name(stale.source_locale)
        if stale.unstamped:
            return self.box(
                "note",
                [
                    self._t(
                        "This translation has not yet been checked against the {language} "
                        "page it was made from."
                    ).format(language=language)
                ],
            )
        if stale.meta or stale.sections or stale.missing:
            return self.box(
                "important",
                [
                    self._t(
                        "The {language} text of parts of this page changed after this "
                        "translation was made. Those parts show the {language} text too."
                    ).format(language=language)
                ],
            )
        return ""

    def _source_box(self, stale: Staleness, source_html: str) -> str:
        source = self._registry.get(stale.source_locale)
        return (
            f'<table class="source" width="100%" cellspacing="0" cellpadding="8" '
            f'bgcolor="#f4f4f4" border="0"><tr><td dir="{source.direction.value}" '
            f'lang="{source.code}">{source_html}</td></tr></table>'
        )

    def _new_sections(self, body_html: str, stale: Staleness) -> str:
        """Sections the source gained since the translation: shown in the source language."""
        language = self._name(stale.source_locale)
        for before, source_html in stale.missing.values():
            sentence = self._t(
                "This section is new in the {language} text and is not translated yet. "
                "Here is the {language} text:"
            ).format(language=language)
            block = self.box("changed", [sentence]) + self._source_box(stale, source_html)
            match = None
            if before is not None:
                match = re.search(rf'<h2 id="{re.escape(before)}">', body_html)
            if match is None:
                body_html += block
            else:
                body_html = body_html[: match.start()] + block + body_html[match.start() :]
        return body_html

    def _stale_body(self, body_html: str, stale: Staleness) -> str:
        language = self._name(stale.source_locale)
        body_html = self._new_sections(body_html, stale)
        for anchor, source_html in stale.sections.items():
            when = stale.changed_on.get(anchor)
            if when is not None:
                sentence = self._t(
                    "The {language} text of this section changed on {date}. "
                    "Here is the current {language} text:"
                ).format(language=language, date=html.escape(i18n.format_date(when, self._tr.code)))
            else:
                sentence = self._t(
                    "The {language} text of this section changed after this translation "
                    "was made. Here is the current {language} text:"
                ).format(language=language)
            marker = self.box("changed", [sentence])
            original = self._source_box(stale, source_html)
            if anchor == sections.LEAD:  # the opening text: at the top of the body
                body_html = marker + original + body_html
                continue
            pattern = re.compile(rf'(<h2 id="{re.escape(anchor)}">.*?</h2>)', re.DOTALL)
            head, found, tail = _split_after(body_html, pattern)
            if found:
                body_html = head + marker + original + tail
        return body_html

    def compose(
        self,
        resolved: Resolved,
        body: RenderedBody,
        today: dt.date,
        stale: Staleness | None = None,
        outdated: dt.date | None = None,
        *,
        screen: bool = True,
    ) -> str:
        """The reader's full HTML for a page.

        ``stale``: how it compares with its source; ``outdated``: the content's publication
        date when it is too old (a warning on every page). ``screen``: False for paper (a
        handout), which has no "Show in English" link to tap.
        """
        page = resolved.page
        loc = self._registry.get(page.locale)
        title, summary = (BIDI_CONTROLS.sub("", t) for t in (page.meta.title, page.meta.summary))
        head = f'<h1>{html.escape(title)}</h1><p class="summary">{html.escape(summary)}</p>'
        notices = self._notices(resolved, notices_for(resolved, today), screen=screen)
        if outdated is not None:
            notices = self.outdated_notice(outdated) + notices
        body_html = body.html
        if loc.direction.value == "rtl":
            body_html = right_to_left_tables(body_html)
        if stale is not None:
            notices += self._stale_notices(stale)
            body_html = self._stale_body(body_html, stale)
        inner = head + notices + body_html + self._footer()
        return self._wrap(page.locale, loc.direction.value, page.meta.title, inner)

    def compose_clinic(self, clinic: Clinic) -> str:
        """The "Get help here" page: the clinic's details, labelled in the reader's language."""
        _ = self._tr.gettext
        e = html.escape

        def big(value: str) -> str:  # read from a step away: the phone number and the address
            return f'<span class="big">{value}</span>'

        rows = [
            (_("Address"), big(e(clinic.address)) if clinic.address else ""),
            (_("Phone"), big(e(isolate(clinic.phone))) if clinic.phone else ""),
            (_("Email"), e(isolate(clinic.email)) if clinic.email else ""),
            (_("Opening hours"), e(clinic.hours)),
            (_("Languages spoken"), e(", ".join(clinic.languages))),
            (
                _("Website"),
                f'<a class="external" href="{e(clinic.website)}">{e(isolate(clinic.website))}</a>'
                if clinic.website
                else "",
            ),
        ]
        paragraphs = "".join(f"<p>{e(part)}</p>" for part in clinic.description.split("\n") if part)
        notes = f"<p>{e(clinic.notes)}</p>" if clinic.notes else ""
        return self.compose_info(
            _("Get help here"), rows, before=f"<h2>{e(clinic.name)}</h2>{paragraphs}", after=notes
        )

    def compose_info(
        self, title: str, rows: list[tuple[str, str]], *, before: str = "", after: str = ""
    ) -> str:
        """A page of labelled facts in the reader's language (the clinic's page, About).

        ``rows``: (plain label, HTML value); empty values are left out. ``before`` and
        ``after``: HTML around the table.
        """
        e = html.escape
        table = "".join(
            f'<tr><th width="30%">{e(label)}</th><td>{value}</td></tr>'
            for label, value in rows
            if value
        )
        table = f'<table border="1" cellspacing="0" cellpadding="8" width="100%">{table}</table>'
        if self._ui_dir == "rtl":
            table = right_to_left_tables(table)
        inner = f"<h1>{e(title)}</h1>{before}{table}{after}{self._footer()}"
        return self._wrap(self._tr.code, self._ui_dir, title, inner)

    def compose_error(self, error: ContentError, show_details: bool) -> str:
        """A calm page for a page that cannot be shown."""
        _ = self._tr.gettext
        title = _("This page cannot be shown right now")
        sentences = [
            html.escape(_("Something is wrong with this page's file. All other pages still work."))
        ]
        if show_details:
            sentences.append(html.escape(f"{error.path.name}:{error.line}: {error.message}"))
        inner = f"<h1>{html.escape(title)}</h1>" + self.box("warning", sentences) + self._footer()
        return self._wrap(self._tr.code, self._ui_dir, title, inner)
