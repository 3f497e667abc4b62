"""Modal dialogs of the terminal workbench, one per file."""
