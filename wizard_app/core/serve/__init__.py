"""Serve a downloaded model on 127.0.0.1 with llama-cpp-python's OpenAI-compatible server."""
