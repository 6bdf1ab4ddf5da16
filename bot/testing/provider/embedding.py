"""Deterministic text embeddings for the fake provider: a signed, hashed bag of words.

Each content word, crudely stemmed ("walked", "walking" -> "walk"; "dogs" -> "dog"), adds +-1
to four buckets chosen by a stable hash (blake2b, not Python's salted ``hash``); stop words are
dropped unless nothing else is left. The vector is L2-normalised, so a dot product is a cosine
similarity: texts sharing words score high, unrelated texts near zero (|cos| < 0.2 typically).
The same text always gives the same vector, in every process.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

DEFAULT_DIM = 384
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SUFFIXES = ("ing", "ed", "es", "ly", "s")
_MIN_STEM = 3
_HASHES = 4  # buckets per word: a collision between two words then costs a quarter of a match
STOP_WORDS = frozenset(
    """a an the and or but if then so of to in on at by for with from as is am are was were be
    been being it its this that these those i me my we our you your he him his she her they them
    their do does did have has had not no yes just very can will would should could there here
    what which who whom when where why how about into over than too also up out""".split()  # noqa: SIM905
)


def tokens(text: str) -> list[str]:
    """Lower-cased words, apostrophes kept inside words ("don't")."""
    return _TOKEN.findall(text.lower())


def stem(word: str) -> str:
    """Strip one common English suffix, keeping at least three letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _bucket(feature: str, dim: int) -> tuple[int, float]:
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    sign = 1.0 if value & 1 else -1.0
    return (value >> 1) % dim, sign


def hashed_embedding(text: str, dim: int = DEFAULT_DIM) -> npt.NDArray[np.float32]:
    """The fake provider's embedding of ``text``: float32, shape ``(dim,)``, unit length."""
    if dim < 1:
        raise ValueError("dim must be positive")
    words = tokens(text)
    content = [w for w in words if w not in STOP_WORDS] or words
    vec = np.zeros(dim, dtype=np.float64)
    for word in content:
        for k in range(_HASHES):
            index, sign = _bucket(f"{k}:{stem(word)}", dim)
            vec[index] += sign
    norm = float(np.linalg.norm(vec))
    if norm == 0.0:
        # no words at all (punctuation, emoji) or features cancelled out: hash the raw text
        index, sign = _bucket("raw:" + text, dim)
        vec[index] = sign
        norm = 1.0
    return (vec / norm).astype(np.float32)


def token_ids_text(ids: list[int]) -> str:
    """Token-id input (``list[int]``) embedded as the words ``t<id>``."""
    return " ".join(f"t{int(i)}" for i in ids)


def to_base64(vector: npt.NDArray[np.float32]) -> str:
    """Little-endian float32 bytes, base64 — what the API returns for ``encoding_format=base64``."""
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")
