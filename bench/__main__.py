"""Entry point: `python -m bench [core | compare | desktop | gui] [options]`.

python -m bench                 the side-by-side comparison with Anki (10,000 questions)
python -m bench compare --questions 100000 --reviews 1000000
python -m bench desktop         both desktop apps side by side on one X display (Anki's aqt)
python -m bench gui             start-to-Today, grade-to-next-card, peak RSS of the app
python -m bench core            our engine alone (ingest, re-scan, answer + next)
python -m bench quality LOG.csv srs-benchmark's method: FSRS-6 and its baselines
python -m bench simulate        a simulated learner's review log, to feed `quality`
python -m bench integrity       quick_check, integrity_check and a checked backup at 100,000
python -m bench render          hostile markdown: render time per input and its growth
"""

from __future__ import annotations

import sys

from bench import (
    anki_compare,
    core,
    desktop,
    gui,
    integrity,
    render,
    scheduler_quality,
    simulated_user,
)

COMMANDS = {
    "core": core.main,
    "compare": anki_compare.main,
    "desktop": desktop.main,
    "gui": gui.main,
    "quality": scheduler_quality.main,
    "render": render.main,
    "simulate": simulated_user.main,
    "integrity": integrity.main,
}


def main(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    return anki_compare.main(argv)


sys.exit(main(sys.argv[1:]))
