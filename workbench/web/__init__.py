"""The network layer: fetching pages and talking to web services (the only httpx user)."""
