"""A small HTTP client for the Hugging Face Hub's resolve URLs (or a mirror's).

``{endpoint}/{repo}/resolve/{revision}/{file}`` answers a HEAD with the file's metadata
(``X-Linked-Size``, ``X-Linked-Etag`` = sha256 for LFS files, ``X-Repo-Commit``) and a GET
with a redirect to a CDN host. Redirects are followed here, not by a library, so that the
credentials (a token, or a user and password in a mirror's URL) go only to the endpoint's
own origin and only on its own answers: the first request and the relative redirects
the Hub uses for renamed repos. An absolute redirect is the CDN, even when it lives on
the same host, and gets no credentials. Metadata follows huggingface_hub's rule
(``get_hf_file_metadata``): only relative redirects, and the ``X-Linked-*`` and
``X-Repo-Commit`` headers are read from the first answer that carries them. Credentials
are never logged, stored in the database, or part of an error message or a ``repr``.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import logging
import os
import re
import ssl
import urllib.request
from collections.abc import Mapping
from urllib.parse import quote, unquote, urljoin, urlsplit

from wizard_app import __version__
from wizard_app.core.download.errors import (
    DownloadError,
    TransientError,
    http_error,
)
from wizard_app.core.download.response import HubResponse, RemoteFile
from wizard_app.core.errors import InputError, WizardError

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://huggingface.co"
ENDPOINT_ENV = "HF_ENDPOINT"
TOKEN_ENVS = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")
USER_AGENT = f"open-model-wizard/{__version__}"
_REDIRECTS = (301, 302, 303, 307, 308)
_HUB_HEADERS = ("x-linked-etag", "x-linked-size", "x-repo-commit")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def resolve_endpoint(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The Hub's base URL: ``explicit`` (settings, ``--endpoint``), else ``HF_ENDPOINT``."""
    env = os.environ if env is None else env
    url = (explicit or env.get(ENDPOINT_ENV) or DEFAULT_ENDPOINT).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WizardError(
            f"The Hub endpoint {strip_credentials(url)!r} is not an http(s) URL.",
            f"Give one like {DEFAULT_ENDPOINT} with --endpoint or {ENDPOINT_ENV}.",
        )
    return url


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``url`` without a ``user:password@`` part, and that user and password (or None).

    The clean URL is what may be stored and logged; the credentials are kept like the
    token: in the settings or the environment they came from, and in memory.
    """
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    clean = parts._replace(netloc=netloc).geturl()
    return clean, (unquote(parts.username or ""), unquote(parts.password or ""))


def strip_credentials(url: str) -> str:
    return split_credentials(url)[0]


def resolve_token(
    explicit: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    use_stored: bool = True,
) -> str | None:
    """``explicit``, else ``HF_TOKEN``, else the token ``huggingface-cli login`` stored."""
    if explicit:
        return explicit.strip()
    env = os.environ if env is None else env
    for var in TOKEN_ENVS:
        if env.get(var, "").strip():
            return env[var].strip()
    if not use_stored:
        return None
    try:
        import huggingface_hub

        token = huggingface_hub.get_token()
    except Exception:  # a broken token file must not stop a public download
        log.warning("could not read the stored Hugging Face token", exc_info=False)
        return None
    return token or None


def origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return scheme, (parts.hostname or "").lower(), port


def safe_url(url: str) -> str:
    """The URL without credentials and query string (a CDN signature), for logs and
    messages."""
    parts = urlsplit(strip_credentials(url))
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


class HubClient:
    """HEAD and ranged GET against resolve URLs, redirects followed by hand."""

    def __init__(
        self,
        endpoint: str | None = None,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        user_agent: str = USER_AGENT,
        max_redirects: int = 10,
    ) -> None:
        self.endpoint, credentials = split_credentials(resolve_endpoint(endpoint))
        self._token = token or None
        self._auth: str | None = None  # the Authorization header for the endpoint
        if credentials is not None:  # a mirror's own login wins, as in requests and httpx
            raw = f"{credentials[0]}:{credentials[1]}".encode()
            self._auth = "Basic " + base64.b64encode(raw).decode()
        elif self._token:
            self._auth = f"Bearer {self._token}"
        self.timeout = timeout
        self.user_agent = user_agent
        self.max_redirects = max_redirects
        self._origin = origin(self.endpoint)
        self._ssl: ssl.SSLContext | None = None

    def __repr__(self) -> str:
        return f"HubClient({self.endpoint!r}, token={'set' if self._token else 'none'})"

    @property
    def has_token(self) -> bool:
        return self._token is not None

    def resolve_url(self, repo: str, filename: str, revision: str = "main") -> str:
        return f"{self.endpoint}/{repo}/resolve/{quote(revision, safe='')}/{quote(filename)}"

    def model_page(self, repo: str) -> str:
        return f"{self.endpoint}/{repo}"

    # ---- metadata -----------------------------------------------------------------------
    def metadata(self, repo: str, filename: str, revision: str = "main") -> RemoteFile:
        """HEAD the resolve URL; the LFS headers sit on the redirect to the CDN.

        Only relative redirects are followed (huggingface_hub's rule): an absolute one
        leads to the CDN, whose answer lacks the Hub's headers, even on the same host.
        """
        url = self.resolve_url(repo, filename, revision)
        seen: dict[str, str] = {}
        resp = self.request("HEAD", url, follow="relative", headers_seen=seen)
        with resp:
            if resp.status >= 400 or (resp.status in _REDIRECTS and not resp.header("Location")):
                self.raise_for_status(resp, repo, filename, revision)
            linked_etag = _unquote_etag(seen.get("x-linked-etag"))
            etag = _unquote_etag(resp.header("ETag"))
            size_header = seen.get("x-linked-size") or (
                resp.header("Content-Length") if resp.status == 200 else None
            )
            lowered = (linked_etag or "").lower()
            sha = lowered if _SHA256.match(lowered) else None
            return RemoteFile(
                repo=repo,
                filename=filename,
                revision=revision,
                url=url,
                size=int(size_header) if size_header and size_header.isdigit() else None,
                sha256=sha,
                commit=seen.get("x-repo-commit"),
                etag=linked_etag or etag,
                lfs=linked_etag is not None,
            )

    # ---- body ----------------------------------------------------------------------------
    def open_range(
        self,
        url: str,
        start: int = 0,
        end: int | None = None,
        *,
        timeout: float | None = None,
        context: tuple[str, str, str] | None = None,
    ) -> HubResponse:
        """GET ``url`` from byte ``start`` (to ``end`` inclusive), following redirects.

        Returns a 200 or 206 response with its body unread; anything else raises.
        ``context`` is ``(repo, filename, revision)`` for the error messages.
        """
        headers = {"Accept-Encoding": "identity"}
        if start > 0 or end is not None:
            headers["Range"] = f"bytes={start}-{'' if end is None else end}"
        resp = self.request("GET", url, headers=headers, timeout=timeout)
        if resp.status in (200, 206):
            return resp
        with resp:
            if resp.status == 416:
                raise DownloadError(
                    f"The server refused the byte range {start}- of {safe_url(resp.url)} (416)."
                )
            repo, filename, revision = context or _context_from_url(url)
            self.raise_for_status(resp, repo, filename, revision)
        raise DownloadError(f"Unexpected answer {resp.status} from {safe_url(resp.url)}.")

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        follow: str = "all",
        headers_seen: dict[str, str] | None = None,
    ) -> HubResponse:
        """One request, redirects followed (``follow``: all | relative | none).

        The ``Authorization`` header goes only to the endpoint's own origin, on the first
        request and on relative redirects from it; after an absolute redirect (the CDN,
        on another host or on the same one) no request carries it. ``headers_seen``
        collects the Hub's metadata headers, each from the first answer that has it.
        """
        own = origin(url) == self._origin
        for _ in range(self.max_redirects + 1):
            hdrs = {"User-Agent": self.user_agent, **(headers or {})}
            if self._auth and own:
                hdrs["Authorization"] = self._auth
            resp = self._send(method, url, hdrs, timeout if timeout is not None else self.timeout)
            if headers_seen is not None:
                for name in _HUB_HEADERS:
                    value = resp.header(name)
                    if value and name not in headers_seen:
                        headers_seen[name] = value
            location = resp.header("Location")
            if resp.status not in _REDIRECTS or not location or follow == "none":
                return resp
            loc = urlsplit(location)
            relative = not loc.scheme and not loc.netloc
            if follow == "relative" and not relative:
                return resp
            target = urljoin(url, location)
            own = own and relative
            resp.close()
            if resp.status == 303:
                method = "GET"
            log.debug("redirect %s -> %s", safe_url(url), safe_url(target))
            url = target
        raise DownloadError(f"Too many redirects from {safe_url(url)}.")

    def _send(self, method: str, url: str, headers: dict[str, str], timeout: float) -> HubResponse:
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        host = parts.hostname or ""
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        proxy = _proxy_for(parts.scheme, host)
        conn: http.client.HTTPConnection | None = None
        try:
            if proxy is None:
                conn = (
                    http.client.HTTPSConnection(host, port, timeout=timeout, context=self._tls())
                    if https
                    else http.client.HTTPConnection(host, port, timeout=timeout)
                )
            else:
                p = urlsplit(proxy)
                proxy_headers = {}
                if p.username:
                    cred = f"{unquote(p.username)}:{unquote(p.password or '')}"
                    proxy_headers["Proxy-Authorization"] = (
                        "Basic " + base64.b64encode(cred.encode()).decode()
                    )
                pport = p.port or (443 if p.scheme == "https" else 80)
                if https:
                    conn = http.client.HTTPSConnection(
                        p.hostname or "", pport, timeout=timeout, context=self._tls()
                    )
                    conn.set_tunnel(host, port, headers=proxy_headers)
                else:
                    conn = http.client.HTTPConnection(p.hostname or "", pport, timeout=timeout)
                    target = url.split("#")[0]  # absolute form through a forward proxy
                    headers = {**headers, **proxy_headers}
            conn.request(method, target, headers=headers)
            resp = conn.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
            if isinstance(exc, ssl.SSLCertVerificationError):  # retrying will not help
                raise DownloadError(
                    f"Cannot reach {parts.scheme}://{parts.netloc}: {_describe(exc)}.",
                    "Check the system's certificates, or a proxy that intercepts HTTPS.",
                ) from exc
            raise TransientError.unreachable(
                f"{parts.scheme}://{parts.netloc}", _describe(exc)
            ) from exc
        return HubResponse(conn, resp, url)

    def _tls(self) -> ssl.SSLContext:
        if self._ssl is None:
            ctx = ssl.create_default_context()
            try:  # add certifi's roots where the system store is empty (frozen apps, macOS)
                import certifi

                ctx.load_verify_locations(cafile=certifi.where())
            except (ImportError, OSError):
                pass
            self._ssl = ctx
        return self._ssl

    # ---- errors --------------------------------------------------------------------------
    def raise_for_status(self, resp: HubResponse, repo: str, filename: str, revision: str) -> None:
        """Turn an error answer into a message that says what to do."""
        where = urlsplit(self.endpoint).netloc
        page = self.model_page(repo)
        raise http_error(
            resp, repo, filename, revision, where=where, page=page, with_token=bool(self._token),
            url=safe_url(resp.url),
        )  # fmt: skip


def _unquote_etag(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("W/"):
        value = value[2:]
    return value.strip('"') or None


def _context_from_url(url: str) -> tuple[str, str, str]:
    m = re.search(r"/([^/]+/[^/]+)/resolve/([^/]+)/(.+)$", urlsplit(url).path)
    if m:
        return m.group(1), unquote(m.group(3)), unquote(m.group(2))
    return "?", safe_url(url), "?"


def _proxy_for(scheme: str, host: str) -> str | None:
    proxies = urllib.request.getproxies()
    proxy = proxies.get(scheme)
    if not proxy:
        return None
    if urllib.request.proxy_bypass(host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate not trusted ({exc.verify_message})"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def check_repo_id(repo: str) -> str:
    """``repo`` if it is a Hub repository id ``owner/name``; else a clear ``InputError``.

    huggingface_hub's own rules (``validate_repo_id``: letters, digits, ``-``, ``_``, ``.``;
    no ``--`` or ``..``; at most 96 characters), plus exactly one ``/``: a model always has
    an owner here, and ``owner/name/sub`` would name a folder inside another repository.
    """
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import validate_repo_id  # type: ignore[attr-defined]

    problem = None
    if not isinstance(repo, str) or repo.count("/") != 1:
        problem = "it must be exactly owner/name"
    else:
        try:
            validate_repo_id(repo)
        except HFValidationError as exc:
            problem = str(exc).split(": '")[0].rstrip(".")
    if problem is not None:
        raise InputError(
            f"'{repo}' is not a Hugging Face repository id: {problem}.",
            "Give it as owner/name, e.g. Qwen/Qwen3-4B-GGUF, and the file inside it with --file.",
        )
    return repo
