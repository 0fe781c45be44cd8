"""Time spent looking at a card: a stopwatch on an injected clock that can be paused.

The review screen pauses it while the card is not in view (another screen, the window
minimised), so the time recorded with an answer is time spent on the card, not on lunch."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from interviewprep.core.clock import Clock


@dataclass
class Stopwatch:
    clock: Clock
    _banked: timedelta = field(default=timedelta(0), init=False)
    _timing: bool = field(default=False, init=False)
    _paused: bool = field(default=False, init=False)
    _since: datetime | None = field(default=None, init=False)
    """When the current stretch of counting began: set while timing and not paused."""

    @property
    def paused(self) -> bool:
        return self._paused

    def restart(self) -> None:
        """Time from zero; it only counts once resumed if it is paused (a card shown while the
        screen is out of view waits for the user to see it)."""
        self._banked, self._timing = timedelta(0), True
        self._since = None if self._paused else self.clock.now()

    def stop(self) -> None:
        """Back to zero, not counting, until ``restart``."""
        self._banked, self._timing, self._since = timedelta(0), False, None

    def pause(self) -> None:
        if self._since is not None:
            self._banked += self.clock.now() - self._since
        self._paused, self._since = True, None

    def resume(self) -> None:
        if self._paused and self._timing:
            self._since = self.clock.now()
        self._paused = False

    def elapsed(self) -> timedelta:
        running = self.clock.now() - self._since if self._since is not None else timedelta(0)
        return max(timedelta(0), self._banked + running)
