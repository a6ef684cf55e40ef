from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.search import index as search
from rightsguide.core.search.index import SearchIndex, plain, snippet_for
from rightsguide.core.search.textnorm import normalize
from tests.conftest import FIXTURES, FRONT, write_page


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> SearchIndex:
    root = tmp_path_factory.mktemp("search") / "content"
    shutil.copytree(FIXTURES / "content", root)
    write_page(
        root,
        "en/device-care/battery.md",
        FRONT.format(title="Battery basics") + "\n## Cables {#cables}\n\nUse the cable.\n",
    )
    write_page(
        root,
        "en/device-care/cables.md",
        FRONT.format(title="Cables") + "\n## Battery in the heading {#battery}\n\nText.\n",
    )
    write_page(
        root,
        "en/device-care/other.md",
        FRONT.format(title="Other")
        + "\n## Plain {#plain}\n\nThe battery is mentioned in the body only.\n",
    )
    write_page(
        root,
        "es/device-care/carga.md",
        FRONT.format(title="Cargar la batería")
        + "\n## El grillete electrónico {#grillete}\n\nCárguelo todos los días.\n",
    )
    write_page(
        root,
        "es/glossary.yaml",
        "terms:\n  - term: ankle monitor\n    use: grillete electrónico\n"
        "    also: [tobillera, pulsera]\n",
    )
    return SearchIndex(ContentLibrary(root))


def test_title_beats_heading_beats_body(index):
    ids = [h.page_id for h in index.search("battery", "en") if h.locale == "en"]
    assert ids[:3] == ["device-care/battery", "device-care/cables", "device-care/other"]


def test_hit_opens_at_the_matching_section(index):
    hits = {h.page_id: h for h in index.search("battery", "en")}
    assert hits["device-care/cables"].anchor == "battery"
    assert hits["device-care/other"].anchor == "plain"
    assert hits["device-care/battery"].anchor == ""  # title match: open at the top


def test_accents_case_and_prefix(index):
    assert index.search("BATERIA", "es")[0].page_id == "device-care/carga"
    assert index.search("bater", "es")[0].page_id == "device-care/carga"
    assert [h for h in index.search("bater", "es", prefix=False) if h.locale == "es"] == []


def test_reader_language_first_then_others(index):
    hits = index.search("charge", "ar")
    assert hits
    assert all(h.locale == "en" for h in hits)  # no Arabic page says it: English, labelled
    assert [h.locale for h in index.search("guide", "fr")][:2] == ["fr", "en"]
    in_en = [h.locale for h in index.search("guide", "en")]
    assert in_en == sorted(in_en, key=lambda code: code != "en")  # English first, then others
    assert "fr" in in_en


def test_synonym_from_glossary_finds_the_term(index):
    hits = index.search("tobillera", "es")
    assert hits[0].page_id == "device-care/carga"
    assert hits[0].anchor == "grillete"


def test_arabic_search_ignores_harakat(index):
    hits = index.search("مَرحبا", "ar")
    assert hits[0].locale == "ar"
    assert hits[0].page_id == "start-here/welcome"


def test_snippet_marks_the_match_in_the_original_text():
    snippet, marks = snippet_for("Cárguelo: la BATERÍA dura poco.", ["bateria"])
    assert [snippet[a:b] for a, b in marks] == ["BATERÍA"]


def test_plain_strips_markdown():
    text = plain('!!! warning "Careful"\n    A [link](x.md) and **bold** | cell |\n## H {#h}\n')
    assert text == "Careful\nA link and bold cell\nH"


def test_list_items_show_as_bullets_and_rules_go():
    text = plain("Ask:\n\n- the court,\n* a judge\n  + nested\n\n- - -\n* * *\n-5 degrees\n")
    assert text == "Ask:\n\u2022 the court,\n\u2022 a judge\n\u2022 nested\n-5 degrees"
    assert (
        plain("- **Bold** item\n-\tTabbed\n- :\n- |\n- >\n+ :\n- ")
        == "\u2022 Bold item\n\u2022 Tabbed"
    )


def test_emphasis_in_text_without_spaces_leaves_no_space():
    # Chinese is written without spaces: a space where the bold was would show in snippets
    # ("或者 完全 认可") and split the character pairs a search matches across it
    text = "或者**完全**认可的代表。用`rightsguide`。"
    assert plain(text) == "或者完全认可的代表。用rightsguide。"
    assert plain("a snake_case name") == "a snake case name"


def test_a_highlight_keeps_the_marks_of_its_last_letter():
    # "محام" (no harakat) matches "محامٍ": the tanween belongs to the highlighted letter
    snippet, marks = snippet_for("يحق لك أن يكون لك محامٍ أو ممثل", ["محام"])
    assert [snippet[a:b] for a, b in marks] == ["محامٍ"]


def test_a_one_letter_word_is_marked_only_where_it_stands_alone():
    # the index matched the word "a" itself (one letter is no prefix), not "paid" or "say"
    text = "Many people say they paid. " * 6 + "Ask for a lawyer, a friend or an A-number."
    snippet, marks = snippet_for(text, ["a"])
    assert [snippet[a:b] for a, b in marks] == ["a", "a", "A"]
    assert "for a lawyer" in snippet  # the window is on the word, not on "Many"
    snippet, marks = snippet_for("您的A号码很重要", ["a"])  # next to Chinese it stands alone
    assert [snippet[a:b] for a, b in marks] == ["A"]


def test_a_word_cut_at_the_snippets_edge_does_not_stand_alone():
    # no space to start the snippet on: it starts inside "DNA", whose "A" is not the word
    text = "很" * 100 + "DNA" + "很" * 87 + "您的A号码"
    snippet, marks = snippet_for(text, ["a"])
    assert [snippet[a : b + 2] for a, b in marks] == ["A号码"]
    text = "-".join(["pizza"] * 40) + " and a fee"
    snippet, marks = snippet_for(text, ["a"])
    assert [snippet[a - 1 : b + 1] for a, b in marks] == [" a "]


def test_a_longer_word_is_marked_inside_a_word_with_a_particle_attached():
    snippet, marks = snippet_for("اسأل المحامي اليوم", ["محامي"])  # "the lawyer"
    assert [snippet[a:b] for a, b in marks] == ["محامي"]


def test_searching_one_letter_marks_no_letter_inside_a_word(index):
    hits = index.search("a", "en")
    assert hits
    for hit in hits:
        for start, end in hit.highlights:
            before, after = hit.snippet[start - 1 : start], hit.snippet[end : end + 1]
            assert not before.isalnum(), (hit.snippet, start)
            assert not after.isalnum(), (hit.snippet, start)


def test_suggestions_for_a_misspelling(index):
    assert "battery" in index.suggestions("batery")


def test_cache_is_reused_and_invalidated_when_content_changes(tmp_path, content_copy):
    cache = tmp_path / "cache"
    first = SearchIndex(ContentLibrary(content_copy), cache)
    assert first.built
    again = SearchIndex(ContentLibrary(content_copy), cache)
    assert not again.built
    assert again.search("welcome", "en")
    page = content_copy / "en/start-here/welcome.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("A guide.", "A zebra guide."), encoding="utf-8"
    )
    changed = SearchIndex(ContentLibrary(content_copy), cache)
    assert changed.built
    assert changed.search("zebra", "en")[0].page_id == "start-here/welcome"
    assert len(list(cache.glob("search-*.sqlite"))) == 1


def test_a_search_leaves_the_cached_file_unlocked(tmp_path, content_copy):
    # A search reads in one transaction; once it returns, another process may write the file
    # (a second window rebuilding the cache) without waiting for this one.
    cache = tmp_path / "cache"
    index = SearchIndex(ContentLibrary(content_copy), cache)
    assert index.search("welcome", "en")
    assert index.search("zzzz-nothing", "en") == []
    other = sqlite3.connect(next(cache.glob("search-*.sqlite")), timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # raises "database is locked" if a read is still open
    other.rollback()


def test_an_error_that_ended_the_read_is_the_error_reported(tmp_path, content_copy, monkeypatch):
    # After an I/O error SQLite rolls the transaction back itself; ending it again must not
    # replace the real error with "cannot commit - no transaction is active".
    index = SearchIndex(ContentLibrary(content_copy), tmp_path / "cache")

    def failing(*_args):
        index._db.execute("ROLLBACK")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(index, "_search", failing)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        index.search("welcome", "en")
    assert not index._db.in_transaction


def _age(root, seconds=3600):
    for path in root.rglob("*"):
        if path.is_file():
            stamp = path.stat().st_mtime - seconds
            os.utime(path, (stamp, stamp))


def test_a_valid_cache_is_found_without_reading_any_page(tmp_path, content_copy, monkeypatch):
    """`rightsguide search` in a new process: names, sizes and times, as git's index does."""
    _age(content_copy)
    cache = tmp_path / "cache"
    SearchIndex(ContentLibrary(content_copy), cache)
    library = ContentLibrary(content_copy)
    from rightsguide.core.content import yamlfile

    read: list[Path] = []
    real_read = yamlfile.read_bytes

    def counting(path, *args, **kwargs):
        read.append(path)
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(yamlfile, "read_bytes", counting)
    again = SearchIndex(library, cache)
    assert not again.built
    assert [p for p in read if p.suffix == ".md"] == []
    assert read == []  # not even the glossaries: their synonyms are stored in the index
    assert again.search("guide", "en")


def test_an_edit_that_keeps_the_size_is_still_seen(tmp_path, content_copy):
    _age(content_copy)
    cache = tmp_path / "cache"
    SearchIndex(ContentLibrary(content_copy), cache)
    page = content_copy / "en/start-here/welcome.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("A guide.", "A zebra."), encoding="utf-8"
    )
    changed = SearchIndex(ContentLibrary(content_copy), cache)
    assert changed.built
    assert changed.search("zebra", "en")[0].page_id == "start-here/welcome"


def test_files_changed_a_moment_ago_are_hashed_again_next_time(tmp_path, content_copy):
    """An edit within the same time stamp could keep name, size and time: not trusted."""
    (content_copy / "en/start-here/welcome.md").touch()  # written just now
    cache = tmp_path / "cache"
    SearchIndex(ContentLibrary(content_copy), cache)
    assert list(cache.glob("stat-*")) == []


def test_corrupt_cache_is_rebuilt(tmp_path, content_copy):
    cache = tmp_path / "cache"
    index = SearchIndex(ContentLibrary(content_copy), cache)
    (cache / f"search-{index.fingerprint[:32]}.sqlite").write_bytes(b"not a database")
    rebuilt = SearchIndex(ContentLibrary(content_copy), cache)
    assert rebuilt.built
    assert rebuilt.search("welcome", "en")


def test_two_builds_of_the_same_index_at_once_leave_one_whole_index(
    tmp_path, content_copy, monkeypatch
):
    """The window and `rightsguide search` may build the same cache at the same time."""
    cache = tmp_path / "cache"
    write = SearchIndex._write
    started: list[bool] = []
    second: list[SearchIndex] = []

    def write_while_another_builds(db, table, pending):
        if not started:  # the second build starts and ends while the first is half done
            started.append(True)
            second.append(SearchIndex(ContentLibrary(content_copy), cache))
        write(db, table, pending)

    monkeypatch.setattr(SearchIndex, "_write", staticmethod(write_while_another_builds))
    first = SearchIndex(ContentLibrary(content_copy), cache)
    monkeypatch.undo()
    assert first.built
    assert second[0].built
    assert first.search("welcome", "en") == second[0].search("welcome", "en") != []
    again = SearchIndex(ContentLibrary(content_copy), cache)
    assert not again.built
    assert again.search("welcome", "en") == first.search("welcome", "en")
    assert sorted(p.suffix for p in cache.glob("search-*")) == [".sqlite"]  # no .tmp left


def _cached_file(tmp_path: Path, content_copy: Path) -> tuple[Path, Path]:
    """(the cache folder, the index file in it) of a whole, closed cached index."""
    cache = tmp_path / "cache"
    whole = SearchIndex(ContentLibrary(content_copy), cache)
    whole._db.close()
    return cache, cache / f"search-{whole.fingerprint[:32]}.sqlite"


def test_a_cache_file_that_was_never_finished_is_not_trusted(tmp_path, content_copy):
    cache, path = _cached_file(tmp_path, content_copy)
    db = sqlite3.connect(path)
    db.execute("DELETE FROM shown")  # as if its build stopped half way: no mark written yet
    db.execute("PRAGMA user_version = 0")
    db.commit()
    db.close()
    with pytest.raises(sqlite3.DatabaseError):  # what `rightsguide search` opens directly
        SearchIndex.open_file(path.resolve().as_uri(), {})
    rebuilt = SearchIndex(ContentLibrary(content_copy), cache)
    assert rebuilt.built
    assert rebuilt.search("welcome", "en")[0].snippet


@pytest.fixture
def processes():
    """The numbers of a process that still runs and of one that has ended."""
    waiting = [sys.executable, "-c", "import sys; sys.stdin.read()"]
    running = subprocess.Popen(waiting, stdin=subprocess.PIPE)
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    yield running.pid, done.pid
    running.communicate(b"")


@pytest.mark.skipif(
    os.name != "posix", reason="POSIX: a build's file is kept while its process runs"
)
def test_a_build_removes_the_files_of_stopped_builds_but_not_one_in_progress(
    tmp_path, content_copy, processes
):
    running, ended = processes
    cache = tmp_path / "cache"
    cache.mkdir()
    in_progress = cache / f"search-0123.{running}-beef.tmp"
    stopped = cache / f"search-0123.{ended}-dead.tmp"  # the app was closed while it built
    forgotten = cache / f"search-4567.{running}-0ld0.tmp"  # nothing wrote to it for hours
    for tmp in (in_progress, stopped, forgotten):
        tmp.write_bytes(b"half an index")
    two_hours_ago = forgotten.stat().st_mtime - 2 * 3600
    os.utime(forgotten, (two_hours_ago, two_hours_ago))
    SearchIndex(ContentLibrary(content_copy), cache)
    assert in_progress.exists()
    assert not stopped.exists()
    assert not forgotten.exists()
    stopped.write_bytes(b"half an index")  # stopped while the index was already cached:
    assert not SearchIndex(ContentLibrary(content_copy), cache).built
    assert not stopped.exists()  # removed when the cache is opened, too


def test_a_build_keeps_the_finished_index_another_process_just_put_in_place(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    mine, other = cache / "search-mine.sqlite", cache / "search-other.sqlite"
    for index_file in (mine, other):
        index_file.write_bytes(b"an index")
    search._remove_other_indexes(cache, keep=mine)
    assert mine.exists()
    assert not other.exists()


def test_a_cache_folder_that_cannot_be_written_leaves_the_index_in_memory(tmp_path, content_copy):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder", encoding="utf-8")
    index = SearchIndex(ContentLibrary(content_copy), in_the_way / "cache")
    assert index.built
    assert index.search("welcome", "en")[0].page_id == "start-here/welcome"
    assert in_the_way.read_text(encoding="utf-8") == "not a folder"


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("\"*():^-+NEAR AND OR NOT{}[]\\'abc电池مح ")), max_size=30
    )
)
def test_any_query_never_raises(index, query):
    index.search(query, "en")
    index.suggestions(query)


def test_overlapping_matches_are_marked_once():
    snippet, marks = snippet_for("la batería dura", ["bateria", "bateria", "bat"])
    assert [snippet[a:b] for a, b in marks] == ["batería"]


def _reference_plain(markdown_text: str) -> str:
    """The original ``plain``: every pattern on every text. The fast one must agree with it."""
    text = markdown_text
    for source, flags, repl in search._MD_NOISE_SOURCES:
        text = re.sub(source, repl, text, flags=flags)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


_MARKDOWN = [
    *"{}#![]()*_`|>-:\"' \t\n\r\x0b\x0c\x1c\x85\u2028\u00a0\u3000aZé电9.",
    "!!! note ",
    "## ",
    "{#id}",
    "---",
    "| a |",
    "|---|",
    "[x](y.md)",
    "![i](p.png)",
    "\n\n",
    "  ",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_MARKDOWN), max_size=40).map("".join))
def test_fast_plain_equals_the_reference(text):
    assert plain(text) == _reference_plain(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_fast_plain_equals_the_reference_on_any_text(text):
    assert plain(text) == _reference_plain(text)


def _stored_rows(index: SearchIndex) -> list[tuple[object, ...]]:
    return index._db.execute("SELECT * FROM shown ORDER BY id").fetchall()


@pytest.fixture
def two_cores_no_threshold(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(search, "PARALLEL_MIN_PAGES", 0)
    monkeypatch.setattr(search, "PARALLEL_BATCH", 2)  # several batches, to check their order


def test_rows_prepared_in_worker_processes_are_identical(
    content_copy, monkeypatch, two_cores_no_threshold
):
    (content_copy / "en/device-care/broken.md").write_text("no front matter\n", encoding="utf-8")
    parallel = SearchIndex(ContentLibrary(content_copy))  # a fallback would log a warning: fail
    monkeypatch.setattr(search, "PARALLEL_MIN_PAGES", 10**9)
    single = SearchIndex(ContentLibrary(content_copy))
    assert len(_stored_rows(single)) > 5
    assert _stored_rows(parallel) == _stored_rows(single)
    for query in ("guide", "welcome", "charg", "مرحبا"):
        assert parallel.search(query, "en") == single.search(query, "en")


@pytest.mark.allow_log_warnings
def test_rows_are_prepared_here_when_worker_processes_cannot_start(
    content_copy, monkeypatch, two_cores_no_threshold, caplog
):
    def no_processes(*args, **kwargs):
        raise OSError("no processes here")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_processes)
    fallback = SearchIndex(ContentLibrary(content_copy))
    monkeypatch.setattr(search, "PARALLEL_MIN_PAGES", 10**9)
    single = SearchIndex(ContentLibrary(content_copy))
    assert _stored_rows(fallback) == _stored_rows(single)
    assert "preparing pages here" in caplog.text


def _reference_normalized_with_positions(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        folded = normalize(char)
        out.append(folded)
        positions.extend([index] * len(folded))
    return "".join(out), positions


@settings(max_examples=1000, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from("aÁ'’ﬁ①ـ\u0301ßİ电ਬੈ \n"), st.characters(codec="utf-8")),
        max_size=30,
    )
)
def test_character_folding_for_snippets_equals_the_reference(text):
    norm, positions = search._normalized_with_positions(text)
    expected_norm, expected_positions = _reference_normalized_with_positions(text)
    assert norm == expected_norm
    assert list(positions) == expected_positions


def test_own_language_pages_are_not_crowded_out_by_other_languages(content_copy):
    """A word that is everywhere in French still lists the reader's few English pages first."""
    for n in range(60):  # 240 French sections that match better than any English one
        body = "".join(f"\n## Zebra {i} {{#z{i}}}\n\nZebra zebra zebra.\n" for i in range(4))
        write_page(content_copy, f"fr/device-care/z{n}.md", FRONT.format(title="Zebra") + body)
    write_page(
        content_copy,
        "en/device-care/stripes.md",
        FRONT.format(title="Stripes") + "\n## Animals {#animals}\n\nOne zebra, among many words.\n",
    )
    hits = SearchIndex(ContentLibrary(content_copy)).search("zebr", "en")
    assert (hits[0].locale, hits[0].page_id) == ("en", "device-care/stripes")
    assert hits[0].anchor == "animals"
    assert {h.locale for h in hits[1:]} == {"fr"}


def test_index_is_prepared_in_the_background_and_used_by_the_first_search(fixture_dirs):
    import threading

    from rightsguide.core.guide import Guide

    guide = Guide(fixture_dirs)
    builders: list[str] = []
    original = guide._built_index

    def recording():
        builders.append(threading.current_thread().name)
        return original()

    guide._built_index = recording  # type: ignore[method-assign]
    thread = guide.prepare_search()
    assert thread is not None
    thread.join()
    assert guide.prepare_search() is None  # ready: nothing more to do
    hits = guide.search("charge", "en")
    assert hits[0].page_id == "device-care/charging"
    assert builders[0] == "search-index"  # built there; the search only used it
    guide.reload()  # content changed: the prepared index is dropped and built again
    assert guide.search("charge", "en")[0].page_id == "device-care/charging"


def test_snippets_start_and_end_on_word_boundaries():
    filler = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. "
    text = (
        filler * 6
        + "The ankle monitor must be charged every day or it sends an alert. "
        + filler * 6
    )
    snippet, marks = snippet_for(text, ["charged"])
    assert [snippet[a:b] for a, b in marks] == ["charged"]
    inner = snippet.strip("\u2026")
    words = set(text.replace(".", " ").split())
    first, last = inner.split()[0], inner.split()[-1]
    assert first.strip(".") in words, snippet
    assert last.strip(".") in words, snippet
    assert not inner.startswith(" ")
    assert not inner.endswith(" ")


_SNIPPET_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("aeiouÁé'’ﬁßİ电池ਬੈ  \nمُحامٍـ"),
        st.characters(codec="utf-8", categories=["L", "M", "Zs"]),
    ),
    max_size=400,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SNIPPET_TEXT, st.text("-]^\\[a\u00e9\u0301")), min_size=1, max_size=8))
def test_the_simple_text_check_equals_its_definition_as_characters_are_learned(texts):
    """Whether every character folds to one in place, whatever was learned (and compiled) first.

    A wrong answer moves the highlighted words of a snippet off the words.
    """
    import unicodedata

    for text in [*texts, *texts]:  # the second time, each text's characters are known
        expected = all(len(normalize(c)) == 1 and not unicodedata.combining(c) for c in text)
        assert search._all_simple(text) == expected, text


@settings(max_examples=300, deadline=None)
@given(_SNIPPET_TEXT, st.data())
def test_snippets_that_skip_character_folding_equal_the_folded_ones(text, data):
    """Where positions are known to stay put, the snippet is what per-character folding gives."""
    from rightsguide.core.search import textnorm

    found = textnorm.words(text)
    words = [data.draw(st.sampled_from(found))[:3]] if found else ["x"]
    exact_window = search._window
    try:
        search._window = lambda t, w, folded=None, edges=("", ""): exact_window(  # type: ignore[assignment]
            t, w, None, edges
        )
        expected = snippet_for(text, words)
    finally:
        search._window = exact_window
    assert snippet_for(text, words) == expected


def test_a_hit_is_an_immutable_value_and_makes_its_snippet_when_first_read(index):
    hits = index.search("charge", "en")
    hit = hits[-1]
    assert hit._made is None  # nobody has read it yet: no snippet was made
    assert [hit.snippet[a:b].lower() for a, b in hit.highlights] == ["charge"] * len(hit.highlights)
    assert hit._made is not None
    again = index.search("charge", "en")[-1]
    assert again == hit  # equal by value (its snippet is made to compare)
    assert hash(again) == hash(hit)
    assert f"page_id={hit.page_id!r}" in repr(hit)
    with pytest.raises(AttributeError):
        hit.page_id = "elsewhere"  # (mypy does not see it is read-only)


def test_a_damaged_stored_section_shows_the_page_title_and_never_raises(tmp_path, content_copy):
    library = ContentLibrary(content_copy)
    healthy = SearchIndex(library).search("charge", "en")[0]
    index = SearchIndex(library)
    index._db.execute("UPDATE shown SET text = x'00ff10'")  # not deflate data any more
    hit = index.search("charge", "en")[0]
    assert (hit.page_id, hit.anchor, hit.score) == (healthy.page_id, healthy.anchor, healthy.score)
    assert hit.section_title == ""
    assert hit.snippet == hit.page_title


@pytest.mark.parametrize("workers", [False, True])
def test_every_stored_row_unpacks_to_its_own_section(content_copy, request, workers):
    """Each row's page, anchor, section title and text are those of the section it indexes.

    Prepared here and in worker processes (batches of two pages).
    """
    if workers:
        request.getfixturevalue("two_cores_no_threshold")
    from rightsguide.core.search.index import _page_rows, _unpacked

    write_page(
        content_copy,
        "en/device-care/many.md",
        FRONT.format(title="Many")
        + "\nLead text.\n"
        + "".join(f"\n## Part {i} {{#p{i}}}\n\nText of part {i}.\n" for i in range(40))
        + "\n## Part 3 again {#p3}\n\nA second part with the same id.\n",
    )
    library = ContentLibrary(content_copy)
    index = SearchIndex(library)
    db = index._db
    checked = 0
    for n, locale, page_id, first, anchors in db.execute(
        "SELECT n, locale, page_id, first, anchors FROM pages ORDER BY n"
    ):
        expected = _page_rows(locale, page_id, library.page(page_id, locale))
        ids = [""] + (anchors.split("\n") if anchors else [])
        assert ids == [r[2] for r in expected]
        for k, row in enumerate(expected):
            (stored,) = db.execute("SELECT text FROM shown WHERE id = ?", (first + k,)).fetchone()
            assert _unpacked(stored, index._words(first + k)) == (row[4], row[5])
            checked += 1
        (next_first,) = db.execute(
            "SELECT coalesce(min(first), (SELECT max(id) + 1 FROM shown)) FROM pages WHERE n > ?",
            (n,),
        ).fetchone()
        assert next_first == first + len(expected)  # a page's rows are all its own
    assert checked > 40


def test_a_word_typed_a_thousand_times_is_searched_once(index):
    """FTS5's AND of n words costs n^2: "the" 4,000 times took 25 s on each keystroke."""
    assert search.query_words("battery " * 4000) == ["battery"]
    many = " ".join(f"w{n}" for n in range(40))
    assert search.query_words(many) == [f"w{n}" for n in range(search.MAX_QUERY_WORDS)]
    assert index.search("battery " * 4000, "en") == index.search("battery", "en") != []


def test_a_planted_file_with_only_the_finished_mark_is_not_trusted(tmp_path, content_copy):
    cache, path = _cached_file(tmp_path, content_copy)
    path.unlink()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {search.SCHEMA}")  # the mark, and no tables
    db.commit()
    db.close()
    rebuilt = SearchIndex(ContentLibrary(content_copy), cache)
    assert rebuilt.built
    assert rebuilt.search("welcome", "en")[0].page_id == "start-here/welcome"


def test_a_page_changed_while_it_is_indexed_leaves_no_cached_index(
    tmp_path, content_copy, monkeypatch
):
    """The index is named after the content's fingerprint: one of other content is not kept."""
    cache = tmp_path / "cache"
    page = content_copy / "en" / "start-here" / "welcome.md"
    write = SearchIndex._write
    edited: list[bool] = []

    def write_while_a_page_changes(db, table, pending):
        if not edited:
            edited.append(True)
            page.write_text(page.read_text(encoding="utf-8") + "\nZebra.\n", encoding="utf-8")
        write(db, table, pending)

    monkeypatch.setattr(SearchIndex, "_write", staticmethod(write_while_a_page_changes))
    first = SearchIndex(ContentLibrary(content_copy), cache)
    monkeypatch.undo()
    assert first.search("welcome", "en")  # this process searches what it read
    assert list(cache.glob("search-*")) == []  # and caches nothing of it
    again = SearchIndex(ContentLibrary(content_copy), cache)
    assert again.built
    assert again.search("zebra", "en")[0].page_id == "start-here/welcome"


def test_a_cache_folder_that_cannot_be_read_only_costs_time(tmp_path, content_copy, monkeypatch):
    cache = tmp_path / "cache"
    SearchIndex(ContentLibrary(content_copy), cache)
    real = Path.read_text

    def unreadable(self, *args, **kwargs):
        if self.name.startswith("stat-"):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", unreadable)
    again = SearchIndex(ContentLibrary(content_copy), cache)  # hashes the pages instead
    assert again.search("welcome", "en")[0].page_id == "start-here/welcome"


def test_a_worker_process_ends_when_the_app_that_started_it_has_ended(monkeypatch):
    """A killed app must not leave its index workers waiting for ever (ppid becomes another)."""
    parents = iter([4242, 4242, 1])  # the app, still; then gone (the worker is adopted)
    monkeypatch.setattr(os, "getppid", lambda: next(parents))
    waits: list[float] = []
    ended: list[int] = []

    def exit_(status: int) -> None:
        ended.append(status)
        raise SystemExit(status)

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        return False

    monkeypatch.setattr(os, "_exit", exit_)
    with pytest.raises(SystemExit):
        search._watch_parent(4242, wait)
    assert ended == [1]
    assert waits == [search.PARENT_CHECK_SECONDS] * 2


# A pack's index is opened from its bytes: made by a signer's broken or hostile tool, it must
# never hang or break search, only cost the kiosk a build of its own from the verified pages.
CRAFTED = {
    "a view that never ends, named like a table": (
        "ALTER TABLE langs RENAME TO langs0; CREATE VIEW langs AS WITH RECURSIVE c(x) AS "
        "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT code, n, base FROM langs0, "
        "(SELECT max(x) FROM c);"
    ),
    "the same for pages": (
        "ALTER TABLE pages RENAME TO pages0; CREATE VIEW pages AS WITH RECURSIVE c(x) AS "
        "(SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT * FROM pages0 "
        "WHERE (SELECT max(x) FROM c) > 0;"
    ),
    "a trigger": "CREATE TRIGGER t AFTER INSERT ON shown BEGIN SELECT 1; END;",
    "a changed vocab view": "DROP VIEW vocab; CREATE VIEW vocab AS SELECT 1 AS term, 1 AS doc;",
    "a dictionary that does not inflate": "UPDATE dictionaries SET words = x'deadbeef';",
    "a page with no first row": "UPDATE pages SET first = NULL;",
    "first rows that are not there": "UPDATE pages SET first = first + 1000;",
    "a base that is not a number": "UPDATE langs SET base = 'x';",
    "no finished mark": "PRAGMA user_version = 0;",
    # a blob of a few bytes that would unpack to more than a dictionary holds (or to gigabytes)
    "a dictionary that unpacks to more than one can hold": (
        "UPDATE dictionaries SET words = x'"
        + zlib.compress(b"\0" * (search.DICTIONARY_BYTES + 1)).hex()
        + "';"
    ),
}


@pytest.fixture(scope="module")
def pack_index(tmp_path_factory) -> tuple[ContentLibrary, bytes]:
    root = tmp_path_factory.mktemp("prebuilt") / "content"
    shutil.copytree(FIXTURES / "content", root)
    library = ContentLibrary(root)
    return library, SearchIndex(library, None).to_bytes()


@pytest.mark.parametrize("change", list(CRAFTED))
def test_a_crafted_pack_index_is_replaced_by_one_built_from_the_pages(pack_index, change):
    library, image = pack_index
    db = sqlite3.connect(":memory:")
    db.deserialize(image)
    db.executescript(CRAFTED[change])
    crafted = db.serialize()
    index = SearchIndex(library, None, prebuilt=crafted)
    hits = index.search("welcome", "en")
    assert hits[0].page_id == "start-here/welcome"
    assert hits[0].snippet
    assert index.suggestions("welcom") == ["welcome"]
    assert index.built  # its own, from the verified pages


def test_a_section_that_would_unpack_to_megabytes_shows_the_page_title(pack_index):
    library, image = pack_index
    db = sqlite3.connect(":memory:")
    db.deserialize(image)
    (words,) = db.execute("SELECT words FROM dictionaries ORDER BY first LIMIT 1").fetchone()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=zlib.decompress(words))
    bomb = packer.compress(b"x\n" + b"a" * (search.MAX_SHOWN_BYTES + 10)) + packer.flush()
    assert len(bomb) < 10_000
    db.execute("UPDATE shown SET text = ?", (bomb,))
    db.commit()
    index = SearchIndex(library, None, prebuilt=db.serialize())
    assert not index.built
    hit = index.search("welcome", "en")[0]
    assert hit.snippet == "Welcome to the guide"  # its title, not megabytes of "a"


def test_the_pack_index_as_built_is_opened_not_rebuilt(pack_index):
    library, image = pack_index
    index = SearchIndex(library, None, prebuilt=image)
    assert not index.built
    assert index.search("welcome", "en")[0].page_id == "start-here/welcome"


def test_garbage_for_a_pack_index_is_replaced_too(pack_index):
    library, image = pack_index
    index = SearchIndex(library, None, prebuilt=image[:4096] + b"\xa5" * (len(image) - 4096))
    assert index.built
    assert index.search("welcome", "en")[0].page_id == "start-here/welcome"


def test_a_cached_file_with_a_view_that_never_ends_is_stopped_and_rebuilt(tmp_path, content_copy):
    cache, path = _cached_file(tmp_path, content_copy)
    db = sqlite3.connect(path)
    db.executescript(CRAFTED["a view that never ends, named like a table"])
    db.close()
    again = SearchIndex(ContentLibrary(content_copy), cache)  # SQLite stops it: a budget
    assert again.built
    assert again.search("welcome", "en")[0].page_id == "start-here/welcome"


def test_a_language_whose_only_match_is_one_page_gives_the_hit_ranking_would(
    content_copy, monkeypatch
):
    """A language with one matching page is not ranked; its hit is the one ranking gives."""
    pages = {
        "en/device-care/k-title.md": ("Kite", "\n## Wind {#wind}\n\nNothing here.\n"),
        "es/device-care/k-section.md": ("Viento", "\n## Cometa {#c}\n\nUn kite azul.\n"),
        "fr/device-care/k-both.md": ("Kite", "\n## Ciel {#ciel}\n\nUn kite rouge.\n"),
        "ht/device-care/k-two.md": (
            "Van",
            "\n## Kite {#heading}\n\nTèks.\n\n## Lòt {#body}\n\nYon kite.\n",
        ),
        "ar/device-care/k-a.md": ("Kite", "\n## A {#a}\n\nkite kite.\n"),
        "ar/device-care/k-b.md": ("B", "\n## B {#b}\n\nkite.\n"),
    }
    for rel, (title, body) in pages.items():
        write_page(content_copy, rel, FRONT.format(title=title) + body)

    def hits(probe_rows: int) -> list[search.SearchHit]:
        monkeypatch.setattr(search, "PROBE_ROWS", probe_rows)  # 1: every language is ranked
        found = SearchIndex(ContentLibrary(content_copy)).search("kite", "en")
        assert all(not callable(h._score) for h in found) == (probe_rows == 1)
        return found

    probed, ranked = hits(search.PROBE_ROWS), hits(1)
    assert probed == ranked  # pages, order, sections, snippets and scores
    opened = {h.page_id: h.anchor for h in probed}
    assert opened["device-care/k-title"] == ""  # the page's own row only
    assert opened["device-care/k-section"] == "c"
    assert opened["device-care/k-both"] == "ciel"  # its section, not the page's top
    assert opened["device-care/k-two"] == "heading"  # two sections: the heading ranks first


def test_the_first_search_reads_no_more_than_the_next(tmp_path, content_copy):
    """Opening the index prepares every language, so the first search costs what any other does."""
    cache = tmp_path / "cache"
    cache.mkdir()
    SearchIndex(ContentLibrary(content_copy), cache)
    for opened in (
        SearchIndex(ContentLibrary(content_copy), cache),
        SearchIndex(ContentLibrary(content_copy)),
    ):
        statements: list[str] = []
        opened._db.set_trace_callback(statements.append)
        counts = []
        for _ in range(2):
            statements.clear()
            assert opened.search("battery", "ar")
            counts.append(len([s for s in statements if "FROM synonyms" not in s]))
        assert counts[0] == counts[1], statements


def test_a_score_read_after_the_index_is_gone_is_nan_and_rebuilds_nothing(content_copy):
    for code in ("es", "ar"):  # a language with one matching page: its score is read later
        write_page(content_copy, f"{code}/device-care/kite.md", FRONT.format(title="Kite"))
    cache = content_copy.parent / "cache"
    cache.mkdir()
    SearchIndex(ContentLibrary(content_copy), cache)
    index = SearchIndex(ContentLibrary(content_copy), cache)
    hits = [h for h in index.search("kite", "en") if callable(h._score)]
    assert hits
    index._db.close()  # (an index closed or replaced since)
    assert all(h.score != h.score for h in hits)  # NaN
    assert len({hits[0], hits[0]}) == 1  # hashable, and equal to itself
    assert not index.built  # not rebuilt from inside a score
    assert list(cache.glob("search-*.sqlite"))  # and its cached file still there
