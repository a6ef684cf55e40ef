from __future__ import annotations

import time

import pytest

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.model import Severity
from rightsguide.core.render.renderer import Renderer
from rightsguide.core.translation.check import check_tree
from tests.conftest import FIXTURES, FRONT, ROOT, write_page

ASSETS = ROOT / "assets"


def messages(root):
    return [
        (p.path.name, p.line, p.message)
        for p in check_tree(root, ASSETS)
        if p.severity is Severity.ERROR
    ]


def test_fixture_tree_is_clean():
    assert messages(FIXTURES / "content") == []


def test_each_problem_names_file_and_line(content_copy):
    write_page(
        content_copy,
        "en/start-here/bad.md",
        FRONT.format(title="Bad") + "\n## Sec {#sec}\n\n[x](missing.md)\n\n<b>bold</b>\n\n"
        "![i](https://example.org/i.png)\n\n## No id\n",
    )
    found = messages(content_copy)
    assert ("bad.md", 16, "link 'missing.md' points to a page that does not exist") in found
    assert ("bad.md", 18, "raw HTML '<b>' is not shown; use markdown instead") in found
    assert any(f[:2] == ("bad.md", 20) and "image" in f[2] for f in found)
    assert ("bad.md", 22, "heading 'No id' needs an id, like {#my-section}") in found


def test_broken_yaml_is_reported_with_line(content_copy):
    write_page(content_copy, "en/start-here/yaml.md", "---\ntitle: ok\nsummary: [x\n---\n")
    assert any(
        name == "yaml.md" and line >= 3 and "YAML" in msg
        for name, line, msg in messages(content_copy)
    )


def test_missing_required_field(content_copy):
    write_page(content_copy, "en/start-here/nofield.md", "---\ntitle: x\nsummary: y\n---\nbody\n")
    assert any(
        name == "nofield.md" and "reviewed" in msg for name, _l, msg in messages(content_copy)
    )


def test_unknown_locale_folder(content_copy):
    write_page(content_copy, "xx/start-here/index.md", FRONT.format(title="x"))
    assert any(name == "xx" and "not a locale" in msg for name, _l, msg in messages(content_copy))


def test_translation_section_parity_and_orphans(content_copy):
    path = content_copy / "ar/start-here/welcome.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{#help}", "{#other}"), encoding="utf-8"
    )
    write_page(content_copy, "ar/start-here/orphan.md", FRONT.format(title="x") + "body\n")
    found = messages(content_copy)
    assert any(
        n == "welcome.md" and "missing compared with the source page: help" in m
        for n, _l, m in found
    )
    assert any(n == "welcome.md" and "not in the source page" in m for n, _l, m in found)
    assert any(n == "orphan.md" and "does not exist" in m for n, _l, m in found)


def test_page_without_sources(content_copy):
    write_page(
        content_copy,
        "en/start-here/nosrc.md",
        FRONT.format(title="x").replace(
            "sources:\n  - title: Example\n    url: https://example.org/\n", ""
        )
        + "## A {#a}\n",
    )
    assert ("nosrc.md", 2, "sources: every page must cite at least one source") in messages(
        content_copy
    )


def test_bad_registry_is_one_clear_error(tmp_path):
    (tmp_path / "locales.yaml").write_text("locales: [", encoding="utf-8")
    found = check_tree(tmp_path, ASSETS)
    assert len(found) == 1
    assert "locales.yaml" in str(found[0].path)


def test_stale_and_unstamped_translations_are_warnings(content_copy):
    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.translation.stamp import stamp_file

    found = check_tree(content_copy, ASSETS)
    assert any(p.severity is Severity.WARNING and "never stamped" in p.message for p in found)
    stamp_file(ContentLibrary(content_copy), content_copy / "ar/start-here/welcome.md")
    src = content_copy / "en/start-here/welcome.md"
    src.write_text(
        src.read_text(encoding="utf-8").replace("A guide.", "A big guide."), encoding="utf-8"
    )
    stale = [p for p in check_tree(content_copy, ASSETS) if "changed since" in p.message]
    assert len(stale) == 1
    assert stale[0].severity is Severity.WARNING
    assert "in: what." in stale[0].message
    assert messages(content_copy) == []  # warnings are not errors


def test_english_update_makes_translations_stale_not_broken(content_copy):
    """A new English section, or a new number in one, is stale in the translation (the reader
    shows the English text there), not an error that would block every release."""
    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.translation.stamp import stamp_file

    stamp_file(ContentLibrary(content_copy), content_copy / "ar/start-here/welcome.md")
    src = content_copy / "en/start-here/welcome.md"
    text = src.read_text(encoding="utf-8").replace(
        "A guide.", "A guide. Call 1-888-351-4024.\n\n### More {#more}\n\nMore.\n"
    )
    src.write_text(text + "\n## New part {#new-part}\n\nSee https://example.org/new.\n", "utf-8")
    found = [p for p in check_tree(content_copy, ASSETS) if p.path.parent.parent.name == "ar"]
    assert [p.message for p in found if p.severity is Severity.ERROR] == []
    stale = [p.message for p in found if "changed since" in p.message]
    assert stale == [
        "the source changed since this translation was stamped, in: what, new-part. "
        "Update the translation, then run 'rightsguide stamp'"
    ]


def test_translation_that_drops_a_section_it_was_stamped_with_fails(content_copy):
    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.translation.stamp import stamp_file

    path = content_copy / "ar/start-here/welcome.md"
    stamp_file(ContentLibrary(content_copy), path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\n## ", text.index("{#what}"))] + "\n", "utf-8")
    assert any("sections missing" in m and "help" in m for _n, _l, m in messages(content_copy))


def test_translation_that_changes_a_number_or_hides_text_direction_fails(content_copy):
    path = content_copy / "ar/start-here/welcome.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("https://example.org/lawyers", "https://example.com/x").replace(
            "هذه هي", "\u202eهذه هي"
        ),
        encoding="utf-8",
    )
    found = messages(content_copy)
    assert any(n == "welcome.md" and "https://example.org/lawyers" in m for n, _l, m in found)
    assert any(n == "welcome.md" and "U+202E" in m for n, _l, m in found)


def _broken_pages(root):
    """A tree with problems on many pages, so that the order of the results shows."""
    for i in range(12):
        write_page(
            root,
            f"en/start-here/p{i:02d}.md",
            FRONT.format(title=f"P{i}") + f"\n## S {{#s}}\n\n[x](gone-{i}.md)\n\n<b>{i}</b>\n",
        )
        write_page(root, f"ar/start-here/p{i:02d}.md", FRONT.format(title="x") + "no sections\n")


def test_worker_processes_find_the_same_problems_in_the_same_order(content_copy, monkeypatch):
    from rightsguide.core.translation import check

    _broken_pages(content_copy)
    expected = check_tree(content_copy, ASSETS)
    assert len(expected) > 24
    # force the parallel path on this small tree; on one core it stays in this process
    assert check_tree(content_copy, ASSETS, parallel_min_pages=0) == expected

    # slow this process down, so the (spawned, unpatched) worker surely checks some chunks too
    here = []
    check_jobs = check._check_jobs

    def slow_check_jobs(checker, jobs):
        here.extend(jobs)
        time.sleep(0.2)
        return check_jobs(checker, jobs)

    monkeypatch.setattr(check, "_check_jobs", slow_check_jobs)
    library = ContentLibrary(content_copy)
    checker = check.Checker(library, Renderer(library, ASSETS))
    problems = checker.stray_folders() + checker.glossary_files()
    jobs = [(pid, loc.code) for loc in library.registry.all() for pid in library.page_ids(loc.code)]
    found = problems + check._check_in_processes(checker, ASSETS, jobs, processes=2)
    assert found == expected
    assert 0 < len(here) < len(jobs)  # this process and the worker both did some pages


def test_a_worker_that_cannot_start_prints_no_traceback_and_loses_no_page(content_copy, capfd):
    from rightsguide.core.translation import check

    _broken_pages(content_copy)
    library = ContentLibrary(content_copy)
    checker = check.Checker(library, Renderer(library, ASSETS))
    jobs = [(pid, loc.code) for loc in library.registry.all() for pid in library.page_ids(loc.code)]
    expected = check._check_jobs(checker, jobs)
    # the worker reads the tree afresh: without its registry it cannot start
    (content_copy / "locales.yaml").rename(content_copy.parent / "locales.yaml.away")
    assert check._check_in_processes(checker, ASSETS, jobs, processes=2) == expected
    assert "Traceback" not in capfd.readouterr().err


def test_a_worker_that_cannot_start_says_why_for_each_chunk(tmp_path, monkeypatch):
    from rightsguide.core.translation import check

    monkeypatch.setattr(check, "_worker_checker", None)
    monkeypatch.setattr(check, "_worker_failed", "")
    check._start_worker(tmp_path / "gone", ASSETS, None)  # (in this process: no pool broken)
    with pytest.raises(check._WorkerFailed, match="there is no content folder here"):
        check._check_chunk([("start-here/welcome", "en")])


def test_without_worker_processes_the_tree_is_checked_in_this_one(content_copy, monkeypatch):
    from rightsguide.core.translation import check

    _broken_pages(content_copy)
    expected = check_tree(content_copy, ASSETS)

    def no_processes(*_args):
        raise OSError("no semaphores")

    monkeypatch.setattr(check, "_check_in_processes", no_processes)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert check_tree(content_copy, ASSETS, parallel_min_pages=0) == expected


def test_registry_without_a_published_date_is_a_warning(content_copy):
    registry = content_copy / "locales.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("published: 2026-11-01\n", ""), "utf-8"
    )
    found = [p for p in check_tree(content_copy, ASSETS) if p.path == registry]
    assert [(p.line, p.severity) for p in found] == [(1, Severity.WARNING)]
    assert "no 'published:' date" in found[0].message
    assert not [
        p for p in check_tree(FIXTURES / "content", ASSETS) if p.path.name == "locales.yaml"
    ]


def test_a_warm_cache_keeps_the_check_in_this_process(content_copy, monkeypatch, tmp_path):
    """With the facts of every page in the cache, no worker is started (same problems)."""
    from rightsguide.core.translation import check

    _broken_pages(content_copy)
    cache = tmp_path / "facts.marshal"
    expected = check_tree(content_copy, ASSETS, cache_file=cache, cache_min_pages=0)

    def no_workers(*_args):
        raise AssertionError("worker processes started for a warm run")

    monkeypatch.setattr(check, "_check_in_processes", no_workers)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    found = check_tree(
        content_copy, ASSETS, parallel_min_pages=0, cache_file=cache, cache_min_pages=0
    )
    assert found == expected


def test_a_page_file_the_guide_does_not_read_is_named(content_copy):
    """Saved with another ending (Notepad's .md.txt) or in the wrong place: silently missing."""
    from rightsguide.core.translation.check import check_tree

    fr = content_copy / "fr"
    page = (fr / "start-here/welcome.md").read_text(encoding="utf-8")
    unused = [
        fr / "start-here/guide.MD",
        fr / "start-here/guide.markdown",
        fr / "start-here/guide.md.txt",
        fr / "guide.md",  # at the language's root
    ]
    kept = [fr / "start-here/welcome.md~", fr / "start-here/.welcome.md.swp", fr / "x.png"]
    for path in [*unused, *kept]:
        path.write_text(page, encoding="utf-8")
    found = {
        p.path: p.message
        for p in check_tree(content_copy, ROOT / "assets")
        if "this file is not used" in p.message
    }
    assert set(found) == set(unused)
    assert all(p.severity.value == "warning" for p in check_tree(content_copy, ROOT / "assets")
               if p.path in unused)  # fmt: skip
