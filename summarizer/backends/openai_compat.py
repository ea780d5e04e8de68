"""Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp's server).
Servers differ in how they take a JSON schema, so the request style is chosen or detected:
json_schema (OpenAI, vLLM), json_object + schema (llama.cpp server), or a forced tool call."""

from __future__ import annotations

import ipaddress
import json
import logging
import threading
from typing import Any
from urllib.parse import urlparse

from summarizer.backends.base import Backend, Completion
from summarizer.backends.retry import RETRY_STATUS, Retryable, retry_after, with_retries
from summarizer.config import JSON_MODES
from summarizer.errors import BackendError, ConfigError

log = logging.getLogger("summarizer")
OPENAI_URL = "https://api.openai.com/v1"
STYLES = tuple(m for m in JSON_MODES if m != "auto")  # in the order `auto` tries them


def create(rest: str, spec: str, settings) -> OpenAIBackend:
    return OpenAIBackend(spec, rest, base_url=settings.base_url,
                         api_key=settings.api_key.get_secret_value() if settings.api_key else None,
                         json_mode=settings.json_mode, timeout=settings.timeout,
                         max_http_retries=settings.http_retries, parallel=settings.concurrency)


def _is_local(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_private
    except ValueError:
        return False


class OpenAIBackend(Backend):
    parallel_clients = True  # an endpoint serves many requests at once; each batch worker has its own client

    def __init__(self, spec: str, model: str, *, base_url: str | None, api_key: str | None, json_mode: str = "auto",
                 timeout: float = 600.0, max_http_retries: int = 3, parallel: int = 8):
        self.name = spec
        self.model = model
        self.base_url = (base_url or OPENAI_URL).rstrip("/")
        if not api_key:
            if not base_url or not _is_local(self.base_url):
                raise ConfigError("No API key: set OPENAI_API_KEY (or SUMMARIZER_API_KEY), or use a local model "
                                  "with --model local/qwen2.5-coder-1.5b")
            api_key = "no-key-needed"  # local servers ignore it, the client requires one
        self._api_key = api_key
        self.json_mode = json_mode
        self._styles = list(STYLES) if json_mode == "auto" else [json_mode]
        self.timeout = timeout
        self.max_http_retries = max_http_retries
        self.parallel = max(1, parallel)  # requests in flight at once (--concurrency)
        self._client = None
        self._client_lock = threading.Lock()
        self._cancelled = False

    def identity(self) -> dict[str, Any]:
        return {"backend": "openai", "model": self.model, "base_url": self.base_url, "json_mode": self.json_mode}

    def __repr__(self) -> str:  # never show the key
        return f"OpenAIBackend(model={self.model!r}, base_url={self.base_url!r})"

    @property
    def client(self):
        with self._client_lock:
            if self._client is None:
                import openai

                # retries are ours (counted, reported, bounded), not the SDK's; one client serves every thread
                self._client = openai.OpenAI(api_key=self._api_key, base_url=self.base_url, timeout=self.timeout,
                                             max_retries=0)
            return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def cancel(self) -> None:
        """Ctrl-C: requests in flight are cut (their connections closed) and none is retried or sent again."""
        self._cancelled = True
        with self._client_lock:
            if self._client is not None:
                self._client.close()

    def _request(self, style: str, schema: dict[str, Any]) -> dict[str, Any]:
        name = str(schema.get("title") or "answer")[:64]
        if style == "json_schema":
            return {"response_format": {"type": "json_schema", "json_schema": {"name": name, "schema": schema}}}
        if style == "json_object":
            return {"response_format": {"type": "json_object", "schema": schema}}
        return {"tools": [{"type": "function", "function": {"name": name, "description": "Record the answer.",
                                                            "parameters": schema}}],
                "tool_choice": {"type": "function", "function": {"name": name}}}

    def complete(self, messages, schema, *, max_tokens):
        """One answer. Time-outs, dropped connections, 408/409/429/5xx and unreadable responses are retried
        (retry.with_retries); a server that refuses the request style makes `auto` try the next one."""
        while True:
            if self._cancelled:
                raise BackendError("interrupted")
            style = self._styles[0]

            def attempt():
                response = self.client.chat.completions.create(
                    model=self.model, messages=messages, max_tokens=max_tokens, temperature=0, seed=0,
                    **self._request(style, schema))
                if not getattr(response, "choices", None):
                    raise _Unreadable("a response without choices")
                return response

            try:
                response, retries = with_retries(attempt, self._classify, max_retries=self.max_http_retries,
                                                 where=self.base_url)
                break
            except _StyleRefused as exc:
                log.info("%s does not take %s requests (HTTP %s); trying %s", self.base_url, style, exc.status,
                         self._styles[1])
                self._styles.pop(0)
        self._styles = [style]  # remember what worked for the rest of this process
        choice = response.choices[0]
        text = choice.message.content or ""
        if style == "tools" and choice.message.tool_calls:
            text = choice.message.tool_calls[0].function.arguments
        usage = response.usage
        cached = 0
        if usage is not None and getattr(usage, "prompt_tokens_details", None) is not None:
            cached = usage.prompt_tokens_details.cached_tokens or 0
        return Completion(text=text, prompt_tokens=usage.prompt_tokens if usage else 0,
                          completion_tokens=usage.completion_tokens if usage else 0, cached_tokens=cached,
                          finish_reason=choice.finish_reason or "stop", retries=retries)

    def _classify(self, exc: Exception) -> Retryable | None:
        """What a failed request means: retry it, try the next request style, or fail with a clear error."""
        import openai

        if self._cancelled:
            raise BackendError("interrupted") from None
        if isinstance(exc, openai.AuthenticationError):
            raise ConfigError(f"the server at {self.base_url} rejected the API key (HTTP 401); check "
                              "OPENAI_API_KEY") from None
        if isinstance(exc, openai.APIStatusError):
            if len(self._styles) > 1 and exc.status_code in (400, 415, 422, 500, 501) and _about_format(exc):
                raise _StyleRefused(exc.status_code) from None
            if exc.status_code not in RETRY_STATUS:
                raise BackendError(f"{self.base_url} answered HTTP {exc.status_code}: {_message(exc)}") from None
            return Retryable(f"HTTP {exc.status_code} ({_message(exc)[:80]})",
                             retry_after(getattr(exc.response, "headers", None)))
        if isinstance(exc, openai.APITimeoutError):
            return Retryable(f"no answer within {self.timeout:g} s (SUMMARIZER_TIMEOUT)")
        if isinstance(exc, openai.APIConnectionError):
            return Retryable(f"connection failed ({exc.__cause__ or exc})")
        if isinstance(exc, (_Unreadable, openai.APIResponseValidationError, ValueError)):
            return Retryable(f"unreadable response ({str(exc)[:80]})")
        return None


class _Unreadable(Exception):
    pass


class _StyleRefused(Exception):
    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


def _message(exc) -> str:
    try:
        body = exc.response.json()
        msg = body.get("error", body) if isinstance(body, dict) else body
        msg = msg.get("message", msg) if isinstance(msg, dict) else msg
        text = msg if isinstance(msg, str) else json.dumps(msg)
    except Exception:  # noqa: BLE001 - any unreadable body
        text = str(exc)
    return " ".join(text.split())[:300]


def _about_format(exc) -> bool:
    text = _message(exc).lower()
    return any(w in text for w in ("response_format", "json_schema", "json_object", "input should be", "tool",
                                   "schema", "not supported", "unsupported"))
