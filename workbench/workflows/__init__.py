"""Use cases shared by the CLI and the TUI: import, attribute, match, record verdicts, export."""
