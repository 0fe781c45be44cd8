"""The PySide6 desktop app: the only package that imports Qt."""

# The Qt-free layers are imported before PySide6 on purpose. Once loaded, PySide6 hooks every
# import and reads each new module's source, looking for its `__feature__` switches; importing
# the services (SQLAlchemy, pydantic and ours) ahead of it saves a seventh of a second at start.
import interviewprep.services.app  # noqa: F401
