"""Coded messages about the database: what happened when it was opened."""

from __future__ import annotations

from wizard_app.core.translatable import QT_TRANSLATE_NOOP

STORAGE: dict[str, tuple[str, str]] = {
    "storage.damaged_moved": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The database {name} was damaged ({damage}). It was moved to {moved_to} and a "
            "new one was started.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "The models in the models folder are added back to the library."
        ),
    ),
    "storage.damaged_kept": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{rows} saved rows could still be read from it and were copied into the new one "
            "({tables}).",
        ),
        "",
    ),
    "storage.damaged_unread": (
        QT_TRANSLATE_NOOP("Error", "What could not be read ({parts}) stays in the old file."),
        "",
    ),
}
