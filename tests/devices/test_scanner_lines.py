"""Line splitting and decoding for serial scanners: pure logic."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.base import DeviceError
from devices.scanner.lines import Dropped, LineSplitter, check_encoding, decode_line

LINE = st.binary(min_size=1, max_size=60).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")).filter(bool)
EOL = st.sampled_from([b"\r", b"\n", b"\r\n"])


@given(lines=st.lists(st.tuples(LINE, EOL), max_size=12), cuts=st.lists(st.integers(0, 2000), max_size=20))
def test_any_chunking_of_the_stream_gives_the_same_lines(lines, cuts):
    stream = b"".join(line + eol for line, eol in lines)
    splitter = LineSplitter(max_length=100)
    out: list = []
    points = sorted({c % (len(stream) + 1) for c in cuts} | {0, len(stream)})
    for start, end in itertools.pairwise(points):
        out += splitter.feed(stream[start:end], now=1.0)
    # a CR LF split over two reads is still one line end, not an extra empty line
    assert out == [line for line, _ in lines]
    assert splitter.pending == 0


def test_cr_lf_and_crlf_all_end_a_line():
    splitter = LineSplitter()
    assert splitter.feed(b"one\rtwo\nthree\r\nfour\r", 0.0) == [b"one", b"two", b"three", b"four"]
    assert splitter.feed(b"\nfive\n", 0.0) == [b"five"]  # the LF completing "four\r" is not an empty line


def test_overlong_line_is_dropped_once_and_the_next_line_is_clean():
    splitter = LineSplitter(max_length=10)
    assert splitter.feed(b"x" * 8, 0.0) == []
    assert splitter.feed(b"x" * 8, 0.0) == [Dropped("too_long", 16)]
    assert splitter.feed(b"y" * 1000, 0.0) == []  # still the same garbage line: nothing kept
    assert splitter.pending == 0
    assert splitter.feed(b"yyy\nCODE\n", 0.0) == [b"CODE"]


def test_fragment_without_line_end_expires():
    splitter = LineSplitter(stale_after=0.5)
    assert splitter.feed(b"\x13\x07garb", 10.0) == []
    assert splitter.expire(10.2) == []
    assert splitter.expire(10.6) == [Dropped("incomplete", 6)]
    assert splitter.feed(b"CODE\r\n", 20.0) == [b"CODE"]
    splitter.feed(b"half", 30.0)
    assert splitter.feed(b"NEXT\n", 31.0) == [Dropped("incomplete", 4), b"NEXT"]  # never glued together


@pytest.mark.parametrize(("raw", "encoding", "text"), [
    ("办事指南ABC".encode(), "utf-8", "办事指南ABC"),
    ("\ufeff办事".encode(), "utf-8", "办事"),
    ("办事指南ABC".encode("gbk"), "gbk", "办事指南ABC"),
    ("𠀀".encode("gb18030"), "gbk", "𠀀"),  # a character outside GBK, four bytes in GB18030
    ("办事指南".encode(), "auto", "办事指南"),
    ("办事指南".encode("gbk"), "auto", "办事指南"),
])
def test_lines_decode_in_the_configured_encoding(raw, encoding, text):
    assert decode_line(raw, encoding) == text


def test_undecodable_bytes_are_a_typed_error():
    with pytest.raises(DeviceError) as caught:
        decode_line("办事指南".encode("gbk"), "utf-8")
    assert caught.value.code == "SCANNER_DECODE_FAILED"
    assert "encoding" in caught.value.detail and caught.value.user_message
    with pytest.raises(DeviceError):
        decode_line(b"\xff\xfe\xff", "auto")


def test_encoding_names_are_checked():
    assert [check_encoding(n) for n in ("UTF8", "utf_8", "GB2312", "GB18030", "Auto")] == [
        "utf-8", "utf-8", "gbk", "gbk", "auto"]
    with pytest.raises(DeviceError) as caught:
        check_encoding("latin-1")
    assert caught.value.code == "DEVICE_CONFIG_INVALID"
