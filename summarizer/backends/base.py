"""The backend contract: chat messages and a JSON schema in, JSON text out. Each backend is one file.

Adding a backend
    1. Write a module with a `Backend` subclass and a factory matching `Factory`:
           def create(name: str, spec: str, settings: Settings) -> Backend
       `spec` is the model as the user wrote it (`--model openai/gpt-4o-mini`), `name` the part after
       the prefix (`gpt-4o-mini`; empty for a bare prefix such as `fake`), `settings` the resolved
       configuration (`summarizer.config.Settings`). Options of its own come from the environment.
    2. Register the factory under its prefix in the distribution's metadata (pyproject.toml):
           [project.entry-points."summarizer.backends"]
           myprefix = "mypackage.mybackend:create"
       `--model myprefix/NAME` then selects it; no file of this repository changes.

What a backend provides
    name            the model spec as the user wrote it
    identity()      what makes its answers differ, for the answer cache: a dict with the keys in
                    IDENTITY_KEYS ("backend", "model") plus anything else that changes an answer (a
                    weights hash, a decoder version, an endpoint). Never a secret.
    complete()      one model call -> Completion (text, token counts, finish reason, transport retries).
                    A backend that can constrain decoding to the schema should.
    deterministic   True when the same prompt always gives the same answer (greedy local decoding).
    context_tokens() the largest prompt + answer, when known without loading the model; else None.
    close()         release weights and connections.

Errors a backend may raise (all from summarizer.errors; anything else is reported as an internal error)
    UsageError      the factory does not know the model name
    ConfigError     a missing API key, package or file
    ModelError      the weights cannot be loaded or verified
    BackendError    the call failed after its retries (ContextOverflow: the prompt does not fit;
                    BudgetExceeded is raised by the client, not by backends)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from summarizer.config import Settings

IDENTITY_KEYS = ("backend", "model")
Messages = list[dict[str, str]]


@dataclass
class Completion:
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0  # prompt tokens served from a KV prefix cache
    finish_reason: str = "stop"  # "stop", or "length" when max_tokens cut the answer
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
        """What identifies the model for the answer cache (never a secret); holds IDENTITY_KEYS."""

    @abstractmethod
    def complete(self, messages: Messages, schema: dict[str, Any], *, max_tokens: int) -> Completion:
        """One model call. Backends that can constrain decoding to the schema should."""

    def context_tokens(self) -> int | None:
        """The largest prompt + answer the model takes, when known without loading it; callers split
        longer articles. None: unknown (remote models), so the caller's own part size applies."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (model weights, HTTP connections)."""


class Factory(Protocol):
    """The callable an entry point of the group "summarizer.backends" names."""

    def __call__(self, name: str, spec: str, settings: Settings) -> Backend: ...
