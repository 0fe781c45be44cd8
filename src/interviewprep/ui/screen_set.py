"""The main window's screens, each imported and built the first time it is shown.

At start only the screen on display is built: building all eight cost about a tenth of a second
(Browse alone, 50 ms) before the first figures could show."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from interviewprep.ui.screens.base import Screen


@dataclass(frozen=True)
class ScreenSpec:
    """A sidebar entry: ``name`` is also its module in ``interviewprep.ui.screens``."""

    name: str
    title: str
    keys: str
    class_name: str

    def load(self) -> type[Screen]:
        module = importlib.import_module(f"interviewprep.ui.screens.{self.name}")
        cls = getattr(module, self.class_name)
        assert isinstance(cls, type) and issubclass(cls, Screen)
        screen_class: type[Screen] = cls
        return screen_class


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("today", "Today", "Ctrl+1", "TodayScreen"),
    ScreenSpec("review", "Review", "Ctrl+2", "ReviewScreen"),
    ScreenSpec("design", "System design", "Ctrl+3", "DesignScreen"),
    ScreenSpec("mock", "Mock interview", "Ctrl+4", "MockScreen"),
    ScreenSpec("browse", "Browse", "Ctrl+5", "BrowseScreen"),
    ScreenSpec("progress", "Progress", "Ctrl+6", "ProgressScreen"),
    ScreenSpec("banks", "Banks", "Ctrl+7", "BanksScreen"),
    ScreenSpec("settings", "Settings", "Ctrl+8", "SettingsScreen"),
)


class ScreenSet(Mapping[str, Screen]):
    """Every screen by name; looking one up builds it (with ``build``) if it is not yet."""

    def __init__(self, build: Callable[[ScreenSpec], Screen]) -> None:
        self._build = build
        self._specs = {spec.name: spec for spec in SCREENS}
        self._built: dict[str, Screen] = {}

    def __getitem__(self, name: str) -> Screen:
        screen = self._built.get(name)
        if screen is None:
            screen = self._built[name] = self._build(self._specs[name])
        return screen

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def built(self) -> list[Screen]:
        """The screens built so far, without building the others."""
        return list(self._built.values())
