"""Pure domain logic: text, claims, attribution, matching, scales and reports; no I/O, no UI."""
