"""QR code scanners: keyboard wedge, serial line, camera frames, and a simulator for ``--demo``.

* ``code``: ``ScannedCode`` (what every scanner delivers), error codes and calm messages.
* ``device``: ``ScannerDevice``, the lifecycle and event delivery the four drivers share.
* ``wedge``: the key-timing detector (pure logic) and the ``wedge`` driver.
* ``lines``: line splitting and decoding (pure logic); ``serial_scanner``: the ``serial_scanner`` driver and
  ``scan_once()`` for the technician command line.
* ``camera``: frame decoding with zxing-cpp (QR only, de-duplicated) and the ``camera_scanner`` driver.
* ``simulated``: the ``qr_simulator`` driver, whose ``scan(text)`` delivers a code.

A scanner delivers text and nothing more: whether the payload is one of ours is the consumer's call.
"""
