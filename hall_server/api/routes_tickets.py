"""POST /v1/tickets and friends: what kiosks (and an admin) do with tickets.

Handlers return ``JSONResponse`` themselves: the views are built to the documented shapes already, and
skipping FastAPI's second validation through ``response_model`` is a good part of a call's CPU time.
``response_model`` stays on each route for the OpenAPI document. The busiest routes (issue, call-next and
the counter steps) are ``async``: they await the database without occupying a worker thread (on SQLite
the writer thread answers the event loop directly; a thread hop costs ~0.1 ms of CPU each way).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from hall_server.api.auth import AnyTerminal, DeskTerminal, KioskTerminal
from hall_server.api.schemas import ErrorOut, IssueTicketIn, OfflineTicketIn, TicketOut
from hall_server.clock import ms_from_datetime
from hall_server.service import HallService
from hall_server.tickets import IssueRequest

router = APIRouter(prefix="/v1/tickets", tags=["tickets"])
TicketPath = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]
ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorOut} for status in (401, 403, 404, 409, 422, 503)}


def _service(request: Request) -> HallService:
    return request.app.state.service


@router.post("", response_model=TicketOut, status_code=201, responses={200: {"model": TicketOut}, **ERRORS},
             summary="Issue a ticket (201), or return the one this client_request_id already got (200)")
async def issue_ticket(body: IssueTicketIn, request: Request, terminal: KioskTerminal) -> JSONResponse:
    ticket, created = await _service(request).issue_async(IssueRequest(
        service_code=body.service_code, client_request_id=body.client_request_id, priority=body.priority,
        person_hmac=body.person_hmac, origin=terminal.terminal_id))
    return JSONResponse(ticket, status_code=201 if created else 200)


@router.post("/offline", response_model=TicketOut, status_code=201, responses={200: {"model": TicketOut}, **ERRORS},
             summary="Register a ticket a kiosk issued from its reserved range while the server was unreachable")
def register_offline_ticket(body: OfflineTicketIn, request: Request, terminal: KioskTerminal) -> JSONResponse:
    ticket, created = _service(request).issue_offline(terminal, IssueRequest(
        service_code=body.service_code, client_request_id=body.client_request_id, priority=body.priority,
        person_hmac=body.person_hmac, origin=terminal.terminal_id, number=body.number,
        issued_at_ms=ms_from_datetime(body.issued_at)))
    return JSONResponse(ticket, status_code=201 if created else 200)


@router.get("/{ticket_id}", response_model=TicketOut, responses=ERRORS,
            summary="One of today's tickets, with its position and wait estimate")
def get_ticket(ticket_id: TicketPath, request: Request,
               _: AnyTerminal) -> JSONResponse:
    return JSONResponse(_service(request).ticket(ticket_id))


@router.post("/{ticket_id}/cancel", response_model=TicketOut, responses=ERRORS,
             summary="Withdraw a waiting (or called) ticket")
def cancel_ticket(ticket_id: TicketPath, request: Request,
                  _: DeskTerminal) -> JSONResponse:
    return JSONResponse(_service(request).cancel(ticket_id))
