"""Write a bank back to markdown in the canonical layout (what `bank new`, CSV and Anki imports
produce). Parsing the output gives the same bank: a property test checks it."""

from __future__ import annotations

import json

import yaml

from interviewprep.banks.models import Bank, Flashcard, Reference, RoleProfile, SystemDesign


def _yaml_scalar(value: str) -> str:
    # JSON strings are valid YAML scalars and escape everything YAML could misread
    return json.dumps(value, ensure_ascii=False)


def _yaml_word(value: str) -> str:
    """``value`` bare where YAML reads it back as that string, as people write ids and topics;
    quoted where it would not (``no``, ``on`` and ``null`` read as a boolean or nothing)."""
    try:
        plain = yaml.safe_load(value) == value
    except yaml.YAMLError:
        plain = False
    return value if plain and "," not in value and "]" not in value else _yaml_scalar(value)


def _front_matter(bank: Bank) -> list[str]:
    meta = bank.meta
    authors = ", ".join(_yaml_scalar(a) for a in meta.authors)
    return [
        "---",
        f"id: {_yaml_word(meta.id)}",
        f"title: {_yaml_scalar(meta.title)}",
        f"role: {_yaml_word(meta.role)}",
        f'version: "{meta.version}"',
        f"license: {_yaml_scalar(meta.license)}",
        f"authors: [{authors}]",
        f"description: {_yaml_scalar(meta.description)}",
        "---",
    ]


def _list_item(text: str) -> str:
    # continuation lines are indented so the parser folds them into the item
    return "- " + text.replace("\n", "\n  ")


def _reference(ref: Reference) -> str:
    return _list_item(f"[{ref.title}]({ref.url})" if ref.url else ref.title)


def _question(question: Flashcard | SystemDesign) -> list[str]:
    lines = [
        "",
        f"## {question.id}",
        f"type: {question.type}",
        *([f"title: {_yaml_scalar(question.title)}"] if question.title else []),
        f"topics: [{', '.join(_yaml_word(t) for t in question.topics)}]",
        f"difficulty: {question.difficulty}",
    ]
    if isinstance(question, SystemDesign):
        lines.append(f"time_box: {question.time_box}")
        if question.mock_time_box is not None:
            lines.append(f"mock_time_box: {question.mock_time_box}")
    lines += ["", "### Prompt", question.prompt, "", "### Answer", question.answer]
    sections: list[tuple[str, list[str]]] = [
        ("Hints", [_list_item(h) for h in question.hints]),
        ("Follow-ups", [_list_item(f) for f in question.follow_ups]),
        ("References", [_reference(r) for r in question.references]),
    ]
    if isinstance(question, Flashcard):
        sections.append(
            (
                "Key points",
                [
                    _list_item(p.text if p.weight == 1 else f"[{p.weight}] {p.text}")
                    for p in question.key_points
                ],
            )
        )
    if isinstance(question, SystemDesign):
        sections += [
            ("Phases", [_list_item(f"{p.name} ({p.minutes} min)") for p in question.phases]),
            ("Rubric", [_list_item(f"[{r.weight}] {r.text}") for r in question.rubric]),
            ("Pitfalls", [_list_item(p) for p in question.pitfalls]),
            ("Curveballs", [_list_item(c) for c in question.curveballs]),
        ]
    for title, items in sections:
        if items:
            lines += ["", f"### {title}", *items]
    return lines


def write_bank(bank: Bank) -> str:
    lines = _front_matter(bank)
    for question in bank.questions:
        lines += _question(question)
    return "\n".join(lines) + "\n"


def write_role_profile(profile: RoleProfile) -> str:
    lines = [
        "---",
        f"role_profile: {profile.role}",
        f"title: {_yaml_scalar(profile.title)}",
        f"summary: {_yaml_scalar(profile.summary)}",
    ]
    if profile.topics:
        lines.append("topics:")
        lines += [f"  {tag}: {_yaml_scalar(name)}" for tag, name in profile.topics.items()]
    lines += ["---", "", profile.body]
    return "\n".join(lines) + "\n"
