"""Throughput of `summarize batch` against --concurrency: an OpenAI-compatible server on 127.0.0.1 that
answers every request after a fixed delay (so the client's concurrency is measured, not a model), the
same short articles at concurrency 1, 2, 4 and 8, articles per minute and the ratio to concurrency 1.
`--local` also runs the embedded default model on the two seed articles (minutes, cold cache).

    .venv/bin/python benchmarks/batch_throughput.py [--articles 32] [--delay 0.5] [--local]

Prints numbers; it is not a pass/fail test (the issue's target: concurrency 8 at least 6x concurrency 1)."""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "fixtures" / "articles" / "2025-02-01_ani_north-korean-troops-withdraw-kursk.txt",
         ROOT / "fixtures" / "articles" / "2025-04-02_ians_north-korean-casualties-kursk.txt"]


def answer(messages: list[dict], schema: dict) -> dict:
    """A careful model's answer: the target sentence restated as one claim; a brief citing the claims."""
    user = next(m for m in messages if m["role"] == "user")["content"]
    fields = schema.get("properties", {})
    if "claims" not in fields:  # a brief, in whatever parts its schema asks for
        ids = list(dict.fromkeys(re.findall(r"\[(C\d+)\]", user))) or ["C1"]
        brief = {"title": "Storm", "bottom_line": "Homes lost power.", "bottom_line_claims": ids[:1],
                 "key_points": [{"text": "Power was lost.", "claims": ids[:1]},
                                {"text": "The utility reported it.", "claims": ids[:1]}], "open_questions": []}
        return {k: v for k, v in brief.items() if k in fields}
    sid, text = re.findall(r"^\[(S\d+)\] (.*)$", user, flags=re.M)[-1]
    return {"claims": [{"evidence": [sid], "statement": text, "speaker": "the article", "role": None,
                        "organisation": None, "via": [], "kind": "fact"}]}


class DelayServer:
    """Chat completions on 127.0.0.1 that answer after `delay` seconds, any number at once."""

    def __init__(self, delay: float):
        self.delay = delay
        self.requests = 0
        self._lock = threading.Lock()

    def __enter__(self) -> DelayServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                with owner._lock:
                    owner.requests += 1
                time.sleep(owner.delay)
                schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema", {})
                content = json.dumps(answer(body["messages"], schema))
                data = json.dumps({"id": "bench", "object": "chat.completion", "created": int(time.time()),
                                   "model": "bench", "choices": [{"index": 0, "finish_reason": "stop", "message": {
                                       "role": "assistant", "content": content}}],
                                   "usage": {"prompt_tokens": 100, "completion_tokens": 20,
                                             "total_tokens": 120}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"


def endpoint_runs(count: int, delay: float, levels: list[int], brief: bool) -> list[dict]:
    from summarizer.config import resolve_settings
    from summarizer.corpus import run_batch

    rows = []
    with tempfile.TemporaryDirectory() as tmp, DelayServer(delay) as server:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("".join(json.dumps({"id": f"a{n}", "text": f"About {n + 10} homes in district {n} lost "
                                            "power after the storm, the utility said."}) + "\n" for n in range(count)))
        warm = Path(tmp) / "warm.jsonl"  # imports and the first connection, outside the timed runs
        warm.write_text(json.dumps({"id": "w", "text": "The warm-up run took 1 second, the utility said."}) + "\n")
        run_batch([str(warm)], Path(tmp) / "warm-out.jsonl", resolve_settings(
            {"model": "openai/bench", "base_url": server.url, "json_mode": "json_schema", "use_cache": False}, env={}),
            with_brief=False)
        for level in levels:
            settings = resolve_settings({"model": "openai/bench", "base_url": server.url, "json_mode": "json_schema",
                                         "cache_dir": Path(tmp) / f"cache-{level}", "concurrency": level}, env={})
            asked = server.requests
            summary = run_batch([str(feed)], Path(tmp) / f"out-{level}.jsonl", settings, with_brief=brief)
            assert summary.ok == count, summary
            rows.append({"concurrency": level, "seconds": summary.seconds, "requests": server.requests - asked,
                         "per_minute": count / summary.seconds * 60})
    return rows


def local_run() -> dict:
    from summarizer.config import resolve_settings
    from summarizer.corpus import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        settings = resolve_settings({"cache_dir": Path(tmp) / "cache"})  # the default model, empty answer cache
        summary = run_batch([str(p) for p in SEEDS], Path(tmp) / "out.jsonl", settings, with_brief=True)
        return {"model": settings.model, "articles": summary.ok, "failed": summary.errors,
                "seconds": summary.seconds, "per_minute": summary.ok / summary.seconds * 60}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=32, help="one-sentence articles per run (default 32)")
    parser.add_argument("--delay", type=float, default=0.5, help="seconds the server takes per request")
    parser.add_argument("--levels", default="1,2,4,8", help="concurrency levels, comma-separated")
    parser.add_argument("--brief", action="store_true", help="a brief per article too (two requests per article)")
    parser.add_argument("--local", action="store_true", help="also the embedded default model on the two seeds")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, "
          f"Python {platform.python_version()}")
    print(f"endpoint: {args.articles} articles, {'claims + brief' if args.brief else 'claims only'}, "
          f"server delay {args.delay} s per request")
    rows = endpoint_runs(args.articles, args.delay, [int(x) for x in args.levels.split(",")], args.brief)
    base = rows[0]["per_minute"]
    print(f"{'concurrency':>11} {'seconds':>8} {'requests':>8} {'articles/min':>12} {'ratio':>6}")
    for r in rows:
        print(f"{r['concurrency']:>11} {r['seconds']:>8.2f} {r['requests']:>8} {r['per_minute']:>12.1f} "
              f"{r['per_minute'] / base:>6.2f}")
    if args.local:
        r = local_run()
        print(f"local: {r['model']}, {r['articles']} seed articles ({r['failed']} failed), cold cache, "
              f"{r['seconds']:.1f} s, {r['per_minute']:.2f} articles/min")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
