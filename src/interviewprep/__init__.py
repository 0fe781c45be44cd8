"""interviewprep: spaced-repetition practice for AI engineering interviews."""

__version__ = "0.1.0"
