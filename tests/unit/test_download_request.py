"""One way to build download requests (GUI and CLI), and one answer to "is it installed?"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hub_server import write_test_gguf
from wizard_app.core.catalog.schema import Artifact
from wizard_app.core.download.request import (
    file_request,
    requests_for_artifact,
    requests_for_files,
)
from wizard_app.core.errors import InputError
from wizard_app.core.library.installed import Library
from wizard_app.core.storage.database import Database

SOURCE = {"url": "https://huggingface.co/acme/Example-GGUF"}
SHA = "a" * 64
COMMIT = "b" * 40


def test_a_single_file_artifact_carries_its_checksum_size_and_pin() -> None:
    art = Artifact.model_validate(
        {"repo": "acme/Example-GGUF", "file": "x.Q4_K_M.gguf", "quant": "Q4_K_M",
         "size_bytes": 1234, "sha256": SHA, "revision": COMMIT, "source": SOURCE}
    )  # fmt: skip
    (req,) = requests_for_artifact(art, endpoint="https://hub.example", catalog_id="x-7b")
    assert (req.repo, req.filename, req.endpoint) == ("acme/Example-GGUF", "x.Q4_K_M.gguf",
                                                      "https://hub.example")  # fmt: skip
    assert (req.revision, req.catalog_id, req.quant) == (COMMIT, "x-7b", "Q4_K_M")
    assert (req.expected_sha256, req.size_bytes) == (SHA, 1234)
    (other,) = requests_for_artifact(art, endpoint="e", catalog_id="x-7b", revision="dev")
    assert other.revision == "dev"


def test_a_split_artifact_is_one_request_a_part_without_a_catalog_checksum() -> None:
    parts = [f"x-0000{i}-of-00002.gguf" for i in (1, 2)]
    art = Artifact.model_validate(
        {"repo": "acme/Example-GGUF", "parts": parts, "quant": "Q8_0", "source": SOURCE}
    )
    reqs = requests_for_artifact(art, endpoint="e", catalog_id="x-7b")
    assert [r.filename for r in reqs] == parts
    assert {(r.revision, r.expected_sha256, r.size_bytes) for r in reqs} == {("main", None, None)}


def test_an_artifact_gives_the_requests_its_files_would() -> None:
    # the desktop app's Choice holds its artifact and, like the CLI, asks
    # requests_for_artifact; a Hub file added by hand comes through requests_for_files
    art = Artifact.model_validate(
        {"repo": "acme/Example-GGUF", "file": "x.Q4_K_M.gguf", "quant": "Q4_K_M",
         "size_bytes": 1234, "sha256": SHA, "revision": COMMIT, "source": SOURCE}
    )  # fmt: skip
    from_artifact = requests_for_artifact(art, endpoint="e", catalog_id="x-7b")
    from_files = requests_for_files(
        art.repo, art.files, endpoint="e", catalog_id="x-7b", quant=art.quant,
        revision=art.revision, sha256=art.sha256, size_bytes=art.size_bytes,
    )  # fmt: skip
    assert from_files == from_artifact


def test_a_hub_file_request_checks_the_repo_id() -> None:
    req = file_request("acme/Example-GGUF", "x.gguf", endpoint="e")
    assert (req.revision, req.catalog_id, req.expected_sha256) == ("main", None, None)
    with pytest.raises(InputError):
        file_request("not a repo", "x.gguf", endpoint="e")


def test_installed_is_a_library_entry_whose_files_are_on_disk(tmp_path: Path) -> None:
    models = tmp_path / "models"
    library = Library(Database(tmp_path / "db.sqlite"), models)
    path = write_test_gguf(models / "acme" / "Example-GGUF" / "x.gguf")
    entry = library.installed(path)  # in the app's folder but not yet listed: adopted
    assert entry is not None
    assert entry.path == path
    again = library.installed(path)
    assert again is not None
    assert again.id == entry.id
    assert len(library.entries()) == 1
    path.unlink()
    assert library.installed(path) is None  # listed, but the file is gone
    assert library.installed(models / "nowhere.gguf") is None


def test_a_split_model_with_a_missing_part_is_not_installed(tmp_path: Path) -> None:
    models = tmp_path / "models"
    library = Library(Database(tmp_path / "db.sqlite"), models)
    first = write_test_gguf(models / "acme" / "Split-GGUF" / "x-00001-of-00002.gguf")
    assert library.installed(first) is None
