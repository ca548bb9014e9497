"""resume.left-out.md: what the budget cut, and what the template has no section for."""

from __future__ import annotations

from tailor.fitting.left_out import left_out_markdown, not_in_template
from tailor.profile.load import parse_profile

PROFILE = b"""
basics: {name: Sam Example}
volunteer:
  - organization: Food Bank
    position: Volunteer driver
    summary: Weekly deliveries to 30 households.
    highlights: [Trained 4 new drivers.]
interests:
  - {name: Running, keywords: [half marathons]}
references:
  - {name: Available on request}
"""


def test_volunteer_interests_and_references_are_listed_never_dropped() -> None:
    unrendered = not_in_template(parse_profile(PROFILE, source="p.yaml"))
    assert [ref for ref, _ in unrendered] == [
        "volunteer[0]",
        "volunteer[0].summary",
        "volunteer[0].highlights[0]",
        "interests[0]",
        "references[0]",
    ]
    page = left_out_markdown(None, unrendered)
    assert "Nothing cut: no page budget" in page
    assert "## Not in the résumé's template" in page
    assert "- `volunteer[0]`: Volunteer driver, Food Bank" in page
    assert "Trained 4 new drivers." in page


def test_a_profile_with_nothing_unrendered_adds_no_section() -> None:
    assert not_in_template(parse_profile(b"basics: {name: Sam Example}\n", source="p.yaml")) == []
    assert "Not in the" not in left_out_markdown(None, [])


def test_sections_the_templates_show_are_not_listed() -> None:
    profile = parse_profile(PROFILE, source="p.yaml")
    assert [ref for ref, _ in not_in_template(profile, volunteer=True, interests=True)] == [
        "references[0]"
    ]
