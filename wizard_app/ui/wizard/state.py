"""What the pages share beyond simple fields: rich values produced along the way.

Simple inputs (use case, language, licence, budget...) are registered wizard fields;
this holds the detected hardware, the recommendation, the chosen model and what the
download and the trial produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard_app.core.catalog.schema import Artifact
    from wizard_app.core.cluster.target import Target
    from wizard_app.core.fit import FitEstimate
    from wizard_app.core.hardware.profile import HardwareProfile
    from wizard_app.core.recommend.engine import Pick, Recommendation


@dataclass
class Choice:
    """The model and the file the user settled on, with its estimate on this machine.

    The file is the catalog's ``Artifact`` itself (repo, files, quant, sha256, revision),
    referenced, not copied: the download is requested from it.
    """

    id: str
    name: str
    artifact: Artifact
    size_bytes: int
    fit: FitEstimate
    gated: bool = False

    @classmethod
    def from_pick(cls, pick: Pick, artifact: Artifact | None = None) -> Choice:
        """The pick's own file, or ``artifact`` (another quant of the same model)."""
        return cls(
            id=pick.id,
            name=pick.name,
            artifact=artifact or pick.artifact,
            size_bytes=pick.size_bytes,
            fit=pick.fit,
            gated=pick.gated,
        )

    @property
    def quant(self) -> str:
        return self.artifact.quant

    @property
    def repo(self) -> str:
        return self.artifact.repo

    @property
    def files(self) -> list[str]:
        return list(self.artifact.files)

    @property
    def sha256(self) -> str | None:
        return self.artifact.sha256

    @property
    def revision(self) -> str | None:
        return self.artifact.revision


@dataclass
class WizardState:
    probed: HardwareProfile | None = None  # what the probes read
    probe_error: str | None = None
    hardware: HardwareProfile | None = None  # what the recommendation uses
    target: Target | None = None  # another machine or a cluster; None: this computer
    recommendation: Recommendation | None = None
    history_id: int | None = None
    choice: Choice | None = None
    model_path: Path | None = None  # the first (or only) file, once on disk
    installed_before: bool = False
    trial: dict[str, Any] = field(default_factory=dict)  # measured figures of the last run

    def reset_after_hardware(self) -> None:
        self.recommendation = None
        self.choice = None
        self.model_path = None
        self.trial = {}
