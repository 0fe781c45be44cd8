"""A real X display for the desktop benchmark: Xvfb with openbox, key events sent through the
XTEST extension and pixels read back from the X server, through libX11 and libXtst with ctypes.

Both apps under test are read the same way through this module: a key press is a real X event
the window manager routes to the focused window, as a keyboard's would be, and "on screen"
means the X server's copy of the window has changed, what a screenshot would show.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

Z_PIXMAP = 2
ALL_PLANES = 0xFFFFFFFF


class _XImage(ctypes.Structure):
    """The leading fields of Xlib's XImage, up to its function table (Xlib.h)."""

    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
        ("red_mask", ctypes.c_ulong),
        ("green_mask", ctypes.c_ulong),
        ("blue_mask", ctypes.c_ulong),
        ("obdata", ctypes.c_void_p),
        ("create_image", ctypes.c_void_p),
        ("destroy_image", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)),
    ]


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int


def tools_available() -> str | None:
    """None when the display can be run here, else what is missing."""
    for tool in ("Xvfb", "openbox"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    for lib in ("X11", "Xtst"):
        if ctypes.util.find_library(lib) is None:
            return f"lib{lib} is not installed"
    return None


@contextmanager
def virtual_display(number: int, width: int = 1280, height: int = 800) -> Iterator[str]:
    """Xvfb on ``:number`` with openbox managing its windows (focus, stacking, placement as on
    a desktop); both stopped on leaving."""
    name = f":{number}"
    lock = f"/tmp/.X{number}-lock"
    if os.path.exists(lock):
        raise RuntimeError(f"display {name} is taken ({lock} exists): pick another --display")
    server = subprocess.Popen(
        ["Xvfb", name, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    manager = None
    try:
        deadline = time.monotonic() + 10
        while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb did not start on {name}")
            time.sleep(0.05)
        env = dict(os.environ, DISPLAY=name)
        manager = subprocess.Popen(
            ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(0.5)  # openbox takes the screen before any window maps
        yield name
    finally:
        for process in (manager, server):
            if process is not None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()


class XClient:
    """One connection to the X server: XTEST key events and pixel grabs of the root window."""

    def __init__(self, display: str) -> None:
        self._x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self._xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        x11 = self._x11
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XStringToKeysym.restype = ctypes.c_ulong
        x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XFlush.argtypes = [ctypes.c_void_p]
        x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XGetImage.restype = ctypes.POINTER(_XImage)
        x11.XGetImage.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
        ]  # fmt: skip
        self._xtst.XTestFakeKeyEvent.argtypes = [
            ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong
        ]  # fmt: skip
        self._display = x11.XOpenDisplay(display.encode())
        if not self._display:
            raise RuntimeError(f"cannot open X display {display}")
        self._root = x11.XDefaultRootWindow(self._display)

    def close(self) -> None:
        self._x11.XCloseDisplay(self._display)

    def _keycode(self, name: str) -> int:
        keysym = self._x11.XStringToKeysym(name.encode())
        code = int(self._x11.XKeysymToKeycode(self._display, keysym))
        if not code:
            raise ValueError(f"no key for {name!r} on this display")
        return code

    def key(self, combo: str) -> float:
        """Press and release ``combo`` ("3", "space", "ctrl+r", "Return"); returns the moment
        (``time.monotonic()``) the press reached the X server."""
        names = [{"ctrl": "Control_L", "shift": "Shift_L", "alt": "Alt_L"}.get(p, p)
                 for p in combo.split("+")]  # fmt: skip
        codes = [self._keycode(n) for n in names]
        fake = self._xtst.XTestFakeKeyEvent
        for code in codes[:-1]:
            fake(self._display, code, 1, 0)
        fake(self._display, codes[-1], 1, 0)
        self._x11.XSync(self._display, 0)
        pressed = time.monotonic()
        for code in reversed(codes):
            fake(self._display, code, 0, 0)
        self._x11.XSync(self._display, 0)
        return pressed

    def type(self, text: str) -> None:
        for char in text:
            self.key("space" if char == " " else char)

    def grab(self, rect: Rect) -> int:
        """A checksum of the pixels in ``rect`` as the X server holds them now."""
        image = self._x11.XGetImage(
            self._display, self._root, rect.x, rect.y, rect.width, rect.height,
            ALL_PLANES, Z_PIXMAP,
        )  # fmt: skip
        if not image:
            raise RuntimeError(f"XGetImage failed for {rect}")
        try:
            contents = image.contents
            data = ctypes.string_at(contents.data, contents.bytes_per_line * contents.height)
            return zlib.crc32(data)
        finally:
            image.contents.destroy_image(ctypes.cast(image, ctypes.c_void_p))

    def wait_change(self, rect: Rect, before: int, timeout: float = 20) -> float:
        """The moment the pixels of ``rect`` first differ from checksum ``before``."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if self.grab(rect) != before:
                return now
            if now > deadline:
                raise TimeoutError(f"no change on screen in {rect} within {timeout} s")

    def wait_settled(self, rect: Rect, before: int, quiet: float, timeout: float = 60) -> float:
        """The moment of the last change in ``rect`` before it stayed the same for ``quiet``
        seconds (a screen that draws in steps, such as a page of charts, is then drawn)."""
        last_change = self.wait_change(rect, before, timeout)
        current = self.grab(rect)
        deadline = time.monotonic() + timeout
        while time.monotonic() - last_change < quiet:
            time.sleep(0.005)
            now = time.monotonic()
            seen = self.grab(rect)
            if seen != current:
                current, last_change = seen, now
            if now > deadline:
                break
        return last_change

    def wait_quiet(self, rect: Rect, quiet: float, timeout: float = 30) -> None:
        """Until the pixels of ``rect`` have stayed the same for ``quiet`` seconds."""
        current, since = self.grab(rect), time.monotonic()
        deadline = since + timeout
        while time.monotonic() - since < quiet and time.monotonic() < deadline:
            time.sleep(0.005)
            seen = self.grab(rect)
            if seen != current:
                current, since = seen, time.monotonic()
