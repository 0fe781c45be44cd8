"""What an operation changed, so each screen refreshes only what it shows of that, and not
at all for a change it made itself (as Anki's ``OpChanges``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OpChanges:
    """Which kinds of data one operation changed, and who asked for it."""

    queues: bool = False
    """Which cards are due, new or suspended: today's counts and queues."""
    card: bool = False
    """A card's own fields: its state, note or flag."""
    banks: bool = False
    """Which banks and questions are installed."""
    settings: bool = False
    """Settings the study figures follow: presets, limits, personal parameters."""
    history: bool = False
    """The review log: statistics and progress."""
    initiator: object | None = field(default=None, compare=False)
    """The screen (or other caller) that made the change; None when no one said. It has shown
    the change already and ignores it."""

    def settings_only(self) -> bool:
        """Whether only settings changed: cards, queues and history are as they were."""
        return self.settings and not (self.queues or self.card or self.banks or self.history)


ChangeListener = Callable[[OpChanges], None]


def answered(initiator: object | None) -> OpChanges:
    """An answer, or an answer taken back: the card, the queues and the review log."""
    return OpChanges(queues=True, card=True, history=True, initiator=initiator)


PROGRESS_CHANGED = OpChanges(queues=True, card=True)
"""Cards' progress changed (suspended, reset, edited in bulk), by no one in particular."""
