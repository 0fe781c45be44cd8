"""Pure-Python domain logic: scheduling, study sessions, readiness. No Qt, no SQL."""
