"""Published memory bandwidth of GPUs and Apple chips, looked up by the device's name.

The table is ``resources/gpu_bandwidth.yaml``: one sourced, dated row per model. A name
is compared token by token after the vendor words are dropped, so a table row for the
"RTX 4060" never answers for an "RTX 4060 Ti" or an "RTX 4080 Laptop GPU": a card the
table does not know gets no figure, and the estimate says what it assumed instead.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from wizard_app.core.errors import CatalogError
from wizard_app.core.paths import bundled_dir
from wizard_app.core.yamlfile import YAMLError, load_yaml_file

# Words that name the vendor or the kind of device, not the model.
_NOISE = frozenset(
    [
        "nvidia",
        "geforce",
        "amd",
        "ati",
        "radeon",
        "intel",
        "r",
        "tm",
        "apple",
        "graphics",
        "gpu",
        "generation",
        "corporation",
        "inc",
        "card",
    ]
)
_MEMORY = re.compile(r"^(\d+)\s*gb$")


class BandwidthRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    match: str
    vendor: str
    bandwidth_gbs: float = Field(gt=0)
    source: str = Field(pattern=r"^https://")
    memory_gb: int | None = None
    # where memory_gb is the card's only size (not a variant), the page that says so
    memory_source: str | None = Field(default=None, pattern=r"^https://")
    cpu_cores: int | None = None
    note: str = ""
    # dense 16-bit matrix throughput as the compute source quotes it: prompt speed
    fp16_tflops: float | None = Field(default=None, gt=0)
    compute_source: str | None = Field(default=None, pattern=r"^https://")

    @model_validator(mode="after")
    def _compute_is_sourced(self) -> BandwidthRow:
        if self.fp16_tflops is not None and not self.compute_source:
            raise ValueError(f"{self.match}: fp16_tflops needs a compute_source")
        return self


class BandwidthTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    as_of: date
    gpus: list[BandwidthRow]


def name_tokens(name: str) -> tuple[tuple[str, ...], int | None]:
    """The model tokens of a device name and the memory size it states, if any.

    ``"NVIDIA GeForce RTX 3060 8GB"`` -> ``(("rtx", "3060"), 8)``.
    """
    text = re.sub(r"\(tm\)|\(r\)|®|™", " ", name.lower())
    text = re.sub(r"(\d+)\s+gb\b", r"\1gb", text)
    tokens: list[str] = []
    memory = None
    for tok in re.split(r"[^a-z0-9]+", text):
        if not tok or tok in _NOISE:
            continue
        found = _MEMORY.match(tok)
        if found:
            memory = int(found.group(1))
            continue
        tokens.append(tok)
    return tuple(tokens), memory


def load_bandwidth_table(path: Path | None = None) -> BandwidthTable:
    path = path or bundled_dir("resources") / "gpu_bandwidth.yaml"
    try:
        data = load_yaml_file(path)
        return BandwidthTable.model_validate(data)
    except (OSError, YAMLError, ValidationError) as exc:
        raise CatalogError(f"{path.name}: cannot be read: {exc}", "Reinstall the app.") from exc


@cache
def default_bandwidth_table() -> BandwidthTable:
    return load_bandwidth_table()


_INDEX: dict[int, tuple[BandwidthTable, dict[tuple[str, ...], list[BandwidthRow]]]] = {}


def _index(table: BandwidthTable) -> dict[tuple[str, ...], list[BandwidthRow]]:
    """Rows by name tokens, built once per (immutable) table."""
    hit = _INDEX.get(id(table))
    if hit is None or hit[0] is not table:
        out: dict[tuple[str, ...], list[BandwidthRow]] = {}
        for row in table.gpus:
            out.setdefault(name_tokens(row.match)[0], []).append(row)
        hit = _INDEX[id(table)] = (table, out)
    return hit[1]


def lookup_bandwidth(
    name: str, *, cpu_cores: int | None = None, table: BandwidthTable | None = None
) -> BandwidthRow | None:
    """The table row for a device name, or None when the table does not know the model.

    Where one name covers several variants, ``memory_gb`` in the name and ``cpu_cores``
    (Apple bins) choose; without them the row without a variant, else the lowest figure.
    A name as pci.ids gives it, "Navi 31 [Radeon RX 7900 XT/7900 XTX]", is looked up by
    the models in brackets: it gets a row only when every one of them has the same figure.
    """
    table = table or default_bandwidth_table()
    row = _lookup_one(name, cpu_cores, table)
    if row is not None:
        return row
    models = pci_models(name)
    if not models:
        return None
    rows = [_lookup_one(m, cpu_cores, table) for m in models]
    known = [r for r in rows if r is not None]
    if len(known) < len(rows) or len({r.bandwidth_gbs for r in known}) != 1:
        return None  # a model the table lacks, or models that differ: not a guess
    return known[0]


def pci_models(name: str) -> list[str]:
    """The models a pci.ids name lists in brackets, each written out whole.

    ``"Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]"`` -> ``["Radeon RX 6800",
    "Radeon RX 6800 XT", "Radeon RX 6900 XT"]``: a later alternative that starts with a
    number takes the words before the first one's number.
    """
    found = re.search(r"\[([^\]]+)\]", name)
    if not found:
        return []
    parts = [p.strip() for p in found.group(1).split("/") if p.strip()]
    first = parts[0]
    number = re.search(r"\d", first)
    prefix = first[: number.start()] if number else ""
    return [first] + [prefix + p if p[0].isdigit() else p for p in parts[1:]]


def _lookup_one(name: str, cpu_cores: int | None, table: BandwidthTable) -> BandwidthRow | None:
    tokens, memory = name_tokens(name)
    rows = _index(table).get(tokens)
    if not rows:
        return None
    if memory is not None:
        rows = (
            [r for r in rows if r.memory_gb == memory]
            or [r for r in rows if r.memory_gb is None]
            # a card that comes in one size: memory in its name picks no variant
            or [r for r in rows if r.memory_source is not None and len(rows) == 1]
        )
    else:
        rows = [r for r in rows if r.memory_gb is None] or rows
    if cpu_cores is not None:
        rows = [r for r in rows if r.cpu_cores == cpu_cores] or rows
    return min(rows, key=lambda r: r.bandwidth_gbs) if rows else None


def known_memory_gb(name: str, table: BandwidthTable | None = None) -> int | None:
    """The memory of the card a name gives, in GB: the size the name states ("RTX 3060
    12GB") of a model the table knows, or the sourced size of a card that comes in one
    (``memory_source``); else None, not a guess (a ``memory_gb`` that picks one variant
    says nothing of the others)."""
    table = table or default_bandwidth_table()
    tokens, memory = name_tokens(name)
    rows = _index(table).get(tokens)
    if not rows:
        return None
    if memory is not None:
        return memory
    if len(rows) == 1 and rows[0].memory_source is not None:
        return rows[0].memory_gb
    return None
