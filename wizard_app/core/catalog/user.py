"""The user's own catalog file: models found on the Hub and added to the recommendations.

One YAML file in the data folder (``catalog/user-models.yaml``), a family like the bundled
ones and checked by the same schema, with every variant marked ``added_by_user``. The
catalog loader merges it after the bundled (or updated) catalog; a variant whose id the
main catalog already has is left out with a warning, and a damaged file never breaks the
app: it is reported and ignored until it is fixed or removed.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from wizard_app.core.catalog.loader import Catalog, CatalogEntry, load_family_text
from wizard_app.core.catalog.schema import Family, Variant
from wizard_app.core.errors import CatalogError

log = logging.getLogger(__name__)

USER_CATALOG_NAME = "user-models.yaml"
USER_FAMILY = "Added by you"
USER_PUBLISHER = "Hugging Face Hub (added by you)"
_HEADER = (
    "# Models you added from the Hugging Face Hub (model-wizard hub add, or Find on the Hub).\n"
    "# Written by Open Model Wizard and checked by the same schema as the bundled catalog;\n"
    "# delete an entry here (or run `model-wizard hub remove ID`) to take it out again.\n"
)


def read_user_family(path: Path) -> Family | None:
    """The user's family file, or None when there is none. Raises ``CatalogError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: cannot be read ({exc}).") from exc
    family = load_family_text(path.name, text)
    stray = [v.id for v in family.variants if not v.added_by_user]
    if stray:
        raise CatalogError(
            f"{path.name}: {', '.join(stray)} lack added_by_user: true.",
            "Only models added from the Hub belong in this file.",
        )
    return family


def merge_user_catalog(catalog: Catalog, path: Path) -> Catalog:
    """``catalog`` with the user's models after its own, or unchanged if there are none."""
    try:
        family = read_user_family(path)
    except CatalogError as exc:
        log.warning("ignoring your added models in %s: %s", path, exc.message)
        return catalog
    if family is None:
        return catalog
    extra: list[CatalogEntry] = []
    for v in family.variants:
        if v.id in catalog:
            log.warning("your added model %s has the id of a catalog model; not used", v.id)
            continue
        extra.append(CatalogEntry(v, family.family, family.publisher, path.name))
    if not extra:
        return catalog
    return Catalog([*catalog.entries, *extra], origin=catalog.origin)


def write_user_family(path: Path, variants: list[Variant]) -> None:
    """Write ``variants`` as the user's family file, checked before it replaces the old."""
    if not variants:
        path.unlink(missing_ok=True)
        return
    family = Family(
        family=USER_FAMILY,
        publisher=USER_PUBLISHER,
        description="GGUF models found on the Hugging Face Hub and added by you.",
        variants=variants,
    )
    data = family.model_dump(mode="json", exclude_none=True)
    for v, out in zip(family.variants, data["variants"], strict=True):
        # openness criteria are required even when None ("not established")
        out["openness"] = v.openness.model_dump(mode="json", exclude_none=False)
        out["openness"]["source"] = v.openness.source.model_dump(mode="json", exclude_none=True)
    import yaml

    text = _HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    load_family_text(path.name, text)  # the same schema: what is written will load
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".user-models.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_user_variant(path: Path, variant: Variant, catalog: Catalog) -> Variant:
    """Add ``variant`` (or its new quants to the one with its id) to the user's file.

    A quant the user's entry already has is replaced by the new file. Refuses an id the
    main catalog holds. Returns the variant as stored.
    """
    if not variant.added_by_user:
        raise ValueError("only variants marked added_by_user go in the user catalog")
    existing = read_user_family(path)
    variants = list(existing.variants) if existing else []
    if variant.id in catalog and not any(v.id == variant.id for v in variants):
        raise CatalogError(
            f"The catalog already has a model with the id {variant.id}.",
            "It is in your recommendations already; download it with that id.",
        )
    for i, old in enumerate(variants):
        if old.id == variant.id:
            quants = {a.quant for a in variant.artifacts}
            kept = [a for a in old.artifacts if a.quant not in quants]
            merged = old.model_copy(update={"artifacts": [*kept, *variant.artifacts]})
            variants[i] = Variant.model_validate(merged.model_dump())
            write_user_family(path, variants)
            return variants[i]
    variants.append(variant)
    write_user_family(path, variants)
    return variant


def remove_user_variant(path: Path, variant_id: str) -> bool:
    """Take ``variant_id`` out of the user's file; False when it was not there."""
    existing = read_user_family(path)
    if existing is None:
        return False
    kept = [v for v in existing.variants if v.id != variant_id]
    if len(kept) == len(existing.variants):
        return False
    write_user_family(path, kept)
    return True
