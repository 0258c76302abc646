"""Downloads from the Hugging Face Hub: one file a job.

- ``hub``: HTTP to the Hub (or a mirror): metadata, ranged GETs, classified errors.
- ``fetcher``: ``fetch``, one remote file to one verified local file (the whole run).
- ``single``: the main connection, streaming into ``sink`` (writing and hashing threads).
- ``extra``: the optional extra connections and their ramp (off with ``connections=1``).
- ``retry``: the one retry policy every connection uses.
- ``partfile``: the part file, its identity, its journal of written ranges and its lock.
- ``events``, ``errors``, ``options``, ``destination``: what a fetch reports, ends with,
  is told, and where it saves.
- ``queue``: several downloads, their state kept in SQLite.

``library`` knows what is installed. GGUF headers (local and remote) are read by
``wizard_app.core.gguf``.
"""
