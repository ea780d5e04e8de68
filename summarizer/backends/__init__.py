"""Backend registry: a model spec "prefix/name" picks the factory registered for that prefix under
the entry-point group "summarizer.backends" (this package registers local, openai and fake in its
pyproject.toml; a plugin package registers its own the same way). See base.py for the contract.
Backends are imported only when used, so `summarize --help` stays fast."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING

from summarizer.backends.base import IDENTITY_KEYS, Backend, Completion, Factory
from summarizer.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from summarizer.config import Settings

GROUP = "summarizer.backends"
BARE = {"fake"}  # prefixes that need no name after them


@lru_cache(maxsize=1)
def registry() -> dict[str, EntryPoint]:
    """Prefix -> entry point of every installed backend."""
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    if not found:
        raise ConfigError("no backend is registered: summarizer is not installed as a package "
                          "(pip install -e . in the repository)")
    return found


def get_backend(spec: str, settings: Settings) -> Backend:
    prefix, _, rest = spec.partition("/")
    known = registry()
    if prefix not in known:
        names = ", ".join(p if p in BARE else f"{p}/..." for p in sorted(known))
        raise UsageError(f"unknown model {spec!r}: use one of {names} (see `summarize models`)")
    if prefix not in BARE and not rest:
        raise UsageError(f"model {spec!r} names no model after '{prefix}/'")
    factory: Factory = known[prefix].load()
    backend = factory(rest, spec, settings)
    missing = [k for k in IDENTITY_KEYS if k not in backend.identity()]
    if missing:
        raise ConfigError(f"backend {prefix!r} breaks the contract: identity() lacks {missing}")
    return backend


__all__ = ["Backend", "Completion", "Factory", "GROUP", "get_backend", "registry"]
