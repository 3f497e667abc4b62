"""The Textual terminal workbench."""
