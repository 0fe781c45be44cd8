"""Export the review history in the open revlog CSV shape, so users can take their data to
other tools and the scheduler benchmark can read it."""

from __future__ import annotations

import csv
from pathlib import Path

from interviewprep.storage.database import Database
from interviewprep.storage.review_log_repository import ReviewLogRepository

REVLOG_COLUMNS = ("card_id", "review_time", "review_rating", "review_duration")


class HistoryService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def export_revlog(self, path: Path) -> int:
        """Write every review as card_id, review_time (ISO 8601 UTC), review_rating (1-4),
        review_duration (ms); return how many were written."""
        count = 0
        tmp = path.with_name(path.name + ".partial")
        with self._db.read() as session, tmp.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(REVLOG_COLUMNS)
            for card_id, reviewed_at, rating, duration in ReviewLogRepository(session).logged():
                writer.writerow([card_id, reviewed_at.isoformat(), rating, duration])
                count += 1
        tmp.replace(path)  # never leave a half-written file under the name the user chose
        return count
