"""Check what a bulk run needs before it starts: the profiles and every template.

A missing template is one error for the whole run (exit 2), not the same
failure a thousand times; so is a bad profile in a `--profile` run. In a
many-profile run a bad profile fails its own pairs, each with the same one-line
reason, and the other profiles go on. The bytes read here also make each
profile's settings hash, which tells a rerun whether its documents are up to date.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from tailor.bulk.failure import one_line
from tailor.bulk.plan import settings_digest
from tailor.bulk.worker import Job
from tailor.clock import run_date
from tailor.errors import TailorError

if TYPE_CHECKING:
    from tailor.profile.model import Profile


@dataclass(frozen=True)
class Loaded:
    job: Job
    settings: dict[str, str]
    """Profile key -> the hash of everything besides the posting that decides its documents."""
    problems: dict[str, str]
    """Profile key -> why that profile cannot be used (a many-profile run goes on without it)."""


def load_job(
    *,
    profiles: Mapping[str, str],
    kinds: list[str],
    formats: list[str],
    template: str,
    templates_dir: Path | None,
    tone: str = "formal",
    pages: int | None = None,
    debug: bool = False,
    min_score: int | None = None,
    strict: bool = True,
) -> Loaded:
    """The job every worker runs, with each profile of `profiles` (key -> path).

    `strict`: a bad profile raises (a `--profile` run); otherwise it is a problem
    of that profile's pairs alone.
    """
    from tailor import __version__
    from tailor.compose.inputs import DocumentOptions
    from tailor.compose.wording import builtin_voices, load_voices
    from tailor.documents import KINDS, DocKind, OutputFormat, Tone, template_formats
    from tailor.pipeline import Request
    from tailor.profile.load import parse_profile, read_profile_bytes
    from tailor.render.templates import find_template, search_path

    dirs = search_path(templates_dir)
    templates: dict[str, bytes] = {}
    for kind in kinds:
        for fmt in template_formats(cast(list[OutputFormat], formats)):
            found = find_template(cast(DocKind, kind), template, fmt, dirs)
            templates[f"{kind}.{fmt}"] = found.read_bytes()
    request = Request(
        kinds=tuple(cast(list[DocKind], kinds)),
        formats=tuple(cast(list[OutputFormat], formats)),
        template=template,
        template_dirs=tuple(dirs),
        options=DocumentOptions(
            tone=cast(Tone, tone),
            pages=pages,
            date=run_date(),
            voice=load_voices(dirs)[tone] if "letter" in kinds else None,
        ),
    )
    voice = request.options.voice
    own = voice is not None and voice != builtin_voices()[tone]
    wording = voice.model_dump_json() if voice is not None and own else None
    loaded: dict[str, Profile] = {}
    settings: dict[str, str] = {}
    problems: dict[str, str] = {}
    for key, path in profiles.items():
        try:
            data = read_profile_bytes(path)  # read once: what is parsed is what is hashed
            loaded[key] = parse_profile(data, source=path)
        except TailorError as exc:
            if strict:
                raise
            problems[key] = f"the profile {path} cannot be used: {one_line(exc, path)}"
            continue
        settings[key] = settings_digest(
            profile=data,
            templates=templates,
            kinds=kinds,
            formats=formats,
            template=template,
            tone=tone,
            version=__version__,
            pages=pages if any(KINDS[k].paged for k in request.kinds) else None,
            wording=wording,
        )
    job = Job(
        profiles=loaded,
        request=request,
        debug=debug,
        min_score=min_score,
        token=uuid.uuid4().hex,
    )
    return Loaded(job, settings, problems)
