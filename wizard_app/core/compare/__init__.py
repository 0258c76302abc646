"""Comparing models side by side: the same prompts, settings and seed on two to four models.

``spec`` holds what a comparison is made of, ``runner`` runs it through the inference
worker one model at a time, ``prompt_sets`` gives the prompts (the use cases' presets, a
file, the user's saved sets), ``summary`` folds ratings and measurements per model and
``export`` writes Markdown, CSV and JSON. Saved through ``repository`` (snapshots in ``records``).
"""
