"""The bundled model catalog: schema, loader and checks."""

from wizard_app.core.catalog.loader import Catalog, CatalogEntry, load_catalog, load_family_file
from wizard_app.core.catalog.schema import USE_CASES, Artifact, Family, Variant

__all__ = [
    "USE_CASES",
    "Artifact",
    "Catalog",
    "CatalogEntry",
    "Family",
    "Variant",
    "load_catalog",
    "load_family_file",
]
