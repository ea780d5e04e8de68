"""summarizer: news articles -> grounded claims and neutral briefs with a language model.

    from summarizer import summarize, resolve_settings
    result = summarize("article.txt", resolve_settings({"model": "local/qwen2.5-coder-1.5b"}))
"""

from .config import Settings, resolve_settings
from .document import load_document, parse_document
from .models import Brief, Claim, Document, Result
from .pipeline import summarize

__version__ = "0.1.0"
__all__ = ["Brief", "Claim", "Document", "Result", "Settings", "load_document", "parse_document",
           "resolve_settings", "summarize"]
