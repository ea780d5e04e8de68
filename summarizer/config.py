"""Settings, resolved in one place: command-line flag > environment variable > default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from summarizer.errors import ConfigError

DEFAULT_MODEL = "local/qwen2.5-coder-1.5b"
# How an OpenAI-compatible endpoint is asked for JSON; "auto" tries the others in this order.
JSON_MODES = ("auto", "json_schema", "json_object", "tools")
JsonMode = Literal[JSON_MODES]  # type: ignore[valid-type]
# What one extraction task covers (analysis/extract.py): one sentence, a window of sentences, a whole part.
STRATEGIES = ("sentence", "window", "part")
Strategy = Literal[STRATEGIES]  # type: ignore[valid-type]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: SecretStr | None = None  # repr and str show '**********'; never logged or cached
    json_mode: JsonMode = "auto"
    cache_dir: Path
    use_cache: bool = True
    refresh: bool = False
    threads: int
    max_retries: int = Field(default=1, ge=0)  # re-asks after an answer fails validation
    # re-asks of the brief's title and bottom line: none by default, since a bottom line that fails its checks
    # is stated by rule instead (on the local model a re-ask rescued none of 9, at 5-10 s each; README)
    brief_retries: int = Field(default=0, ge=0)
    http_retries: int = Field(default=3, ge=0)  # retries of a failed request (time-out, 429, 5xx)
    token_budget: int | None = Field(default=None, gt=0)  # prompt + completion tokens one run may spend
    timeout: float = Field(default=600.0, gt=0)
    max_chars: int = Field(default=200_000, gt=0)  # longest article text accepted
    part_chars: int = Field(default=8_000, ge=500)  # article text shown per model call; longer ones are split
    context: int | None = Field(default=None, ge=1024)  # cap on the local model's context window (tokens)
    # model calls in flight: an article's tasks (decoded side by side by the local model, sent concurrently
    # to a remote one), and articles in flight in `summarize batch`; unless given, the local model decodes
    # local.SLOTS (12) side by side
    concurrency: int = Field(default=8, ge=1)
    strategy: Strategy = "sentence"  # what one extraction task covers: a sentence, a window, a whole part


# setting name -> environment variables consulted in order
_ENV = {
    "model": ("SUMMARIZER_MODEL",),
    "base_url": ("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("SUMMARIZER_API_KEY", "OPENAI_API_KEY"),
    "json_mode": ("SUMMARIZER_JSON_MODE",),
    "cache_dir": ("SUMMARIZER_CACHE_DIR",),
    "threads": ("SUMMARIZER_THREADS",),
    "max_retries": ("SUMMARIZER_MAX_RETRIES",),
    "brief_retries": ("SUMMARIZER_BRIEF_RETRIES",),
    "http_retries": ("SUMMARIZER_HTTP_RETRIES",),
    "token_budget": ("SUMMARIZER_TOKEN_BUDGET",),
    "timeout": ("SUMMARIZER_TIMEOUT",),
    "max_chars": ("SUMMARIZER_MAX_CHARS",),
    "part_chars": ("SUMMARIZER_PART_CHARS",),
    "context": ("SUMMARIZER_CONTEXT",),
    "concurrency": ("SUMMARIZER_CONCURRENCY",),
    "strategy": ("SUMMARIZER_STRATEGY",),
}


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer"


def _default_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_settings(flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """flags: values given on the command line (None = not given). env: defaults to os.environ."""
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    env = os.environ if env is None else env
    values: dict[str, Any] = {"cache_dir": default_cache_dir(), "threads": _default_threads()}
    for name, variables in _ENV.items():
        for var in variables:
            if env.get(var):
                values[name] = env[var]
                break
    if env.get("SUMMARIZER_NO_CACHE", "").lower() in {"1", "true", "yes"}:
        values["use_cache"] = False
    values.update(flags)
    try:
        return Settings(**values)
    except ValueError as exc:
        first = exc.errors()[0] if hasattr(exc, "errors") else {"loc": ("?",), "msg": str(exc)}
        name = first["loc"][0]
        source = "flag" if name in flags else ", ".join(_ENV.get(name, ())) or "setting"
        raise ConfigError(f"invalid {name} (from {source}): {first['msg']}") from None
