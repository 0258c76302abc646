"""Views outside the wizard: the model library, the history and the settings."""
