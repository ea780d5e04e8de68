"""Every exit code in the README's table is the one the code defines, and every one can be reached
the way a user would reach it."""

from __future__ import annotations

import re

import pytest

from summarizer.errors import EXIT_CODES

from .conftest import ROOT, SEED_000, SEED_004, careful_extractor, write_answers
from .test_cli import run


def test_readme_table_matches_the_code():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = [int(c) for c in re.findall(r"^\| (\d+) \|", section, flags=re.M)]
    assert codes == sorted(EXIT_CODES)


def _eval_answers(tmp_path):
    """Scripted answers for `summarize eval --model fake`: each sentence restated by 'the article'
    (no speakers, no relays), which the gold rightly scores below the thresholds."""
    from summarizer.ingest.document import load_document

    answers = []
    for path in (SEED_000, SEED_004):
        for s in load_document(path).sentences:
            answers.append(careful_extractor([{"role": "user", "content": f"[{s.id}] {s.text}"}],
                                             {"properties": {"claims": {}}}))
        answers.append({"title": "Troops in Kursk", "bottom_line": "Sources describe the war.", "bottom_line_claims": ["C1"],
                        "key_points": [{"text": f"The {w} point.", "claims": [f"C{k}"]}
                                       for k, w in ((1, "first"), (2, "second"), (3, "third"))],
                        "open_questions": []})
    answers.append({"title": "Troops in Kursk", "bottom_line": "Sources describe the war.",  # the pair's brief
                    "bottom_line_claims": ["A1:C1"], "key_points": [
                        {"text": f"The {w} point.", "claims": [i]}
                        for w, i in (("first", "A1:C1"), ("second", "A1:C2"), ("third", "A2:C1"))],
                    "open_questions": []})
    return {"SUMMARIZER_FAKE_ANSWERS": str(write_answers(tmp_path / "answers.json", answers))}


def test_every_exit_code_is_reachable(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Oslo, May 1 (NTB): About 300 homes lost power, the utility said.\n")
    from .test_inputs import _fake

    fake = _fake(tmp_path, article)
    broken_gguf = tmp_path / "broken.gguf"
    broken_gguf.write_bytes(b"GGUF" + b"\x00" * 1000)
    corrupt = tmp_path / "corrupt-cache"
    corrupt.mkdir()
    (corrupt / "cache.db").write_bytes(b"not a database" * 100)
    cases = {
        0: (run(article, "--claims", "--model", "fake", env=fake), None),
        2: (run(article, "--model", "nonsense/x"), "unknown"),
        3: (run(tmp_path / "missing.txt", "--model", "fake"), "no such file"),
        4: (run(article, "--model", "openai/gpt-4o-mini"), "No API key"),
        5: (run(article, "--model", f"local/{broken_gguf}", "--no-cache"), "cannot load"),
        6: (run(article, "--model", "openai/x", "--base-url", "http://127.0.0.1:9/v1", "--no-cache",
                env={"SUMMARIZER_HTTP_RETRIES": "0"}), "connection failed"),
        7: (run("cache", "info", "--cache-dir", corrupt), "cannot be read"),
        8: (run(article, "--claims", "--model", "fake", "-o", tmp_path, env=fake), "is a directory"),
        9: (run("eval", "--model", "fake", "--report-dir", tmp_path / "reports", "--no-cache",
                env=_eval_answers(tmp_path)), "evaluation failed"),
    }
    for code, (out, message) in cases.items():
        assert out.returncode == code, (code, out.stderr[-500:])
        if message:
            last = out.stderr.strip().splitlines()[-1]
            assert last.startswith("Error: ") and message in last, (code, last)
        assert "Traceback" not in out.stderr


def test_an_unexpected_error_is_exit_1_with_one_line(monkeypatch, capsys):
    from summarizer import cli, pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody planned for")

    monkeypatch.setattr(pipeline, "summarize", broken)
    with pytest.raises(SystemExit) as exit_:
        cli.main([str(SEED_000), "--model", "fake"])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: something nobody planned for" in err
    assert "--debug" in err
