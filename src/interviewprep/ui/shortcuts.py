"""Every keyboard shortcut of the app beyond the menus, by screen, for the F1 list.

The menus' own shortcuts are read from the menus themselves. A test builds every screen and
checks each shortcut it binds is listed here, so a key added to a screen cannot go missing
from F1.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One entry of the list: what it does, the key sequences that do it, and how they read."""

    what: str
    keys: tuple[str, ...]
    shown: str = ""

    @property
    def label(self) -> str:
        return self.shown or " or ".join(self.keys)


GRADES = Key("Grade: Again, Hard, Good, Easy", ("1", "2", "3", "4"), "1 2 3 4")
ENTER = ("Return", "Enter")
CTRL_ENTER = ("Ctrl+Return", "Ctrl+Enter")

RECORD_KEYS = Key("Record your spoken answer, then stop", ("Ctrl+Shift+R",))
PLAY_KEYS = Key("Play the recording back, or stop", ("Ctrl+Shift+P",))
"""Design and mock: a text box has the focus there, so not Review's single keys."""

SCREEN_KEYS: dict[str, tuple[Key, ...]] = {
    "today": (Key("Start the review", ENTER, "Enter"),),
    "review": (
        Key("Show the answer, then answer Good", ("Space", *ENTER), "Space or Enter"),
        GRADES,
        Key(
            "Scroll the question and answer",
            ("J", "K", "Up", "Down", "PgUp", "PgDown"),
            "J K  Up Down  PgUp PgDown",
        ),
        Key("Undo the last action (answer, suspend, bury, flag, note)", ("U", "Ctrl+Z")),
        Key("Type mode: reveal, once typed", CTRL_ENTER, "Ctrl+Enter"),
        Key("Key points: tick as said (again: untick)", tuple("QWERTY"), "Q W E R T Y"),
        Key("Key points: mark as partly said", tuple(f"Shift+{k}" for k in "QWERTYU"), "Shift+Q…U"),
        Key("7 key points shown: U ticks the 7th", ("U",)),
        Key("Answer aloud: record your answer, then stop", ("Shift+V",)),
        Key("Answer aloud: play the recording back, or stop", ("V",)),
        Key("Write a note on the card", ("N",)),
        Key("Save the note / cancel it", (*CTRL_ENTER, "Esc"), "Ctrl+Enter / Esc"),
        Key("Flag or unflag the card", ("F",)),
        Key("Suspend the card", ("S",)),
        Key("Bury the card until the next study day", ("-",)),
        Key("Card info and history", ("I",)),
        Key("Open a filter list", ("F4", "Alt+Down")),
    ),
    "design": (
        Key("Start the clock (or type a note)", ("Space",)),
        Key("Pause or resume the round", ("Ctrl+Space",)),
        Key("Choose a prompt", ("Ctrl+L",)),
        Key("Finish the attempt", CTRL_ENTER, "Ctrl+Enter"),
        Key("Grade, once finished", GRADES.keys, GRADES.shown),
        Key("Scroll the finished round", ("PgUp", "PgDown"), "PgUp PgDown"),
        Key("Save your notes", ("Ctrl+S",)),
        Key("Next design prompt due", ("Ctrl+N",)),
        Key("Show the next hint", ("Ctrl+Shift+H",)),
        RECORD_KEYS,
        PLAY_KEYS,
        Key("Close an earlier attempt", ("Esc",)),
    ),
    "mock": (
        Key("Start the interview (setup page)", ENTER, "Enter"),
        Key("Next question, or finish", CTRL_ENTER, "Ctrl+Enter"),
        Key("End the interview now", ("Ctrl+E",)),
        RECORD_KEYS,
        PLAY_KEYS,
        Key("Grade, in the report", GRADES.keys, GRADES.shown),
        Key("Save the grades", ("Ctrl+S",)),
        Key("Drill the weakest topics (report)", ("D",)),
    ),
    "browse": (
        Key("Search", ("Ctrl+F",)),
        Key("Suspend the selected questions", ("Ctrl+J",)),
        Key("Unsuspend the selected questions", ("Ctrl+Shift+J",)),
        Key("Make the selected questions new again", ("Ctrl+Alt+N",)),
        Key("Card info and history", ("Ctrl+Shift+I",)),
    ),
    "banks": (Key("Copy the selected problems", ("Ctrl+C",)),),
}

DIALOG_KEYS: tuple[Key, ...] = (
    Key("Accept (the highlighted button)", ENTER, "Enter"),
    Key("Accept a confirmation", CTRL_ENTER, "Ctrl+Enter"),
    Key("Close without changing anything", ("Esc",)),
    Key("Leech prompt: suspend, or rewrite in a note", ("S", "R"), "S  R"),
)
