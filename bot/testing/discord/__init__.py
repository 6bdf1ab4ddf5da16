"""A loopback Discord (gateway v10 websocket + REST) for tests and benchmarks.

The unmodified discord.py 2.7.1 client connects to it::

    async with FakeDiscord() as fake:
        alice = fake.add_user("alice")
        async with connected_client(fake, MyBot(...)) as bot:
            await fake.user_dms(alice["id"], "hello")
            reply = await fake.wait_for_message(fake.dm_channel_for(alice["id"])["id"])

See ``server.FakeDiscord`` for the full API and ``fixtures`` for the pytest fixture.
"""

from .client import connected_client
from .ids import make_token
from .interactions import InteractionRecord
from .records import GatewayFrame, RecordedFile, RecordedRequest, SentModal
from .server import API_PREFIX, FakeDiscord

__all__ = [
    "API_PREFIX",
    "FakeDiscord",
    "GatewayFrame",
    "InteractionRecord",
    "RecordedFile",
    "RecordedRequest",
    "SentModal",
    "connected_client",
    "make_token",
]
