"""Prompt presets for the trial page (resources/prompt_presets.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard_app.core.paths import bundled_dir


@dataclass(frozen=True)
class Preset:
    id: str
    use_case: str
    language: str
    title: str
    system: str
    prompt: str
    note: str


def load_presets(path: Path | None = None) -> list[Preset]:
    from wizard_app.core.yamlfile import load_yaml

    path = path or bundled_dir("resources") / "prompt_presets.yaml"
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    out = []
    for item in data.get("presets", []):
        out.append(
            Preset(
                id=str(item["id"]),
                use_case=str(item["use_case"]),
                language=str(item.get("language", "en")),
                title=str(item["title"]),
                system=str(item.get("system", "")).strip(),
                prompt=str(item["prompt"]).strip(),
                note=str(item.get("note", "")).strip(),
            )
        )
    return out


def presets_for(presets: list[Preset], use_case: str, language: str | None) -> list[Preset]:
    """The presets of ``use_case``, those in ``language`` first; others after them."""
    lang = language or "en"
    own = [p for p in presets if p.use_case == use_case]
    own.sort(key=lambda p: (p.language != lang, p.language != "en", p.id))
    return own or [p for p in presets if p.use_case == "chat"]
