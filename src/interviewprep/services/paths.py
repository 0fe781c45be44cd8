"""Where data lives and where the bundled banks are."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "interviewprep"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def bundled_banks_dir() -> Path:
    """The banks shipped with the app: in a wheel, or in the source tree for a dev install."""
    packaged = Path(str(resources.files("interviewprep"))) / "_bundled" / "question_banks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "question_banks"


def resources_dir() -> Path:
    packaged = Path(str(resources.files("interviewprep"))) / "_bundled" / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "resources"
