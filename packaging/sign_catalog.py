"""Build and sign a catalog bundle for ``model-wizard catalog update``.

    python packaging/sign_catalog.py --key catalog_signing.pem --out dist/catalog.json
    python packaging/sign_catalog.py --new-key catalog_signing.pem

The first validates every file in ``models/`` with the app's schema (a broken catalog is
never signed), writes the bundle and its detached signature (``catalog.json.sig``), and
checks the signature against the public key the app ships
(``resources/catalog_signing_key.pub``) unless ``--public-key`` names another. The second
makes a new key pair: the private key (mode 0600) is for the release manager only and is
never committed; the public key is printed for ``resources/``.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wizard_app.core.catalog.bundle import (  # noqa: E402 (after the path is set)
    PUBLIC_KEY_FILE,
    build_bundle,
    generate_private_key,
    load_private_key,
    load_public_key,
    parse_bundle,
    private_key_pem,
    public_key_pem,
    sign,
    verify,
)
from wizard_app.core.errors import WizardError  # noqa: E402


def new_key(path: Path) -> int:
    if path.exists():
        print(f"{path} exists; refusing to overwrite a key.", file=sys.stderr)
        return 2
    key = generate_private_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(private_key_pem(key))
    sys.stdout.write(public_key_pem(key).decode())
    print(f"private key written to {path}; keep it out of the repository", file=sys.stderr)
    return 0


def build(args: argparse.Namespace) -> int:
    key = load_private_key(Path(args.key).read_bytes())
    created = datetime.fromisoformat(args.created) if args.created else datetime.now(timezone.utc)
    data = build_bundle(Path(args.models) if args.models else None, created)
    catalog = parse_bundle(data).catalog()  # the app's schema: refuse to sign a broken one
    signature = sign(data, key)
    public = Path(args.public_key) if args.public_key else ROOT / "resources" / PUBLIC_KEY_FILE
    verify(data, signature, load_public_key(public.read_bytes()))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    out.with_name(out.name + ".sig").write_bytes(signature)
    print(f"{out}: {len(catalog)} variants, {len(data):,} bytes, signature {out.name}.sig")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--key", help="the ed25519 private key (PEM) to sign with")
    p.add_argument("--out", default="dist/catalog.json", help="where to write the bundle")
    p.add_argument("--models", help="catalog folder (default: models/ of this checkout)")
    p.add_argument("--public-key", help="public key to check the signature against")
    p.add_argument("--created", help="ISO time stamped in the bundle (default: now)")
    p.add_argument("--new-key", metavar="PATH", help="make a key pair; write the private key")
    args = p.parse_args(argv)
    try:
        if args.new_key:
            return new_key(Path(args.new_key))
        if not args.key:
            p.error("give --key PRIVATE_KEY (or --new-key PATH to make one)")
        return build(args)
    except (WizardError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
