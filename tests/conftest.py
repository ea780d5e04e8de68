"""Shared fixtures: an isolated environment and cache for every test, a client over the scripted fake
backend, the SmolLM2 GGUF for tests that run a real model, and a perfect result for the metrics.
Helpers that are not fixtures live in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.backends.fake import FakeBackend
from summarizer.config import resolve_settings
from summarizer.structured.cache import AnswerCache
from summarizer.structured.client import StructuredClient

from .helpers import GOLD_000, ROOT, careful_extractor


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """No test reads the user's cache, key or model choice."""
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_BASE_URL", "SUMMARIZER_API_KEY",
                "SUMMARIZER_JSON_MODE", "SUMMARIZER_NO_CACHE", "SUMMARIZER_FAKE_ANSWERS", "SUMMARIZER_MAX_RETRIES",
                "SUMMARIZER_BRIEF_RETRIES", "SUMMARIZER_CONCURRENCY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def settings(tmp_path):
    """Settings of a run on the fake backend, with this test's own cache directory."""
    return resolve_settings({"model": "fake", "cache_dir": tmp_path / "cache"}, env={})


@pytest.fixture
def fake_client(tmp_path):
    """A StructuredClient over a FakeBackend answering like careful_extractor, with its own cache."""

    def make(*answers, cache=True, max_retries=1):
        backend = FakeBackend("fake", list(answers), default=careful_extractor)
        cache_obj = AnswerCache(tmp_path / "cache", enabled=cache)
        return StructuredClient(lambda: backend, backend.identity(), cache_obj, max_retries=max_retries), backend

    return make


@pytest.fixture(scope="session")
def smollm_path(tmp_path_factory) -> Path:
    """The real SmolLM2-135M GGUF, assembled and verified like any local model."""
    from summarizer.backends.modelstore import ensure_model

    return ensure_model("smollm2-135m", tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def default_model_cache(tmp_path_factory) -> Path:
    """One answer cache for the tests that run the default model, so each article is inferred once."""
    return tmp_path_factory.mktemp("default-model-cache")


@pytest.fixture
def perfect():
    """A result whose claims are the gold claims and whose brief carries every must-carry fact."""
    from summarizer.analysis.brief import disagreements
    from summarizer.analysis.conflicts import candidates
    from summarizer.evaluation.gold import load_gold
    from summarizer.ingest.document import load_document
    from summarizer.models import Brief, Claim, KeyPoint, Result

    gold = load_gold(GOLD_000)
    doc = load_document(ROOT / gold.article)
    claims = [Claim.model_validate(c.model_dump(exclude={"key", "speaker_aliases"}) | {"id": f"C{i}"})
              for i, c in enumerate(gold.claims, 1)]
    points = [KeyPoint(text=m.fact + ".", claims=[f"C{int(m.claims[0][1:])}"]) for m in gold.brief.must_carry]
    brief = Brief(title="North Korean troops and the Kursk front", bottom_line=points[0].text,
                  bottom_line_claims=points[0].claims, key_points=points, disagreements=disagreements(candidates(claims)))
    return gold, Result(model="test", prompt_versions={}, document=doc, claims=claims, brief=brief)

