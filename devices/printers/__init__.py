"""Printers: ESC/POS receipt printers, A4 printers through CUPS, and the capture printer for tests and demos.

* ``codes``: ``PrinterStatus``, the stable error codes, the ``JobFailed`` event.
* ``printer``: ``PrinterDevice``, the job API (``print_bytes(data, job_id)``) and health both families share.
* ``escpos_status`` / ``escpos_link`` / ``compose``: the ESC/POS status bytes, the transports (TCP, serial,
  USB, device file through python-escpos) and the composer for Chinese text and QR codes.
* ``escpos_printer``: driver ``escpos``. ``capture`` / ``simulated``: the capture peer and driver ``capture``.
* ``ipp`` / ``cups_printer``: driver ``cups`` (``lp`` to submit, IPP to follow the job and the queue).
* ``testpage``: the technician's test page; ``port``: the adapter the print queue in ``core`` prints through.
"""
