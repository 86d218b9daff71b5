"""Card placed -> parsed CardData, through the real SAM_V driver and the simulator on a pty at 115200 baud.

A pty has no baud rate of its own, so the simulator paces its writes at 115200 baud 8N1 (11,520 bytes/s):
the measured time includes the wire time of the answers as on a real line. Commands from the host are not
paced (three 10-byte commands, about 2.6 ms on a real line); the printed wire time counts both directions
from the byte counts, at 10 bits per byte.

Figures: place -> data (includes waiting for the next poll, 0..poll interval), first find -> data (the
read itself), and the wire time of the bytes exchanged for one read. Goal for both: within wire time +
150 ms (place -> data spends up to one poll interval, 100 ms, of that margin waiting for the next find).

Camera QR scanner: zxing-cpp, QR only, on a 1280x720 grey frame of noise with and without a code (as a
PIL image and as the raw bytes a Qt frame source hands over). Goal: <= 10 ms a frame, so that decoding
keeps up with a 25-30 fps camera on the device's worker.
"""

from __future__ import annotations

import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qrcode
from PIL import Image

from devices.base import CardRemoved, DataEvent, DeviceEvent
from devices.idcard.reader import SamvReader
from devices.idcard.simcards import load_cards
from devices.idcard.simulator import SamvSimulator
from devices.scanner.camera import RawFrame, read_qr_codes

BAUD = 115200
BITS_PER_BYTE = 10  # 8N1: start + 8 data + stop
PLACEMENTS = 12
POLL_INTERVAL = 0.1
QR_FRAME = (1280, 720)
QR_RUNS = 30


class Waiter:
    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.events: list[tuple[float, DeviceEvent]] = []

    def __call__(self, event: DeviceEvent) -> None:
        with self.cond:
            self.events.append((time.perf_counter(), event))
            self.cond.notify_all()

    def wait(self, kind: type, after: int, timeout: float = 5.0) -> float:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for at, event in self.events[after:]:
                    if isinstance(event, kind):
                        return at
                if not self.cond.wait(max(0.0, deadline - time.monotonic())):
                    raise SystemExit(f"no {kind.__name__} within {timeout} s")


def main() -> int:
    card = load_cards()["resident"]
    sim = SamvSimulator(pace_baud=BAUD)
    url = sim.start_pty()
    waiter = Waiter()
    reader = SamvReader("idcard", url, listener=waiter, baud=BAUD, poll_interval=POLL_INTERVAL)
    place_to_data, find_to_data, wire_bytes = [], [], []
    try:
        reader.open()
        reader.claim()
        reader.enable()
        for i in range(PLACEMENTS):
            time.sleep(POLL_INTERVAL * i / PLACEMENTS)  # land at every point of the poll cycle
            seen = len(waiter.events)
            bytes_before = sim.bytes_in + sim.bytes_out
            sim.place(card)
            got = waiter.wait(DataEvent, seen)
            assert sim.placed_at is not None and sim.found_at is not None
            place_to_data.append(got - sim.placed_at)
            find_to_data.append(got - sim.found_at)
            wire_bytes.append(sim.bytes_in + sim.bytes_out - bytes_before)
            seen = len(waiter.events)
            sim.remove()
            waiter.wait(CardRemoved, seen)
    finally:
        reader.shutdown()
        sim.stop()

    # find, select and read, both directions: 10+15, 10+19, 10+1295 bytes
    one_read = min(wire_bytes)
    wire_ms = 1000 * one_read * BITS_PER_BYTE / BAUD
    ms = [1000 * t for t in find_to_data]
    total = [1000 * t for t in place_to_data]
    print(f"bytes exchanged per read      {one_read} bytes  (find, select, read: commands and answers)")
    print(f"wire time at {BAUD} 8N1     {wire_ms:.1f} ms  (computed from the byte count; the pty has no baud "
          f"rate, the simulator paces its answers at {BAUD // BITS_PER_BYTE} bytes/s)")
    print(f"first find -> CardData median {statistics.median(ms):.1f} ms  max {max(ms):.1f} ms  "
          f"(goal <= wire time + 150 ms = {wire_ms + 150:.0f} ms)")
    print(f"place -> CardData median      {statistics.median(total):.1f} ms  max {max(total):.1f} ms  "
          f"(goal <= wire time + 150 ms = {wire_ms + 150:.0f} ms; includes up to one poll interval, "
          f"{1000 * POLL_INTERVAL:.0f} ms, of waiting for the next find)")
    print(f"placements measured           {PLACEMENTS}")
    qr_decode_figures()
    return 0


def _camera_frame(seed: int, text: str | None) -> Image.Image:
    """A 1280x720 grey frame of random noise, a QR code (5 px modules) pasted in, sensor grain over all."""
    rng = random.Random(seed)
    frame = Image.frombytes("L", QR_FRAME, rng.randbytes(QR_FRAME[0] * QR_FRAME[1])).point(lambda v: 60 + v // 2)
    if text is not None:
        frame.paste(qrcode.make(text, box_size=5, border=4).get_image().convert("L"), (420, 120))
    grain = Image.frombytes("L", QR_FRAME, rng.randbytes(QR_FRAME[0] * QR_FRAME[1]))
    return Image.blend(frame, grain, 0.15)


def qr_decode_figures() -> None:
    """Camera scanner: zxing-cpp (QR only) on a 1280x720 frame, with and without a code in it. Goal <= 10 ms."""
    payload = "hallterm:ecert:v1:营业执照:91330100MA2XXXXX0A:签名AbC123=="
    with_code, without = _camera_frame(1, payload), _camera_frame(2, None)
    raw = RawFrame(with_code.tobytes(), *QR_FRAME)  # what a Qt frame source hands over: bytes, no PIL
    for name, frame, expected in (("QR decode 1280x720, code     ", with_code, [payload]),
                                  ("QR decode 1280x720, raw bytes", raw, [payload]),
                                  ("QR decode 1280x720, no code  ", without, [])):
        assert read_qr_codes(frame) == expected, name
        times = []
        for _ in range(QR_RUNS):
            started = time.perf_counter()
            read_qr_codes(frame)
            times.append(1000 * (time.perf_counter() - started))
        print(f"{name}  median {statistics.median(times):.1f} ms  max {max(times):.1f} ms  (goal <= 10 ms; "
              f"{QR_RUNS} runs)")


if __name__ == "__main__":
    sys.exit(main())
