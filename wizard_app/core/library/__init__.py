"""The installed-models library.

- ``installed``: ``Library`` (the database's list of installed models) and ``ModelEntry``;
  ``Library.installed(path)`` answers "is it installed?".
- ``scan``: finding GGUF files in the app's folder and in other tools' folders.
- ``importing``: checking and copying in a GGUF from elsewhere.
- ``folder``: the app's own models folder (a row for a model found there, pruning).

The SQL is storage's (``core.storage.library_repository``).
"""
