"""The AI feedback panel against a fake OpenAI-compatible server: feedback with evidence, and
a one-line message with the checklist still usable for every way the server fails. The window
never waits on the network: each test waits on the panel's ``finished`` signal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interviewprep.banks.models import KeyPoint
from interviewprep.core.key_points import Coverage
from interviewprep.services.ai_feedback import AiConfig
from interviewprep.services.app import Services
from interviewprep.ui.widgets.ai_feedback import CHECKLIST_STILL_WORKS, OFF, AiFeedbackPanel
from interviewprep.ui.workers import Workers
from tests.fake_openai import FakeServer, closed_port_url

POINTS = [
    KeyPoint(text="Keys and values are both cached", weight=2),
    KeyPoint(text="About 1 GiB for 8,000 tokens"),
    KeyPoint(text="GQA shrinks the cache"),
]
ANSWER = "Both keys and values are cached per layer, so the cache is roughly 1 GiB for 8k tokens."
VERDICTS = {
    "Keys and values are both cached": ("covered", "Both keys and values are cached"),
    "About 1 GiB for 8,000 tokens": ("partly", "roughly 1 GiB for 8k tokens"),
    "GQA shrinks the cache": ("missed", ""),
}


def turn_on(services: Services, url: str, timeout_s: float = 5.0) -> None:
    services.ai_feedback.save(
        AiConfig(
            enabled=True,
            preset="Custom",
            endpoint=url,
            model="tiny",
            timeout_s=timeout_s,
            notice_accepted=True,
        )
    )


@pytest.fixture
def panel(qtbot: QtBot, services: Services) -> Iterator[AiFeedbackPanel]:
    workers = Workers()
    widget = AiFeedbackPanel(services, workers)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    yield widget
    widget.cancel()
    workers.wait()


def ask(qtbot: QtBot, panel: AiFeedbackPanel, answer: str = ANSWER) -> None:
    with qtbot.waitSignal(panel.finished, timeout=10_000):
        panel.request("How big is the KV cache?", "Reference answer.", POINTS, answer)
        assert panel.state == "busy"  # the call returned at once: the GUI thread is free
        assert panel.busy.isVisible() and panel.cancel_button.isVisible()


def test_feedback_shows_each_point_with_the_answers_words_and_the_grade_they_suggest(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services, llm_server: FakeServer
) -> None:
    turn_on(services, llm_server.url)
    llm_server.verdicts = VERDICTS
    assert panel.available()
    ask(qtbot, panel)
    assert panel.state == "done"
    shown = [(m.text(), t.text(), e.text()) for m, t, e in panel.point_rows]
    assert shown == [
        ("Covered", "Keys and values are both cached", "“Both keys and values are cached”"),
        ("Partly", "About 1 GiB for 8,000 tokens", "“roughly 1 GiB for 8k tokens”"),
        ("Missed", "GQA shrinks the cache", "Not in your answer."),
    ]
    assert all(e.isVisible() for _, _, e in panel.point_rows)
    assert "What about MQA?" in panel.follow_up.text() and panel.follow_up.isVisible()
    assert "<b>Hard</b>" in panel.suggested.text() and "62%" in panel.suggested.text()
    assert not panel.busy.isVisible() and not panel.cancel_button.isVisible()
    with qtbot.waitSignal(panel.marks_ready) as taken:
        qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    assert taken.args == [[Coverage.COVERED, Coverage.PARTLY, Coverage.MISSED]]


@pytest.mark.parametrize(
    ("scenario", "says"),
    [
        ("invalid-json-content", "did not follow the grading format"),
        ("schema-violation", "did not follow the grading format"),
        ("not-json", "not JSON"),
        ("refusal", "declined to grade"),
        ("http401", "HTTP 401): check the API key"),
        ("http500", "HTTP 500"),
    ],
)
def test_a_bad_reply_gives_one_line_and_the_checklist(
    qtbot: QtBot,
    panel: AiFeedbackPanel,
    services: Services,
    llm_server: FakeServer,
    scenario: str,
    says: str,
) -> None:
    turn_on(services, llm_server.url)
    llm_server.scenario = scenario
    ask(qtbot, panel)
    assert panel.state == "failed"
    assert says in panel.message.text() and panel.message.objectName() == "Error"
    assert "\n" not in panel.message.text()
    assert panel.hint.text() == CHECKLIST_STILL_WORKS and panel.hint.isVisible()
    assert not panel.use_button.isVisible() and panel.point_rows == []


def test_a_slow_server_times_out_with_a_message(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services, llm_server: FakeServer
) -> None:
    turn_on(services, llm_server.url, timeout_s=0.5)
    llm_server.scenario = "slow"
    ask(qtbot, panel)
    assert panel.state == "failed"
    assert "no reply from" in panel.message.text() and "within 0.5 s" in panel.message.text()
    assert panel.hint.text() == CHECKLIST_STILL_WORKS


def test_a_server_that_is_down_says_so(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services
) -> None:
    turn_on(services, closed_port_url())
    ask(qtbot, panel)
    assert panel.state == "failed"
    assert "nothing answers at http://127.0.0.1:" in panel.message.text()
    assert "is the server running?" in panel.message.text()
    assert panel.hint.text() == CHECKLIST_STILL_WORKS


def test_cancel_stops_waiting_at_once_and_frees_the_worker(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services, llm_server: FakeServer
) -> None:
    turn_on(services, llm_server.url, timeout_s=60)
    llm_server.scenario = "slow"
    panel.request("How big?", "Reference.", POINTS, ANSWER)
    qtbot.waitUntil(lambda: bool(llm_server.requests))
    with qtbot.waitSignal(panel.finished, timeout=2000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.state == "cancelled"
    assert "Cancelled" in panel.message.text() and not panel.busy.isVisible()
    # the request's socket was closed, not left to its 60 s timeout
    qtbot.waitUntil(lambda: panel.workers.running == 0, timeout=3000)


def test_a_later_request_replaces_one_still_running(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services, llm_server: FakeServer
) -> None:
    turn_on(services, llm_server.url, timeout_s=60)
    llm_server.scenario = "slow"
    panel.request("How big?", "Reference.", POINTS, ANSWER)
    qtbot.waitUntil(lambda: bool(llm_server.requests))
    llm_server.scenario = "valid"
    llm_server.verdicts = VERDICTS
    ask(qtbot, panel)
    assert panel.state == "done" and len(panel.point_rows) == 3
    qtbot.waitUntil(lambda: panel.workers.running == 0, timeout=3000)


def test_off_it_says_where_to_turn_it_on_and_sends_nothing(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services, llm_server: FakeServer
) -> None:
    assert not panel.available()
    assert panel.message.text() == OFF
    # switched on but the notice never accepted: still off
    turn_on(services, llm_server.url)
    services.ai_feedback.save(replace(services.ai_feedback.config(), notice_accepted=False))
    assert not panel.available()
    with qtbot.waitSignal(panel.finished):
        panel.request("How big?", "Reference.", POINTS, ANSWER)
    assert panel.state == "failed" and panel.message.text() == OFF
    assert llm_server.requests == []


def test_an_empty_answer_is_not_sent(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services, llm_server: FakeServer
) -> None:
    turn_on(services, llm_server.url)
    ask(qtbot, panel, answer="   ")
    assert "type an answer first" in panel.message.text()
    assert llm_server.requests == []


def test_markup_in_the_models_reply_is_shown_as_text(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services, llm_server: FakeServer
) -> None:
    turn_on(services, llm_server.url)
    answer = "The cache holds <b>keys and values</b> per layer."
    llm_server.verdicts = {
        POINTS[0].text: ("covered", "<b>keys and values</b> per layer"),
        POINTS[1].text: ("missed", ""),
        POINTS[2].text: ("missed", ""),
    }
    llm_server.follow_up = "<img src='x'>Why?"
    ask(qtbot, panel, answer)
    _, _, evidence = panel.point_rows[0]
    assert evidence.text() == "“<b>keys and values</b> per layer”"
    assert evidence.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;img src=&#x27;x&#x27;&gt;Why?" in panel.follow_up.text()


def test_the_review_checklists_own_points_can_be_sent(
    qtbot: QtBot, panel: AiFeedbackPanel, services: Services, llm_server: FakeServer
) -> None:
    """Anything with a text and a weight will do: the checklist's points, not only the bank's."""

    @dataclass(frozen=True)
    class Point:
        text: str
        weight: int = 1

    turn_on(services, llm_server.url)
    llm_server.verdicts = VERDICTS
    with qtbot.waitSignal(panel.finished, timeout=10_000):
        panel.request("Q?", "Ref.", [Point(p.text, p.weight) for p in POINTS], ANSWER)
    assert panel.state == "done"
    assert "<b>Hard</b>" in panel.suggested.text()  # the weight of 2 counted
