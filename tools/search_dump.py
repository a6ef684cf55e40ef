"""Dump every hit of ~200 fixed queries as JSON, to prove an index change keeps results identical.

Usage: ``python tools/search_dump.py CONTENT_ROOT OUT.json`` (the synthetic corpus or ``content``).
Compare two dumps with ``cmp``: any difference in pages, anchors, snippets, highlights or scores
(rounded to 6 places) is a changed result.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.search.index import SearchIndex

FIXED = [
    "grillete",
    "grillete electronico",
    "bateria",
    "batería",
    "BATERIA",
    "bater",
    "kiche",
    "K'iche'",
    "Kʼicheʼ",
    "tobillera",
    "abogado gratis",
    "ankle mon",
    "ankle monitor",
    "lawyer free",
    "check-in",
    "EOIR-33",
    "电池",
    "电",
    "电池没电了",
    "自助电脑",
    "在自助电脑上",
    "شحن",
    "البطارية",
    "مُحَامٍ",
    "батарея",
    "документы",
    "конфиденциальность",
    "ਬੈਟਰੀ",
    "ਸਕਦ",
    "avocat",
    "tornozeleira",
    "batri",
    "braslè",
    "Kòmanse",
    '"',
    '"battery',
    'battery"',
    "*",
    "batt*",
    "NEAR",
    "NEAR(battery charge)",
    "battery NEAR charge",
    "(",
    "(battery",
    "battery AND",
    "OR",
    "NOT battery",
    "title:battery",
    ":",
    "^battery",
    "a",
    "b",
    "",
    "   ",
    "'",
    "’",
    "ice",
    "atd",
    "https",
    "gps",
    "x",
    "ﬁle",
    "Ça coûte",
]
LOCALES = ("x07", "en", "es", "zh-Hans", "ar")


def queries(index: SearchIndex) -> list[str]:
    """The fixed queries plus frequent words, their prefixes, and pairs (deterministic)."""
    vocab = [
        str(r[0])
        for r in index._db.execute(
            "SELECT term FROM vocab WHERE length(term) > 3 ORDER BY doc DESC, term LIMIT 60"
        )
    ]
    out = list(FIXED)
    out += vocab[:40]
    out += [w[:n] for w in vocab[:20] for n in (2, 3, 4)]
    out += [f"{a} {b}" for a, b in zip(vocab[0:40:2], vocab[1:40:2], strict=True)]
    out += [f"{a} {b[:3]}" for a, b in zip(vocab[40:60:2], vocab[41:60:2], strict=True)]
    return list(dict.fromkeys(out))


def main() -> None:
    """Build the index, run every query in several reader languages, write the hits."""
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    start = time.perf_counter()
    index = SearchIndex(ContentLibrary(root))
    print(f"build {time.perf_counter() - start:.2f} s", file=sys.stderr)
    rows = hashlib.sha256()
    for row in index._db.execute("SELECT * FROM shown ORDER BY id"):
        rows.update(repr(row).encode())
    results: list[object] = [{"rows": rows.hexdigest()}]
    for query in queries(index):
        for locale in LOCALES:
            for prefix in (True, False):
                hits = index.search(query, locale, prefix=prefix)
                results.append(
                    {
                        "q": query,
                        "locale": locale,
                        "prefix": prefix,
                        "hits": [
                            [
                                h.locale,
                                h.page_id,
                                h.anchor,
                                h.page_title,
                                h.section_title,
                                h.snippet,
                                [list(m) for m in h.highlights],
                                round(h.score, 6),
                            ]
                            for h in hits
                        ],
                    }
                )
            if locale == LOCALES[0]:
                results.append({"q": query, "suggestions": index.suggestions(query)})
    out.write_text(json.dumps(results, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
