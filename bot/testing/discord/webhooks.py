"""Token routes (no Authorization, exempt from the global limit) and channel webhooks.

* ``POST /interactions/{id}/{token}/callback?with_response=1`` answers
  ``{"interaction": {...}, "resource": {"type", "message"?}}`` (discord.py's
  ``InteractionCallbackResponse`` reads ``interaction.id`` and ``response_message_id``).
* ``/webhooks/{application_id}/{interaction_token}/...``: @original and followups.
* ``/webhooks/{webhook_id}/{webhook_token}...``: real webhooks (``?wait=1`` returns the message).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .interactions import TYPE_APP_COMMAND, TYPE_COMPONENT, TYPE_MODAL_SUBMIT, InteractionRecord
from .messages import FLAG_EPHEMERAL, FLAG_LOADING, StoredMessage, apply_edit
from .records import SentModal, record_of
from .wire import (
    ALREADY_ACKNOWLEDGED,
    UNKNOWN_INTERACTION,
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
    WRONG_CHANNEL_TYPE,
    ApiError,
    body_dict,
    invalid_form,
    json_response,
    no_content,
    truthy,
    unknown,
)

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger(__name__)

CB_PONG = 1
CB_MESSAGE = 4
CB_DEFERRED_MESSAGE = 5
CB_DEFERRED_UPDATE = 6
CB_UPDATE_MESSAGE = 7
CB_AUTOCOMPLETE = 8
CB_MODAL = 9
MESSAGE_CHAT_INPUT_COMMAND = 20


@dataclass
class _TokenContext:
    channel_id: int
    interaction: InteractionRecord | None = None
    webhook: dict[str, Any] | None = None


class WebhookApi:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.world = fake.world

    def register(self, router: web.UrlDispatcher, prefix: str) -> None:
        token = "/webhooks/{webhook_id}/{webhook_token}"
        routes: list[tuple[str, str, Any]] = [
            ("POST", "/interactions/{interaction_id}/{interaction_token}/callback", self.callback),
            ("POST", "/channels/{channel_id}/webhooks", self.create_webhook),
            ("GET", "/channels/{channel_id}/webhooks", self.channel_webhooks),
            ("GET", "/webhooks/{webhook_id}", self.get_webhook),
            ("DELETE", "/webhooks/{webhook_id}", self.delete_webhook),
            ("GET", token, self.get_webhook_with_token),
            ("POST", token, self.execute),
            ("GET", token + "/messages/@original", self.get_message),
            ("PATCH", token + "/messages/@original", self.edit_message),
            ("DELETE", token + "/messages/@original", self.delete_message),
            ("GET", token + "/messages/{message_id}", self.get_message),
            ("PATCH", token + "/messages/{message_id}", self.edit_message),
            ("DELETE", token + "/messages/{message_id}", self.delete_message),
        ]
        for method, path, handler in routes:
            router.add_route(method, prefix + path, handler)

    # ------------------------------------------------------------ callback
    async def callback(self, request: web.Request) -> web.Response:
        inter = self.fake.interactions.get(int(request.match_info["interaction_id"]))
        if inter is None or inter.token != request.match_info["interaction_token"]:
            raise unknown("interaction", UNKNOWN_INTERACTION)
        if inter.response_type is not None:
            raise ApiError(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")
        body = body_dict(request)
        cb_type = int(body.get("type", 0))
        data = body.get("data") or {}
        message: StoredMessage | None = None
        if cb_type == CB_MESSAGE:
            message = self._interaction_message(inter, data, request)
        elif cb_type == CB_DEFERRED_MESSAGE:
            flags = FLAG_LOADING | (int(data.get("flags") or 0) & FLAG_EPHEMERAL)
            message = self._interaction_message(inter, {}, request, flags=flags)
        elif cb_type in (CB_DEFERRED_UPDATE, CB_UPDATE_MESSAGE):
            if inter.message_id is None or inter.type not in (TYPE_COMPONENT, TYPE_MODAL_SUBMIT):
                raise invalid_form(
                    "type",
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    "Interaction response type is invalid",
                )
            message = self.fake._message_or_404(None, inter.message_id)
            if cb_type == CB_UPDATE_MESSAGE:
                apply_edit(self.world, self.fake.base_url, message, data, record_of(request).files)
                await self.fake._publish_update(message)
        elif cb_type == CB_MODAL:
            if inter.type == TYPE_MODAL_SUBMIT:
                raise invalid_form(
                    "type", "INTERACTION_RESPONSE_TYPE_INVALID", "A modal cannot open a modal"
                )
            if not data.get("custom_id") or not data.get("title") or not data.get("components"):
                raise invalid_form(
                    "data", "BASE_TYPE_REQUIRED", "custom_id, title and components are required"
                )
            inter.modal = data
            self.fake.modals.append(SentModal(inter.id, data))
        elif cb_type not in (CB_PONG, CB_AUTOCOMPLETE):
            raise invalid_form(
                "type", "INTERACTION_RESPONSE_TYPE_INVALID", f"Unknown response type {cb_type}"
            )
        inter.response_type = cb_type
        inter.callbacks.append(body)
        if message is not None:
            inter.original_message_id = message.id
            if cb_type in (CB_MESSAGE, CB_DEFERRED_MESSAGE):
                await self.fake._publish_create(message)
        self.fake._notify()
        info: dict[str, Any] = {
            "id": str(inter.id),
            "type": inter.type,
            "activity_instance_id": None,
        }
        resource: dict[str, Any] = {"type": cb_type}
        if message is not None and cb_type != CB_DEFERRED_UPDATE:
            flags = int(message.payload.get("flags") or 0)
            info.update(
                response_message_id=str(message.id),
                response_message_loading=bool(flags & FLAG_LOADING),
                response_message_ephemeral=bool(flags & FLAG_EPHEMERAL),
            )
            resource["message"] = message.payload
        return json_response({"interaction": info, "resource": resource})

    def _interaction_message(
        self,
        inter: InteractionRecord,
        data: dict[str, Any],
        request: web.Request,
        *,
        flags: int | None = None,
        followup: bool = False,
    ) -> StoredMessage:
        user = inter.payload.get("user") or inter.payload["member"]["user"]
        metadata: dict[str, Any] = {
            "id": str(inter.id),
            "type": inter.type,
            "user": user,
            "authorizing_integration_owners": inter.payload.get(
                "authorizing_integration_owners", {}
            ),
        }
        if followup and inter.original_message_id is not None:
            metadata["original_response_message_id"] = str(inter.original_message_id)
        if inter.type == TYPE_COMPONENT and inter.message_id is not None:
            metadata["interacted_message_id"] = str(inter.message_id)
        extra: dict[str, Any] = {
            "webhook_id": str(self.fake.application_id),
            "application_id": str(self.fake.application_id),
            "interaction_metadata": metadata,
        }
        if inter.type == TYPE_APP_COMMAND:
            extra["interaction"] = {
                "id": str(inter.id),
                "type": inter.type,
                "name": inter.payload["data"]["name"],
                "user": user,
            }
        stored = self.fake._new_bot_message(
            inter.channel_id,
            data,
            record_of(request).files,
            source="interaction",
            extra=extra,
            flags=flags,
            message_type=MESSAGE_CHAT_INPUT_COMMAND if inter.type == TYPE_APP_COMMAND else 0,
        )
        return stored

    # -------------------------------------------------------- token routes
    def _context(self, request: web.Request) -> _TokenContext:
        wid = int(request.match_info["webhook_id"])
        token = request.match_info["webhook_token"]
        if wid == self.fake.application_id:
            iid = self.fake.interaction_tokens.get(token)
            if iid is not None:
                inter = self.fake.interactions[iid]
                return _TokenContext(channel_id=inter.channel_id, interaction=inter)
        hook = self.world.webhooks.get(wid)
        if hook is None or hook["token"] != token:
            raise unknown("Webhook", UNKNOWN_WEBHOOK)
        return _TokenContext(channel_id=int(hook["channel_id"]), webhook=hook)

    def _target(self, ctx: _TokenContext, request: web.Request) -> StoredMessage:
        raw = request.match_info.get("message_id")
        if ctx.interaction is not None:
            inter = ctx.interaction
            mid = inter.original_message_id if raw is None else int(raw)
            if mid is None or (mid != inter.original_message_id and mid not in inter.followup_ids):
                raise unknown("Message", UNKNOWN_MESSAGE)
            return self.fake._message_or_404(None, mid)
        if raw is None:
            raise unknown("Message", UNKNOWN_MESSAGE)
        stored = self.fake._message_or_404(ctx.channel_id, raw)
        if ctx.webhook is None or stored.payload.get("webhook_id") != ctx.webhook["id"]:
            raise unknown("Message", UNKNOWN_MESSAGE)
        return stored

    async def execute(self, request: web.Request) -> web.Response:
        ctx = self._context(request)
        body = body_dict(request)
        if ctx.interaction is not None:
            stored = await self._followup(ctx.interaction, body, request)
        else:
            assert ctx.webhook is not None
            hook = ctx.webhook
            author = {
                "id": hook["id"],
                "username": body.get("username") or hook["name"],
                "avatar": None,
                "discriminator": "0000",
                "global_name": None,
                "bot": True,
                "public_flags": 0,
                "flags": 0,
            }
            extra = {"webhook_id": hook["id"], "application_id": hook.get("application_id")}
            stored = self.fake._new_bot_message(
                ctx.channel_id,
                body,
                record_of(request).files,
                source="webhook",
                author=author,
                extra=extra,
            )
            await self.fake._publish_create(stored)
        if not truthy(request.query.get("wait")):
            return no_content()
        return json_response(stored.payload)

    async def _followup(
        self, inter: InteractionRecord, body: dict[str, Any], request: web.Request
    ) -> StoredMessage:
        if inter.response_type is None:
            raise unknown("Webhook", UNKNOWN_WEBHOOK)
        original = self.fake.messages.get(inter.original_message_id or 0)
        if (
            inter.response_type == CB_DEFERRED_MESSAGE
            and original is not None
            and self.fake._is_loading(original)
        ):
            # The first followup after a "thinking" defer replaces the loading message.
            apply_edit(self.world, self.fake.base_url, original, body, record_of(request).files)
            await self.fake._publish_update(original)
            return original
        stored = self._interaction_message(inter, body, request, followup=True)
        inter.followup_ids.append(stored.id)
        await self.fake._publish_create(stored)
        return stored

    async def get_message(self, request: web.Request) -> web.Response:
        return json_response(self._target(self._context(request), request).payload)

    async def edit_message(self, request: web.Request) -> web.Response:
        stored = self._target(self._context(request), request)
        payload = apply_edit(
            self.world, self.fake.base_url, stored, body_dict(request), record_of(request).files
        )
        self.fake._notify()
        await self.fake._publish_update(stored)
        return json_response(payload)

    async def delete_message(self, request: web.Request) -> web.Response:
        stored = self._target(self._context(request), request)
        stored.deleted = True
        self.fake._notify()
        await self.fake._publish_delete(stored)
        return no_content()

    async def get_webhook_with_token(self, request: web.Request) -> web.Response:
        ctx = self._context(request)
        if ctx.webhook is None:
            raise unknown("Webhook", UNKNOWN_WEBHOOK)
        return json_response(ctx.webhook)

    # ----------------------------------------------------- channel webhooks
    async def create_webhook(self, request: web.Request) -> web.Response:
        cid = int(request.match_info["channel_id"])
        if cid not in self.world.channels:
            raise unknown("Channel", 10003)
        if self.world.guild_id_of(cid) is None:
            raise ApiError(400, WRONG_CHANNEL_TYPE, "Cannot execute action on this channel type")
        body = body_dict(request)
        name = str(body.get("name") or "")
        if not 1 <= len(name) <= 80 or any(bad in name.lower() for bad in ("clyde", "discord")):
            raise invalid_form("name", "WEBHOOK_INVALID_USERNAME", f"Username cannot be {name!r}")
        return json_response(self.world.create_webhook(cid, name, body.get("avatar")))

    async def channel_webhooks(self, request: web.Request) -> web.Response:
        cid = request.match_info["channel_id"]
        if int(cid) not in self.world.channels:
            raise unknown("Channel", 10003)
        return json_response([w for w in self.world.webhooks.values() if w["channel_id"] == cid])

    async def get_webhook(self, request: web.Request) -> web.Response:
        hook = self.world.webhooks.get(int(request.match_info["webhook_id"]))
        if hook is None:
            raise unknown("Webhook", UNKNOWN_WEBHOOK)
        return json_response(hook)

    async def delete_webhook(self, request: web.Request) -> web.Response:
        if self.world.webhooks.pop(int(request.match_info["webhook_id"]), None) is None:
            raise unknown("Webhook", UNKNOWN_WEBHOOK)
        return no_content()
