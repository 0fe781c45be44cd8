"""The optional AI feedback as the user set it up: which server and model, whether they agreed
to what is sent, and the API key, which lives in the OS keyring and nowhere else.

The key never goes into the database (nor so into backups), the settings or a log line. Where
the system has no keyring (a headless machine, CI), a key can still be used, for this session
only, and the Settings card says so.
"""

from __future__ import annotations

import contextlib
import threading
import urllib.parse
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from interviewprep.core.errors import Cancelled
from interviewprep.services.ai_presets import DEFAULT_TIMEOUT_S, SERVER_PRESETS, WHAT_IS_SENT
from interviewprep.services.settings import SettingsService

if TYPE_CHECKING:
    # loaded on first use, in a worker: keyring scans its backends, the grader brings pydantic
    import keyring.backend

    from interviewprep.services.ai_grader import AnswerGrader, GraderReport, KeyPointLike

CUSTOM = "Custom"
SETTING = "ai_feedback"
KEYRING_SERVICE = "interviewprep"
KEYRING_USER = "ai-feedback-api-key"


def load_modules() -> None:
    """Import the grader (pydantic, http.client) and keyring with its backend now, on the
    calling thread. The GUI calls it before it hands a request to a worker, as it does
    ``library.load_readers`` for bank reading: imported on a worker while the GUI thread
    imports modules of its own, pydantic can be found half initialised behind PySide6's import
    hook. Once loaded (some 0.15 s, once a process), a worker imports nothing."""
    import keyring
    import keyring.errors
    from keyring.backends import fail  # noqa: F401

    import interviewprep.services.ai_grader  # noqa: F401

    keyring.get_keyring()  # picks its backend, importing it, once


@dataclass(frozen=True)
class AiConfig:
    enabled: bool = False
    preset: str = "Ollama"  # a SERVER_PRESETS name, or CUSTOM
    endpoint: str = SERVER_PRESETS["Ollama"]
    model: str = ""
    timeout_s: float = DEFAULT_TIMEOUT_S
    notice_accepted: bool = False  # the first-use notice, accepted once

    @property
    def configured(self) -> bool:
        return bool(self.endpoint.strip() and self.model.strip())

    @classmethod
    def from_setting(cls, value: Any) -> AiConfig:
        if not isinstance(value, dict):
            return cls()
        known = {k: v for k, v in value.items() if k in cls.__dataclass_fields__}
        try:
            config = cls(**known)
            return replace(config, timeout_s=max(0.1, min(600.0, float(config.timeout_s))))
        except (TypeError, ValueError):  # a setting edited by hand: start over, switched off
            return cls()


@dataclass(frozen=True)
class KeyStatus:
    """Where the API key is kept, in words for the Settings card."""

    saved: bool  # a key is there to use
    persistent: bool  # in the OS keyring (else for this session only)
    message: str


class ApiKeyStore:
    """The API key in the OS keyring; where there is none, in this process only. Calls can
    wait on the keyring (an unlock prompt): make them from a worker."""

    def __init__(self) -> None:
        self._session_key: str | None = None
        self._lock = threading.Lock()

    @staticmethod
    def _backend() -> keyring.backend.KeyringBackend | None:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        return None if isinstance(backend, fail.Keyring) else backend

    def load(self) -> str | None:
        import keyring.errors

        with self._lock:
            if self._session_key is not None:
                return self._session_key
        backend = self._backend()
        if backend is None:
            return None
        try:
            return backend.get_password(KEYRING_SERVICE, KEYRING_USER)
        except keyring.errors.KeyringError:
            return None

    def save(self, key: str | None) -> KeyStatus:
        """Keep ``key`` (None or empty: forget it) and say where it went."""
        import keyring.errors

        key = (key or "").strip() or None
        backend = self._backend()
        if backend is not None:
            try:
                if key is None:
                    self._forget(backend)
                else:
                    backend.set_password(KEYRING_SERVICE, KEYRING_USER, key)
                with self._lock:
                    self._session_key = None
                return self.status(key)
            except keyring.errors.KeyringError:
                pass  # a keyring that is locked or refuses: fall back to this session
        with self._lock:
            self._session_key = key
        return self._session_status(key is not None)

    def status(self, key: str | None = None) -> KeyStatus:
        """Whether a key is saved, and where (reads the keyring unless given ``key``)."""
        import keyring.errors

        with self._lock:
            if self._session_key is not None:
                return self._session_status(True)
        backend = self._backend()
        if backend is None:
            return self._session_status(False)
        try:
            present = key is not None or backend.get_password(KEYRING_SERVICE, KEYRING_USER)
        except keyring.errors.KeyringError:
            return self._session_status(False)
        name = getattr(backend, "name", type(backend).__name__)
        if present:
            return KeyStatus(True, True, f"A key is saved in your system keyring ({name}).")
        return KeyStatus(False, True, f"No key saved. A key you type is kept in {name}.")

    @staticmethod
    def _session_status(saved: bool) -> KeyStatus:
        why = "No system keyring is available here, so a key cannot be saved"
        if saved:
            return KeyStatus(True, False, f"{why}: this one is used for this session only.")
        return KeyStatus(False, False, f"{why}; one you type is used for this session only.")

    @staticmethod
    def _forget(backend: keyring.backend.KeyringBackend) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):  # nothing was saved
            backend.delete_password(KEYRING_SERVICE, KEYRING_USER)


def where(endpoint: str) -> str:
    """Whose computer ``endpoint`` is, as far as its address tells."""
    parts = urllib.parse.urlsplit(endpoint.strip())
    host = (parts.hostname or "").lower()
    if host in ("localhost", "::1") or host.startswith("127."):
        return (
            "That address is this computer: the answer goes to a server running here, and "
            "nothing leaves the machine."
        )
    plain = " The connection is not encrypted (http)." if parts.scheme == "http" else ""
    return (
        f"That address is another computer ({host or endpoint}): whoever runs it can read "
        f"what is sent, and may keep it.{plain}"
    )


class AiFeedbackService:
    """The AI feedback settings, and graders built from them."""

    def __init__(self, settings: SettingsService, keys: ApiKeyStore | None = None) -> None:
        self._settings = settings
        self.keys = keys or ApiKeyStore()

    def config(self) -> AiConfig:
        return AiConfig.from_setting(self._settings.get(SETTING))

    def save(self, config: AiConfig) -> None:
        self._settings.set(SETTING, asdict(config))

    def available(self) -> bool:
        """On, agreed to, and pointed at a server and a model."""
        config = self.config()
        return config.enabled and config.notice_accepted and config.configured

    def what_is_sent(self, endpoint: str | None = None) -> str:
        """The first-use notice: what goes where, in words."""
        address = (endpoint or self.config().endpoint).strip()
        return f"{WHAT_IS_SENT.format(endpoint=address)}\n\n{where(address)}"

    def grader(self, config: AiConfig | None = None, api_key: str | None = None) -> AnswerGrader:
        """A grader for ``config`` (the saved one by default) with ``api_key`` (the saved one
        by default). Reads the keyring: call it from a worker."""
        from interviewprep.services.ai_grader import AnswerGrader, GraderSettings

        config = config or self.config()
        key = api_key.strip() if api_key and api_key.strip() else self.keys.load()
        settings = GraderSettings(
            config.endpoint.strip(), config.model.strip(), key, config.timeout_s
        )
        return AnswerGrader(settings)

    def job(
        self,
        config: AiConfig,
        prompt: str,
        reference: str,
        key_points: Sequence[KeyPointLike],
        answer: str,
    ) -> GradingJob:
        """A request with ``config`` as it is now: the worker does not read settings."""
        return GradingJob(self, config, prompt, reference, list(key_points), answer)


class GradingJob:
    """One request for feedback: ``run()`` on a worker, ``cancel()`` from anywhere, even before
    the grader exists (the key is read in ``run``)."""

    def __init__(
        self,
        service: AiFeedbackService,
        config: AiConfig,
        prompt: str,
        reference: str,
        key_points: list[KeyPointLike],
        answer: str,
    ) -> None:
        self._service = service
        self._config = config
        self._args = (prompt, reference, key_points, answer)
        self._lock = threading.Lock()
        self._cancelled = False
        self._grader: AnswerGrader | None = None

    def run(self) -> GraderReport:
        grader = self._service.grader(self._config)
        with self._lock:
            if self._cancelled:
                raise Cancelled
            self._grader = grader
        return grader.grade(*self._args)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            grader = self._grader
        if grader is not None:
            grader.cancel()
