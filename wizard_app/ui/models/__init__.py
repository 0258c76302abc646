"""Item models for the lists and tables the windows show."""
