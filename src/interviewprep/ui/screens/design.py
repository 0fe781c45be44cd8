"""System-design practice: a timed prompt, autosaved notes, then the reference, the rubric and a
grade that schedules the prompt.

The attempt's logic (clock, pauses, phases, score, suggested grade, saving) lives in
``services.design.DesignSession``; this view shows it and forwards input. Notes are written
three seconds after typing stops, and whenever the user leaves the screen or closes the window.
The pages and their side column are ``design_pages``; the clock, the rubric, the grade buttons,
the earlier attempts and the prompt list have a module each.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal

from interviewprep.core.card_record import CardRecord
from interviewprep.core.cards import Grade
from interviewprep.core.scheduling import format_interval
from interviewprep.services.app import Services
from interviewprep.services.design import (
    DesignAttempt,
    DesignPrompt,
    DesignSession,
)
from interviewprep.ui.autosave import Autosave
from interviewprep.ui.screens.design_actions import PAUSE_KEYS
from interviewprep.ui.screens.design_attempts import attempt_summary, when
from interviewprep.ui.screens.design_inputs import DesignKeys, wire_buttons
from interviewprep.ui.screens.design_layout import DesignLayout
from interviewprep.ui.screens.design_meta import PromptMeta
from interviewprep.ui.screens.design_sight import SightWatch
from interviewprep.ui.theme import Theme
from interviewprep.ui.workers import Workers
from interviewprep.wording import count

__all__ = ["DesignScreen", "attempt_summary"]

CLOCK_SAVE_TICKS = 30
"""While the clock runs with no typing, the elapsed time is still written this often (s)."""


class DesignScreen(DesignLayout):
    # How often the clock on screen is redrawn; tests shorten it instead of waiting seconds.
    tick_ms = 1000

    clock_ticked = Signal()
    """After each redraw of the running clock by its timer (none while the clock is held)."""

    def __init__(self, services: Services, workers: Workers, theme: Theme) -> None:
        self.session: DesignSession | None = None
        self.prompts: list[DesignPrompt] = []
        self.revisit: set[tuple[str, str]] = set()
        """Prompts whose rubric items the weak points say to practise again (see practise())."""
        self.prompt_meta = PromptMeta(services)
        self._hints_shown = 0
        self._ticks = 0
        self._loading = False
        self._split_finished: bool | None = None
        super().__init__(services, workers, theme)
        wire_buttons(self)
        self._sight = SightWatch(self)
        self._sight.changed.connect(self._sight_changed)
        self.keys = DesignKeys(self)
        self.autosave = Autosave(self._save_notes_now, self)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)

    # -- being in sight -------------------------------------------------------------------------

    def _sight_changed(self) -> None:
        """The clock stands still while nobody can see it: another screen, a minimised window."""
        session = self.session
        if session is None:
            return
        if self._sight.in_sight():
            session.unpause("sight")
        else:
            was_running = not session.paused
            session.pause("sight")
            if was_running and session.running:
                self.save_notes()  # the time so far, in case the app is closed from here
        self._run_tick()
        if session.started:
            self.clock.update(session)

    # -- loading prompts ------------------------------------------------------------------------

    def activated(self) -> None:
        self._fill_picker()
        if self.session is None:
            attempt = self.services.design.resume_unfinished()
            if attempt is not None:
                self._resume(attempt)
            else:
                self.show_next_due()
        else:
            self._show()
        self._focus_default()

    def can_leave(self) -> bool:
        # Leaving never blocks and never loses text: the notes are written first.
        self.save_notes()
        return True

    def _fill_picker(self) -> None:
        self.prompts = self.services.design.prompts()
        self.prompt_meta.reload()
        self.picker.fill(self.prompts, self.revisit)
        self._sync_picker()

    def practise(self, keys: Sequence[tuple[str, str]]) -> None:
        """The prompts whose rubric items the user keeps losing (Progress, Today): marked in
        the picker, and the first of them loaded unless an attempt is running."""
        self.revisit = set(keys)
        self._fill_picker()
        if self.session is not None and self.session.running:
            self.status.emit(
                "Finish this attempt first: the prompts to revisit are marked in the list above"
            )
            return
        installed = {prompt.key for prompt in self.prompts}
        first = next((key for key in keys if key in installed), None)
        if first is None:
            return
        if self.session is None or self.session.card.key != first:
            self._leave_current()
            self._load(self.services.study.card(*first))
        self._sync_picker()
        self.status.emit(
            f"{count(len(self.revisit), 'design prompt')} to revisit, marked in the list above"
        )

    def _sync_picker(self) -> None:
        self.picker.select(self.session.card.key if self.session is not None else None)

    def picked(self, index: int) -> None:
        key = self.picker.key_at(index)
        if key is None:
            return
        bank_id, question_id = key
        if self.session is None or self.session.card.key != (bank_id, question_id):
            self._leave_current()
            self._load(self.services.study.card(bank_id, question_id))
        # The closing list hands focus back to the box after this returns: take it from there,
        # so the focus ring is on Start and Space starts the clock.
        QTimer.singleShot(0, self._focus_default)

    def show_next_due(self) -> None:
        if self.session is not None and self.session.running:
            # Mid-attempt, Ctrl+N must not throw the attempt away; the picker is explicit.
            self.status.emit("Finish this attempt first, or pick another prompt above")
            return
        self._leave_current()
        card_ = self.services.study.next_card(question_type="system-design")
        if card_ is None:
            self.session = None
            self._show()
            return
        self._load(card_)

    def _leave_current(self) -> None:
        session = self.session
        if session is None or session.graded or not session.started:
            return
        session.abandon(self.notes.toPlainText())
        self.status.emit("The earlier attempt was stopped; its notes are kept under its prompt")

    def _load(self, card_: CardRecord) -> None:
        self.session = DesignSession(self.services.design, self.services.clock, card_)
        self._prepare()
        self._set_notes("")
        self._show()
        self._focus_default()

    def _resume(self, attempt: DesignAttempt) -> None:
        card_ = self.services.study.card(attempt.bank_id, attempt.question_id)
        self.session = DesignSession.resume(
            self.services.design, self.services.clock, card_, attempt
        )
        self._prepare()
        self._set_notes(attempt.notes)
        self._show()
        self.status.emit("Resumed your unfinished design attempt")

    def _prepare(self) -> None:
        session = self.session
        if session is not None and not self._sight.in_sight():
            session.pause("sight")
        self._hints_shown = 0
        self.pages.forget_placement()
        self._split_finished = None
        self.close_past()
        self.clock.build_phases(session)
        self.rubric.build(session)

    def _set_notes(self, text: str) -> None:
        self._loading = True
        self.notes.setPlainText(text)
        self._loading = False

    # -- the attempt ----------------------------------------------------------------------------

    def start(self) -> None:
        session = self.session
        if session is None or session.started:
            return
        session.start()
        self._ticks = 0
        self._show()
        self.notes.setFocus()

    def toggle_pause(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        if session.paused_by_user:
            session.unpause("user")
            self.status.emit("The clock runs again")
        else:
            session.pause("user")
            self.save_notes()
            self.status.emit(f"Paused: {PAUSE_KEYS} or Resume starts the clock again")
        self._show()
        (self.pause_button if session.paused_by_user else self.notes).setFocus()

    def notes_changed(self) -> None:
        session = self.session
        if self._loading or session is None or session.finished:
            return
        if not session.started:
            self.start()  # the first keystroke is the start of the attempt
        self.save_state.setText("Editing…")
        self.autosave.changed()

    def save_notes(self) -> None:
        self.autosave.flush()

    def _save_notes_now(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        if session.save(self.notes.toPlainText()):
            self.save_state.setText(f"Saved {self.services.clock.now().astimezone():%H:%M:%S}")

    def finish(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        self.autosave.cancel()
        session.finish(self.notes.toPlainText())
        self.save_state.setText("Saved")
        self._show()
        self.grade_buttons[session.suggested()].setFocus()

    def rubric_toggled(self, index: int, checked: bool) -> None:
        if self.session is None:
            return
        self.session.set_checked(index, checked)
        self._show_score()

    def grade(self, grade: Grade) -> None:
        session = self.session
        if session is None or not session.finished or session.graded:
            return
        answer = session.grade(grade)
        if answer is None:
            return
        due = answer.after.due
        when = format_interval(due - self.services.clock.now()) if due is not None else "later"
        self.status.emit(f"Graded {grade.label}: saved, this prompt comes back in {when}")
        self.recorder.leave()  # with "keep no recordings", graded is done with
        self._show()
        self.next_after.setFocus()

    def show_hint(self) -> None:
        session = self.session
        if session is None or not session.running:
            return
        hints = session.card.extra.get("hints") or []
        if self._hints_shown < len(hints):
            self._hints_shown += 1
            self._render_prompt()
            self._show()

    # -- earlier attempts -----------------------------------------------------------------------

    def open_past(self) -> None:
        attempt = self.attempts.selected()
        if attempt is None:
            return
        finished = self.session is not None and self.session.finished
        notes = attempt.notes or "(no notes were typed)"
        title = f"Notes of {when(attempt.started_at)}"
        self.pages.show_past(title, attempt_summary(attempt), notes, finished)

    def _fill_attempts(self) -> None:
        session = self.session
        if session is None:
            self.attempts.fill([], None, False)
            return
        # The attempt under way is not an earlier one; once graded, it is history like the rest.
        this = session.attempt.id if session.attempt else None
        current = this if not session.graded else None
        past = [a for a in self.services.design.attempts(*session.card.key) if a.id != current]
        self.attempts.fill(past, this, session.finished)

    # -- rendering ------------------------------------------------------------------------------

    def theme_changed(self, dark: bool) -> None:
        self._fit_widths()
        self.picker.fit_to_titles()
        if self.session is not None:
            self._render_prompt()
            self._update_clock()
            self._show_score()

    def _focus_default(self) -> None:
        self.action_bar.focus_default(self.session, self.notes)

    def _show_nothing(self) -> None:
        self.meta.setText("")
        self.action_bar.show_nothing()
        self.pages.show_empty(bool(self.prompts))

    def _show(self) -> None:
        session = self.session
        self._sync_picker()
        self.keys.update(self.session)
        if session is None:
            self._tick.stop()
            self.recorder.clear_question()
            self._show_nothing()
            return
        self.recorder.set_question(*session.card.key)
        self.recorder.set_target(session.time_box_seconds)
        self.meta.setText(self.prompt_meta.describe(session))
        finished, paused = session.finished, session.paused_by_user
        self._place_side_cards(finished)
        self._render_prompt()
        self.pages.show_notes_state(session.started, paused, finished)
        hints = session.card.extra.get("hints") or []
        self.action_bar.show_state(session, self._hints_shown < len(hints), bool(hints))
        self.rubric.set_open(finished and not session.graded)
        if finished != self._split_finished:
            # set once per prompt, so a splitter the user dragged stays where they put it
            self._split_finished = finished
            QTimer.singleShot(0, self.pages.fit_prompt_split)
        self.my_notes.setText(session.notes.strip() or "(no notes were typed)")
        self._fill_attempts()
        self._show_score()
        self._update_clock()
        self._run_tick()

    def _run_tick(self) -> None:
        session = self.session
        if session is not None and session.running and not session.paused:
            if not self._tick.isActive():
                self._tick.start(self.tick_ms)
        else:
            self._tick.stop()

    def _render_prompt(self) -> None:
        session = self.session
        if session is not None:
            hints = (session.card.extra.get("hints") or [])[: self._hints_shown]
            dark, pt = self.theme.dark, self.theme.font_pt
            self.pages.show_prompt(session.card, hints, session.finished, dark, pt)

    def _show_score(self) -> None:
        session = self.session
        if session is None or not session.finished:
            self.result.setText("")
            return
        self.result.setText(self.rubric.show_score(session))
        given = session.attempt.grade if session.attempt is not None else None
        intervals = self.services.study.preview(session.card) if given is None else {}
        marked = given or session.suggested()
        self.grades.show_choice(intervals, marked, given is None, self.theme.colors)

    def _on_tick(self) -> None:
        self._ticks += 1
        self._update_clock()
        if self._ticks % CLOCK_SAVE_TICKS == 0:
            self.save_notes()
        self.clock_ticked.emit()

    def _update_clock(self) -> None:
        if self.session is not None:
            self.clock.update(self.session)
