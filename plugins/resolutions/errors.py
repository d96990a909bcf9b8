"""Errors that point an editor at a file and a line."""

from __future__ import annotations


class SourceError(Exception):
    """A source text cannot be converted; ``path:line`` says where to look."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: error: {message}")
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: error: {self.message}"
