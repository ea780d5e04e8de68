"""Several articles, one brief: claims keep their article, date and outlet; figures about the same
quantity form a timeline across articles; conflicts and changes are found; directories and globs work."""

from __future__ import annotations

import json

import jsonschema
import pytest

from summarizer.ingest.document import load_document

from .helpers import SEED_000, SEED_004, pair_env, run, schema


def test_two_articles_one_brief_with_timeline_changes_and_conflicts(tmp_path):
    # given in reverse order: the collection orders by publication date
    out = run(SEED_004, SEED_000, "--brief", "--format", "json", "--model", "fake", env=pair_env(tmp_path))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    jsonschema.validate(data, schema("collection"))
    assert [(a["id"], a["date"], a["outlet"]) for a in data["articles"]] == [
        ("A1", "2025-02-01", "ANI"), ("A2", "2025-04-02", "IANS")]
    for c in data["claims"]:
        assert c["id"].startswith(c["article"] + ":")
        assert (c["published"], c["outlet"]) == {"A1": ("2025-02-01", "ANI"), "A2": ("2025-04-02", "IANS")}[c["article"]]
        doc = data["documents"][int(c["article"][1:]) - 1]
        for e in c["evidence"]:
            assert doc["text"][e["start"]:e["end"]] == e["text"]
    timeline = {g["quantity"]: g for g in data["timeline"]}
    sent = timeline["troops sent"]
    assert {e["article"] for e in sent["entries"]} == {"A1", "A2"} and sent["differs"]
    assert any("12,000" in e["text"] and e["date"] == "2025-02-01" for e in sent["entries"])
    assert any("11,000" in e["text"] and e["date"] == "2025-04-02" for e in sent["entries"])
    kinds = {c["quantity"]: c["kind"] for c in data["changes"]}
    assert kinds["troops sent"] == "changed" and kinds.get("additional troops") == "new"
    topics = [d["topic"] for d in data["brief"]["disagreements"]]
    assert "Different figures for troops sent" in topics  # (opposing assertions need named speakers: see test_timeline)
    cited = set(data["brief"]["bottom_line_claims"]) | {i for p in data["brief"]["key_points"] for i in p["claims"]}
    assert cited <= {c["id"] for c in data["claims"]} and {"A1", "A2"} <= {i.split(":")[0] for i in cited}


def test_a_directory_and_a_quoted_glob_name_the_same_articles(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for seed in (SEED_004, SEED_000):
        (folder / seed.name).write_bytes(seed.read_bytes())
    env = pair_env(tmp_path)
    by_dir = run(folder, "--claims", "--format", "json", "--model", "fake", "--no-cache", env=env)
    by_glob = run(str(folder / "2025-*.txt"), "--claims", "--format", "json", "--model", "fake", "--no-cache",
                  env=env)
    assert by_dir.returncode == 0 and by_glob.returncode == 0, by_dir.stderr + by_glob.stderr
    assert [a["source"] for a in json.loads(by_dir.stdout)["articles"]] == [str(folder / SEED_000.name),
                                                                         str(folder / SEED_004.name)]
    assert json.loads(by_dir.stdout)["claims"] == json.loads(by_glob.stdout)["claims"]


def test_markdown_shows_changes_and_the_timeline(tmp_path):
    out = run(SEED_000, SEED_004, "--model", "fake", env=pair_env(tmp_path))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for heading in ("## Key points", "## What changed", "## Figures over time", "## Disagreements",
                    "### A1", "### A2"):
        assert heading in text
    assert "| troops sent ⚠ differs |" in text


def test_the_same_article_twice_is_read_once(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_000.read_bytes())
    env = pair_env(tmp_path)
    out = run(SEED_000, copy, SEED_004, "--claims", "--format", "json", "--model", "fake", "--no-cache", env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["articles"]) == 2 and "same text as an earlier article" in out.stderr


def test_empty_directory_and_unmatched_glob_are_input_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    for arg, message in ((tmp_path / "empty", "no article files"), (str(tmp_path / "*.txt"), "no file matches")):
        out = run(arg, "--model", "fake")
        assert out.returncode == 3 and message in out.stderr and out.stderr.count("\n") == 1


def test_per_article_answers_are_shared_with_single_runs(tmp_path):
    """The claims of each article come from the same cached answers as a run on that article alone."""
    env = pair_env(tmp_path)
    cache = tmp_path / "shared"
    single = run(SEED_000, "--claims", "--format", "json", "--model", "fake", "--cache-dir", cache, env=env)
    assert single.returncode == 0, single.stderr
    both = run(SEED_000, SEED_004, "--claims", "--format", "json", "--model", "fake", "--cache-dir", cache,
               env=pair_env(tmp_path, SEED_004, SEED_004))
    assert both.returncode == 0, both.stderr
    usage = json.loads(both.stdout)["usage"]
    assert usage["cache_hits"] == len(load_document(SEED_000).sentences)


def test_the_token_budget_covers_the_whole_run_not_each_article(tmp_path, settings, fake_client):
    """Per-article usage is reset for each article's report; the budget still counts every call."""
    from summarizer.errors import BudgetExceeded
    from summarizer.pipeline import summarize, summarize_many

    client, backend = fake_client(cache=False)
    summarize(SEED_000, settings, client=client, with_brief=False)
    one_article = client.spent
    client, backend = fake_client(cache=False)
    client.token_budget = int(one_article * 1.5)  # more than one article, less than two
    with pytest.raises(BudgetExceeded):
        summarize_many([SEED_000, SEED_004], settings, client=client, with_brief=False)
    assert one_article < client.spent < 2 * one_article + 1
