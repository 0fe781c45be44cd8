"""What lists and pickers show for a question: a title or plain words, never ids or markup."""

from __future__ import annotations

from interviewprep.banks.titles import first_sentence, plain_text, question_title


def test_markup_and_latex_become_the_words_a_reader_sees() -> None:
    shown = plain_text(
        r"Serve **2,000 customer tenants**; the `issue_refund` tool; $p \le \frac{1}{2}$;"
        " [docs](https://example.org) and snake_case_names stay"
    )
    assert shown == (
        "Serve 2,000 customer tenants; the issue_refund tool; p ≤ 1/2; docs and snake_case_names stay"
    )


def test_without_a_title_the_first_sentence_of_the_prompt_is_shown() -> None:
    prompt = "Design a **multi-tenant** agent host. It runs 500 tenants."
    assert first_sentence(prompt) == "Design a multi-tenant agent host."
    assert question_title(None, prompt) == "Design a multi-tenant agent host."
    assert question_title("Multi-tenant agent hosting", prompt) == "Multi-tenant agent hosting"


def test_a_long_first_sentence_is_cut_with_an_ellipsis() -> None:
    shown = first_sentence("word " * 40)
    assert len(shown) <= 70 and shown.endswith("…")


def test_an_escaped_dollar_is_money_in_plain_text() -> None:
    assert plain_text(r"Cost against \$0.08 a conversation, $x^2$") == (
        "Cost against $0.08 a conversation, x^2"
    )
