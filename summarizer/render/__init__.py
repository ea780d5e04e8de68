"""Output: a Result or Collection as Markdown (people), JSON (machines) or a self-contained HTML review
page; files written atomically; progress on stderr."""

from __future__ import annotations

from summarizer.models import Collection, Result

FORMATS = ("markdown", "json", "html")


def render(result: Result | Collection, fmt: str, brief: bool = True) -> str:
    """The text of result in one of FORMATS (`brief`: Markdown leads with the brief, else only claims)."""
    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    if fmt == "html":
        from summarizer.render.review_page import review_page

        return review_page(result)
    from summarizer.render import markdown

    if isinstance(result, Collection):
        return markdown.collection_markdown(result, brief)
    if brief:
        return markdown.brief_markdown(result)
    return markdown.claims_markdown(result) + markdown.warnings_markdown(result)
