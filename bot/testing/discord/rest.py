"""Authorised REST routes: users, application, channels and messages, commands, guilds.

Route shapes follow discord.py 2.7.1 ``http.py``; answers are the payloads its models parse.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .gateway import APPLICATION_FLAGS
from .messages import apply_edit
from .records import RecordedFile, record_of
from .wire import (
    CANNOT_EDIT_OTHERS,
    MISSING_ACCESS,
    ApiError,
    body_dict,
    json_response,
    no_content,
    unknown,
)

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger(__name__)


class RestApi:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.world = fake.world

    def register(self, router: web.UrlDispatcher, prefix: str) -> None:
        routes: list[tuple[str, str, Any]] = [
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway_bot),
            ("GET", "/users/@me", self.get_me),
            ("POST", "/users/@me/channels", self.create_dm),
            ("GET", "/users/{user_id}", self.get_user),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/applications/@me", self.get_application),
            ("GET", "/channels/{channel_id}", self.get_channel),
            ("GET", "/channels/{channel_id}/messages", self.list_messages),
            ("POST", "/channels/{channel_id}/messages", self.create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message),
            (
                "PUT",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                self.react,
            ),
            (
                "DELETE",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                self.react,
            ),
            ("POST", "/channels/{channel_id}/typing", self.typing),
            ("GET", "/applications/{application_id}/commands", self.get_commands),
            ("PUT", "/applications/{application_id}/commands", self.put_commands),
            ("POST", "/applications/{application_id}/commands", self.post_command),
            ("DELETE", "/applications/{application_id}/commands/{command_id}", self.delete_command),
            ("GET", "/applications/{application_id}/guilds/{guild_id}/commands", self.get_commands),
            ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", self.put_commands),
            (
                "POST",
                "/applications/{application_id}/guilds/{guild_id}/commands",
                self.post_command,
            ),
            (
                "DELETE",
                "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}",
                self.delete_command,
            ),
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/channels", self.get_guild_channels),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
        ]
        for method, path, handler in routes:
            router.add_route(method, prefix + path, handler)

    # ------------------------------------------------------------- helpers
    @staticmethod
    def _body(request: web.Request) -> dict[str, Any]:
        return body_dict(request)

    @staticmethod
    def _files(request: web.Request) -> list[RecordedFile]:
        return record_of(request).files

    def _channel_id(self, request: web.Request) -> int:
        try:
            cid = int(request.match_info["channel_id"])
        except ValueError:
            raise ApiError(400, 50035, "Invalid Form Body") from None
        if cid not in self.world.channels:
            raise unknown("Channel", 10003)
        return cid

    def _app(self, request: web.Request) -> int:
        app_id = int(request.match_info["application_id"])
        if app_id != self.fake.application_id:
            raise ApiError(403, MISSING_ACCESS, "Missing Access")
        return app_id

    def _guild_id(self, request: web.Request) -> int | None:
        raw = request.match_info.get("guild_id")
        if raw is None:
            return None
        if int(raw) not in self.world.guilds:
            raise unknown("Guild", 10004)
        return int(raw)

    # ---------------------------------------------------------- users, app
    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.fake.gateway_url.rstrip("/")})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "url": self.fake.gateway_url.rstrip("/"),
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 14_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    async def get_me(self, request: web.Request) -> web.Response:
        return json_response(self.world.me_payload())

    async def get_user(self, request: web.Request) -> web.Response:
        uid = int(request.match_info["user_id"])
        if uid not in self.world.users:
            raise unknown("User", 10013)
        return json_response(self.world.user(uid))

    async def create_dm(self, request: web.Request) -> web.Response:
        body = self._body(request)
        try:
            uid = int(body["recipient_id"])
        except (KeyError, TypeError, ValueError):
            raise ApiError(400, 50035, "Invalid Form Body") from None
        if uid not in self.world.users or uid == self.world.bot_user_id:
            raise ApiError(400, 50033, "Invalid Recipient(s)")
        return json_response(self.world.dm_channel_for(uid))

    async def get_application(self, request: web.Request) -> web.Response:
        bot = self.world.bot_user()
        return json_response(
            {
                "id": str(self.fake.application_id),
                "name": bot["username"],
                "icon": None,
                "description": "",
                "summary": "",
                "rpc_origins": [],
                "bot_public": True,
                "bot_require_code_grant": False,
                "bot": bot,
                "owner": bot,
                "team": None,
                "verify_key": "0" * 64,
                "flags": APPLICATION_FLAGS,
                "tags": [],
                "redirect_uris": [],
                "interactions_endpoint_url": None,
                "install_params": None,
                "integration_types_config": {"0": {}},
                "approximate_guild_count": len(self.world.guilds),
            }
        )

    # -------------------------------------------------------------- channels
    async def get_channel(self, request: web.Request) -> web.Response:
        return json_response(self.world.channel_payload(self._channel_id(request)))

    async def typing(self, request: web.Request) -> web.Response:
        self._channel_id(request)
        return no_content()

    async def list_messages(self, request: web.Request) -> web.Response:
        cid = self._channel_id(request)
        limit = max(1, min(int(request.query.get("limit", 50)), 100))
        msgs = self.fake.messages.in_channel(cid)
        if "before" in request.query:
            msgs = [m for m in msgs if m.id < int(request.query["before"])]
        if "after" in request.query:
            msgs = [m for m in msgs if m.id > int(request.query["after"])][:limit]
        newest_first = sorted(msgs, key=lambda m: m.id, reverse=True)[:limit]
        return json_response([m.payload for m in newest_first])

    async def get_message(self, request: web.Request) -> web.Response:
        stored = self.fake._message_or_404(
            self._channel_id(request), request.match_info["message_id"]
        )
        return json_response(stored.payload)

    async def create_message(self, request: web.Request) -> web.Response:
        cid = self._channel_id(request)
        body = self._body(request)
        nonce_key: tuple[int, str, str] | None = None
        if body.get("enforce_nonce") and body.get("nonce") is not None:
            nonce_key = (cid, str(self.world.bot_user_id), str(body["nonce"]))
            existing = self.fake.messages.get(self.fake.messages.nonces.get(nonce_key, 0))
            if existing is not None:
                log.debug("nonce %s already used; returning message %s", body["nonce"], existing.id)
                return json_response(existing.payload)
        stored = self.fake._new_bot_message(cid, body, self._files(request), source="bot")
        if nonce_key is not None:
            self.fake.messages.nonces[nonce_key] = stored.id
        await self.fake._publish_create(stored)
        return json_response(stored.payload)

    async def edit_message(self, request: web.Request) -> web.Response:
        stored = self.fake._message_or_404(
            self._channel_id(request), request.match_info["message_id"]
        )
        if (
            stored.payload["author"]["id"] != str(self.world.bot_user_id)
            or stored.source == "webhook"
        ):
            raise ApiError(
                403, CANNOT_EDIT_OTHERS, "Cannot edit a message authored by another user"
            )
        payload = apply_edit(
            self.world, self.fake.base_url, stored, self._body(request), self._files(request)
        )
        self.fake._notify()
        await self.fake._publish_update(stored)
        return json_response(payload)

    async def delete_message(self, request: web.Request) -> web.Response:
        cid = self._channel_id(request)
        stored = self.fake._message_or_404(cid, request.match_info["message_id"])
        own = stored.payload["author"]["id"] == str(self.world.bot_user_id)
        if not own and self.world.guild_id_of(cid) is None:
            raise ApiError(403, 50003, "Cannot execute action on a DM channel")
        stored.deleted = True
        self.fake._notify()
        await self.fake._publish_delete(stored)
        return no_content()

    async def react(self, request: web.Request) -> web.Response:
        self.fake._message_or_404(self._channel_id(request), request.match_info["message_id"])
        return no_content()

    # -------------------------------------------------------------- commands
    async def get_commands(self, request: web.Request) -> web.Response:
        self._app(request)
        gid = self._guild_id(request)
        store = self.world.commands.store_for(gid)
        return json_response(list(store.values()))

    async def put_commands(self, request: web.Request) -> web.Response:
        app_id = self._app(request)
        gid = self._guild_id(request)
        body = record_of(request).json
        if not isinstance(body, list) or not all(
            isinstance(c, dict) and c.get("name") for c in body
        ):
            raise ApiError(400, 50035, "Invalid Form Body")
        return json_response(self.world.commands.upsert_commands(app_id, gid, body))

    async def post_command(self, request: web.Request) -> web.Response:
        app_id = self._app(request)
        gid = self._guild_id(request)
        body = self._body(request)
        if not body.get("name"):
            raise ApiError(400, 50035, "Invalid Form Body")
        return json_response(self.world.commands.upsert_command(app_id, gid, body), status=201)

    async def delete_command(self, request: web.Request) -> web.Response:
        self._app(request)
        gid = self._guild_id(request)
        store = self.world.commands.store_for(gid)
        if store.pop(int(request.match_info["command_id"]), None) is None:
            raise unknown("application command", 10063)
        return no_content()

    # ---------------------------------------------------------------- guilds
    async def get_guild(self, request: web.Request) -> web.Response:
        gid = self._guild_id(request)
        assert gid is not None
        payload = self.world.guild_payload(gid)
        for key in (
            "members",
            "channels",
            "threads",
            "presences",
            "voice_states",
            "joined_at",
            "large",
            "member_count",
            "unavailable",
            "lazy",
        ):
            payload.pop(key, None)
        return json_response(payload)

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        gid = self._guild_id(request)
        assert gid is not None
        return json_response(
            [self.world.channel_payload(c) for c in self.world.guild(gid).channel_ids]
        )

    async def get_member(self, request: web.Request) -> web.Response:
        gid = self._guild_id(request)
        assert gid is not None
        uid = int(request.match_info["user_id"])
        if uid not in self.world.guild(gid).members:
            raise unknown("Member", 10007)
        return json_response(self.world.member_payload(gid, uid))
