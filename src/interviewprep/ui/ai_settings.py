"""The Settings card for the optional AI feedback: the server, the model, the API key (kept in
the OS keyring by the service, never shown back), a connection test on a worker, and the
first-use notice that says what is sent where. Off until the user turns it on and agrees."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interviewprep.services.ai_feedback import CUSTOM, AiConfig, KeyStatus, load_modules, where
from interviewprep.services.ai_presets import SERVER_PRESETS, WHAT_IS_SENT
from interviewprep.services.app import Services
from interviewprep.ui.dialogs import MessageDialog
from interviewprep.ui.screens.base import label
from interviewprep.ui.widgets.wheel_guard import wheel_only_when_focused
from interviewprep.ui.workers import Workers, describe

if TYPE_CHECKING:
    from interviewprep.services.ai_grader import ConnectionCheck

EXPLANATION = (
    "After you type an answer, a model on a server you run (Ollama, llama.cpp, LM Studio) or "
    "name checks it against the card's key points and quotes your words as evidence. Off "
    "unless you turn it on; the checklist works without it, and your own grade is what counts."
)
TEST_TIMEOUT_S = 15.0
"""Listing models is quick even while a model loads: a connection test need not wait longer."""


def notice_html(endpoint: str) -> str:
    """``WHAT_IS_SENT`` and where that is, with the address kept on one line: wrapped after
    its "http://" it was hard to read as the one place things go."""
    address = endpoint.strip()
    marker = "\x00"
    sent = escape(WHAT_IS_SENT.format(endpoint=marker)).replace(
        marker, f'<b style="white-space: nowrap">{escape(address)}</b>'
    )
    return f"<p>{sent}</p><p>{escape(where(address))}</p>"


class AiNoticeDialog(MessageDialog):
    """What is sent, and where: shown before the feedback is first turned on, and on asking."""

    def __init__(self, parent: QWidget | None, endpoint: str, *, turning_on: bool) -> None:
        buttons: tuple[str, str | None]
        if turning_on:
            title, buttons = "Before you turn on AI feedback", ("Turn on AI feedback", "Not now")
        else:
            title, buttons = "What AI feedback sends", ("OK", None)
        super().__init__(
            parent, title, notice_html(endpoint), accept=buttons[0], cancel=buttons[1], rich=True
        )
        self.setMinimumWidth(560)


class AiFeedbackCard(QFrame):
    """Saves each change at once, as the rest of Settings."""

    saved = Signal()
    tested = Signal()  # a connection test ended (tests wait on it)
    key_checked = Signal()  # the key's status was read or saved (tests wait on it)

    def __init__(self, services: Services, workers: Workers) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.services = services
        self.workers = workers
        self.notice: AiNoticeDialog | None = None
        self._loading = False
        self._testing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        layout.addWidget(label("AI feedback (optional)", "Subtitle"))
        layout.addWidget(label(EXPLANATION, "Muted", wrap=True))
        self.enabled = QCheckBox("Check my typed answers with AI feedback")
        self.enabled.setToolTip("Asks first what is sent where; off by default")
        self.enabled.toggled.connect(self._enabled_toggled)
        layout.addWidget(self.enabled)
        layout.addLayout(self._fields())
        self.key_note = label("", "Muted", wrap=True)
        self.key_note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.key_note)
        buttons = QHBoxLayout()
        self.test_button = QPushButton("Test connection")
        self.test_button.setToolTip("Ask the server for its models (runs in the background)")
        self.test_button.clicked.connect(self.test_connection)
        self.notice_button = QPushButton("What is sent…")
        self.notice_button.setToolTip("Exactly what goes to the server, and where that is")
        self.notice_button.clicked.connect(lambda: self._show_notice(turning_on=False))
        self.forget_key_button = QPushButton("Forget the key")
        self.forget_key_button.setToolTip("Remove the API key from the keyring")
        self.forget_key_button.clicked.connect(lambda: self._save_key(None))
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.forget_key_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.test_note = label("", "Muted", wrap=True)
        self.test_note.setTextFormat(Qt.TextFormat.PlainText)  # model names come from the server
        layout.addWidget(self.test_note)

    def _fields(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.preset = QComboBox()
        for name, url in SERVER_PRESETS.items():
            self.preset.addItem(name, url)
        self.preset.addItem(CUSTOM, None)
        self.preset.setAccessibleName("Server")
        self.preset.setToolTip("Fills in the usual address of each server; Custom for any other")
        self.preset.currentIndexChanged.connect(self._preset_picked)
        wheel_only_when_focused(self.preset)
        self.endpoint = QLineEdit()
        self.endpoint.setAccessibleName("Server address")
        self.endpoint.setPlaceholderText("http://127.0.0.1:11434/v1")
        self.endpoint.setToolTip("The server's OpenAI-compatible address, ending in /v1")
        self.endpoint.editingFinished.connect(self._endpoint_edited)
        self.model = QLineEdit()
        self.model.setAccessibleName("Model")
        self.model.setPlaceholderText("for example qwen2.5:7b-instruct")
        self.model.setToolTip(
            "The model's name as the server knows it (Test connection lists them)"
        )
        self.model.editingFinished.connect(self._save_fields)
        self.api_key = QLineEdit()
        self.api_key.setAccessibleName("API key")
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText("optional: local servers need none")
        self.api_key.setToolTip("Kept in your system keyring, never in interviewprep's data")
        self.api_key.editingFinished.connect(lambda: self._save_key(self.api_key.text()))
        self.timeout = QSpinBox()
        self.timeout.setRange(5, 600)
        self.timeout.setSuffix(" s")
        self.timeout.setAccessibleName("Timeout")
        self.timeout.setToolTip("The longest wait for one answer's feedback")
        self.timeout.setKeyboardTracking(False)
        self.timeout.setMinimumWidth(96)
        wheel_only_when_focused(self.timeout)
        self.timeout.valueChanged.connect(lambda _v: self._save_fields())
        grid.addWidget(label("Server"), 0, 0)
        grid.addWidget(self.preset, 0, 1)
        grid.addWidget(label("Address"), 0, 2)
        grid.addWidget(self.endpoint, 0, 3)
        grid.addWidget(label("Model"), 1, 0)
        grid.addWidget(self.model, 1, 1)
        grid.addWidget(label("API key"), 1, 2)
        grid.addWidget(self.api_key, 1, 3)
        grid.addWidget(label("Timeout"), 2, 0)
        grid.addWidget(self.timeout, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        return grid

    # -- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        """Show the saved settings without saving them back; the key's status is read on a
        worker (a keyring can wait for the user to unlock it)."""
        config = self.services.ai_feedback.config()
        self._loading = True
        try:
            self.enabled.setChecked(config.enabled and config.notice_accepted)
            index = self.preset.findText(config.preset)
            self.preset.setCurrentIndex(index if index >= 0 else self.preset.count() - 1)
            self.endpoint.setText(config.endpoint)
            self.model.setText(config.model)
            self.timeout.setValue(round(config.timeout_s))
        finally:
            self._loading = False
        keys = self.services.ai_feedback.keys
        load_modules()  # here, not on the worker: see load_modules
        self.workers.start_latest("ai-key-status", keys.status, self._show_key, self._key_failed)

    # -- saving ---------------------------------------------------------------------------------

    def _config(self) -> AiConfig:
        """The saved settings with what the fields show."""
        return replace(
            self.services.ai_feedback.config(),
            preset=self.preset.currentText(),
            endpoint=self.endpoint.text().strip(),
            model=self.model.text().strip(),
            timeout_s=float(self.timeout.value()),
        )

    def _save_fields(self) -> None:
        if self._loading:
            return
        self.services.ai_feedback.save(self._config())
        self.saved.emit()

    def _preset_picked(self, _index: int) -> None:
        url = self.preset.currentData()
        if url and not self._loading:
            self.endpoint.setText(url)
        self._save_fields()

    def _endpoint_edited(self) -> None:
        # an address typed by hand that is no preset's is Custom
        typed = self.endpoint.text().strip()
        if self.preset.currentData() != typed:
            matching = self.preset.findData(typed)
            self._loading = True
            self.preset.setCurrentIndex(matching if matching >= 0 else self.preset.count() - 1)
            self._loading = False
        self._save_fields()

    def _enabled_toggled(self, on: bool) -> None:
        if self._loading:
            return
        config = self.services.ai_feedback.config()
        if on and not config.notice_accepted:
            self._show_notice(turning_on=True)
            return
        self.services.ai_feedback.save(replace(self._config(), enabled=on))
        self.saved.emit()

    def _show_notice(self, *, turning_on: bool) -> None:
        dialog = AiNoticeDialog(self, self.endpoint.text(), turning_on=turning_on)
        if turning_on:
            dialog.finished.connect(self._notice_answered)
        self.notice = dialog
        dialog.open()

    def _notice_answered(self, result: int) -> None:
        accepted = result == QDialog.DialogCode.Accepted
        if accepted:
            config = replace(self._config(), enabled=True, notice_accepted=True)
            self.services.ai_feedback.save(config)
            self.saved.emit()
        else:
            self._loading = True
            self.enabled.setChecked(False)
            self._loading = False

    # -- the key --------------------------------------------------------------------------------

    def _save_key(self, key: str | None) -> None:
        if key is not None and not key.strip():
            return  # leaving the empty field keeps the saved key: Forget removes it
        keys = self.services.ai_feedback.keys
        load_modules()
        self.api_key.clear()  # the key is never shown back, not even as dots
        self.key_note.setText("Saving the key…")
        self.workers.start_latest(
            "ai-key-status", lambda: keys.save(key), self._show_key, self._key_failed
        )

    def _show_key(self, status: KeyStatus) -> None:
        self.key_note.setText(status.message)
        if status.saved:
            hint = "a key is saved: type another to replace it"
        elif status.persistent:
            hint = "optional: local servers need none"
        else:
            hint = "optional (no keyring here: kept for this session only)"
        self.api_key.setPlaceholderText(hint)
        self.forget_key_button.setVisible(status.saved)
        self.key_checked.emit()

    def _key_failed(self, error: Exception) -> None:
        self.key_note.setText(f"Could not reach the keyring: {describe(error)}")
        self.key_checked.emit()

    # -- connection test ------------------------------------------------------------------------

    def test_connection(self) -> None:
        config = self._config()
        config = replace(config, timeout_s=min(config.timeout_s, TEST_TIMEOUT_S))
        service = self.services.ai_feedback
        typed_key = self.api_key.text()
        load_modules()
        self._testing = True
        self.test_button.setEnabled(False)
        self.test_note.setObjectName("Muted")
        self.test_note.setText(f"Testing {config.endpoint}…")
        self._restyle(self.test_note)
        self.workers.start(
            lambda: service.grader(config, typed_key).test_connection(),
            self._tested,
            self._test_failed,
            label="testing the AI server",
        )

    def _tested(self, check: ConnectionCheck) -> None:
        self._end_test(check.message, ok=check.model_found is not False)

    def _test_failed(self, error: Exception) -> None:
        self._end_test(f"Connection failed: {describe(error)}.", ok=False)

    def _end_test(self, text: str, *, ok: bool) -> None:
        self._testing = False
        self.test_note.setText(text)
        self.test_note.setObjectName("Muted" if ok else "Error")
        self._restyle(self.test_note)
        self.test_button.setEnabled(True)
        self.tested.emit()

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
