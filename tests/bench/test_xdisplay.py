"""The desktop benchmark's eyes and hands: a window mapping on its own Xvfb display is seen in
the pixels read back from the X server, and a still screen is seen as still.

The whole `bench desktop` run (both apps started, a collection prepared) takes longer than the
suite can afford, so only this layer, the one that talks to libX11 and libXtst, is run here."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from bench.xdisplay import Rect, XClient, tools_available, virtual_display

pytestmark = pytest.mark.skipif(
    tools_available() is not None or shutil.which("xmessage") is None,
    reason="needs Xvfb, openbox, xmessage, libX11 and libXtst",
)


def _free_display() -> int:
    for number in range(140, 200):
        if not os.path.exists(f"/tmp/.X{number}-lock"):
            return number
    pytest.skip("no free X display number")


def test_a_window_appearing_is_seen_and_a_still_screen_is_not() -> None:
    with virtual_display(_free_display(), 640, 480) as name:
        x = XClient(name)
        try:
            screen = Rect(0, 0, 640, 480)
            still = x.grab(screen)
            assert x.grab(screen) == still
            with pytest.raises(TimeoutError):
                x.wait_change(screen, still, timeout=0.3)
            x.key("3")  # a key event on an empty desktop: delivered, nothing drawn
            window = subprocess.Popen(
                ["xmessage", "-geometry", "+20+20", "a window"],
                env=dict(os.environ, DISPLAY=name),
            )
            try:
                started = time.monotonic()
                seen = x.wait_change(screen, still, timeout=10)
                assert started <= seen < started + 10
                assert x.grab(screen) != still
            finally:
                window.terminate()
                window.wait(5)
        finally:
            x.close()
