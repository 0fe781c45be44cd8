"""Bank markdown becomes safe HTML; math is typeset locally."""

from __future__ import annotations

import pytest

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
    out = render_markdown("Formula $\\frac{a}{$ here")
    assert out.math == {}, "a formula that cannot be typeset must not become a picture"
    assert "<p>Formula <code>\\frac{a}{</code> here</p>" in out.html


def test_deep_nesting_does_not_crash() -> None:
    out = render_markdown(">" * 5000 + " deep")
    assert "deep" in out.html


@pytest.mark.parametrize(
    ("text", "formulas"),
    [
        ("A judge call costs $0.004 per judgement, so ~$40 per 10k traces.", 0),
        ("Costs $5 and $10.", 0),
        ("From $1M to $2M a year", 0),
        ("Loss is $x^2$ and the price is $5.", 1),
        ("Escaped \\$5 and math $a+b$.", 1),
        ("`$HOME` is a variable and `$x$` is code.", 0),
        ("$$\\sum_i x_i$$", 1),
    ],
)
def test_dollar_amounts_are_money_and_math_is_math(text: str, formulas: int) -> None:
    out = render_markdown(text)
    assert len(out.math) == formulas, out.html
    if "$40" in text:
        assert "$40" in out.html and "$0.004" in out.html


@pytest.mark.parametrize(
    ("text", "nested"),
    [
        ("1. **Design.**\n   - sources\n   - ranker\n2. Next", ["sources", "ranker"]),
        ("- a\n  - b\n    - c\n- d", ["b", "c"]),
        ("- a\n    - four spaces still work", ["four spaces still work"]),
    ],
)
def test_nested_lists_written_commonmark_style_stay_nested(text: str, nested: list[str]) -> None:
    html = render_markdown(text).html
    assert html.count("<ul>") + html.count("<ol>") >= 2, html
    for word in nested:
        inner = html.split("<li>", 2)[-1]
        assert word in inner


def test_code_and_paragraphs_are_not_reindented() -> None:
    text = "Para\n\n    code block\n\n```\n   - not a list\n```\n"
    html = render_markdown(text).html
    assert "<code>code block" in html
    assert "   - not a list" in html


def test_inline_math_may_wrap_onto_the_next_line() -> None:
    out = render_markdown("The estimate is $\\hat{p} \\pm\n1.96\\sqrt{p(1-p)/n}$ for large n.")
    assert len(out.math) == 1, out.html
    display = render_markdown("Block:\n\n$$\nx = \\frac{a}{b}\n$$\n")
    assert len(display.math) == 1, display.html


def test_a_list_right_under_a_paragraph_line_is_a_list() -> None:
    # as the bundled banks write it: "...with nested spans:" then the items, no blank line
    html = render_markdown(
        "One trace per run, with nested spans:\n- **Run:** id\n- **Tool:** x"
    ).html
    assert "<p>One trace per run, with nested spans:</p>" in html
    assert html.count("<li>") == 2
    ordered = render_markdown("Steps:\n1. plan\n2. act").html
    assert ordered.count("<li>") == 2
    # a wrapped sentence that starts with a year stays a sentence
    assert "<li>" not in render_markdown("Costs rose in\n2024. The year after.").html
    fenced = render_markdown("```\nx = 1\n- not an item\n```").html
    assert "<li>" not in fenced
