"""Remote runtimes: servers that speak the OpenAI-compatible API (llama-server, Ollama's
``/v1``, LM Studio, vLLM, llama-cpp-python's server), named in the user's endpoints."""
