"""Every exit code in the README's table is the one the code defines, and every one can be reached
the way a user would reach it."""

from __future__ import annotations

import re
import shutil

import pytest

from summarizer.errors import EXIT_CODES

from .helpers import (
    ARTICLES,
    GOLD,
    GOLD_000,
    GOLD_004,
    ROOT,
    SEED_000,
    SEED_004,
    careful_answers,
    claims_env,
    restating_brief,
    run,
    scripted_env,
    write_article,
)


def test_readme_table_matches_the_code():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = [int(c) for c in re.findall(r"^\| (\d+) \|", section, flags=re.M)]
    assert codes == sorted(EXIT_CODES)


def _seed_gold(tmp_path):
    """A gold folder with the two seeds and their pair only: the answers below are scripted for them.
    Gold names its article relative to the folder's grandparent, as fixtures/gold does."""
    folder = tmp_path / "fixtures" / "gold"
    folder.mkdir(parents=True)
    (tmp_path / "fixtures" / "articles").symlink_to(ARTICLES)
    for path in (GOLD_000, GOLD_004, *GOLD.glob("pair_*.json")):
        shutil.copy2(path, folder / path.name)
    return folder


def _eval_env(tmp_path):
    """Scripted answers for `summarize eval --model fake`: each sentence restated by 'the article'
    (no speakers, no relays), which the gold rightly scores below the thresholds."""
    answers = [*careful_answers(SEED_000), restating_brief(SEED_000, "S6"), *careful_answers(SEED_004),
               restating_brief(SEED_004, "S1"), restating_brief(SEED_000, "S6", "A1")]  # the last: the pair's brief
    return scripted_env(tmp_path, answers)


def test_every_exit_code_is_reachable(tmp_path):
    article = write_article(tmp_path, "Oslo, May 1 (NTB): About 300 homes lost power, the utility said.\n")
    fake = claims_env(tmp_path, article)
    empty = write_article(tmp_path, "", name="empty.txt")
    corrupt = tmp_path / "corrupt-cache"
    corrupt.mkdir()
    (corrupt / "cache.db").write_bytes(b"not a database" * 100)
    cases = {
        0: (run(article, "--claims", "--model", "fake", env=fake), None),
        2: (run(article, "--model", "nonsense/x"), "unknown"),
        3: (run(tmp_path / "missing.txt", "--model", "fake"), "no such file"),
        4: (run(article, "--model", "openai/gpt-4o-mini"), "No API key"),
        6: (run(article, "--model", "openai/x", "--base-url", "http://127.0.0.1:9/v1", "--no-cache",
                env={"SUMMARIZER_HTTP_RETRIES": "0"}), "connection failed"),
        7: (run("cache", "info", "--cache-dir", corrupt), "cannot be read"),
        8: (run(article, "--claims", "--model", "fake", "-o", tmp_path, env=fake), "is a directory"),
        9: (run("eval", "--model", "fake", "--gold", _seed_gold(tmp_path), "--report-dir", tmp_path / "reports",
                "--no-cache", env=_eval_env(tmp_path)), "evaluation failed"),
        10: (run("batch", article, empty, "-o", tmp_path / "batch.jsonl", "--claims", "--model", "fake", env=fake),
             "1 of 2 articles failed"),
    }
    # 1 (an unexpected error) and 5 (a model file that cannot be loaded) have tests of their own below
    assert sorted([*cases, 1, 5]) == sorted(EXIT_CODES)
    for code, (out, message) in cases.items():
        assert out.returncode == code, (code, out.stderr[-500:])
        if message:
            last = out.stderr.strip().splitlines()[-1]
            assert last.startswith("Error: ") and message in last, (code, last)
        assert "Traceback" not in out.stderr


@pytest.mark.model
def test_a_model_file_that_cannot_be_loaded_is_exit_5(tmp_path):
    """llama.cpp refuses a file that only starts like a GGUF."""
    broken_gguf = tmp_path / "broken.gguf"
    broken_gguf.write_bytes(b"GGUF" + b"\x00" * 1000)
    out = run(write_article(tmp_path), "--model", f"local/{broken_gguf}", "--no-cache")
    last = out.stderr.strip().splitlines()[-1]
    assert out.returncode == 5 and last.startswith("Error: ") and "cannot load" in last, out.stderr[-500:]
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
