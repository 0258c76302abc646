"""The recommender's rules and the hardware upgrade table, loaded from ``resources/``."""

from __future__ import annotations

import itertools
import math
import re
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from wizard_app.core.catalog.schema import USE_CASES, Source
from wizard_app.core.errors import CatalogError
from wizard_app.core.paths import bundled_dir
from wizard_app.core.yamlfile import YAMLError, load_yaml_file


@lru_cache(maxsize=4096)
def benchmark_key(name: str) -> str:
    """Lowercase, without a trailing qualifier in parentheses or after a comma."""
    return re.split(r"\s*[(,]", name.strip(), maxsplit=1)[0].strip().lower()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BenchmarkRule(_Strict):
    weight: float = Field(gt=0)
    top: float = Field(gt=0)


class UseCaseRule(_Strict):
    label: str
    benchmarks: dict[str, BenchmarkRule]
    fallback: dict[str, float] = Field(default_factory=dict)
    min_context: int | None = None

    @model_validator(mode="after")
    def _fallbacks_known(self) -> UseCaseRule:
        for name, factor in self.fallback.items():
            if name not in USE_CASES:
                raise ValueError(f"fallback to unknown use case {name!r}")
            if not 0 < factor <= 1:
                raise ValueError(f"fallback factor for {name!r} must be in (0, 1]")
        return self


class QuantQuality(_Strict):
    min_bpw: float = Field(ge=0)
    factor: float = Field(gt=0, le=1)


class Priority(_Strict):
    quality: float = Field(ge=0)
    speed: float = Field(ge=0)
    target: float = Field(gt=0)
    floor: float = Field(gt=0)
    beyond_target: float = Field(default=0.25, ge=0, le=1)

    def speed_score(self, tps: float | None) -> float:
        """0 at ``floor``, 1 at ``target`` (log scale), then on towards 1 + ``beyond_target``.

        Continuous and rising everywhere, so a much faster placement always counts, but
        past the target extra speed is worth less and less.
        """
        if not tps or tps <= self.floor:
            return 0.0
        if tps <= self.target:
            return math.log(tps / self.floor) / math.log(self.target / self.floor)
        return 1.0 + self.beyond_target * (1.0 - self.target / tps)


class SizePrior(_Strict):
    base: float = Field(ge=0, le=1)
    per_doubling: float = Field(ge=0, le=1)
    max: float = Field(ge=0, le=1)

    def quality(self, params_b: float) -> float:
        return max(0.0, min(self.max, self.base + self.per_doubling * math.log2(params_b)))


class Rules(_Strict):
    use_cases: dict[str, UseCaseRule]
    no_evidence: SizePrior
    strength_bonus: float = Field(ge=0, le=1)
    base_model_factor: float = Field(gt=0, le=1)
    quant_quality: list[QuantQuality]
    quant_floor: str = "Q4_K_M"
    priorities: dict[Literal["quality", "balanced", "speed"], Priority]
    min_tokens_per_s: float = Field(ge=0)
    licenses: dict[Literal["any", "commercial", "unrestricted"], list[str]]
    default_power_w: dict[Literal["cpu", "gpu", "apple"], float]

    @model_validator(mode="after")
    def _complete(self) -> Rules:
        missing = set(USE_CASES) - set(self.use_cases)
        unknown = set(self.use_cases) - set(USE_CASES)
        if missing or unknown:
            raise ValueError(f"use cases missing: {sorted(missing)}, unknown: {sorted(unknown)}")
        return self

    def benchmark(self, use_case: str, name: str) -> BenchmarkRule | None:
        """The rule for a published benchmark name, ignoring case and qualifiers.

        "MedQA (4 options)" and "medqa" both match the rule for "MedQA".
        """
        return _benchmark_index(self)[use_case].get(benchmark_key(name))

    def quant_factor(self, bpw: float) -> float:
        """Quality kept at ``bpw`` bits per weight: linear between the listed points."""
        points = sorted((q.min_bpw, q.factor) for q in self.quant_quality)
        if bpw <= points[0][0]:
            return points[0][1]
        for (x0, f0), (x1, f1) in itertools.pairwise(points):
            if bpw <= x1:
                return f0 + (f1 - f0) * (bpw - x0) / (x1 - x0)
        return points[-1][1]


_INDEX: dict[int, tuple[Rules, dict[str, dict[str, BenchmarkRule]]]] = {}


def _benchmark_index(rules: Rules) -> dict[str, dict[str, BenchmarkRule]]:
    """Benchmark rules by normalised name, built once per (immutable) Rules object."""
    hit = _INDEX.get(id(rules))
    if hit is None or hit[0] is not rules:
        index = {
            case: {benchmark_key(b): r for b, r in rule.benchmarks.items()}
            for case, rule in rules.use_cases.items()
        }
        hit = _INDEX[id(rules)] = (rules, index)
    return hit[1]


class Electricity(_Strict):
    region: str
    usd_per_kwh: float | None = None
    eur_per_kwh: float | None = None
    source: Source
    cross_check: dict[str, object] | None = None


class HostedPrice(_Strict):
    model: str
    provider: str
    usd_per_mtok_input: float
    usd_per_mtok_output: float
    params_b: float
    source: Source


class UpgradeOption(_Strict):
    id: str
    kind: Literal["gpu", "apple", "ram"]
    name: str
    vendor: Literal["nvidia", "amd", "intel", "apple", "other"]
    memory_gb: float = Field(gt=0)
    memory_note: str | None = None
    bandwidth_gbs: float | None = None
    bandwidth_note: str | None = None
    power_w: float | None = None
    power_note: str | None = None
    price_usd: float | None = None
    price_note: str | None = None
    released: date | str | None = None
    released_note: str | None = None
    source: Source
    more_sources: list[Source] = Field(default_factory=list)


class HardwareTable(_Strict):
    as_of: date
    electricity: list[Electricity]
    hosted_reference: list[HostedPrice]
    options: list[UpgradeOption]

    @property
    def usd_per_kwh(self) -> Electricity | None:
        return next((e for e in self.electricity if e.usd_per_kwh is not None), None)


def _load_yaml(path: Path) -> object:
    try:
        return load_yaml_file(path)
    except (OSError, YAMLError) as exc:
        raise CatalogError(f"{path.name}: cannot be read: {exc}", "Reinstall the app.") from exc


def _validated(model: type[BaseModel], path: Path) -> BaseModel:
    try:
        return model.model_validate(_load_yaml(path))
    except ValidationError as exc:
        lines = [
            f"{path.name}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        ]
        raise CatalogError("\n".join(lines), "Fix the fields named above.") from exc


def load_rules(path: Path | None = None) -> Rules:
    result = _validated(Rules, path or bundled_dir("resources") / "recommender_rules.yaml")
    assert isinstance(result, Rules)
    return result


def load_hardware_table(path: Path | None = None) -> HardwareTable:
    result = _validated(HardwareTable, path or bundled_dir("resources") / "hardware_table.yaml")
    assert isinstance(result, HardwareTable)
    return result


@cache
def default_rules() -> Rules:
    return load_rules()


@cache
def default_hardware_table() -> HardwareTable:
    return load_hardware_table()
