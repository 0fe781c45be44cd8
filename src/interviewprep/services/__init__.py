"""Use cases shared by the GUI and the CLI: study, import, stats, settings."""
