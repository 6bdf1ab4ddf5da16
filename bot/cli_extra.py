"""Evaluation, import and report subcommands of `os1` (kept apart from the run path)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the subcommands that exist so far."""
    return None
