"""The AI feedback settings without Qt: off by default, the API key in the keyring only (or
for this session where there is none), and a request that can be cancelled before it starts."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import PasswordSetError

from interviewprep.banks.models import KeyPoint
from interviewprep.core.errors import Cancelled
from interviewprep.services.ai_feedback import (
    KEYRING_SERVICE,
    KEYRING_USER,
    SETTING,
    AiConfig,
    where,
)
from interviewprep.services.app import Services
from tests.fake_openai import FakeServer, MemoryKeyring

SECRET = "sk-live-abcdef0123456789"


def test_it_is_off_until_turned_on_agreed_to_and_configured(services: Services) -> None:
    feedback = services.ai_feedback
    assert feedback.config() == AiConfig() and not feedback.available()
    feedback.save(AiConfig(enabled=True, model="tiny"))
    assert not feedback.available()  # the notice was never accepted
    feedback.save(AiConfig(enabled=True, model="", notice_accepted=True))
    assert not feedback.available()  # no model
    feedback.save(AiConfig(enabled=True, model="tiny", notice_accepted=True))
    assert feedback.available()


def test_a_setting_edited_into_nonsense_reads_as_off(services: Services) -> None:
    services.settings.set(SETTING, {"enabled": True, "timeout_s": "soon", "extra": 1})
    assert services.ai_feedback.config() == AiConfig()
    services.settings.set(SETTING, "on")
    assert services.ai_feedback.config() == AiConfig()


def test_the_key_lives_in_the_keyring_and_not_in_the_database(
    services: Services, memory_keyring: MemoryKeyring
) -> None:
    keys = services.ai_feedback.keys
    status = keys.save(SECRET)
    assert status.saved and status.persistent
    assert memory_keyring.passwords[(KEYRING_SERVICE, KEYRING_USER)] == SECRET
    assert keys.load() == SECRET
    services.ai_feedback.save(AiConfig(enabled=True, model="tiny", notice_accepted=True))
    with closing(sqlite3.connect(services.db.path)) as db:
        rows = db.execute("SELECT key, value FROM settings").fetchall()
    assert rows and not any(SECRET in str(row) for row in rows)
    assert keys.save(None).saved is False
    assert (KEYRING_SERVICE, KEYRING_USER) not in memory_keyring.passwords


def test_without_a_keyring_the_key_is_kept_for_this_session_only(services: Services) -> None:
    keyring.set_keyring(fail.Keyring())
    keys = services.ai_feedback.keys
    before = keys.status()
    assert not before.persistent and not before.saved
    assert "cannot be saved" in before.message
    status = keys.save(SECRET)
    assert status.saved and not status.persistent
    assert "for this session only" in status.message
    assert keys.load() == SECRET


def test_a_keyring_that_refuses_falls_back_to_this_session(services: Services) -> None:
    class Locked(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise PasswordSetError("the collection is locked")

    keyring.set_keyring(Locked())
    status = services.ai_feedback.keys.save(SECRET)
    assert status.saved and not status.persistent
    assert services.ai_feedback.keys.load() == SECRET


def test_the_saved_key_is_sent_as_a_bearer_token(
    services: Services, llm_server: FakeServer
) -> None:
    services.ai_feedback.keys.save(SECRET)
    config = AiConfig(enabled=True, endpoint=llm_server.url, model="tiny", notice_accepted=True)
    assert services.ai_feedback.grader(config).test_connection().model_found
    assert llm_server.headers[-1]["Authorization"] == f"Bearer {SECRET}"


def test_a_job_cancelled_before_it_runs_sends_nothing(
    services: Services, llm_server: FakeServer
) -> None:
    config = AiConfig(enabled=True, endpoint=llm_server.url, model="tiny", notice_accepted=True)
    job = services.ai_feedback.job(config, "Q?", "Ref.", [KeyPoint(text="A point")], "An answer")
    job.cancel()
    with pytest.raises(Cancelled):
        job.run()
    assert llm_server.requests == []


@pytest.mark.parametrize(
    ("endpoint", "says"),
    [
        ("http://127.0.0.1:11434/v1", "this computer"),
        ("http://localhost:8080/v1", "this computer"),
        ("http://gpu-box.lan:8080/v1", "another computer (gpu-box.lan)"),
        ("https://api.example.com/v1", "another computer (api.example.com)"),
    ],
)
def test_the_notice_says_whose_computer_the_address_is(endpoint: str, says: str) -> None:
    text = where(endpoint)
    assert says in text
    assert ("not encrypted" in text) == endpoint.startswith("http://gpu")


def test_the_notice_names_the_address_and_what_goes_there(services: Services) -> None:
    text = services.ai_feedback.what_is_sent("http://127.0.0.1:1234/v1")
    assert "its key points and the answer you typed to http://127.0.0.1:1234/v1" in text
    assert "nothing leaves the machine" in text
