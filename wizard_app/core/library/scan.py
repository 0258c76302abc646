"""Finding GGUF models on disk: the app's folder, and other tools' folders.

A model is a GGUF file (for a split model, its first shard). Besides the app's models
folder, a scan looks where other tools keep theirs (the Hugging Face cache, LM Studio,
GPT4All, Ollama's blob store). Scanning is a generator that reads files and never
touches the database; the caller registers what it yields
(:meth:`wizard_app.core.library.installed.Library.register`).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard_app.core.cancel import CancelToken
from wizard_app.core.errors import InputError
from wizard_app.core.gguf.info import GGUFInfo
from wizard_app.core.gguf.reader import read_local_header
from wizard_app.core.gguf.shards import is_later_shard, shard_name, shard_paths

log = logging.getLogger(__name__)

OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class FoundModel:
    """A GGUF found on disk, with what its location and header say about it."""

    path: Path
    source: str
    display_name: str
    size_bytes: int
    info: GGUFInfo
    repo: str | None = None
    filename: str | None = None
    revision: str | None = None
    sha256: str | None = None  # as the other tool recorded it (blob name, manifest digest)


@dataclass(frozen=True)
class ScanSkipped:
    path: Path
    reason: str


@dataclass(frozen=True)
class ScanRoots:
    """Where other tools keep GGUFs; every field can be replaced (tests, odd installs)."""

    huggingface: tuple[Path, ...] = ()
    lmstudio: tuple[Path, ...] = ()
    gpt4all: tuple[Path, ...] = ()
    ollama: tuple[Path, ...] = ()

    @classmethod
    def default(
        cls,
        env: Mapping[str, str] | None = None,
        home: Path | None = None,
        platform: str | None = None,
    ) -> ScanRoots:
        env = os.environ if env is None else env
        home = Path.home() if home is None else home
        platform = sys.platform if platform is None else platform
        xdg_cache = Path(env["XDG_CACHE_HOME"]) if env.get("XDG_CACHE_HOME") else home / ".cache"
        if env.get("HF_HUB_CACHE"):
            hf = Path(env["HF_HUB_CACHE"])
        elif env.get("HF_HOME"):
            hf = Path(env["HF_HOME"]) / "hub"
        else:
            hf = xdg_cache / "huggingface" / "hub"
        if platform == "darwin":
            gpt4all = home / "Library" / "Application Support" / "nomic.ai" / "GPT4All"
        elif platform.startswith("win"):
            local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
            gpt4all = local / "nomic.ai" / "GPT4All"
        else:
            data = Path(env["XDG_DATA_HOME"]) if env.get("XDG_DATA_HOME") else home / ".local/share"
            gpt4all = data / "nomic.ai" / "GPT4All"
        ollama = Path(env["OLLAMA_MODELS"]) if env.get("OLLAMA_MODELS") else home / ".ollama/models"
        return cls(
            huggingface=(hf,),
            lmstudio=(home / ".lmstudio" / "models", home / ".cache" / "lm-studio" / "models"),
            gpt4all=(gpt4all,),
            ollama=(ollama,),
        )


def scan(
    roots: ScanRoots, *, cancel: CancelToken | None = None
) -> Iterator[FoundModel | ScanSkipped]:
    """Every GGUF model in the other tools' folders, headers read; no database access."""
    cancel = cancel or CancelToken()
    candidates: list[tuple[Path, dict[str, Any]]] = []
    for root in roots.huggingface:
        candidates.extend(_huggingface(root))
    for root in roots.lmstudio:
        candidates.extend(_lmstudio(root))
    for root in roots.gpt4all:
        candidates.extend((p, {"source": "gpt4all"}) for p in gguf_files(root, recursive=False))
    for root in roots.ollama:
        candidates.extend(_ollama(root))
    seen: set[Path] = set()
    for path, facts in candidates:
        if cancel.is_set():
            return
        real = real_path(path)
        if real in seen:
            continue
        seen.add(real)
        yield describe_found(path, facts)


def real_path(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def gguf_files(root: Path, recursive: bool) -> list[Path]:
    if not root.is_dir():
        return []
    try:
        found = root.rglob("*") if recursive else root.iterdir()
        return sorted(p for p in found if p.suffix.lower() == ".gguf" and p.is_file())
    except OSError as exc:
        log.info("cannot list %s: %s", root, exc)
        return []


def _huggingface(root: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``models--owner--name/snapshots/<commit>/<file>.gguf`` (symlinks into ``blobs``)."""
    if not root.is_dir():
        return
    for repo_dir in sorted(root.glob("models--*")):
        repo = repo_dir.name[len("models--") :].replace("--", "/", 1)
        snapshots = repo_dir / "snapshots"
        if not snapshots.is_dir():
            continue
        for commit_dir in sorted(p for p in snapshots.iterdir() if p.is_dir()):
            for path in gguf_files(commit_dir, recursive=True):
                blob = os.path.basename(os.path.realpath(path))
                yield (
                    path,
                    {
                        "source": "huggingface",
                        "repo": repo,
                        "filename": path.relative_to(commit_dir).as_posix(),
                        "revision": commit_dir.name,
                        "sha256": blob if _SHA256.match(blob) else None,
                    },
                )


def _lmstudio(root: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``<publisher>/<repo>/<file>.gguf``."""
    for path in gguf_files(root, recursive=True):
        rel = path.relative_to(root).parts
        facts: dict[str, Any] = {"source": "lmstudio"}
        if len(rel) >= 3:
            facts["repo"] = f"{rel[0]}/{rel[1]}"
            facts["filename"] = "/".join(rel[2:])
        yield path, facts


def _ollama(root: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``manifests/<host>/<namespace>/<name>/<tag>`` -> the model layer's blob."""
    manifests = root / "manifests"
    if not manifests.is_dir():
        return
    for manifest in sorted(p for p in manifests.rglob("*") if p.is_file()):
        parts = manifest.relative_to(manifests).parts
        if len(parts) != 4:
            continue
        host, namespace, name, tag = parts
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            layers = data.get("layers", []) if isinstance(data, dict) else []
        except (OSError, ValueError):
            log.info("unreadable Ollama manifest %s", manifest)
            continue
        for layer in layers:
            if not isinstance(layer, dict) or layer.get("mediaType") != OLLAMA_MODEL_LAYER:
                continue
            digest = str(layer.get("digest", ""))
            algo, _, hexdigest = digest.partition(":")
            if algo != "sha256" or not _SHA256.match(hexdigest):
                continue
            label = (
                f"{name}:{tag}"
                if (host, namespace) == ("registry.ollama.ai", "library")
                else f"{host}/{namespace}/{name}:{tag}"
            )
            yield (
                root / "blobs" / f"sha256-{hexdigest}",
                {
                    "source": "ollama",
                    "display_name": label,
                    "sha256": hexdigest,
                },
            )


def describe_found(path: Path, facts: dict[str, Any]) -> FoundModel | ScanSkipped:
    if is_later_shard(path):
        return ScanSkipped(path, "a later shard of a split model (the first one is listed)")
    try:
        size = path.stat().st_size
        info = read_local_header(path)
    except FileNotFoundError:
        return ScanSkipped(path, "listed but missing")
    except (InputError, OSError) as exc:
        return ScanSkipped(path, str(exc))
    if info.architecture == "clip" or path.name.lower().startswith("mmproj"):
        return ScanSkipped(path, "a vision projector, not a model on its own")
    if shard_name(path.name):
        size = sum(s.stat().st_size for s in shard_paths(path) if s.exists())
    name = facts.pop("display_name", None) or info.name or path.stem
    return FoundModel(path=path, display_name=name, size_bytes=size, info=info, **facts)
