"""GUI test fixtures: data under tmp_path and a pool per test (tests/guards.py checks that
no thread or pool task is left behind)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QThreadPool

from wizard_app.core.catalog import Catalog, load_catalog
from wizard_app.core.hardware.profile import (
    CpuInfo,
    GiB,
    GpuInfo,
    HardwareProfile,
)
from wizard_app.core.paths import AppPaths
from wizard_app.core.settings import AppSettings
from wizard_app.core.storage.database import Database
from wizard_app.ui.presets import load_presets
from wizard_app.ui.services import Loaded, Services


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "app").ensure()


@pytest.fixture
def pool() -> Iterator[QThreadPool]:
    pool = QThreadPool()
    pool.setMaxThreadCount(4)
    yield pool
    assert pool.waitForDone(10_000), "a pool task did not finish"
    assert pool.activeThreadCount() == 0


@pytest.fixture
def services(paths: AppPaths, pool: QThreadPool, qtbot) -> Iterator[Services]:  # type: ignore[no-untyped-def]
    """Services with nothing loaded yet (as right after start-up)."""
    s = Services(paths, pool, AppSettings())
    # The tests' probes report an example laptop, not the CPU they run on: timing this CPU
    # for it would be wrong (test_hardware_measure.py measures the real machine).
    s.measure_speed = False
    yield s
    s.shutdown()


@pytest.fixture
def ready(services: Services, catalog: Catalog, paths: AppPaths) -> Services:
    """Services with the catalog (loaded once per session) and a fresh database."""
    services.adopt(Loaded(catalog, Database(paths.database), load_presets()))
    return services


def laptop() -> HardwareProfile:
    """16 GiB of RAM, an 8 GiB NVIDIA GPU, 8 cores, 200 GiB free."""
    return HardwareProfile(
        os="Linux",
        arch="x86_64",
        ram_total_bytes=16 * GiB,
        ram_available_bytes=12 * GiB,
        cpu=CpuInfo(model="Test CPU", physical_cores=8, logical_cores=16),
        gpus=[
            GpuInfo(
                vendor="nvidia",
                name="NVIDIA GeForce RTX 4060",
                memory_total_bytes=8 * GiB,
                memory_free_bytes=7 * GiB,
                source="test",
            )
        ],
        disk_free_bytes=200 * GiB,
        disk_path="/",
    )


@pytest.fixture
def fixed_hardware(monkeypatch: pytest.MonkeyPatch) -> HardwareProfile:
    """The probes report ``laptop()`` (the real probes read whatever runs the tests)."""
    import wizard_app.core.hardware.probe as probe

    profile = laptop()
    monkeypatch.setattr(probe, "detect", lambda *_a, **_k: profile.model_copy(deep=True))
    return profile


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Qt warnings fail GUI tests (qutebrowser's ``qt_log_level_fail``), except the
    offscreen platform's note that it cannot resize windows to their size hints."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(
                pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
            )
