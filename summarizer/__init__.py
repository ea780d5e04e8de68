"""summarizer: news articles -> grounded claims and neutral briefs with a language model.

    from summarizer import resolve_settings, summarize
    result = summarize("article.txt", resolve_settings({"model": "local/qwen2.5-coder-1.5b"}))
"""

from summarizer.config import Settings, resolve_settings
from summarizer.ingest.document import load_document, parse_document
from summarizer.models import Brief, Claim, Document, Result
from summarizer.pipeline import summarize

__version__ = "0.1.0"
__all__ = ["Brief", "Claim", "Document", "Result", "Settings", "load_document", "parse_document",
           "resolve_settings", "summarize"]
