"""The history: saved through the storage repository, with the digest of the catalog used."""

from __future__ import annotations

from pathlib import Path

from wizard_app.core.catalog.loader import Catalog, load_catalog
from wizard_app.core.hardware.profile import HardwareOverrides
from wizard_app.core.recommend import history
from wizard_app.core.recommend.engine import Recommendation, Recommender, RecommendRequest
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.recommend_history import RecommendationHistory

CATALOG = load_catalog()
HW = HardwareOverrides(ram_gb=32, vram_gb=12, gpu="nvidia").planned()


def _rec(catalog: Catalog) -> Recommendation:
    return Recommender(catalog).run(HW, RecommendRequest(use_case="coding", top=3))


def test_an_update_in_use_gives_another_digest_than_the_bundled_catalog() -> None:
    # what core.catalog.update hands out: the update's entries, with its origin
    update = Catalog(entries=CATALOG.entries[:-1], origin="update 2026-12-01 12:00 UTC")
    bundled = history.catalog_digest(CATALOG)
    assert history.catalog_digest(CATALOG) == bundled  # stable for one catalog
    assert history.catalog_digest(update) != bundled
    same_content = Catalog(entries=list(CATALOG.entries), origin=CATALOG.origin)
    assert history.catalog_digest(same_content) == bundled
    entry = history.prepare("coding", HW, _rec(update), update)
    assert entry.catalog_digest == history.catalog_digest(update)


def test_saved_entries_are_read_back_through_the_repository(tmp_path: Path) -> None:
    db = Database(tmp_path / "h.sqlite3")
    try:
        rec = _rec(CATALOG)
        pid = history.save(db, "Coding (balanced)", HW, rec, CATALOG)
        (row,) = RecommendationHistory(db).latest()
        assert row.id == pid
        assert row.catalog_digest == history.catalog_digest(CATALOG)
        assert [p["id"] for p in row.picks] == [p.id for p in rec.picks]
        (listed,) = history.history(db)
        assert listed["top_picks"][0] == f"{rec.picks[0].id}:{rec.picks[0].quant}"
    finally:
        db.close()


def test_a_result_saved_before_picks_held_their_artifact_still_opens() -> None:
    rec = _rec(CATALOG)
    data = rec.model_dump(mode="json")
    for pick in data["picks"]:  # the shape of entries saved by earlier versions
        del pick["artifact"]
        pick["fit"].pop("ram_need_bytes")
    again = Recommendation.model_validate(data)
    first, old = rec.picks[0], again.picks[0]
    assert (old.repo, old.files, old.quant) == (first.repo, first.files, first.quant)
    assert old.fit.total_bytes == first.fit.total_bytes
    assert old.fit.placement.gpu_split == first.fit.placement.gpu_split
