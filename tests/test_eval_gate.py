"""CI's regression gate: `summarize eval` on the embedded default model (real inference) must pass
eval/thresholds.toml and stay within tolerance of eval/baseline.json."""

from __future__ import annotations

import pytest

from .helpers import run

pytestmark = pytest.mark.slow


def test_eval_on_the_default_model_passes_the_gate(default_model_cache, tmp_path):
    # --no-cache: every article is inferred cold (other tests fill this cache), so the token counts and
    # re-asks gated against the baseline are those of a real first run; the cache dir still holds the model
    out = run("eval", "--quiet", "--cache-dir", default_model_cache, "--no-cache", "--report-dir",
              tmp_path / "reports", timeout=2400)
    print(out.stdout)  # the metrics table, shown by pytest -rA or on failure
    assert out.returncode == 0, (out.stdout + out.stderr)[-3000:]
    for name in ("report.json", "report.md", "junit.xml", "report.html"):
        assert (tmp_path / "reports" / name).exists()
