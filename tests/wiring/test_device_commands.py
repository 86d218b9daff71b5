"""``python main.py devices …``: what a technician runs against the simulator in another process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def simulator():
    """The SAM_V simulator as its own process on TCP; yields a function to start one with options."""
    procs = []

    def start(*options):
        proc = subprocess.Popen([sys.executable, "-m", "devices.idcard.simulator", "--tcp", "127.0.0.1:0", *options],
                                cwd=ROOT, stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True)
        procs.append(proc)
        url = proc.stdout.readline().strip()
        assert url.startswith("socket://"), url
        return url

    yield start
    for proc in procs:
        proc.kill()
        proc.wait(10)


def main_py(*args, home):
    env = dict(os.environ, HALLTERM_HOME=str(home))
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_read_card_prints_the_fields_as_json(simulator, tmp_path):
    url = simulator("--place", "hmt")
    result = main_py("devices", "read-card", "--port", url, "--timeout", "5", home=tmp_path)
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    for key in ("card_type", "name", "gender", "nation", "birth_date", "address", "id_number", "authority",
                "valid_from", "valid_to", "pass_number", "issue_count"):
        assert key in card
    assert card["card_type"] == "hmt_residence"
    assert card["birth_date"][4] == "-" and card["valid_from"][7] == "-"


def test_read_card_without_a_card_fails_with_one_line(simulator, tmp_path):
    url = simulator()
    result = main_py("devices", "read-card", "--port", url, "--timeout", "1", home=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("[IDCARD_NO_CARD]")


def test_read_card_on_a_dead_port_says_so(tmp_path):
    result = main_py("devices", "read-card", "--port", "socket://127.0.0.1:9", "--timeout", "1", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("[IDCARD_PORT_OPEN_FAILED]")
    assert "Traceback" not in result.stderr


def test_devices_list_reports_the_demo_reader_online(tmp_path):
    result = main_py("devices", "list", "--demo", home=tmp_path)
    assert result.returncode == 0, result.stderr
    idcard = next(line for line in result.stdout.splitlines() if line.startswith("idcard"))
    assert "samv_simulated" in idcard and "online" in idcard


def test_scan_prints_the_next_code_sent_in_gbk(tmp_path):
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def scanner():
        # pyserial's socket:// transport drops whatever arrived before its open() finished, so scan again
        # every 0.2 s, as a person does when nothing happens, until the command has read it and hung up.
        conn, _ = server.accept()
        conn.settimeout(0.2)
        with conn:
            for _ in range(50):
                try:
                    conn.sendall("办件查询：43010220261123K0100042\r\n".encode("gbk"))
                    if conn.recv(1) == b"":
                        return
                except TimeoutError:
                    continue
                except OSError:
                    return

    thread = threading.Thread(target=scanner, daemon=True)
    thread.start()
    try:
        result = main_py("devices", "scan", "--port", f"socket://127.0.0.1:{port}", "--encoding", "gbk",
                         "--timeout", "5", home=tmp_path)
    finally:
        server.close()
        thread.join(5)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "办件查询：43010220261123K0100042"


def test_scan_timeout_is_one_line(tmp_path):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        result = main_py("devices", "scan", "--port", f"socket://127.0.0.1:{port}", "--timeout", "1", home=tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("[SCANNER_")


def test_print_test_reaches_the_capture_printer_in_gb18030(tmp_path):
    from core.documents.escpos_reader import read_escpos
    from devices.printers.capture import CapturePrinter

    printer = CapturePrinter()
    url = printer.start_tcp()
    try:
        result = main_py("devices", "print-test", "--printer", url, home=tmp_path)
        assert result.returncode == 0, result.stderr
        jobs = printer.store.jobs()
        assert len(jobs) == 1
        text = "\n".join(read_escpos(jobs[0].data).lines)
        assert "测试" in text
    finally:
        printer.stop()


def test_print_test_on_a_dead_printer_is_one_line(tmp_path):
    result = main_py("devices", "print-test", "--printer", "tcp://127.0.0.1:9", home=tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("[PRINTER_")
