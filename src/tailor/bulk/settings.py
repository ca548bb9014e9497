"""Check what a bulk run needs before it starts: the profile and every template.

A bad profile or a missing template is one error for the whole run (exit 2),
not the same failure a thousand times. The bytes read here also make the
settings hash that tells a rerun whether its documents are up to date.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from tailor.bulk.plan import settings_digest
from tailor.bulk.worker import Job
from tailor.clock import run_date


def load_job(
    *,
    profile: str,
    kinds: list[str],
    formats: list[str],
    template: str,
    templates_dir: Path | None,
    tone: str = "formal",
    pages: int | None = None,
    debug: bool = False,
) -> tuple[Job, str]:
    """The job every worker runs, and the hash of its settings."""
    from tailor import __version__
    from tailor.compose.inputs import DocumentOptions
    from tailor.documents import KINDS, DocKind, OutputFormat, Tone, template_formats
    from tailor.pipeline import Request
    from tailor.profile.load import parse_profile, read_profile_bytes
    from tailor.render.templates import find_template, search_path

    data = read_profile_bytes(profile)  # read once: what is parsed is what is hashed
    loaded = parse_profile(data, source=profile)
    dirs = search_path(templates_dir)
    templates: dict[str, bytes] = {}
    for kind in kinds:
        for fmt in template_formats(cast(list[OutputFormat], formats)):
            path = find_template(cast(DocKind, kind), template, fmt, dirs)
            templates[f"{kind}.{fmt}"] = path.read_bytes()
    request = Request(
        kinds=tuple(cast(list[DocKind], kinds)),
        formats=tuple(cast(list[OutputFormat], formats)),
        template=template,
        template_dirs=tuple(dirs),
        options=DocumentOptions(tone=cast(Tone, tone), pages=pages, date=run_date()),
    )
    job = Job(profile=loaded, request=request, debug=debug)
    digest = settings_digest(
        profile=data,
        templates=templates,
        kinds=kinds,
        formats=formats,
        template=template,
        tone=tone,
        version=__version__,
        pages=pages if any(KINDS[k].paged for k in request.kinds) else None,
    )
    return job, digest
