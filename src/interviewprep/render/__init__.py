"""Markdown to sanitised HTML, with code highlighting and locally typeset math."""
