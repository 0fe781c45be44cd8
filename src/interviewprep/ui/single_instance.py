"""One app window per data folder: a second launch brings the first to the front and exits.

Two windows writing the same review history would be safe for SQLite but confusing for the user
(each would show stale counts), so the app holds a lock file in the data folder and listens on a
local socket; a second instance asks the first to show itself.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "interviewprep.lock"
_ACTIVATE = b"activate\n"


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"interviewprep-{digest}"


class SingleInstance(QObject):
    """Holds the data folder's lock while the app runs; emits ``activate`` when another launch
    on the same folder asks this window to come forward."""

    activate = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True)
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # a lock left by a crashed app is detected by its pid
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True if this is the only instance on the folder (and it now listens for others)."""
        if not self._lock.tryLock(200):
            return False
        QLocalServer.removeServer(self._name)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._name)
        return True

    def ask_first_to_activate(self, timeout_ms: int = 1000) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(_ACTIVATE)
        ok = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return ok

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _on_connection(self) -> None:
        assert self._server is not None
        socket = self._server.nextPendingConnection()
        if socket is None:
            return
        # The other launch writes at once; a short blocking read keeps no socket alive in a
        # closure that could outlive the server.
        arrived = bool(socket.bytesAvailable()) or socket.waitForReadyRead(500)
        if arrived and bytes(socket.readAll().data()).startswith(_ACTIVATE.strip()):
            self.activate.emit()
        socket.disconnectFromServer()
        socket.deleteLater()
