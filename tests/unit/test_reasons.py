"""Every reason the recommender gives has a stable code, parameters and matching English text."""

from __future__ import annotations

import json
import re

import pytest

from tests.catalog_factory import synthetic_catalog
from wizard_app.core.catalog.loader import load_catalog
from wizard_app.core.hardware.profile import (
    ComputeProfile,
    CpuInfo,
    HardwareOverrides,
    HardwareProfile,
)
from wizard_app.core.recommend.engine import Recommendation, Recommender, RecommendRequest
from wizard_app.core.recommend.reasons import TEMPLATES, Reason, english_words, reason
from wizard_app.core.recommend.rules import default_rules

RULES = default_rules()

MACHINES = [
    HardwareOverrides(ram_gb=4, disk_gb=3),
    HardwareOverrides(ram_gb=8, cores=2, ram_bandwidth_gbs=8),
    HardwareOverrides(ram_gb=32, vram_gb=4, gpu="nvidia"),
    HardwareOverrides(ram_gb=16, vram_gb=8, gpu="nvidia", disk_gb=10),
    HardwareOverrides(ram_gb=64, vram_gb=24, gpu="nvidia"),
    HardwareOverrides(ram_gb=32, gpu="apple"),
]
# A planned laptop with two named cards, and a machine as the probes would describe it,
# once before and once after llama.cpp was timed on its CPU.
_DETECTED = HardwareProfile(
    ram_total_bytes=16 * 1024**3,
    ram_available_bytes=11 * 1024**3,
    cpu=CpuInfo(physical_cores=8),
    disk_free_bytes=200 * 1024**3,
)
_TIMED = ComputeProfile(
    threads=8,
    bandwidth_gbs=40.0,
    weights_per_s=3e10,
    weights_per_s_f16=1.5e10,
    seconds_per_layer=43e-6,
    seconds_per_vocab=5.9e-9,
    seconds_per_token=3e-4,
    matmul_gflops=400.0,
)
PROFILES = [
    HardwareOverrides(
        ram_gb=64, gpus="2x24", gpu="nvidia", gpu_name="NVIDIA GeForce RTX 3090", laptop=True
    ).planned(),
    _DETECTED,
    _DETECTED.model_copy(update={"compute": _TIMED}),
]
REQUESTS = [
    RecommendRequest(top=1000),
    RecommendRequest(top=1000, use_case="coding", priority="speed", budget_usd=3000),
    RecommendRequest(top=1000, license="commercial", openness="fully-open", language="nl"),
    RecommendRequest(
        top=1000, license="unrestricted", openness="open-weights", language="ja", context=200_000
    ),
    RecommendRequest(top=1000, use_case="medical", context=32768, disk_budget_gb=5, budget_usd=800),
    RecommendRequest(top=1000, use_case="multilingual", language="de", priority="quality"),
    RecommendRequest(top=1000, use_case="math", priority="speed", license="any"),
]


def _all_reasons(rec: Recommendation) -> list[tuple[list[str], list[Reason]]]:
    out = [(p.reasons, p.reason_codes) for p in rec.picks]
    out += [(e.reasons, e.reason_codes) for e in rec.excluded]
    out += [([u.reason], [u.reason_code] if u.reason_code else []) for u in rec.upgrades]
    out.append((rec.assumptions, rec.assumption_codes))
    return out


@pytest.fixture(scope="module")
def recommendations() -> list[Recommendation]:
    out = []
    for catalog in (load_catalog(), synthetic_catalog(150, seed=3)):
        engine = Recommender(catalog)
        for hw in [m.apply(HardwareProfile()) for m in MACHINES] + PROFILES:
            out += [engine.run(hw, request) for request in REQUESTS]
    return out


def test_text_and_codes_agree(recommendations: list[Recommendation]) -> None:
    for rec in recommendations:
        for texts, codes in _all_reasons(rec):
            assert texts == [r.text for r in codes]
            for r in codes:
                assert r.code in TEMPLATES
                # rendering the code with its parameters gives the same English text
                assert reason(r.code, _words(r), **r.params).text == r.text


def _words(r: Reason) -> dict[str, str]:
    """The English words the engine passes itself (the rest come from ``english_words``)."""
    if "use_case" in r.params:
        return {"use_case": RULES.use_cases[str(r.params["use_case"])].label.lower()}
    if r.code.startswith("upgrade"):
        return {"verdict": str(r.params["verdict"]).replace("_", " ")}
    return {}


def test_codes_and_params_are_json(recommendations: list[Recommendation]) -> None:
    for rec in recommendations[:6]:
        data = json.loads(rec.model_dump_json())
        assert data["picks"][0]["reason_codes"][0]["code"] if data["picks"] else True
        assert Recommendation.model_validate(data).model_dump() == rec.model_dump()
        for _, codes in _all_reasons(rec):
            for r in codes:
                json.dumps(r.params)
                assert all(isinstance(v, str | int | float) for v in r.params.values())


def test_every_template_is_used_and_its_placeholders_are_given(
    recommendations: list[Recommendation],
) -> None:
    used: set[str] = set()
    for rec in recommendations:
        for _, codes in _all_reasons(rec):
            for r in codes:
                used.add(r.code)
                names = {m.split(":")[0] for m in re.findall(r"\{([^}]*)\}", TEMPLATES[r.code])}
                assert names == set(r.params), r.code
    rare = {  # branches these catalogs and machines do not reach
        "assume.not_detected",
        "exclude.licence",
        "exclude.no_gguf",
        "exclude.no_gguf.alternative",
        "exclude.weights_closed",
        "pick.fit",
        "pick.fit.split",
        "pick.low_quant",
        "upgrade",
    }
    assert set(TEMPLATES) - used <= rare
    assert len(used) >= 25


def test_code_valued_parameters_read_as_english_words() -> None:
    r = reason("exclude.language", language="nl", languages="en,ja")
    assert r.text == "Does not list Dutch among its languages (English, Japanese)."
    assert r.params == {"language": "nl", "languages": "en,ja"}
    assert english_words({"closed": "training_data,weights"}) == {
        "closed": "training data, weights"
    }
    r = reason("pick.licence.gated", licence="Llama 3", terms="restricted")
    assert r.text == (
        "Licence Llama 3: commercial use with restrictions; "
        "accept the licence on Hugging Face before downloading."
    )
