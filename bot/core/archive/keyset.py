"""A compact set of 64-bit keys for de-duplicating within one import.

A Python `set` of ints costs about 70 bytes a key; this open-addressing table in an
`array('Q')` costs 8 bytes a slot at most 70% full (11-23 bytes a key), which is what keeps a
multi-million-message import inside the memory budget. Keys are prefixes of sha256 digests,
so they are already uniformly spread and the low bits serve as the slot.
"""

from __future__ import annotations

import logging
from array import array

log = logging.getLogger(__name__)

_EMPTY = 0
_MASK64 = (1 << 64) - 1


class KeySet:
    """Insert-and-test set of non-negative 64-bit integers (linear probing)."""

    def __init__(self, capacity: int = 1 << 16) -> None:
        size = 1 << max(4, (capacity - 1).bit_length())
        self._slots = array("Q", bytes(8 * size))
        self._mask = size - 1
        self._count = 0
        self._has_zero = False

    def __len__(self) -> int:
        return self._count

    def add(self, key: int) -> bool:
        """Add key; True if it was new, False if it was already present."""
        key &= _MASK64
        if key == _EMPTY:
            if self._has_zero:
                return False
            self._has_zero = True
            self._count += 1
            return True
        slots, mask = self._slots, self._mask
        slot = key & mask
        while True:
            current = slots[slot]
            if current == key:
                return False
            if current == _EMPTY:
                slots[slot] = key
                self._count += 1
                if self._count * 10 > len(slots) * 7:
                    self._grow()
                return True
            slot = (slot + 1) & mask

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, int):
            return False
        key &= _MASK64
        if key == _EMPTY:
            return self._has_zero
        slots, mask = self._slots, self._mask
        slot = key & mask
        while True:
            current = slots[slot]
            if current == key:
                return True
            if current == _EMPTY:
                return False
            slot = (slot + 1) & mask

    def _grow(self) -> None:
        old = self._slots
        size = len(old) * 2
        self._slots = array("Q", bytes(8 * size))
        self._mask = size - 1
        slots, mask = self._slots, self._mask
        for key in old:
            if key != _EMPTY:
                slot = key & mask
                while slots[slot] != _EMPTY:
                    slot = (slot + 1) & mask
                slots[slot] = key
