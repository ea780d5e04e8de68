"""The openai backend over real HTTP: llama.cpp's OpenAI-compatible server on 127.0.0.1 serving
SmolLM2-135M (markers server and model). The server rejects `json_schema` requests, so this also covers
style detection. And the error when no server answers at all."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

import jsonschema
import pytest

from summarizer.models import Result

from .helpers import run, schema, write_article

ARTICLE = """Kyiv, March 4 (ANI): About 300 drones were launched at Kyiv overnight, the Ukrainian air force said.

Russia denied targeting civilians, according to TASS.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(smollm_path, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(smollm_path),
                                 "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
                                stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/models", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("llama_cpp.server did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.server
@pytest.mark.model
def test_brief_and_grounded_json_over_http(server, tmp_path):
    article = write_article(tmp_path, ARTICLE)
    md = run(article, "--brief", "--model", "openai/smollm2", "--base-url", server, "--quiet")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# ") and "## Appendix: claims" in md.stdout
    out = run(article, "--brief", "--model", "openai/smollm2", "--base-url", server, "--format", "json", "--quiet")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    jsonschema.validate(data, schema())
    result = Result.model_validate(data)
    # the extraction answers of the first run are served from the cache (a brief that failed is not cached)
    assert result.usage.cache_hits >= len(result.document.sentences)
    assert result.usage.cache_misses == 0 or any(w.stage == "brief" for w in result.warnings)
    for claim in result.claims:
        for ev in claim.evidence:
            assert result.document.text[ev.start:ev.end] == ev.text


def test_unreachable_server_is_a_clear_error(tmp_path):
    """No server at all (nothing listens on the port): the fast tier runs it."""
    article = write_article(tmp_path, ARTICLE)
    out = run(article, "--model", "openai/x", "--base-url", f"http://127.0.0.1:{_free_port()}/v1", "--no-cache")
    last = out.stderr.splitlines()[-1]
    assert out.returncode == 6 and last.startswith("Error: http://127.0.0.1:") and "connection failed" in last
    assert "gave up after 4 attempts" in last and "Traceback" not in out.stderr
    for line in out.stderr.splitlines()[:-1]:  # before the error: retry warnings, and the progress line
        assert (line.startswith("WARNING: ") and "retry" in line) or re.fullmatch(r"claims: \d+/\d+", line), line
