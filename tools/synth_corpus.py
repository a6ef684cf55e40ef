"""Generate a synthetic content tree for benchmarks: 50 locales x 200 pages of realistic markdown.

Usage: python tools/synth_corpus.py OUT_DIR [--locales 50] [--pages 200]
Pages reuse the structure of real pages (front matter, sections with ids, lists, boxes, links,
tables) with words drawn from the bundled content, so parsing, rendering and indexing costs are
like the real ones. The output is deterministic (fixed seed).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = [
    "start",
    "duties",
    "device",
    "legal",
    "privacy",
    "help",
    "court",
    "travel",
    "family",
    "work",
]


def vocabulary() -> list[str]:
    """Words of the bundled content, in every language."""
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md"))
    return re.findall(r"[^\W\d_]{3,}", text)[:200_000]


def page(
    shape: random.Random,
    words: random.Random,
    vocab: list[str],
    *,
    n: int,
    per_topic: int,
    translated: bool,
) -> str:
    """One page: ``shape`` fixes the structure (same in every locale), ``words`` the text."""

    def sentence() -> str:
        return " ".join(words.choice(vocab) for _ in range(words.randint(6, 14))).capitalize() + "."

    other = f"../{shape.choice(TOPICS)}/page-{shape.randrange(per_topic - 1):03d}.md"
    body = [sentence() + " " + sentence(), ""]
    for s in range(shape.randint(3, 6)):
        body += [f"## {sentence()[:40]} {{#s{s}}}", "", sentence() + " " + sentence(), ""]
        body += [f"{i}. {sentence()}" for i in range(1, shape.randint(3, 6))] + [""]
        if s == 1:
            body += ['!!! warning "Warning"', f"    {sentence()}", ""]
        if s == 2:
            body += ["| a | b |", "|---|---|", f"| {words.choice(vocab)} | 1-800-898-7180 |", ""]
        body += [f"See [more]({other}) and {sentence()}", ""]
    body += ["## Free legal help {#free-legal-help}", "", sentence(), ""]
    translation = "translation:\n  from: en\n  provenance: machine\n" if translated else ""
    front = (
        f"---\ntitle: {sentence()[:50]}\nsummary: {sentence()}\norder: {n}\n"
        f"keywords: [{', '.join(words.sample(vocab, 5))}]\n"
        "reviewed:\n  on: 2026-11-28\n  by: bench\n  level: editorial\n"
        f"sources:\n  - title: Example\n    url: https://example.org/\n{translation}---\n\n"
    )
    return front + "\n".join(body)


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--locales", type=int, default=50)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    vocab = vocabulary()
    if args.out.exists():
        shutil.rmtree(args.out)
    codes = ["en"] + [f"x{i:02d}" for i in range(1, args.locales)]
    registry = ["source: en", "locales:"] + [
        f"  - {{code: {c}, native: Lang {c}, english: Language {c}, direction: ltr}}" for c in codes
    ]
    args.out.mkdir(parents=True)
    (args.out / "locales.yaml").write_text("\n".join(registry) + "\n", encoding="utf-8")
    per_topic = args.pages // len(TOPICS)
    words = random.Random(1)
    for code in codes:
        for t, topic in enumerate(TOPICS):
            folder = args.out / code / topic
            folder.mkdir(parents=True)
            names = ["index", *(f"page-{n:03d}" for n in range(per_topic - 1))]
            for n, name in enumerate(names):
                shape = random.Random(f"{topic}/{name}")
                text = page(
                    shape,
                    words,
                    vocab,
                    n=t if name == "index" else n,
                    per_topic=per_topic,
                    translated=code != "en",
                )
                (folder / f"{name}.md").write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(codes)} locales x {per_topic * len(TOPICS)} pages")


if __name__ == "__main__":
    main()
