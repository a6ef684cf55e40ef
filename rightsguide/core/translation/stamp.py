"""``rightsguide stamp``: record that a translation is up to date with its source.

It writes ``translation.source_hashes`` into the translation's front matter and touches nothing
else: the body and every other front-matter line stay exactly as written. It refuses a file
whose section ids differ from the source's, or that has no ``translation:`` block.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rightsguide.core.content import frontmatter, sections
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.errors import ContentError, PageNotFound
from rightsguide.core.translation import consistency


@dataclass(frozen=True, slots=True)
class StampResult:
    """What stamping one file did."""

    path: Path
    changed: bool


def _locate(library: ContentLibrary, path: Path) -> tuple[str, str]:
    """(locale, page id) of a file inside the library's tree."""
    try:
        rel = path.resolve().relative_to(library.root.resolve())
    except ValueError:
        raise ContentError(
            path, 0, f"the file is not inside the content folder {library.root}"
        ) from None
    if len(rel.parts) != 3 or rel.suffix != ".md":  # noqa: PLR2004 - locale/topic/page.md
        raise ContentError(path, 0, "expected a page file like content/<locale>/<topic>/<page>.md")
    return rel.parts[0], f"{rel.parts[1]}/{rel.stem}"


def _rewrite(yaml_lines: list[str], hashes: dict[str, str], path: Path) -> list[str]:
    """Replace the ``source_hashes`` block inside the top-level ``translation:`` mapping."""
    start = next((i for i, line in enumerate(yaml_lines) if line.rstrip() == "translation:"), None)
    if start is None:
        raise ContentError(path, 2, "add a 'translation:' block with 'from' and 'provenance' first")
    end = start + 1
    while end < len(yaml_lines) and (
        yaml_lines[end].startswith((" ", "\t")) or not yaml_lines[end].strip()
    ):
        end += 1
    block = yaml_lines[start + 1 : end]
    kept: list[str] = []
    skipping = False
    indent = "  "
    for line in block:
        stripped = line.lstrip()
        depth = len(line) - len(stripped)
        if stripped.startswith("source_hashes:"):
            skipping, indent = True, line[:depth]
            continue
        if skipping and (depth > len(indent) or not stripped):
            continue
        skipping = False
        if stripped:
            indent = line[:depth]
        kept.append(line)
    new = [f"{indent}source_hashes:"] + [
        f"{indent}  {key}: {value}" for key, value in hashes.items()
    ]
    return yaml_lines[: start + 1] + kept + new + yaml_lines[end:]


def stamp_file(library: ContentLibrary, path: Path) -> StampResult:
    """Stamp one translation file; raise ContentError with a sentence for the translator."""
    locale, page_id = _locate(library, path)
    page = library.load_file(path, locale, page_id)
    if locale == library.registry.source:
        raise ContentError(
            path, 1, f"this is a source page ({locale}): only translations are stamped"
        )
    if page.meta.translation is None:
        raise ContentError(path, 2, "add a 'translation:' block with 'from' and 'provenance' first")
    source_locale = page.meta.translation.source_locale
    try:
        source = library.page(page_id, source_locale)
    except PageNotFound:
        raise ContentError(
            path, 1, f"there is no source page {source_locale}/{page_id}.md"
        ) from None
    src_ids = [k for k in sections.split_sections(source.body) if k != sections.LEAD]
    own_ids = [k for k in sections.split_sections(page.body) if k != sections.LEAD]
    order = sections.out_of_order(own_ids, src_ids)
    if sorted(src_ids) == sorted(own_ids) and order is not None:
        early, before = order
        raise ContentError(
            path,
            consistency.heading_lines(page).get(early, page.body_line),
            f"the sections are in another order than the source's: there, '{before}' comes "
            f"before '{early}'; put them in its order before stamping",
        )
    if src_ids != own_ids:
        raise ContentError(
            path,
            page.body_line,
            f"section ids differ from the source ({', '.join(src_ids)}); fix them before stamping",
        )
    hashes = sections.section_hashes(source.body, source.meta.title, source.meta.summary)
    if page.meta.translation.source_hashes == hashes:
        return StampResult(path, changed=False)
    raw = path.read_bytes()
    text = frontmatter.decode(raw, path)
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    new_yaml = _rewrite(lines[1:close], hashes, path)
    new_text = "\n".join([lines[0], *new_yaml, *lines[close:]])
    yaml_text, _body, _line = frontmatter.split(new_text, path)
    written = frontmatter.parse_meta(yaml_text, path)  # never write a file we cannot read back
    if written.translation is None or written.translation.source_hashes != hashes:
        raise ContentError(path, 2, "could not update 'source_hashes' here; check its indentation")
    # the file as its editor saved it: its line ends (Windows: CR LF) and a byte-order mark
    if b"\r\n" in raw:
        new_text = new_text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = new_text.encode("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + data if raw.startswith(b"\xef\xbb\xbf") else data)
    return StampResult(path, changed=True)


def with_hashes(text: str, hashes: dict[str, str], path: Path) -> str:
    """``text`` (a whole translation file) with ``source_hashes`` set to ``hashes``.

    Used by ``translate import`` to stamp some sections only; raise ContentError when the
    result would not read back.
    """
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    if hashes:
        new_yaml = _rewrite(lines[1:close], hashes, path)
    else:
        new_yaml = _rewrite(lines[1:close], {"x": "x"}, path)
        at = next(i for i, ln in enumerate(new_yaml) if ln.lstrip().startswith("source_hashes:"))
        new_yaml[at : at + 2] = [new_yaml[at].split(":")[0] + ": {}"]
    new_text = "\n".join([lines[0], *new_yaml, *lines[close:]])
    yaml_text, _body, _line = frontmatter.split(new_text, path)
    written = frontmatter.parse_meta(yaml_text, path)
    if written.translation is None or (written.translation.source_hashes or {}) != hashes:
        raise ContentError(path, 2, "could not update 'source_hashes' here; check its indentation")
    return new_text
