"""One error hierarchy for the whole toolkit; each error carries the exit code the CLI returns."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: a message that says what went wrong and how to fix it."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(SummarizerError):
    """Bad flags or an unknown model name."""

    exit_code = 2


class InputError(SummarizerError):
    """The article cannot be read or holds no text."""

    exit_code = 3


class ConfigError(SummarizerError):
    """Missing API key, missing model package, bad environment value."""

    exit_code = 4


class ModelError(SummarizerError):
    """The model could not be loaded or verified (sha256 mismatch, broken file)."""

    exit_code = 5


class BackendError(SummarizerError):
    """The backend failed: HTTP errors, time-outs, output that stays invalid after re-asks."""

    exit_code = 6


class ContextOverflow(BackendError):
    """The prompt (with a re-ask, the previous answer too) does not fit the model's context window."""


class BudgetExceeded(BackendError):
    """The run used up its token budget (SUMMARIZER_TOKEN_BUDGET)."""


class CacheError(SummarizerError):
    """The cache directory cannot be used."""

    exit_code = 7


class OutputError(SummarizerError):
    """The output file cannot be written."""

    exit_code = 8


class EvalFailed(SummarizerError):
    """The evaluation fell below a threshold or regressed against the baseline."""

    exit_code = 9


EXIT_CODES = {
    0: "success",
    1: "unexpected internal error (run with --debug and report it)",
    **{cls.exit_code: (cls.__doc__ or "").strip().rstrip(".") for cls in (
        UsageError, InputError, ConfigError, ModelError, BackendError, CacheError, OutputError, EvalFailed)},
}
