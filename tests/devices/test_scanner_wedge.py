"""The keyboard-wedge detector (key timing) and the ``wedge`` driver."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.base import DataEvent, DeviceError
from devices.registry import create_device
from devices.scanner.code import ScannedCode
from devices.scanner.wedge import PassThrough, Scanned, WedgeDetector, WedgeScanner

HUMAN_GAP = st.floats(min_value=0.08, max_value=2.0)   # people: 80 ms or more between keys
SCANNER_GAP = st.floats(min_value=0.005, max_value=0.03)  # scanners: 5-30 ms per key
# Keys a person might type, Enter and Tab included; codes are printable text without line ends.
TYPED = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
CODE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=4, max_size=200)


def _feed(detector: WedgeDetector, keys: str, gaps: list[float], start: float = 100.0) -> tuple[list, float]:
    out, t = [], start
    for key, gap in zip(keys, gaps, strict=True):
        t += gap
        out += detector.feed(key, t)
    return out, t


@given(keys=TYPED, data=st.data())
def test_human_typing_passes_through_unchanged(keys, data):
    detector = WedgeDetector()
    gaps = data.draw(st.lists(HUMAN_GAP, min_size=len(keys), max_size=len(keys)))
    out, t = _feed(detector, keys, gaps)
    out += detector.flush(t + 1.0)
    assert all(isinstance(item, PassThrough) for item in out)
    assert "".join(item.text for item in out) == keys


@given(code=CODE, before=st.text(st.characters(blacklist_categories=("Cs",)), max_size=10), data=st.data())
def test_scanner_burst_ending_in_enter_yields_exactly_the_code(code, before, data):
    detector = WedgeDetector()
    human = data.draw(st.lists(HUMAN_GAP, min_size=len(before), max_size=len(before)))
    out, t = _feed(detector, before, human)
    burst = data.draw(st.lists(SCANNER_GAP, min_size=len(code), max_size=len(code)))
    burst[0] = data.draw(HUMAN_GAP)  # the scan starts a while after the last key a person typed
    enter = data.draw(SCANNER_GAP)
    scanned, t = _feed(detector, code + "\r", [*burst, enter], start=t)
    typed = out + [item for item in scanned if isinstance(item, PassThrough)]
    assert "".join(item.text for item in typed) == before
    assert [item for item in scanned if isinstance(item, Scanned)] == [Scanned(code)]
    assert isinstance(scanned[-1], Scanned)
    assert detector.flush(t + 1.0) == []


def test_a_fast_pair_then_enter_is_typing():
    detector = WedgeDetector(min_length=4)
    assert detector.feed("a", 0.0) == [] and detector.feed("b", 0.01) == []
    assert detector.feed("\r", 0.02) == [PassThrough("ab\r")]  # too short for a code


def test_enter_after_a_pause_does_not_make_a_code():
    detector = WedgeDetector(min_length=4)
    out = []
    for i, key in enumerate("ABCDE"):
        out += detector.feed(key, 1.0 + 0.01 * i)
    out += detector.feed("\r", 1.5)  # the burst broke before Enter: a person pressed it
    assert out == [PassThrough("ABCDE\r")]


def test_prefix_and_suffix_are_required_and_removed():
    detector = WedgeDetector(prefix="]Q", suffix="#", min_length=3)
    out, _ = _feed(detector, "]QABC#\r", [0.01] * 7)
    assert out == [Scanned("ABC")]
    out, _ = _feed(detector, "ABCDEF\r", [0.01] * 7, start=50.0)
    assert out == [PassThrough("ABCDEF\r")]


def test_tab_terminates_only_when_configured():
    plain = WedgeDetector()
    out, _ = _feed(plain, "ABCD\t", [0.01] * 5)
    assert out == []  # Tab is just a fast key here, still held
    tabbed = WedgeDetector(terminators="\r\n\t")
    out, _ = _feed(tabbed, "ABCD\t", [0.01] * 5)
    assert out == [Scanned("ABCD")]


def test_overlong_burst_is_handed_back_not_held_forever():
    detector = WedgeDetector(max_length=16)
    out, _ = _feed(detector, "x" * 17, [0.01] * 17)
    assert out == [PassThrough("x" * 17)]
    assert detector.held == ""


def test_modifier_keys_without_text_are_ignored():
    detector = WedgeDetector()
    out, _ = _feed(detector, "AB", [0.01, 0.01])
    assert detector.feed("", 100.03) == []
    out += detector.feed("C", 100.04) + detector.feed("D", 100.05) + detector.feed("\n", 100.06)
    assert out == [Scanned("ABCD")]


def test_wedge_device_publishes_codes_and_returns_typing(recorder):
    device = create_device("wedge", {"driver": "wedge", "min_length": 6, "prefix": "", "max_gap_ms": 40},
                           recorder)
    assert isinstance(device, WedgeScanner)
    assert device.feed("a", 0.0) == ["a"]  # not enabled yet: every key goes straight through
    device.open()
    device.claim()
    device.enable()
    try:
        typed = []
        for i, key in enumerate("电子证照-ABC123\r"):
            typed += device.feed(key, 10.0 + 0.01 * i)
        [event] = recorder.wait_for(DataEvent)
        assert isinstance(event.data, ScannedCode)
        assert (event.data.text, event.data.source, event.device) == ("电子证照-ABC123", "wedge", "wedge")
        assert typed == []
        typed += device.feed("h", 20.0) + device.feed("i", 20.2)
        typed += device.flush(21.0)
        assert typed == ["h", "i"]
        device.feed("x", 29.0)  # held as a possible burst ...
        device.disable()
        assert device.feed("y", 29.001) == ["xy"]  # ... and handed back first once detection stops
    finally:
        device.shutdown()
    assert len(recorder.of(DataEvent)) == 1


def test_bad_wedge_config_is_a_typed_error():
    with pytest.raises(DeviceError) as caught:
        create_device("wedge", {"driver": "wedge", "min_length": 0})
    assert caught.value.code == "DEVICE_CONFIG_INVALID"
