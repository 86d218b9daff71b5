"""POST /v1/counters/{counter_id}/…: what a window does (handlers return JSONResponse, and the busy ones are
async: see routes_tickets)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import JSONResponse

from hall_server.api.auth import CounterTerminal, check_counter
from hall_server.api.routes_tickets import ERRORS
from hall_server.api.schemas import (
    CallNextIn,
    CounterActionIn,
    CounterOut,
    PauseIn,
    ResumeIn,
    TicketOut,
    TransferIn,
)
from hall_server.config import TokenDef
from hall_server.counters import CounterAction
from hall_server.service import HallService

router = APIRouter(prefix="/v1/counters/{counter_id}", tags=["counters"])
CounterPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,16}$")]


def _prepare(request: Request, terminal: TokenDef, counter_id: str) -> HallService:
    check_counter(terminal, counter_id)
    return request.app.state.service


@router.post("/call-next", response_model=TicketOut, responses={204: {"description": "nobody waits"}, **ERRORS},
             summary="Call the next ticket (one atomic claim); 204 when nobody waits")
async def call_next(body: CallNextIn, request: Request, counter_id: CounterPath,
                    terminal: CounterTerminal) -> Any:
    ticket = await _prepare(request, terminal, counter_id).call_next_async(
        CounterAction(counter_id, body.clerk_id), tuple(body.service_codes) if body.service_codes else None,
        body.client_request_id)
    return JSONResponse(ticket) if ticket is not None else Response(status_code=204)


def _step(name: str, summary: str) -> None:
    async def endpoint(request: Request, counter_id: CounterPath, terminal: CounterTerminal,
                       body: CounterActionIn | None = None) -> JSONResponse:
        body = body or CounterActionIn()
        return JSONResponse(await _prepare(request, terminal, counter_id).counter_step_async(
            name, CounterAction(counter_id, body.clerk_id, body.ticket_id)))

    endpoint.__name__ = name
    router.add_api_route(f"/{name.replace('_', '-')}", endpoint, methods=["POST"], response_model=TicketOut,
                         responses=ERRORS, summary=summary)


_step("recall", "Announce the called ticket again")
_step("no_show", "The called citizen did not come (过号)")
_step("start", "The citizen arrived; service starts")
_step("finish", "Service finished")


@router.post("/transfer", response_model=TicketOut, responses=ERRORS,
             summary="Send the counter's ticket to another service or counter; it keeps its number")
def transfer(body: TransferIn, request: Request, counter_id: CounterPath,
             terminal: CounterTerminal) -> JSONResponse:
    return JSONResponse(_prepare(request, terminal, counter_id).transfer(
        CounterAction(counter_id, body.clerk_id, body.ticket_id), body.to_service_code, body.to_counter_id))


@router.post("/pause", response_model=CounterOut, responses=ERRORS, summary="Pause the counter, with a reason")
def pause(body: PauseIn, request: Request, counter_id: CounterPath,
          terminal: CounterTerminal) -> JSONResponse:
    return JSONResponse(_prepare(request, terminal, counter_id).pause(CounterAction(counter_id, body.clerk_id),
                                                                      body.reason))


@router.post("/resume", response_model=CounterOut, responses=ERRORS, summary="Open the counter again")
def resume(body: ResumeIn, request: Request, counter_id: CounterPath,
           terminal: CounterTerminal) -> JSONResponse:
    return JSONResponse(_prepare(request, terminal, counter_id).resume(CounterAction(counter_id, body.clerk_id)))
