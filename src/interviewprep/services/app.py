"""Build the services for one data folder. Services are passed explicitly, never global."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep.core.clock import Clock, StudyDay, SystemClock
from interviewprep.services.auto_backup import AutoBackup
from interviewprep.services.backup import BackupService
from interviewprep.services.banks_overview import BanksOverviewService
from interviewprep.services.browse import BrowseService
from interviewprep.services.design import DesignService
from interviewprep.services.history import HistoryService
from interviewprep.services.integrity import IntegrityService
from interviewprep.services.library import LibraryService
from interviewprep.services.mock import MockInterviewService
from interviewprep.services.personal_parameters import PersonalParameters
from interviewprep.services.progress import ProgressService
from interviewprep.services.settings import SettingsService
from interviewprep.services.sources import SourcesService
from interviewprep.services.stats import StatsService
from interviewprep.services.study import StudyService
from interviewprep.services.weak_points import WeakPointsService
from interviewprep.storage.database import DATABASE_FILENAME, Database, open_database

if TYPE_CHECKING:
    from interviewprep.services.ai_feedback import AiFeedbackService
    from interviewprep.services.authoring import AuthoringService
    from interviewprep.services.bundles import BundleService
    from interviewprep.services.card_info import CardInfoService
    from interviewprep.services.interop import InteropService
    from interviewprep.services.recordings import RecordingsService
    from interviewprep.services.retention_helper import RetentionHelper


@dataclass
class Services:
    data_dir: Path
    db: Database
    clock: Clock
    settings: SettingsService
    library: LibraryService
    study: StudyService
    stats: StatsService
    history: HistoryService
    design: DesignService
    mock: MockInterviewService
    browse: BrowseService
    progress: ProgressService
    banks: BanksOverviewService
    backup: BackupService
    parameters: PersonalParameters
    sources: SourcesService
    auto_backup: AutoBackup
    integrity: IntegrityService
    weak_points: WeakPointsService

    # Built on first use: they read and write bank files, so they bring the bank parser and
    # its pydantic models, which starting the app does not need (0.13 s of imports).
    @cached_property
    def bundles(self) -> BundleService:
        from interviewprep.services.bundles import BundleService

        return BundleService(self.db)

    @cached_property
    def ai_feedback(self) -> AiFeedbackService:
        # keyring and the grader's pydantic models load only for a user who opens it
        from interviewprep.services.ai_feedback import AiFeedbackService

        return AiFeedbackService(self.settings)

    @cached_property
    def interop(self) -> InteropService:
        from interviewprep.services.interop import InteropService

        return InteropService(self.db, self.library)

    @cached_property
    def authoring(self) -> AuthoringService:
        from interviewprep.services.authoring import AuthoringService

        return AuthoringService(self.db)

    @cached_property
    def card_info(self) -> CardInfoService:
        from interviewprep.services.card_info import CardInfoService

        return CardInfoService(self.db, self.clock, self.settings, self.study)

    @cached_property
    def retention_helper(self) -> RetentionHelper:
        from interviewprep.services.retention_helper import RetentionHelper

        return RetentionHelper(self.db, self.clock, self.settings, self.study)

    @cached_property
    def recordings(self) -> RecordingsService:
        from interviewprep.services.recordings import RecordingsService

        return RecordingsService(self.data_dir, self.settings, self.clock)

    def close(self) -> None:
        self.study.close()
        self.stats.close()
        self.db.close()


def build_services(
    data_dir: Path, clock: Clock | None = None, study_day: StudyDay | None = None
) -> Services:
    clock = clock or SystemClock()
    db = open_database(data_dir / DATABASE_FILENAME)
    settings = SettingsService(db)
    study = StudyService(db, clock, settings, study_day)
    design = DesignService(db, clock, study)
    stats = StatsService(db, clock, settings, study, study_day)
    library = LibraryService(db, clock)
    backup = BackupService(db, data_dir, clock)
    return Services(
        data_dir=data_dir,
        db=db,
        clock=clock,
        settings=settings,
        library=library,
        study=study,
        stats=stats,
        history=HistoryService(db),
        design=design,
        mock=MockInterviewService(db, clock, study, design),
        browse=BrowseService(db, clock, study),
        progress=ProgressService(db, clock, settings, study, stats),
        banks=BanksOverviewService(db),
        backup=backup,
        parameters=PersonalParameters(db, settings, study.study_day),
        sources=SourcesService(settings, library),
        auto_backup=AutoBackup(backup, clock),
        integrity=IntegrityService(db, backup),
        weak_points=WeakPointsService(db, clock, library),
    )


@contextmanager
def open_services(
    data_dir: Path, clock: Clock | None = None, study_day: StudyDay | None = None
) -> Iterator[Services]:
    services = build_services(data_dir, clock, study_day)
    try:
        yield services
    finally:
        services.close()
