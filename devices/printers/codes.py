"""What a printer can say about itself, and the stable codes its failures carry.

Both printer families (ESC/POS receipt printers, CUPS A4 queues) describe their state with one
:class:`PrinterStatus`, so health and error codes mean the same thing whichever printer a terminal has:

=====================  ==========  =====================================================================
code                   health      meaning
=====================  ==========  =====================================================================
PRINTER_PAPER_OUT      USERERROR   roll or tray empty (ESC/POS paper-end sensor, IPP ``media-empty``)
PRINTER_COVER_OPEN     USERERROR   cover or door open
PRINTER_PAPER_JAM      USERERROR   paper jam (IPP ``media-jam``)
PRINTER_HW_ERROR       HWERROR     cutter error, unrecoverable error
PRINTER_OFFLINE        OFFLINE     does not answer, reports itself offline, or its queue cannot be reached
PRINTER_QUEUE_STOPPED  OFFLINE     the CUPS queue is stopped (``cupsdisable``, or CUPS stopped it)
PRINTER_QUEUE_MISSING  NODEVICE    no such CUPS queue
PRINTER_NOT_CONNECTED  NODEVICE    the port cannot be opened or went away (serial, USB, device file)
PRINTER_LOST_MID_JOB   (varies)    the connection broke while a job was going out: the job failed
PRINTER_JOB_TIMEOUT    —           the printer never confirmed the job within the job timeout
PRINTER_JOB_ABANDONED  —           the printer was disabled (terminal closing) while the job waited
PRINTER_JOB_ABORTED    —           CUPS aborted the job (filter or backend failure)
PRINTER_JOB_CANCELLED  —           someone cancelled the job in CUPS
PRINTER_SUBMIT_FAILED  —           ``lp`` refused the job
=====================  ==========  =====================================================================

Every code comes with a calm sentence a citizen may read; ``detail`` is for the technician and never holds
personal data (no document content, only sizes, job ids and device answers).
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.base import DeviceError, ErrorEvent, Health

MSG_PRINTER_UNAVAILABLE = "打印机暂时无法使用，请联系工作人员。"
MSG_PAPER_OUT = "打印机缺纸，请联系工作人员添加打印纸。"
MSG_COVER_OPEN = "打印机盖未关好，请联系工作人员。"
MSG_PAPER_JAM = "打印机卡纸，请联系工作人员。"
MSG_JOB_INTERRUPTED = "打印中断，请联系工作人员。"
MSG_PRINTER_CONFIG = "打印机设置有误，请联系现场技术人员。"


def config_error(name: str, reason: str) -> DeviceError:
    return DeviceError("PRINTER_CONFIG_INVALID", MSG_PRINTER_CONFIG, f"device {name!r}: {reason}")


@dataclass(frozen=True, kw_only=True)
class JobFailed(ErrorEvent):
    """A print job failed; an ``ErrorEvent`` (so every error listener sees it) that names the job."""

    job_id: str


@dataclass(frozen=True)
class PrinterStatus:
    """One reading of a printer's sensors or queue state. ``reasons`` keeps the raw words for the log
    (ESC/POS bit names, IPP ``printer-state-reasons``)."""

    answered: bool = True       # False: the printer (or its queue) did not answer at all
    offline: bool = False
    paper_out: bool = False
    paper_low: bool = False
    cover_open: bool = False
    paper_jam: bool = False
    hw_error: bool = False
    stopped: bool = False       # CUPS queue stopped
    missing: bool = False       # CUPS queue does not exist
    gone: bool = False          # the port itself is gone (serial adapter or USB cable pulled)
    reasons: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return ", ".join(self.reasons) or ("ok" if self.answered else "no answer")

    def problem(self) -> DeviceError | None:
        """The error that stops printing now, most actionable first; None if the printer can print."""
        detail = f"printer reports: {self.text}"
        if self.gone:
            return DeviceError("PRINTER_NOT_CONNECTED", MSG_PRINTER_UNAVAILABLE, detail)
        if self.missing:
            return DeviceError("PRINTER_QUEUE_MISSING", MSG_PRINTER_UNAVAILABLE, detail)
        if not self.answered:
            return DeviceError("PRINTER_OFFLINE", MSG_PRINTER_UNAVAILABLE, detail)
        if self.cover_open:
            return DeviceError("PRINTER_COVER_OPEN", MSG_COVER_OPEN, detail)
        if self.paper_out:
            return DeviceError("PRINTER_PAPER_OUT", MSG_PAPER_OUT, detail)
        if self.paper_jam:
            return DeviceError("PRINTER_PAPER_JAM", MSG_PAPER_JAM, detail)
        if self.hw_error:
            return DeviceError("PRINTER_HW_ERROR", MSG_PRINTER_UNAVAILABLE, detail)
        if self.stopped:
            return DeviceError("PRINTER_QUEUE_STOPPED", MSG_PRINTER_UNAVAILABLE, detail)
        if self.offline:
            return DeviceError("PRINTER_OFFLINE", MSG_PRINTER_UNAVAILABLE, detail)
        return None

    @property
    def health(self) -> Health:
        if self.missing or self.gone:
            return Health.NODEVICE
        if not self.answered or self.stopped:
            return Health.OFFLINE
        # A printer with paper out also reports itself offline: the cause a person can fix wins.
        if self.cover_open or self.paper_out or self.paper_jam:
            return Health.USERERROR
        if self.hw_error:
            return Health.HWERROR
        return Health.OFFLINE if self.offline else Health.ONLINE


NO_ANSWER = PrinterStatus(answered=False)
