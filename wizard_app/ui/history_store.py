"""Saving a recommendation to the history in two halves: the worker prepares, the GUI
thread writes.

``core.recommend.history.save`` dumps the whole result (tens of milliseconds for a big
one) and hashes the catalog before its short insert; here the dumping happens in the
recommendation's task and only the insert runs on the GUI thread, through the core's own
tables. The rows are the same as ``history.save`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard_app.core.hardware.profile import HardwareProfile
    from wizard_app.core.recommend.engine import Recommendation
    from wizard_app.core.storage.database import Database


@dataclass(frozen=True)
class PreparedEntry:
    name: str
    answers: dict[str, Any]
    hardware: dict[str, Any]
    result: dict[str, Any]
    catalog_digest: str


def prepare(name: str, hw: HardwareProfile, rec: Recommendation) -> PreparedEntry:
    """The JSON of one history entry (pure; runs in the task that ranked)."""
    from wizard_app.core.recommend.history import catalog_digest

    return PreparedEntry(
        name=name,
        answers=rec.request.model_dump(mode="json"),
        hardware=hw.model_dump(mode="json"),
        # pick by pick: short calls let the GUI thread take the GIL in between
        result={
            **rec.model_dump(mode="json", exclude={"picks"}),
            "picks": [p.model_dump(mode="json") for p in rec.picks],
        },
        catalog_digest=catalog_digest(),
    )


def write(db: Database, entry: PreparedEntry) -> int:
    """Insert the prepared entry (GUI thread); returns the profile id."""
    from wizard_app import __version__
    from wizard_app.core.storage.tables import SavedProfile, SavedRecommendation

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
