"""Light and dark themes. "System" follows the OS colour scheme as it changes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from interviewprep.ui.widgets import wheel_guard

MODES = ("system", "light", "dark")


@dataclass(frozen=True)
class Colors:
    window: str
    surface: str
    surface_alt: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    again: str
    hard: str
    good: str
    easy: str
    chart_grid: str
    selected_idle: str  # a selected row while its view has no focus
    selected: str  # a selected row: dark enough for the light text the tables draw in dark mode
    selected_text: str


LIGHT = Colors(
    window="#f5f6f8", surface="#ffffff", surface_alt="#eef0f4", text="#1d1d1f", muted="#6b7280",
    border="#d9dce3", accent="#3b5bdb", accent_text="#ffffff", again="#d64545", hard="#c07a12",
    good="#2f9e44", easy="#1c7ed6", chart_grid="#e3e6ec", selected_idle="#d3dbf7",
    selected="#3048c0", selected_text="#ffffff",
)  # fmt: skip
DARK = Colors(
    window="#17181c", surface="#202227", surface_alt="#2a2d34", text="#e6e6e6", muted="#9aa1ad",
    border="#363a43", accent="#748ffc", accent_text="#0d0f14", again="#ff6b6b", hard="#ffa94d",
    good="#69db7c", easy="#4dabf7", chart_grid="#2f333b", selected_idle="#3a4470",
    selected="#344a9e", selected_text="#ffffff",
)  # fmt: skip


def _icon(name: str, dark: bool) -> str:
    from interviewprep.services.paths import resources_dir

    path = resources_dir() / "icons" / f"{name}-{'dark' if dark else 'light'}.svg"
    return path.as_posix()


def stylesheet(c: Colors, font_pt: int) -> str:
    dark = c is DARK
    down, up = _icon("chevron-down", dark), _icon("chevron-up", dark)
    return _base(c, font_pt, down, up) + _states(c, _icon("check", dark))


def _base(c: Colors, font_pt: int, down: str, up: str) -> str:
    return f"""
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
    subcontrol-position: top right; width: 22px; border: none; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{down}"); width: 12px;
    height: 12px; }}
QSpinBox, QDoubleSpinBox {{ padding-right: 20px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{ subcontrol-origin: border;
    subcontrol-position: top right; width: 18px; border: none; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ subcontrol-origin: border;
    subcontrol-position: bottom right; width: 18px; border: none; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{ image: url("{up}"); width: 10px;
    height: 10px; }}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{ image: url("{down}"); width: 10px;
    height: 10px; }}
QWidget {{ font-size: {font_pt}pt; }}
QMainWindow, QDialog {{ background: {c.window}; }}
#Sidebar {{ background: {c.surface}; border: none; border-right: 1px solid {c.border};
           padding-top: 8px; outline: 0; }}
#Sidebar::item {{ padding: 9px 16px; margin: 2px 8px; border-radius: 8px; color: {c.text}; }}
#Sidebar::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
#Sidebar::item:hover:!selected {{ background: {c.surface_alt}; }}
#Card {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px; }}
#Title {{ font-size: {font_pt + 9}pt; font-weight: 600; color: {c.text}; }}
#Subtitle {{ font-size: {font_pt + 3}pt; font-weight: 600; color: {c.text}; }}
#Muted {{ color: {c.muted}; }}
#Error {{ color: {c.again}; }}
#ErrorTitle {{ font-size: {font_pt + 3}pt; font-weight: 600; color: {c.again}; }}
#Big {{ font-size: {font_pt + 14}pt; font-weight: 700; color: {c.text}; }}
#Badge {{ background: {c.surface_alt}; color: {c.muted}; border-radius: 8px; padding: 2px 8px; }}
#Covered {{ color: {c.good}; font-weight: 600; }}
#Partly {{ color: {c.hard}; font-weight: 600; }}
#Missed {{ color: {c.again}; font-weight: 600; }}
QPushButton {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
              border-radius: 8px; padding: 7px 14px; }}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:focus {{ border: 2px solid {c.accent}; }}
QPushButton:disabled {{ color: {c.muted}; background: {c.surface_alt}; }}
QPushButton#Primary {{ background: {c.accent}; color: {c.accent_text}; border: none;
                      font-weight: 600; padding: 10px 20px; }}
QPushButton#Again {{ border-top: 4px solid {c.again}; }}
QPushButton#Hard {{ border-top: 4px solid {c.hard}; }}
QPushButton#Good {{ border-top: 4px solid {c.good}; }}
QPushButton#Easy {{ border-top: 4px solid {c.easy}; }}
QPushButton[suggested="true"] {{ background: {c.surface_alt}; font-weight: 700; }}
QTextBrowser, QPlainTextEdit, QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit,
QTableView, QListWidget {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
              border-radius: 8px; selection-background-color: {c.accent};
              selection-color: {c.accent_text}; }}
QTextBrowser {{ padding: 12px; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit {{ padding: 5px 8px; }}
QHeaderView::section {{ background: {c.surface_alt}; color: {c.muted}; border: none;
                       padding: 6px; }}
QProgressBar {{ background: {c.surface_alt}; border: none; border-radius: 5px; height: 10px;
               text-align: center; color: transparent; }}
QProgressBar::chunk {{ background: {c.accent}; border-radius: 5px; }}
QStatusBar {{ color: {c.muted}; }}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; }}
QCheckBox {{ color: {c.text}; spacing: 8px; }}
QLabel {{ color: {c.text}; }}
QMenuBar {{ background: {c.window}; color: {c.text}; }}
QMenu {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; }}
QMenu::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
"""


def _states(c: Colors, check: str) -> str:
    """Focus, disabled and checked states. Later rules win at equal specificity, and an id
    (#Primary) outranks a pseudo-state, so each id'd button restates its own."""
    return f"""
QPushButton#Primary:hover {{ background: {c.accent}; border: none; }}
QPushButton#Primary:focus {{ border: 2px solid {c.text}; padding: 8px 18px; }}
QPushButton:disabled, QPushButton#Primary:disabled {{ background: {c.surface_alt};
    color: {c.muted}; border: 1px dashed {c.muted}; }}
QPushButton#Primary:disabled {{ padding: 9px 19px; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus, QDateEdit:focus {{
    border: 2px solid {c.accent}; padding: 4px 7px; }}
QTextBrowser:focus {{ border: 2px solid {c.accent}; padding: 11px; }}
QPlainTextEdit:focus, QTableView:focus, QListWidget:focus, QListView:focus,
QTreeView:focus {{ border: 2px solid {c.accent}; }}
QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled,
QDateEdit:disabled, QPlainTextEdit:disabled {{ background: {c.surface_alt}; color: {c.muted};
    border: 1px dashed {c.border}; }}
QCheckBox:disabled, QLabel:disabled {{ color: {c.muted}; }}
QCheckBox::indicator, QAbstractItemView::indicator {{ width: 16px; height: 16px;
    border: 2px solid {c.muted}; border-radius: 4px; background: {c.surface}; }}
QCheckBox::indicator:hover, QAbstractItemView::indicator:hover {{ border-color: {c.accent}; }}
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {{
    background: {c.accent}; border-color: {c.accent}; image: url("{check}"); }}
QCheckBox::indicator:disabled {{ background: {c.surface_alt}; border-color: {c.border}; }}
QCheckBox:focus {{ background: {c.surface_alt}; border-radius: 6px; }}
QCheckBox::indicator:focus {{ border: 2px solid {c.accent}; }}
QAbstractItemView {{ selection-background-color: {c.selected};
    selection-color: {c.selected_text}; }}
QAbstractItemView::item:selected {{ background: {c.selected}; color: {c.selected_text}; }}
QAbstractItemView::item:selected:!active {{ background: {c.selected_idle};
    color: {c.text}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QCalendarWidget QAbstractItemView {{ border: none; }}  /* a border hid the last week */
QCalendarWidget QAbstractItemView:disabled {{ color: {c.muted}; }}
"""


def _palette(c: Colors) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.surface,
        QPalette.ColorRole.AlternateBase: c.surface_alt,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.surface,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.Highlight: c.selected,
        QPalette.ColorRole.HighlightedText: c.selected_text,
        QPalette.ColorRole.ToolTipBase: c.surface,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Link: c.accent,
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    return palette


class Theme(QObject):
    """Applies the chosen theme and re-applies it when the system scheme changes."""

    changed = Signal(bool)  # dark?

    def __init__(self, app: QApplication, mode: str = "system", font_pt: int = 11) -> None:
        super().__init__(app)
        self._app = app
        self._mode = mode if mode in MODES else "system"
        self._font_pt = font_pt
        self._dark = False
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        wheel_guard.install(app)  # part of how every control behaves, as the look is
        self.apply()

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def dark(self) -> bool:
        return self._dark

    @property
    def colors(self) -> Colors:
        return DARK if self._dark else LIGHT

    @property
    def font_pt(self) -> int:
        return self._font_pt

    def set_mode(self, mode: str) -> None:
        self._mode = mode if mode in MODES else "system"
        self.apply()

    def set_font_pt(self, font_pt: int) -> None:
        self._font_pt = max(8, min(24, font_pt))
        self.apply()

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode == "system":
            self.apply()

    def _wants_dark(self) -> bool:
        if self._mode == "system":
            return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return self._mode == "dark"

    def apply(self) -> None:
        self._dark = self._wants_dark()
        colors = self.colors
        self._app.setStyle("Fusion")
        self._app.setPalette(_palette(colors))
        font = QFont(self._app.font())
        font.setPointSize(self._font_pt)
        self._app.setFont(font)
        self._app.setStyleSheet(stylesheet(colors, self._font_pt))
        self.changed.emit(self._dark)
