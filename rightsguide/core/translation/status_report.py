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


_CSS = """body{font-family:sans-serif;margin:2em;color:#1a1a1a}h1{color:#1f4e79}
table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #c9d3df;padding:4px 8px;text-align:left}th{background:#eaf1f8}
.missing{background:#fdecea}.stale{background:#fff4e0}.broken{background:#f3e8f7}
pre{background:#f4f4f4;padding:6px;margin:4px 0;white-space:pre-wrap}"""


def to_html(statuses: list[LocaleStatus], generated: dt.date) -> str:
    """One self-contained HTML page (no scripts, no outside resources)."""
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(s.code)}</td><td>{e(s.native_name)}</td><td>{s.percent}%</td>"
        f"<td>{s.count(PageState.COMPLETE)}</td><td>{s.count(PageState.STALE)}</td>"
        f"<td>{s.count(PageState.MISSING)}</td><td>{s.count(PageState.BROKEN)}</td>"
        f"<td>{s.ui.translated}/{s.ui.total}</td></tr>"
        for s in statuses
    )
    parts = [
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>rightsguide "
        f"translation status</title><style>{_CSS}</style></head><body>",
        f"<h1>Translation status</h1><p>Generated {generated.isoformat()}. Most urgent first: "
        "missing and stale pages of the topics people open first.</p>",
        "<table><tr><th>code</th><th>language</th><th>overall</th><th>complete</th>"
        f"<th>stale</th><th>missing</th><th>broken</th><th>UI strings</th></tr>{rows}</table>",
    ]
    for s in statuses:
        todo = [p for p in s.pages if p.state is not PageState.COMPLETE]
        if not todo:
            continue
        parts.append(
            f"<h2>{e(s.native_name)} ({e(s.code)})</h2><table><tr><th>page</th>"
            "<th>state</th><th>what changed</th></tr>"
        )
        for p in todo:
            detail = "".join(f"<pre>{e(line.strip())}</pre>" for line in _detail(p)[1:])
            note = e(p.problem or (f"readers see {p.shown_in}" if p.shown_in else ""))
            if p.unstamped:
                note = "never stamped"
            parts.append(
                f"<tr class='{p.state.value}'><td>{e(p.page_id)}</td>"
                f"<td>{p.state.value}</td><td>{note}{detail}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
