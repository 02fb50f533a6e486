"""A target's time budget: stages ask it before taking new work and record what they left."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Budget:
    """Seconds one target may take (None: no limit), counted from creation. Once they are
    spent, stages take no new work: pages are not fetched or extracted, lines not parsed;
    what they leave is counted under a name ("pages", "lines") for the dossier's note."""

    def __init__(self, seconds: float | None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.started = clock()
        self.left: dict[str, int] = {}

    def spent(self) -> bool:
        return self.seconds is not None and self.clock() - self.started >= self.seconds

    def leave(self, what: str, count: int = 1) -> None:
        if count:
            self.left[what] = self.left.get(what, 0) + count

    def take(self, items: Iterable[T], what: str) -> Iterator[T]:
        """The items, until the budget is spent; the rest are counted as left."""
        rest = iter(items)
        for item in rest:
            if self.spent():
                self.leave(what, 1 + sum(1 for _ in rest))
                return
            yield item

    @property
    def stopped(self) -> bool:
        return bool(self.left)

    def note(self) -> str | None:
        """'stopped after 300 s: 2 pages not read, 1,840 lines not parsed', or None."""
        if not self.left:
            return None
        verbs = {"pages": "not read", "lines": "not parsed"}
        parts = [f"{count:,} {what} {verbs.get(what, 'left')}"
                 for what, count in self.left.items()]
        return (f"stopped after {self.seconds:g} s (limits.target_seconds): "
                + ", ".join(parts))
