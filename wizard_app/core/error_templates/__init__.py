"""The English of every coded error, one module per domain, merged in ``core.errors``.

Each entry is ``code -> (message, remedy)`` with ``{named}`` placeholders, wrapped in the
lupdate marker so the UI translates it under the context "Error" (core/translatable.py).
"""
