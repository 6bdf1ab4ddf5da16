"""Typed settings, loaded once from the environment and `.env`.

Errors name the variable. Secrets are wrapped in `Secret`, whose repr and str never show the
value, so a settings object can be logged safely.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from dotenv import dotenv_values


class SettingsError(ValueError):
    """A configuration variable is missing or malformed; the message names it."""


class Secret:
    """A string that never prints itself."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('********')" if self._value else "Secret('')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


# Discord bot tokens: base64(user id) . timestamp . hmac (three dot-separated url-safe parts).
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{17,40}\.[A-Za-z0-9_-]{4,10}\.[A-Za-z0-9_-]{20,64}$")


@dataclass(frozen=True)
class Settings:
    discord_token: Secret = field(default_factory=lambda: Secret(""))
    discord_api_base: str | None = None
    discord_gateway_url: str | None = None
    owner_ids: frozenset[int] = frozenset()
    openai_base_url: str = "https://api.openai.com/v1"
    openai_api_key: Secret = field(default_factory=lambda: Secret(""))
    model: str = "gpt-4o-mini"
    embedding_model: str | None = None
    embedder: str = "none"  # none | provider | local
    moderation: bool = False
    safety_semantic: bool = False
    model_timeout_s: float = 60.0
    model_max_retries: int = 2
    context_tokens: int = 8000
    reply_max_tokens: int = 700
    database: Path = Path("data/os1.db")
    log_level: str = "INFO"
    memory_extraction: bool = True
    disclosure_text: str | None = None
    disclosure_interval_h: float = 3.0
    time_notice_minutes: int = 60
    rest_rate_per_s: float = 45.0
    max_concurrent_replies: int = 64
    default_locale: str = "en-US"

    def __repr__(self) -> str:  # dataclass repr would be fine, but be explicit about secrets
        parts = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
        return f"Settings({parts})"

    @classmethod
    def load(cls, env_file: str | Path | None = ".env", environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `.env` (if present) overlaid by the process environment."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, env: Mapping[str, str]) -> Settings:
        r = _Reader(env)
        embedder = r.choice("OS1_EMBEDDER", ("none", "provider", "local"), "none")
        embedding_model = r.text("OS1_EMBEDDING_MODEL")
        if embedder == "provider" and not embedding_model:
            raise SettingsError(
                "OS1_EMBEDDER=provider needs OS1_EMBEDDING_MODEL (e.g. text-embedding-3-small)."
            )
        return cls(
            discord_token=Secret(r.text("DISCORD_TOKEN") or ""),
            discord_api_base=r.url("DISCORD_API_BASE"),
            discord_gateway_url=r.url("DISCORD_GATEWAY_URL", schemes=("ws", "wss")),
            owner_ids=r.ids("OS1_OWNER_IDS"),
            openai_base_url=r.url("OPENAI_BASE_URL") or "https://api.openai.com/v1",
            openai_api_key=Secret(r.text("OPENAI_API_KEY") or ""),
            model=r.text("OS1_MODEL") or "gpt-4o-mini",
            embedding_model=embedding_model,
            embedder=embedder,
            moderation=r.flag("OS1_MODERATION", False),
            safety_semantic=r.flag("OS1_SAFETY_SEMANTIC", False),
            model_timeout_s=r.number("OS1_MODEL_TIMEOUT", 60.0, lo=1, hi=600),
            model_max_retries=int(r.number("OS1_MODEL_MAX_RETRIES", 2, lo=0, hi=10)),
            context_tokens=int(r.number("OS1_CONTEXT_TOKENS", 8000, lo=1000, hi=2_000_000)),
            reply_max_tokens=int(r.number("OS1_REPLY_MAX_TOKENS", 700, lo=50, hi=32_000)),
            database=Path(r.text("OS1_DATABASE") or "data/os1.db"),
            log_level=r.choice(
                "OS1_LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO", upper=True
            ),
            memory_extraction=r.flag("OS1_MEMORY_EXTRACTION", True),
            disclosure_text=r.text("OS1_DISCLOSURE_TEXT"),
            disclosure_interval_h=r.number("OS1_DISCLOSURE_INTERVAL_HOURS", 3.0, lo=0.1, hi=3.0),
            time_notice_minutes=int(r.number("OS1_TIME_NOTICE_MINUTES", 60, lo=0, hi=24 * 60)),
            rest_rate_per_s=r.number("OS1_REST_RATE_PER_S", 45.0, lo=1, hi=50),
            max_concurrent_replies=int(r.number("OS1_MAX_CONCURRENT_REPLIES", 64, lo=1, hi=10_000)),
            default_locale=r.text("OS1_DEFAULT_LOCALE") or "en-US",
        )

    def require_token(self) -> str:
        """The Discord token, or a SettingsError that says exactly what to set."""
        token = self.discord_token.get()
        if not token:
            raise SettingsError(
                "DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications, "
                "copy its token (Bot -> Reset Token), and put DISCORD_TOKEN=<token> in .env "
                "(see .env.example). Then run `make run` again."
            )
        if not TOKEN_RE.match(token):
            raise SettingsError(
                "DISCORD_TOKEN does not look like a bot token (three dot-separated parts). "
                "Copy it again from the Bot page of your application."
            )
        return token


class _Reader:
    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def text(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None

    def flag(self, name: str, default: bool) -> bool:
        value = self.text(name)
        if value is None:
            return default
        low = value.lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{name} must be true or false, not {value!r}.")

    def number(self, name: str, default: float, *, lo: float, hi: float) -> float:
        value = self.text(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            raise SettingsError(f"{name} must be a number, not {value!r}.") from None
        if not lo <= number <= hi:
            raise SettingsError(f"{name} must be between {lo:g} and {hi:g}, not {value}.")
        return number

    def choice(self, name: str, options: tuple[str, ...], default: str, upper: bool = False) -> str:
        value = self.text(name)
        if value is None:
            return default
        value = value.upper() if upper else value.lower()
        if value not in options:
            raise SettingsError(f"{name} must be one of {', '.join(options)}, not {value!r}.")
        return value

    def url(self, name: str, schemes: tuple[str, ...] = ("http", "https")) -> str | None:
        value = self.text(name)
        if value is None:
            return None
        if not any(value.startswith(f"{s}://") for s in schemes):
            raise SettingsError(f"{name} must start with {' or '.join(s + '://' for s in schemes)}.")
        return value.rstrip("/") if schemes[0].startswith("http") else value

    def ids(self, name: str) -> frozenset[int]:
        value = self.text(name)
        if value is None:
            return frozenset()
        try:
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        except ValueError:
            raise SettingsError(f"{name} must be a comma-separated list of Discord user ids.") from None
