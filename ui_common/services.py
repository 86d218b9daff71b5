"""The terminal's live services, started once after the first frame and handed to the screens on the context.

    services = start_services(ctx, runtime_paths)     # blocking (ports, sockets): run it off the GUI thread
    ctx.devices.get("idcard")                         # DeviceManager: device events reach ctx.bus
    ctx.printing.print(document, case_id=...)         # core.print_queue.PrintQueue over the device printers
    ctx.hall.issue_ticket("general")                  # core.queueing.HallClient; HallListener feeds ctx.bus
    ctx.central.licence_by_token(token)               # core.sync.client.CentralClient for look-ups
    services.stop()

Which services a mode starts is a table (:data:`MODE_SERVICES`), not scattered ifs. Every service is optional:
a terminal without a hall server or a platform still starts, its screens say what is missing, and the cases
wait in the outbox. Nothing here imports Qt, so the headless commands reuse it.

``--demo`` runs everything on loopback. The demo hall server is shared by every demo process of one data
folder: the first one starts it and writes its address to ``hall-server.url``; a counter or display started
next to a demo kiosk finds it there, so a ticket taken on the kiosk is called at the counter and shown on the
board.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import HalltermError

log = logging.getLogger(__name__)

#: What each mode runs. The technician tests devices and links itself, with the settings being edited.
MODE_SERVICES: dict[str, frozenset[str]] = {
    "kiosk": frozenset({"documents", "devices", "printing", "hall", "central", "sync"}),
    "counter": frozenset({"documents", "devices", "printing", "hall", "central", "sync"}),
    "technician": frozenset({"documents"}),   # its devices page starts and restarts each device itself
    "display": frozenset({"hall"}),
    "evaluator": frozenset({"hall"}),     # the counter's evaluator: hall events only; evaluations go to the store
}
HALL_ROLE_BY_MODE = {"kiosk": "kiosk", "counter": "counter", "display": "display", "technician": "admin",
                     "evaluator": "display"}
DEMO_HALL_URL_FILE = "hall-server.url"
RECEIPT_PRINTER_DEVICE = "receipt_printer"
A4_PRINTER_DEVICE = "a4_printer"
#: Which setting names the printer of each document kind (a device name from ``[devices]``, or "none").
PRINTER_SETTING_BY_KIND = {
    "QUEUE_TICKET": "printing.queue_ticket_printer", "ACCEPTANCE_RECEIPT": "printing.acceptance_receipt_printer",
    "CORRECTION_NOTICE": "printing.notice_printer", "TOLERANCE_NOTICE": "printing.notice_printer",
    "REFUSAL_NOTICE": "printing.notice_printer", "LICENCE": "printing.licence_printer",
    "PROGRESS_SUMMARY": "printing.progress_summary_printer",
}


@dataclass
class TerminalServices:
    devices: Any = None          # devices.manager.DeviceManager
    printing: Any = None         # core.print_queue.PrintQueue
    hall: Any = None             # core.queueing.client.HallClient
    hall_listener: Any = None    # core.queueing.listener.HallListener
    hall_server: Any = None      # hall_server.embedded.RunningHallServer (demo / single terminal)
    central: Any = None          # core.sync.client.CentralClient for look-ups (licences, credit)
    central_config: Any = None   # the sync engine gets its own client on the same configuration
    signing_key: Any = None      # core.documents.keys.SigningKey: signs the QR of every document
    sync_engine: Any = None
    sync_worker: Any = None
    simulator: Any = None        # central_sim (demo)
    problems: list[str] = field(default_factory=list)   # error codes of services that did not start

    def stop(self) -> None:
        """Stop in reverse order of dependence; never raises (it runs at exit)."""
        for name, action in (("hall_listener", lambda s: s.stop()), ("sync_worker", lambda s: s.stop()),
                             ("sync_engine", lambda s: s.close()), ("central", lambda s: s.close()),
                             ("hall", lambda s: s.close()), ("devices", lambda s: s.stop()),
                             ("hall_server", lambda s: s.stop()), ("simulator", lambda s: s.stop())):
            service = getattr(self, name)
            if service is None:
                continue
            try:
                action(service)
            except Exception:
                log.exception("SERVICE_STOP_FAILED %s", name)
            setattr(self, name, None)


def start_services(ctx: Any, *, wanted: frozenset[str] | None = None,
                   into: list[TerminalServices] | None = None) -> TerminalServices:
    """Start the services of ``ctx.mode`` and attach them to ``ctx``. Blocking; call it off the GUI thread.

    A service that cannot start is logged with its code and left as None; the others still start.
    ``into`` receives the services object *before* anything starts, so a program that quits while they
    are still starting (its callback never runs) can stop whatever did start.
    """
    wanted = MODE_SERVICES.get(ctx.mode, frozenset()) if wanted is None else wanted
    services = TerminalServices()
    if into is not None:
        into.append(services)
    steps = (("documents", _load_signing_key), ("devices", _start_devices), ("printing", _start_printing),
             ("hall", _start_hall), ("central", _start_central), ("sync", _start_sync))
    for name, step in steps:
        if name not in wanted:
            continue
        try:
            step(ctx, services)
        except HalltermError as exc:
            log.error("SERVICE_START_FAILED %s [%s] %s", name, exc.code, exc.detail)
            services.problems.append(exc.code)
        except Exception as exc:   # an unexpected failure in one service must not take the others down
            log.exception("SERVICE_START_FAILED %s", name)
            services.problems.append(f"UNEXPECTED {type(exc).__name__}")
    ctx.devices, ctx.printing, ctx.hall, ctx.central = (services.devices, services.printing, services.hall,
                                                        services.central)
    ctx.signing_key = services.signing_key
    if services.sync_worker is not None:
        ctx.sync = services.sync_worker
    return services


# --- documents, devices and printing --------------------------------------------------------------

def _load_signing_key(ctx: Any, services: TerminalServices) -> None:
    from core.documents.keys import SIGNING_KEY_FILE_NAME, SigningKey

    if ctx.paths is not None:
        services.signing_key = SigningKey.load_or_create(Path(ctx.paths.keys_dir) / SIGNING_KEY_FILE_NAME)


def _start_devices(ctx: Any, services: TerminalServices) -> None:
    from devices.manager import DeviceManager
    from ui_common.device_bridge import DeviceBridge

    services.devices = DeviceManager(ctx.settings.devices, listener=DeviceBridge(ctx.bus))
    services.devices.start()


def _start_printing(ctx: Any, services: TerminalServices) -> None:
    from core.documents.tokens import DocumentKind
    from core.print_queue import A4, RECEIPT, PrintQueue
    from devices.printers.port import DevicePrinterPort

    if ctx.store is None:
        return
    manager = services.devices
    configured = set(ctx.settings.devices) if manager is not None else set()

    def port(device_name: str) -> DevicePrinterPort | None:
        if device_name not in configured:
            return None   # "none" or a device that is not there: the document waits for a reprint
        return DevicePrinterPort(lambda: manager.get(device_name))

    routes = {DocumentKind[kind]: str(ctx.setting(key, "") or "none") for kind, key in PRINTER_SETTING_BY_KIND.items()}
    printers = {RECEIPT: port(RECEIPT_PRINTER_DEVICE), A4: port(A4_PRINTER_DEVICE)}
    printers.update({name: port(name) for name in set(routes.values())})
    services.printing = PrintQueue(ctx.store, printers, routes=routes)


# --- the hall queue -------------------------------------------------------------------------------

def _start_hall(ctx: Any, services: TerminalServices) -> None:
    from core.queueing.client import HallClient
    from core.queueing.codes import Role
    from core.queueing.listener import HallListener

    role = Role(HALL_ROLE_BY_MODE.get(ctx.mode, "display"))
    url, token = ctx.setting("hall_server.url"), ctx.setting("hall_server.token")
    if not url:
        if not ctx.demo and ctx.paths is None:
            return
        url, token = _embedded_hall(ctx, services, role)
    elif not token:
        log.warning("HALL_NOT_CONFIGURED: hall_server.token is empty; the queue is not available")
        return
    timeout = float(ctx.setting("hall_server.request_timeout_s", 5.0))
    services.hall = HallClient(url, token, timeout=timeout, bus=ctx.bus)
    services.hall_listener = HallListener(services.hall, ctx.bus)
    services.hall_listener.start()


def _embedded_hall(ctx: Any, services: TerminalServices, role: Any) -> tuple[str, str]:
    """The hall server in this process (demo, or a single terminal), or the one another demo process runs."""
    from hall_server.config import DEMO_TOKENS
    from hall_server.embedded import start_in_thread

    data_dir = Path(ctx.paths.data_dir)
    url_file = data_dir / DEMO_HALL_URL_FILE
    shared = _reachable_hall_url(url_file)
    if shared is not None:
        log.info("using the hall server another demo terminal runs at %s", shared)
        return shared, DEMO_TOKENS[role]
    services.hall_server = start_in_thread(f"sqlite:///{data_dir / 'hall.sqlite3'}")
    url_file.write_text(services.hall_server.url, encoding="utf-8")
    return services.hall_server.url, services.hall_server.tokens[role]


def _reachable_hall_url(url_file: Path) -> str | None:
    import httpx

    try:
        url = url_file.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    try:
        httpx.get(f"{url}/v1/health", timeout=1.0).raise_for_status()   # liveness: no token, no schema build
    except httpx.HTTPError:
        return None
    return url


# --- the central platform -------------------------------------------------------------------------

def _start_central(ctx: Any, services: TerminalServices) -> None:
    from core.sync.client import CentralClient, ClientConfig

    base_url, secret = None, None
    if ctx.demo:
        services.simulator, secret = start_demo_platform(ctx.paths.data_dir, ctx.settings.get("terminal.id"))
        base_url = services.simulator.url
    elif not (ctx.setting("central.url") and ctx.setting("central.terminal_secret")):
        log.warning("SYNC_NOT_CONFIGURED: central.url or central.terminal_secret is empty; cases wait in the outbox")
        return
    config = ClientConfig.from_settings(ctx.settings, base_url=base_url, secret=secret)
    services.central = CentralClient(config)
    services.central_config = config


def _start_sync(ctx: Any, services: TerminalServices) -> None:
    from core.sync.client import CentralClient
    from core.sync.service import SyncEngine
    from core.sync.worker import SyncWorker

    config = services.central_config
    if config is None or ctx.store is None:
        return
    services.sync_engine = SyncEngine(ctx.store, CentralClient(config), bus=ctx.bus)
    services.sync_worker = SyncWorker(services.sync_engine, interval_s=ctx.settings.get("central.sync_interval_s"))
    services.sync_worker.start()


def start_demo_platform(data_dir: Path, terminal_id: str) -> tuple[Any, str]:
    """``--demo``'s own central platform simulator on loopback, with a fresh secret for this terminal."""
    from central_sim.embedded import start

    secret = secrets.token_urlsafe(24)
    simulator = start(Path(data_dir) / "central-sim.sqlite3", terminals={terminal_id: secret}, back_office_step_s=20)
    return simulator, secret
