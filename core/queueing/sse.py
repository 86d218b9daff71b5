"""A Server-Sent Events parser (the WHATWG "event stream interpretation", the parts a server uses).

https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation: lines
``field: value``; a blank line dispatches the event; lines starting with ``:`` are comments
(keepalives); several ``data:`` lines join with newlines; ``id`` persists until changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class SseEvent:
    event: str
    data: str
    id: str | None


def parse_sse(lines: Iterable[str]) -> Iterator[SseEvent]:
    event, data, last_id = "", [], None
    for raw in lines:
        line = raw.rstrip("\r")
        if not line:
            if data:
                yield SseEvent(event or "message", "\n".join(data), last_id)
            event, data = "", []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            event = value
        elif name == "data":
            data.append(value)
        elif name == "id" and "\0" not in value:
            last_id = value
