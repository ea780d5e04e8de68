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
    parallel_clients True when several clients, each with a backend of its own, may call the model at
                    once (a remote endpoint): `summarize batch --concurrency N` then keeps N articles
                    in flight. False: one loaded model serves the batch, one article at a time.
    context_tokens() the largest prompt + answer, when known without loading the model; else None.
    parallel        how many calls it takes at once to good effect (the client sends that many from
                    threads); 1, the default, means one call at a time. complete() must then be thread-safe.
    tasks(n)        announces n task threads that will call complete() (each calls the yielded finished()
                    when done): a backend that batches concurrent calls can wait for all of them and so
                    batch the same way every run. The default does nothing.
    prepare()       a call is coming: start slow set-up (loading weights) in the background; complete()
                    waits for it. The default does nothing.
    cancel()        Ctrl-C: fail the calls in flight, so none of their answers is kept.
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
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
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
    #: backends of this kind are cheap to create and independent (a remote endpoint), so a batch gives
    #: each worker thread its own; False: one instance (a loaded model) serves the whole batch
    parallel_clients: bool = False
    #: calls it takes at once to good effect (threads); complete() must be thread-safe when above 1
    parallel: int = 1

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

    def tasks(self, n: int) -> AbstractContextManager[Callable[[], None]]:
        """n task threads are about to call complete(); each calls the yielded function when done."""
        return _no_tasks()

    def prepare(self) -> None:  # noqa: B027 - optional hook
        """A model call is coming: start any slow set-up (loading weights) in the background, so that it
        overlaps the caller's own; complete() waits for it and raises what it raised."""

    def cancel(self) -> None:  # noqa: B027 - optional hook
        """Fail the calls in flight (Ctrl-C), so that none of their answers is returned or cached."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (model weights, HTTP connections)."""


@contextmanager
def _no_tasks() -> Iterator[Callable[[], None]]:
    yield lambda: None


class Factory(Protocol):
    """The callable an entry point of the group "summarizer.backends" names."""

    def __call__(self, name: str, spec: str, settings: Settings) -> Backend: ...
