"""A scripted backend for tests and offline debugging: answers come from a queue, calls are recorded."""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summarizer.backends.base import Backend, Completion
from summarizer.errors import BackendError, ConfigError

Answer = str | dict | Callable[[list[dict[str, str]], dict[str, Any]], str | dict]


class FakeBackend(Backend):
    """Scripted, hence deterministic. `enqueue()` answers (text, a dict dumped as JSON, or a function of messages and schema);
    `default` answers once the queue is empty; `history` holds (messages, schema) of every call."""

    def __init__(self, name: str = "fake", answers: list[Answer] | None = None, default: Answer | None = None):
        self.name = name
        self.deterministic = True
        self.queue: deque[Answer] = deque(answers or [])
        self.default = default
        self.history: list[tuple[list[dict[str, str]], dict[str, Any]]] = []

    @classmethod
    def from_env(cls, name: str) -> FakeBackend:
        """`--model fake` reads its script from SUMMARIZER_FAKE_ANSWERS: a JSON file holding a list."""
        path = os.environ.get("SUMMARIZER_FAKE_ANSWERS")
        if not path:
            raise ConfigError("the fake backend needs scripted answers: set SUMMARIZER_FAKE_ANSWERS to a JSON "
                              "file holding a list of answers")
        try:
            answers = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"SUMMARIZER_FAKE_ANSWERS={path}: {exc}") from None
        return cls(name, answers)

    def enqueue(self, *answers: Answer) -> FakeBackend:
        self.queue.extend(answers)
        return self

    def identity(self) -> dict[str, Any]:
        return {"backend": "fake", "model": self.name}

    def complete(self, messages, schema, *, max_tokens):
        self.history.append(([dict(m) for m in messages], schema))
        if self.queue:
            answer = self.queue.popleft()
        elif self.default is not None:
            answer = self.default
        else:
            raise BackendError("fake backend: no scripted answer left for this call")
        if callable(answer):
            answer = answer(messages, schema)
        text = answer if isinstance(answer, str) else json.dumps(answer)
        words = sum(len(m["content"].split()) for m in messages)
        return Completion(text=text, prompt_tokens=words, completion_tokens=len(text.split()))


def create(rest: str, spec: str, settings) -> FakeBackend:
    """Registry entry for `--model fake`."""
    return FakeBackend.from_env(spec)
