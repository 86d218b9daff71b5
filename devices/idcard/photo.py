"""The card photo: 1024 bytes of WLT, a proprietary wavelet format that decodes to 102x126 pixels.

No open decoder exists; every reader vendor ships a closed library (shared/domain/idcard-samv-protocol.md).
The photo therefore stays an opaque blob in ``CardData.photo`` and a decoder is pluggable: a deployment
with a vendor library wraps it in a class with this ``decode`` method. The one shipped here decodes
nothing, and the UI shows a placeholder.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

WLT_SIZE = 1024
PHOTO_WIDTH = 102
PHOTO_HEIGHT = 126


@runtime_checkable
class PhotoDecoder(Protocol):
    def decode(self, wlt: bytes) -> bytes | None:
        """An encoded image (PNG/BMP bytes) for the 1024-byte WLT blob, or None if it cannot."""
        ...


class NullPhotoDecoder:
    """Decodes nothing: without a vendor library the photo cannot be shown."""

    def decode(self, wlt: bytes) -> bytes | None:
        return None
