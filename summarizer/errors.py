"""One error hierarchy for the whole toolkit; each error carries the exit code the CLI returns and a
message that says how to fix it. The command line prints `Error: <message>` on stderr and exits with
the code; `--debug` shows the traceback instead.

    SummarizerError                 1  base class (and any unexpected error: a bug)
    ├── UsageError                  2  bad flags, an unknown model name
    ├── InputError                  3  the article cannot be read or holds no text
    ├── ConfigError                 4  a missing API key, model package or file; a bad environment value
    ├── ModelError                  5  the model weights cannot be loaded or verified (sha256 mismatch)
    ├── BackendError                6  the model call failed after retries and re-asks
    │   ├── TaskFailed                 one answer could not be decoded; the run's other tasks go on
    │   │   └── ContextOverflow        the prompt does not fit the model's context window
    │   └── BudgetExceeded             the run's token budget is spent
    ├── CacheError                  7  `summarize cache` cannot read the cache (a run warns and goes on)
    ├── OutputError                 8  the output file cannot be written
    ├── EvalFailed                  9  `summarize eval`: a metric below its threshold or baseline
    └── BatchFailed                10  `summarize batch`: some articles failed (their error records are written)

Usage errors of the command line itself (an unknown flag, a bad value) also exit 2.
"""

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


class TaskFailed(BackendError):
    """One model task failed (a decoder error, a prompt too long): it is left without an answer and
    reported as a warning; the other tasks of the run go on."""


class ContextOverflow(TaskFailed):
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


class BatchFailed(SummarizerError):
    """`summarize batch`: some articles failed; their error records are in the output and a re-run retries them."""

    exit_code = 10


EXIT_CODES = {
    0: "success",
    1: "unexpected internal error (run with --debug and report it)",
    **{cls.exit_code: (cls.__doc__ or "").strip().rstrip(".") for cls in (
        UsageError, InputError, ConfigError, ModelError, BackendError, CacheError, OutputError, EvalFailed,
        BatchFailed)},
}
