"""The main job on the embedded default model (Qwen2.5-Coder-1.5B, real inference): the JSON output
validates against schemas/, every evidence span matches the article, the brief is there and
the contrast between ISW and the Russian military is reported as a disagreement."""

from __future__ import annotations

import json

import jsonschema
import pytest

from .helpers import SEED_000, run, schema

pytestmark = pytest.mark.slow


def test_seed_000_brief_on_the_default_model(default_model_cache):
    out = run(SEED_000, "--brief", "--format", "json", "--quiet", "--cache-dir", default_model_cache, timeout=1800)
    assert out.returncode == 0, out.stderr[-2000:]
    data = json.loads(out.stdout)
    jsonschema.validate(data, schema())
    assert data["model"] == "local/qwen2.5-coder-1.5b"
    text = data["document"]["text"]
    assert len(data["claims"]) >= 10  # 12 sentences, each carrying at least one claim
    for claim in data["claims"]:
        for ev in claim["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    brief = data["brief"]
    assert brief and brief["bottom_line"] and len(brief["key_points"]) >= 1
    sides = [s["claims"][0] for d in brief["disagreements"] for s in d["sides"]]
    by_id = {c["id"]: c for c in data["claims"]}
    assert any("recaptured" in by_id[i]["statement"] for i in sides)
    assert data["usage"]["cached_prompt_tokens"] > 0.6 * data["usage"]["prompt_tokens"]  # KV prefix reuse
