"""`make bench`: speed and memory figures against the budgets in design section 6.

Prints a table and writes build/bench.json. Figures: medians over several runs and p95s over
many operations. Nothing here is a test: budgets are reported, not asserted.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
SYNTH = BUILD / "synthetic"
PY = sys.executable
RUNS = 5
PAGE = "device-care/charging"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
BUDGETS = {
    "start_ratio": ("<=", 1.3),
    "page_open_p95_ms": ("<=", 30),
    "search_p95_ms_real": ("<=", 5),
    "search_p95_ms_synthetic": ("<=", 20),
    "index_build_s_synthetic": ("<=", 2),
    "rss_over_floor_mb": ("<=", 50),
    "check_s_synthetic": ("<=", 3),
}


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed_start(command: list[str], report: Path | None) -> tuple[float, float]:
    """(ms from process start to first paint, peak RSS MB) of one run."""
    start = time.time()
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, check=True)
    data = json.loads(report.read_text(encoding="utf-8") if report else done.stdout)
    return (data["painted_at"] - start) * 1000, float(data["peak_rss_mb"])


def start_figures(home: Path) -> dict[str, float]:
    """App start vs the floor, interleaved so both see the same machine state."""
    report = home / "report.json"
    app = [PY, "-m", "rightsguide", "--page", PAGE, "--locale", "en", "--self-test", str(report)]
    floor = [PY, str(ROOT / "tools" / "floor.py"), str(ROOT / "content" / "en" / f"{PAGE}.md")]
    env_home = {"HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")}
    ENV.update(env_home)
    timed_start(app, report)  # warm the disk cache and the search-index cache
    apps, floors = [], []
    for _ in range(RUNS):
        apps.append(timed_start(app, report))
        floors.append(timed_start(floor, None))
    start = statistics.median(a[0] for a in apps)
    floor_ms = statistics.median(f[0] for f in floors)
    rss = statistics.median(a[1] for a in apps)
    rss_floor = statistics.median(f[1] for f in floors)
    return {
        "start_ms": round(start),
        "start_floor_ms": round(floor_ms),
        "start_ratio": round(start / floor_ms, 2),
        "rss_mb": rss,
        "rss_floor_mb": rss_floor,
        "rss_over_floor_mb": round(rss - rss_floor, 1),
    }


def in_process_figures() -> dict[str, float]:
    """Page opening in the real window, and searches on real and synthetic content."""
    code = r"""
import json, statistics, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from rightsguide.core.guide import Guide
from rightsguide.core.resources import data_dirs
from rightsguide.core.content import ContentLibrary
from rightsguide.core.search import SearchIndex
from rightsguide.ui.app import build_window
guide = Guide(data_dirs())
window, lang = build_window(guide, "en")
window.resize(1280, 800); window.show(); app.processEvents()
opens = []
for code in [l.code for l in guide.registry.all()]:
    window.change_language(code)
    for page_id in guide.library.page_ids("en"):
        t = time.perf_counter(); window.open_page(page_id); app.processEvents()
        opens.append((time.perf_counter() - t) * 1000)
queries = [("grillete", "es"), ("bateria", "es"), ("电池", "zh-Hans"), ("ankle mon", "en"),
           ("abogado gratis", "es"), ("شحن", "ar"), ("charging", "en"), ("ch", "en"), ("che", "en"),
           ("check-in", "en"), ("tornozeleira", "pt-BR"), ("batri", "ht"), ("батарея", "ru"),
           ("ਬੈਟਰੀ", "pa"), ("avocat", "fr"), ("lawyer free", "en"), ("EOIR-33", "es")]
guide.search("warm", "en")
real = []
for _ in range(10):
    for q, l in queries:
        # as typed: every prefix of the query
        for n in range(2, len(q) + 1):
            t = time.perf_counter(); guide.search(q[:n], l); real.append((time.perf_counter() - t) * 1000)
t = time.perf_counter(); index = SearchIndex(ContentLibrary(__import__("pathlib").Path(sys.argv[1]))); build = time.perf_counter() - t
import random
rng = random.Random(7)
words = [r[0] for r in index._db.execute("SELECT term FROM vocab WHERE length(term) > 4 ORDER BY doc DESC LIMIT 400")]
synth = []
for _ in range(300):
    q = " ".join(rng.sample(words, rng.choice([1, 1, 2])))
    for n in (3, len(q)):
        t = time.perf_counter(); index.search(q[:n], "x07"); synth.append((time.perf_counter() - t) * 1000)
print(json.dumps({"opens": opens, "real": real, "build": build, "synth": synth}), flush=True)
import os
os._exit(0)  # skip interpreter teardown: PySide6 may abort while collecting module-level widgets
"""
    done = subprocess.run(
        [PY, "-c", code, str(SYNTH)], env=ENV, capture_output=True, text=True, check=True, cwd=ROOT
    )
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "page_open_p95_ms": round(p95(data["opens"]), 1),
        "search_p95_ms_real": round(p95(data["real"]), 2),
        "search_p95_ms_synthetic": round(p95(data["synth"]), 2),
        "index_build_s_synthetic": round(data["build"], 2),
    }


def check_figure() -> dict[str, float]:
    """Median wall time of `rightsguide check` on the synthetic corpus."""
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [PY, "-m", "rightsguide", "check", "--content", str(SYNTH)],
            env=ENV,
            capture_output=True,
            check=False,
        )
        runs.append(time.perf_counter() - start)
    return {"check_s_synthetic": round(statistics.median(runs), 2)}


def main() -> None:
    """Run everything, print the table, write build/bench.json."""
    if not (SYNTH / "locales.yaml").is_file():
        subprocess.run([PY, str(ROOT / "tools" / "synth_corpus.py"), str(SYNTH)], check=True)
    with tempfile.TemporaryDirectory() as home:
        figures = start_figures(Path(home))
    figures |= in_process_figures()
    figures |= check_figure()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"{'figure':28} {'value':>10}  budget")
    for key, value in figures.items():
        budget = BUDGETS.get(key)
        verdict = ""
        if budget:
            ok = value <= budget[1]
            verdict = f"{budget[0]} {budget[1]}  {'ok' if ok else 'OVER'}"
        print(f"{key:28} {value:>10}  {verdict}")
    print(f"machine: {machine}")
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bench.json").write_text(
        json.dumps({**figures, "machine": machine, "date": time.strftime("%Y-%m-%d")}, indent=2)
    )


if __name__ == "__main__":
    main()
