"""The command palette's list of actions: every described binding of the screen and the app."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode


class ActionsProvider(Provider):
    """Offers the bindings active on the current screen as commands."""

    def _actions(self) -> Iterator[tuple[str, DOMNode, Binding]]:
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            yield (
                f"{binding.description} ({binding.key_display or binding.key})",
                active.node,
                binding,
            )

    async def _run(self, node: DOMNode, action: str) -> None:
        await self.app.run_action(action, node)

    async def discover(self) -> Hits:
        """Every action, for the empty palette."""
        for title, node, binding in self._actions():
            yield DiscoveryHit(title, partial(self._run, node, binding.action), help=binding.id)

    async def search(self, query: str) -> Hits:
        """Actions whose description matches the query."""
        matcher = self.matcher(query)
        for title, node, binding in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._run, node, binding.action),
                    help=binding.id,
                )
