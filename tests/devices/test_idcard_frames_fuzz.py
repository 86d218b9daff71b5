"""Fuzzing the SAM_V frame decoder with more than 10,000 random and mutated streams.

Hypothesis chooses the structure of each stream family (which kinds of segments, in which order, how the
stream is chopped into reads) and a seed; each example then builds ``STREAMS_PER_EXAMPLE`` streams from
that structure, so the whole run decodes well over 10,000 streams in a few seconds. ``derandomize`` keeps
the run the same every time.

Properties:
* any stream, chopped anyhow: ``feed`` never raises, every response it yields is a checksum-valid frame
  present in the stream, the buffer stays bounded, and the output does not depend on the chopping;
* garbage, broken preambles, corrupt frames and impossible lengths between valid frames: exactly the
  valid frames come out, in order.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.idcard.frames import MAX_FRAME_LEN, SYNC, FrameDecoder, Response

STREAMS_PER_EXAMPLE = 40
EXAMPLES = 300

SAFE_KINDS = ("valid", "valid", "garbage", "partial_preamble", "broken_preamble", "corrupt", "bad_length")
WILD_KINDS = (*SAFE_KINDS, "truncated", "length_mutation", "random_bytes", "bit_flips")
PARTIAL_PREAMBLES = (b"\xaa", b"\xaa\xaa", b"\xaa\xaa\xaa", b"\xaa\xaa\xaa\x96", b"\xaa\x00\xaa", b"\x96\x69")
SW3S = (0x90, 0x9F, 0x80, 0x81, 0x41, 0x40, 0x10, 0x91)


def _response(rng: random.Random, *, big: bool = False) -> Response:
    if big:
        data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + rng.randbytes(1280)
        return Response(0, 0, 0x90, data)
    return Response(rng.choice((0, 0, 0x6A)), 0, rng.choice(SW3S), rng.randbytes(rng.randrange(0, 24)))


def _no_sync(data: bytes) -> bytes:
    # 0x96 is the only byte of SYNC that garbage can simply avoid
    return data.replace(b"\x96", b"\x97")


def _segment(kind: str, rng: random.Random) -> tuple[bytes, Response | None]:
    """Bytes of one segment and the response a decoder must yield for it (None: it must yield nothing)."""
    if kind == "valid":
        response = _response(rng, big=rng.random() < 0.04)  # now and then a 1295-byte read answer
        return response.encode(), response
    if kind == "broken_preamble":  # AA 00 AA AA 96 69 ...
        response = _response(rng)
        wire = response.encode()
        return wire[:1] + b"\x00" + wire[1:], response
    if kind == "garbage":
        return _no_sync(rng.randbytes(rng.randrange(1, 48))), None
    if kind == "partial_preamble":
        return rng.choice(PARTIAL_PREAMBLES), None
    if kind == "corrupt":  # one byte after the length field changed: the XOR checksum must catch it
        wire = bytearray(Response(0, 0, rng.choice(SW3S), _no_sync(rng.randbytes(rng.randrange(0, 24)))).encode())
        at = rng.randrange(7, len(wire))
        wire[at] = rng.choice([v for v in range(256) if v not in (wire[at], 0x96)])
        return bytes(wire), None
    if kind == "bad_length":
        length = rng.choice((0, 1, 2, 3, MAX_FRAME_LEN + 1, 0xFFFF))
        return b"\xaa\xaa\xaa\x96\x69" + length.to_bytes(2, "big"), None
    if kind == "truncated":
        wire = _response(rng).encode()
        return wire[:rng.randrange(1, len(wire))], None
    if kind == "length_mutation":
        wire = bytearray(_response(rng).encode())
        wire[rng.choice((5, 6))] = rng.randrange(256)
        return bytes(wire), None
    if kind == "bit_flips":
        wire = bytearray(_response(rng).encode())
        for _ in range(rng.randrange(1, 4)):
            wire[rng.randrange(len(wire))] ^= 1 << rng.randrange(8)
        return bytes(wire), None
    return rng.randbytes(rng.randrange(1, 64)), None  # random_bytes


def _chop(stream: bytes, rng: random.Random, max_chunk: int) -> list[bytes]:
    """Split like read() calls would: random sizes from 1 to ``max_chunk``."""
    if max_chunk > 256:
        cut = rng.randrange(len(stream) + 1)
        return [stream[:cut], stream[cut:]]
    chunks, at = [], 0
    noise = rng.randbytes(len(stream))
    while at < len(stream):
        size = 1 + noise[at] % max_chunk
        chunks.append(stream[at:at + size])
        at += size
    return chunks


def _decode(chunks: list[bytes]) -> list[Response]:
    decoder = FrameDecoder()
    out: list[Response] = []
    for chunk in chunks:
        out += decoder.feed(chunk)
        assert decoder.buffered <= len(SYNC) + 2 + MAX_FRAME_LEN
        decoder.take_faults()
    return out


def _only_expected_syncs(pieces: list[tuple[bytes, Response | None]]) -> bool:
    """True when every SYNC in the stream starts a segment's own frame or lies inside a valid frame."""
    stream = b"".join(p for p, _ in pieces)
    allowed: set[int] = set()
    inside: list[tuple[int, int]] = []
    at = 0
    for wire, response in pieces:
        own = wire.find(SYNC)
        if own >= 0 and own <= 2:
            allowed.add(at + own)
        if response is not None:
            inside.append((at, at + len(wire)))
        at += len(wire)
    position = stream.find(SYNC)
    while position >= 0:
        if position not in allowed and not any(lo < position < hi for lo, hi in inside):
            return False
        position = stream.find(SYNC, position + 1)
    return True


STREAMS_DECODED = {"wild": 0, "safe": 0}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1),
       wild_kinds=st.lists(st.sampled_from(WILD_KINDS), min_size=1, max_size=24),
       safe_kinds=st.lists(st.sampled_from(SAFE_KINDS), min_size=1, max_size=24),
       max_chunk=st.sampled_from((2, 3, 7, 20, 64, 1500)))
def _fuzz(seed: int, wild_kinds: list[str], safe_kinds: list[str], max_chunk: int) -> None:
    rng = random.Random(seed)
    for _ in range(STREAMS_PER_EXAMPLE // 2):
        # Anything at all.
        pieces = [_segment(rng.choice(wild_kinds) if rng.random() < 0.3 else kind, rng) for kind in wild_kinds]
        stream = b"".join(p for p, _ in pieces)
        whole = _decode([stream])
        chopped = _decode(_chop(stream, rng, max_chunk))
        assert chopped == whole
        for response in whole:
            assert response.encode()[1:] in stream  # a checksum-valid frame that really was on the line
        STREAMS_DECODED["wild"] += 1

        # Recoverable damage between valid frames: exactly the valid frames come out.
        pieces = [_segment(kind, rng) for kind in rng.sample(safe_kinds, len(safe_kinds))]
        pieces.append(_segment("valid", rng))
        stream = b"".join(p for p, _ in pieces)
        got = _decode(_chop(stream, rng, max_chunk))
        if _only_expected_syncs(pieces):
            assert got == [r for _, r in pieces if r is not None]
        STREAMS_DECODED["safe"] += 1


def test_frame_decoder_survives_ten_thousand_random_and_mutated_streams():
    _fuzz()
    total = STREAMS_DECODED["wild"] + STREAMS_DECODED["safe"]
    assert total >= 10_000, STREAMS_DECODED
