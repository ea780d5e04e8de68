"""summarizer: news articles -> grounded claims and neutral briefs with a language model.

    from summarizer import resolve_settings, summarize
    result = summarize("article.txt", resolve_settings({"model": "local/qwen2.5-coder-1.5b"}))

The names below are imported on first use, so `import summarizer` (and `summarize --help`) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "Settings": "summarizer.config", "resolve_settings": "summarizer.config",
    "load_document": "summarizer.ingest.document", "parse_document": "summarizer.ingest.document",
    "Brief": "summarizer.models", "Claim": "summarizer.models", "Collection": "summarizer.models",
    "Document": "summarizer.models", "Result": "summarizer.models",
    "summarize": "summarizer.pipeline", "summarize_many": "summarizer.pipeline",
}
__all__ = sorted(_LAZY)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from summarizer.config import Settings, resolve_settings  # noqa: F401
    from summarizer.ingest.document import load_document, parse_document  # noqa: F401
    from summarizer.models import Brief, Claim, Collection, Document, Result  # noqa: F401
    from summarizer.pipeline import summarize, summarize_many  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
