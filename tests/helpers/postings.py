"""Small postings the bulk tests build: front matter names the role, the body asks for
skills every example profile has."""

from __future__ import annotations


def posting(title: str, company: str, body: str = "") -> str:
    return (
        f"---\ntitle: {title}\ncompany: {company}\n---\n"
        f"{title} at {company}\n\nRequirements:\n- Python and SQL\n- Docker\n{body}"
    )
