"""Cross-checks of the catalog's facts against each other (issue #3).

These tests catch typos and copy errors in ``models/*.yaml``: a file size that cannot belong
to the stated parameter count and quant type, an unknown quant type, a score without a
source, a duplicate id, and gaps in what the recommender can offer (each use case and the
languages the issue names need candidates at several sizes).

Size rule
---------
A GGUF's size is roughly ``parameters x bits-per-weight / 8`` (``quants.BITS_PER_WEIGHT``),
and for most models that holds within 15 %. Two llama.cpp behaviours make small models
legitimately bigger, so the upper bound accounts for them instead of loosening the check for
everyone:

* one ``vocab x hidden`` matrix (the output head, or the tied token embedding) is always kept
  at Q6_K or better (``llama-quant.cpp``), which dominates a model with a large vocabulary
  and a small hidden size (Gemma 3 1B: 262k x 1152, Qwen2.5 0.5B: 152k x 896);
* k-quants work on blocks of 256 along a row; when the hidden size is not a multiple of 256
  (Falcon 7B: 4544, SmolLM2: 576/960, Gemma 3 1B: 1152, Qwen2.5 0.5B: 896) llama.cpp falls
  back to a bigger legacy type for those tensors (Q4_K -> Q5_0, Q5_K -> Q5_1,
  Q6_K -> Q8_0, Q2_K/Q3_K -> IQ4_NL), and the head is then stored at Q8_0.

So: lower bound ``P x bpw / 8 x 0.85``; upper bound
``((P - E) x body + E x head) / 8 x 1.15`` with ``E = vocab x hidden``, ``body = bpw`` (plus
the fall-back's extra bits when the hidden size is not a multiple of 256) and ``head`` = the
larger of bpw and 6.56 (8.5 with the fall-back). A size typo (a digit lost or doubled, MB
read as GB, the F16 size pasted for a Q4) still fails.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from wizard_app.core.catalog import load_catalog
from wizard_app.core.catalog.quants import BITS_PER_WEIGHT, bits_per_weight
from wizard_app.core.catalog.schema import USE_CASES, Variant

TOLERANCE = 0.15
QK_K = 256  # k-quant super-block size
HEAD_BPW = 6.56  # Q6_K, the least llama.cpp stores the output/tied embedding matrix at
FALLBACK_HEAD_BPW = 8.5  # Q8_0
# extra bits per weight when a k-quant's tensors fall back to a legacy type
FALLBACK_EXTRA_BPW = {
    "Q2_K": 4.5 - 2.625,  # -> IQ4_NL
    "Q3_K_S": 4.5 - 3.4375,
    "Q3_K_M": 4.5 - 3.4375,
    "Q3_K_L": 4.5 - 3.4375,
    "Q4_K_S": 1.0,  # Q4_K -> Q5_0
    "Q4_K_M": 1.0,
    "IQ4_XS": 0.25,  # -> IQ4_NL
    "Q5_K_S": 0.5,  # Q5_K -> Q5_1
    "Q5_K_M": 0.5,
    "Q6_K": 8.5 - 6.5625,  # -> Q8_0
}
MIN_CANDIDATES = 3
LANGUAGES = ("nl", "ja")

CATALOG = load_catalog()
VARIANTS = [e.variant for e in CATALOG]
ARTIFACTS = [(v, a) for v in VARIANTS for a in v.artifacts]


def size_bounds(v: Variant, quant: str) -> tuple[float, float]:
    """The (low, high) file size in bytes a GGUF of ``v`` at ``quant`` can have."""
    params = v.parameters.total_b * 1e9
    bpw = bits_per_weight(quant)
    arch = v.architecture
    head = float(arch.vocab * arch.embedding) if arch and arch.vocab and arch.embedding else 0.0
    falls_back = bool(arch and arch.embedding and arch.embedding % QK_K)
    body = bpw + (FALLBACK_EXTRA_BPW.get(quant, 0.0) if falls_back else 0.0)
    head_bpw = max(bpw, FALLBACK_HEAD_BPW if falls_back else HEAD_BPW)
    low = params * bpw / 8 * (1 - TOLERANCE)
    high = ((params - head) * body + head * head_bpw) / 8 * (1 + TOLERANCE)
    return low, high


def _size_class(v: Variant) -> int:
    """Sizes that differ by less than about 1B count as the same size."""
    return round(v.parameters.total_b)


@pytest.mark.parametrize(
    ("variant", "artifact"),
    [(v, a) for v, a in ARTIFACTS if a.approx_size_bytes],
    ids=lambda x: getattr(x, "id", None) or getattr(x, "quant", ""),
)
def test_file_size_fits_parameters_times_bits_per_weight(variant, artifact) -> None:
    low, high = size_bounds(variant, artifact.quant)
    size = artifact.approx_size_bytes
    assert low <= size <= high, (
        f"{variant.id} {artifact.quant}: {size / 1e9:.2f} GB is outside "
        f"{low / 1e9:.2f}..{high / 1e9:.2f} GB for {variant.parameters.total_b}B parameters"
    )


def test_the_size_rule_still_catches_typos() -> None:
    by_id = {v.id: v for v in VARIANTS}
    for vid, quant, good_gb in [
        ("llama-3.1-8b-instruct", "Q4_K_M", 4.92),
        ("qwen2.5-0.5b-instruct", "Q4_K_M", 0.398),
        ("gemma-3-1b-it", "Q4_K_M", 0.806),
    ]:
        if vid not in by_id:
            continue
        low, high = size_bounds(by_id[vid], quant)
        assert low <= good_gb * 1e9 <= high
        for wrong in (good_gb * 2, good_gb / 2, good_gb * 10):
            assert not low <= wrong * 1e9 <= high, f"{vid} {quant}: {wrong} GB not caught"


def test_no_duplicate_ids() -> None:
    ids = [v.id for v in VARIANTS]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes


def test_every_artifact_quant_is_a_known_type() -> None:
    unknown = [(v.id, a.quant) for v, a in ARTIFACTS if a.quant not in BITS_PER_WEIGHT]
    assert not unknown


def test_no_artifact_listed_twice() -> None:
    seen: dict[tuple[str, str], str] = {}
    for v, a in ARTIFACTS:
        for name in a.files:
            key = (a.repo, name)
            assert key not in seen, f"{key} in {v.id} and {seen[key]}"
            seen[key] = v.id


def test_every_score_has_a_source() -> None:
    for v in VARIANTS:
        for ev in v.evidence:
            assert ev.source.url.startswith(("http://", "https://")), (v.id, ev.benchmark)
            assert ev.source.read is not None, (v.id, ev.benchmark)
            if ev.curator_rating:
                assert ev.reason, (v.id, ev.benchmark)
                assert ev.reason.strip(), (v.id, ev.benchmark)


def test_every_artifact_and_parameter_count_has_a_source() -> None:
    for v in VARIANTS:
        assert v.parameters.source.url.startswith("http"), v.id
        for a in v.artifacts:
            assert a.source.url.startswith("http"), (v.id, a.quant)


@pytest.mark.parametrize("use_case", USE_CASES)
def test_each_use_case_has_candidates_at_several_sizes(use_case: str) -> None:
    candidates = [v for v in VARIANTS if use_case in v.strengths]
    sizes = {_size_class(v) for v in candidates}
    assert len(candidates) >= MIN_CANDIDATES, [v.id for v in candidates]
    assert len(sizes) >= MIN_CANDIDATES, sorted(sizes)
    backed = [v.id for v in candidates if any(e.use_case == use_case for e in v.evidence)]
    assert backed, f"no candidate for {use_case} has evidence for it"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_has_models_at_several_sizes(language: str) -> None:
    models = [v for v in VARIANTS if language in v.languages]
    sizes = {_size_class(v) for v in models}
    assert len(models) >= MIN_CANDIDATES, [v.id for v in models]
    assert len(sizes) >= MIN_CANDIDATES, sorted(sizes)


def test_size_classes_are_reported_per_use_case() -> None:
    """A readable summary when run with -s; never fails."""
    table: dict[str, list[str]] = defaultdict(list)
    for v in VARIANTS:
        for uc in v.strengths:
            table[uc].append(f"{v.parameters.total_b:g}B")
    assert set(table) <= set(USE_CASES)


def test_every_variants_languages_and_openness_criteria_are_sourced() -> None:
    """Issue #11: the facts that filter models out (language, openness) name their source."""
    for v in VARIANTS:
        src = v.languages_source
        assert src is not None, f"{v.id}: languages without languages_source"
        assert src.url.startswith(("http://", "https://")), v.id
        assert src.read is not None, v.id
        assert src.note, f"{v.id}: say what the source says about languages"
        o = v.openness
        assert o.source.url.startswith(("http://", "https://")), v.id
        assert o.source.read is not None, v.id
        assert set(o.criteria) == {
            "training_data", "weights", "evaluation_code", "finetuning_code", "training_metrics"
        }  # fmt: skip


def test_every_language_code_has_a_name() -> None:
    from wizard_app.core.languages import language_name

    for v in VARIANTS:
        for code in v.languages:
            assert language_name(code) != code, (v.id, code)


def test_the_corrected_language_and_openness_facts() -> None:
    by_id = {v.id: v for v in VARIANTS}
    for vid in ("gemma-3-4b-it", "gemma-3-12b-it", "gemma-3-27b-it"):
        assert {"en", "nl", "de", "ja", "ro", "th", "el"} <= set(by_id[vid].languages), vid
    assert by_id["olmo-7b-0424"].openness.fully_open
    assert "nl" in by_id["phi-3.5-mini-instruct"].languages


def test_dutch_summarising_keeps_gemma_3_12b() -> None:
    from wizard_app.core.hardware.profile import HardwareOverrides, HardwareProfile
    from wizard_app.core.recommend.engine import RecommendRequest, recommend

    hw = HardwareOverrides(ram_gb=32, gpu="none", disk_gb=500).apply(HardwareProfile())
    result = recommend(CATALOG, hw, RecommendRequest(use_case="summarize", language="nl", top=100))
    assert "gemma-3-12b-it" in {p.id for p in result.picks}


@pytest.mark.parametrize("code", ["xx", "q", "dutch", "zz1"])
def test_an_unknown_language_code_is_an_error_not_zero_picks(code: str) -> None:
    from wizard_app.core.errors import InputError
    from wizard_app.core.recommend.engine import RecommendRequest

    with pytest.raises(InputError, match="not a known ISO 639-1 language code"):
        RecommendRequest(language=code).check()
    RecommendRequest(language="ro").check()  # a real code no model might list is fine


_HEX40 = re.compile(r"^[0-9a-f]{40}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_COMMIT_IN_URL = re.compile(
    r"huggingface\.co/([^/]+/[^/]+)/(?:tree|commit|commits|blob|resolve)/([0-9a-f]{40})\b"
)


def test_sha256_and_revisions_are_well_formed_and_agree_with_their_source() -> None:
    """Issue #16: a checksum is 64 hex digits, a pin a full commit id, and a pin read from a
    listing at a commit is that commit (a copy error between the two fails)."""
    for v, a in ARTIFACTS:
        if a.sha256 is not None:
            assert _HEX64.match(a.sha256), (v.id, a.quant)
            assert a.file is not None, f"{v.id} {a.quant}: one sha256 cannot cover split parts"
        if a.revision is not None:
            assert _HEX40.match(a.revision), (v.id, a.quant)
        m = _COMMIT_IN_URL.search(a.source.url)
        if m and m.group(1) == a.repo and a.revision is not None:
            assert a.revision == m.group(2), f"{v.id} {a.quant}: revision differs from its source"


def test_mxfp4_files_fit_the_size_rule_and_typos_are_caught() -> None:
    by_id = {v.id: v for v in VARIANTS}
    v = by_id["gpt-oss-20b"]
    low, high = size_bounds(v, "MXFP4")
    assert low <= 12.1e9 <= high
    for wrong in (24.2e9, 6.05e9, 41.8e9):  # doubled, halved, the BF16 size
        assert not low <= wrong <= high
    assert [a.quant for a in by_id["gpt-oss-120b"].artifacts] == ["MXFP4"]


@pytest.mark.parametrize(
    ("variant", "artifact"),
    ARTIFACTS,
    ids=lambda x: getattr(x, "id", None) or getattr(x, "quant", ""),
)
def test_every_file_name_states_the_quant_recorded_for_it(variant, artifact) -> None:
    """The quant in a file's name (Q4_K_M, IQ4_XS, MXFP4...) is the artifact's quant: a
    file copied under the wrong quant, or a quant typed wrong, is caught here."""
    from wizard_app.core.hub.search import quant_from_name

    for name in artifact.files:
        assert quant_from_name(name) == artifact.quant, (variant.id, name, artifact.quant)


_SCRAPED_GIB = re.compile(r'"(\d+(?:\.\d+)?) GB"')


def test_sizes_converted_from_the_hub_scrape_match_the_figure_quoted() -> None:
    """Sizes read from the Hub API scrape are printed there as bytes/1024^3 ("17.3 GB");
    the catalog keeps decimal GB. Each converted figure must be the quoted one x 1.0737,
    to one decimal, so a slip in the conversion (or a GiB figure kept as GB) fails."""
    checked = 0
    for v, a in ARTIFACTS:
        note = a.source.note or ""
        if "bytes/1024^3" not in note:
            continue
        m = _SCRAPED_GIB.search(note)
        assert m, (v.id, a.quant, note)
        assert a.size_gb == round(float(m.group(1)) * 1.073741824, 1), (v.id, a.quant)
        checked += 1
    assert checked >= 20  # the families added from the scrape are all checked


def test_new_families_have_sourced_files_and_architecture() -> None:
    """The late-2025 families are in, each runnable: a size for every file, the shape
    from a sourced config, and the Hub repository the GGUF comes from."""
    wanted = {
        "qwen3-4b-instruct-2507", "qwen3-30b-a3b-instruct-2507", "qwen3-coder-30b-a3b-instruct",
        "gemma-3n-e4b-it", "magistral-small-2509", "olmo-2-0325-32b-instruct",
        "olmo-3-7b-instruct", "olmo-3.1-32b-instruct", "granite-4.0-micro",
    }  # fmt: skip
    by_id = {v.id: v for v in VARIANTS}
    assert wanted <= set(by_id)
    for vid in wanted:
        v = by_id[vid]
        assert v.architecture is not None
        assert v.architecture.source.url.startswith("https://")
        assert v.artifacts, vid
        assert all(a.approx_size_bytes for a in v.artifacts), vid
        assert v.artifact("Q4_K_M") is not None, vid


# llama.cpp's hybrid architectures and how their recurrent blocks relate to the config
_MAMBA2 = {"granitehybrid"}  # d_inner = mamba_expand (2) x hidden
_DELTANET = {"qwen35", "qwen35moe", "qwen3next"}  # 3 of every 4 blocks; inner = V heads x 128


def test_hybrid_and_per_kind_attention_facts_agree_with_each_other() -> None:
    """Issue #16: the new layout fields (recurrent blocks, windowed/global head sizes,
    shared caches) are cross-checked, so a copied figure that breaks the family's known
    rule fails: Mamba-2 doubles the hidden size, Gated DeltaNet hybrids have one full
    attention block in four, a global head is at least as wide as a windowed one, and
    the shared-cache blocks leave at least one full and one windowed block of their own."""
    hybrids = windowed = 0
    for v in VARIANTS:
        arch = v.architecture
        if arch is None:
            continue
        rec = arch.recurrent
        if rec is not None:
            hybrids += 1
            assert arch.arch in _MAMBA2 | _DELTANET, (v.id, arch.arch)
            assert rec.inner_size % rec.state_size == 0 or arch.arch in _MAMBA2, v.id
            if arch.arch in _MAMBA2:
                assert rec.inner_size == 2 * arch.embedding, v.id
            if arch.arch in _DELTANET:
                assert rec.layers * 4 == arch.layers * 3, v.id
                assert rec.state_size == 128, v.id
                assert rec.inner_size % 128 == 0, v.id
            assert arch.sliding_window is None, f"{v.id}: hybrid and windowed at once"
        if arch.full_attention_every is not None:
            windowed += 1
            assert arch.sliding_window is not None, v.id
            glob = arch.global_head_dim or arch.effective_head_dim  # None: the same size
            assert glob >= arch.effective_head_dim, v.id
            own = arch.layers - (arch.kv_shared_layers or 0)
            assert own >= arch.full_attention_every, f"{v.id}: no full block of its own"
    assert hybrids >= 5
    assert windowed >= 6


def test_late_2026_families_are_in_and_runnable() -> None:
    """The families added for issue #16 in the second pass: each runnable, sized, sourced."""
    wanted = {
        "granite-4.0-h-micro", "granite-4.0-h-tiny", "granite-4.0-h-small",
        "qwen3-4b-thinking-2507", "qwen3-30b-a3b-thinking-2507",
        "qwen3.5-9b", "qwen3.6-35b-a3b", "gemma-4-e2b-it", "gemma-4-e4b-it", "gemma-4-26b-a4b-it",
        "gemma-4-31b-it", "gemma-3n-e2b-it", "qwen3-next-80b-a3b-instruct",
    }  # fmt: skip
    by_id = {v.id: v for v in VARIANTS}
    assert wanted <= set(by_id)
    for vid in wanted:
        v = by_id[vid]
        assert v.architecture is not None
        assert v.architecture.source.url.startswith("https://")
        assert v.artifact("Q4_K_M") is not None, vid
        assert all(a.approx_size_bytes for a in v.artifacts), vid
        assert v.evidence, f"{vid}: no published score"
