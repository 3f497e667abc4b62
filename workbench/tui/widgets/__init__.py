"""Reusable widgets of the terminal workbench."""
