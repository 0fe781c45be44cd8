"""Banks screen (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from interviewprep.services.app import Services
from interviewprep.ui.screens.base import Screen, label
from interviewprep.ui.theme import Theme
from interviewprep.ui.workers import Workers


class BanksScreen(Screen):
    title = "Banks"

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        super().__init__(services, workers, theme)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Banks", "Title"))
        layout.addStretch(1)
