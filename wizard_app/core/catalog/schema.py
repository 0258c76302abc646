"""The catalog's schema: one YAML file per model family in ``models/``.

Every fact carries a source. A field that is not known is left out (``None``), never
guessed. Validation is strict: unknown keys and wrong types are errors that name the
file and the field.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wizard_app.core.catalog.quants import BITS_PER_WEIGHT
from wizard_app.core.languages import is_known_language

UseCase = Literal[
    "chat",
    "coding",
    "math",
    "medical",
    "summarize",
    "creative",
    "reasoning",
    "multilingual",
    "research",
]
USE_CASES: tuple[str, ...] = UseCase.__args__  # type: ignore[attr-defined]

Commercial = Literal["yes", "restricted", "no"]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_REVISION = re.compile(r"^[0-9a-f]{40}$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Strict):
    """Where a fact was read: a URL and the day it was read."""

    url: str
    read: date | None = None
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _http(cls, v: str) -> str:
        if not v.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL")
        return v


class Parameters(Strict):
    total_b: float = Field(gt=0, description="total parameters, billions")
    active_b: float | None = Field(
        default=None, gt=0, description="active per token (mixture of experts)"
    )
    source: Source | None = None

    @model_validator(mode="after")
    def _active_le_total(self) -> Parameters:
        if self.active_b is not None and self.active_b > self.total_b:
            raise ValueError("active_b cannot exceed total_b")
        return self


class Recurrent(Strict):
    """Blocks that keep a fixed-size state instead of a KV cache (Mamba-2, Gated DeltaNet).

    The figures are llama.cpp's ``ssm.*`` GGUF keys, read from config.json: Mamba-2's
    d_conv, d_inner (heads x head size), d_state and groups; for a Gated DeltaNet the
    convolution kernel, value heads x value head size, key head size and key heads.
    """

    layers: int = Field(gt=0, description="how many blocks are recurrent (no KV cache)")
    conv_kernel: int = Field(gt=1)
    inner_size: int = Field(gt=0)
    state_size: int = Field(gt=0)
    group_count: int = Field(default=1, gt=0)


class Architecture(Strict):
    """What a memory estimate needs; read from the model's config.json."""

    arch: str = Field(description="llama.cpp architecture name, e.g. llama, falcon, olmo")
    layers: int = Field(gt=0)
    embedding: int = Field(gt=0, description="hidden size")
    heads: int = Field(gt=0)
    kv_heads: int = Field(gt=0)
    head_dim: int | None = Field(default=None, gt=0, description="defaults to embedding/heads")
    context: int = Field(gt=0, description="trained context length, tokens")
    sliding_window: int | None = Field(default=None, gt=0)
    vocab: int | None = Field(default=None, gt=0)
    feed_forward: int | None = Field(default=None, gt=0)
    experts: int | None = Field(default=None, gt=0)
    experts_used: int | None = Field(default=None, gt=0)
    full_attention_every: int | None = Field(
        default=None, gt=1, description="one full-attention block in every N, the rest windowed"
    )
    global_head_dim: int | None = Field(
        default=None, gt=0, description="head size of the full-attention blocks, if different"
    )
    global_kv_heads: int | None = Field(
        default=None, gt=0, description="KV heads of the full-attention blocks, if different"
    )
    kv_shared_layers: int | None = Field(
        default=None, gt=0, description="the last N blocks reuse an earlier block's cache"
    )
    recurrent: Recurrent | None = None
    source: Source

    @model_validator(mode="after")
    def _heads(self) -> Architecture:
        if self.heads % self.kv_heads:
            raise ValueError("heads must be a multiple of kv_heads")
        if self.full_attention_every is not None and self.sliding_window is None:
            raise ValueError("full_attention_every needs the sliding_window it alternates with")
        own = self.layers - (self.kv_shared_layers or 0)
        own -= self.recurrent.layers if self.recurrent else 0
        if own < 1:
            raise ValueError("kv_shared_layers and recurrent layers leave no block with a cache")
        return self

    @property
    def effective_head_dim(self) -> int:
        return self.head_dim or self.embedding // self.heads


class License(Strict):
    name: str
    url: str
    commercial: Commercial
    gated: bool = Field(description="the Hub asks users to accept terms before download")
    notes: str | None = None


class Openness(Strict):
    """The five criteria of what makes a model open (lesson 16): each public or not.

    ``None`` means not established.
    """

    training_data: bool | None
    weights: bool
    evaluation_code: bool | None
    finetuning_code: bool | None
    training_metrics: bool | None
    source: Source

    @property
    def fully_open(self) -> bool:
        return all(
            (
                self.training_data,
                self.weights,
                self.evaluation_code,
                self.finetuning_code,
                self.training_metrics,
            )
        )

    @property
    def criteria(self) -> dict[str, bool | None]:
        return {
            "training_data": self.training_data,
            "weights": self.weights,
            "evaluation_code": self.evaluation_code,
            "finetuning_code": self.finetuning_code,
            "training_metrics": self.training_metrics,
        }


class Evidence(Strict):
    """A published result, or a curator's rating with its written reason."""

    use_case: UseCase
    benchmark: str = Field(description="e.g. MMLU (5-shot), HumanEval pass@1, GSM8K")
    score: float = Field(ge=0, description="as published")
    scale_max: float = Field(default=100.0, gt=0, description="best possible score, e.g. 10")
    source: Source
    curator_rating: bool = False
    reason: str | None = None

    @model_validator(mode="after")
    def _curated_has_reason(self) -> Evidence:
        if self.curator_rating and not self.reason:
            raise ValueError("a curator rating needs a written reason")
        if self.score > self.scale_max:
            raise ValueError(f"score {self.score} exceeds scale_max {self.scale_max}")
        return self

    @property
    def normalized(self) -> float:
        """The score on a 0..1 scale."""
        return self.score / self.scale_max


class Artifact(Strict):
    """One GGUF quantisation of the variant on the Hub."""

    repo: str
    file: str | None = None
    parts: list[str] | None = None
    quant: str
    size_bytes: int | None = Field(default=None, gt=0, description="exact, from a file listing")
    size_gb: float | None = Field(
        default=None, gt=0, description="as printed on a model card (decimal GB), if no bytes"
    )
    sha256: str | None = None
    revision: str | None = None
    source: Source

    @field_validator("repo")
    @classmethod
    def _repo(cls, v: str) -> str:
        if not _REPO.match(v):
            raise ValueError("must look like owner/name")
        return v

    @field_validator("quant")
    @classmethod
    def _quant(cls, v: str) -> str:
        if v.upper() not in BITS_PER_WEIGHT:
            raise ValueError(f"unknown quant type {v!r}; known: {', '.join(BITS_PER_WEIGHT)}")
        return v.upper()

    @field_validator("sha256")
    @classmethod
    def _sha(cls, v: str | None) -> str | None:
        if v is not None and not _SHA256.match(v):
            raise ValueError("must be 64 lowercase hex digits")
        return v

    @field_validator("revision")
    @classmethod
    def _rev(cls, v: str | None) -> str | None:
        if v is not None and not _REVISION.match(v):
            raise ValueError("must be a full 40-digit commit id (lowercase hex)")
        return v

    @model_validator(mode="after")
    def _file_or_parts(self) -> Artifact:
        if (self.file is None) == (self.parts is None):
            raise ValueError("give exactly one of 'file' or 'parts'")
        for name in self.files:
            if not name.endswith(".gguf"):
                raise ValueError(f"{name!r} is not a .gguf file")
        return self

    @property
    def approx_size_bytes(self) -> int | None:
        if self.size_bytes is not None:
            return self.size_bytes
        return int(self.size_gb * 1e9) if self.size_gb is not None else None

    @property
    def files(self) -> list[str]:
        return [self.file] if self.file is not None else list(self.parts or [])


class Variant(Strict):
    id: str
    name: str
    hub_repo: str | None = Field(default=None, description="the original (non-GGUF) repo")
    base_model: str | None = Field(default=None, description="catalog id or Hub repo of base")
    release_date: date | None = None
    instruct: bool = True
    parameters: Parameters
    architecture: Architecture | None = None
    license: License
    openness: Openness
    languages: list[str] = Field(default_factory=list)
    languages_source: Source | None = Field(
        default=None, description="where the language list was read (a card, a paper)"
    )
    strengths: list[UseCase] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    artifacts: list[Artifact] = Field(default_factory=list)
    no_gguf_reason: str | None = None
    alternative: str | None = Field(default=None, description="catalog id to run instead")
    sources: list[Source] = Field(default_factory=list)
    added_by_user: bool = Field(
        default=False, description="found on the Hub and added by the user (user catalog)"
    )

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("lowercase letters, digits, '.' and '-' only")
        return v

    @field_validator("languages")
    @classmethod
    def _langs(cls, v: list[str]) -> list[str]:
        for code in v:
            if not _LANG.match(code) or not is_known_language(code):
                raise ValueError(f"{code!r} is not an ISO 639 language code")
        return v

    @model_validator(mode="after")
    def _runnable_or_explained(self) -> Variant:
        if not self.languages and not self.added_by_user:
            # a model the user added from the Hub may list none: its card named none
            raise ValueError("'languages' needs at least one language code")
        if not self.artifacts and not self.no_gguf_reason:
            raise ValueError("a variant without GGUF artifacts needs 'no_gguf_reason'")
        if self.artifacts and self.architecture is None:
            raise ValueError("a runnable variant needs its 'architecture' facts")
        quants = [a.quant for a in self.artifacts]
        if len(quants) != len(set(quants)):
            raise ValueError("two artifacts with the same quant")
        return self

    def artifact(self, quant: str) -> Artifact | None:
        q = quant.upper()
        return next((a for a in self.artifacts if a.quant == q), None)


class Family(Strict):
    """The content of one file in ``models/``."""

    family: str
    publisher: str
    description: str | None = None
    homepage: str | None = None
    variants: list[Variant] = Field(min_length=1)
