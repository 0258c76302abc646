"""A file found on the Hub, read and turned into a catalog entry of the user's own.

``inspect_file`` reads the file's header with the remote peek (a few Range requests, no
weights) and gives the exact fit on a machine; ``variant_for`` turns what the Hub and the
header say into a ``Variant`` marked ``added_by_user``, every fact sourced to the listing
or the file it was read from, nothing guessed: what neither says (scores, openness beyond
the weights, languages the card does not name) stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from wizard_app.core.catalog.quants import BITS_PER_WEIGHT
from wizard_app.core.catalog.schema import Variant
from wizard_app.core.errors import InputError
from wizard_app.core.fit import FitEstimate
from wizard_app.core.gguf.info import GGUFInfo
from wizard_app.core.hub.search import HubFile, RepoFiles
from wizard_app.core.languages import is_known_language

if TYPE_CHECKING:
    from wizard_app.core.gguf.header import GGUFHeader

# licence ids on the Hub whose terms allow commercial use without conditions
_OPEN_LICENCES = {"apache-2.0", "mit", "bsd-3-clause", "bsd-2-clause", "cc-by-4.0", "bsl-1.0"}
_NONCOMMERCIAL = re.compile(r"(^|-)nc(-|$)|non-?commercial|research", re.IGNORECASE)


@dataclass(frozen=True)
class FileReport:
    """One Hub file before download: its header facts and the fit on this machine."""

    listing: RepoFiles
    file: HubFile
    info: GGUFInfo
    fit: FitEstimate | None  # None: a split model's part or not a language model

    @property
    def repo(self) -> str:
        return self.listing.repo

    @property
    def commit(self) -> str | None:
        return self.listing.commit

    def summary(self) -> dict[str, Any]:
        return {
            "repo": self.repo,
            "revision": self.listing.revision,
            "commit": self.commit,
            "license": self.listing.license,
            "gated": self.listing.gated,
            "file": self.file.name,
            "parts": list(self.file.parts),
            "quant": self.file.quant or self.info.quant,
            "size_bytes": self.file.size,
            "sha256": self.file.sha256,
            "header": self.info.summary(),
            "fit": self.fit.model_dump(mode="json") if self.fit else None,
        }


def inspect_file(
    client: Any, listing: RepoFiles, name: str, hw: Any, context: int = 4096
) -> FileReport:
    """Read ``name``'s header from the Hub and estimate its fit on ``hw`` at ``context``."""
    from wizard_app.core.fit import estimate
    from wizard_app.core.gguf.header import shape_of
    from wizard_app.core.gguf.remote import peek_remote

    hub_file = listing.file(name)
    revision = listing.commit or listing.revision
    info = peek_remote(client, listing.repo, hub_file.parts[0], revision)
    fit = estimate(shape_of(info.header), hw, context) if info.header is not None else None
    return FileReport(listing, hub_file, info, fit)


def user_variant_id(repo: str) -> str:
    """The catalog id of a repository the user adds: ``hub-owner-name``, lower case."""
    slug = re.sub(r"[^a-z0-9.]+", "-", repo.lower()).strip("-.")
    return f"hub-{slug}"


def variant_for(report: FileReport, endpoint: str) -> Variant:
    """The catalog entry for the file in ``report`` (one artifact), ready to validate."""
    header = report.info.header
    if header is None or report.file.projector:
        raise InputError(
            f"{report.file.name} cannot be added: its header does not describe a whole "
            "language model (a part of a split model, or a vision projector).",
            "Add the first part of a split model, or a model file.",
        )
    quant = _quant_of(report)
    endpoint = endpoint.rstrip("/")
    today = date.today()
    revision = report.commit or report.listing.revision
    page = f"{endpoint}/{report.repo}"
    file_url = f"{page}/blob/{revision}/{report.file.parts[0]}"
    header_src = {"url": file_url, "read": today, "note": "read from the GGUF header"}
    langs = [c for c in _languages(report) if is_known_language(c)]
    listing_url = f"{endpoint}/api/models/{report.repo}/revision/{revision}"
    data: dict[str, Any] = {
        "id": user_variant_id(report.repo),
        "name": header.name or report.repo.split("/", 1)[1],
        "hub_repo": report.repo,
        "instruct": bool(header.chat_template),
        "parameters": {
            "total_b": max(round(report.info.parameter_count / 1e9, 6), 1e-6),
            "source": {**header_src, "note": "the tensors in the GGUF header, counted"},
        },
        "architecture": _architecture(report.file.name, header, header_src),
        "license": _licence(report.listing.license, page, gated=report.listing.gated),
        "languages": langs,
        "languages_source": (
            {"url": page, "read": today, "note": "the languages the model card names"}
            if langs
            else None
        ),
        "caveats": [
            "Added by you from the Hugging Face Hub: no curated facts or published scores; "
            "check the model card before relying on it."
        ],
        "artifacts": [_artifact(report, quant, listing_url, today)],
        "sources": [{"url": page, "read": today, "note": "found with model-wizard hub"}],
        "added_by_user": True,
    }
    # the openness's None values mean "not established": kept, unlike the other Nones
    return Variant.model_validate({**_drop_none(data), "openness": _openness(page, today)})


def _quant_of(report: FileReport) -> str:
    quant = (report.file.quant or report.info.quant or "").upper()
    if quant not in BITS_PER_WEIGHT:
        raise InputError(
            f"{report.file.name}: its quantisation ({quant or 'unknown'}) is not one the "
            "app estimates.",
            f"Pick a file with one of: {', '.join(BITS_PER_WEIGHT)}.",
        )
    return quant


def _architecture(name: str, header: GGUFHeader, header_src: dict[str, Any]) -> dict[str, Any]:
    kv = max(header.kv_heads_per_layer) or header.head_count
    if header.head_count % kv:
        raise InputError(
            f"{name}: {header.head_count} attention heads with {kv} KV heads "
            "is a shape the catalog cannot describe.",
            "Download it with `model-wizard download --repo ... --file ...` instead.",
        )
    return {
        "arch": header.arch,
        "layers": header.block_count,
        "embedding": header.embedding_length,
        "heads": header.head_count,
        "kv_heads": kv,
        "head_dim": header.key_length or None,
        "context": header.context_length,
        "sliding_window": header.sliding_window,
        "vocab": header.vocab_size,
        "feed_forward": header.feed_forward_length,
        "experts": header.expert_count or None,
        "experts_used": header.expert_used_count or None,
        "source": header_src,
    }


def _artifact(report: FileReport, quant: str, listing_url: str, today: date) -> dict[str, Any]:
    artifact: dict[str, Any] = {
        "repo": report.repo,
        "quant": quant,
        "size_bytes": report.file.size,
        "sha256": report.file.sha256,
        "revision": report.commit if report.commit and len(report.commit) == 40 else None,
        "source": {"url": listing_url, "read": today, "note": "the Hub's file listing"},
    }
    if report.file.split:
        artifact["parts"] = list(report.file.parts)
    else:
        artifact["file"] = report.file.parts[0]
    return artifact


def _openness(page: str, today: date) -> dict[str, Any]:
    return {
        "training_data": None,
        "weights": True,
        "evaluation_code": None,
        "finetuning_code": None,
        "training_metrics": None,
        "source": {
            "url": page,
            "read": today,
            "note": "weights downloadable; the rest "
            "is not established for a model added from the Hub",
        },
    }


def _languages(report: FileReport) -> list[str]:
    return [c.lower() for c in report.listing.languages]


def _licence(name: str | None, page: str, gated: bool) -> dict[str, Any]:
    if name and name.lower() in _OPEN_LICENCES:
        commercial, note = "yes", f"as tagged on the Hub ({name})"
    elif name and _NONCOMMERCIAL.search(name):
        commercial, note = "no", f"as tagged on the Hub ({name}): non-commercial terms"
    else:
        commercial = "restricted"
        note = (
            f"tagged {name} on the Hub: read its terms on the model page"
            if name
            else "no licence tag on the Hub: read the model page before use"
        )
    return {
        "name": name or "not stated on the Hub",
        "url": page,
        "commercial": commercial,
        "gated": gated,
        "notes": note,
    }


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value
