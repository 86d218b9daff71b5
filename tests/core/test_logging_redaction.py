import logging

from core.logging_setup import configure_logging


def test_log_file_never_holds_id_numbers_or_phones(tmp_path):
    configure_logging(tmp_path, level="DEBUG", stderr=False)
    log = logging.getLogger("hallterm.test")
    try:
        log.info("card read for %s, phone %s, case 43010220261123K0100042", "11010519491231002X", "13812345678")
        try:
            raise ValueError("bad id 11010519491231002X")
        except ValueError:
            log.exception("lookup failed")
    finally:
        configure_logging(None, stderr=True)
    text = (tmp_path / "hallterm.log").read_text(encoding="utf-8")
    assert "11010519491231002X" not in text and "13812345678" not in text
    assert "1101**********002X" in text and "138****5678" in text
    assert "43010220261123K0100042" in text   # case numbers are not personal data
    assert "ValueError" in text                # the traceback is kept, redacted


def test_python_escpos_root_logger_chatter_is_dropped_but_its_warnings_kept(tmp_path):
    import escpos.printer.network as network

    configure_logging(tmp_path, level="DEBUG", stderr=False)
    try:
        # What python-escpos does on every connect: logging.info() on the root logger, from its own file.
        record = logging.LogRecord("root", logging.INFO, network.__file__, 111, "Network printer enabled", (), None)
        logging.getLogger().handle(record)
        warning = logging.LogRecord("root", logging.WARNING, network.__file__, 1, "escpos warning kept", (), None)
        logging.getLogger().handle(warning)
        logging.getLogger("hallterm.test").info("our own info kept")
    finally:
        configure_logging(None, stderr=True)
    text = (tmp_path / "hallterm.log").read_text(encoding="utf-8")
    assert "Network printer enabled" not in text
    assert "escpos warning kept" in text and "our own info kept" in text
