"""Token counting for prompt budgets.

tiktoken is used when it is installed *and* its encoding files are already cached locally;
it downloads them on first use, which fails offline, so we never let that block a reply.
Otherwise we use a documented estimate: ceil(chars / 4) for Latin text, which OpenAI gives as
the rule of thumb for English, and one token per CJK character. The estimate errs high for
ordinary prose, so budgets built on it stay within the real context window.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from functools import lru_cache

log = logging.getLogger(__name__)

_encoder: Callable[[str], int] | None = None
_tried = False


def _load_tiktoken() -> Callable[[str], int] | None:
    try:
        import tiktoken  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        enc = tiktoken.get_encoding("o200k_base")
    except Exception:  # offline: encoding files cannot be fetched
        log.info("tiktoken encodings unavailable offline; using the chars/4 estimate")
        return None
    return lambda text: len(enc.encode(text, disallowed_special=()))


def _is_wide(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF


@lru_cache(maxsize=4096)
def estimate_tokens(text: str) -> int:
    """Estimate: wide (CJK) chars count one each, everything else four chars a token."""
    if not text:
        return 0
    wide = sum(1 for ch in text if _is_wide(ch)) if not text.isascii() else 0
    return wide + math.ceil((len(text) - wide) / 4)


def count_tokens(text: str) -> int:
    """Tokens in `text`: exact with a cached tiktoken encoding, else the estimate."""
    global _encoder, _tried  # noqa: PLW0603 - a lazily loaded, immutable codec cache
    if not _tried:
        _tried = True
        _encoder = _load_tiktoken()
    if _encoder is not None:
        return _encoder(text)
    return estimate_tokens(text)


# Per-message overhead of the chat format (role markers etc.), as in OpenAI's cookbook.
MESSAGE_OVERHEAD = 4


def count_message_tokens(role: str, content: str) -> int:
    return MESSAGE_OVERHEAD + count_tokens(role) + count_tokens(content)
