"""The screens of the terminal workbench, one per file."""
