"""With no font size chosen, text is 12 pt on a wide screen, where 11 pt reads small from a
desk's distance (found at 1920x1080), and 11 pt on a laptop's 1280x720."""

from __future__ import annotations

from PySide6.QtCore import QRect

from interviewprep.ui.app import default_font_pt


class _Screen:
    def __init__(self, width: int, height: int) -> None:
        self._area = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self._area


class _App:
    def __init__(self, width: int, height: int) -> None:
        self._screen = _Screen(width, height)

    def primaryScreen(self) -> _Screen:
        return self._screen


def test_the_default_font_grows_on_a_wide_screen() -> None:
    assert default_font_pt(_App(1280, 720)) == 11  # type: ignore[arg-type]
    assert default_font_pt(_App(1920, 1050)) == 12  # type: ignore[arg-type]
