"""`os1 doctor`: a verdict per configuration item."""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import Settings, SettingsError


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True


async def run_checks(settings: Settings) -> list[Check]:
    results = [_token(settings)]
    results += await _model(settings)
    results.append(await _database(settings))
    return results


def _token(settings: Settings) -> Check:
    try:
        settings.require_token()
    except SettingsError as exc:
        return Check("DISCORD_TOKEN", False, str(exc))
    return Check("DISCORD_TOKEN", True, "set, and shaped like a bot token")


async def _model(settings: Settings) -> list[Check]:
    from bot.core.errors import ModelError
    from bot.llm.client import LLMClient

    client = LLMClient(base_url=settings.openai_base_url, api_key=settings.openai_api_key.get(),
                       model=settings.model, timeout_s=min(settings.model_timeout_s, 10),
                       max_retries=0)
    try:
        try:
            models = await client.list_models()
        except ModelError as exc:
            return [Check("model endpoint", False, f"{settings.openai_base_url}: {exc}")]
        out = [Check("model endpoint", True, f"{settings.openai_base_url} answers "
                     f"({len(models)} models)")]
        if settings.model in models:
            out.append(Check("OS1_MODEL", True, f"{settings.model} is offered"))
        else:
            sample = ", ".join(sorted(models)[:8]) or "none"
            out.append(Check("OS1_MODEL", False,
                             f"{settings.model} is not offered by the endpoint (it has: {sample})"))
        return out
    finally:
        await client.close()


async def _database(settings: Settings) -> Check:
    from bot.store.db import Database

    try:
        db = await Database.open(settings.database)
    except Exception as exc:  # noqa: BLE001 - report any failure as a verdict
        return Check("OS1_DATABASE", False, f"{settings.database}: {exc}")
    try:
        await db.check_writable()
        version = await db.current_version()
    except Exception as exc:  # noqa: BLE001
        return Check("OS1_DATABASE", False, f"{settings.database} is not writable: {exc}")
    finally:
        await db.close()
    return Check("OS1_DATABASE", True, f"{settings.database} writable, schema v{version}")
