"""Format ``rightsguide status`` as text, JSON (schema in README) or a standalone HTML page."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from rightsguide.core.translation.status import LocaleStatus, PageState, PageStatus

SCHEMA_VERSION = 1


def _page_json(p: PageStatus) -> dict[str, Any]:
    return {
        "page": p.page_id,
        "state": p.state.value,
        "provenance": p.provenance,
        "shown_in": p.shown_in,
        "unstamped": p.unstamped,
        "stale_sections": list(p.stale_sections),
        "changes": [
            {
                "section": c.section,
                "known": c.known,
                "diff": c.diff,
                "changed_on": c.changed_on.isoformat() if c.changed_on else None,
            }
            for c in p.changes
        ],
        "problem": p.problem or None,
    }


def to_json(statuses: list[LocaleStatus], generated: dt.date) -> str:
    """The JSON report (documented in README, "status JSON")."""
    data = {
        "schema": SCHEMA_VERSION,
        "generated": generated.isoformat(),
        "locales": [
            {
                "code": s.code,
                "native_name": s.native_name,
                "english_name": s.english_name,
                "source": s.is_source,
                "percent": s.percent,
                "pages": {state.value: s.count(state) for state in PageState},
                "stale_sections": s.stale_section_count,
                "provenance": s.provenance(),
                "ui": {
                    "total": s.ui.total,
                    "translated": s.ui.translated,
                    "fuzzy": s.ui.fuzzy,
                    "missing": s.ui.missing,
                    "broken": s.ui.broken,
                    "error": s.ui.error or None,
                },
                "page_details": [_page_json(p) for p in s.pages],
            }
            for s in statuses
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _summary(s: LocaleStatus) -> str:
    prov = ", ".join(f"{n} {k}" for k, n in sorted(s.provenance().items())) or "-"
    ui = f"UI {s.ui.translated}/{s.ui.total}"
    if s.ui.fuzzy:
        ui += f" ({s.ui.fuzzy} fuzzy)"
    if s.ui.broken:
        ui += f" ({s.ui.broken} broken: shown in English)"
    if s.ui.error:
        ui = f"UI: {s.ui.error}"
    return (
        f"{s.code:8} {s.percent:3d}%  pages: {s.count(PageState.COMPLETE)} complete, "
        f"{s.count(PageState.STALE)} stale ({s.stale_section_count} sections), "
        f"{s.count(PageState.MISSING)} missing, {s.count(PageState.BROKEN)} broken; "
        f"made by: {prov}; {ui}"
    )


def _detail(p: PageStatus) -> list[str]:
    if p.state is PageState.MISSING:
        return [
            f"    missing  {p.page_id}" + (f" (readers see {p.shown_in})" if p.shown_in else "")
        ]
    if p.state is PageState.BROKEN:
        return [f"    broken   {p.page_id}: {p.problem}"]
    if p.unstamped:
        return [
            f"    stale    {p.page_id}: never stamped (run 'rightsguide stamp' when it is right)"
        ]
    lines = [f"    stale    {p.page_id}: {', '.join(p.stale_sections)}"]
    for change in p.changes:
        when = f" on {change.changed_on}" if change.changed_on else ""
        if not change.known:
            lines.append(f"      {change.section}: changed (no git history to show how)")
        elif not change.diff:
            lines.append(f"      {change.section}: only whitespace or order changed{when}")
        else:
            lines.append(f"      {change.section}: changed{when or ' (not committed yet)'}:")
            lines.extend(f"        {d}" for d in change.diff.splitlines()[2:])
    return lines


def to_text(statuses: list[LocaleStatus]) -> str:
    """A terminal report: one summary line per locale, then what needs work."""
    out = []
    for s in statuses:
        out.append(_summary(s))
        for p in s.pages:
            if p.state is not PageState.COMPLETE:
                out.extend(_detail(p))
    return "\n".join(out)


# The page names the fonts it wants and falls back to the browser's own: every script stays
# readable without them (the guide's fonts are in assets/fonts, see FONTS_NOTE).
FONTS = ("Noto Sans", "Noto Sans Arabic", "Noto Sans Gurmukhi", "Noto Sans CJK SC")
FONTS_NOTE = (
    "This page asks for the fonts Noto Sans, Noto Sans Arabic, Noto Sans Gurmukhi and Noto Sans "
    "CJK SC (bundled with the guide in assets/fonts); without them your browser uses its own "
    "fonts and the text stays readable."
)
_STACK = ", ".join(f"'{f}'" for f in FONTS) + ", system-ui, 'Segoe UI', Arial, sans-serif"
_CSS = (
    "body{font-family:" + _STACK + ";margin:2em auto;max-width:72em;padding:0 1em;color:#1a1a1a;"
    "line-height:1.45}h1{color:#1f4e79;margin-bottom:.2em}h2{color:#1f4e79;margin-top:1.6em;"
    "border-bottom:2px solid #c9d3df}"
    """
table{border-collapse:collapse;margin:.6em 0;width:100%}
td,th{border:1px solid #c9d3df;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eaf1f8}td.num{text-align:right;white-space:nowrap}
.bar{display:flex;height:1.1em;min-width:12em;border:1px solid #8795a1;background:#fff}
.bar span{display:block;height:100%}
.complete{background:#2e7d32}.stale{background:#f9a825}.missing{background:#c62828}
.broken{background:#6a1b9a}.machine{background:#90a4ae}.human{background:#1565c0}
.reviewed{background:#00897b}.fuzzy{background:#f9a825}.translated{background:#2e7d32}
.untranslated{background:#c62828}
.legend span{display:inline-block;width:.9em;height:.9em;margin:0 .25em 0 .8em;
vertical-align:-.1em;border:1px solid #555}
.block{border:1px solid #c9d3df;border-left:6px solid #f9a825;margin:1em 0;padding:.4em .9em}
.block.gone{border-left-color:#c62828}.block h3{margin:.3em 0;font-size:1.05em}
.langs{font-weight:bold}.hint{color:#444;font-size:.92em}
pre{background:#f6f6f6;padding:6px;margin:4px 0;white-space:pre-wrap;font-family:
'Noto Sans Mono','DejaVu Sans Mono',monospace;font-size:.9em}
.del{color:#b71c1c}.ins{color:#1b5e20}"""
)
_PROVENANCES = ("machine", "human", "reviewed")


def _bar(parts: list[tuple[str, int, str]]) -> str:
    """A stacked bar; each part is (css class, count, label). Counts also stand in the title."""
    total = sum(n for _c, n, _l in parts) or 1
    spans = "".join(
        f"<span class='{c}' style='width:{100 * n / total:.2f}%' title='{n} {html.escape(label)}'>"
        "</span>"
        for c, n, label in parts
        if n
    )
    return f"<div class='bar' role='img' aria-label='{_counts(parts)}'>{spans}</div>"


def _counts(parts: list[tuple[str, int, str]]) -> str:
    return ", ".join(f"{n} {label}" for _c, n, label in parts)


def _legend(groups: list[list[tuple[str, str]]]) -> str:
    return (
        "<p class='legend'>"
        + " | ".join(
            "".join(f"<span class='{c}'></span>{html.escape(label)}" for c, label in group)
            for group in groups
        )
        + "</p>"
    )


def _language_rows(statuses: list[LocaleStatus]) -> str:
    e = html.escape
    rows = []
    for s in statuses:
        if s.is_source:
            continue
        pages = [
            ("complete", s.count(PageState.COMPLETE), "complete"),
            ("stale", s.count(PageState.STALE), "stale"),
            ("missing", s.count(PageState.MISSING), "missing"),
            ("broken", s.count(PageState.BROKEN), "broken"),
        ]
        pages = [part for part in pages if part[1] or part[0] == "complete"]
        made = s.provenance()
        how = [(k, made.get(k, 0), k) for k in _PROVENANCES]
        ui = s.ui
        ui_parts = [
            ("translated", ui.translated, "translated"),
            ("fuzzy", ui.fuzzy, "fuzzy"),
            ("broken", ui.broken, "broken"),
            ("untranslated", ui.missing, "untranslated"),
        ]
        ui_cell = (
            e(ui.error)
            if ui.error
            else _bar(ui_parts) + f"<div class='hint'>{_counts(ui_parts)}</div>"
        )
        rows.append(
            f"<tr><td><b lang='{e(s.code)}'>{e(s.native_name)}</b><br>"
            f"<span class='hint'>{e(s.english_name)} ({e(s.code)})</span></td>"
            f"<td>{_bar(pages)}<div class='hint'>{_counts(pages)} ({len(s.pages)} pages)"
            f"{f'; {s.stale_section_count} stale sections' if s.stale_section_count else ''}"
            "</div></td>"
            f"<td>{_bar(how)}<div class='hint'>{_counts(how)}</div></td>"
            f"<td>{ui_cell}</td></tr>"
        )
    return "".join(rows)


def _diff_html(diff: str) -> str:
    out = []
    for line in diff.splitlines()[2:]:
        if line.startswith("@@"):
            continue
        cls = "del" if line.startswith("-") else "ins" if line.startswith("+") else ""
        out.append(f"<span class='{cls}'>{html.escape(line)}</span>" if cls else html.escape(line))
    return "<pre>" + "\n".join(out) + "</pre>"


def _block_body(diff: str) -> str:
    if diff == "unstamped":
        return (
            "<p class='hint'>Nobody has confirmed these translations match the English. "
            "Check them, then run <code>rightsguide stamp</code> (or import them).</p>"
        )
    if diff == "unknown":
        return "<p class='hint'>The English changed; the history does not show how.</p>"
    if diff == "ws":
        return "<p class='hint'>Only whitespace or order changed.</p>"
    return _diff_html(diff)


def _change_blocks(statuses: list[LocaleStatus], names: dict[str, str]) -> list[str]:
    """One block per English change (page, section, diff) with every language it made stale."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    when: dict[tuple[str, str, str], str] = {}
    for s in statuses:
        for p in s.pages:
            if p.state is not PageState.STALE:
                continue
            if p.unstamped:
                groups.setdefault((p.page_id, "", "unstamped"), []).append(s.code)
                continue
            known = {c.section: c for c in p.changes}
            for section in p.stale_sections:
                change = known.get(section)
                diff = change.diff if change is not None and change.known else ""
                key = (
                    p.page_id,
                    section,
                    diff or ("unknown" if change is None or not change.known else "ws"),
                )
                groups.setdefault(key, []).append(s.code)
                if change is not None and change.changed_on:
                    when[key] = change.changed_on.isoformat()
    e = html.escape
    blocks = []
    for key, codes in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        page_id, section, diff = key
        langs = ", ".join(f"{names.get(c, c)} ({c})" for c in codes)
        head = (
            f"{e(page_id)}: never stamped"
            if diff == "unstamped"
            else (f"{e(page_id)} § {e(section)}")
        )
        if key in when:
            head += f" <span class='hint'>changed on {e(when[key])}</span>"
        body = _block_body(diff)
        blocks.append(
            f"<div class='block'><h3>{head}</h3><p>Stale in {len(codes)} "
            f"{'language' if len(codes) == 1 else 'languages'}: <span class='langs'>{e(langs)}"
            f"</span></p>{body}</div>"
        )
    return blocks


def _missing_blocks(statuses: list[LocaleStatus], names: dict[str, str]) -> list[str]:
    e = html.escape
    groups: dict[str, list[str]] = {}
    problems: list[str] = []
    for s in statuses:
        for p in s.pages:
            if p.state is PageState.MISSING:
                groups.setdefault(p.page_id, []).append(s.code)
            elif p.state is PageState.BROKEN:
                problems.append(
                    f"<div class='block gone'><h3>{e(p.page_id)} ({e(s.code)}) does not load"
                    f"</h3><p class='hint'>{e(p.problem)}</p></div>"
                )
    blocks = [
        f"<div class='block gone'><h3>{e(page_id)}: not translated</h3><p>Missing in "
        f"<span class='langs'>{e(', '.join(f'{names.get(c, c)} ({c})' for c in codes))}"
        "</span>; readers see the page in the fallback language.</p></div>"
        for page_id, codes in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    return blocks + problems


def to_html(statuses: list[LocaleStatus], generated: dt.date) -> str:
    """One self-contained HTML page (no scripts, no outside resources) a coordinator acts on."""
    names = {s.code: s.english_name for s in statuses}
    changes = _change_blocks(statuses, names)
    missing = _missing_blocks(statuses, names)
    source = next((s for s in statuses if s.is_source), None)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'>"
        f"<title>rightsguide translation status</title><style>{_CSS}</style></head><body>",
        f"<h1>Translation status</h1><p class='hint'>Generated {generated.isoformat()}"
        f"{f' for {len(source.pages)} English pages' if source else ''}. {FONTS_NOTE}</p>",
        "<h2>Languages</h2>",
        _legend(
            [
                [
                    ("complete", "complete"),
                    ("stale", "stale"),
                    ("missing", "missing"),
                    ("broken", "broken"),
                ],
                [("machine", "machine"), ("human", "human"), ("reviewed", "reviewed")],
                [
                    ("translated", "translated (UI)"),
                    ("fuzzy", "fuzzy (UI)"),
                    ("untranslated", "untranslated (UI)"),
                ],
            ]
        ),
        "<table><tr><th>language</th><th>pages: up to date with the English?</th>"
        "<th>pages: made by</th><th>UI strings (buttons, notices)</th></tr>"
        f"{_language_rows(statuses)}</table>",
        "<p class='hint'>A page is <b>complete</b> when its translation was stamped after the "
        "last English change; that says nothing about quality: look at <b>made by</b>. "
        "Machine translations need a human translator and then a reviewer.</p>",
        f"<h2>What changed in English ({len(changes)})</h2>",
        *(changes or ["<p>No translation is behind the English.</p>"]),
        "<p class='hint'>Each block is one English change, with every language it made stale. "
        "Export the language with <code>rightsguide translate export --locale CODE --out DIR"
        "</code>: the changed units arrive fuzzy, with the earlier English.</p>",
        f"<h2>Not translated or broken ({len(missing)})</h2>",
        *(missing or ["<p>Every page exists in every language.</p>"]),
        "</body></html>",
    ]
    return "\n".join(parts)
