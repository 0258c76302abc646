"""Open Model Wizard: choose, download and try an open-weight LLM that fits your machine."""

__version__ = "0.1.0"
