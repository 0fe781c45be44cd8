"""AI feedback on a typed answer, for the Review screen: each key point covered, partly or
missed with the answer's own words as evidence, one follow-up question, and the grade the marks
suggest. Advice only: "Use these marks" hands them to the checklist, and the user still grades.

Every request runs on a worker and can be cancelled; every failure is one line, and the manual
checklist keeps working whatever happens here.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interviewprep.core.key_points import Coverage, PointMark, coverage_share
from interviewprep.services.ai_feedback import load_modules
from interviewprep.services.app import Services
from interviewprep.ui.screens.base import label
from interviewprep.ui.workers import Task, Workers, describe

if TYPE_CHECKING:  # the grader and the bank models load with the first request, not at start
    from interviewprep.services.ai_grader import GraderReport, KeyPointLike

CHECKLIST_STILL_WORKS = "The checklist still works: tick the points you raised yourself."
OFF = "AI feedback is off. Turn it on in Settings, under AI feedback (optional)."
_MARK = {Coverage.COVERED: "Covered", Coverage.PARTLY: "Partly", Coverage.MISSED: "Missed"}


def _plain(widget: QLabel) -> QLabel:
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


class AiFeedbackPanel(QWidget):
    """Ask for feedback with ``request``; the result, a failure or a cancellation each end
    with ``finished``. ``marks_ready`` carries the marks (a ``list[Coverage]`` in key-point
    order) when the user takes them."""

    marks_ready = Signal(object)
    finished = Signal()

    def __init__(self, services: Services, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.workers = workers
        self.state = "idle"  # idle, busy, done, failed, cancelled
        self.report: GraderReport | None = None
        self._task: Task | None = None
        self._generation = 0
        self.point_rows: list[tuple[QLabel, QLabel, QLabel]] = []  # mark, point, evidence
        self._build()

    # -- layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(label("AI feedback", "Subtitle"))
        busy_row = QHBoxLayout()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving: how long a model takes is not known
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Waiting for the AI feedback")
        self.message = _plain(label("", wrap=True))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop waiting for the feedback")
        self.cancel_button.clicked.connect(self.cancel)
        busy_row.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignVCenter)
        busy_row.addWidget(self.message, 1)
        busy_row.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(busy_row)
        self.hint = _plain(label("", "Muted", wrap=True))
        layout.addWidget(self.hint)
        self.points = QGridLayout()
        self.points.setHorizontalSpacing(12)
        self.points.setVerticalSpacing(2)
        self.points.setColumnStretch(1, 1)
        layout.addLayout(self.points)
        self.follow_up = label("", wrap=True)
        self.follow_up.setTextFormat(Qt.TextFormat.RichText)
        self.follow_up.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.follow_up)
        self.suggested = label("", wrap=True)
        self.suggested.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.suggested)
        buttons = QHBoxLayout()
        self.use_button = QPushButton("Use these marks")
        self.use_button.setToolTip(
            "Tick the checklist as the AI marked it; you can still change every point and "
            "your own grade is what counts"
        )
        self.use_button.clicked.connect(self._use_marks)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._show_idle()

    # -- the API the Review screen uses ---------------------------------------------------------

    def available(self) -> bool:
        """Whether the grader is on, agreed to, and has a server and a model."""
        return self.services.ai_feedback.available()

    def request(
        self,
        prompt_md: str,
        reference_md: str,
        key_points: Sequence[KeyPointLike],
        typed_answer: str,
    ) -> None:
        """Ask the grader about ``typed_answer``; a request still running is dropped."""
        self._drop_running()
        self._generation += 1
        generation = self._generation
        self.report = None
        self._clear_points()
        if not self.available():
            self._fail_with(OFF, checklist=True)
            return
        service = self.services.ai_feedback
        config = service.config()
        load_modules()  # here, not on the worker: see load_modules
        job = service.job(config, prompt_md, reference_md, key_points, typed_answer)
        self.state = "busy"
        self.message.setObjectName("Muted")
        self._set_message(f"Asking {config.model}…")
        # the address on a line of its own: wrapped mid-address it read as two places
        self.hint.setText(
            f"{config.endpoint}\nA local model can take a while: at most {config.timeout_s:g} s."
        )
        self.hint.show()
        self.busy.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.use_button.hide()
        self.follow_up.hide()  # the last answer's feedback is not this one's
        self.suggested.hide()
        self._task = self.workers.start(
            job.run,
            lambda report: self._graded(generation, report),
            lambda error: self._failed(generation, error),
            label="getting AI feedback",
            on_cancelled=lambda: self._cancelled(generation),
            interrupt=job.cancel,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.state == "idle":  # Settings may have turned the feedback on or off meanwhile
            self._show_idle()

    def cancel(self) -> None:
        """Stop waiting: the request is abandoned at once and its network call closed."""
        if self.state != "busy":
            return
        self._drop_running()
        self._generation += 1  # whatever the worker reports now is not shown
        self.state = "cancelled"
        self._end("Cancelled: no feedback this time.", error=False)
        self.finished.emit()

    def clear(self) -> None:
        """Forget the feedback (a new card): a request still running is dropped."""
        self._drop_running()
        self._generation += 1
        self.report = None
        self._clear_points()
        self._show_idle()

    # -- results --------------------------------------------------------------------------------

    def _graded(self, generation: int, report: GraderReport) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.report = report
        self.state = "done"
        self.busy.hide()
        self.cancel_button.hide()
        self._set_message("")
        self.message.hide()
        for row, point in enumerate(report.points):
            mark = _plain(label(_MARK[point.coverage], point.coverage.value.title()))
            text = _plain(label(point.text, wrap=True))
            if point.evidence:
                quote = f"“{point.evidence}”"
            elif point.coverage is Coverage.MISSED:
                quote = "Not in your answer."
            else:
                quote = ""
            evidence = _plain(label(quote, "Muted", wrap=True))  # the model's words: never markup
            evidence.setContentsMargins(0, 0, 0, 6)  # a gap before the next point
            evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.points.addWidget(mark, 2 * row, 0, Qt.AlignmentFlag.AlignTop)
            self.points.addWidget(text, 2 * row, 1)
            self.points.addWidget(evidence, 2 * row + 1, 1)
            self.point_rows.append((mark, text, evidence))
            for widget in (mark, text, evidence):
                widget.show()  # the layout would show them only at the next turn of the loop
        notes = []
        if report.unsupported:
            notes.append(
                f"{report.unsupported} of the marks came without words from your answer "
                "behind them, so they count as missed."
            )
        notes.append("Advice only: check each point, and your own grade is what counts.")
        self.hint.setText(" ".join(notes))
        self.hint.show()
        if report.follow_up:
            self.follow_up.setText(
                f"<b>An interviewer might ask next:</b> {escape(report.follow_up)}"
            )
            self.follow_up.show()
        if report.suggested is not None:
            share = coverage_share([PointMark(p.weight, p.coverage) for p in report.points])
            self.suggested.setText(
                f"Suggested grade from these marks: <b>{report.suggested.label}</b> "
                f"({share:.0%} of the weighted points)"
            )
            self.suggested.show()
        self.use_button.show()
        self.use_button.setEnabled(True)
        self.finished.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._fail_with(f"No AI feedback: {describe(error)}.", checklist=True)

    def _cancelled(self, generation: int) -> None:
        # cancelled from outside the panel: the status bar's Cancel, or the window closing
        if generation != self._generation:
            return
        self._task = None
        self.state = "cancelled"
        self._end("Cancelled: no feedback this time.", error=False)
        self.finished.emit()

    def _use_marks(self) -> None:
        if self.report is not None:
            self.marks_ready.emit(self.report.marks)

    # -- states ---------------------------------------------------------------------------------

    def _fail_with(self, text: str, *, checklist: bool) -> None:
        self.state = "failed"
        self._end(text, error=True)
        if checklist:
            self.hint.setText(CHECKLIST_STILL_WORKS)
            self.hint.show()
        self.finished.emit()

    def _end(self, text: str, *, error: bool) -> None:
        self.busy.hide()
        self.cancel_button.hide()
        self.use_button.hide()
        self.follow_up.hide()
        self.suggested.hide()
        self.message.setObjectName("Error" if error else "Muted")
        self._set_message(text)
        self.hint.setText(CHECKLIST_STILL_WORKS)
        self.hint.show()

    def _show_idle(self) -> None:
        self.state = "idle"
        self.busy.hide()
        self.cancel_button.hide()
        self.use_button.hide()
        self.follow_up.hide()
        self.suggested.hide()
        self.hint.hide()
        self.message.setObjectName("Muted")
        self._set_message(
            "Type an answer, then ask for feedback on it." if self.available() else OFF
        )

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        # the object name changed: restyle so the colour follows
        style = self.message.style()
        style.unpolish(self.message)
        style.polish(self.message)

    def _drop_running(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()

    def _clear_points(self) -> None:
        while self.points.count():
            item = self.points.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.point_rows.clear()
