"""The line under the design screen's title: the prompt's bank, topics, difficulty, time box
and practice so far, in the names the bank and role profiles give them, never ids."""

from __future__ import annotations

from interviewprep.banks.titles import plain_text
from interviewprep.services.app import Services
from interviewprep.services.design import DesignSession, describe_prompt
from interviewprep.services.mock import topic_name


class PromptMeta:
    def __init__(self, services: Services) -> None:
        self.services = services
        self._bank_titles: dict[str, str] = {}
        self._role_topics: dict[str, dict[str, str]] = {}

    def reload(self) -> None:
        """The names of the banks and topics installed now."""
        library = self.services.library
        self._bank_titles = {bank.id: bank.title for bank in library.banks()}
        self._role_topics = {role.id: dict(role.topics) for role in library.roles()}

    def topic_title(self, role: str, tag: str) -> str:
        """The role profile's name for a topic, another profile's, or a readable form of it."""
        named = self._role_topics.get(role, {}).get(tag)
        if named:
            return named
        for topics in self._role_topics.values():
            if topics.get(tag):
                return topics[tag]
        return topic_name(tag)

    def describe(self, session: DesignSession) -> str:
        card = session.card
        return describe_prompt(
            card,
            self._bank_titles.get(card.bank_id) or plain_text(card.bank_id),
            lambda tag: self.topic_title(card.role, tag),
            session.time_box_seconds // 60,
            # once graded, the practice just done counts
            session.answer.after.reps if session.answer is not None else card.state.reps,
        )
