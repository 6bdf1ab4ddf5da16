"""HTTP wire helpers: Discord-style JSON responses and errors.

discord.py's ``json_or_text`` compares ``Content-Type`` to ``application/json`` exactly, so the
header is set by hand (aiohttp's ``json_response`` would append ``; charset=utf-8``).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import BodyPartReader, hdrs, web

from .records import RecordedFile, record_of

log = logging.getLogger(__name__)

JSON_CONTENT_TYPE = "application/json"


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    all_headers = {"Content-Type": JSON_CONTENT_TYPE}
    if headers:
        all_headers.update(headers)
    return web.Response(status=status, body=json.dumps(data).encode(), headers=all_headers)


def no_content() -> web.Response:
    return web.Response(status=204)


def truthy(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "yes")


class ApiError(Exception):
    """An error answered the way Discord answers it: ``{"code", "message", ("errors")}``."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        return body

    def response(self) -> web.Response:
        return json_response(self.body(), status=self.status)


def unknown(kind: str, code: int) -> ApiError:
    return ApiError(404, code, f"Unknown {kind}")


def invalid_form(field: str, error_code: str, message: str) -> ApiError:
    return ApiError(
        400,
        50035,
        "Invalid Form Body",
        {field: {"_errors": [{"code": error_code, "message": message}]}},
    )


UNKNOWN_CHANNEL = 10003
UNKNOWN_GUILD = 10004
UNKNOWN_MESSAGE = 10008
UNKNOWN_USER = 10013
UNKNOWN_WEBHOOK = 10015
UNKNOWN_COMMAND = 10063
UNKNOWN_INTERACTION = 10062
ALREADY_ACKNOWLEDGED = 40060
CANNOT_EDIT_OTHERS = 50005
EMPTY_MESSAGE = 50006
WRONG_CHANNEL_TYPE = 50024
MISSING_ACCESS = 50001


def body_dict(request: web.Request) -> dict[str, Any]:
    """The recorded JSON body (or ``payload_json``) as a dict; ``{}`` when there was none."""
    body = record_of(request).json
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ApiError(400, 50035, "Invalid Form Body")
    return body


async def read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    """JSON body, or multipart ``payload_json`` + ``files[n]`` parts."""
    files: list[RecordedFile] = []
    if request.content_type == "multipart/form-data":
        body: Any = None
        fields: dict[str, str] = {}
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                raise ApiError(400, 50035, "Nested multipart is not supported")
            if part.filename is not None:
                data = await part.read(decode=False)
                ctype = part.headers.get(hdrs.CONTENT_TYPE, "application/octet-stream")
                files.append(RecordedFile(part.name or "", part.filename, ctype, bytes(data)))
            elif part.name == "payload_json":
                body = _loads(await part.text())
            else:
                fields[part.name or ""] = await part.text()
        if body is None and fields:
            body = fields
        return body, files
    if not request.body_exists:
        return None, files
    raw = await request.read()
    return (_loads(raw) if raw else None), files


def _loads(raw: str | bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        raise ApiError(400, 50109, "The request body contains invalid JSON.") from None
