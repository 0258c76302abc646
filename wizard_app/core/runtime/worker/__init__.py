"""The inference worker: a separate process that owns one llama.cpp model.

llama.cpp aborts the whole process on some bad files and the OS kills a process that runs
out of memory; living in its own process, neither takes the app down. The app starts it
with ``launch.worker_command()`` and talks to it through ``protocol`` messages over two
authenticated local connections: requests in, events out.

Threads: the main thread loads and generates; a reader thread receives requests, so a
``Cancel`` is seen at once. It sets an event that the generation loop checks between
tokens and that llama.cpp's abort callback checks between graph nodes, which also stops
a long prompt evaluation. llama.cpp's log goes through its log callback into Python
logging and on to the app (``LogLine`` events); ``verbose=True`` keeps llama-cpp-python
from redirecting file descriptors.

The parts: ``channel`` (handshake, events, logs, cancel state), ``llama`` (every
llama-cpp-python internal the worker touches), ``loading``, ``generation`` and
``service`` (the request loop and ``main``). Only the worker process imports them.
"""

from wizard_app.core.runtime.worker.loading import FAULT_ENV
from wizard_app.core.runtime.worker.service import main

__all__ = ["FAULT_ENV", "main"]
