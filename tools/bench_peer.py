"""Part of `make bench`: rightsguide's search side by side with Kiwix's engine (libzim + Xapian).

    python tools/bench_peer.py SYNTHETIC_DIR OUT_DIR      (prints one JSON line)

The same content goes into both engines: every page is rendered to HTML by our renderer and
written into ZIM files with python-libzim (full-text indexing on: Xapian), one ZIM per language
for the bundled content and one for the synthetic corpus, as Kiwix would serve them. Then, in
one run and on the same queries:

- in-process search time, p50 and p95: ours returns what the window needs (25 hits grouped by
  page with the best section, and the snippets and highlights of the 10 it lists first: the
  others are made when "Show more results" lists them); libzim returns its top 25 results and
  the title of each (what kiwix-desktop lists);
- index size on disk: our cached index file against the ZIM files (which hold the pages too);
- index build time, synthetic corpus: ours from the markdown files, libzim from HTML we hand it
  ready-made (so its figure leaves out rendering);
- a new process per query: ``rightsguide search`` against ``kiwix-search`` (Debian's
  kiwix-tools) when it is installed, else null;
- relevance: for each query of a mixed set, is the page a reader wants in the top 3?
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from libzim.reader import Archive  # type: ignore[import-untyped]
from libzim.search import Query, Searcher  # type: ignore[import-untyped]
from libzim.writer import Creator, Hint, Item, StringProvider  # type: ignore[import-untyped]

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.errors import ContentError
from rightsguide.core.render.renderer import Renderer
from rightsguide.core.resources import data_dirs
from rightsguide.core.search.index import SHOWN, SearchHit, SearchIndex

ROOT = Path(__file__).resolve().parent.parent

# Typing queries in the style of tools/bench_inproc.py's (a subset plus two more): each is
# searched as typed, prefix by prefix.
TYPED = [
    ("grillete", "es"),
    ("bateria", "es"),
    ("电池", "zh-Hans"),
    ("ankle mon", "en"),
    ("abogado gratis", "es"),
    ("شحن", "ar"),
    ("charging", "en"),
    ("check-in", "en"),
    ("tornozeleira", "pt-BR"),
    ("батарея", "ru"),
    ("avocat", "fr"),
    ("lawyer free", "en"),
]

# (query, reader's language, the page a reader wants). English, Spanish with and without
# accents, Arabic with and without harakat, Chinese, prefixes as typed, synonyms.
RELEVANCE = [
    ("charge ankle monitor", "en", "device-care/charging"),
    ("battery dead", "en", "device-care/device-emergency"),
    ("missed check-in", "en", "obligations/missed-check-in-or-hearing"),
    ("free lawyer", "en", "get-help/free-legal-help"),
    ("detained", "en", "legal-options/if-detained"),
    ("change of address court", "en", "obligations/moving-or-new-phone"),
    ("smartlink", "en", "device-care/smartlink-app"),
    ("records FOIA", "en", "legal-options/your-records"),
    ("work permit", "en", "legal-options/work-permits"),
    ("charg", "en", "device-care/charging"),
    ("interpre", "en", "obligations/court-interpreter"),
    ("shackle", "en", "device-care/charging"),
    ("batería", "es", "device-care/charging"),
    ("bateria", "es", "device-care/charging"),
    ("abogado gratis", "es", "get-help/free-legal-help"),
    ("detenido", "es", "legal-options/if-detained"),
    ("grillete", "es", "device-care/charging"),
    ("audiencia", "es", "obligations/immigration-court"),
    ("شحن الجهاز", "ar", "device-care/charging"),
    ("مُحامٍ", "ar", "get-help/free-legal-help"),
    ("محام", "ar", "get-help/free-legal-help"),
    ("احتجاز", "ar", "legal-options/if-detained"),
    ("充电", "zh-Hans", "device-care/charging"),
    ("律师", "zh-Hans", "get-help/free-legal-help"),
    ("拘留", "zh-Hans", "legal-options/if-detained"),
    ("tornozeleira", "pt-BR", "device-care/charging"),
    ("avocat gratuit", "fr", "get-help/free-legal-help"),
    ("зарядка", "ru", "device-care/charging"),
    ("batri", "ht", "device-care/charging"),
    ("ਵਕੀਲ", "pa", "get-help/free-legal-help"),
]


class _Page(Item):  # type: ignore[misc]
    def __init__(self, path: str, title: str, html: str) -> None:
        super().__init__()
        self._path, self._title, self._html = path, title, html

    def get_path(self) -> str:
        return self._path

    def get_title(self) -> str:
        return self._title

    def get_mimetype(self) -> str:
        return "text/html"

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self._html)

    def get_hints(self) -> dict[Hint, int]:
        return {Hint.FRONT_ARTICLE: True}


def _pages(root: Path, locale: str) -> list[tuple[str, str, str]]:
    """(page id, title, HTML) of every page of ``locale``, rendered as the reader does."""
    library = ContentLibrary(root)
    renderer = Renderer(library, ROOT / "assets")
    out = []
    for page_id in library.page_ids(locale):
        try:
            page = library.page(page_id, locale)
        except ContentError:
            continue
        body = renderer.render(page, locale).html
        html = f"<html><head><title>{page.meta.title}</title></head><body>"
        html += f"<h1>{page.meta.title}</h1><p>{page.meta.summary}</p>{body}</body></html>"
        out.append((page_id, page.meta.title, html))
    return out


def build_zim(target: Path, pages: list[tuple[str, str, str]], language: str) -> float:
    """Write one ZIM with full-text indexing; seconds spent in libzim."""
    start = time.perf_counter()
    with Creator(str(target)).config_indexing(True, language) as creator:
        creator.set_mainpath(pages[0][0])
        for page_id, title, html in pages:
            creator.add_item(_Page(page_id, title, html))
        for name, value in (("Title", "bench"), ("Language", language), ("Creator", "bench")):
            creator.add_metadata(name, value)
    return time.perf_counter() - start


def zim_search(archive: Archive, query: str) -> list[tuple[str, str]]:
    """The top 25 results with their titles (what Kiwix lists for a query)."""
    search = Searcher(archive).search(Query().set_query(query))
    paths = list(search.getResults(0, 25))
    return [(p, archive.get_entry_by_path(p).title) for p in paths]


def window_search(index: SearchIndex) -> object:
    """What the window needs of a search: every hit, and the snippets of those it lists first."""

    def search(query: str, locale: str) -> list[SearchHit]:
        hits = index.search(query, locale)
        for hit in hits[:SHOWN]:
            _ = hit.snippet  # made when read (SearchHit)
        return hits

    return search


def p50_p95(values: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank), in ms rounded to 3 places."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(statistics.median(ordered), 3), round(p95, 3)


def timed(fn: object, queries: list[tuple[str, str]], repeat: int) -> list[float]:
    """Milliseconds of each call of ``fn(query, locale)``."""
    assert callable(fn)
    times = []
    for _ in range(repeat):
        for query, locale in queries:
            start = time.perf_counter()
            fn(query, locale)
            times.append((time.perf_counter() - start) * 1000)
    return times


def _as_typed(queries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(q[:n], loc) for q, loc in queries for n in range(2, len(q) + 1)]


def real_content(out: Path) -> dict[str, object]:
    """Both engines on the bundled content, one ZIM per language."""
    content = data_dirs().content
    library = ContentLibrary(content)
    codes = [loc.code for loc in library.registry.all()]
    zim_dir = out / "zim-real"
    shutil.rmtree(zim_dir, ignore_errors=True)
    zim_dir.mkdir(parents=True)
    archives = {}
    for code in codes:
        path = zim_dir / f"{code}.zim"
        build_zim(path, _pages(content, code), code)
        archives[code] = Archive(str(path))
    with tempfile.TemporaryDirectory() as cache:
        ours = SearchIndex(library, Path(cache))
        ours_size = sum(f.stat().st_size for f in Path(cache).glob("search-*.sqlite"))
    zim_size = sum(f.stat().st_size for f in zim_dir.glob("*.zim"))
    typed = _as_typed(TYPED)
    ours_times = timed(window_search(ours), typed, 5)
    peer_times = timed(lambda q, loc: zim_search(archives[loc], q), typed, 5)
    relevance = []
    for query, locale, wanted in RELEVANCE:
        mine = [h.page_id for h in ours.search(query, locale)[:3]]
        theirs = [p for p, _t in zim_search(archives[locale], query)[:3]]
        relevance.append(
            {"query": query, "locale": locale, "ours": wanted in mine, "peer": wanted in theirs}
        )
    return {
        "ours_ms": p50_p95(ours_times),
        "peer_ms": p50_p95(peer_times),
        "ours_bytes": ours_size,
        "peer_bytes": zim_size,
        "relevance": relevance,
        "cli": cli_figures(zim_dir),
    }


def cli_figures(zim_dir: Path) -> dict[str, float | None]:
    """A new process per query: ``rightsguide search`` against ``kiwix-search`` (medians, ms)."""
    queries = [("charging", "en"), ("abogado", "es"), ("充电", "zh-Hans"), ("lawyer", "en")]
    # The `rightsguide` command as installed (the console script next to this Python);
    # `python -m rightsguide` when there is none.
    script = Path(sys.executable).with_name("rightsguide")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "rightsguide"]
    command.append("search")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as cache:
        env["XDG_CACHE_HOME"] = cache
        # Bytecode compiled once, as an installed program has it (in a folder of its own:
        # nothing is written into the source tree); the warm-up run writes it.
        env["PYTHONPYCACHEPREFIX"] = str(Path(cache) / "pycache")
        subprocess.run(
            [*command, "--locale", "en", "warm"], env=env, capture_output=True, check=False
        )
        ours = []
        for _ in range(3):
            for query, locale in queries:
                start = time.perf_counter()
                subprocess.run(
                    [*command, "--locale", locale, query], env=env, capture_output=True, check=False
                )
                ours.append((time.perf_counter() - start) * 1000)
    kiwix = shutil.which("kiwix-search")
    peer = None
    if kiwix is not None:
        times = []
        for _ in range(3):
            for query, locale in queries:
                start = time.perf_counter()
                subprocess.run(
                    [kiwix, str(zim_dir / f"{locale}.zim"), query], capture_output=True, check=False
                )
                times.append((time.perf_counter() - start) * 1000)
        peer = round(statistics.median(times), 1)
    return {"ours_ms": round(statistics.median(ours), 1), "peer_ms": peer}


def synthetic(root: Path, out: Path) -> dict[str, object]:
    """Both engines on the synthetic corpus (one ZIM with every language's pages)."""
    library = ContentLibrary(root)
    pages = []
    for loc in library.registry.all():
        pages += [(f"{loc.code}/{p}", t, h) for p, t, h in _pages(root, loc.code)]
    zim = out / "synthetic.zim"
    zim.unlink(missing_ok=True)
    peer_build = build_zim(zim, pages, "eng")
    archive = Archive(str(zim))
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        ours = SearchIndex(ContentLibrary(root), Path(cache))
        ours_build = time.perf_counter() - start
        ours_size = sum(f.stat().st_size for f in Path(cache).glob("search-*.sqlite"))
    words = [
        r[0]
        for r in ours._db.execute(
            "SELECT term FROM vocab WHERE length(term) > 4 ORDER BY doc DESC LIMIT 200"
        )
    ]
    queries = [(w, "x07") for w in words[::4]] + [
        (f"{a} {b}", "x07") for a, b in zip(words[1::8], words[2::8], strict=False)
    ]
    ours_times = timed(window_search(ours), queries, 3)
    peer_times = timed(lambda q, _loc: zim_search(archive, q), queries, 3)
    return {
        "ours_ms": p50_p95(ours_times),
        "peer_ms": p50_p95(peer_times),
        "ours_bytes": ours_size,
        "peer_bytes": zim.stat().st_size,
        "ours_build_s": round(ours_build, 2),
        "peer_build_s": round(peer_build, 2),
    }


def main() -> None:
    """Print the raw figures as one JSON line."""
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    real = real_content(out)
    synth = synthetic(Path(sys.argv[1]), out)
    print(json.dumps({"real": real, "synthetic": synth}), flush=True)


if __name__ == "__main__":
    main()
