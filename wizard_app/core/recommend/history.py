"""Saving the user's answers and what they produced, and reading them back."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select

from wizard_app import __version__
from wizard_app.core.catalog.loader import catalog_files
from wizard_app.core.hardware.profile import HardwareProfile
from wizard_app.core.recommend.engine import Recommendation
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.tables import SavedProfile, SavedRecommendation


@cache
def catalog_digest() -> str:
    """Which catalog a result came from; the bundled files do not change while the app runs."""
    h = hashlib.sha256()
    for path in catalog_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class PreparedEntry:
    """One history entry as JSON, ready for a short insert."""

    name: str
    answers: dict[str, Any]
    hardware: dict[str, Any]
    result: dict[str, Any]
    catalog_digest: str


def prepare(name: str, hw: HardwareProfile, result: Recommendation) -> PreparedEntry:
    """Dump the answers, hardware and result (pure: runs in the task that ranked).

    Pick by pick, so a GUI thread waiting for the GIL gets it between short calls.
    """
    return PreparedEntry(
        name=name,
        answers=result.request.model_dump(mode="json"),
        hardware=hw.model_dump(mode="json"),
        result={
            **result.model_dump(mode="json", exclude={"picks"}),
            "picks": [p.model_dump(mode="json") for p in result.picks],
        },
        catalog_digest=catalog_digest(),
    )


def write(db: Database, entry: PreparedEntry) -> int:
    """Insert a prepared entry; returns the profile id."""
    with db.session() as s:
        profile = SavedProfile(name=entry.name, answers=entry.answers, hardware=entry.hardware)
        profile.recommendations.append(
            SavedRecommendation(
                catalog_digest=entry.catalog_digest, app_version=__version__, result=entry.result
            )
        )
        s.add(profile)
        s.commit()
        return profile.id


def save(db: Database, name: str, hw: HardwareProfile, result: Recommendation) -> int:
    """Store the answers, the hardware used and the result; returns the profile id."""
    return write(db, prepare(name, hw, result))


def history(db: Database, limit: int = 50) -> list[dict[str, Any]]:
    with db.session() as s:
        rows = s.scalars(select(SavedProfile).order_by(SavedProfile.id.desc()).limit(limit)).all()
        out = []
        for p in rows:
            latest = p.recommendations[-1] if p.recommendations else None
            picks = latest.result.get("picks", []) if latest else []
            out.append(
                {
                    "id": p.id,
                    "name": p.name,
                    "created_at": p.created_at.isoformat(),
                    "answers": p.answers,
                    "top_picks": [f"{x['id']}:{x['quant']}" for x in picks[:3]],
                }
            )
        return out
