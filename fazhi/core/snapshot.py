"""A small, rarely changed table held in the process: the hot paths (an Open311 POST locating its grid cell and
looking up its service code) read it without a query. Another process sees a change within `ttl` seconds; this
process sees its own changes at once (the owning app forgets the snapshot on save and delete)."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Snapshot(Generic[T]):
    def __init__(self, load: Callable[[], T], ttl: float = 60.0):
        self._load, self._ttl = load, ttl
        self._value: T | None = None
        self._at = float("-inf")

    def get(self) -> T:
        now = time.monotonic()
        if self._value is None or now - self._at > self._ttl:
            self._value, self._at = self._load(), now
        return self._value

    def forget(self, *args, **kwargs) -> None:
        """Also a signal receiver: drop the rows so the next read loads them."""
        self._value = None
