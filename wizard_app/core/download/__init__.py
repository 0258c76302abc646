"""Downloads from the Hugging Face Hub and the library of installed models.

``hub`` talks HTTP to the Hub (or a mirror), ``fetcher`` turns one remote file into a
verified local file, ``queue`` schedules several and keeps their state in SQLite,
``library`` knows what is installed. GGUF headers (local and remote) are read by
``wizard_app.core.gguf``.
"""
