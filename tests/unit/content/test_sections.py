from __future__ import annotations

from rightsguide.core.content.sections import section_hashes, split_sections, stale_sections

BODY = (
    "Lead text.\n\n## Charging {#charging}\nCharge every day.\n\n"
    "### Night {#night}\nAt night.\n\n## Help {#help}\nAsk.\n"
)


def test_split_keeps_subsections_in_their_section():
    parts = split_sections(BODY)
    assert list(parts) == ["_lead", "charging", "help"]
    assert "At night." in parts["charging"]


def test_headings_inside_code_fences_are_not_sections():
    assert list(split_sections("```\n## Not {#x}\n```\n## Yes {#y}\n")) == ["_lead", "y"]


def test_whitespace_only_edits_do_not_change_the_hash():
    rewrapped = BODY.replace("Charge every day.", "Charge   every\nday.").replace(
        "\n\n## Help", "\n\n\n## Help"
    )
    assert section_hashes(rewrapped) == section_hashes(BODY)


def test_a_changed_sentence_changes_only_its_section():
    old = section_hashes(BODY, "T", "S")
    new = section_hashes(BODY.replace("Ask.", "Ask a lawyer."), "T", "S")
    assert stale_sections(old, new) == ["help"]


def test_changed_title_makes_meta_stale():
    assert stale_sections(section_hashes(BODY, "T", "S"), section_hashes(BODY, "T2", "S")) == [
        "_meta"
    ]


def test_never_stamped_means_everything_is_stale():
    assert stale_sections({}, section_hashes(BODY)) == ["_lead", "charging", "help"]
