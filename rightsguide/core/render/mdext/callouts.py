"""Draw admonitions and tables in a way Qt's rich-text engine renders.

Qt's text browser ignores CSS borders on ``<div>``, so a call-out box becomes a one-row table: a
narrow coloured bar cell and a tinted content cell. Content tables get HTML border attributes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# kind -> (bar colour, background colour); each pair has at least 4.5:1 contrast with black text
COLOURS: dict[str, tuple[str, str]] = {
    "note": ("#1f4e79", "#eaf1f8"),
    "tip": ("#2e7d32", "#edf7ee"),
    "important": ("#b26a00", "#fff4e0"),
    "warning": ("#b3261e", "#fdecea"),
    "changed": ("#6a1b9a", "#f3e8f7"),
    "courts": ("#4a4a4a", "#f0f0f0"),  # a rule that is being decided in the courts
}


def _callout(div: ET.Element) -> None:
    classes = (div.get("class") or "").split()
    kind = next((c for c in classes if c in COLOURS), "note")
    bar, background = COLOURS[kind]
    children = list(div)
    div.clear()
    div.tag = "table"
    div.attrib.update(
        {
            "class": f"callout {kind}",
            "width": "100%",
            "cellspacing": "0",
            "cellpadding": "10",
            "bgcolor": background,
            "border": "0",
        }
    )
    row = ET.SubElement(div, "tr")
    ET.SubElement(row, "td", {"width": "6", "bgcolor": bar})
    cell = ET.SubElement(row, "td", {"class": "callout-body"})
    for child in children:
        if "admonition-title" in (child.get("class") or ""):
            child.set("class", "callout-title")
        cell.append(child)


class CalloutProcessor(Treeprocessor):
    """Rewrites ``div.admonition`` into tables and decorates content tables."""

    def run(self, root: ET.Element) -> None:
        """Process the element tree in place."""
        for el in list(root.iter()):
            if el.tag == "div" and "admonition" in (el.get("class") or "").split():
                _callout(el)
            elif el.tag == "table" and "callout" not in (el.get("class") or ""):
                el.attrib.update(
                    {"border": "1", "cellspacing": "0", "cellpadding": "8", "width": "100%"}
                )


class CalloutsExtension(Extension):
    """Registers :class:`CalloutProcessor`."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the processor."""
        md.treeprocessors.register(CalloutProcessor(md), "rg_callouts", 3)
