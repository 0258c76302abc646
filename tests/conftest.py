import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The local Hugging Face Hub look-alike for the download tests (fixtures hub, hf_env) and
# the static server of the catalog update tests (fixture server).
pytest_plugins = ["tests.hub_server", "tests.catalog_server"]


# --- small real GGUF models and the inference worker (tests/gguf_models.py) -------------
import pytest  # noqa: E402

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
