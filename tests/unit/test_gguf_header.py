"""Reading a GGUF header: facts, exact tensor bytes, and clear errors for bad files."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from gguf import GGUFReader, GGUFWriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.gguf_models import TINY_CHAT, TINY_GQA, ModelSpec, build_gguf
from wizard_app.core.errors import InputError
from wizard_app.core.fit import estimate
from wizard_app.core.gguf.header import shape_of
from wizard_app.core.gguf.reader import read_header, shape_from_gguf
from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile


def oracle(path: Path) -> tuple[dict[int, int], int, int]:
    """Per-block bytes, output bytes and total, computed by the gguf package's reader."""
    reader = GGUFReader(path)
    blocks: dict[int, int] = {}
    output = total = 0
    for t in reader.tensors:
        total += int(t.n_bytes)
        if t.name.startswith("blk."):
            i = int(t.name.split(".")[1])
            blocks[i] = blocks.get(i, 0) + int(t.n_bytes)
        if t.name == "output.weight":
            output = int(t.n_bytes)
    return blocks, output, total


@pytest.mark.parametrize("fixture", ["tiny_llama", "tiny_bpe", "tiny_gqa", "tiny_q8", "tiny_chat"])
def test_tensor_bytes_match_the_gguf_reader(fixture: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(fixture)
    h = read_header(path)
    blocks, output, total = oracle(path)
    assert h.layer_bytes == tuple(blocks[i] for i in range(h.block_count))
    assert h.tensor_bytes == total
    assert h.output_bytes == (output or h.token_embd_bytes)
    assert h.file_bytes == path.stat().st_size
    assert total < h.file_bytes  # the header and alignment padding are not weights


def test_facts_of_a_grouped_query_attention_model(tiny_gqa: Path) -> None:
    h = read_header(tiny_gqa)
    assert (h.arch, h.block_count, h.embedding_length) == ("llama", 2, 128)
    assert (h.head_count, h.head_count_kv) == (8, 2)
    assert h.key_length == h.value_length == 128 // 8
    assert h.context_length == TINY_GQA.context
    assert h.vocab_size == TINY_GQA.vocab_size
    assert h.feed_forward_length == TINY_GQA.feed_forward
    assert (h.quant, h.file_type) == ("F16", "F16")
    assert h.tokenizer_model == "llama"
    assert not h.has_chat_template


def test_quant_label_chat_template_and_tied_output(tiny_q8: Path, tiny_chat: Path) -> None:
    assert read_header(tiny_q8).quant == "Q8_0"
    chat = read_header(tiny_chat)
    assert chat.has_chat_template
    assert "<|im_start|>" in (chat.chat_template or "")
    assert TINY_CHAT.tied_output
    assert chat.output_bytes == chat.token_embd_bytes  # tied: the embedding is the head


def test_bpe_qwen2_counts_bias_tensors_in_its_blocks(tiny_bpe: Path, tiny_llama: Path) -> None:
    bpe, spm = read_header(tiny_bpe), read_header(tiny_llama)
    assert (bpe.arch, bpe.tokenizer_model) == ("qwen2", "gpt2")
    # same shapes, plus q, k, v biases in f32: 64 + 32 + 32 floats per block
    assert bpe.layer_bytes[0] - spm.layer_bytes[0] == (64 + 32 + 32) * 4


def test_shape_from_gguf_feeds_the_fit_estimate(tiny_gqa: Path) -> None:
    shape = shape_from_gguf(tiny_gqa)
    h = read_header(tiny_gqa)
    assert shape.source == "gguf-header"
    assert shape.layer_bytes == h.layer_bytes
    assert shape.output_bytes == h.output_bytes
    assert shape.weights_bytes == h.tensor_bytes
    assert (shape.kv_heads, shape.head_dim_k, shape.head_dim_v) == (2, 16, 16)
    hw = HardwareOverrides(ram_gb=16, gpu="none").apply(HardwareProfile())
    e = estimate(shape, hw, 2048)
    # KV cache: 2 layers x 2048 cells x 2 KV heads x (16 + 16) x 2 bytes
    assert e.kv_bytes == 2 * 2048 * 2 * 32 * 2
    assert e.weights_bytes == h.tensor_bytes


def test_per_layer_kv_heads_and_sliding_window(tmp_path: Path) -> None:
    path = tmp_path / "varied.gguf"
    w = GGUFWriter(str(path), "gemma2")
    w.add_uint32("gemma2.block_count", 4)
    w.add_uint32("gemma2.embedding_length", 64)
    w.add_uint32("gemma2.context_length", 8192)
    w.add_uint32("gemma2.attention.head_count", 4)
    w.add_array("gemma2.attention.head_count_kv", [4, 0, 2, 1])
    w.add_uint32("gemma2.attention.key_length", 32)
    w.add_uint32("gemma2.attention.value_length", 24)
    w.add_uint32("gemma2.attention.sliding_window", 1024)
    w.add_tensor("blk.0.attn_q.weight", np.zeros((64, 64), dtype=np.float16))
    w.add_tensor("blk.3.ffn_up.weight", np.zeros((32, 64), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    h = read_header(path)
    assert h.head_count_kv == (4, 0, 2, 1)
    assert (h.key_length, h.value_length, h.sliding_window) == (32, 24, 1024)
    assert h.layer_bytes == (64 * 64 * 2, 0, 0, 32 * 64 * 4)
    shape = shape_of(h)
    assert shape.kv_heads == 2  # ceil(7 / 4): the per-layer sum, rounded up
    assert shape.sliding_window == 1024


def _write_split(folder: Path, tiny_llama: Path) -> list[Path]:
    """``tiny_llama`` written again as three parts, split-0000N-of-00003.gguf."""
    w = GGUFWriter(str(folder / "split.gguf"), "llama", split_max_tensors=8)
    src = GGUFReader(tiny_llama)
    for field in src.fields.values():
        if field.name.startswith("GGUF.") or field.name == "general.architecture":
            continue
        w.add_key_value(field.name, field.contents(), field.types[0], sub_type=field.types[-1]
                        if len(field.types) > 1 else None)  # fmt: skip
    for t in src.tensors:
        w.add_tensor(t.name, np.array(t.data), raw_dtype=t.tensor_type)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return sorted(folder.glob("split-*-of-*.gguf"))


def test_split_model_is_read_as_a_whole(tmp_path: Path, tiny_llama: Path) -> None:
    whole = read_header(tiny_llama)
    parts = _write_split(tmp_path, tiny_llama)
    assert len(parts) == 3, parts
    for part in parts:  # any part names the whole model
        h = read_header(part)
        assert h.split_count == 3
        assert h.tensor_bytes == whole.tensor_bytes
        assert h.layer_bytes == whole.layer_bytes
    parts[-1].unlink()
    with pytest.raises(InputError, match="1 part\\(s\\) are missing"):
        read_header(parts[0])


def test_split_part_names_are_matched_without_regard_to_case(
    tmp_path: Path, tiny_llama: Path
) -> None:
    whole = read_header(tiny_llama)
    upper = [p.rename(p.with_name(p.name.upper())) for p in _write_split(tmp_path, tiny_llama)]
    assert upper[1].name == "SPLIT-00002-OF-00003.GGUF"
    h = read_header(upper[1])  # the siblings are found under the same spelling
    assert h.split_count == 3
    assert h.tensor_bytes == whole.tensor_bytes


def test_a_large_vocabulary_is_read_quickly(gguf_dir: Path) -> None:
    # gguf.GGUFReader takes seconds on a 150k vocabulary; the header walk skips the items.
    path = build_gguf(gguf_dir / "bigvocab.gguf", ModelSpec(name="bigvocab", vocab_size=152_000))
    t0 = time.perf_counter()
    h = read_header(path)
    elapsed = time.perf_counter() - t0
    assert h.vocab_size == 152_000
    assert elapsed < 1.0, f"header read took {elapsed:.2f} s"


# --- files that are not (whole) GGUF models ------------------------------------------
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "is empty"),
        (b"<!DOCTYPE html><html><body>Rate limited</body></html>", "web page"),
        (b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\n", "Git LFS pointer"),
        (b"PK\x03\x04" + b"\0" * 60, "zip archive"),
        ((120).to_bytes(8, "little") + b'{"__metadata__": {}}' + b" " * 100, "safetensors"),
        (b"tjgg" + b"\0" * 60, "old GGML-format"),
        (b"\x7fELF" + b"\0" * 60, "not a GGUF model file"),
    ],
)
def test_non_gguf_files_say_what_they_are(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=says) as info:
        read_header(path)
    assert info.value.remedy


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No file at"):
        read_header(tmp_path / "nope.gguf")
    with pytest.raises(InputError, match="is a folder"):
        read_header(tmp_path)


@pytest.mark.parametrize("keep", [6, 30, 200, 2000, 0.5, 0.999])
def test_truncated_files(tmp_path: Path, tiny_llama: Path, keep: float) -> None:
    data = tiny_llama.read_bytes()
    n = int(len(data) * keep) if isinstance(keep, float) else keep
    path = tmp_path / "cut.gguf"
    path.write_bytes(data[:n])
    with pytest.raises(InputError, match="truncated") as info:
        read_header(path)
    assert "Download it again" in info.value.remedy


def test_corrupt_header_fields(tmp_path: Path, tiny_llama: Path) -> None:
    data = bytearray(tiny_llama.read_bytes())
    path = tmp_path / "corrupt.gguf"
    # an absurd tensor count
    bad = bytearray(data)
    bad[8:16] = (10**15).to_bytes(8, "little")
    path.write_bytes(bad)
    with pytest.raises(InputError, match="corrupt"):
        read_header(path)
    # an unsupported GGUF version
    bad = bytearray(data)
    bad[4:8] = (7).to_bytes(4, "little")
    path.write_bytes(bad)
    with pytest.raises(InputError, match="version 7"):
        read_header(path)


def test_a_header_without_the_model_keys(tmp_path: Path) -> None:
    path = tmp_path / "adapterish.gguf"
    w = GGUFWriter(str(path), "llama")
    w.add_tensor("blk.0.attn_q.weight.lora_a", np.zeros((4, 64), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    with pytest.raises(InputError, match=r"no llama\.block_count"):
        read_header(path)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_damaged_files_raise_input_error_or_read(
    tmp_path: Path, tiny_chat: Path, data: st.DataObject
) -> None:
    """Whatever the damage, a clear InputError or a header; never another exception."""
    raw = bytearray(tiny_chat.read_bytes())
    header_end = 6000  # metadata and tensor table of this model are in the first ~5 KB
    for _ in range(data.draw(st.integers(1, 6))):
        pos = data.draw(st.integers(4, header_end))
        raw[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.one_of(st.none(), st.integers(4, len(raw))))
    path = tmp_path / "damaged.gguf"
    path.write_bytes(bytes(raw[:cut]))
    t0 = time.perf_counter()
    outcome: object
    try:
        outcome = read_header(path)
    except InputError as exc:
        outcome = exc
    if isinstance(outcome, InputError):
        assert outcome.message
        assert outcome.remedy
    else:
        assert outcome.tensor_count > 0  # type: ignore[attr-defined]
    assert time.perf_counter() - t0 < 2.0


# ---- hostile counts (issue 10, item 11) ----------------------------------------------
def _hostile(path: Path, *, blocks: int = 2, context: int = 4096) -> Path:
    """A small, well-formed GGUF whose header declares absurd counts."""
    w = GGUFWriter(str(path), "llama")
    for key, value in (("llama.block_count", blocks), ("llama.context_length", context)):
        (w.add_uint32 if value < 2**32 else w.add_uint64)(key, value)
    w.add_embedding_length(64)
    w.add_feed_forward_length(128)
    w.add_head_count(4)
    w.add_head_count_kv(2)
    w.add_tensor("token_embd.weight", np.zeros((300, 64), dtype=np.float32))
    for i in range(2):
        w.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(64, dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


@pytest.mark.parametrize(
    ("blocks", "context", "says"),
    [
        (2**31, 4096, "declares 2,147,483,648 blocks but holds only 3 tensors"),
        (2**32 - 1, 4096, "declares 4,294,967,295 blocks"),
        (200_000_000, 4096, "declares 200,000,000 blocks"),
        (2**40, 4096, "blocks but holds only 3 tensors"),
        (2, 2**32 - 1, "trained context of 4,294,967,295 tokens"),
    ],
)
def test_absurd_counts_are_refused_before_anything_is_allocated(
    tmp_path: Path, blocks: int, context: int, says: str
) -> None:
    import tracemalloc

    path = _hostile(tmp_path / "hostile.gguf", blocks=blocks, context=context)
    assert path.stat().st_size < 512 * 1024
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(InputError, match="corrupt") as err:
            shape_from_gguf(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert says in err.value.message
    assert err.value.remedy
    assert peak < 16 << 20  # before: a list of block_count entries (13.8 GB for 2^31)
    assert time.perf_counter() - t0 < 2.0


def test_per_block_names_far_beyond_the_tensors_are_bounded_by_the_file(
    tmp_path: Path,
) -> None:
    """A tensor named blk.999999 cannot vouch for a million blocks in a small file."""
    path = tmp_path / "far.gguf"
    w = GGUFWriter(str(path), "llama")
    w.add_uint32("llama.block_count", 1_000_000)
    w.add_embedding_length(64)
    w.add_head_count(4)
    w.add_tensor("blk.999999.attn_norm.weight", np.ones(64, dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    with pytest.raises(InputError, match="1,000,000 blocks"):
        read_header(path)


def test_a_folder_named_like_a_gguf_is_called_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wizard_app.cli import main

    folder = tmp_path / "x.gguf"
    folder.mkdir()
    code = main(["--data-dir", str(tmp_path / "data"), "fit", str(folder)])
    err = capsys.readouterr().err
    assert code == 2
    assert "is a folder, not a GGUF file" in err
    assert "No such file" not in err


def _hybrid(path: Path, arch: str, kv: list[int] | int, extra: dict[str, int]) -> Path:
    w = GGUFWriter(str(path), arch)
    w.add_uint32(f"{arch}.block_count", 8)
    w.add_uint32(f"{arch}.embedding_length", 64)
    w.add_uint32(f"{arch}.context_length", 32768)
    w.add_uint32(f"{arch}.attention.head_count", 4)
    if isinstance(kv, list):
        w.add_array(f"{arch}.attention.head_count_kv", kv)
    else:
        w.add_uint32(f"{arch}.attention.head_count_kv", kv)
    ssm = {"conv_kernel": 4, "inner_size": 128, "state_size": 16, "group_count": 1}
    for key, value in ssm.items():
        w.add_uint32(f"{arch}.ssm.{key}", value)
    for key, value in extra.items():
        w.add_uint32(f"{arch}.{key}", value)
    for i in range(8):
        w.add_tensor(f"blk.{i}.attn_norm.weight", np.zeros(64, dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


# per recurrent block llama.cpp keeps (d_conv - 1) x (d_inner + 2 groups d_state) conv
# values and d_state x d_inner state values, in f32 (llama_hparams::n_embd_r, n_embd_s)
STATE_BYTES = 4 * (3 * (128 + 2 * 16) + 16 * 128)


def test_a_hybrids_recurrent_blocks_keep_a_state_not_a_kv_cache(tmp_path: Path) -> None:
    from wizard_app.core.fit.memory import kv_cache_bytes

    # Granite 4.0 H style: a block whose head_count_kv is 0 is a Mamba-2 block
    granite = read_header(_hybrid(tmp_path / "g.gguf", "granitehybrid",
                                  [0, 0, 0, 2, 0, 0, 0, 2], {}))  # fmt: skip
    assert (granite.recurrent_layers, granite.recurrent_values) == (6, STATE_BYTES // 4)
    shape = shape_of(granite)
    assert shape.kv_heads == 2  # the attention blocks' own, not an average with the rest
    kv_per_token = 2 * 2 * (16 + 16) * 2  # two attention blocks, two heads, K and V, f16
    assert kv_cache_bytes(shape, 4096) == 4096 * kv_per_token + 6 * STATE_BYTES
    # Qwen3-Next / Qwen3.5 style: every fourth block attends, unless the file says otherwise
    qwen = read_header(_hybrid(tmp_path / "q.gguf", "qwen35", 2, {}))
    assert qwen.recurrent_layers == 6  # blocks 3 and 7 attend
    assert kv_cache_bytes(shape_of(qwen), 4096) == 4096 * kv_per_token + 6 * STATE_BYTES
    other = read_header(_hybrid(tmp_path / "n.gguf", "qwen3next", 2,
                                {"full_attention_interval": 2}))  # fmt: skip
    assert other.recurrent_layers == 4


def test_a_plain_model_with_a_zero_kv_head_entry_is_not_a_hybrid(tmp_path: Path) -> None:
    path = tmp_path / "plain.gguf"
    w = GGUFWriter(str(path), "llama")
    w.add_uint32("llama.block_count", 2)
    w.add_uint32("llama.embedding_length", 64)
    w.add_uint32("llama.attention.head_count", 4)
    w.add_array("llama.attention.head_count_kv", [2, 0])
    w.add_tensor("blk.1.attn_q.weight", np.zeros((64, 64), dtype=np.float16))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    h = read_header(path)
    assert h.recurrent_layers == 0  # no ssm keys: not a state-space model
    assert shape_of(h).layout is None
