"""`report.html`: the posting with each requirement line highlighted by how the profile
backs it, the evidence beside it, and the score broken down.

Written beside `report.md` and by `tailor analyze --profile P --html FILE`. It is
for looking at, where `report.md` is for reading: one self-contained file (inline
CSS, system fonts, no script, no network) that reads on a phone.

The highlighted posting is drawn by spaCy's displaCy span renderer (each physical
line of the posting that holds a requirement line is one displaCy document whose
spans are the requirement lines, labelled by status); the page around it is a
Jinja2 template rendered in tailor's sandboxed, autoescaping environment. A posting
is hostile input: its text reaches the page only through displaCy's and Jinja's
escaping. Huge postings are cut (`MAX_TEXT`, `MAX_LINES`) with a note.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from tailor.analysis.models import Analysis, DegreeCheck, LineMatch, RequirementCheck
from tailor.matching.align import PROFESSION_CAP, SUBJECT_CAP
from tailor.matching.lines import LINE_WEIGHTS, STATUS_CREDIT
from tailor.matching.report import score_lines, shorten

if TYPE_CHECKING:
    from tailor.skills.taxonomy import Taxonomy

MAX_TEXT = 40_000
"""Characters of the posting shown highlighted; the rest is summarised in a note.
A real posting is 2,000-10,000; displaCy writes a few hundred bytes per highlighted word."""
MAX_LINES = 200
"""Requirement lines shown with their evidence; real postings have 10-40."""
MAX_FACT = 220
"""Characters of a cited fact shown (a whole summary paragraph would crowd the page)."""


@dataclass(frozen=True)
class StatusStyle:
    """How one status looks: never by colour alone (an icon and a word too)."""

    key: str
    icon: str
    word: str
    colour: str
    """Background of the label and the underline; black text on it has a contrast
    ratio of at least 10:1."""

    @property
    def label(self) -> str:
        return f"{self.icon} {self.word}"


STATUSES: dict[str, StatusStyle] = {
    "backed": StatusStyle("backed", "✓", "backed", "#7fd98c"),
    "partial": StatusStyle("partial", "◐", "partial", "#ffd166"),
    "missing": StatusStyle("missing", "✗", "missing", "#ff9e9e"),
    "not-scored": StatusStyle("not-scored", "–", "not scored", "#d4d4d4"),
}

# displaCy's span renderer with tailor's markup: the same per-token spans, underlines
# and start labels as its default templates, but styled by the page's CSS (classes)
# so that lines wrap on a phone; only the colours are inline, from `options["colors"]`.
_DISPLACY_TEMPLATES = {
    "span": '<span class="tok">{text}{span_slices}{span_starts}</span> ',
    "slice": '<span class="bar" style="background: {bg}"></span>',
    "start": '<span class="lab" style="background: {bg}">{label}</span>',
}
_DISPLACY_OPTIONS: dict[str, Any] = {
    "colors": {s.label: s.colour for s in STATUSES.values()},
    "template": _DISPLACY_TEMPLATES,
}
_CONCEPTS = re.compile(r"(?<=\bconcepts )([^;]+)")
_DOC_START = re.compile(r'(?=<div class="spans")')
_SEAL = re.compile(rb"\n<!-- tailor report sha256:([0-9a-f]{64}) -->\n\Z")


@dataclass(frozen=True)
class _Evidence:
    ref: str
    text: str
    why: str


@dataclass(frozen=True)
class _Line:
    """One requirement line as the template shows it."""

    number: int
    status: str
    label: str
    colour: str
    text: str
    ask: str
    """What kind of ask the line is: "required skill", "preferred experience", "duty"."""
    section: str
    confidence: str
    evidence: list[_Evidence]


@dataclass
class _Row:
    """One physical line of the posting: plain text, a heading, or highlighted lines."""

    kind: str  # "plain" | "heading" | "blank" | "marked"
    text: str = ""
    html: Markup = field(default_factory=Markup)
    lines: list[_Line] = field(default_factory=list)


@dataclass(frozen=True)
class _Tally:
    name: str
    counts: dict[str, int]
    earned: float
    total: float


SkillName = Callable[[str], str | None]
"""A taxonomy id -> the skill's name, or None when unknown."""


def report_html(analysis: Analysis, *, version: str, taxonomy: Taxonomy | None = None) -> str:
    """The report page for an analysis with a match (see the module docstring).

    With the `taxonomy` the match used, the concepts a line and a fact share are shown by name ("Docker")
    rather than by id (an ESCO URI is 70 characters of noise to a reader)."""
    match = analysis.match
    if match is None:
        raise ValueError("report_html needs an analysis with a match")
    text = analysis.posting.text
    shown_text = _cut(text, MAX_TEXT)
    ordered = sorted(match.lines, key=lambda line: line.start)
    numbered = {id(line): i for i, line in enumerate(ordered, 1)}
    kept = ordered[:MAX_LINES]
    in_text = [line for line in kept if line.end <= len(shown_text)]
    names: SkillName = (lambda _: None) if taxonomy is None else _namer(taxonomy)
    after = [_view(line, numbered[id(line)], names) for line in kept if line.end > len(shown_text)]
    headings = {s.start for s in analysis.sections if s.heading}
    context = {
        "title": analysis.posting.title or "role",
        "company": analysis.posting.company or "company",
        "source": analysis.posting.source,
        "score": match.score,
        "profession_gap": match.profession_gap,
        "profession_cap": PROFESSION_CAP,
        "subject_gap": match.subject_gap,
        "subject_cap": SUBJECT_CAP,
        "statuses": list(STATUSES.values()),
        "tallies": _tallies(match.lines),
        "checks": [_check(c) for c in match.requirements],
        "score_lines": score_lines(match),
        "rows": _rows(shown_text, in_text, numbered, headings, names),
        "after": after,
        "cut_chars": len(text) - len(shown_text),
        "cut_lines": len(ordered) - len(kept),
        "version": version,
    }
    return seal(_template().render(context))


def seal(html: str) -> str:
    """`html` with a last line holding the hash of everything before it, so that a
    later run can tell a report it wrote, untouched, from a file someone edited."""
    body = html.rstrip("\n") + "\n"
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return f"{body}<!-- tailor report sha256:{digest} -->\n"


def is_unedited_report(data: bytes) -> bool:
    """Whether `data` is a report tailor wrote (`seal`), exactly as it wrote it."""
    found = _SEAL.search(data)
    if found is None:
        return False
    return hashlib.sha256(data[: found.start() + 1]).hexdigest() == found[1].decode()


def _template() -> Any:
    from tailor.render.environment import make_env

    source = (files("tailor") / "resources" / "report.html.j2").read_text(encoding="utf-8")
    return make_env(autoescape=True).from_string(source)


def _cut(text: str, limit: int) -> str:
    """`text`, or its first `limit` characters ended at a line break when there is one."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    at = head.rfind("\n")
    return head[: at + 1] if at > 0 else head


def _view(line: LineMatch, number: int, names: SkillName) -> _Line:
    style = STATUSES[line.status]
    return _Line(
        number=number,
        status=line.status,
        label=style.label,
        colour=style.colour,
        text=line.text,
        ask=line.kind if line.importance == "unspecified" else f"{line.importance} {line.kind}",
        section=line.section,
        confidence=f"{line.confidence:.0%}",
        evidence=[
            _Evidence(e.ref, shorten(e.text, MAX_FACT), _named(e.why, names)) for e in line.evidence
        ],
    )


def _namer(taxonomy: Taxonomy) -> SkillName:
    def name(skill_id: str) -> str | None:
        skill = taxonomy.get(skill_id)
        return skill.name if skill is not None else None

    return name


def _named(why: str, names: SkillName) -> str:
    """`why` ("concepts onet:docker; words docker") with each concept id by its name."""
    return _CONCEPTS.sub(lambda m: ", ".join(names(c) or c for c in m[1].split(", ")), why)


def _rows(
    text: str,
    lines: Sequence[LineMatch],
    numbered: dict[int, int],
    headings: set[int],
    names: SkillName,
) -> list[_Row]:
    """The posting's physical lines, each requirement line marked in the line it stands in."""
    rows: list[_Row] = []
    docs: list[dict[str, Any]] = []
    pending = list(lines)  # sorted by start
    at = 0
    for raw in text.splitlines(keepends=True):
        start, end = at, at + len(raw)
        at = end
        body = raw.rstrip("\r\n")
        if not body.strip():
            if rows and rows[-1].kind != "blank":
                rows.append(_Row("blank"))
            continue  # a line starting in blank space is marked in the next line
        inside = []
        while pending and pending[0].start < end:
            inside.append(pending.pop(0))
        if not inside:
            kind = "heading" if start in headings or start + _indent(body) in headings else "plain"
            rows.append(_Row(kind, text=body.strip()))
            continue
        tokens = [(m.start() + start, m.end() + start, m[0]) for m in re.finditer(r"\S+", body)]
        spans = []
        for line in inside:
            covered = [i for i, (s, e, _) in enumerate(tokens) if s < line.end and e > line.start]
            if covered:
                label = STATUSES[line.status].label
                spans.append(
                    {"start_token": covered[0], "end_token": covered[-1] + 1, "label": label}
                )
        docs.append({"text": body, "tokens": [t for _, _, t in tokens], "spans": spans})
        views = [_view(line, numbered[id(line)], names) for line in inside]
        rows.append(_Row("marked", lines=views))
    while rows and rows[-1].kind == "blank":
        rows.pop()
    marked = [row for row in rows if row.kind == "marked"]
    for row, html in zip(marked, _displacy(docs), strict=True):
        row.html = Markup(html)
    return rows


def _displacy(docs: list[dict[str, Any]]) -> list[str]:
    """Each doc's markup from one displaCy call (a call per doc costs ten times as much:
    displaCy looks up its colour registry each time). Its markup puts each doc in a
    `<div class="spans"`; the text inside is escaped, so that cannot occur within."""
    if not docs:
        return []
    from spacy import displacy

    html = displacy.render(
        docs, style="span", manual=True, page=False, jupyter=False, options=_DISPLACY_OPTIONS
    )
    return _DOC_START.split(html)[1:]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _tallies(lines: Sequence[LineMatch]) -> list[_Tally]:
    """Lines by importance: how many are backed, partial, missing or not scored, and the
    points they earn (`matching.lines.line_score`: partial counts half)."""
    names = {"required": "Required", "preferred": "Preferred", "unspecified": "Other (duties)"}
    out = []
    for importance, name in names.items():
        group = [line for line in lines if line.importance == importance]
        if not group:
            continue
        counts = {status: sum(1 for line in group if line.status == status) for status in STATUSES}
        scored = [line for line in group if line.status != "not-scored"]
        weight = LINE_WEIGHTS[importance]
        earned = sum(weight * STATUS_CREDIT[line.status] for line in scored)
        out.append(_Tally(name, counts, earned, weight * len(scored)))
    if len(out) > 1:
        counts = {s: sum(t.counts[s] for t in out) for s in STATUSES}
        out.append(
            _Tally("All lines", counts, sum(t.earned for t in out), sum(t.total for t in out))
        )
    return out


def _check(check: RequirementCheck) -> dict[str, str]:
    """A years or degree check as one row: what was asked, what the profile has."""
    met = check.status == "met"
    style = STATUSES[{"met": "backed", "unknown": "not-scored"}.get(check.status, "missing")]
    if isinstance(check, DegreeCheck):
        need = check.need + (" or equivalent" if check.or_equivalent else "")
        have = check.have_text + (f" ({check.ref})" if check.ref else "")
    else:
        need = f"{check.need:g} years"
        have = f"{check.have_text} years ({check.basis})"
    word = "met" if met else ("unknown" if check.status == "unknown" else "not met")
    return {
        "kind": check.kind,
        "text": check.text,
        "need": need,
        "have": have,
        "label": f"{style.icon} {word}",
        "colour": style.colour,
        "importance": check.importance,
    }
