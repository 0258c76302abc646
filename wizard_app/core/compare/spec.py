"""What a comparison is made of: models, prompts and the settings every run shares."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard_app.core.errors import InputError

if TYPE_CHECKING:  # the runtime is imported when a comparison runs, not by the window
    from wizard_app.core.runtime.placement import GpuLayers
    from wizard_app.core.runtime.trial import TrialSettings

MIN_MODELS = 2
MAX_MODELS = 4
DEFAULT_SEED = 42  # a fixed seed unless the user gives one: the runs are then repeatable


# A model on a server is kept as the path "endpoint:NAME/MODEL" (it round-trips through
# the stored comparison as any path does).
REMOTE_PREFIX = "endpoint:"


@dataclass(frozen=True)
class ModelChoice:
    """One contender: a GGUF file, and where it came from when it is known; or a model on
    a named endpoint (``for_remote``)."""

    label: str
    path: Path
    model_id: int | None = None  # library id
    catalog_id: str | None = None
    quant: str | None = None

    @classmethod
    def for_remote(cls, endpoint: str, model: str, label: str | None = None) -> ModelChoice:
        return cls(
            label=label or f"{model} @ {endpoint}", path=Path(f"{REMOTE_PREFIX}{endpoint}/{model}")
        )

    @property
    def remote(self) -> tuple[str, str] | None:
        """(endpoint name, model id) for a model on a server, else None."""
        text = str(self.path)
        if not text.startswith(REMOTE_PREFIX):
            return None
        endpoint, _, model = text[len(REMOTE_PREFIX) :].partition("/")
        return endpoint, model

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "path": str(self.path),
            "model_id": self.model_id,
            "catalog_id": self.catalog_id,
            "quant": self.quant,
        }


@dataclass(frozen=True)
class PromptItem:
    prompt: str
    title: str = ""
    system: str | None = None
    note: str = ""  # what a good answer looks like

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "prompt": self.prompt,
            "system": self.system,
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PromptItem:
        return cls(
            prompt=str(data["prompt"]),
            title=str(data.get("title") or ""),
            system=(str(data["system"]) if data.get("system") else None),
            note=str(data.get("note") or ""),
        )


@dataclass(frozen=True)
class CompareSettings:
    """Sampling and load settings, the same for every cell of a comparison."""

    max_tokens: int = 256
    seed: int = DEFAULT_SEED
    temperature: float = 0.8
    top_p: float = 0.95
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    n_ctx: int | None = None
    n_threads: int | None = None
    gpu_layers: GpuLayers = "auto"
    ignore_eos: bool = False  # benchmarks and tests: every answer max_tokens long

    def trial(self, path: Path, item: PromptItem) -> TrialSettings:
        from wizard_app.core.runtime.trial import TrialSettings

        return TrialSettings(
            path=path,
            prompt=item.prompt,
            system=item.system or None,
            max_tokens=self.max_tokens,
            n_ctx=self.n_ctx,
            n_threads=self.n_threads,
            gpu_layers=self.gpu_layers,
            temperature=self.temperature,
            top_p=self.top_p,
            top_k=self.top_k,
            min_p=self.min_p,
            repeat_penalty=self.repeat_penalty,
            seed=self.seed,
            ignore_eos=self.ignore_eos,
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CompareSettings:
        known = {f.name for f in fields(cls)}
        return replace(cls(), **{k: v for k, v in data.items() if k in known})


def check_choices(models: list[ModelChoice], prompts: list[PromptItem]) -> None:
    """Raise an InputError a person can act on when the comparison cannot be made."""
    if not MIN_MODELS <= len(models) <= MAX_MODELS:
        raise InputError(
            f"A comparison needs {MIN_MODELS} to {MAX_MODELS} models; {len(models)} given.",
            f"Choose between {MIN_MODELS} and {MAX_MODELS} models.",
        )
    seen: set[str] = set()
    for m in models:
        key = str(m.path.expanduser().resolve()) if m.path.exists() else str(m.path)
        if key in seen:
            raise InputError(
                f"{m.label} is chosen twice.", "Choose different models or quants to compare."
            )
        seen.add(key)
    if not prompts or not all(p.prompt.strip() for p in prompts):
        raise InputError(
            "A comparison needs at least one prompt, and no prompt may be empty.",
            "Give prompts with --prompt, --prompt-set or --prompts-file, or type one.",
        )
