"""Build the services for one data folder. Services are passed explicitly, never global."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from interviewprep.core.clock import Clock, StudyDay, SystemClock
from interviewprep.services.authoring import AuthoringService
from interviewprep.services.auto_backup import AutoBackup
from interviewprep.services.backup import BackupService
from interviewprep.services.banks_overview import BanksOverviewService
from interviewprep.services.browse import BrowseService
from interviewprep.services.bundles import BundleService
from interviewprep.services.design import DesignService
from interviewprep.services.history import HistoryService
from interviewprep.services.interop import InteropService
from interviewprep.services.library import LibraryService
from interviewprep.services.mock import MockInterviewService
from interviewprep.services.personal_parameters import PersonalParameters
from interviewprep.services.progress import ProgressService
from interviewprep.services.settings import SettingsService
from interviewprep.services.sources import SourcesService
from interviewprep.services.stats import StatsService
from interviewprep.services.study import StudyService
from interviewprep.storage.database import DATABASE_FILENAME, Database, open_database


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
    bundles: BundleService
    interop: InteropService
    parameters: PersonalParameters
    sources: SourcesService
    authoring: AuthoringService
    auto_backup: AutoBackup

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
        bundles=BundleService(db),
        interop=InteropService(db, library),
        parameters=PersonalParameters(db, settings, study.study_day),
        sources=SourcesService(settings, library),
        authoring=AuthoringService(db),
        auto_backup=AutoBackup(backup, clock),
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
