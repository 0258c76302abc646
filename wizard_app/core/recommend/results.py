"""What the recommender is asked and what it answers: the request and the result models.

A ``Pick`` refers to its catalog artifact and its fit estimate; the figures the CLI and
the UI show (file, size, verdict, speed) are read through them, not copied.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from wizard_app.core.catalog.schema import USE_CASES, Artifact
from wizard_app.core.errors import InputError
from wizard_app.core.fit import FitEstimate
from wizard_app.core.languages import check_language
from wizard_app.core.recommend.reasons import Reason


class RecommendRequest(BaseModel):
    """The user's answers: what for, under which constraints, with which budget."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    use_case: str = "chat"
    language: str | None = None
    license: Literal["any", "commercial", "unrestricted"] = "any"
    openness: Literal["any", "open-weights", "fully-open"] = "any"
    priority: Literal["quality", "balanced", "speed"] = "balanced"
    context: int | None = Field(default=None, description="tokens; default from the use case")
    disk_budget_gb: float | None = None
    budget_usd: float = 0.0
    top: int = 5

    def check(self) -> None:
        if self.use_case not in USE_CASES:
            raise InputError(
                f"Unknown use case '{self.use_case}'.", f"Choose one of: {', '.join(USE_CASES)}."
            )
        if self.language is not None:
            check_language(self.language)  # an unknown code says so, not "0 picks"
        if self.context is not None and not 256 <= self.context <= 10_000_000:
            raise InputError(
                f"A context of {self.context} tokens is out of range.",
                "Give 256 to 10,000,000 tokens (4096 is a good start).",
            )
        if self.disk_budget_gb is not None and not 0 < self.disk_budget_gb <= 1_000_000:
            raise InputError(
                f"A disk budget of {self.disk_budget_gb:g} GB is out of range.",
                "Give the GB of disk you can spare for models, more than 0.",
            )
        if not 0 <= self.budget_usd <= 1_000_000:
            raise InputError(
                f"A hardware budget of {self.budget_usd:g} USD is out of range.",
                "Give 0 (this machine as it is) or the amount you could spend.",
            )
        if not 1 <= self.top <= 1000:
            raise InputError(f"--top {self.top} is out of range.", "Give 1 to 1000.")


class EvidenceUsed(BaseModel):
    benchmark: str
    score: float
    scale_max: float
    use_case: str
    weight: float
    source: str
    curator_rating: bool = False


class RunningCost(BaseModel):
    usd_per_mtok: float
    power_w: float
    assumption: str
    hosted_usd_per_mtok: float | None = None
    hosted_reference: str | None = None
    hosted_source: str | None = None


class Pick(BaseModel):
    rank: int
    id: str
    name: str
    family: str
    score: float
    quality: float
    artifact: Artifact
    license: str
    commercial: str
    gated: bool
    fully_open: bool
    reasons: list[str]
    caveats: list[str]
    evidence: list[EvidenceUsed]
    running_cost: RunningCost | None
    fit: FitEstimate
    reason_codes: list[Reason] = []

    @model_validator(mode="before")
    @classmethod
    def _saved_before_artifacts(cls, data: Any) -> Any:
        """A history entry saved before picks held their artifact: rebuild it from the
        repo, files and quant it kept (read-only use: the history view)."""
        if isinstance(data, dict) and "artifact" not in data and "repo" in data:
            files = list(data.get("files") or [])
            data = {
                **data,
                "artifact": {
                    "repo": data["repo"],
                    **({"file": files[0]} if len(files) == 1 else {"parts": files}),
                    "quant": data["quant"],
                    "size_bytes": data.get("size_bytes") or None,
                    "source": {
                        "url": f"https://huggingface.co/{data['repo']}",
                        "note": "rebuilt from a history entry saved before picks held it",
                    },
                },
            }
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def quant(self) -> str:
        return self.artifact.quant

    @computed_field  # type: ignore[prop-decorator]
    @property
    def repo(self) -> str:
        return self.artifact.repo

    @computed_field  # type: ignore[prop-decorator]
    @property
    def files(self) -> list[str]:
        return self.artifact.files

    @computed_field  # type: ignore[prop-decorator]
    @property
    def size_bytes(self) -> int:
        """The weights the estimate used: the file's size (or its size from the card)."""
        return self.fit.weights_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def context(self) -> int:
        return self.fit.context

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verdict(self) -> str:
        return self.fit.verdict

    @computed_field  # type: ignore[prop-decorator]
    @property
    def memory_bytes(self) -> int:
        return self.fit.total_bytes

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gpu_layers(self) -> int:
        return self.fit.gpu_layers

    @computed_field  # type: ignore[prop-decorator]
    @property
    def layers(self) -> int:
        return self.fit.layers

    @computed_field  # type: ignore[prop-decorator]
    @property
    def tokens_per_s(self) -> float | None:
        return self.fit.tokens_per_s


class Exclusion(BaseModel):
    id: str
    name: str
    reasons: list[str]
    reason_codes: list[Reason] = []


class Upgrade(BaseModel):
    option_id: str
    name: str
    kind: str
    price_usd: float
    price_note: str | None
    source: str
    top_pick: str
    top_pick_name: str
    quant: str
    verdict: str
    tokens_per_s: float | None
    score: float
    score_gain: float
    unlocks: list[str]
    reason: str
    reason_code: Reason | None = None


class Recommendation(BaseModel):
    request: RecommendRequest
    context: int
    use_case_label: str
    picks: list[Pick]
    excluded: list[Exclusion]
    upgrades: list[Upgrade]
    assumptions: list[str]
    assumption_codes: list[Reason] = []
