"""Every catalog file validates; broken files are reported with file name and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard_app.core.catalog import load_catalog, load_family_file
from wizard_app.core.catalog.loader import catalog_files
from wizard_app.core.errors import CatalogError

EXAMPLE = Path(__file__).parents[1] / "data" / "catalog_example.yaml"
LESSON_MODELS = {  # the models lesson 16 names, by their Hub repo
    "meta-llama/Llama-2-7b-chat-hf", "meta-llama/Llama-2-13b-chat-hf",
    "elyza/ELYZA-japanese-Llama-2-7b", "TencentARC/LLaMA-Pro-8B",
    "mistralai/Mixtral-8x7B-Instruct-v0.1", "BioMistral/BioMistral-7B",
    "nvidia/OpenMath-Mistral-7B-v0.1-hf", "tiiuae/falcon-7b-instruct",
    "tiiuae/falcon-40b-instruct", "OpenAssistant/falcon-40b-sft-top1-560",
    "nomic-ai/gpt4all-falcon", "allenai/OLMo-7B",
}  # fmt: skip


@pytest.mark.parametrize("path", catalog_files(), ids=lambda p: p.name)
def test_each_catalog_file_is_valid(path: Path) -> None:
    family = load_family_file(path)
    for v in family.variants:
        assert v.artifacts or v.no_gguf_reason


def test_the_whole_catalog_loads_with_unique_ids() -> None:
    catalog = load_catalog()
    ids = [e.id for e in catalog]
    assert len(ids) == len(set(ids))


def test_the_lesson_models_are_all_there() -> None:
    repos = {e.variant.hub_repo for e in load_catalog()}
    assert repos >= LESSON_MODELS, LESSON_MODELS - repos
    mistral = {
        e.variant.hub_repo
        for e in load_catalog()
        if "Mistral-7B-Instruct" in str(e.variant.hub_repo)
    }
    assert mistral


def write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "models"
    folder.mkdir(exist_ok=True)
    (folder / "broken.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_wrong_field_is_named_with_file_and_variant(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace('commercial: "yes"', 'commercial: "maybe"')
    with pytest.raises(CatalogError) as err:
        load_catalog(write(tmp_path, text))
    msg = str(err.value)
    assert "broken.yaml" in msg
    assert "variants[0](example-7b-instruct).license.commercial" in msg


def test_unknown_keys_and_quants_are_rejected(tmp_path: Path) -> None:
    text = (
        EXAMPLE.read_text()
        .replace("quant: Q4_K_M", "quant: Q4_K_XXL")
        .replace("instruct: true", "instruct: true\n    colour: blue")
    )
    with pytest.raises(CatalogError) as err:
        load_catalog(write(tmp_path, text))
    assert "unknown quant type 'Q4_K_XXL'" in str(err.value)
    assert "colour" in str(err.value)


def test_bad_yaml_reports_the_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as err:
        load_catalog(write(tmp_path, "family: X\nvariants: [\n  - a: b\n"))
    assert "broken.yaml: is not valid YAML at line" in str(err.value)


def test_duplicate_ids_across_files_are_reported(tmp_path: Path) -> None:
    folder = write(tmp_path, EXAMPLE.read_text())
    (folder / "copy.yaml").write_text(EXAMPLE.read_text())
    with pytest.raises(CatalogError, match="duplicate id 'example-7b-instruct'"):
        load_catalog(folder)


def test_a_curator_rating_needs_a_reason(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace(
        "        score: 60.1\n", "        score: 60.1\n        curator_rating: true\n"
    )
    with pytest.raises(CatalogError, match="curator rating needs a written reason"):
        load_catalog(write(tmp_path, text))


def test_docs_catalog_md_is_in_sync() -> None:
    from wizard_app.core.catalog.report import catalog_markdown

    committed = (Path(__file__).parents[2] / "docs" / "CATALOG.md").read_text(encoding="utf-8")
    assert committed == catalog_markdown(load_catalog()), (
        "docs/CATALOG.md is stale: run 'model-wizard catalog --markdown > docs/CATALOG.md'"
    )
