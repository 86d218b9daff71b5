"""hallterm: the composition root, the only module that knows every part.

    python main.py {kiosk,counter,technician,display} [--demo] [--config FILE] [--lang zh_CN|en] [--fullscreen]
    python main.py screenshots OUTDIR

Start-up order matters for the citizen: settings and the encrypted store are opened *before* any window,
because a terminal that cannot keep a case safely must not invite anyone to start one. If either fails,
the mode opens its out-of-service screen (calm words, the error code in small print) instead of a
traceback. The catalogue loads in the background after the first frame is painted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import HalltermError

MODES = ("kiosk", "counter", "technician", "display", "evaluator")
LANGUAGES = ("zh_CN", "en")
log = logging.getLogger("hallterm")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="hallterm — 政务服务大厅终端")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for mode, help_text in zip(MODES, ("自助终端 self-service kiosk", "窗口受理 counter client",
                                       "技术维护 technician console", "叫号屏 call display",
                                       "评价器 counter evaluator (second screen)"), strict=True):
        sub = commands.add_parser(mode, help=help_text)
        sub.add_argument("--demo", action="store_true", help="embedded defaults, demo data folder, simulators")
        sub.add_argument("--config", type=Path, metavar="FILE", help="the terminal's TOML config file")
        sub.add_argument("--lang", choices=LANGUAGES, help="interface language (default from the config)")
        sub.add_argument("--fullscreen", action="store_true", help="full screen, frameless")
    shots = commands.add_parser("screenshots", help="write a PNG of every screen")
    shots.add_argument("outdir", type=Path)

    devices = commands.add_parser("devices", help="设备检测 device checks for technicians")
    device_commands = devices.add_subparsers(dest="device_command", required=True, metavar="ACTION")
    listing = device_commands.add_parser("list", help="configured devices, driver, health")
    card = device_commands.add_parser("read-card", help="wait for one ID card and print its fields as JSON")
    card.add_argument("--port", required=True, metavar="URL", help="/dev/ttyUSB0, socket://host:port, rfc2217://…")
    card.add_argument("--baud", type=int, default=115200)
    card.add_argument("--timeout", type=float, default=10.0, metavar="S")
    print_test = device_commands.add_parser("print-test", help="print a test page with Chinese text and a QR code")
    print_test.add_argument("--printer", required=True, metavar="URL",
                            help="tcp://host:9100, serial://…, usb://VID:PID, file://…, cups://QUEUE")
    scan = device_commands.add_parser("scan", help="print the next code from a serial QR scanner")
    scan.add_argument("--port", required=True, metavar="URL")
    scan.add_argument("--timeout", type=float, default=10.0, metavar="S")
    scan.add_argument("--encoding", default="utf-8", choices=("utf-8", "gbk", "auto"))
    scan.add_argument("--baud", type=int, default=9600)

    verify = commands.add_parser("verify-qr", help="核验文书二维码 verify a document's QR text offline")
    verify.add_argument("text")
    documents = commands.add_parser("documents", help="文书 documents")
    document_commands = documents.add_subparsers(dest="document_command", required=True, metavar="ACTION")
    samples = document_commands.add_parser("samples", help="write one of each document (PDF, PNG, ESC/POS)")
    samples.add_argument("outdir", type=Path)
    sync = commands.add_parser("sync", help="同步 sync with the central platform")
    sync_commands = sync.add_subparsers(dest="sync_command", required=True, metavar="ACTION")
    sync_status = sync_commands.add_parser("status", help="outbox counts, last success, last error")
    sync_once = sync_commands.add_parser("once", help="one sync round now (not while the terminal program runs)")
    for sub in (listing, verify, samples, sync_status, sync_once):
        sub.add_argument("--demo", action="store_true", help="use the demo terminal's files")
        sub.add_argument("--config", type=Path, metavar="FILE")
    return parser


@dataclass
class Runtime:
    """What a mode needs before its first window: where files live, settings, the store."""

    paths: Any
    settings: Any
    store: Any = None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def open_runtime(*, demo: bool, config: Path | None, open_store: bool = True, log_to_stderr: bool = True) -> Runtime:
    """Resolve paths, load settings, start logging and open the store. Raises HalltermError."""
    from core.config import Settings
    from core.logging_setup import configure_logging
    from core.paths import Paths

    if demo:
        paths = Paths.for_demo()
        settings = Settings.demo_defaults()
    else:
        paths = Paths.default(config_file=config)
        settings = Settings.load(paths.config_file)
        paths = paths.with_data_dir(settings.get("store.data_dir"))
    paths.ensure_dirs()
    configure_logging(paths.logs_dir, level=settings.get("logging.level"), stderr=log_to_stderr,
                      max_bytes=settings.get("logging.max_bytes"), backups=settings.get("logging.backups"))
    runtime = Runtime(paths=paths, settings=settings)
    if open_store:
        from core.storage import Store

        runtime.store = Store.open(paths.database_file, paths.key_file)
    return runtime


def create_window(mode: str, ctx: Any) -> Any:
    if mode == "kiosk":
        from kiosk import create_main_window
    elif mode == "counter":
        from window_client import create_main_window
    elif mode == "evaluator":
        from window_client import create_evaluator_window as create_main_window
    elif mode == "technician":
        from technician import create_main_window
    else:
        from hall_display import create_main_window
    return create_main_window(ctx)


def run_mode(args: argparse.Namespace) -> int:
    from core.events import EventBus
    from ui_common.app import create_application, freeze_long_lived_objects, use_virtual_keyboard
    from ui_common.context import AppContext
    from ui_common.first_paint import install_first_paint_probe
    from ui_common.i18n import install_language
    from ui_common.service_unavailable import ServiceUnavailableWindow
    from ui_common.services import start_services
    from ui_common.tasks import TaskRunner
    from ui_common.theme import apply_theme

    if args.command == "kiosk":
        use_virtual_keyboard()     # before the QApplication: the input method is chosen at its creation
    app = create_application(sys.argv[:1])
    try:
        runtime = open_runtime(demo=args.demo, config=args.config)
    except HalltermError as exc:
        # Logging may not be configured yet (a corrupt config): stderr always works.
        logging.basicConfig(level=logging.INFO)
        log.error("STARTUP_FAILED %s: %s", exc.code, exc.detail)
        apply_theme(app, elderly=False)
        window = ServiceUnavailableWindow(exc, mode=args.mode if hasattr(args, "mode") else args.command)
        install_first_paint_probe(window)
        window.showFullScreen() if args.fullscreen else window.show()
        return app.exec()

    settings = runtime.settings
    language = args.lang or settings.get("ui.language")
    elderly = bool(settings.get("ui.elderly_mode_default")) and args.command == "kiosk"
    install_language(app, language)
    apply_theme(app, elderly=elderly)
    tasks = TaskRunner(app)
    ctx = AppContext(mode=args.command, demo=args.demo, language=language, elderly=elderly, bus=EventBus(),
                     settings=settings, paths=runtime.paths, store=runtime.store, tasks=tasks)
    if args.command == "display":
        ctx.announcer = create_announcer(ctx, app)   # the call board's voice, before its first call
    window = create_window(args.command, ctx)
    probe = install_first_paint_probe(window)
    if args.command == "kiosk" and (args.fullscreen or ctx.setting("kiosk.lockdown", False)):
        window.lock_down()   # full screen, frameless, no key leaves; the technician's gesture and PIN do
    elif args.fullscreen or settings.get("ui.fullscreen"):
        window.showFullScreen()
    else:
        window.show()
    log.info("started mode=%s demo=%s lang=%s data=%s", args.command, args.demo, language, runtime.paths.data_dir)
    # The catalogue is not needed for the first frame; even its imports would delay it.
    # Once the catalogue is in and the services are up, what is alive stays: keep it out of the collector.
    unsettled = {"catalog", "services"}

    def settled(part: str) -> None:
        unsettled.discard(part)
        if not unsettled:
            freeze_long_lived_objects()

    probe.painted.connect(lambda _at: load_catalog_in_background(ctx, then=lambda: settled("catalog")))
    retention = schedule_retention(ctx, app)
    probe.painted.connect(lambda _at: retention.timeout.emit())
    if args.command == "kiosk":
        # The voice of 长者模式's guidance: the audio device opens after the first frame, not before it.
        probe.painted.connect(lambda _at: setattr(ctx, "announcer", create_announcer(ctx, app)))
    # --demo kiosk: the device simulator window opens beside it once the kiosk's first frame is up.
    simulators: list[Any] = []
    if args.demo and args.command == "kiosk":
        probe.painted.connect(lambda _at: simulators.append(open_device_simulator(ctx)))
    # Ports, sockets, the demo servers: the services start after the first frame, off the GUI thread.
    running: list[Any] = []   # filled as soon as the services start, so a quick quit still stops them
    scan_feeds: list[Any] = []   # cameras feeding camera_scanner devices

    def started(_services: Any) -> None:
        from ui_common.camera_scan_feed import start_camera_scanners

        for simulator in simulators:
            simulator.attach()
        scan_feeds.extend(start_camera_scanners(ctx, app))
        settled("services")

    probe.painted.connect(lambda _at: tasks.run(lambda: start_services(ctx, into=running), on_success=started,
                                                on_failure=lambda exc: log.error("SERVICES_FAILED %s", exc)))
    try:
        return app.exec()
    finally:
        if ctx.announcer is not None:
            ctx.announcer.close()
        tasks.shutdown()          # waits for a start that is still under way
        for feed in scan_feeds:
            feed.stop()
        for services in running:
            services.stop()
        runtime.close()


def create_announcer(ctx: Any, parent: Any) -> Any:
    """The terminal's one voice (the display's calls, the kiosk's 长者模式 guidance), closed at exit."""
    from ui_common.announcer import Announcer

    return Announcer.from_context(ctx, parent=parent)


def open_device_simulator(ctx: Any) -> Any:
    """--demo kiosk: the device simulator window beside the kiosk (cards, codes, printed documents)."""
    from PySide6.QtCore import Qt

    from ui_common.device_simulator_window import DeviceSimulatorWindow

    simulator = DeviceSimulatorWindow(ctx)
    simulator.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)   # closing the kiosk ends the demo
    simulator.resize(640, 960)
    simulator.show()
    return simulator


def load_catalog_in_background(ctx: Any, then: Callable[[], None] | None = None) -> None:
    """The catalogue is not needed for the first frame; load it off the GUI thread; ``then`` after."""
    from core.catalog import default_catalog_dir, load_catalog

    def loaded(catalog: Any) -> None:
        ctx.catalog = catalog
        log.info("catalogue loaded: %d items, %d bundles", len(catalog.items), len(catalog.bundles))
        if ctx.demo and ctx.store is not None:
            ctx.tasks.run(lambda: seed_demo(ctx), on_success=lambda cases: cases and ctx.sync and ctx.sync.nudge(),
                          on_failure=failed)
        if then is not None:
            then()

    def failed(exc: BaseException) -> None:
        code = getattr(exc, "code", type(exc).__name__)
        log.error("CATALOG_LOAD_FAILED %s: %s", code, exc)

    ctx.tasks.run(lambda: load_catalog(default_catalog_dir()), on_success=loaded, on_failure=failed)


def seed_demo(ctx: Any) -> list:
    """--demo's first start records three sample cases, so the sync loop has something to show."""
    from datetime import UTC, datetime

    from core.demo import seed_demo_cases

    return seed_demo_cases(ctx.store, ctx.catalog, terminal_id=ctx.settings.get("terminal.id"),
                           region_code=ctx.settings.get("terminal.region_code"), now=datetime.now(UTC), bus=ctx.bus)


def schedule_retention(ctx: Any, parent: Any) -> Any:
    """Purge personal fields of synced cases past ``store.retention_days``: after start-up, then daily.

    A kiosk runs for weeks without a restart, so once at start-up is not enough.
    """
    from datetime import UTC, datetime

    from PySide6.QtCore import QTimer

    days = ctx.settings.get("store.retention_days")

    def purge() -> int:
        return ctx.store.purge_personal(days, datetime.now(UTC))

    def done(count: int) -> None:
        if count:
            log.info("RETENTION_PURGED %d cases lost their personal fields (older than %d days)", count, days)

    def failed(exc: BaseException) -> None:
        log.error("RETENTION_FAILED %s: %s", getattr(exc, "code", type(exc).__name__), exc)

    timer = QTimer(parent)
    timer.setInterval(24 * 3600 * 1000)
    timer.timeout.connect(lambda: ctx.tasks.run(purge, on_success=done, on_failure=failed))
    timer.start()
    return timer


def run_screenshots(args: argparse.Namespace) -> int:
    from core.config import Settings
    from core.events import EventBus
    from ui_common.app import create_application
    from ui_common.context import AppContext
    from ui_common.screenshots import grab_to_png, iter_screens

    app = create_application(sys.argv[:1])
    args.outdir.mkdir(parents=True, exist_ok=True)
    settings = Settings.demo_defaults()

    def make_context(mode: str, language: str, elderly: bool) -> AppContext:
        return AppContext(mode=mode, demo=True, language=language, elderly=elderly, bus=EventBus(),
                          settings=settings, paths=None)

    written = []
    for name, factory, size in iter_screens(make_context, app=app, create_window=create_window):
        path = args.outdir / f"{name}.png"
        widget = factory()
        try:
            grab_to_png(widget, path, size=size)
        finally:
            widget.close()
            widget.deleteLater()
        written.append(path)
        print(path)
    app.processEvents()
    return 0 if written else 1


def run_devices(args: argparse.Namespace) -> int:
    from core.logging_setup import configure_logging
    from core.paths import Paths
    from devices import cli

    # The technician reads one line on the terminal; the details go to the log file as in every mode.
    configure_logging(Paths.default().ensure_dirs().logs_dir, stderr=False)
    if args.device_command == "read-card":
        code, text = cli.read_card(args.port, baud=args.baud, timeout=args.timeout)
    elif args.device_command == "print-test":
        code, text = cli.print_test(args.printer)
    elif args.device_command == "scan":
        code, text = cli.scan(args.port, timeout=args.timeout, encoding=args.encoding, baud=args.baud)
    else:
        try:
            runtime = open_runtime(demo=args.demo, config=args.config, open_store=False, log_to_stderr=False)
        except HalltermError as exc:
            print(f"[{exc.code}] {exc.detail}", file=sys.stderr)
            return 2
        code, text = cli.list_devices(runtime.settings.devices)
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code


def run_documents(args: argparse.Namespace) -> int:
    """``verify-qr`` and ``documents samples``, signed with (and checked against) this terminal's key."""
    from core.documents.cli import verify_qr, write_samples_command
    from core.documents.keys import SIGNING_KEY_FILE_NAME, SigningKey, TrustedKeys

    try:
        runtime = open_runtime(demo=args.demo, config=args.config, open_store=False, log_to_stderr=False)
        key = SigningKey.load_or_create(runtime.paths.keys_dir / SIGNING_KEY_FILE_NAME)
    except HalltermError as exc:
        print(f"[{exc.code}] {exc.detail}", file=sys.stderr)
        return 2
    if args.command == "verify-qr":
        terminal = runtime.settings.get("terminal.id")
        code, text = verify_qr(args.text, TrustedKeys.for_terminal(key, label=f"本机 {terminal}"))
    else:
        code, text = write_samples_command(args.outdir, key=key)
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code


def run_sync(args: argparse.Namespace) -> int:
    from core.sync import cli

    try:
        runtime = open_runtime(demo=args.demo, config=args.config, log_to_stderr=False)
    except HalltermError as exc:
        print(f"[{exc.code}] {exc.detail}", file=sys.stderr)
        return 2
    try:
        if args.sync_command == "status":
            code, text = 0, cli.status(runtime.store, runtime.settings)
        elif args.demo:
            from ui_common.services import start_demo_platform

            simulator, secret = start_demo_platform(runtime.paths.data_dir, runtime.settings.get("terminal.id"))
            try:
                code, text = cli.once(runtime.store, runtime.settings, base_url=simulator.url, secret=secret)
            finally:
                simulator.stop()
        else:
            code, text = cli.once(runtime.store, runtime.settings)
    finally:
        runtime.close()
    print(text, file=sys.stdout if code == 0 else sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in MODES:
        return run_mode(args)
    if args.command == "screenshots":
        return run_screenshots(args)
    if args.command == "devices":
        return run_devices(args)
    if args.command in ("verify-qr", "documents"):
        return run_documents(args)
    if args.command == "sync":
        return run_sync(args)
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
