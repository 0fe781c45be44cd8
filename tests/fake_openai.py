"""A fake OpenAI-compatible server on 127.0.0.1 (stdlib http.server on a thread, port 0), and
an in-memory keyring: what the AI grader's tests talk to instead of a model and the OS."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from keyring.backend import KeyringBackend


class FakeServer:
    """Answers /v1/models and /v1/chat/completions the way ``scenario`` says: "valid" (the
    ``marks`` given), "fenced" (the same in a Markdown fence after <think>), "not-json",
    "invalid-json-content", "json-object-only" (422 unless asked for the older "json_object"
    form), "http400", "schema-violation", "refusal", "slow" (held until the test
    ends, past any short timeout), "http401", "http500"."""

    def __init__(self) -> None:
        self.scenario = "valid"
        self.marks: list[dict[str, Any]] = []
        # by key point text: (verdict, evidence), numbered as each request shows the points
        self.verdicts: dict[str, tuple[str, str]] | None = None
        self.follow_up = "  What about MQA?  "
        self.models = ["tiny", "qwen3"]
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:  # keep the test output clean
                pass

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                server.headers.append(dict(self.headers))
                if server.scenario == "slow":
                    server.release.wait(10)
                if server.scenario in ("http401", "http500"):
                    self._send(*server.reply())
                    return
                models = [{"id": m, "object": "model"} for m in server.models]
                self._send(200, json.dumps({"object": "list", "data": models}).encode())

            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                server.requests.append(json.loads(self.rfile.read(length)))
                server.headers.append(dict(self.headers))
                # the client may have given up (a timeout or a cancel): what the test wanted
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send(*server.reply())

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def reply(self) -> tuple[int, bytes]:
        content: str
        asked = self.requests[-1].get("response_format", {}).get("type") if self.requests else None
        if self.scenario == "json-object-only" and asked != "json_object":
            # as llama-cpp-python's server: its request model allows "text" and "json_object"
            return 422, b'{"detail": [{"msg": "Input should be \'text\' or \'json_object\'"}]}'
        if self.scenario == "http400":
            return 400, b'{"error": {"message": "bad request"}}'
        if self.verdicts is not None and self.requests:
            self.marks = [
                {"point": n, "verdict": self.verdicts[text][0], "evidence": self.verdicts[text][1]}
                for n, text in enumerate(self.shown_order(), 1)
            ]
        if self.scenario == "http401":
            return 401, b'{"error": {"message": "invalid api key"}}'
        if self.scenario == "http500":
            return 500, b'{"error": {"message": "boom"}}'
        if self.scenario == "slow":
            self.release.wait(10)  # past the client's timeout; released when the test ends
            content = "{}"
        elif self.scenario == "not-json":
            return 200, b"<html>not an API</html>"
        elif self.scenario == "invalid-json-content":
            content = '{"points": [{"point": 1, "verdict": "covered"'  # cut off mid-object
        elif self.scenario == "schema-violation":
            content = json.dumps({"points": [{"point": 1, "verdict": "great"}], "follow_up": 3})
        elif self.scenario == "refusal":
            message = {"role": "assistant", "content": None, "refusal": "I can't help with that."}
            return 200, json.dumps({"choices": [{"message": message}]}).encode()
        elif self.scenario == "fenced":  # as some local models reply, asked for JSON or not
            marks = json.dumps({"points": self.marks, "follow_up": self.follow_up})
            content = f"<think>The answer names the cache.</think>\n```json\n{marks}\n```"
        else:
            content = json.dumps({"points": self.marks, "follow_up": self.follow_up})
        message = {"role": "assistant", "content": content}
        return 200, json.dumps(
            {"choices": [{"message": message, "finish_reason": "stop"}]}
        ).encode()

    def user_message(self) -> str:
        """What the last grading request put in front of the model as the user's turn."""
        return str(self.requests[-1]["messages"][1]["content"])

    def shown_order(self) -> list[str]:
        """The key points in the order the server saw them last."""
        block = self.user_message().split("<key_points>\n")[1].split("\n</key_points>")[0]
        return [line.split(". ", 1)[1] for line in block.splitlines()]

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def closed_port_url() -> str:
    """An address nothing listens on: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


class MemoryKeyring(KeyringBackend):
    """A keyring that works, in memory: tests never read or write the user's real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")
