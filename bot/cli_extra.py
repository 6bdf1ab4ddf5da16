"""`os1` subcommands besides run/chat/doctor: import, memory eval, safety eval, report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.core.errors import UserInputError
from bot.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(env_file=args.env_file)


async def _import(args: argparse.Namespace) -> int:
    from bot.core.clock import SystemClock
    from bot.core.library import Library
    from bot.logs import setup_logging
    from bot.services import make_llm
    from bot.store import Store

    settings = _settings(args)
    setup_logging("WARNING", [settings.openai_api_key.get()])
    path = Path(args.file)
    if not path.exists():
        print(f"os1 import: there is no file {path}", file=sys.stderr)
        return 2
    store = await Store.open(settings.database)
    llm = make_llm(settings) if not args.no_reflection else None
    try:
        user = await store.people.get_user(args.user)
        companion = await store.people.get_companion(args.user)
        library = Library(store, llm, SystemClock())

        async def progress(p) -> None:  # type: ignore[no-untyped-def]
            print(f"\r{p.bar()}", end="", file=sys.stderr, flush=True)

        try:
            outcome = await library.ingest(
                path, filename=path.name, user_id=args.user,
                user_name=user.display_name if user and user.display_name else args.name,
                companion_name=companion.display_name if companion else "your companion",
                on_progress=progress, progress_interval_s=0.5)
        except UserInputError as exc:
            print(f"\nos1 import: {exc.user_message}", file=sys.stderr)
            return 1
        print(file=sys.stderr)
        r = outcome.result
        print(json.dumps({"items": r.items, "duplicates": r.duplicates, "read": r.read,
                          "seconds": round(r.seconds, 2), "sources": len(r.sources)}))
        print(outcome.reflection)
        return 0
    finally:
        if llm is not None:
            await llm.close()
        await store.close()


async def _memory_eval(args: argparse.Namespace) -> int:
    from bot.core.memory.evaluate import run_eval
    from bot.services import make_embedder, make_llm

    settings = _settings(args)
    llm = make_llm(settings) if args.extract or args.embedder == "provider" else None
    embedder = None
    if args.embedder != "none":
        env = Settings.from_mapping({"OS1_EMBEDDER": args.embedder,
                                     "OS1_EMBEDDING_MODEL": settings.embedding_model or "x"})
        embedder = make_embedder(env, llm)  # type: ignore[arg-type]
    try:
        result = await run_eval(args.file, k=args.k, model=llm if args.extract else None,
                                embedder=embedder)
    except UserInputError as exc:
        print(f"os1 memory eval: {exc.user_message}", file=sys.stderr)
        return 2
    finally:
        if llm is not None:
            await llm.close()
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


async def _safety_eval(args: argparse.Namespace) -> int:
    from bot.core.safety.evaluate import evaluate, load_jsonl

    settings = _settings(args)
    try:
        lines = load_jsonl(args.file)
    except (OSError, ValueError) as exc:
        print(f"os1 safety eval: {exc}", file=sys.stderr)
        return 2
    moderation = None
    llm = None
    if args.moderation:
        from bot.services import make_llm

        llm = make_llm(settings)
        llm.moderation_enabled = True
        moderation = llm.moderate
    semantic = None
    if getattr(args, "semantic", "none") == "local":
        from bot.services import make_semantic_signal

        semantic = await make_semantic_signal()
        if semantic is None:
            print("os1 safety eval: the semantic signal needs the local-embeddings extra and "
                  "the labelled sets in evals/", file=sys.stderr)
            return 2
    try:
        result = await evaluate(lines, moderation=moderation, semantic=semantic)
    finally:
        if llm is not None:
            await llm.close()
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


async def _report(args: argparse.Namespace) -> int:
    from bot.store import Store

    settings = _settings(args)
    store = await Store.open(settings.database)
    try:
        counts = await store.ops.safety_counts(args.year)
    finally:
        await store.close()
    report = {
        "year": args.year,
        "crisis_referrals": counts.get("crisis_referral", 0)
        + counts.get("crisis_referral_third_party", 0),
        "of_which_for_someone_else": counts.get("crisis_referral_third_party", 0),
        "output_replacements": counts.get("output_blocked", 0),
        "moderator_alerts": counts.get("moderator_alert", 0),
        "note": "Counts only; OS1 keeps no user identifiers in these figures.",
    }
    print(json.dumps(report, indent=2))
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser("import", help="read an archive into a user's companion memory")
    imp.add_argument("file")
    imp.add_argument("--user", type=int, required=True, help="Discord user id (or local id)")
    imp.add_argument("--name", default="you", help="the user's name if they are new")
    imp.add_argument("--no-reflection", action="store_true", help="skip the model's reflection")
    imp.set_defaults(func=_import)

    memory = sub.add_parser("memory", help="memory tools")
    msub = memory.add_subparsers(dest="memory_command", required=True)
    ev = msub.add_parser("eval", help="evidence recall@k on a long-conversation dataset")
    ev.add_argument("file")
    ev.add_argument("--k", type=int, default=10)
    ev.add_argument("--json", action="store_true", help="one line of JSON")
    ev.add_argument("--extract", action="store_true",
                    help="also run fact extraction with the configured model")
    ev.add_argument("--embedder", choices=("none", "provider", "local"), default="none")
    ev.set_defaults(func=_memory_eval)

    safety = sub.add_parser("safety", help="safety tools")
    ssub = safety.add_subparsers(dest="safety_command", required=True)
    sev = ssub.add_parser("eval", help="precision/recall of crisis detection on a JSONL set")
    sev.add_argument("file")
    sev.add_argument("--json", action="store_true")
    sev.add_argument("--moderation", action="store_true",
                     help="also use the provider's /v1/moderations")
    sev.add_argument("--semantic", choices=("none", "local"), default="none",
                     help="also use a MiniLM nearest-neighbour signal trained on evals/safety*")
    sev.set_defaults(func=_safety_eval)

    report = sub.add_parser("report", help="figures for reports")
    rsub = report.add_subparsers(dest="report_command", required=True)
    rs = rsub.add_parser("safety", help="yearly crisis-referral counts (no identifiers)")
    rs.add_argument("--year", type=int, required=True)
    rs.set_defaults(func=_report)
