"""The app's GPU layer count in llama.cpp's terms (``-ngl``, ``n_gpu_layers``).

The app counts repeating blocks on the GPU, and its memory estimate puts the output
head there with them whenever any block is offloaded. llama.cpp counts the output head
as the last of ``n_layer + 1`` slots and offloads the last ``n_gpu_layers`` of them
(``load_tensors`` in src/llama-model.cpp of the llama.cpp that llama-cpp-python 0.3.36
vendors: ``i_gpu_start = max(n_layer_all + 1 - n_gpu_layers, 0)``). So ``-ngl N`` puts
N - 1 blocks and the output on the GPU, and ``-ngl n_layer`` leaves block 0 on the CPU.
The estimate's N blocks are ``-ngl N + 1``; 0 (none) and -1 (all) mean the same to both.
"""

from __future__ import annotations


def llama_cpp_gpu_layers(blocks: int) -> int:
    """llama.cpp's ``n_gpu_layers`` for ``blocks`` blocks on the GPU with the output head."""
    return blocks + 1 if blocks > 0 else blocks
