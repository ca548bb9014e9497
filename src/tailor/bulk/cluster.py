"""The engine past one machine: tailor batches on a Dask cluster.

Only the pure work travels: a batch of (profile, posting) items, the job (the
profiles and settings) and the templates as bytes go to a worker, and its
outcomes (each posting's documents as bytes, its score, or its error) come
back. This process alone writes files and the manifest, as with local worker
processes, so atomic writes, edit protection and resuming are the same.
A worker needs only tailor installed (`pip install "tailor-cv[dask]"`): it
loads spaCy and the taxonomy once, on its first batch, and writes the shipped
templates to a private temporary folder. A worker that dies mid-batch loses
nothing: Dask runs the batch again elsewhere (`retries`), and a batch that
keeps killing its workers fails alone, with one line per posting.

`distributed` is imported only here, and only when `--scheduler` is given.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tailor.bulk.inputs import Item
from tailor.bulk.worker import Job, Outcome
from tailor.errors import Problem, TailorError

if TYPE_CHECKING:
    from distributed import Client

INSTALL_HINT = 'pip install "tailor-cv[dask]"'
RETRIES = 3
"""Times Dask reruns a batch whose worker failed or died, before it fails."""
MAX_TEMPLATE_BYTES = 20_000_000
"""All the templates a run ships to its workers; far more than tailor's own (~150 kB)."""


class ClusterError(TailorError):
    """The Dask cluster cannot be used: the extra is missing or the scheduler is unreachable."""


def require_dask() -> None:
    """Fail in one line when the `dask` extra is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError(
            Problem(None, "--scheduler", f"needs Dask, which is not installed: {INSTALL_HINT}")
        ) from None


def connect(address: str) -> Client:
    """A client of the scheduler at `address`, or a one-line error (exit 2)."""
    require_dask()
    from distributed import Client

    try:
        return Client(address, set_as_default=False)  # waits distributed.comm.timeouts.connect
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            Problem(
                None,
                "--scheduler",
                f"cannot reach the Dask scheduler at {address} ({' '.join(str(exc).split())}); "
                "start one with `dask scheduler`, or check the address",
            )
        ) from None


def reachable(address: str) -> None:
    """Fail before the run starts (nothing written) when the cluster cannot be used."""
    connect(address).close()


def cluster_outcomes(
    make_batches: Callable[[int], list[list[Item]]], job: Job, address: str
) -> Iterator[Outcome]:
    """Each batch's outcomes, in order, tailored on the cluster at `address`.

    `make_batches` gets the cluster's worker threads (a batch runs on one). Every
    batch is submitted at once (the scheduler spreads them over the workers).
    Each result is fetched as soon as it is done and let go of on the cluster (a
    worker that dies later loses nothing finished), and handed on in input order,
    so folder names are the same as with local workers.
    """
    from distributed import as_completed

    bundle = template_bundle(job.request.template_dirs)
    client = connect(address)
    futures: dict[int, Any] = {}
    try:
        batches = make_batches(sum(client.nthreads().values()))
        shared = client.scatter([job, bundle], broadcast=True, hash=False)
        futures = {
            n: client.submit(
                run_batch,
                shared[0],
                shared[1],
                batch,
                retries=RETRIES,
                pure=False,
                key=f"tailor-batch-{job.token}-{n}",
            )
            for n, batch in enumerate(batches)
        }
        index = {future.key: n for n, future in futures.items()}
        arrived: dict[int, list[Outcome]] = {}
        following = 0
        for future in as_completed(list(futures.values()), loop=client.loop):
            n = index[future.key]
            arrived[n] = _result(future, batches[n])
            del futures[n]  # the cluster may forget it now
            future.release()
            while following in arrived:
                yield from arrived.pop(following)
                following += 1
    finally:
        _close(client, list(futures.values()))


def _result(future: Any, batch: list[Item]) -> list[Outcome]:
    try:
        outcomes: list[Outcome] = future.result()
    except Exception as exc:  # noqa: BLE001 - the batch fails, the others go on
        text = " ".join(f"{type(exc).__name__}: {exc}".split())
        error = f"a Dask worker could not tailor it, {RETRIES + 1} tries ({text[:300]})"
        return [Outcome(id=item.id, error=error) for item in batch]
    return outcomes


def _close(client: Client, futures: list[Any]) -> None:
    """Cancel what is left (an interrupt, an error) and let go of the cluster."""
    try:
        if futures:
            client.cancel(futures)
    finally:
        client.close()


def template_bundle(dirs: Sequence[Path]) -> dict[str, bytes]:
    """Every template file the run may use, relative path -> bytes; the first folder
    of the search path wins, as `find_template` looks them up. A link is taken only
    when it stays inside its folder (`find_template` refuses the others)."""
    files: dict[str, bytes] = {}
    total = 0
    for folder in dirs:
        root = folder.resolve()
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                continue
            if not path.resolve().is_relative_to(root):
                continue
            key = relative.as_posix()
            if key in files:
                continue
            files[key] = path.read_bytes()
            total += len(files[key])
            if total > MAX_TEMPLATE_BYTES:
                raise ClusterError(
                    Problem(
                        str(folder),
                        None,
                        f"holds over {MAX_TEMPLATE_BYTES:,} bytes of templates to send to the "
                        "workers; keep only templates in it",
                    )
                )
    return files


# --------------------------------------------------------------- on a Dask worker

_lock = threading.Lock()
"""One batch at a time per worker process: the session is the process's."""


def run_batch(job: Job, bundle: Mapping[str, bytes], items: list[Item]) -> list[Outcome]:
    """A Dask task: tailor `items` with `job`, its templates taken from `bundle`."""
    from tailor.bulk import worker

    with _lock:
        if not worker.started(job):
            folder = _unpack(bundle)
            worker.start(replace(job, request=replace(job.request, template_dirs=(folder,))))
        return worker.tailor_batch(items)


def _unpack(bundle: Mapping[str, bytes]) -> Path:
    """The shipped templates in a folder of this machine, named by their digest (a
    worker that runs several jobs with the same templates unpacks them once)."""
    digest = hashlib.sha256()
    for name in sorted(bundle):
        digest.update(name.encode() + b"\0" + hashlib.sha256(bundle[name]).digest())
    folder = Path(tempfile.gettempdir()) / f"tailor-templates-{digest.hexdigest()[:24]}"
    if folder.is_dir():
        return folder
    staging = Path(tempfile.mkdtemp(prefix="tailor-templates-"))
    for name, data in bundle.items():
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    try:
        staging.rename(folder)  # atomic: another worker process may do the same
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # it did: use its folder
    return folder
