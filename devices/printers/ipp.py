"""Just enough IPP to ask CUPS how a queue and a job stand (RFC 8010 encoding, RFC 8011 attributes).

``lpstat`` prints the same facts as localised text that cannot tell a completed job from an aborted one
(both are listed as "completed"); Get-Job-Attributes answers ``job-state`` 9 (completed), 8 (aborted) or
7 (canceled) exactly. Jobs are still submitted with ``lp`` (it brings CUPS's local authentication and file
typing); this module only reads.

``server`` is what ``lp -h`` takes: ``host``, ``host:port``, ``[v6]:port`` or a domain socket path.
"""

from __future__ import annotations

import getpass
import http.client
import socket
import struct
from dataclasses import dataclass
from typing import Any

OP_GET_PRINTER_ATTRIBUTES = 0x000B
OP_GET_JOB_ATTRIBUTES = 0x0009

TAG_OPERATION, TAG_JOB, TAG_END, TAG_PRINTER = 0x01, 0x02, 0x03, 0x04
TAG_INTEGER, TAG_BOOLEAN, TAG_ENUM = 0x21, 0x22, 0x23
TAG_URI, TAG_CHARSET, TAG_LANGUAGE, TAG_KEYWORD, TAG_NAME = 0x45, 0x47, 0x48, 0x44, 0x42

STATUS_NOT_FOUND = 0x0406

# RFC 8011 5.3.7 job-state and 5.4.11 printer-state
JOB_PENDING, JOB_HELD, JOB_PROCESSING, JOB_STOPPED, JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = range(3, 10)
PRINTER_IDLE, PRINTER_PROCESSING, PRINTER_STOPPED = 3, 4, 5
DEFAULT_PORT = 631


class IppUnreachable(Exception):
    """The CUPS server did not answer (not running, wrong address, timeout)."""


@dataclass(frozen=True)
class IppResponse:
    status: int
    groups: tuple[tuple[int, dict[str, list[Any]]], ...]

    @property
    def ok(self) -> bool:
        return self.status < 0x0100   # successful-ok and its "ignored or substituted" variants

    def group(self, tag: int) -> dict[str, list[Any]]:
        merged: dict[str, list[Any]] = {}
        for group_tag, attributes in self.groups:
            if group_tag == tag:
                merged.update(attributes)
        return merged


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._path)
        self.sock = sock


def split_server(server: str) -> tuple[str, int]:
    """``host[:port]`` -> (host, port); a path is returned as (path, 0)."""
    if server.startswith("/"):
        return server, 0
    if server.startswith("["):
        host, _, rest = server[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else DEFAULT_PORT
    host, _, port = server.partition(":")
    return host or "localhost", int(port) if port else DEFAULT_PORT


def _attribute(tag: int, name: str, *values: str | int) -> bytes:
    out = bytearray()
    for index, value in enumerate(values):
        raw = struct.pack(">i", value) if isinstance(value, int) else value.encode()
        label = name.encode() if index == 0 else b""
        out += struct.pack(">bh", tag, len(label)) + label + struct.pack(">h", len(raw)) + raw
    return bytes(out)


def encode_request(operation: int, request_id: int, attributes: list[tuple[int, str, tuple[str | int, ...]]]) -> bytes:
    body = bytearray(struct.pack(">bbhi", 2, 0, operation, request_id))
    body.append(TAG_OPERATION)
    body += _attribute(TAG_CHARSET, "attributes-charset", "utf-8")
    body += _attribute(TAG_LANGUAGE, "attributes-natural-language", "en")
    for tag, name, values in attributes:
        body += _attribute(tag, name, *values)
    body.append(TAG_END)
    return bytes(body)


def decode_response(data: bytes) -> IppResponse:
    if len(data) < 9:
        raise ValueError(f"IPP response too short ({len(data)} bytes)")
    status = struct.unpack(">h", data[2:4])[0]
    pos = 8
    groups: list[tuple[int, dict[str, list[Any]]]] = []
    current: dict[str, list[Any]] | None = None
    last_name = ""
    while pos < len(data):
        tag = data[pos]
        pos += 1
        if tag == TAG_END:
            break
        if tag < 0x10:                        # a delimiter: a new attribute group starts
            current = {}
            groups.append((tag, current))
            continue
        name_len = struct.unpack(">h", data[pos:pos + 2])[0]
        name = data[pos + 2:pos + 2 + name_len].decode("utf-8", "replace")
        pos += 2 + name_len
        value_len = struct.unpack(">h", data[pos:pos + 2])[0]
        raw = data[pos + 2:pos + 2 + value_len]
        pos += 2 + value_len
        if current is None:
            raise ValueError("IPP attribute outside a group")
        if name:
            last_name = name
        current.setdefault(last_name, []).append(_value(tag, raw))
    return IppResponse(status, tuple(groups))


def _value(tag: int, raw: bytes) -> Any:
    if tag in (TAG_INTEGER, TAG_ENUM) and len(raw) == 4:
        return struct.unpack(">i", raw)[0]
    if tag == TAG_BOOLEAN and len(raw) == 1:
        return raw != b"\x00"
    if 0x40 <= tag <= 0x4F or tag in (0x35, 0x36):   # character strings (text/name with language too)
        return raw.decode("utf-8", "replace")
    return raw


def request(server: str, operation: int, attributes: list[tuple[int, str, tuple[str | int, ...]]], *,
            timeout: float = 5.0) -> IppResponse:
    host, port = split_server(server)
    connection: http.client.HTTPConnection = (
        _UnixConnection(host, timeout) if port == 0 else http.client.HTTPConnection(host, port, timeout=timeout))
    try:
        connection.request("POST", "/", body=encode_request(operation, 1, attributes),
                           headers={"Content-Type": "application/ipp"})
        response = connection.getresponse()
        payload = response.read()
    except (OSError, http.client.HTTPException) as exc:
        raise IppUnreachable(f"CUPS at {server}: {exc}") from None
    finally:
        connection.close()
    if response.status != 200:
        raise IppUnreachable(f"CUPS at {server}: HTTP {response.status}")
    try:
        return decode_response(payload)
    except (ValueError, struct.error) as exc:
        raise IppUnreachable(f"CUPS at {server}: unreadable IPP answer ({exc})") from None


def _uri_host(server: str) -> str:
    host, port = split_server(server)
    return "localhost" if port == 0 else f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def printer_attributes(server: str, queue: str, *, timeout: float = 5.0) -> IppResponse:
    return request(server, OP_GET_PRINTER_ATTRIBUTES, [
        (TAG_URI, "printer-uri", (f"ipp://{_uri_host(server)}/printers/{queue}",)),
        (TAG_NAME, "requesting-user-name", (getpass.getuser(),)),
        (TAG_KEYWORD, "requested-attributes", ("printer-state", "printer-state-reasons", "printer-state-message",
                                               "printer-is-accepting-jobs")),
    ], timeout=timeout)


def job_attributes(server: str, job_id: int, *, timeout: float = 5.0) -> IppResponse:
    return request(server, OP_GET_JOB_ATTRIBUTES, [
        (TAG_URI, "job-uri", (f"ipp://{_uri_host(server)}/jobs/{job_id}",)),
        (TAG_NAME, "requesting-user-name", (getpass.getuser(),)),
        (TAG_KEYWORD, "requested-attributes", ("job-state", "job-state-reasons", "job-printer-state-message")),
    ], timeout=timeout)
