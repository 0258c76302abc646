"""A comparison as Markdown (to read), CSV (one row per answer) and JSON (everything).

All three carry the answers, ratings and notes, the measured and predicted figures, the
machine and the settings. While blind mode hides the names, so do the exports.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from wizard_app.core.compare.records import CellRecord, ComparisonRecord
from wizard_app.core.compare.summary import GiB, display_order, labels, summarize

FORMATS = ("md", "csv", "json")
JSON_FORMAT = "open-model-wizard.comparison"
JSON_VERSION = 1
CSV_COLUMNS = [
    "comparison_id", "model_index", "model", "quant", "path", "prompt_index", "prompt_title",
    "prompt", "status", "rating", "note", "ttft_s", "gen_tok_per_s", "prompt_tok_per_s",
    "gen_tokens", "prompt_tokens", "peak_rss_bytes", "predicted_rss_bytes",
    "predicted_tok_per_s", "stop_reason", "load_s", "error", "seed", "max_tokens",
    "temperature", "machine", "output",
]  # fmt: skip
_METRICS = [
    "load_s", "ttft_s", "prompt_tokens", "prompt_tok_per_s", "gen_tokens", "gen_s",
    "gen_tok_per_s", "peak_rss_bytes", "stop_reason", "n_ctx", "n_gpu_layers",
    "predicted_rss_bytes", "predicted_tok_per_s", "chat_format", "llama_cpp_version",
]  # fmt: skip


def export(rec: ComparisonRecord, fmt: str) -> str:
    if fmt == "md":
        return to_markdown(rec)
    if fmt == "csv":
        return to_csv(rec)
    if fmt == "json":
        return to_json(rec)
    raise ValueError(f"unknown export format {fmt!r}")


def machine_line(hardware: dict[str, Any]) -> str:
    cpu = hardware.get("cpu") or {}
    parts = [str(cpu.get("model") or "unknown CPU")]
    if cpu.get("physical_cores"):
        parts.append(f"{cpu['physical_cores']} cores")
    if hardware.get("ram_total_bytes"):
        parts.append(f"{hardware['ram_total_bytes'] / GiB:.0f} GiB RAM")
    gpus = [str(g.get("name")) for g in hardware.get("gpus") or []]
    parts.append(", ".join(gpus) if gpus else "no GPU")
    if hardware.get("os"):
        parts.append(str(hardware["os"]))
    return "; ".join(parts)


def _hidden(rec: ComparisonRecord) -> bool:
    return rec.names_hidden


def _model_json(rec: ComparisonRecord, mi: int, label: str) -> dict[str, Any]:
    if _hidden(rec):
        return {"index": mi, "label": label, "hidden": True}
    return {"index": mi, **rec.models[mi].to_json(), "hidden": False}


def _cell_json(c: CellRecord | None, mi: int, pi: int, label: str) -> dict[str, Any]:
    if c is None:
        return {"model": mi, "prompt": pi, "model_label": label, "status": "to_do"}
    return {
        "model": mi,
        "prompt": pi,
        "model_label": label,
        "status": c.status,
        "output": c.output,
        "rating": c.rating,
        "note": c.note,
        "error_kind": c.error_kind,
        "error": c.error,
        "finished_at": c.finished_at.isoformat(),
        "metrics": {name: getattr(c, name) for name in _METRICS},
    }


def to_json(rec: ComparisonRecord) -> str:
    names = labels(rec)
    data = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "id": rec.id,
        "name": rec.name if not _hidden(rec) else f"Comparison {rec.id}",
        "created_at": rec.created_at.isoformat(),
        "use_case": rec.use_case,
        "blind": rec.blind,
        "names_hidden": _hidden(rec),
        "settings": rec.settings.to_json(),
        "machine": {
            "machine_id": rec.machine_id,
            "summary": machine_line(rec.hardware),
            "hardware": rec.hardware,
            "app_version": rec.app_version,
        },
        "models": [_model_json(rec, mi, names[mi]) for mi in display_order(rec)],
        "prompts": [p.to_json() for p in rec.prompts],
        "cells": [
            _cell_json(rec.cell(mi, pi), mi, pi, names[mi])
            for pi in range(len(rec.prompts))
            for mi in display_order(rec)
        ],
        "summary": [s.to_json() for s in _ordered_summary(rec)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _ordered_summary(rec: ComparisonRecord) -> list[Any]:
    by_model = summarize(rec)
    return [by_model[mi] for mi in display_order(rec)]


def to_csv(rec: ComparisonRecord) -> str:
    names = labels(rec)
    hidden = _hidden(rec)
    machine = machine_line(rec.hardware)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for pi, prompt in enumerate(rec.prompts):
        for mi in display_order(rec):
            c = rec.cell(mi, pi)
            m = rec.models[mi]
            row: dict[str, Any] = {
                "comparison_id": rec.id,
                "model_index": mi,
                "model": names[mi],
                "quant": "" if hidden else (m.quant or ""),
                "path": "" if hidden else str(m.path),
                "prompt_index": pi,
                "prompt_title": prompt.title,
                "prompt": prompt.prompt,
                "status": c.status if c else "to_do",
                "seed": rec.settings.seed,
                "max_tokens": rec.settings.max_tokens,
                "temperature": rec.settings.temperature,
                "machine": machine,
            }
            if c is not None:
                row.update(
                    rating=c.rating if c.rating is not None else "",
                    note=c.note,
                    error=c.error,
                    output=c.output,
                    stop_reason=c.stop_reason,
                )
                for name in ("ttft_s", "gen_tok_per_s", "prompt_tok_per_s", "gen_tokens",
                             "prompt_tokens", "peak_rss_bytes", "predicted_rss_bytes",
                             "predicted_tok_per_s", "load_s"):  # fmt: skip
                    value = getattr(c, name)
                    row[name] = "" if value is None else value
            writer.writerow(row)
    return buf.getvalue()


def _num(value: float | None, fmt: str = "{:.1f}") -> str:
    return "–" if value is None else fmt.format(value)


def _mib(value: int | None) -> str:
    return "–" if value is None else f"{value / 1024**2:,.0f} MiB"


def _cell_text(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fence(text: str) -> str:
    """A fenced block longer than any run of backticks that starts a line of the answer."""
    longest = max((len(line) - len(line.lstrip("`")) for line in text.splitlines()), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}text\n{text}\n{ticks}"


def to_markdown(rec: ComparisonRecord) -> str:
    names = labels(rec)
    s = rec.settings
    title = rec.name if not _hidden(rec) else f"Comparison {rec.id}"
    lines = [
        f"# {title}",
        "",
        f"- Comparison: {rec.id}, {rec.created_at:%Y-%m-%d %H:%M} UTC"
        + (f", use case {rec.use_case}" if rec.use_case else ""),
        f"- Machine: {machine_line(rec.hardware)} (app {rec.app_version})",
        f"- Settings: max tokens {s.max_tokens}, seed {s.seed}, temperature {s.temperature:g}, "
        f"top-p {s.top_p:g}, top-k {s.top_k}, min-p {s.min_p:g}, "
        f"repeat penalty {s.repeat_penalty:g}" + (f", context {s.n_ctx}" if s.n_ctx else ""),
        f"- Blind: {'yes' if rec.blind else 'no'}" + (" (names hidden)" if _hidden(rec) else ""),
        "",
        "## Summary",
        "",
        "| Model | Mean rating | Wins | Answers | Failed | Tokens/s | Prompt tokens/s "
        "| First token | Peak memory | Predicted memory |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for sm in _ordered_summary(rec):
        lines.append(
            f"| {_cell_text(sm.label)} | {_num(sm.mean_rating, '{:.2f}')} | {sm.wins} "
            f"| {sm.done} | {sm.failed} | {_num(sm.gen_tok_per_s)} "
            f"| {_num(sm.prompt_tok_per_s)} | {_num(sm.ttft_s, '{:.2f} s')} "
            f"| {_mib(sm.peak_rss_bytes)} | {_mib(sm.predicted_rss_bytes)} |"
        )
    if not _hidden(rec):
        lines += ["", "## Models", ""]
        for mi in display_order(rec):
            m = rec.models[mi]
            lines.append(f"- **{m.label}**: `{m.path}`" + (f" ({m.quant})" if m.quant else ""))
    for pi, prompt in enumerate(rec.prompts, 1):
        lines += ["", f"## Prompt {pi}" + (f": {prompt.title}" if prompt.title else ""), ""]
        if prompt.system:
            lines += [f"System: {prompt.system}", ""]
        lines += ["> " + line for line in prompt.prompt.splitlines()]
        for mi in display_order(rec):
            c = rec.cell(mi, pi - 1)
            lines += ["", f"### {names[mi]}", ""]
            if c is None:
                lines.append("Not run yet.")
            elif not c.done:
                lines.append(f"Failed: {c.error}")
            else:
                lines.append(
                    f"Rating: {c.rating if c.rating else '–'}/5"
                    f" | first token {_num(c.ttft_s, '{:.2f} s')}"
                    f" | {_num(c.gen_tok_per_s)} tokens/s"
                    f" (predicted {_num(c.predicted_tok_per_s)})"
                    f" | prompt {_num(c.prompt_tok_per_s)} tokens/s"
                    f" | peak memory {_mib(c.peak_rss_bytes)}"
                    f" (predicted {_mib(c.predicted_rss_bytes)})"
                    f" | stop: {c.stop_reason}"
                )
                if c.note:
                    lines += ["", f"Note: {c.note}"]
                lines += ["", _fence(c.output)]
    return "\n".join(lines) + "\n"
