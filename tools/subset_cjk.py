"""Build ``assets/fonts/NotoSansCJKsc-Subset.otf``: Noto Sans CJK SC cut down to what we need.

Noto Sans CJK is 19.5 MB. We keep the 3,755 most common Simplified Chinese characters (GB2312
level 1), ASCII and CJK punctuation, plus every character used by ``content/zh-Hans`` and the
``zh_Hans`` UI catalog, so translators' edits keep rendering.

Usage (needs fontTools and Debian's fonts-noto-cjk unpacked, see the Makefile target ``fonts``):
    python tools/subset_cjk.py NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts" / "NotoSansCJKsc-Subset.otf"
SC_INDEX = 2  # "Noto Sans CJK SC" inside the collection


def gb2312_level1() -> set[str]:
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def used_chars() -> set[str]:
    chars: set[str] = set()
    for folder in (ROOT / "content" / "zh-Hans", ROOT / "locales" / "zh_Hans"):
        for path in folder.rglob("*"):
            if path.suffix in (".md", ".po", ".yaml"):
                chars.update(path.read_text(encoding="utf-8"))
    return chars


def main(ttc: str) -> None:
    font = TTCollection(ttc).fonts[SC_INDEX]
    text = gb2312_level1() | used_chars() | {chr(c) for c in range(0x20, 0x7F)}
    text |= {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF00, 0xFFF0)}
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(text="".join(sorted(text)))
    sub.subset(font)
    font.save(OUT)
    print(f"{OUT}: {OUT.stat().st_size // 1024} KiB, {len(text)} characters")


if __name__ == "__main__":
    main(sys.argv[1])
