"""Entry point: `python -m bench [core] [options]`."""

from __future__ import annotations

import sys

from bench import core

COMMANDS = {"core": core.main}


def main(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return core.main(argv)


sys.exit(main(sys.argv[1:]))
