"""With an interview date, a diligent user sees every question before it, and no review is
scheduled past it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interviewprep.core.cards import Grade, Stage
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from tests.banktext import bank, write


def test_diligent_user_covers_every_question_before_the_date(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    ids = tuple(f"q{i:03d}" for i in range(120))
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=ids))])
    services.settings.update_preset("flashcard", new_per_day=4)
    services.settings.target_roles = ["agent-engineer"]
    interview = (clock.now() + timedelta(days=21)).date()
    services.settings.interview_date = interview
    plan = services.study.plan()
    assert plan is not None and plan.new_per_day == 8  # 120 over the 15 days before the runway
    assert not plan.on_track

    grades = [Grade.GOOD, Grade.GOOD, Grade.EASY, Grade.HARD, Grade.GOOD, Grade.AGAIN]
    interview_start = services.study.study_day.start_of(interview)
    for day in range(21):
        answered = 0
        while (card := services.study.next_card()) is not None:
            services.study.answer(card, grades[answered % len(grades)], 3000)
            answered += 1
            clock.advance(timedelta(minutes=2))
        if day == 18:  # with days to go, nothing may be scheduled past the interview
            for qid in ids:
                due = services.study.card("demo", qid).state.due
                assert due is not None and due <= interview_start - timedelta(days=1), qid
        clock.current = clock.current.replace(hour=9, minute=0) + timedelta(days=1)

    assert services.study.counts().new == 0
    for qid in ids:
        state = services.study.card("demo", qid).state
        assert state.stage != Stage.NEW, qid
        assert state.last_review is not None and state.last_review < interview_start
    readiness = services.stats.overview().roles["agent-engineer"].readiness
    assert readiness > 0.8


def test_grade_buttons_show_the_capped_interval(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    services.library.import_paths([write(tmp_path / "b.md", bank(ids=("a",)))])
    services.settings.interview_date = (clock.now() + timedelta(days=3)).date()
    card = services.study.next_card()
    assert card is not None
    preview = services.study.preview(card)
    answer = services.study.answer(card, Grade.EASY, 1000)
    assert answer.after.due == clock.now() + preview[Grade.EASY]
    assert preview[Grade.EASY] < timedelta(days=3)
