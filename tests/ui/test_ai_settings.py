"""Settings > AI feedback (optional): off until the user agrees to what is sent where, a
connection test that says what it found, and an API key that lives in the keyring only."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.services.ai_feedback import KEYRING_SERVICE, KEYRING_USER
from interviewprep.ui.ai_settings import AiFeedbackCard
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.settings import SettingsScreen
from tests.fake_openai import FakeServer, MemoryKeyring, closed_port_url

SECRET = "sk-test-0123456789-very-secret"


def shown(html: str) -> str:
    """A rich-text label's words as the user reads them."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def ai_card(window: MainWindow, qtbot: QtBot) -> AiFeedbackCard:
    window.show_screen("settings")
    screen = window.screens["settings"]
    assert isinstance(screen, SettingsScreen)
    card = screen.ai_feedback
    qtbot.waitUntil(lambda: bool(card.key_note.text()))  # the key's status, read on a worker
    return card


def type_into(qtbot: QtBot, field: object, text: str) -> None:
    from PySide6.QtWidgets import QLineEdit

    assert isinstance(field, QLineEdit)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def point_at(qtbot: QtBot, card: AiFeedbackCard, url: str, model: str = "tiny") -> None:
    type_into(qtbot, card.endpoint, url)
    type_into(qtbot, card.model, model)


def test_it_is_off_by_default(window: MainWindow, qtbot: QtBot) -> None:
    card = ai_card(window, qtbot)
    assert not card.enabled.isChecked()
    assert not window.services.ai_feedback.available()
    assert card.preset.currentText() == "Ollama"
    assert card.endpoint.text() == "http://127.0.0.1:11434/v1"


def test_turning_it_on_shows_what_is_sent_where_and_needs_a_yes_once(
    window: MainWindow, qtbot: QtBot
) -> None:
    card = ai_card(window, qtbot)
    service = window.services.ai_feedback
    qtbot.mouseClick(card.enabled, Qt.MouseButton.LeftButton)
    notice = card.notice
    assert notice is not None
    qtbot.waitUntil(notice.isVisible)
    text = shown(notice.text())
    assert (
        "sends the question, its reference answer, its key points and the answer you typed "
        "to http://127.0.0.1:11434/v1" in text
    )
    assert "this computer" in text and "nothing leaves the machine" in text
    assert notice.cancel_button is not None
    qtbot.mouseClick(notice.cancel_button, Qt.MouseButton.LeftButton)
    assert not card.enabled.isChecked()
    assert not service.config().enabled and not service.config().notice_accepted

    qtbot.mouseClick(card.enabled, Qt.MouseButton.LeftButton)
    notice = card.notice
    assert notice is not None
    qtbot.waitUntil(notice.isVisible)
    qtbot.mouseClick(notice.accept_button, Qt.MouseButton.LeftButton)
    assert card.enabled.isChecked()
    assert service.config().enabled and service.config().notice_accepted

    # off and on again: the notice is not asked again
    qtbot.mouseClick(card.enabled, Qt.MouseButton.LeftButton)
    assert not service.config().enabled
    card.notice = None
    qtbot.mouseClick(card.enabled, Qt.MouseButton.LeftButton)
    assert card.notice is None and service.config().enabled


def test_the_notice_names_another_computer_when_the_address_is_not_this_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    card = ai_card(window, qtbot)
    type_into(qtbot, card.endpoint, "http://gpu-box.lan:8080/v1")
    assert card.preset.currentText() == "Custom"
    qtbot.mouseClick(card.enabled, Qt.MouseButton.LeftButton)
    assert card.notice is not None
    text = shown(card.notice.text())
    assert "to http://gpu-box.lan:8080/v1" in text
    assert "another computer (gpu-box.lan)" in text and "not encrypted" in text
    card.notice.reject()


def test_a_preset_fills_in_its_address(window: MainWindow, qtbot: QtBot) -> None:
    card = ai_card(window, qtbot)
    card.preset.setFocus()
    while card.preset.currentText() != "LM Studio":
        qtbot.keyClick(card.preset, Qt.Key.Key_Down)
    assert card.endpoint.text() == "http://127.0.0.1:1234/v1"
    assert window.services.ai_feedback.config().endpoint == "http://127.0.0.1:1234/v1"
    assert window.services.ai_feedback.config().preset == "LM Studio"


def test_test_connection_says_the_model_is_there(
    window: MainWindow, qtbot: QtBot, llm_server: FakeServer
) -> None:
    card = ai_card(window, qtbot)
    point_at(qtbot, card, llm_server.url)
    with qtbot.waitSignal(card.tested, timeout=10_000):
        qtbot.mouseClick(card.test_button, Qt.MouseButton.LeftButton)
        assert not card.test_button.isEnabled()  # running on a worker, the window is free
    assert card.test_note.text() == ("Connected: the server answers and offers the model 'tiny'.")
    assert card.test_note.objectName() == "Muted" and card.test_button.isEnabled()


@pytest.mark.parametrize(
    ("scenario", "model", "says"),
    [
        ("valid", "llama-70b", "offers no model 'llama-70b'. It has: qwen3, tiny"),
        ("http401", "tiny", "Connection failed: the server refused the request (HTTP 401)"),
        ("http500", "tiny", "Connection failed: the server failed (HTTP 500)"),
    ],
)
def test_test_connection_says_what_went_wrong(
    window: MainWindow,
    qtbot: QtBot,
    llm_server: FakeServer,
    scenario: str,
    model: str,
    says: str,
) -> None:
    card = ai_card(window, qtbot)
    llm_server.scenario = scenario
    point_at(qtbot, card, llm_server.url, model)
    with qtbot.waitSignal(card.tested, timeout=10_000):
        qtbot.mouseClick(card.test_button, Qt.MouseButton.LeftButton)
    assert says in card.test_note.text()
    assert card.test_note.objectName() == "Error"


def test_test_connection_to_nothing_says_it_is_refused(window: MainWindow, qtbot: QtBot) -> None:
    card = ai_card(window, qtbot)
    point_at(qtbot, card, closed_port_url())
    with qtbot.waitSignal(card.tested, timeout=10_000):
        qtbot.mouseClick(card.test_button, Qt.MouseButton.LeftButton)
    assert "Connection failed: nothing answers at http://127.0.0.1:" in card.test_note.text()
    assert "refused" in card.test_note.text().lower()


def files_holding(folder: Path, secret: str) -> list[Path]:
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and secret.encode() in path.read_bytes()
    ]


def test_the_api_key_goes_to_the_keyring_and_never_into_the_data_folder(
    window: MainWindow,
    qtbot: QtBot,
    llm_server: FakeServer,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    card = ai_card(window, qtbot)
    point_at(qtbot, card, llm_server.url)
    assert "No key saved" in card.key_note.text()
    with qtbot.waitSignal(card.key_checked, timeout=5000):
        type_into(qtbot, card.api_key, SECRET)
    assert memory_keyring.passwords[(KEYRING_SERVICE, KEYRING_USER)] == SECRET
    assert "saved in your system keyring" in card.key_note.text()
    assert card.api_key.text() == ""  # never shown back
    assert "a key is saved" in card.api_key.placeholderText()
    # the saved key is what the server is sent
    with qtbot.waitSignal(card.tested, timeout=10_000):
        qtbot.mouseClick(card.test_button, Qt.MouseButton.LeftButton)
    assert llm_server.headers[-1]["Authorization"] == f"Bearer {SECRET}"
    # nowhere in the database (its WAL too), the settings or anything else the app wrote
    window.services.settings.set("ui.touch", 1)  # one more write, through the same database
    database = window.services.db.path
    assert database.exists() and database.read_bytes()
    assert files_holding(window.services.data_dir, SECRET) == []
    assert files_holding(tmp_path, SECRET) == []
    assert SECRET not in repr(window.services.ai_feedback.config())
    # and Forget removes it
    with qtbot.waitSignal(card.key_checked, timeout=5000):
        qtbot.mouseClick(card.forget_key_button, Qt.MouseButton.LeftButton)
    assert (KEYRING_SERVICE, KEYRING_USER) not in memory_keyring.passwords
    assert "No key saved" in card.key_note.text()


def test_without_a_keyring_the_key_is_for_this_session_only(
    window: MainWindow, qtbot: QtBot, llm_server: FakeServer, tmp_path: Path
) -> None:
    keyring.set_keyring(fail.Keyring())  # as on CI: no backend at all
    card = ai_card(window, qtbot)
    assert "No system keyring is available here, so a key cannot be saved" in card.key_note.text()
    assert "session only" in card.key_note.text()
    assert "kept for this session only" in card.api_key.placeholderText()
    point_at(qtbot, card, llm_server.url)
    with qtbot.waitSignal(card.key_checked, timeout=5000):
        type_into(qtbot, card.api_key, SECRET)
    assert "this one is used for this session only" in card.key_note.text()
    with qtbot.waitSignal(card.tested, timeout=10_000):
        qtbot.mouseClick(card.test_button, Qt.MouseButton.LeftButton)
    assert llm_server.headers[-1]["Authorization"] == f"Bearer {SECRET}"
    assert files_holding(tmp_path, SECRET) == []
