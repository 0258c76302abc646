"""Coded messages of the local model process: loading, running, crashes."""

from __future__ import annotations

from wizard_app.core.translatable import QT_TRANSLATE_NOOP

RUNTIME: dict[str, tuple[str, str]] = {
    "runtime.unsupported_arch": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{subject} uses the architecture '{arch}', which the installed llama.cpp "
            "(llama-cpp-python) does not support.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Choose another model, or a newer version of the app once llama.cpp supports it.",
        ),
    ),
    "runtime.load_unsupported_arch": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{name} uses the architecture '{arch}', which the installed llama.cpp does not "
            "support.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Choose another model, or a newer version of the app once llama.cpp supports it.",
        ),
    ),
    "runtime.load_out_of_memory": (
        QT_TRANSLATE_NOOP(
            "Error", "Not enough memory to load {name} with a context of {context:,} tokens."
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Choose a smaller context, a smaller quant, or close other programs."
        ),
    ),
    "runtime.load_failed": (
        QT_TRANSLATE_NOOP("Error", "llama.cpp could not load {name}: {error}"),
        QT_TRANSLATE_NOOP("Error", "The file may be corrupt or incomplete: download it again."),
    ),
    "runtime.prompt_too_long": (
        QT_TRANSLATE_NOOP(
            "Error", "The prompt is {tokens:,} tokens but the context holds {context:,}."
        ),
        QT_TRANSLATE_NOOP("Error", "Shorten the prompt or load the model with a larger context."),
    ),
    "runtime.worker_killed": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The model process was killed ({signal}); the system may have run out of memory.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "The app is fine and a fresh model process is ready: load the model again, or try a "
            "smaller model, quant or context if it happens again.",
        ),
    ),
    "runtime.worker_killed.words": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The model process was killed ({signal}); the system may have run out of memory. "
            "Its last words: {words}",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "The app is fine and a fresh model process is ready: load the model again, or try a "
            "smaller model, quant or context if it happens again.",
        ),
    ),
    "runtime.worker_crashed": (
        QT_TRANSLATE_NOOP("Error", "The model process crashed ({signal}) inside llama.cpp."),
        QT_TRANSLATE_NOOP(
            "Error",
            "The app is fine and a fresh model process is ready. If it happens again with this "
            "file, the file may be damaged: download it again.",
        ),
    ),
    "runtime.profile_slow": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Timing llama.cpp took longer than {seconds} s: the machine is too busy for a fair "
            "figure.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Close other programs, then measure the speed again. Until then the predictions "
            "use typical figures.",
        ),
    ),
    "runtime.profile_busy": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The processor is busy (load {load} on {cores} cores): a timing now would be far "
            "too slow.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Close other programs, then measure the speed again. Until then the predictions "
            "use typical figures.",
        ),
    ),
    "runtime.profile_implausible": (
        QT_TRANSLATE_NOOP(
            "Error",
            "llama.cpp read the weights at {gbs} GB/s, slower than any memory it runs on: the "
            "machine was busy while it was timed.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Close other programs, then measure the speed again. Until then the predictions "
            "use typical figures.",
        ),
    ),
    "runtime.worker_hung": (
        QT_TRANSLATE_NOOP(
            "Error", "The model process stopped answering for {seconds} s and was stopped."
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "The app is fine and a fresh model process is ready: run it again. If it keeps "
            "happening, the machine may be swapping: choose a smaller model or context.",
        ),
    ),
    "runtime.plan.no_offload": (
        QT_TRANSLATE_NOOP(
            "Error", "This llama.cpp build cannot offload to a GPU; every layer runs on the CPU."
        ),
        "",
    ),
    "runtime.plan.auto_cpu_build": (
        QT_TRANSLATE_NOOP(
            "Error", "GPU layers auto: 0, this llama.cpp build cannot offload to a GPU."
        ),
        "",
    ),
    "runtime.plan.auto_no_gpu": (
        QT_TRANSLATE_NOOP("Error", "GPU layers auto: 0, llama.cpp found no GPU."),
        "",
    ),
    "runtime.plan.ctx_memory": (
        QT_TRANSLATE_NOOP(
            "Error", "Context reduced from {old:,} to {new:,} tokens to fit in memory."
        ),
        "",
    ),
    "runtime.plan.ctx_gpu": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Context reduced from {old:,} to {new:,} tokens to keep more layers on the GPU.",
        ),
        "",
    ),
    "runtime.plan.auto_gpu": (
        QT_TRANSLATE_NOOP(
            "Error",
            "GPU layers auto: {layers} of {total} on the GPU ({free} GiB free, {used} GiB used).",
        ),
        "",
    ),
    "runtime.plan.auto_gpus": (
        QT_TRANSLATE_NOOP(
            "Error",
            "GPU layers auto: {layers} of {total} on {count} GPUs, {split} layers split by free "
            "memory ({free} GiB free, {used} GiB used).",
        ),
        "",
    ),
    "runtime.plan.no_fit": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The estimate says this needs about {gib} GiB and does not fit; loading may fail.",
        ),
        "",
    ),
    "runtime.safe_retry": (
        QT_TRANSLATE_NOOP(
            "Error",
            "llama.cpp crashed ({signal}) with its repacked weight layout on this CPU; {name} was "
            "loaded again without it, as every model will be on this machine.",
        ),
        "",
    ),
    "runtime.chat_fallback": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The file has no chat template; using the {format} format, chosen from its "
            "architecture and vocabulary.",
        ),
        "",
    ),
    "runtime.unsupported_arch.near": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{subject} uses the architecture '{arch}', which the installed llama.cpp "
            "(llama-cpp-python) does not support (close names it knows: {near}).",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Choose another model, or a newer version of the app once llama.cpp supports it.",
        ),
    ),
    # remote runtimes (core/remote): servers speaking the OpenAI-compatible API
}
