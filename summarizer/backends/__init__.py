"""Backend registry: a model spec "prefix/name" picks the backend registered for that prefix.
Backends are imported only when used, so `summarize --help` stays fast."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from summarizer.errors import UsageError
from summarizer.backends.base import Backend, Completion

if TYPE_CHECKING:
    from summarizer.config import Settings

# prefix -> "module:factory"; the factory takes (name after the prefix, full spec, settings)
REGISTRY: dict[str, str] = {
    "local": "summarizer.backends.local:create",
    "openai": "summarizer.backends.openai_compat:create",
    "fake": "summarizer.backends.fake:create",
}


def get_backend(spec: str, settings: Settings) -> Backend:
    prefix, _, rest = spec.partition("/")
    if prefix not in REGISTRY:
        known = ", ".join(f"{p}/..." if p != "fake" else p for p in REGISTRY)
        raise UsageError(f"unknown model {spec!r}: use one of {known} (see `summarize models`)")
    if prefix != "fake" and not rest:
        raise UsageError(f"model {spec!r} names no model after '{prefix}/'")
    module, _, factory = REGISTRY[prefix].partition(":")
    return getattr(importlib.import_module(module), factory)(rest, spec, settings)


__all__ = ["Backend", "Completion", "REGISTRY", "get_backend"]
