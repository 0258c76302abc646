"""A Hugging Face Hub look-alike on 127.0.0.1 for the download tests, and its fixtures.

Two real threaded HTTP servers: the "Hub" (resolve URLs, HEAD metadata, gated repos,
errors shaped like the Hub's) and a "CDN" on another host name (127.0.0.2, or
``localhost`` where 127.0.0.2 cannot be bound) that the Hub redirects LFS files to and
that, like S3, refuses a request carrying an ``Authorization`` header. Bodies are sent
with ``sendfile`` so the server is never the bottleneck of a throughput comparison.

Faults are queued with :meth:`Hub.fail` and consumed one per matching request: dropped
connections, 5xx, stalls, slow trickles, an ignored ``Range``, corrupted bytes.

``same_host_cdn`` makes the Hub redirect LFS files to a CDN path on its own host and port
(a mirror's layout), still recorded as "cdn" and still refusing credentials. Named
revisions (:meth:`Hub.add_revision`) resolve to the repo's commit; any other revision is
a ``RevisionNotFound``. ``basic_auth`` makes the Hub ask for a user and password (a
mirror behind a login). :meth:`Hub.header_count` counts the requests that carried a
header.
Registered as a pytest plugin in ``tests/conftest.py`` (fixtures ``hub``, ``hf_env``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import random
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

GOOD_TOKEN = "hf_testtoken_good_0123456789"
OTHER_TOKEN = "hf_testtoken_other_9876543210"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass
class ServedFile:
    repo: str
    filename: str
    path: Path
    size: int
    sha256: str
    lfs: bool = True
    advertised_sha256: str | None = None  # a Hub that lies about the hash

    @property
    def etag_sha(self) -> str:
        return self.advertised_sha256 or self.sha256


@dataclass
class Repo:
    name: str
    commit: str
    files: dict[str, ServedFile] = field(default_factory=dict)
    gated_token: str | None = None
    revisions: set[str] = field(default_factory=lambda: {"main"})  # branch and tag names
    # what the /api/models endpoints tell about it (Hub search and file listing)
    downloads: int = 0
    likes: int = 0
    license: str | None = None
    languages: list[str] = field(default_factory=list)


@dataclass
class Fault:
    kind: str  # drop | status | stall | trickle | ignore_range | corrupt
    server: str = "cdn"  # which server it applies to: cdn | hub | any
    filename: str | None = None
    method: str = "GET"
    after: int = 0  # bytes of body sent before the fault (drop, stall, trickle)
    status: int = 503
    seconds: float = 0.0  # stall length
    rate: int = 0  # trickle bytes per second
    retry_after: int | None = None


@dataclass
class Recorded:
    server: str
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0
    body_sent: int = 0
    proxied: bool = False
    revision: str | None = None  # what a resolve URL asked for


class Hub:
    """The two servers, the repos they serve, a fault queue and a log of requests."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.repos: dict[str, Repo] = {}
        self.log: list[Recorded] = []
        self.faults: list[Fault] = []
        self.auth_leaks: list[Recorded] = []
        self.per_connection_rate = 0  # bytes/s cap on every CDN response (0: none)
        self.same_host_cdn = False  # redirect LFS files to /cdn/... on the Hub's own host
        self.basic_auth: tuple[str, str] | None = None  # a mirror that wants a login
        self.renamed: dict[str, str] = {}  # old repo id -> new: a relative redirect
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._hub = _Server(("127.0.0.1", 0), _HubHandler, self, "hub")
        cdn_host = "127.0.0.2"
        try:
            cdn = _Server((cdn_host, 0), _HubHandler, self, "cdn")
        except OSError:  # only 127.0.0.1 on this system: another host name for the same address
            cdn = _Server(("127.0.0.1", 0), _HubHandler, self, "cdn")
            cdn_host = "localhost"
        self._cdn = cdn
        self.url = f"http://127.0.0.1:{self._hub.server_address[1]}"
        self.cdn_url = f"http://{cdn_host}:{self._cdn.server_address[1]}"
        self._threads = [
            threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            for s in (self._hub, self._cdn)
        ]
        for t in self._threads:
            t.start()

    # ---- content -------------------------------------------------------------------------
    def repo(self, name: str) -> Repo:
        if name not in self.repos:
            commit = hashlib.sha1(name.encode()).hexdigest()
            self.repos[name] = Repo(name, commit)
        return self.repos[name]

    def add_file(
        self, repo: str, filename: str, data: bytes | Path, *, lfs: bool = True
    ) -> ServedFile:
        if isinstance(data, bytes):
            path = self.root / "data" / repo / filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        else:
            path = Path(data)
        sha = hashlib.sha256()
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                sha.update(chunk)
        served = ServedFile(repo, filename, path, path.stat().st_size, sha.hexdigest(), lfs)
        self.repo(repo).files[filename] = served
        return served

    def add_random(self, repo: str, filename: str, size: int, seed: int = 0) -> ServedFile:
        """A file of ``size`` pseudo-random bytes (reproducible from ``seed``)."""
        path = self.root / "data" / repo / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        rng = random.Random(seed)
        with path.open("wb") as f:
            left = size
            while left:
                n = min(left, 4 << 20)
                f.write(rng.randbytes(n))
                left -= n
        return self.add_file(repo, filename, path)

    def add_model(self, repo: str, filename: str, size: int, seed: int = 0) -> ServedFile:
        """A GGUF model of ``size`` bytes: a real header (``write_test_gguf``) followed by
        pseudo-random bytes, so the download becomes a library entry."""
        path = self.root / "data" / repo / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        write_test_gguf(path)
        left = size - path.stat().st_size
        if left < 0:
            raise ValueError(f"a test GGUF needs at least {path.stat().st_size} bytes")
        with path.open("ab") as f:
            f.write(random.Random(seed).randbytes(left))
        return self.add_file(repo, filename, path)

    def describe(
        self,
        repo: str,
        *,
        downloads: int = 0,
        likes: int = 0,
        license: str | None = None,
        languages: list[str] | None = None,
    ) -> Repo:
        """What ``/api/models`` says about ``repo`` (search order, licence, card languages)."""
        r = self.repo(repo)
        r.downloads, r.likes, r.license = downloads, likes, license
        r.languages = list(languages or [])
        return r

    def add_revision(self, repo: str, name: str) -> None:
        """A branch or tag name that resolves to the repo's commit."""
        self.repo(repo).revisions.add(name)

    def gate(self, repo: str, token: str = GOOD_TOKEN) -> None:
        self.repo(repo).gated_token = token

    def fail(self, kind: str, count: int = 1, **kw: Any) -> None:
        """Queue ``count`` faults of ``kind``; each is used by one matching request."""
        with self._lock:
            self.faults.extend(Fault(kind, **kw) for _ in range(count))

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    # ---- inspection ----------------------------------------------------------------------
    def requests(self, server: str | None = None, method: str | None = None) -> list[Recorded]:
        with self._lock:
            return [
                r
                for r in self.log
                if (server is None or r.server == server) and (method is None or r.method == method)
            ]

    def header_count(self, name: str, server: str | None = None) -> int:
        """How many requests (to ``server``, or to either) carried the header ``name``."""
        return sum(1 for r in self.requests(server) if name.lower() in r.headers)

    def bytes_sent(self, server: str = "cdn") -> int:
        return sum(r.body_sent for r in self.requests(server))

    def reset_log(self) -> None:
        with self._lock:
            self.log.clear()

    def resolve_url(self, repo: str, filename: str, revision: str = "main") -> str:
        return f"{self.url}/{repo}/resolve/{revision}/{quote(filename)}"

    def close(self) -> None:
        self._closing.set()
        for s in (self._hub, self._cdn):
            s.shutdown()
            s.server_close()

    # ---- internals -----------------------------------------------------------------------
    def _take_fault(self, server: str, method: str, filename: str | None) -> Fault | None:
        with self._lock:
            for i, f in enumerate(self.faults):
                if f.server not in (server, "any") or f.method != method:
                    continue
                if f.filename is not None and f.filename != filename:
                    continue
                return self.faults.pop(i)
        return None

    def _record(self, rec: Recorded) -> None:
        with self._lock:
            self.log.append(rec)
            if rec.server == "cdn" and "authorization" in rec.headers:
                self.auth_leaks.append(rec)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, addr: tuple[str, int], handler: type, hub: Hub, role: str) -> None:
        self.hub = hub
        self.role = role
        super().__init__(addr, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # a client that hung up or gave up: what the tests provoke
        super().handle_error(request, client_address)


class _HubHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the tests read Hub.log instead

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_GET(self) -> None:
        self._handle("GET")

    # ---- routing -------------------------------------------------------------------------
    def _handle(self, method: str) -> None:
        hub, role = self.server.hub, self.server.role
        path = self.path
        proxied = path.startswith("http://")
        if proxied:  # absolute form: we are a forward proxy for either server
            target = urlsplit(path)
            role = "cdn" if f"http://{target.netloc}" == hub.cdn_url else "hub"
            path = target.path + (f"?{target.query}" if target.query else "")
        if role == "hub" and path.startswith("/cdn/"):  # the same-host CDN of a mirror
            role = "cdn"
        headers = {k.lower(): v for k, v in self.headers.items()}
        rec = Recorded(role, method, path, headers, proxied=proxied)
        hub._record(rec)
        self._rec = rec
        try:
            if role == "hub":
                self._hub(method, path)
            else:
                self._cdn(method, path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _reply(
        self,
        status: int,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        send_body: bool = True,
    ) -> None:
        self._rec.status = status
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)
            self._rec.body_sent += len(body)

    def _error(self, status: int, code: str, message: str, method: str) -> None:
        body = json.dumps({"error": message}).encode()
        headers = {"X-Error-Code": code, "X-Error-Message": message}
        if self.close_connection:  # an API answer: see _api
            headers["Connection"] = "close"
        self._reply(
            status,
            {**headers, "Content-Type": "application/json"},
            body,
            send_body=method != "HEAD",
        )

    def _hub(self, method: str, path: str) -> None:
        hub = self.server.hub
        fault = hub._take_fault("hub", method, None)
        if fault is not None and fault.kind == "status":
            headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
            self._reply(fault.status, headers, b"busy", send_body=method != "HEAD")
            return
        if path.startswith("/api/models") and self._login_ok(method):
            self._api(method, path)
            return
        if path.startswith("/api/models"):
            return
        m = re.match(r"^/([^/]+/[^/]+)/resolve/([^/]+)/(.+)$", path.split("?")[0])
        if not m:
            self._error(404, "EntryNotFound", "Not found", method)
            return
        repo_name, revision, filename = m.group(1), unquote(m.group(2)), unquote(m.group(3))
        self._rec.revision = revision
        auth = self.headers.get("Authorization", "")
        if hub.basic_auth is not None:
            want = "Basic " + base64.b64encode(":".join(hub.basic_auth).encode()).decode()
            if auth != want:
                self._reply(401, {"WWW-Authenticate": 'Basic realm="mirror"'}, b"login",
                            send_body=method != "HEAD")  # fmt: skip
                return
            auth = ""
        token = auth[7:] if auth.startswith("Bearer ") else None
        if repo_name in hub.renamed:  # the Hub answers a renamed repo with a relative 307
            rest = path.split("/resolve/", 1)[1]
            where = f"/{hub.renamed[repo_name]}/resolve/{rest}"
            self._reply(307, {"Location": where}, b"", send_body=False)
            return
        repo = hub.repos.get(repo_name)
        if repo is None:
            # The real Hub answers 401 to anonymous requests for a repo it will not disclose.
            status = 404 if token else 401
            self._error(status, "RepoNotFound", f"Repository Not Found for url: {path}", method)
            return
        if repo.gated_token is not None and token != repo.gated_token:
            if token is None:
                msg = f"Access to model {repo_name} is restricted. You must be authenticated."
                self._error(401, "GatedRepo", msg, method)
            else:
                msg = f"Access to model {repo_name} is restricted and you are not in the list."
                self._error(403, "GatedRepo", msg, method)
            return
        if revision not in repo.revisions and revision != repo.commit:
            self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}", method)
            return
        served = repo.files.get(filename)
        if served is None:
            self._error(404, "EntryNotFound", f"{filename} does not exist on {revision}", method)
            return
        common = {"X-Repo-Commit": repo.commit}
        if served.lfs:
            cdn = hub.url if hub.same_host_cdn else hub.cdn_url
            location = f"{cdn}/cdn/{quote(repo_name)}/{repo.commit}/{quote(filename)}"
            headers = {
                **common,
                "Location": location + "?X-Amz-Signature=abc123",
                "X-Linked-Size": str(served.size),
                "X-Linked-Etag": f'"{served.etag_sha}"',
                "ETag": f'"{served.etag_sha}"',
            }
            self._reply(302, headers, b"", send_body=False)
        else:
            etag = hashlib.sha1(served.path.read_bytes()).hexdigest()
            self._send_file(method, served, {**common, "ETag": f'"{etag}"'}, fault)

    # ---- the Hub API: model search and one repository's files ------------------------------
    def _login_ok(self, method: str) -> bool:
        hub = self.server.hub
        if hub.basic_auth is None:
            return True
        want = "Basic " + base64.b64encode(":".join(hub.basic_auth).encode()).decode()
        if self.headers.get("Authorization", "") == want:
            return True
        self.close_connection = True
        headers = {"WWW-Authenticate": 'Basic realm="mirror"', "Connection": "close"}
        self._reply(401, headers, b"login", method != "HEAD")
        return False

    def _api(self, method: str, path: str) -> None:
        # huggingface_hub keeps its connections open in a process-wide session; closing
        # them here leaves no server thread waiting on one after a test
        self.close_connection = True
        hub = self.server.hub
        route, _, query = path.partition("?")
        params = parse_qs(query)
        if route.rstrip("/") == "/api/models":
            self._json(method, _search(hub, params))
            return
        m = re.match(r"^/api/models/([^/]+/[^/]+?)(?:/revision/([^/]+))?/?$", route)
        repo = hub.repos.get(unquote(m.group(1))) if m else None
        if repo is None:
            self._error(404, "RepoNotFound", f"Repository Not Found for url: {path}", method)
            return
        revision = unquote(m.group(2)) if m and m.group(2) else "main"
        if revision not in repo.revisions and revision != repo.commit:
            self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}", method)
            return
        blobs = params.get("blobs", ["false"])[0].lower() == "true"
        self._json(method, {**_model_json(repo), "siblings": _siblings(repo, blobs)})

    def _json(self, method: str, value: Any) -> None:
        body = json.dumps(value).encode()
        headers = {"Content-Type": "application/json", "Connection": "close"}
        self._reply(200, headers, body, send_body=method != "HEAD")

    def _cdn(self, method: str, path: str) -> None:
        hub = self.server.hub
        if "authorization" in self._rec.headers:
            body = b"<Error><Code>InvalidArgument</Code>Only one auth mechanism allowed</Error>"
            self._reply(400, {"Content-Type": "application/xml"}, body, method != "HEAD")
            return
        m = re.match(r"^/cdn/([^/]+/[^/]+)/([0-9a-f]+)/(.+)$", unquote(path.split("?")[0]))
        repo = hub.repos.get(m.group(1)) if m else None
        served = repo.files.get(m.group(3)) if (m and repo) else None
        if served is None:
            self._reply(404, {}, b"NoSuchKey", method != "HEAD")
            return
        fault = hub._take_fault("cdn", method, served.filename)
        if fault is not None and fault.kind == "status":
            headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
            self._reply(fault.status, headers, b"Service Unavailable", method != "HEAD")
            return
        self._send_file(method, served, {"ETag": f'"{served.sha256}"'}, fault)

    # ---- bodies --------------------------------------------------------------------------
    def _send_file(
        self, method: str, served: ServedFile, headers: dict[str, str], fault: Fault | None
    ) -> None:
        size = served.size
        start, end = 0, size - 1
        status = 200
        rng = self.headers.get("Range")
        if rng and not (fault is not None and fault.kind == "ignore_range"):
            m = _RANGE.match(rng.strip())
            if not m or (m.group(1) == "" and m.group(2) == ""):
                self._reply(416, {"Content-Range": f"bytes */{size}"}, b"", method != "HEAD")
                return
            if m.group(1) == "":  # suffix range: the last N bytes
                start, end = max(0, size - int(m.group(2))), size - 1
            else:
                start = int(m.group(1))
                end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
            if start >= size or start > end:
                self._reply(416, {"Content-Range": f"bytes */{size}"}, b"", method != "HEAD")
                return
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        length = end - start + 1
        self._rec.status = status
        self.send_response(status)
        for k, v in {
            **headers,
            "Accept-Ranges": "bytes",
            "Content-Type": "binary/octet-stream",
        }.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        if method == "HEAD":
            return
        self.wfile.flush()
        rate = self.server.hub.per_connection_rate
        with served.path.open("rb") as f:
            if fault is None and not rate:
                self._sendfile(f, start, length)
                return
            self._send_faulty(f, start, length, fault, rate)

    def _sendfile(self, f: Any, offset: int, count: int) -> None:
        sent = 0
        while sent < count:
            # 1 MiB per call: a blocking sendfile otherwise returns only at the very end,
            # and a benchmark reads the count mid-transfer (to within this step)
            step = min(count - sent, 1 << 20)
            n = os.sendfile(self.connection.fileno(), f.fileno(), offset + sent, step)
            if n == 0:
                break
            sent += n
            self._rec.body_sent += n  # as it goes: a benchmark reads it mid-transfer

    def _send_faulty(self, f: Any, start: int, length: int, fault: Fault | None, rate: int) -> None:
        hub = self.server.hub
        f.seek(start)
        sent = 0
        kind = fault.kind if fault else None
        after = fault.after if fault else 0
        began = time.monotonic()
        while sent < length:
            if kind in ("drop", "stall", "trickle") and sent >= after:
                if kind == "drop":
                    self.close_connection = True
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if kind == "stall":
                    hub._closing.wait(fault.seconds if fault else 0)
                    self.close_connection = True
                    with contextlib.suppress(OSError):
                        self.connection.shutdown(socket.SHUT_RDWR)
                    return
            step = 64 << 10
            if kind in ("drop", "stall") and sent < after:
                step = min(step, after - sent)
            if kind == "trickle" and sent >= after:
                step = max(1, (fault.rate if fault else 1) // 10)
            if rate:
                step = min(step, max(1, rate // 20))
            chunk = f.read(min(step, length - sent))
            if not chunk:
                break
            if kind == "corrupt" and sent <= after < sent + len(chunk):
                i = after - sent
                chunk = chunk[:i] + bytes([chunk[i] ^ 0xFF]) + chunk[i + 1 :]
            self.wfile.write(chunk)
            sent += len(chunk)
            self._rec.body_sent += len(chunk)
            if kind == "trickle" and sent >= after and hub._closing.wait(0.1):
                return
            if rate:
                ahead = sent / rate - (time.monotonic() - began)
                if ahead > 0 and hub._closing.wait(ahead):
                    return


def _model_json(repo: Repo) -> dict[str, Any]:
    tags = ["gguf"] if any(f.lower().endswith(".gguf") for f in repo.files) else []
    if repo.license:
        tags.append(f"license:{repo.license}")
    card: dict[str, Any] = {}
    if repo.license:
        card["license"] = repo.license
    if repo.languages:
        card["language"] = repo.languages
    return {
        "_id": repo.commit[:24],
        "id": repo.name,
        "modelId": repo.name,
        "author": repo.name.split("/")[0],
        "sha": repo.commit,
        "lastModified": "2026-08-01T12:00:00.000Z",
        "private": False,
        "gated": "manual" if repo.gated_token else False,
        "downloads": repo.downloads,
        "likes": repo.likes,
        "tags": tags,
        "library_name": "gguf" if tags[:1] == ["gguf"] else None,
        "cardData": card,
    }


def _siblings(repo: Repo, blobs: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name, f in sorted(repo.files.items()):
        item: dict[str, Any] = {"rfilename": name}
        if blobs:
            item["size"] = f.size
            item["blobId"] = hashlib.sha1(name.encode()).hexdigest()
            if f.lfs:
                item["lfs"] = {"size": f.size, "sha256": f.etag_sha, "pointerSize": 134}
        out.append(item)
    return out


def _search(hub: Hub, params: dict[str, list[str]]) -> list[dict[str, Any]]:
    """``/api/models``: ``search`` as a substring of the id, ``filter=gguf`` as a tag."""
    text = params.get("search", [""])[0].lower()
    wanted = set(params.get("filter", []))
    found = []
    for repo in hub.repos.values():
        item = _model_json(repo)
        if text in repo.name.lower() and wanted <= set(item["tags"]):
            found.append(item)
    if params.get("sort", [""])[0] == "downloads":
        found.sort(key=lambda i: i["downloads"], reverse=True)
    limit = int(params.get("limit", ["1000"])[0])
    return found[:limit]


# ---- a small real GGUF ------------------------------------------------------------------
def write_test_gguf(
    path: Path,
    *,
    arch: str = "llama",
    layers: int = 2,
    embedding: int = 64,
    heads: int = 4,
    kv_heads: int = 2,
    context: int = 4096,
    vocab: int = 3000,
    name: str = "Tiny Test Model",
) -> Path:
    """A valid GGUF with llama-style metadata, a vocabulary and F32/F16/Q8_0 tensors."""
    import numpy as np
    from gguf import GGMLQuantizationType, GGUFWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1234)
    w = GGUFWriter(str(path), arch)
    w.add_name(name)
    w.add_block_count(layers)
    w.add_context_length(context)
    w.add_embedding_length(embedding)
    w.add_feed_forward_length(embedding * 4)
    w.add_head_count(heads)
    w.add_head_count_kv(kv_heads)
    w.add_file_type(7)  # MOSTLY_Q8_0
    w.add_tokenizer_model("llama")
    w.add_token_list([f"tok_{i:05d}_{'x' * (i % 17)}" for i in range(vocab)])
    w.add_token_scores([float(-i) for i in range(vocab)])
    w.add_tensor("token_embd.weight", rng.standard_normal((vocab, embedding), dtype=np.float32))
    for i in range(layers):
        w.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(embedding, dtype=np.float32))
        w.add_tensor(
            f"blk.{i}.attn_q.weight",
            rng.standard_normal((embedding, embedding)).astype(np.float16),
        )
        q8 = rng.integers(0, 255, size=(embedding, embedding // 32 * 34), dtype=np.uint8)
        w.add_tensor(f"blk.{i}.ffn_up.weight", q8, raw_dtype=GGMLQuantizationType.Q8_0)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


# ---- fixtures ---------------------------------------------------------------------------
@pytest.fixture
def hf_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No token or Hub setting from the machine running the tests leaks in."""
    import huggingface_hub.constants as hf_constants

    home = tmp_path / "hf_home"
    home.mkdir()
    for var in (
        "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_CACHE", "HF_ENDPOINT", "HF_OIDC_RESOURCE",
        "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
    ):  # fmt: skip
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.setenv("HF_TOKEN_PATH", str(home / "token"))
    # huggingface_hub computed these paths when first imported: point them here too
    monkeypatch.setattr(hf_constants, "HF_TOKEN_PATH", str(home / "token"))
    monkeypatch.setattr(hf_constants, "HF_STORED_TOKENS_PATH", str(home / "stored_tokens"))
    return home


@pytest.fixture
def hub(tmp_path: Path, hf_env: Path) -> Iterator[Hub]:
    server = Hub(tmp_path / "hub")
    try:
        yield server
    finally:
        server.close()
        assert not server.auth_leaks, "the Authorization header reached the CDN host"
