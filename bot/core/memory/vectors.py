"""In-memory cosine search over one user's vectors, and a bounded LRU cache of such indexes.

Vectors are stored in the database as float32 little-endian blobs (:func:`to_blob` /
:func:`from_blob`); a :class:`VectorIndex` holds one user's rows as a contiguous float32 matrix,
L2-normalised once on insert, so a query is one matrix-vector product plus ``argpartition``.
At 10,000 x 384 that is ~15 MB and about 0.25 ms per query on an idle core here (measurement
and caveats in ``evals/memory/README.md``; a relative guard in ``tests/test_memory_primitives.py``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

log = logging.getLogger(__name__)

Id = TypeVar("Id", bound=Hashable)
U = TypeVar("U", bound=Hashable)

_BLOB_DTYPE = np.dtype("<f4")


def to_blob(vec: ArrayLike) -> bytes:
    """Serialise one vector as float32 little-endian bytes (4 bytes per dimension)."""
    arr = np.asarray(vec, dtype=_BLOB_DTYPE)
    if arr.ndim != 1:
        raise ValueError(f"expected a 1-D vector, got shape {arr.shape}")
    return arr.tobytes()


def from_blob(blob: bytes | bytearray | memoryview, dim: int) -> NDArray[np.float32]:
    """Inverse of :func:`to_blob`; checks the length against ``dim``. Returns a writable copy."""
    if len(blob) != dim * _BLOB_DTYPE.itemsize:
        raise ValueError(f"blob has {len(blob)} bytes, expected {dim * _BLOB_DTYPE.itemsize}")
    return np.frombuffer(blob, dtype=_BLOB_DTYPE).astype(np.float32, copy=True)


def from_blobs(blobs: Sequence[bytes | bytearray | memoryview], dim: int) -> NDArray[np.float32]:
    """Many blobs at once into an ``(n, dim)`` float32 matrix (for loading an index)."""
    expected = dim * _BLOB_DTYPE.itemsize
    for i, blob in enumerate(blobs):
        if len(blob) != expected:
            raise ValueError(f"blob {i} has {len(blob)} bytes, expected {expected}")
    if not blobs:
        return np.empty((0, dim), dtype=np.float32)
    joined = b"".join(bytes(b) for b in blobs)
    return np.frombuffer(joined, dtype=_BLOB_DTYPE).astype(np.float32).reshape(len(blobs), dim)


def _normalise_rows(mat: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    np.maximum(norms, np.float32(1e-12), out=norms)  # zero vectors stay zero: cosine 0
    out: NDArray[np.float32] = (mat / norms).astype(np.float32, copy=False)
    return out


class VectorIndex(Generic[Id]):
    """Cosine-similarity index: ids plus an L2-normalised float32 matrix with spare capacity.

    ``add`` upserts (an existing id gets its vector replaced); ``remove`` swaps the last row into
    the hole, so row order is not insertion order. Not thread-safe; use it from one event loop.
    """

    def __init__(self, dim: int, *, capacity: int = 64) -> None:
        if dim <= 0:
            raise ValueError("dim must be positive")
        self.dim = dim
        self._mat = np.zeros((max(1, capacity), dim), dtype=np.float32)
        self._ids: list[Id] = []
        self._row: dict[Id, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, key: object) -> bool:
        return key in self._row

    @property
    def ids(self) -> list[Id]:
        return list(self._ids)

    @property
    def nbytes(self) -> int:
        """Bytes held by the matrix, spare capacity included."""
        return int(self._mat.nbytes)

    def vector(self, key: Id) -> NDArray[np.float32]:
        """The stored (normalised) vector for ``key``; KeyError if absent."""
        row: NDArray[np.float32] = self._mat[self._row[key]].copy()
        return row

    def _reserve(self, n: int) -> None:
        if n <= self._mat.shape[0]:
            return
        cap = max(n, self._mat.shape[0] * 3 // 2 + 1)
        grown = np.zeros((cap, self.dim), dtype=np.float32)
        grown[: len(self._ids)] = self._mat[: len(self._ids)]
        self._mat = grown

    def add(self, ids: Sequence[Id], vectors: ArrayLike) -> None:
        """Insert or replace rows. ``vectors`` is ``(len(ids), dim)``; ids must be unique."""
        mat = np.asarray(vectors, dtype=np.float32)
        if mat.ndim == 1 and len(ids) == 1:
            mat = mat.reshape(1, -1)
        if mat.ndim != 2 or mat.shape != (len(ids), self.dim):
            raise ValueError(f"expected vectors of shape ({len(ids)}, {self.dim}), got {mat.shape}")
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate ids in one add() call")
        if not np.all(np.isfinite(mat)):
            raise ValueError("vectors contain NaN or infinity")
        normed = _normalise_rows(mat)
        new = sum(1 for key in ids if key not in self._row)
        self._reserve(len(self._ids) + new)
        for key, row_vec in zip(ids, normed, strict=True):
            row = self._row.get(key)
            if row is None:
                row = len(self._ids)
                self._ids.append(key)
                self._row[key] = row
            self._mat[row] = row_vec

    def remove(self, ids: Iterable[Id]) -> int:
        """Remove ids that are present; returns how many were removed."""
        removed = 0
        for key in ids:
            row = self._row.pop(key, None)
            if row is None:
                continue
            last = len(self._ids) - 1
            if row != last:
                moved = self._ids[last]
                self._ids[row] = moved
                self._row[moved] = row
                self._mat[row] = self._mat[last]
            self._ids.pop()
            removed += 1
        if removed and self._mat.shape[0] > 256 and len(self._ids) < self._mat.shape[0] // 4:
            self._mat = self._mat[: max(64, len(self._ids) * 2)].copy()  # give memory back
        return removed

    def search(
        self,
        query_vec: ArrayLike,
        k: int,
        *,
        only: Collection[Id] | None = None,
    ) -> list[tuple[Id, float]]:
        """Top-``k`` ``(id, cosine)`` best first. ``only`` restricts the search to those ids
        (e.g. the memories visible in the current scope); unknown ids in it are ignored."""
        n = len(self._ids)
        if k <= 0 or n == 0:
            return []
        q = np.asarray(query_vec, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dim:
            raise ValueError(f"query has dim {q.shape[0]}, index has {self.dim}")
        norm = float(np.linalg.norm(q))
        if norm == 0.0 or not np.isfinite(norm):
            return []
        q = q / np.float32(norm)
        if only is not None:
            rows = np.fromiter((self._row[key] for key in only if key in self._row), dtype=np.intp)
            if rows.size == 0:
                return []
            scores = self._mat[rows] @ q
        else:
            rows = None
            scores = self._mat[:n] @ q
        m = scores.shape[0]
        if k < m:
            top = np.argpartition(scores, m - k)[m - k :]
        else:
            top = np.arange(m)
        # Sort best first; equal scores fall back to row order so results are reproducible.
        top = top[np.lexsort((top, -scores[top]))]
        picked = rows[top] if rows is not None else top
        return [(self._ids[int(r)], float(s)) for r, s in zip(picked, scores[top], strict=True)]


class VectorCache(Generic[U, Id]):
    """LRU of per-user :class:`VectorIndex` objects bounded by the total number of vectors.

    Sizes are re-read whenever an entry is put or fetched, so growth of a cached index through
    ``add`` is accounted for at its next use. An index bigger than the whole budget is not kept.
    ``get_or_load`` coalesces concurrent loads of the same user into one loader call.
    """

    def __init__(self, max_vectors: int) -> None:
        if max_vectors <= 0:
            raise ValueError("max_vectors must be positive")
        self.max_vectors = max_vectors
        self._entries: OrderedDict[U, VectorIndex[Id]] = OrderedDict()
        self._sizes: dict[U, int] = {}
        self._total = 0
        self._loading: dict[U, asyncio.Future[VectorIndex[Id]]] = {}
        self.hits = 0
        self.misses = 0
        self.evictions = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, user_id: object) -> bool:
        return user_id in self._entries

    @property
    def total_vectors(self) -> int:
        return self._total

    def _account(self, user_id: U, index: VectorIndex[Id]) -> None:
        size = len(index)
        self._total += size - self._sizes.get(user_id, 0)
        self._sizes[user_id] = size

    def _trim(self, keep: U) -> None:
        """Keep ``keep`` (the entry just used) unless it alone exceeds the budget; then evict
        least recently used entries until the total fits."""
        if self._sizes.get(keep, 0) > self.max_vectors:
            log.info("vector index of %s exceeds the cache budget; not cached", keep)
            self._drop(keep)
        while self._total > self.max_vectors:
            victim = next(iter(self._entries))
            self._drop(victim)
            self.evictions += 1

    def _drop(self, user_id: U) -> None:
        self._entries.pop(user_id, None)
        self._total -= self._sizes.pop(user_id, 0)

    def get(self, user_id: U) -> VectorIndex[Id] | None:
        index = self._entries.get(user_id)
        if index is None:
            self.misses += 1
            return None
        self.hits += 1
        self._entries.move_to_end(user_id)
        self._account(user_id, index)
        self._trim(keep=user_id)
        return self._entries.get(user_id, index)

    def put(self, user_id: U, index: VectorIndex[Id]) -> None:
        self._entries[user_id] = index
        self._entries.move_to_end(user_id)
        self._account(user_id, index)
        self._trim(keep=user_id)

    def invalidate(self, user_id: U) -> None:
        """Forget one user's index (after "forget everything", or when the embedder changes)."""
        self._drop(user_id)

    def clear(self) -> None:
        self._entries.clear()
        self._sizes.clear()
        self._total = 0

    async def get_or_load(
        self, user_id: U, loader: Callable[[], Awaitable[VectorIndex[Id]]]
    ) -> VectorIndex[Id]:
        """Cached index, or ``await loader()`` once however many callers ask at the same time."""
        index = self.get(user_id)
        if index is not None:
            return index
        pending = self._loading.get(user_id)
        if pending is not None:
            return await asyncio.shield(pending)
        fut: asyncio.Future[VectorIndex[Id]] = asyncio.get_running_loop().create_future()
        self._loading[user_id] = fut
        try:
            index = await loader()
        except asyncio.CancelledError:
            fut.cancel()
            raise
        except BaseException as exc:
            fut.set_exception(exc)
            fut.exception()  # mark retrieved so a lone failure is not logged as unhandled
            raise
        finally:
            self._loading.pop(user_id, None)
        fut.set_result(index)
        self.put(user_id, index)
        return index
