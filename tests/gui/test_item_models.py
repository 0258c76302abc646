"""Every item model the windows show, checked by Qt's model tester."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from wizard_app.core.download.status import DownloadInfo
from wizard_app.core.recommend import history
from wizard_app.core.recommend.engine import Recommender, RecommendRequest
from wizard_app.core.storage.run_tables import TrialRun
from wizard_app.ui.models.downloads import DownloadsModel
from wizard_app.ui.models.history import HistoryModel
from wizard_app.ui.models.library import LibraryItem, LibraryModel
from wizard_app.ui.models.recommendations import ExclusionModel, PickTableModel, UpgradeModel
from wizard_app.ui.models.runs import RunsModel
from wizard_app.ui.widgets.delegates import FRACTION_ROLE, KIND_ROLE

from .conftest import laptop


def test_recommendation_models(qtmodeltester, catalog) -> None:  # type: ignore[no-untyped-def]
    rec = Recommender(catalog).run(laptop(), RecommendRequest(use_case="coding", budget_usd=2000))
    picks = PickTableModel()
    picks.set_picks(rec.picks, unified=False)
    qtmodeltester.check(picks)
    assert picks.index(0, picks.FIT).data(KIND_ROLE) == rec.picks[0].verdict
    assert 0 < picks.index(0, picks.MEMORY).data(FRACTION_ROLE) <= 1
    excluded, upgrades = ExclusionModel(), UpgradeModel()
    excluded.set_rows(rec.excluded)
    upgrades.set_rows(rec.upgrades)
    qtmodeltester.check(excluded)
    qtmodeltester.check(upgrades)
    assert upgrades.rowCount() > 0
    for model in (picks, excluded, upgrades):  # an empty result is a valid model too
        model.set_rows([])
        qtmodeltester.check(model)


def test_history_model(qtmodeltester, ready) -> None:  # type: ignore[no-untyped-def]
    rec = Recommender(ready.catalog).run(laptop(), RecommendRequest(use_case="math"))
    history.save(ready.database, "Maths (balanced)", laptop(), rec)
    model = HistoryModel()
    model.set_rows(history.history(ready.database))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Maths"
    assert rec.picks[0].id in model.index(0, 3).data()


def test_library_and_download_models(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    library = LibraryModel()
    library.set_rows(
        [
            LibraryItem(
                "Tiny", "/m/tiny.gguf", 123_000_000, "Q4_K_M", added_at=datetime.now(timezone.utc)
            ),
            LibraryItem("Other", "/m/other.gguf", 5_000_000_000, None),
        ]
    )
    qtmodeltester.check(library)
    downloads = DownloadsModel()
    downloads.set_rows(
        [
            DownloadInfo(
                1,
                "org/repo",
                "m.gguf",
                "main",
                None,
                "paused",
                None,
                10,
                100,
                Path("/m/org/repo/m.gguf"),
                None,
                "x",
                "Q4_K_M",
            ),
        ]
    )
    downloads.set_progress(1, 50)
    qtmodeltester.check(downloads)
    assert downloads.index(0, 1).data() == "paused"


def test_runs_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    run = TrialRun(
        created_at=datetime.now(timezone.utc),
        model_name="Tiny",
        quant="F16",
        prompt="hello",
        ttft_s=0.12,
        gen_tok_per_s=50.0,
        predicted_tok_per_s=40.0,
        peak_rss_bytes=300 << 20,
        predicted_rss_bytes=280 << 20,
    )
    model = RunsModel()
    model.set_rows([run])
    qtmodeltester.check(model)
    assert "50" in model.index(0, 4).data()
