"""`summarize batch` as a user meets it, on the scripted fake backend: a directory, JSONL files and stdin
in, one JSON line per article out; a re-run skips what is done, a torn last line is dropped, an
unreadable article is an error line and exit 10, bad input stops the whole batch, progress on a
terminal and off it. Its scripted model, storm_model, and storm_article live in helpers.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import batch_records, run, storm_article, storm_model, write_jsonl


def scripted(tmp_path: Path, texts: list[str], brief: bool = False) -> dict[str, str]:
    """SUMMARIZER_FAKE_ANSWERS for `--model fake`: what storm_model answers, in the order the pipeline asks,
    when the articles run one after the other (recorded from an in-process run)."""
    from summarizer.backends.fake import FakeBackend
    from summarizer.config import resolve_settings
    from summarizer.ingest.document import parse_document
    from summarizer.pipeline import open_client, summarize

    answers: list[dict] = []

    def record(messages: list[dict], schema: dict) -> dict:
        answers.append(storm_model(messages, schema))
        return answers[-1]

    settings = resolve_settings({"model": "fake", "use_cache": False, "cache_dir": tmp_path / "unused"}, env={})
    client = open_client(settings, FakeBackend("fake", default=record))
    for text in texts:
        summarize(parse_document(text), settings, with_brief=brief, client=client)
    path = tmp_path / f"answers-{len(list(tmp_path.glob('answers-*')))}.json"
    path.write_text(json.dumps(answers))
    return {"SUMMARIZER_FAKE_ANSWERS": str(path)}


def test_a_directory_gives_one_record_per_article_and_a_rerun_skips_them(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    texts = [storm_article(n) for n in range(3)]
    for n, text in enumerate(texts):
        (folder / f"{n}.txt").write_text(text)
    out = tmp_path / "results.jsonl"
    done = run("batch", folder, "--brief", "--model", "fake", "-o", out, env=scripted(tmp_path, texts, True))
    assert done.returncode == 0, done.stderr
    assert "batch: 3 ok, 0 failed, 0 skipped" in done.stderr and "tokens -> " in done.stderr
    found = batch_records(out)
    assert sorted(r["id"] for r in found) == [str(folder / f"{n}.txt") for n in range(3)]
    for r in found:
        assert r["status"] == "ok" and r["source"] == r["id"]
        assert r["sha256"] == r["result"]["document"]["sha256"]
        assert r["result"]["brief"]["bottom_line"].startswith("Homes lost power after the storm, the utility said.")
        assert [c["evidence"][0]["sentence_id"] for c in r["result"]["claims"]] == ["S1", "S2"]
    assert not out.with_name("results.jsonl.lock").exists()
    # the same command again: nothing to do, no model call (the script is empty), the file unchanged; an
    # output inside the input folder is not read as an input
    again = run("batch", folder, "--brief", "--model", "fake", "-o", out, env=scripted(tmp_path, []))
    assert again.returncode == 0, again.stderr
    assert "0 ok, 0 failed, 3 skipped" in again.stderr
    assert len(batch_records(out)) == 3
    inside = folder / "results.jsonl"
    out.rename(inside)
    third = run("batch", folder, "--brief", "--model", "fake", "-o", inside, env=scripted(tmp_path, []))
    assert third.returncode == 0 and "0 ok, 0 failed, 3 skipped" in third.stderr, third.stderr


def test_jsonl_articles_keep_their_id_date_and_source_with_progress_lines(tmp_path):
    rows = [{"id": f"wire-{n}", "text": storm_article(n)} for n in range(12)]
    rows[0] |= {"id": 7, "date": "2024-12-31T08:00:00Z", "source": "https://example.org/storm"}
    feed = write_jsonl(tmp_path / "feed.jsonl", rows[:6])
    (tmp_path / "more.jsonl").write_text("\n".join(json.dumps(r) for r in rows[6:]) + "\n\n")  # a blank line
    out = tmp_path / "out.jsonl"
    done = run("batch", feed, tmp_path / "more.jsonl", "--claims", "--model", "fake", "-o", out,
                     env=scripted(tmp_path, [r["text"] for r in rows]))
    assert done.returncode == 0, done.stderr
    by_id = {r["id"]: r for r in batch_records(out)}
    assert sorted(by_id) == sorted(["7", *(f"wire-{n}" for n in range(1, 12))])
    first = by_id["7"]
    assert first["source"] == "https://example.org/storm" and first["result"]["document"]["date"] == "2024-12-31"
    assert by_id["wire-1"]["source"] == str(feed) and by_id["wire-1"]["result"]["document"]["date"] is None
    assert by_id["wire-8"]["source"] == str(tmp_path / "more.jsonl")
    assert all(r["result"]["brief"] is None for r in by_id.values())  # --claims
    # no terminal: a plain line every 10 articles and after the last
    assert [line.split(",")[0] for line in done.stderr.splitlines() if "articles/min" in line] == \
        ["batch: 10/12 articles", "batch: 12/12 articles"]


def test_stdin_is_read_as_jsonl(tmp_path):
    rows = [{"id": f"s{n}", "text": storm_article(n)} for n in range(2)]
    out = tmp_path / "out.jsonl"
    feed = "".join(json.dumps(r) + "\n" for r in rows)
    done = run("batch", "-", "--claims", "--model", "fake", "-o", out, stdin=feed,
                     env=scripted(tmp_path, [r["text"] for r in rows]))
    assert done.returncode == 0, done.stderr
    assert [(r["id"], r["source"], r["status"]) for r in batch_records(out)] == [("s0", "<stdin>", "ok"),
                                                                          ("s1", "<stdin>", "ok")]


def test_on_a_terminal_one_progress_bar_shows_done_total_rate_and_failures(tmp_path):
    import pty

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(storm_article(0))
    (folder / "b.txt").write_bytes(b"\x00\x01 binary")
    master, terminal = pty.openpty()
    env = {**os.environ, **scripted(tmp_path, [storm_article(0)]), "TERM": "xterm", "COLUMNS": "120"}
    proc = subprocess.Popen([sys.executable, "-m", "summarizer", "batch", folder, "--claims", "--model", "fake", "-o",
                             tmp_path / "out.jsonl"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=terminal, env=env)
    os.close(terminal)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        screen += chunk
    assert proc.wait(timeout=120) == 10
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.decode())
    assert re.search(r"batch ━+ 2/2 [\d.]+ articles/min, 1 failed", text), text[-600:]
    assert "batch: 1 ok, 1 failed, 0 skipped" in text


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "text": "Fine."}\n{"id": "b", "text": "cut', "feed.jsonl line 2: is not valid JSON"),
    ('{"id": "a"}\n', 'feed.jsonl line 1: needs a "text" string'),
    ('{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n', "article id 'a' appears twice"),
])
def test_bad_input_for_the_whole_batch_is_one_error_line_and_no_output(tmp_path, line, message):
    (tmp_path / "feed.jsonl").write_text(line)
    out = tmp_path / "out.jsonl"
    done = run("batch", tmp_path / "feed.jsonl", "--model", "fake", "-o", out, env=scripted(tmp_path, []))
    assert done.returncode == 3
    assert done.stderr.strip().splitlines()[-1].startswith("Error: ") and message in done.stderr
    assert not out.exists() and not out.with_name("out.jsonl.lock").exists()
    nothing = run("batch", "--model", "fake", "-o", out)
    assert nothing.returncode == 2 and "Missing argument 'INPUT'" in nothing.stderr


def test_an_unreadable_article_is_an_error_record_the_rest_succeed_and_exit_is_10(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    texts = [storm_article(n) for n in range(2)]
    (folder / "a.txt").write_text(texts[0])
    (folder / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "c.txt").write_text(texts[1])
    out = tmp_path / "out.jsonl"
    done = run("batch", folder, "--claims", "--model", "fake", "-o", out, env=scripted(tmp_path, texts))
    assert done.returncode == 10, done.stderr
    assert done.stderr.strip().splitlines()[-1] == (f"Error: 1 of 3 articles failed; their error lines are in {out}, "
                                                    "and running the same command again retries them")
    found = {r["id"]: r for r in batch_records(out)}
    assert [found[str(folder / n)]["status"] for n in ("a.txt", "b.txt", "c.txt")] == ["ok", "error", "ok"]
    bad = found[str(folder / "b.txt")]
    assert "looks like binary data" in bad["error"] and bad["sha256"] is None and "\n" not in bad["error"]
    # a re-run retries the failed article only (still binary: still an error), never the done ones
    again = run("batch", folder, "--claims", "--model", "fake", "-o", out, env=scripted(tmp_path, []))
    assert again.returncode == 10 and "0 ok, 1 failed, 2 skipped" in again.stderr
    assert [r["status"] for r in batch_records(out)].count("ok") == 2


def test_a_torn_last_line_is_dropped_and_its_article_runs_again(tmp_path):
    rows = [{"id": f"t{n}", "text": storm_article(n)} for n in range(3)]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    out = tmp_path / "out.jsonl"
    first = run("batch", feed, "--claims", "--model", "fake", "-o", out,
                      env=scripted(tmp_path, [r["text"] for r in rows]))
    assert first.returncode == 0, first.stderr
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[1] + lines[2][: len(lines[2]) // 2])  # as if killed in the middle of a write
    torn = json.loads(lines[2])["id"]
    again = run("batch", feed, "--claims", "--model", "fake", "-o", out,
                      env=scripted(tmp_path, [r["text"] for r in rows if r["id"] == torn]))
    assert again.returncode == 0, again.stderr
    assert "dropped an incomplete last line" in again.stderr and "1 ok, 0 failed, 2 skipped" in again.stderr
    assert sorted(r["id"] for r in batch_records(out)) == ["t0", "t1", "t2"]


def test_the_token_budget_stops_the_batch_with_exit_6_and_keeps_what_was_written(tmp_path):
    rows = [{"id": f"b{n}", "text": storm_article(n)} for n in range(3)]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    one = run("batch", write_jsonl(tmp_path / "one.jsonl", rows[:1]), "--claims", "--model", "fake", "--no-cache",
                    "-o", tmp_path / "one-out.jsonl", env=scripted(tmp_path, [rows[0]["text"]]))
    per_article = int(re.search(r"([\d,]+) tokens", one.stderr)[1].replace(",", ""))
    budget = per_article * 3 // 2  # the first article fits, the second does not
    out = tmp_path / "out.jsonl"
    done = run("batch", feed, "--claims", "--model", "fake", "--no-cache", "-o", out, "--token-budget", budget,
                     env=scripted(tmp_path, [r["text"] for r in rows]))
    assert done.returncode == 6
    assert done.stderr.strip().splitlines()[-1].startswith(f"Error: the token budget of {budget:,} is spent")
    assert [(r["id"], r["status"]) for r in batch_records(out)] == [("b0", "ok")]


def test_a_library_call_runs_the_same_batch(tmp_path, settings):
    from summarizer.backends.fake import FakeBackend
    from summarizer.corpus import run_batch
    from summarizer.corpus.runner import SharedClient
    from summarizer.pipeline import open_client

    feed = write_jsonl(tmp_path / "feed.jsonl", [{"id": f"p{n}", "text": storm_article(n)} for n in range(3)])
    client = open_client(settings, FakeBackend("fake", default=storm_model))
    summary = run_batch([str(feed)], tmp_path / "out.jsonl", settings, with_brief=True, clients=SharedClient(client))
    assert (summary.ok, summary.errors, summary.skipped) == (3, 0, 0) and summary.tokens > 0
    assert [r["result"]["brief"]["title"] for r in batch_records(tmp_path / "out.jsonl")] == ["Storm damage"] * 3
