"""The command line as a user meets it: one-line errors, exit codes, no partial files, stdin, json."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest

from summarizer.backends.modelstore import KNOWN

from .helpers import SEED_000, SEED_000_BRIEF, careful_answers, run, schema, scripted_env


@pytest.fixture
def fake_env(tmp_path):
    """Answers for the CLI's fake backend: one careful claim per sentence of seed 000, then a brief."""
    return scripted_env(tmp_path, [*careful_answers(SEED_000), SEED_000_BRIEF])


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
    assert "**Bottom line:** About 12,000 troops were sent, according to Ukrainian officials. [C5]" in out.stdout
    points = [line for line in out.stdout.split("## Key points", 1)[1].split("\n## ", 1)[0].splitlines()
              if line.startswith("- ")]
    assert len(points) >= 3 and all(re.search(r"\[C\d+\]$", p) for p in points)  # each cites its claims
    assert any("recaptured" in p and p.endswith("[C8]") for p in points)  # each side of the disagreement has its say
    assert "- Where are the troops now?" in out.stdout
    assert "## Disagreements" in out.stdout
    assert "## Appendix: claims" in out.stdout
    # second run: the answers file is exhausted, so only the cache can answer
    again = run(SEED_000, "--brief", "--model", "fake", "--format", "json",
                env=scripted_env(tmp_path, []))
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    jsonschema.validate(data, schema())
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
    # 13 model answers (12 sentences and the brief) and the whole result
    assert "entries: 14" in info.stdout and "results: 1 " in info.stdout and str(cache_dir) in info.stdout
    assert "removed 14" in run("cache", "clear", "--cache-dir", cache_dir).stdout
    assert "entries: 0" in run("cache", "info", "--cache-dir", cache_dir).stdout


def test_models_lists_known_models_with_status(tmp_path):
    out = run("models", "--cache-dir", tmp_path)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["model", "size", "status"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert list(rows) == ["local/qwen2.5-coder-1.5b", "local/qwen2.5-coder-0.5b", "local/smollm2-135m"]
    for name, spec in KNOWN.items():  # an empty cache: installed or not, as its packages are
        line = rows[f"local/{name}"]
        if spec.part_paths() is not None:
            assert line.split()[2] == "installed", line
        else:
            assert line.split()[2:4] == ["not", "installed"] and spec.install in line, line


@pytest.mark.model
def test_models_pull_assembles_and_verifies(tmp_path):
    out = run("models", "pull", "local/smollm2-135m", "--cache-dir", tmp_path)
    assert out.returncode == 0, out.stderr
    path = tmp_path / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert out.stdout.strip() == str(path) and path.stat().st_size == 98_362_432
    assert "ready" in run("models", "--cache-dir", tmp_path).stdout


def test_local_gguf_path_that_does_not_exist(tmp_path):
    out = run(SEED_000, "--model", f"local/{tmp_path}/none.gguf")
    assert out.returncode == 4 and "no GGUF file" in out.stderr


# Run the CLI as if installed without the [local] extra: its packages cannot be imported.
WITHOUT_LOCAL_EXTRA = """
import sys
class NotInstalled:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("llama_cpp", "llguidance", "numpy"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, NotInstalled())
from summarizer.cli import main
main(sys.argv[1:])
"""


def test_local_models_without_the_local_extra_say_how_to_install_it(tmp_path):
    """`pip install summarizer` without [local]: asking for a local model is a configuration error (exit 4)
    that names what to install, never an internal error."""
    gguf = tmp_path / "some.gguf"
    gguf.write_bytes(b"GGUF" + b"\x00" * 100)
    for model, message in ((f"local/{tmp_path}/none.gguf", "no GGUF file"), (f"local/{gguf}", "pip install"),
                           ("local/smollm2-135m", "pip install")):
        out = subprocess.run([sys.executable, "-c", WITHOUT_LOCAL_EXTRA, str(SEED_000), "--model", model, "--no-cache"],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 4, (model, out.stderr[-500:])
        assert out.stderr.startswith("Error: ") and message in out.stderr and out.stderr.count("\n") == 1, out.stderr


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
