"""Everything the app knows about the GGUF format, in one package.

- ``parser``: the one bounds-checked header parser (``Parser``), over a map or a buffer.
- ``header``: ``GGUFHeader``, the one header type (the model facts, checked), and
  ``shape_of(header)`` for the fit estimate.
- ``info``: ``GGUFInfo``, one file's listing (metadata, tensors) with its ``GGUFHeader``
  when it is a whole model, and the lenient ``summary()`` the download side shows.
- ``reader``: local files (``read_header``, ``shape_from_gguf``, ``read_local_header``).
- ``remote``: ``peek_remote``, a file's header on the Hub from a few Range requests.
- ``shards``: the names of a split model's parts.

Every problem a person can act on is an ``InputError`` (message and remedy).
"""
