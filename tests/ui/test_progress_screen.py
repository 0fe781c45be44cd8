"""The Progress charts show what a simulated user did, day after day, and keep up as they study."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import QCategoryAxis
from pytestqt.qtbot import QtBot

from interviewprep.core.cards import Grade
from interviewprep.core.clock import FixedClock
from interviewprep.services.app import Services
from interviewprep.ui.main_window import MainWindow
from interviewprep.ui.screens.progress import ProgressScreen
from interviewprep.ui.widgets.charts import ChartCard
from tests.conftest import START

TODAY = START.date()


def progress(window: MainWindow, qtbot: QtBot) -> ProgressScreen:
    window.show_screen("progress")
    screen = window.screens["progress"]
    assert isinstance(screen, ProgressScreen)
    qtbot.waitUntil(lambda: screen.report is not None)
    return screen


def answer(services: Services, qid: str, grade: Grade) -> None:
    bank = "designs" if qid.startswith("design") else "demo"
    services.study.answer(services.study.card(bank, qid), grade, 3000)


def bars(bar_set: object) -> list[float]:
    return [bar_set.at(i) for i in range(bar_set.count())]  # type: ignore[attr-defined]


def test_without_history_each_chart_says_why_it_is_empty(window: MainWindow, qtbot: QtBot) -> None:
    screen = progress(window, qtbot)
    assert "No reviews yet" in screen.summary.text()
    for chart in (screen.activity, screen.forecast, screen.retention, screen.readiness):
        assert chart.is_empty
        assert chart.empty.text()
    assert "second day" in screen.readiness.empty.text()
    # mastery is meaningful from the start: every topic at 0
    assert not screen.mastery.is_empty
    assert screen.mastery_set is not None and set(bars(screen.mastery_set)) == {0.0}
    assert screen.heatmap.counts and not any(screen.heatmap.counts.values())


def test_charts_show_the_reviews_a_simulated_user_made(
    window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    services = window.services
    for qid in ("alpha", "beta", "gamma"):
        answer(services, qid, Grade.EASY)  # straight into review
    answer(services, "design-one", Grade.GOOD)
    clock.advance(timedelta(days=1))
    services.progress.report()  # the user looked at Progress yesterday: a readiness point
    clock.advance(timedelta(days=1))
    answer(services, "design-two", Grade.HARD)

    screen = progress(window, qtbot)
    day = TODAY + timedelta(days=2)
    assert screen.report is not None and screen.report.day == day
    assert screen.reviews_set is not None
    assert bars(screen.reviews_set)[-3:] == [4.0, 0.0, 1.0]
    assert sum(bars(screen.reviews_set)) == 5
    assert not screen.activity.is_empty
    assert screen.heatmap.counts[TODAY] == 4 and screen.heatmap.counts[day] == 1
    assert screen.heatmap.tooltip_at(screen.heatmap.cell_rect(TODAY).center().toPoint()) == (
        f"{TODAY:%a %-d %b %Y}: 4 reviews"
    )
    assert screen.heatmap.colour(4) != screen.heatmap.colour(0)
    assert "5 reviews in all" in screen.summary.text()

    assert screen.forecast_set is not None and not screen.forecast.is_empty
    expected = [0.0] * 30  # each studied question on the day it falls due
    for bank, qid in [("demo", q) for q in ("alpha", "beta", "gamma")] + [
        ("designs", "design-one"),
        ("designs", "design-two"),
    ]:
        due = services.study.card(bank, qid).state.due
        assert due is not None
        offset = (services.study.study_day.day_of(due) - day).days
        if offset < 30:
            expected[max(0, offset)] += 1
    assert bars(screen.forecast_set) == expected
    assert sum(expected) >= 3

    readiness = screen.readiness.chart.series()
    assert not screen.readiness.is_empty and len(readiness) == 1
    assert readiness[0].count() == 2  # yesterday and today
    assert readiness[0].at(1).y() > 0

    assert screen.retention.is_empty  # no answers yet to cards already in review
    clock.advance(timedelta(days=40))
    answer(services, "alpha", Grade.AGAIN)  # the screen refreshes on the service's report
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.retention != [])
    answer(services, "beta", Grade.GOOD)
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.total_reviews == 7)
    line = next(s for s in screen.retention.chart.series() if s.name() == "True retention")
    assert [line.at(i).y() for i in range(line.count())] == [50.0]
    assert bars(screen.reviews_set)[-1] == 2


def test_mastery_per_topic_follows_the_role_picker(
    window: MainWindow, qtbot: QtBot, tmp_path: object
) -> None:
    from pathlib import Path

    from tests.banktext import bank, write

    services = window.services
    extra = write(Path(str(tmp_path)) / "ml.md", bank("ml", ids=("m1",), role="ml-engineer"))
    services.library.import_paths([extra])
    answer(services, "alpha", Grade.EASY)
    screen = progress(window, qtbot)
    assert screen.role_picker.isVisible()
    assert screen.role_picker.currentData() == "agent-engineer"  # the target role first
    topics = screen.mastery.chart.axes()[0].categories()  # type: ignore[attr-defined]
    assert set(topics) == {"llm-fundamentals", "agent-system-design"}
    assert screen.mastery_set is not None and max(bars(screen.mastery_set)) > 0

    screen.role_picker.setCurrentIndex(screen.role_picker.findData("ml-engineer"))
    assert screen.mastery_set is not None and bars(screen.mastery_set) == [0.0]
    assert "ML" in screen.mastery.note.text() or "ml-engineer" in screen.mastery.note.text()


def test_refreshes_when_study_reports_a_change(window: MainWindow, qtbot: QtBot) -> None:
    screen = progress(window, qtbot)
    assert screen.activity.is_empty
    answer(window.services, "gamma", Grade.GOOD)
    qtbot.waitUntil(lambda: not screen.activity.is_empty)
    assert screen.reviews_set is not None and bars(screen.reviews_set)[-1] == 1
    assert isinstance(screen.report.day, date)  # type: ignore[union-attr]


def test_daily_charts_name_each_day_under_its_own_bar_and_the_calendar_names_this_month(
    window: MainWindow, qtbot: QtBot
) -> None:
    answer(window.services, "alpha", Grade.EASY)
    window.resize(1180, 800)  # wide enough for the newest month's name under the calendar
    screen = progress(window, qtbot)

    def day_labels(chart: ChartCard) -> list[tuple[str, float]]:
        axis = next(a for a in chart.chart.axes() if isinstance(a, QCategoryAxis))
        return [(text, axis.endValue(text)) for text in axis.categoriesLabels()]

    activity = day_labels(screen.activity)
    assert screen.reviews_set is not None
    last_bar = screen.reviews_set.count() - 1
    # today's bar is labelled with today (a date axis used to say tomorrow under it)
    assert activity[-1] == (f"{TODAY.day} {TODAY:%b}", last_bar)
    first = TODAY - timedelta(days=last_bar)
    assert activity[0] == (f"{first.day} {first:%b}", 0)
    forecast = day_labels(screen.forecast)
    assert forecast[0] == (f"{TODAY.day} {TODAY:%b}", 0)  # the forecast starts today

    width = screen.heatmap.fontMetrics().horizontalAdvance
    assert screen.heatmap.month_columns(width)[-1] == (52, f"{TODAY:%b}")  # this week's month
