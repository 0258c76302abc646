"""A recommendation as Markdown (to read or share) or JSON (the CLI's shape)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from wizard_app.ui import format as fmt
from wizard_app.ui import labels
from wizard_app.ui.reasons import reason_or, reason_texts

if TYPE_CHECKING:
    from wizard_app.core.hardware.profile import HardwareProfile
    from wizard_app.core.recommend.engine import Recommendation


translate = QCoreApplication.translate  # spelled so that lupdate finds the strings


def to_json(rec: Recommendation, hw: HardwareProfile | None) -> str:
    data: dict[str, Any] = rec.model_dump(mode="json")
    for pick in data["picks"]:
        pick["fit"].pop("curve", None)
    if hw is not None:
        data["hardware"] = hw.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _heading(rec: Recommendation, hw: HardwareProfile | None) -> list[str]:
    lines = [
        "# " + translate("Export", "Model recommendations"),
        "",
        translate("Export", "Use case: %1; context: %2.")
        .replace("%1", labels.use_case_label(rec.request.use_case))
        .replace("%2", fmt.tokens(rec.context)),
    ]
    if hw is not None:
        gpu = hw.best_gpu
        lines.append(
            translate("Export", "Machine: %1 RAM, %2.")
            .replace("%1", fmt.gib(hw.ram_total_bytes))
            .replace(
                "%2",
                f"{gpu.name} ({fmt.gib(gpu.memory_total_bytes)})"
                if gpu
                else translate("Export", "no GPU"),
            )
        )
    return lines


def _table(rec: Recommendation) -> list[str]:
    heads = [
        QT_TRANSLATE_NOOP("Export", "Model"),
        QT_TRANSLATE_NOOP("Export", "Quant"),
        QT_TRANSLATE_NOOP("Export", "Fit"),
        QT_TRANSLATE_NOOP("Export", "Memory"),
        QT_TRANSLATE_NOOP("Export", "Speed"),
        QT_TRANSLATE_NOOP("Export", "Licence"),
    ]
    lines = [
        "",
        "| # | " + " | ".join(translate("Export", str(h)) for h in heads) + " |",
        "|---|" + "---|" * len(heads),
    ]
    for p in rec.picks:
        row = [
            str(p.rank),
            p.name,
            p.quant,
            labels.verdict_label(p.verdict),
            fmt.gib(p.memory_bytes),
            fmt.tokens_per_s(p.tokens_per_s),
            p.license,
        ]
        lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    return lines


def _sections(rec: Recommendation) -> list[str]:
    lines: list[str] = []
    for p in rec.picks:
        lines += ["", f"## {p.rank}. {p.name} ({p.quant})", "", f"`{p.repo}` / `{p.files[0]}`", ""]
        lines += [f"- {r}" for r in reason_texts(p.reason_codes, p.reasons)]
        lines += [f"- ⚠ {c}" for c in p.caveats]
    if rec.upgrades:
        lines += ["", "## " + translate("Export", "Upgrades within your budget"), ""]
        lines += [f"- {reason_or(u.reason_code, u.reason)}" for u in rec.upgrades]
    if rec.excluded:
        lines += ["", "## " + translate("Export", "Left out"), ""]
        lines += [
            f"- **{e.name}**: {' '.join(reason_texts(e.reason_codes, e.reasons))}"
            for e in rec.excluded
        ]
    lines += ["", "## " + translate("Export", "Assumptions"), ""]
    lines += [f"- {a}" for a in reason_texts(rec.assumption_codes, rec.assumptions)]
    return lines


def to_markdown(rec: Recommendation, hw: HardwareProfile | None) -> str:
    return "\n".join(_heading(rec, hw) + _table(rec) + _sections(rec)) + "\n"


def write_export(path: Path, rec: Recommendation, hw: HardwareProfile | None) -> Path:
    """Markdown for ``.md``, JSON otherwise (the file dialog offers both)."""
    text = to_json(rec, hw) if path.suffix.lower() == ".json" else to_markdown(rec, hw)
    path.write_text(text, encoding="utf-8")
    return path
