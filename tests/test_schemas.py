"""schemas/ holds the JSON Schema of the public models; it must match the code."""

from summarizer.render.schemas import schema_texts

from .helpers import ROOT


def test_exported_schemas_are_current():
    for name, text in schema_texts().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"{path} missing: run `summarize schema`"
        assert path.read_text() == text, f"{path} is stale: run `summarize schema`"
