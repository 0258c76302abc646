"""Catalog updates between releases: fetch a signed bundle, verify, keep one to roll back to.

Nothing replaces the bundled ``models/``: a verified update is kept beside it in the data
folder (``<data>/catalog/current``, the one it replaced in ``previous``) and is preferred
while it still verifies against the app's public key and validates with the schema. A
failed, unsigned, tampered, truncated or invalid download changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from wizard_app import __version__
from wizard_app.core.catalog.bundle import (
    MAX_BUNDLE_BYTES,
    Bundle,
    bundled_public_key,
    parse_bundle,
    verify,
)
from wizard_app.core.catalog.loader import Catalog, catalog_files, load_catalog
from wizard_app.core.errors import CatalogError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

log = logging.getLogger(__name__)

BUNDLE_NAME = "catalog.json"
SIGNATURE_SUFFIX = ".sig"
STATE_NAME = "installed.json"
TIMEOUT_S = 30.0
PARSED_CACHE = "parsed"  # the bundled files' parsed YAML, by content hash (yamlfile)


def bundled_digest(folder: Path | None = None) -> str:
    """A digest of the bundled catalog files; it changes when the app is upgraded."""
    h = hashlib.sha256()
    for path in catalog_files(folder):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class UpdateResult:
    """What ``install`` or ``rollback`` left in use."""

    origin: str  # "bundled" or "update <date>"
    variants: int
    files: int
    created: datetime | None  # of the update in use; None for the bundled catalog
    replaced: datetime | None = None  # the update it replaced, if any


class CatalogStore:
    """The downloaded catalogs in ``root`` (``<data>/catalog``), checked with ``public_key``.

    ``public_key`` defaults to the one shipped in ``resources/``; tests pass their own.
    ``bundled`` is the folder of the bundled catalog (default: the app's ``models/``).
    """

    def __init__(
        self,
        root: Path,
        public_key: Ed25519PublicKey | None = None,
        bundled: Path | None = None,
    ) -> None:
        self.root = root
        self._key = public_key
        self.bundled = bundled

    @property
    def public_key(self) -> Ed25519PublicKey:
        if self._key is None:
            self._key = bundled_public_key()
        return self._key

    @property
    def current(self) -> Path:
        return self.root / "current"

    @property
    def previous(self) -> Path:
        return self.root / "previous"

    # ---- reading ---------------------------------------------------------------------------
    def _read(self, folder: Path) -> Bundle | None:
        """The verified bundle in ``folder``, None if there is none; raises if it is bad."""
        data_path = folder / BUNDLE_NAME
        if not data_path.is_file():
            return None
        try:
            data = data_path.read_bytes()
            sig = (folder / (BUNDLE_NAME + SIGNATURE_SUFFIX)).read_bytes()
        except OSError as exc:
            raise CatalogError(
                f"The updated catalog in {folder} cannot be read ({exc.strerror or exc})."
            ) from exc
        verify(data, sig, self.public_key)
        return parse_bundle(data)

    def _state(self, folder: Path) -> dict[str, str]:
        try:
            state = json.loads((folder / STATE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def installed(self) -> Bundle | None:
        """The update in use, or None when the bundled catalog is (see :meth:`catalog`)."""
        bundle = self._read(self.current)
        if bundle is None:
            return None
        if self._state(self.current).get("bundled_digest") != bundled_digest(self.bundled):
            # The app (and its bundled catalog) changed since this update was installed.
            log.info("catalog update of %s predates this app's catalog; not used", bundle.created)
            return None
        return bundle

    @property
    def user_file(self) -> Path:
        """The models the user added from the Hub (see ``catalog.user``)."""
        from wizard_app.core.catalog.user import USER_CATALOG_NAME

        return self.root / USER_CATALOG_NAME

    def catalog(self) -> Catalog:
        """The verified update if there is a usable one, else the bundled catalog; with the
        models the user added from the Hub after either."""
        from wizard_app.core.catalog.user import merge_user_catalog

        return merge_user_catalog(self._main_catalog(), self.user_file)

    def _main_catalog(self) -> Catalog:
        try:
            bundle = self.installed()
            if bundle is not None:
                return bundle.catalog()
        except CatalogError as exc:
            log.warning("ignoring the updated catalog in %s: %s", self.current, exc.message)
        return load_catalog(self.bundled, cache=self.root / PARSED_CACHE)

    # ---- changing --------------------------------------------------------------------------
    def install(self, data: bytes, signature: bytes, source: str = "") -> UpdateResult:
        """Verify and validate a downloaded bundle, then make it the one in use."""
        verify(data, signature, self.public_key)
        bundle = parse_bundle(data)
        catalog = bundle.catalog()  # the same schema checks as the bundled files
        try:
            old = self.installed()
        except CatalogError:
            old = None  # a damaged update in use is simply replaced
        if old is not None and bundle.created <= old.created:
            raise CatalogError(
                f"The downloaded catalog ({bundle.created:%Y-%m-%d %H:%M} UTC) is not newer "
                f"than the one in use ({old.created:%Y-%m-%d %H:%M} UTC).",
                "Nothing was changed. Use 'model-wizard catalog update --rollback' to go "
                "back to an earlier catalog.",
            )
        staging = self.root / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        (staging / BUNDLE_NAME).write_bytes(data)
        (staging / (BUNDLE_NAME + SIGNATURE_SUFFIX)).write_bytes(signature)
        state = {
            "bundled_digest": bundled_digest(self.bundled),
            "source": source,
            "installed": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "app_version": __version__,
        }
        (staging / STATE_NAME).write_text(json.dumps(state, indent=1), encoding="utf-8")
        if self.current.exists():
            shutil.rmtree(self.previous, ignore_errors=True)
            os.replace(self.current, self.previous)
        os.replace(staging, self.current)
        return UpdateResult(
            catalog.origin,
            len(catalog),
            len(bundle.files),
            bundle.created,
            old.created if old else None,
        )

    def rollback(self) -> UpdateResult:
        """Go back to the catalog before the current update (the bundled one if none)."""
        if not self.current.exists():
            raise CatalogError(
                "There is no catalog update to roll back: the bundled catalog is in use."
            )
        replaced = None
        try:
            bundle = self._read(self.current)
            replaced = bundle.created if bundle else None
        except CatalogError:
            pass
        shutil.rmtree(self.current)
        if self.previous.exists():
            os.replace(self.previous, self.current)
        catalog = self.catalog()
        bundle = self.installed() if catalog.origin != "bundled" else None
        return UpdateResult(
            catalog.origin,
            len(catalog),
            len(bundle.files) if bundle else len(catalog_files(self.bundled)),
            bundle.created if bundle else None,
            replaced,
        )


# ---- fetching ----------------------------------------------------------------------------


def _get(url: str, what: str, timeout: float) -> bytes:
    import http.client  # here, not at the top: every command reads the catalog, few fetch it
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": f"open-model-wizard/{__version__}"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            announced = resp.headers.get("Content-Length")
            data: bytes = resp.read(MAX_BUNDLE_BYTES + 1)
        if announced and announced.isdigit() and len(data) < int(announced):
            raise http.client.IncompleteRead(data, int(announced) - len(data))
    except urllib.error.HTTPError as exc:
        if what == "signature" and exc.code == 404:
            raise CatalogError(
                f"The catalog at this address is not signed: {url} was not found (HTTP 404).",
                "The update was not installed; the catalog you have is kept.",
            ) from exc
        raise CatalogError(
            f"Downloading the catalog {what} from {url} failed: HTTP {exc.code} {exc.reason}.",
            "Check the address and try again later; the catalog you have is kept.",
        ) from exc
    except http.client.IncompleteRead as exc:
        raise CatalogError(
            f"The catalog {what} from {url} was cut off after {len(exc.partial):,} bytes.",
            "Try again later; the catalog you have is kept.",
        ) from exc
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise CatalogError(
            f"Cannot download the catalog {what} from {url}: {reason}.",
            "Check the connection and the address; the catalog you have is kept.",
        ) from exc
    if len(data) > MAX_BUNDLE_BYTES:
        raise CatalogError(
            f"The catalog {what} at {url} is larger than {MAX_BUNDLE_BYTES:,} bytes.",
            "Check the update address: it does not point at a catalog bundle.",
        )
    return data


def check_url(url: str) -> str:
    url = url.strip()
    if not url.startswith(("https://", "http://")):
        raise CatalogError(
            f"'{url}' is not an http(s) address.",
            "Give the address of a catalog bundle, such as https://example.org/catalog.json.",
        )
    return url


def fetch_bundle(url: str, timeout: float = TIMEOUT_S) -> tuple[bytes, bytes]:
    """The bundle at ``url`` and its signature at ``url + '.sig'``."""
    url = check_url(url)
    data = _get(url, "bundle", timeout)
    signature = _get(url + SIGNATURE_SUFFIX, "signature", timeout)
    return data, signature


def update_catalog(store: CatalogStore, url: str, timeout: float = TIMEOUT_S) -> UpdateResult:
    """Fetch, verify, validate and install the bundle at ``url``."""
    data, signature = fetch_bundle(url, timeout)
    return store.install(data, signature, source=url)


def active_catalog(data_dir: Path, public_key: Ed25519PublicKey | None = None) -> Catalog:
    """The catalog the app uses: a verified update in ``data_dir``, else the bundled one."""
    return CatalogStore(data_dir / "catalog", public_key).catalog()
