"""Find GGUF repositories of a model on the Hub and list their files, with sizes and sha256.

Through huggingface_hub: ``HfApi.list_models(search=..., filter="gguf")`` for the search
and ``HfApi.model_info(repo, files_metadata=True)`` for one repository's files (the Hub's
``/api/models`` and ``/api/models/{repo}/revision/{rev}?blobs=true``), so a mirror set as
the endpoint works as it does for downloads. Split models (``-00001-of-00003.gguf``) are
one entry with their parts; a vision projector (``mmproj``) is listed but marked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wizard_app.core.catalog.quants import BITS_PER_WEIGHT
from wizard_app.core.errors import InputError, WizardError
from wizard_app.core.gguf.shards import shard_name

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
_QUANT = re.compile(
    r"(?<![A-Za-z0-9])("
    + "|".join(sorted((re.escape(q) for q in BITS_PER_WEIGHT), key=len, reverse=True))
    + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)


class HubSearchError(WizardError):
    """The Hub (or the mirror) could not be asked, or refused the question."""


@dataclass(frozen=True)
class HubRepo:
    """One search hit: a repository that holds GGUF files."""

    repo: str
    downloads: int | None
    likes: int | None
    last_modified: datetime | None
    gated: bool
    license: str | None


@dataclass(frozen=True)
class HubFile:
    """A model in a repository: one GGUF file, or the parts of a split one."""

    name: str  # the file, or the first part of a split model
    parts: tuple[str, ...]  # every file to download, first to last
    quant: str | None  # as the catalog names it, read from the file name
    size: int | None  # bytes, all parts together; None when the Hub gave no size
    sha256: str | None  # LFS sha256 of a single file (None for a split model)
    projector: bool  # an mmproj file: a vision adapter, not a model on its own

    @property
    def split(self) -> bool:
        return len(self.parts) > 1


@dataclass(frozen=True)
class RepoFiles:
    """A repository's GGUF files at one commit."""

    repo: str
    revision: str  # as asked (main, a tag, a commit)
    commit: str | None  # the commit the listing is of
    gated: bool
    license: str | None
    languages: tuple[str, ...]
    files: tuple[HubFile, ...]

    def file(self, name: str) -> HubFile:
        """The model ``name`` stands for (its file, or any of its parts)."""
        for f in self.files:
            if name == f.name or name in f.parts:
                return f
        have = ", ".join(f.name for f in self.files if not f.projector) or "none"
        raise InputError(
            f"{self.repo} has no GGUF file named {name!r} at {self.revision}.",
            f"Its GGUF files: {have}.",
        )


def quant_from_name(name: str) -> str | None:
    """The quant type a file name states (Q4_K_M, IQ4_XS, MXFP4...), or None."""
    stem = name.rsplit("/", 1)[-1]
    stem = stem[: -len(".gguf")] if stem.lower().endswith(".gguf") else stem
    found = _QUANT.findall(stem)
    return found[-1].upper() if found else None


def hub_api(endpoint: str, token: str | None = None) -> Any:
    """An ``HfApi`` for ``endpoint``; a login in a mirror's URL becomes Basic auth.

    The token, like the login, goes only to this endpoint (huggingface_hub sends its
    headers to the endpoint's API and nothing else here).
    """
    import base64

    from huggingface_hub import HfApi

    from wizard_app.core.download.hub import split_credentials

    plain, login = split_credentials(endpoint)
    headers: dict[str, str] = {}
    if login is not None:
        raw = f"{login[0]}:{login[1]}".encode()
        headers["authorization"] = "Basic " + base64.b64encode(raw).decode()
        token = None
    return HfApi(endpoint=plain.rstrip("/"), token=token or False, headers=headers or None)


def search_gguf(api: Any, query: str, limit: int = DEFAULT_LIMIT) -> list[HubRepo]:
    """Repositories with GGUF files whose name matches ``query``, most downloaded first."""
    query = query.strip()
    if not query:
        raise InputError("Nothing to search for.", "Give part of a model's name, e.g. qwen3 4b.")
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"--limit must be between 1 and {MAX_LIMIT}, not {limit}.")
    words = query.split()
    with _hub_errors(api, None):
        # the Hub matches ``search`` as one substring; a first word narrows, the rest filter
        items = api.list_models(
            search=words[0], filter="gguf", sort="downloads", limit=MAX_LIMIT, cardData=True
        )
        hits = [m for m in items if all(w.lower() in m.id.lower() for w in words[1:])]
    return [_repo(m) for m in hits[:limit]]


def list_gguf_files(api: Any, repo: str, revision: str = "main") -> RepoFiles:
    """The GGUF files of ``repo`` at ``revision``, with sizes and LFS sha256."""
    from wizard_app.core.download.hub import check_repo_id

    check_repo_id(repo)
    with _hub_errors(api, repo, revision):
        info = api.model_info(repo, revision=revision, files_metadata=True)
    files = _group(info.siblings or [])
    card = getattr(info, "card_data", None)
    langs = _as_list(getattr(card, "language", None)) if card is not None else []
    return RepoFiles(
        repo=info.id,
        revision=revision,
        commit=info.sha,
        gated=bool(info.gated),
        license=_license(info),
        languages=tuple(langs),
        files=tuple(files),
    )


# ---- helpers ------------------------------------------------------------------------------
def _repo(m: Any) -> HubRepo:
    return HubRepo(
        repo=m.id,
        downloads=m.downloads,
        likes=m.likes,
        last_modified=m.last_modified,
        gated=bool(m.gated),
        license=_license(m),
    )


def _license(m: Any) -> str | None:
    card = getattr(m, "card_data", None)
    value = getattr(card, "license", None) if card is not None else None
    if isinstance(value, str) and value:
        return value
    for tag in m.tags or []:
        if isinstance(tag, str) and tag.startswith("license:"):
            return tag.split(":", 1)[1]
    return None


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [v for v in value if isinstance(v, str)]
    return []


def _group(siblings: Iterable[Any]) -> list[HubFile]:
    """GGUF siblings as models: a split model's parts become one entry."""
    singles: list[HubFile] = []
    splits: dict[tuple[str, int], list[Any]] = {}
    for s in siblings:
        name: str = s.rfilename
        if not name.lower().endswith(".gguf"):
            continue
        part = shard_name(name)
        if part is not None:
            splits.setdefault((part.prefix, part.count), []).append((part.number, s))
            continue
        sha = s.lfs.sha256 if s.lfs is not None else None
        singles.append(
            HubFile(name, (name,), quant_from_name(name), _size(s), sha, _is_projector(name))
        )
    for (_prefix, count), numbered in splits.items():
        numbered.sort(key=lambda p: p[0])
        names = tuple(s.rfilename for _, s in numbered)
        sizes = [_size(s) for _, s in numbered]
        complete = len(names) == count and all(size is not None for size in sizes)
        total = sum(size for size in sizes if size is not None) if complete else None
        first = names[0]
        singles.append(
            HubFile(first, names, quant_from_name(first), total, None, _is_projector(first))
        )
    return sorted(singles, key=lambda f: (f.projector, f.size or 0, f.name))


def _size(sibling: Any) -> int | None:
    if sibling.size is not None:
        return int(sibling.size)
    return int(sibling.lfs.size) if sibling.lfs is not None else None


def _is_projector(name: str) -> bool:
    return "mmproj" in name.rsplit("/", 1)[-1].lower()


class _hub_errors:
    """huggingface_hub's and the network's errors as one clear message with a remedy."""

    def __init__(self, api: Any, repo: str | None, revision: str = "main") -> None:
        self.where = getattr(api, "endpoint", "the Hub")
        self.repo = repo
        self.revision = revision

    def __enter__(self) -> None:
        # huggingface_hub logs each retry of an unreachable host as a warning; the
        # outcome is said once, below, as one line
        self._quiet = logging.getLogger("huggingface_hub.utils._http")
        self._level = self._quiet.level
        self._quiet.setLevel(logging.ERROR)

    def __exit__(self, kind: Any, exc: BaseException | None, tb: Any) -> None:
        self._quiet.setLevel(self._level)
        if exc is None or isinstance(exc, WizardError):
            return
        from huggingface_hub import errors as hf

        where, repo = self.where, self.repo
        if isinstance(exc, hf.GatedRepoError):
            raise HubSearchError(
                f"{repo} is a gated model: its files are listed only to an account that "
                "accepted its licence.",
                f"Open {where}/{repo} while logged in, accept the licence, and set HF_TOKEN "
                "(or run `hf auth login`).",
            ) from exc
        if isinstance(exc, hf.RevisionNotFoundError):
            raise InputError(
                f"The revision {self.revision} of {repo} was not found on {where}.",
                f"See the branches and commits at {where}/{repo}.",
            ) from exc
        if isinstance(exc, hf.RepositoryNotFoundError):
            raise InputError(
                f"The repository {repo} was not found on {where}.",
                "Check the name (owner/name); a private repository needs a token with access.",
            ) from exc
        if isinstance(exc, hf.HfHubHTTPError):
            status = getattr(getattr(exc, "response", None), "status_code", None)
            if status in (401, 403):
                raise HubSearchError(
                    f"{where} refused the request ({status}): it wants a login or a token.",
                    "For a mirror, put the user and password in its address "
                    "(https://user:password@host) in Settings; for the Hub, set HF_TOKEN.",
                ) from exc
            raise HubSearchError(
                f"{where} answered the search with an error ({status or exc}).",
                "Try again later; if you use a mirror, check that it serves /api/models.",
            ) from exc
        if isinstance(exc, OSError | ConnectionError | TimeoutError) or _is_network(exc):
            raise HubSearchError(
                f"Cannot reach {where}: {_short(exc)}.",
                "Check the connection, or set a mirror with "
                "`model-wizard settings set hub_endpoint URL`.",
            ) from exc


def _is_network(exc: BaseException) -> bool:
    """A connection, timeout or protocol failure of the HTTP client huggingface_hub uses
    (httpx2 in the versions installed here, httpx in older ones)."""
    import importlib

    for module in ("httpx2", "httpx"):
        try:
            client = importlib.import_module(module)
        except ImportError:
            continue
        if isinstance(exc, client.TransportError):
            return True
    return False


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
