"""An OpenAI chat-completions server on 127.0.0.1 that fails on purpose, for the tests.

Each request takes the next action of a script (then "ok"): answer, time out, 429 with Retry-After,
500, 503, drop the connection, cut the HTTP body short, answer truncated JSON, schema-invalid JSON or
finish_reason "length". Good answers come from a function of (messages, schema)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .helpers import storm_model


class FaultServer:
    def __init__(self, script: list[str], answer: Callable[[list, dict], dict], *, hang: float = 3.0,
                 retry_after: str = "1"):
        self.script = deque(script)
        self.answer = answer
        self.hang = hang
        self.retry_after = retry_after
        self.requests: list[dict] = []
        self.actions: list[str] = []
        self.times: list[float] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FaultServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                with owner._lock:
                    owner.requests.append(body)
                    owner.times.append(time.monotonic())
                    action = owner.script.popleft() if owner.script else "ok"
                    owner.actions.append(action)
                owner._act(self, action, body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- actions -------------------------------------------------------------------------------

    def _act(self, h: BaseHTTPRequestHandler, action: str, body: dict) -> None:
        schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema", {})
        good = json.dumps(self.answer(body["messages"], schema))
        if action == "ok":
            return self._send(h, 200, _completion(good))
        if action == "timeout":
            time.sleep(self.hang)
            return self._send(h, 200, _completion(good))
        if action == "429":
            return self._send(h, 429, {"error": {"message": "Rate limit reached", "type": "rate_limit"}},
                              {"Retry-After": self.retry_after})
        if action in ("500", "503"):
            return self._send(h, int(action), {"error": {"message": f"upstream failure {action}"}})
        if action == "drop":
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return None
        if action == "truncated_body":
            data = json.dumps(_completion(good)).encode()
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data[: len(data) // 2])
            h.wfile.flush()
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return None
        if action == "truncated_json":
            return self._send(h, 200, _completion(good[: len(good) // 2]))
        if action == "invalid_json":
            return self._send(h, 200, _completion(json.dumps({"unexpected": True, "claims": "none"})))
        if action == "length":
            return self._send(h, 200, _completion(good[: len(good) // 3], finish_reason="length"))
        raise ValueError(f"unknown action {action}")

    @staticmethod
    def _send(h, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        try:
            h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (time-out)
            pass


def _completion(content: str, finish_reason: str = "stop") -> dict:
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()), "model": "fault",
            "choices": [{"index": 0, "finish_reason": finish_reason,
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}}


class SlowServer(FaultServer):
    """Answers like a careful model after `delay` seconds (longer for a request holding a key of `slow`);
    fails (HTTP 500) every request about an article that holds `poison`; counts the requests in flight."""

    def __init__(self, delay: float = 0.0, poison: str | None = None, answer=None,
                 slow: dict[str, float] | None = None):
        super().__init__([], answer or storm_model)
        self.delay, self.poison, self.slow = delay, poison, slow or {}
        self.in_flight = self.most_in_flight = 0
        self.finished: list[str] = []  # the last user message of each answered request, in order

    def _act(self, h, action, body):
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        text = json.dumps(body["messages"])
        try:
            time.sleep(max([self.delay] + [d for key, d in self.slow.items() if key in text]))
            if self.poison and self.poison in json.dumps(body["messages"]):
                return self._send(h, 500, {"error": {"message": "upstream failure"}})
            return super()._act(h, action, body)
        finally:
            with self._lock:
                self.in_flight -= 1
                self.finished.append(body["messages"][-1]["content"])
