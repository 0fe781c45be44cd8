"""Bank markdown becomes safe HTML; math is typeset locally."""

from __future__ import annotations

from interviewprep.render.markdown import render_markdown


def test_tables_code_and_math() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\ndef f():\n    return 1\n```\n\n$x^2$ and\n\n$$\\frac{a}{b}$$\n"
    out = render_markdown(text)
    assert "<table>" in out.html and "<td>1</td>" in out.html
    assert "def" in out.html and "color:" in out.html  # highlighted with inline colours
    assert out.html.count('<img src="math:') == 2
    assert all(svg.startswith("<svg") for svg in out.math.values())


def test_hostile_html_is_removed() -> None:
    text = (
        '<script>alert(1)</script><img src="http://x/y.png" onerror="steal()">'
        '<iframe src="https://x"></iframe>[bad](javascript:alert(1)) [good](https://example.com)'
        '<a href="file:///etc/passwd">f</a><span style="background:url(http://x)">s</span>'
    )
    html = render_markdown(text).html
    for bad in ("<script", "onerror", "<iframe", "javascript:", "http://x", "file:", "<img"):
        assert bad not in html, bad
    assert 'href="https://example.com"' in html


def test_dark_theme_changes_code_and_math_colours() -> None:
    text = "```python\nx = 1\n```\n\n$y$"
    light, dark = render_markdown(text), render_markdown(text, dark=True)
    assert light.html != dark.html
    assert light.math["math:0"] != dark.math["math:0"]


def test_unparseable_math_is_shown_as_source() -> None:
    out = render_markdown("$\\frac{$")
    assert "math:" not in out.html or out.math


def test_deep_nesting_does_not_crash() -> None:
    out = render_markdown(">" * 5000 + " deep")
    assert "deep" in out.html
