"""Structured calls: cache lookup, then instructor (validation and re-asks) over a backend.
Only validated answers are cached; a failed call leaves no entry behind. Every answer reports its own
usage (calls, tokens, re-asks, seconds); callers add them up, nothing is patched from outside."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from summarizer.backends.base import Backend, Completion
from summarizer.errors import BackendError, BudgetExceeded, ContextOverflow, SummarizerError, TaskFailed
from summarizer.models import Usage
from summarizer.structured.cache import AnswerCache, cache_key

log = logging.getLogger("summarizer")
# instructor logs every failed attempt at ERROR; we report re-asks ourselves.
logging.getLogger("instructor").addHandler(logging.NullHandler())
logging.getLogger("instructor").propagate = False

GENERATION = {"temperature": 0.0, "seed": 0}


@dataclass
class Answer:
    data: dict[str, Any] | None  # the validated (or salvaged) answer as JSON data; None when nothing is usable
    warnings: list[str] = field(default_factory=list)  # what was dropped to get it
    cached: bool = False
    usage: Usage = field(default_factory=Usage)  # what this answer cost (a cache hit: nothing but the hit)


# raw text of the last attempt and the validation errors -> (usable data or None, warnings)
Salvage = Callable[[str | None, list[str]], tuple[dict[str, Any] | None, list[str]]]
WAVE = 64  # tasks announced to a batching backend at once (one thread each)


@dataclass
class Ask:
    """One question of ask_many: the arguments of StructuredClient.ask."""
    messages: list[dict[str, str]]
    model: type[BaseModel]
    max_tokens: int
    label: str = ""
    salvage: Salvage | None = None
    checks: int = 0


class StructuredClient:
    """Asks one backend for Pydantic objects. The backend is created on the first cache miss.
    `usage` is the running total over the client's life; `spent` counts tokens against `token_budget`."""

    def __init__(self, backend_factory: Callable[[], Backend], identity: dict[str, Any], cache: AnswerCache,
                 max_retries: int = 2, token_budget: int | None = None):
        self._factory = backend_factory
        self._backend: Backend | None = None
        self.identity = identity
        self.cache = cache
        self.max_retries = max_retries
        self.token_budget = token_budget
        self.spent = 0
        self.usage = Usage()
        self._lock = threading.Lock()  # usage and spent are shared by the threads of ask_many

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = self._factory()
        return self._backend

    def context_tokens(self) -> int | None:
        """The backend's context window when known without loading a model (see Backend.context_tokens)."""
        return self.backend.context_tokens()

    def take_warnings(self) -> list[str]:
        """Cache warnings since the last call (a corrupt or locked database), each reported once."""
        found, self.cache.warnings = self.cache.warnings, []
        return found

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        self.cache.close()

    def ask(self, messages: list[dict[str, str]], model: type[BaseModel], *, max_tokens: int, label: str = "",
            salvage: Salvage | None = None, checks: int = 0, reasks: int | None = None) -> Answer:
        """Validated answer, re-asking on validation errors. When the re-asks are spent, `salvage` keeps
        what it can; the outcome is cached with its warnings, so a deterministic model is not asked again.
        `checks`: the version of the model's validators and salvage rule, part of the cache key: a cached
        answer was judged by them, so the caller bumps it when they change. `reasks`: this call's re-asks,
        instead of the client's max_retries."""
        schema = model.model_json_schema()
        retries = self.max_retries if reasks is None else reasks
        key = cache_key({"identity": self.identity, "messages": messages, "schema": schema, "checks": checks,
                         "params": {**GENERATION, "max_tokens": max_tokens, "max_retries": retries}})
        hit = self.cache.get(key)
        if isinstance(hit, dict) and isinstance(hit.get("data"), dict):
            return self._tally(Answer(hit["data"], warnings=list(hit.get("warnings", [])), cached=True,
                                      usage=Usage(cache_hits=1)))
        usage = Usage(cache_misses=1)
        answer = self._ask_model(messages, model, schema, key, max_tokens, label, salvage, usage, retries)
        return self._tally(answer)

    def _tally(self, answer: Answer) -> Answer:
        with self._lock:
            self.usage.add(answer.usage)
        return answer

    def ask_many(self, asks: list[Ask], on_done: Callable[[], None] | None = None) -> list[Answer]:
        """Answers in the order of asks. A backend that takes several calls at once (parallel > 1) gets
        them from threads: the local one decodes them side by side, a remote one serves them
        concurrently. A task that fails alone (TaskFailed) gets no answer and a warning; any other
        error stops the run once the tasks in flight are done (the first, in the order of asks, is
        raised). Ctrl-C cancels the tasks in flight: none of their answers is cached."""
        backend = self.backend
        answers: list[Answer | BaseException | None] = [None] * len(asks)
        done_lock = threading.Lock()

        def one(i: int) -> None:
            try:
                a = asks[i]
                answers[i] = self.ask(a.messages, a.model, max_tokens=a.max_tokens, label=a.label, salvage=a.salvage,
                                      checks=a.checks)
            except TaskFailed as exc:
                answers[i] = self._tally(Answer(None, warnings=[f"{asks[i].label or 'model call'}: {exc}"],
                                                usage=Usage(failed_calls=1)))
            except BaseException as exc:  # noqa: BLE001 - raised below, in the order of asks
                answers[i] = exc
            if on_done:
                with done_lock:
                    on_done()

        width = max(1, backend.parallel)
        batching = type(backend).tasks is not Backend.tasks
        if width == 1 or len(asks) == 1:
            for i in range(len(asks)):
                one(i)
                if isinstance(answers[i], BaseException):
                    break
        elif batching:  # one thread per task of a wave, announced, so that batches are reproducible
            for start in range(0, len(asks), WAVE):
                wave = range(start, min(start + WAVE, len(asks)))
                with backend.tasks(len(wave)) as finished:
                    _in_threads(backend, len(wave), lambda i: (one(i), finished()), wave)
                if any(isinstance(answers[i], BaseException) for i in wave):
                    break
        else:
            _in_threads(backend, width, one, range(len(asks)))
        for a in answers:
            if isinstance(a, BaseException):
                raise a
        return [a if isinstance(a, Answer) else Answer(None) for a in answers]

    def _ask_model(self, messages, model, schema, key, max_tokens, label, salvage, usage: Usage,
                   retries: int) -> Answer:
        self.backend.prepare()  # a local model loads while instructor is imported
        import instructor
        from instructor.core import IncompleteOutputException, InstructorRetryException

        def create(messages, response_format=None, max_tokens=max_tokens, **_ignored):
            if self.token_budget is not None and self.spent >= self.token_budget:
                raise BudgetExceeded(f"the token budget of {self.token_budget:,} is spent ({self.spent:,} tokens); "
                                     "raise --token-budget / SUMMARIZER_TOKEN_BUDGET. Answers so far are cached")
            done = self.backend.complete(messages, (response_format or {}).get("json_schema", {}).get("schema", {}),
                                         max_tokens=max_tokens)
            with self._lock:
                self.spent += done.prompt_tokens + done.completion_tokens
            usage.add(Usage(calls=1, http_retries=done.retries, prompt_tokens=done.prompt_tokens,
                            completion_tokens=done.completion_tokens, cached_prompt_tokens=done.cached_tokens))
            return _as_chat_completion(done, self.identity["model"], usage.calls)

        validated = instructor.patch(create=create, mode=instructor.Mode.JSON_SCHEMA)
        started = time.perf_counter()
        try:
            value = validated(response_model=model, messages=[dict(m) for m in messages],
                                  max_retries=retries, max_tokens=max_tokens, model=self.identity["model"])
        except IncompleteOutputException as exc:
            raw = _completion_text(exc.last_completion)
            errors = [f"the answer was cut off at {max_tokens} tokens"]
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, ContextOverflow) and usage.calls > 0:
                # the re-ask (prompt + previous answer + errors) no longer fits: keep what the answer had
                raw = _completion_text(exc.last_completion)
                errors = [_short(a.exception) for a in (exc.failed_attempts or [])[:-1]] + [str(cause)]
            elif isinstance(cause, SummarizerError):
                raise cause from None
            elif cause is not None and not isinstance(cause, (ValidationError, json.JSONDecodeError, ValueError)):
                raise BackendError(f"{label or 'model call'} failed: {cause}") from None
            else:
                raw = _completion_text(exc.last_completion)
                errors = [_short(a.exception) for a in (exc.failed_attempts or [])] or [_short(cause)]
        else:
            data = value.model_dump(mode="json")
            self.cache.set(key, {"data": data, "warnings": []})
            return Answer(data, usage=usage)
        finally:
            usage.reasks += max(0, usage.calls - 1)
            usage.seconds += time.perf_counter() - started
        data, warnings = salvage(raw, errors) if salvage else (None, [])
        if data is None:
            usage.failed_calls += 1
            warnings = warnings or [f"{label or 'model call'}: no valid answer after re-asks ({errors[-1]})"]
        elif self.backend.deterministic:  # it would fail the same way again
            self.cache.set(key, {"data": data, "warnings": warnings})
        return Answer(data, warnings=warnings, usage=usage)


def _in_threads(backend: Backend, width: int, work: Callable[[int], object], items: range) -> None:
    """work(i) for every i on `width` threads. Ctrl-C (or any error here) cancels the backend's calls in
    flight and returns at once, without waiting for them: none of their answers is cached."""
    pool = ThreadPoolExecutor(width, thread_name_prefix="summarizer-task")
    try:
        list(pool.map(work, items))
    except BaseException:
        backend.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _as_chat_completion(done: Completion, model: str, n: int):
    """A backend's Completion in the shape instructor's create() protocol reads (OpenAI's ChatCompletion)."""
    from openai.types.chat import ChatCompletion

    return ChatCompletion.model_validate({
        "id": f"summarizer-{n}", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "finish_reason": done.finish_reason,
                     "message": {"role": "assistant", "content": done.text}}],
        "usage": {"prompt_tokens": done.prompt_tokens, "completion_tokens": done.completion_tokens,
                  "total_tokens": done.prompt_tokens + done.completion_tokens},
    })


def _completion_text(completion: Any) -> str | None:
    try:
        return completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None


def error_message(error: dict) -> str:
    """A pydantic error's message without pydantic's 'Value error, ' prefix (our validators say it all)."""
    return error["msg"].removeprefix("Value error, ")


def _short(exc: BaseException | None) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'answer'}: {error_message(e)}" for e in exc.errors()[:5])
    return str(exc).splitlines()[0] if exc else "unknown error"
