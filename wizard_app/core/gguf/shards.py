"""The names of a split GGUF model's parts: ``<prefix>-00001-of-00003.gguf``.

One pattern for the whole app. It ignores case (``.GGUF``, ``-OF-``), and the sibling
names it builds keep the spelling of the name they start from, so a model whose parts
were saved in upper case is found on a case-sensitive file system too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SHARD_NAME = re.compile(
    r"^(?P<prefix>.*)-(?P<no>\d{5})-(?P<of>of)-(?P<count>\d{5})(?P<ext>\.gguf)$", re.IGNORECASE
)


@dataclass(frozen=True)
class ShardName:
    """A file name that says it is part ``number`` of ``count``."""

    prefix: str
    number: int
    count: int
    of: str  # as written ("of", "OF")
    ext: str  # as written (".gguf", ".GGUF")

    def sibling(self, number: int, count: int | None = None) -> str:
        """The name of part ``number`` (of ``count``, default this name's own count)."""
        total = self.count if count is None else count
        return f"{self.prefix}-{number:05d}-{self.of}-{total:05d}{self.ext}"


def shard_name(name: str) -> ShardName | None:
    """``name`` parsed as a part of a split model, or None when it is not named like one."""
    m = SHARD_NAME.match(name)
    if m is None:
        return None
    return ShardName(
        prefix=m.group("prefix"),
        number=int(m.group("no")),
        count=int(m.group("count")),
        of=m.group("of"),
        ext=m.group("ext"),
    )


def shard_paths(path: Path, count: int | None = None) -> list[Path]:
    """Every part of the split model ``path`` belongs to, first to last (``[path]`` when
    its name is not a part's). ``count`` overrides the count in the name (the header's)."""
    parsed = shard_name(path.name)
    if parsed is None:
        return [path]
    total = parsed.count if count is None else count
    return [path.with_name(parsed.sibling(i, total)) for i in range(1, total + 1)]


def is_later_shard(path: Path) -> bool:
    """True for part 2 or later of a split model (its first part stands for it)."""
    parsed = shard_name(path.name)
    return parsed is not None and parsed.number != 1
