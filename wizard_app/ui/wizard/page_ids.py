"""The wizard's pages, in the order a first run visits them."""

from __future__ import annotations

from enum import IntEnum


class PageId(IntEnum):
    WELCOME = 0
    USE_CASE = 1
    HARDWARE = 2
    BUDGET = 3
    RECOMMENDATIONS = 4
    DOWNLOAD = 5
    TRY_IT = 6
    FINISH = 7
