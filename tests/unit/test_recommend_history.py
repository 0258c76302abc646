"""The history: saved through the storage repository, with the digest of the catalog used."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from wizard_app.core.catalog.loader import Catalog, load_catalog
from wizard_app.core.errors import StorageError
from wizard_app.core.hardware.profile import HardwareOverrides
from wizard_app.core.recommend import history
from wizard_app.core.recommend.engine import Recommendation, Recommender, RecommendRequest
from wizard_app.core.storage import outbox
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


def _names(db_path: Path) -> list[str]:
    db = Database(db_path)
    try:
        return [r.name for r in RecommendationHistory(db).latest()]
    finally:
        db.close()


def test_kept_answers_are_added_on_the_next_open_oldest_first(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    rec = _rec(CATALOG)
    first = history.keep(path, "first", HW, rec, CATALOG)
    history.keep(path, "second", HW, rec, CATALOG)
    assert first.parent == outbox.outbox_dir(path)
    assert not path.exists()  # keeping opens no database
    db = Database(path)
    try:
        assert db.from_outbox == 2
        rows = RecommendationHistory(db).latest()
        assert [r.name for r in rows] == ["second", "first"]
        assert rows[0].catalog_digest == history.catalog_digest(CATALOG)
        assert [p["id"] for p in rows[0].picks] == [p.id for p in rec.picks]
        assert rows[1].created_at <= rows[0].created_at
    finally:
        db.close()
    assert outbox.pending(path) == []


def test_an_entry_whose_file_outlived_its_insert_is_not_added_twice(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    kept = history.keep(path, "once", HW, _rec(CATALOG), CATALOG)
    copy = tmp_path / "copy.json"
    shutil.copy(kept, copy)
    assert _names(path) == ["once"]
    os.replace(copy, kept)  # as if the process died after the commit, before the unlink
    assert _names(path) == ["once"]
    assert outbox.pending(path) == []


def test_a_file_that_is_no_entry_is_set_aside_and_the_others_added(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history.keep(path, "good", HW, _rec(CATALOG), CATALOG)
    bad = outbox.outbox_dir(path) / "00000000000000000000-broken.json"
    bad.write_text('{"name": "half', encoding="utf-8")
    assert _names(path) == ["good"]
    assert bad.with_suffix(".bad").exists()
    assert outbox.pending(path) == []


def test_an_outbox_that_cannot_be_written_says_what_to_do(tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        history.keep(blocked / "h.sqlite3", "x", HW, _rec(CATALOG), CATALOG)
    assert "--no-save" in caught.value.remedy
    assert list(tmp_path.iterdir()) == [blocked]
