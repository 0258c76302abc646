"""Downloads from the Hugging Face Hub and the library of installed models.

``hub`` talks HTTP to the Hub (or a mirror), ``fetcher`` turns one remote file into a
verified local file, ``queue`` schedules several and keeps their state in SQLite,
``gguf_peek`` reads a remote GGUF header, ``library`` knows what is installed.
"""
