"""Command-line interface: the composition root of the workbench."""

from __future__ import annotations


def main() -> None:
    """Run the `workbench` command."""
    from workbench.cli.app import app

    app()
