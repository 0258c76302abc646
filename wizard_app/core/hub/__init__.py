"""Any GGUF repository on the Hugging Face Hub: search, list the quants, fit, add.

- ``search``: ``search_gguf`` and ``list_gguf_files`` through huggingface_hub's ``HfApi``
  (the Hub's ``/api/models`` endpoints, or a mirror's).
- ``add``: ``inspect_file`` reads a file's header with the remote peek and gives the
  exact fit before any download; ``variant_for`` turns it into a catalog entry that
  ``wizard_app.core.catalog.user`` keeps in the user's own catalog file.
"""
