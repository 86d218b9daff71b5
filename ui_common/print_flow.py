"""How a screen prints a document: off the GUI thread, and never lost when the printer fails.

    print_document(ctx, document, case_id=case.case_id, on_result=self.printed)

    def printed(self, result: PrintResult) -> None:
        if not result.printed:                      # the document waits in the reprint queue
            self.show(DocumentOnScreen(document, result.user_message))

``on_result`` always runs on the GUI thread, with a :class:`core.print_queue.PrintResult`. When the terminal
has no print queue at all (the store is not open, or the services have not started yet) the result says
PRINT_NO_PRINTER, so the screen takes the same on-screen path; nothing is queued then, since there is no
store to keep it in, and the log says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from core.documents.common import HallInfo, IssuedDocument
from core.print_queue import MSG_QUEUED_FOR_REPRINT, PRINTERS_BY_MEDIA, PrintOutcome, PrintResult
from ui_common.tasks import describe_failure

log = logging.getLogger(__name__)


def hall_info(ctx: Any, terminal_label: str = "") -> HallInfo:
    """The hall as documents print it, from the terminal's settings; ``terminal_label`` names this terminal."""
    return HallInfo(name=ctx.setting("terminal.hall_name", ""), terminal_label=terminal_label)


def print_document(ctx: Any, document: IssuedDocument, *, on_result: Callable[[PrintResult], None],
                   case_id: str | None = None) -> None:
    printer = PRINTERS_BY_MEDIA.get(document.media_type, "unknown")
    queue = getattr(ctx, "printing", None)

    def not_printed(code: str, detail: str) -> PrintResult:
        return PrintResult(PrintOutcome.QUEUED_FOR_REPRINT, "", printer, code, MSG_QUEUED_FOR_REPRINT, detail)

    if queue is None or ctx.tasks is None:
        log.error("PRINT_NO_QUEUE: %s not printed and not queued (the print service is not running)",
                  document.kind.name)
        on_result(not_printed("PRINT_NO_QUEUE", "no print queue"))
        return

    def failed(exc: BaseException) -> None:
        # The queue records every printer failure itself; reaching here means the store refused the job.
        log.error("PRINT_QUEUE_FAILED %s: %s", document.kind.name, describe_failure(exc))
        on_result(not_printed(getattr(exc, "code", "PRINT_FAILED"), describe_failure(exc)))

    ctx.tasks.run(lambda: queue.print(document, case_id=case_id), on_success=on_result, on_failure=failed)
