"""The signed catalog bundle: every file of ``models/`` in one JSON document.

A bundle is UTF-8 JSON ``{"format": ..., "version": 1, "created": ISO time, "files":
{name: yaml text}}``; its signature is a detached ed25519 signature over the bundle's exact
bytes, stored base64 in ``<bundle>.sig``. ``packaging/sign_catalog.py`` builds and signs
one; :mod:`wizard_app.core.catalog.update` fetches, verifies and installs it.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from wizard_app.core.catalog.loader import Catalog, build_catalog, catalog_files, load_family_text
from wizard_app.core.errors import CatalogError
from wizard_app.core.paths import bundled_dir

FORMAT = "open-model-wizard-catalog"
VERSION = 1
MAX_BUNDLE_BYTES = 16 * 1024 * 1024  # today's catalog is under 1 MB
PUBLIC_KEY_FILE = "catalog_signing_key.pub"  # in resources/
if TYPE_CHECKING:  # cryptography is imported only when a signature is made or checked
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

_FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}\.yaml$")


@dataclass(frozen=True)
class Bundle:
    """A parsed bundle: when it was built, and its files (name -> YAML text)."""

    created: datetime
    files: dict[str, str]

    def catalog(self, origin: str | None = None) -> Catalog:
        """Validate every file with the catalog schema, as the bundled ones are."""
        items = sorted(self.files.items())
        origin = origin or f"update {self.created:%Y-%m-%d %H:%M} UTC"
        return build_catalog(
            [(name, partial(load_family_text, name, text)) for name, text in items],
            origin=origin,
        )


def build_bundle(folder: Path | None = None, created: datetime | None = None) -> bytes:
    """The bundle bytes for the ``*.yaml`` files in ``folder`` (default: bundled models/)."""
    files = {p.name: p.read_text(encoding="utf-8") for p in catalog_files(folder)}
    when = (created or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    doc = {"format": FORMAT, "version": VERSION, "created": when.isoformat(), "files": files}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"


def parse_bundle(data: bytes) -> Bundle:
    """Check the bundle's shape (not its signature: see :func:`verify`)."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise CatalogError(
            f"The catalog bundle is {len(data):,} bytes, more than the {MAX_BUNDLE_BYTES:,} "
            "allowed.",
            "Check the update address: it does not point at a catalog bundle.",
        )
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise CatalogError(
            f"The catalog bundle is not valid JSON ({exc}).",
            "The download is damaged or is not a catalog bundle; try again later.",
        ) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise CatalogError(
            "The downloaded file is not an Open Model Wizard catalog bundle.",
            "Check the update address.",
        )
    if doc.get("version") != VERSION:
        raise CatalogError(
            f"The catalog bundle has format version {doc.get('version')!r}; this app reads "
            f"version {VERSION}.",
            "Update Open Model Wizard to use this catalog.",
        )
    files = doc.get("files")
    if not isinstance(files, dict) or not files:
        raise CatalogError("The catalog bundle holds no files.", "Check the update address.")
    for name, text in files.items():
        if not isinstance(name, str) or not _FILE_NAME.match(name) or not isinstance(text, str):
            raise CatalogError(
                f"The catalog bundle holds an entry that is not a catalog file: {name!r}.",
                "The bundle is not usable; keep the catalog you have.",
            )
    try:
        created = datetime.fromisoformat(str(doc.get("created")))
    except ValueError as exc:
        raise CatalogError(
            f"The catalog bundle's creation time {doc.get('created')!r} is not a date.",
            "The bundle is not usable; keep the catalog you have.",
        ) from exc
    if created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)
    return Bundle(created=created, files=dict(files))


# ---- keys and signatures -----------------------------------------------------------------


def generate_private_key() -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_key_pem(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise CatalogError(f"Not a usable private key: {exc}.", "Give an ed25519 PEM key.") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise CatalogError("The private key is not an ed25519 key.", "Give an ed25519 PEM key.")
    return key


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise CatalogError(
            f"The catalog's public key is not usable: {exc}.", "Reinstall Open Model Wizard."
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise CatalogError(
            "The catalog's public key is not an ed25519 key.", "Reinstall Open Model Wizard."
        )
    return key


def bundled_public_key() -> Ed25519PublicKey:
    """The key the app ships in ``resources/`` to check downloaded catalogs."""
    path = bundled_dir("resources") / PUBLIC_KEY_FILE
    try:
        return load_public_key(path.read_bytes())
    except OSError as exc:
        raise CatalogError(
            f"The catalog's public key {path} cannot be read ({exc.strerror or exc}).",
            "Reinstall Open Model Wizard.",
        ) from exc


def sign(data: bytes, key: Ed25519PrivateKey) -> bytes:
    """The ``.sig`` file's content for ``data``: a base64 line."""
    return base64.b64encode(key.sign(data)) + b"\n"


def verify(data: bytes, signature_file: bytes, key: Ed25519PublicKey) -> None:
    """Raise :class:`CatalogError` unless ``signature_file`` signs ``data`` with ``key``."""
    from cryptography.exceptions import InvalidSignature

    try:
        raw = base64.b64decode(signature_file.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CatalogError(
            "The catalog's signature file is not a signature (not base64).",
            "The update was not installed; the catalog you have is kept.",
        ) from exc
    if len(raw) != 64:
        raise CatalogError(
            f"The catalog's signature is {len(raw)} bytes; an ed25519 signature has 64.",
            "The update was not installed; the catalog you have is kept.",
        )
    try:
        key.verify(raw, data)
    except InvalidSignature:
        raise CatalogError(
            "The downloaded catalog's signature does not match: it was changed, damaged or "
            "signed with another key.",
            "The update was not installed; the catalog you have is kept.",
        ) from None
