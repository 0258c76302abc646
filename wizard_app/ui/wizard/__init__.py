"""The wizard: a thin QWizard, the page ids, the shared state and the pages."""
