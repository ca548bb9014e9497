"""What the parsers produce: entries with their source place and the values to review."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SECTION_ORDER: tuple[str, ...] = (
    "work", "volunteer", "education", "awards", "certificates", "publications",
    "skills", "languages", "interests", "references", "projects",
)  # fmt: skip
"""JSON Resume's order, which is also the order a reader of the profile expects."""


@dataclass
class Entry:
    values: dict[str, Any]
    where: str
    """The source place, written as a comment above the entry."""
    review: dict[str, str] = field(default_factory=dict)
    """field -> why the parser is unsure of it; written as `# review:` comments."""
    notes: list[str] = field(default_factory=list)
    """Other comments for the reader (a skill tailor's taxonomy does not know)."""

    def set(self, key: str, value: Any, unsure: str | None = None) -> None:
        """Set `key` when the source had a value (never an empty one)."""
        if value in (None, "", []):
            return
        self.values[key] = value
        if unsure:
            self.review[key] = unsure


@dataclass
class Draft:
    source: str
    """What was imported, for the header comment."""
    basics: Entry
    sections: dict[str, list[Entry]] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)
    """Places of lines no section claimed, for the summary."""
    linked: tuple[int, int] = (0, 0)
    """Skill names found in tailor's taxonomy, of all skill names read."""

    def add(self, section: str, entry: Entry) -> None:
        if entry.values:
            self.sections.setdefault(section, []).append(entry)

    def review_count(self) -> int:
        entries = [self.basics, *(e for es in self.sections.values() for e in es)]
        return sum(len(e.review) for e in entries)
