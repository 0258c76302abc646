"""Prompt sets for a comparison: each use case's presets, a file, or a set the user saved.

The presets are ``resources/prompt_presets.yaml`` (the trial screen reads the same file);
a use case's set is its presets, English first. Saved sets live in the database
(``core.compare.repository.PromptSetRepository``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard_app.core.compare.spec import PromptItem
from wizard_app.core.errors import InputError
from wizard_app.core.paths import bundled_dir

SEPARATOR = "---"  # in a text prompts file, a line of its own between multi-line prompts


@dataclass(frozen=True)
class PromptSet:
    name: str
    prompts: tuple[PromptItem, ...]
    use_case: str | None = None
    builtin: bool = True
    id: int | None = None  # a saved set's id


def builtin_sets(path: Path | None = None) -> list[PromptSet]:
    """One set per use case, from the presets file, in the file's order of use cases."""
    from wizard_app.core.yamlfile import load_yaml

    path = path or bundled_dir("resources") / "prompt_presets.yaml"
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    by_case: dict[str, list[tuple[str, PromptItem]]] = {}
    for item in data.get("presets", []):
        case = str(item["use_case"])
        prompt = PromptItem(
            prompt=str(item["prompt"]).strip(),
            title=str(item.get("title", "")),
            system=str(item.get("system", "")).strip() or None,
            note=str(item.get("note", "")).strip(),
        )
        by_case.setdefault(case, []).append((str(item.get("language", "en")), prompt))
    return [
        PromptSet(
            name=case,
            use_case=case,
            prompts=tuple(p for _lang, p in sorted(items, key=lambda t: t[0] != "en")),
        )
        for case, items in by_case.items()
    ]


def find_set(name: str, saved: list[PromptSet]) -> PromptSet:
    """A saved set by name (exact, then case-insensitive), else a use case's presets."""
    for group in (saved, builtin_sets()):
        for s in group:
            if s.name == name:
                return s
        for s in group:
            if s.name.casefold() == name.casefold():
                return s
    names = sorted({s.name for s in saved} | {s.name for s in builtin_sets()})
    raise InputError(
        f"There is no prompt set called '{name}'.",
        f"Choose one of: {', '.join(names)}.",
    )


def read_prompts_file(path: Path) -> list[PromptItem]:
    """Prompts from a file: JSON or YAML (a list of texts or of {prompt, title, system}),
    or text with one prompt per line, or prompts of several lines between ``---`` lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"No prompts file at {path}.", "Check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"Cannot read the prompts file {path}: {exc}.", "Give a UTF-8 text file."
        ) from None
    suffix = path.suffix.lower()
    if suffix in (".json", ".yaml", ".yml"):
        items = _structured(path, text, suffix)
    elif any(line.strip() == SEPARATOR for line in text.splitlines()):
        chunks = _split(text)
        items = [PromptItem(prompt=c) for c in chunks]
    else:
        items = [PromptItem(prompt=line.strip()) for line in text.splitlines() if line.strip()]
    if not items:
        raise InputError(f"The prompts file {path} has no prompts.", "Put one prompt per line.")
    return items


def _split(text: str) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip() == SEPARATOR:
            chunks.append("\n".join(current).strip())
            current = []
        else:
            current.append(line)
    chunks.append("\n".join(current).strip())
    return [c for c in chunks if c]


def _structured(path: Path, text: str, suffix: str) -> list[PromptItem]:
    try:
        if suffix == ".json":
            data: Any = json.loads(text)
        else:
            from wizard_app.core.yamlfile import load_yaml

            data = load_yaml(text)
    except ValueError as exc:  # json.JSONDecodeError
        raise InputError(f"{path} is not valid JSON: {exc}.", "Fix the file.") from None
    except Exception as exc:  # yamlfile.YAMLError
        raise InputError(f"{path} is not valid YAML: {exc}.", "Fix the file.") from None
    if isinstance(data, dict):
        data = data.get("prompts")
    if not isinstance(data, list):
        raise InputError(
            f"{path} should hold a list of prompts.",
            'Write a list of texts, or of {"prompt": ..., "title": ..., "system": ...}.',
        )
    out = []
    for i, item in enumerate(data, 1):
        if isinstance(item, str) and item.strip():
            out.append(PromptItem(prompt=item.strip()))
        elif isinstance(item, dict) and str(item.get("prompt") or "").strip():
            out.append(PromptItem.from_json({**item, "prompt": str(item["prompt"]).strip()}))
        else:
            raise InputError(
                f"Prompt {i} in {path} is empty or not text.", "Give each prompt as text."
            )
    return out
