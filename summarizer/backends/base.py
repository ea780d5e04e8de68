"""The backend contract: messages + a JSON schema in, JSON text out. Each backend is one file."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any


@dataclass
class Completion:
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0  # prompt tokens served from a KV prefix cache
    finish_reason: str = "stop"
    retries: int = 0  # transport retries (time-outs, 429, 5xx) spent on this answer


class Backend(ABC):
    """A language model that answers chat messages with JSON matching a schema."""

    #: full model spec as the user wrote it, e.g. "openai/gpt-4o-mini"
    name: str
    #: the same prompt always gives the same answer (greedy local decoding): an answer that was only
    #: partly usable may then be cached; from a remote model it is not, a later run may do better
    deterministic: bool = False

    @abstractmethod
    def identity(self) -> dict[str, Any]:
        """What identifies the model for the answer cache (never a secret)."""

    @abstractmethod
    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any], *, max_tokens: int) -> Completion:
        """One model call. Backends that can constrain decoding to the schema should."""

    def context_tokens(self) -> int | None:
        """The largest prompt + answer the model takes, when known without loading it; callers split
        longer articles. None: unknown (remote models), so the caller's own part size applies."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (model weights, HTTP connections)."""
