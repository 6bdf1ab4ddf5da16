"""Waiting for and looking at what the bot did: requests, messages, gateway frames."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from .gateway import Gateway
from .messages import MessageStore
from .records import ChangeNotifier, GatewayFrame, RecordedRequest

log = logging.getLogger(__name__)


class Queries:
    requests: list[RecordedRequest]
    messages: MessageStore
    gateway: Gateway
    gateway_frames: list[GatewayFrame]
    _notifier: ChangeNotifier

    async def wait_for_request(
        self,
        predicate: Callable[[RecordedRequest], bool],
        timeout: float = 5.0,
        *,
        since: int = 0,
    ) -> RecordedRequest:
        """First answered request (from index ``since``) for which ``predicate(req)`` is true.

        Already-recorded requests count, so call it after triggering the action; pass
        ``since=len(fake.requests)`` to only consider requests made from now on.
        """

        scanned = since  # requests before this index are answered and did not match

        def check() -> RecordedRequest | None:
            nonlocal scanned
            prefix_done = True
            for index in range(scanned, len(self.requests)):
                req = self.requests[index]
                if req.status is None:
                    prefix_done = False
                    continue
                if predicate(req):
                    return req
                if prefix_done:
                    scanned = index + 1
            return None

        return await self._notifier.wait_until(check, timeout, "a matching request")

    async def wait_for_message(
        self,
        channel_id: int | str,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
        timeout: float = 5.0,
    ) -> dict[str, Any]:
        """Newest message in the channel not sent by a fake user for which ``predicate`` holds.

        Returns a snapshot (see ``channel_messages``) of its current state.
        """

        def check() -> dict[str, Any] | None:
            for stored in reversed(self.messages.in_channel(int(channel_id))):
                if stored.source == "user":
                    continue
                view = stored.view()
                if predicate is None or predicate(view):
                    return view
            return None

        return await self._notifier.wait_until(
            check, timeout, f"a bot message in channel {channel_id}"
        )

    async def wait_until(
        self, check: Callable[[], Any], timeout: float = 5.0, what: str = "a condition"
    ) -> Any:
        """Wait until ``check()`` returns something other than None/False (re-checked on every
        request, message change and gateway frame)."""
        return await self._notifier.wait_until(lambda: check() or None, timeout, what)

    async def wait_until_connected(self, timeout: float = 5.0, *, resumes: int = 0) -> None:
        """Wait until a gateway session has a live socket (and has resumed ``resumes`` times)."""

        def check() -> bool | None:
            return (
                any(s.connected and s.resumes >= resumes for s in self.gateway.sessions.values())
                or None
            )

        await self._notifier.wait_until(check, timeout, "a connected gateway session")

    def gateway_ops_received(self, op: int) -> list[GatewayFrame]:
        return [f for f in self.gateway_frames if f.direction == "in" and f.op == op]

    def requests_to(self, method: str, route_or_path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.matches(method, route_or_path)]

    def clear_requests(self) -> None:
        self.requests.clear()

    def channel_messages(
        self, channel_id: int | str, *, include_deleted: bool = False
    ) -> list[dict[str, Any]]:
        """Current state of every message in the channel, oldest first, each with ``edit_count``,
        ``content_history``, ``deleted``, ``source`` and the ``allowed_mentions`` the bot sent."""
        return [
            m.view()
            for m in self.messages.in_channel(int(channel_id), include_deleted=include_deleted)
        ]

    def message(self, message_id: int | str) -> dict[str, Any]:
        stored = self.messages.by_id.get(int(message_id))
        if stored is None:
            raise KeyError(f"fake discord: unknown message {message_id}")
        return stored.view()
