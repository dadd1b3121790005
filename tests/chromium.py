"""Open a map page in headless Chromium with no network (tests and benchmarks).

A minimal client of the Chrome DevTools protocol over a WebSocket, written
with the standard library only: it starts ``/usr/bin/chromium`` with a fresh
profile, every host name unresolvable and a dead proxy, and (``Fetch``
interception) fails every request that is not for a ``file:`` or ``data:``
URL before it leaves the browser.  It loads a local file, collects console
errors, exceptions, dialogs, requests and failed loads, evaluates expressions,
clicks, and takes screenshots.  A test tool: it lives in tests/ and is not
part of the package.

``python tests/chromium.py PAGE OUT.png`` takes a screenshot of a map page
(used for ``docs/map.png``); tests import it as ``chromium`` (pytest puts
tests/ on the path), bench scripts after putting tests/ on ``sys.path``.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = ["CHROMIUM", "chromium_path", "PageReport", "Chromium", "ChromiumError"]

CHROMIUM = "/usr/bin/chromium"

#: Flags for a quiet, isolated, network-less headless browser.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
)

#: Runs before any script of the page: dialogs become records, not popups.
HOOKS = """
window.__smDialogs = [];
window.alert = function (m) { window.__smDialogs.push(['alert', String(m)]); };
window.confirm = function (m) { window.__smDialogs.push(['confirm', String(m)]);
  return false; };
window.prompt = function (m) { window.__smDialogs.push(['prompt', String(m)]);
  return null; };
"""


class ChromiumError(RuntimeError):
    """The browser could not be started or stopped answering."""


def chromium_path() -> str | None:
    """Return the Chromium executable, or ``None`` when it is not installed."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageReport:
    """What happened while a page loaded.

    Attributes
    ----------
    console_errors : list of str
        Console errors, uncaught exceptions and failed loads.
    requests : list of str
        URLs requested other than ``file:``, ``data:`` and ``about:``.
    refused : list of str
        Requests the browser was told to fail (every non-local one).
    failed : list of str
        Resources that failed to load (``Network.loadingFailed``), as
        ``"URL: error"``.
    dialogs : list of str
        Dialogs the page tried to open (alert, confirm, prompt).
    ready : bool
        Whether the map signalled it was ready before the timeout.
    load_ms, ready_ms : float or None
        Milliseconds from navigation start to the load event and to the map's
        ready signal.
    values : dict
        Results of the expressions evaluated after loading.
    screenshot : bytes or None
        PNG of the viewport.
    """

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    ready: bool = False
    load_ms: float | None = None
    ready_ms: float | None = None
    values: dict[str, Any] = field(default_factory=dict)
    screenshot: bytes | None = None


class _WebSocket:
    """Just enough RFC 6455 for the DevTools protocol (text frames, client)."""

    def __init__(self, url: str, timeout: float):
        parts = urlsplit(url)
        self.sock = socket.create_connection(
            (parts.hostname, parts.port or 80), timeout=timeout
        )
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {parts.path} HTTP/1.1\r\n"
            f"Host: {parts.hostname}:{parts.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ChromiumError("DevTools closed the connection during handshake")
            head += chunk
        status, _, rest = head.partition(b"\r\n\r\n")
        if b" 101 " not in status.split(b"\r\n", 1)[0] + b" ":
            raise ChromiumError(f"DevTools refused the WebSocket: {status[:200]!r}")
        self.buffer = rest

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise ChromiumError("DevTools closed the connection")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def send(self, text: str) -> None:
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack(">H", n)
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", n)
        mask = os.urandom(4)
        header += mask
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes(header) + masked)

    def recv(self, timeout: float) -> str:
        self.sock.settimeout(max(0.01, timeout))
        message = b""
        while True:
            first, second = self._read(2)
            opcode = first & 0x0F
            n = second & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            data = self._read(n)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            if opcode == 0x8:
                raise ChromiumError("DevTools closed the WebSocket")
            if opcode == 0x9:  # ping: answer with a pong (masked, as a client must)
                self.sock.sendall(bytes([0x8A, 0x80]) + os.urandom(4))
                continue
            if opcode in (0x1, 0x2, 0x0):
                message += data
                if first & 0x80:
                    return message.decode("utf-8", "replace")

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


class Chromium:
    """A headless Chromium with one page, driven through DevTools.

    Use as a context manager; :meth:`load` opens a local HTML file.

    Parameters
    ----------
    width, height : int
        Viewport size in CSS pixels.
    timeout : float
        Seconds to wait for the browser to start and for each command.
    refuse_network : bool, default True
        Fail every request that is not for a local (``file:``, ``data:``,
        ``blob:``, ``about:``) URL.
    """

    LOCAL = ("file:", "data:", "about:", "blob:")

    def __init__(
        self,
        width: int = 1280,
        height: int = 900,
        timeout: float = 60.0,
        *,
        refuse_network: bool = True,
    ):
        self.width = width
        self.height = height
        self.timeout = timeout
        self.refuse_network = refuse_network
        self.refused: list[str] = []
        self.requested: dict[str, str] = {}
        exe = chromium_path()
        if exe is None:
            raise ChromiumError("Chromium is not installed (/usr/bin/chromium)")
        self.exe: str = exe
        self.profile = tempfile.mkdtemp(prefix="strikemap-chromium-")
        self.proc: subprocess.Popen | None = None
        self.ws: _WebSocket | None = None
        self.next_id = 0
        self.events: list[dict] = []

    def __enter__(self) -> Chromium:
        cmd = [
            self.exe,
            *FLAGS,
            f"--user-data-dir={self.profile}",
            "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1",
            f"--window-size={self.width},{self.height}",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            self._connect()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _connect(self) -> None:
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not port_file.is_file() or not port_file.read_text().strip():
            if self.proc is not None and self.proc.poll() is not None:
                raise ChromiumError(f"Chromium exited with {self.proc.returncode}")
            if time.monotonic() > deadline:
                raise ChromiumError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        targets: list[dict] = []
        while time.monotonic() < deadline:
            with opener.open(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
                targets = [t for t in json.load(r) if t.get("type") == "page"]
            if targets:
                break
            time.sleep(0.05)
        if not targets:
            raise ChromiumError("Chromium has no page to drive")
        self.ws = _WebSocket(targets[0]["webSocketDebuggerUrl"], self.timeout)
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.send(method)
        if self.refuse_network:
            self.send("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": self.width,
                "height": self.height,
                "deviceScaleFactor": 1,
                "mobile": False,
            },
        )
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": HOOKS})

    def __exit__(self, *exc: object) -> None:
        if self.ws is not None:
            try:
                self.send("Browser.close", timeout=5)
            except (ChromiumError, OSError):
                pass
            self.ws.close()
            self.ws = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None
        shutil.rmtree(self.profile, ignore_errors=True)

    def send(
        self, method: str, params: dict | None = None, timeout: float | None = None
    ):
        """Run a DevTools command and return its result (events are kept)."""
        if self.ws is None:
            raise ChromiumError("the browser is not running")
        self.next_id += 1
        ident = self.next_id
        self.ws.send(
            json.dumps({"id": ident, "method": method, "params": params or {}})
        )
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChromiumError(f"no answer to {method}")
            try:
                message = json.loads(self.ws.recv(left))
            except TimeoutError as exc:
                raise ChromiumError(f"no answer to {method}") from exc
            if message.get("id") == ident:
                if "error" in message:
                    raise ChromiumError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
                if message["method"] == "Fetch.requestPaused":
                    self._paused(message["params"])
                elif message["method"] == "Page.javascriptDialogOpening":
                    # Dismiss at once, or the page stays blocked; no wait.
                    self.next_id += 1
                    self.ws.send(
                        json.dumps(
                            {
                                "id": self.next_id,
                                "method": "Page.handleJavaScriptDialog",
                                "params": {"accept": False},
                            }
                        )
                    )

    def _paused(self, params: dict) -> None:
        """Let local requests through and fail every other one, at once."""
        url = params.get("request", {}).get("url", "")
        if url.startswith(self.LOCAL):
            method, args = "Fetch.continueRequest", {"requestId": params["requestId"]}
        else:
            self.refused.append(url)
            method = "Fetch.failRequest"
            args = {"requestId": params["requestId"], "errorReason": "BlockedByClient"}
        if self.ws is None:
            raise ChromiumError("the browser is not running")
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": args}))

    def evaluate(self, expression: str) -> Any:
        """Evaluate a JavaScript expression in the page and return its value."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            detail = result["exceptionDetails"]
            text = detail.get("exception", {}).get("description") or detail.get("text")
            raise ChromiumError(f"evaluating {expression[:60]!r}: {text}")
        return result.get("result", {}).get("value")

    def load(
        self,
        path: str | os.PathLike,
        *,
        expressions: dict[str, str] | None = None,
        screenshot: bool = False,
        ready_timeout: float = 30.0,
    ) -> PageReport:
        """Open a local HTML file and report on it.

        Parameters
        ----------
        path : str or os.PathLike
            The page.
        expressions : dict of str, optional
            Name -> JavaScript expression, evaluated once the map is ready.
        screenshot : bool, default False
            Also capture the viewport as PNG.
        ready_timeout : float, default 60
            Seconds to wait for the map's ready signal.

        Returns
        -------
        PageReport
        """
        self.events.clear()
        self.refused.clear()
        self.requested.clear()
        url = Path(path).resolve().as_uri()
        self.send("Page.navigate", {"url": url})
        report = PageReport()
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            try:
                state = self.evaluate(
                    "[document.readyState, document.documentElement &&"
                    " document.documentElement.getAttribute('data-strikemap-ready')]"
                )
            except ChromiumError:  # the old document is going away
                state = None
            if state and state[0] == "complete" and state[1] == "1":
                report.ready = True
                break
            time.sleep(0.05)
        timing = self.evaluate(
            "(function () { var t = performance.getEntriesByType('navigation')[0];"
            " var maps = (window.StrikeMap && StrikeMap.maps) || {};"
            " var ready = Object.keys(maps).map(function (k) {"
            " return maps[k].readyMs; });"
            " return [t ? t.loadEventEnd : null, ready]; })()"
        )
        report.load_ms = timing[0]
        readies = [r for r in timing[1] if r is not None]
        report.ready_ms = max(readies) if readies else None
        for name, expression in (expressions or {}).items():
            report.values[name] = self.evaluate(expression)
        dialogs = self.evaluate("window.__smDialogs || []") or []
        report.dialogs = [f"{kind}: {text}" for kind, text in dialogs]
        if screenshot:
            data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
            report.screenshot = base64.b64decode(data)
        self._collect(report)
        return report

    def click(self, x: float, y: float) -> None:
        """Click with the left mouse button at viewport point (x, y)."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}
            if kind == "mouseMoved":
                params = {"type": kind, "x": x, "y": y}
            self.send("Input.dispatchMouseEvent", params)

    def screenshot(self) -> bytes:
        """Return a PNG of the viewport."""
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        return base64.b64decode(data)

    def report(self) -> PageReport:
        """Report on what happened since the page was loaded (no new load)."""
        self.evaluate("1")  # let pending events arrive
        report = PageReport(ready=True)
        dialogs = self.evaluate("window.__smDialogs || []") or []
        report.dialogs = [f"{kind}: {text}" for kind, text in dialogs]
        self._collect(report)
        return report

    def _collect(self, report: PageReport) -> None:
        report.refused = list(self.refused)
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "assert",
            ):
                args = params.get("args", [])
                text = " ".join(
                    str(a.get("value", a.get("description", ""))) for a in args
                )
                report.console_errors.append(f"console.{params['type']}: {text}")
            elif method == "Runtime.exceptionThrown":
                detail = params.get("exceptionDetails", {})
                exc = detail.get("exception", {})
                text = exc.get("description") or exc.get("value") or ""
                where = f"{detail.get('url', '')}:{detail.get('lineNumber', '')}"
                report.console_errors.append(
                    f"exception: {detail.get('text', '')} {text} at {where}"
                )
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                if entry.get("level") == "error":
                    report.console_errors.append(
                        f"log: {entry.get('text', '')} {entry.get('url', '')}".strip()
                    )
            elif method == "Network.requestWillBeSent":
                request_url = params.get("request", {}).get("url", "")
                self.requested[params.get("requestId", "")] = request_url
                if not request_url.startswith(self.LOCAL):
                    report.requests.append(request_url)
            elif method == "Network.loadingFailed":
                where = self.requested.get(params.get("requestId", ""), "?")
                report.failed.append(f"{where}: {params.get('errorText', '')}")
            elif method == "Page.javascriptDialogOpening":
                report.dialogs.append(
                    f"{params.get('type')}: {params.get('message')} (native)"
                )


def main(argv: list[str] | None = None) -> int:
    """Screenshot a map page: ``python tests/chromium.py PAGE OUT.png``.

    Used to make ``docs/map.png`` from the ``map.html`` that README command 1
    writes.  The page is loaded with every network request refused; the
    command fails when the page logs an error or requests anything.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python tests/chromium.py")
    parser.add_argument("page")
    parser.add_argument("out")
    parser.add_argument("--size", default="1280x800", help="WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    with Chromium(width=width, height=height) as browser:
        report = browser.load(args.page, screenshot=True)
    problems = report.console_errors + report.requests + report.failed
    if not report.ready or problems or report.screenshot is None:
        print(f"error: {args.page}: ready={report.ready} {problems}", file=sys.stderr)
        return 1
    Path(args.out).write_bytes(report.screenshot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
