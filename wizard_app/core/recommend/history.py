"""Saving the user's answers and what they produced, and reading them back.

The SQL lives in ``core.storage.recommend_history``; this module turns a recommendation
into the JSON kept there and says which catalog it came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard_app import __version__
from wizard_app.core.catalog.loader import Catalog, catalog_files
from wizard_app.core.hardware.profile import HardwareProfile
from wizard_app.core.recommend.results import Recommendation
from wizard_app.core.storage import outbox

if TYPE_CHECKING:
    from wizard_app.core.storage.database import Database
    from wizard_app.core.storage.recommend_history import RecommendationHistory

_DIGESTS: dict[int, tuple[Catalog, str]] = {}


@cache
def bundled_catalog_digest() -> str:
    """The bundled catalog files' digest; they do not change while the app runs."""
    h = hashlib.sha256()
    for path in catalog_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def catalog_digest(catalog: Catalog | None = None) -> str:
    """Which catalog a result came from.

    The catalog in use (``core.catalog.update`` makes it a verified update when one is
    installed, with the models the user added) is hashed by its content, so two results
    from the same update share a digest and an update changes it; without one, the
    bundled files.
    """
    if catalog is None:
        return bundled_catalog_digest()
    hit = _DIGESTS.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    h = hashlib.sha256(catalog.origin.encode())
    for entry in catalog:
        h.update(entry.family.encode())
        h.update(entry.variant.model_dump_json().encode())
    digest = h.hexdigest()
    _DIGESTS[id(catalog)] = (catalog, digest)
    return digest


@dataclass(frozen=True)
class PreparedEntry:
    """One history entry as JSON, ready for a short insert."""

    name: str
    answers: dict[str, Any]
    hardware: dict[str, Any]
    result: dict[str, Any]
    catalog_digest: str


def prepare(
    name: str, hw: HardwareProfile, result: Recommendation, catalog: Catalog | None = None
) -> PreparedEntry:
    """Dump the answers, hardware and result (pure: runs in the task that ranked).

    Pick by pick, so a GUI thread waiting for the GIL gets it between short calls.
    ``catalog`` is the one the result was ranked from.
    """
    return PreparedEntry(
        name=name,
        answers=result.request.model_dump(mode="json"),
        hardware=hw.model_dump(mode="json"),
        result={
            **result.model_dump(mode="json", exclude={"picks"}),
            "picks": [p.model_dump(mode="json") for p in result.picks],
        },
        catalog_digest=catalog_digest(catalog),
    )


def write(db: Database, entry: PreparedEntry) -> int:
    """Insert a prepared entry; returns the profile id."""
    return _history(db).add(
        name=entry.name,
        answers=entry.answers,
        hardware=entry.hardware,
        result=entry.result,
        catalog_digest=entry.catalog_digest,
        app_version=__version__,
    )


def save(
    db: Database,
    name: str,
    hw: HardwareProfile,
    result: Recommendation,
    catalog: Catalog | None = None,
) -> int:
    """Store the answers, the hardware used and the result; returns the profile id."""
    return write(db, prepare(name, hw, result, catalog))


def _history(db: Database) -> RecommendationHistory:
    from wizard_app.core.storage.recommend_history import RecommendationHistory

    return RecommendationHistory(db)


def keep(
    database: Path,
    name: str,
    hw: HardwareProfile,
    result: Recommendation,
    catalog: Catalog | None = None,
) -> Path:
    """Keep the answers in the outbox beside ``database``, without opening it.

    For a command that should end quickly: the next database open adds the entry
    (``core.storage.outbox``). Returns the outbox file.
    """
    entry = prepare(name, hw, result, catalog)
    return outbox.put(
        database,
        {
            "name": entry.name,
            "answers": entry.answers,
            "hardware": entry.hardware,
            "result": entry.result,
            "catalog_digest": entry.catalog_digest,
            "app_version": __version__,
        },
    )


def history(db: Database, limit: int = 50) -> list[dict[str, Any]]:
    """The saved entries, newest first, as the history views and the CLI list them."""
    return [
        {
            "id": row.id,
            "name": row.name,
            "created_at": row.created_at.isoformat(),
            "answers": row.answers,
            "top_picks": [f"{x['id']}:{x['quant']}" for x in row.picks[:3]],
        }
        for row in _history(db).latest(limit)
    ]
