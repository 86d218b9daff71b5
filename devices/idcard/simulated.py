"""``driver = "samv_simulated"``: the real driver talking to an in-process simulator, for ``--demo``.

Nothing is faked above the wire: the simulator serves a real pseudo-terminal and ``SamvReader`` opens it
like any serial port, so a demo exercises the same code as a hall. ``place(card_id)`` and ``remove()``
let a demo screen or the technician console put a sample card on the "reader".

Config keys: those of ``samv_serial`` except ``port``, plus ``cards`` (a JSON card file, default the
shipped samples) and ``place`` (a card id to lay on the reader at start).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devices.base import DeviceError, Listener
from devices.idcard.reader import SamvReader
from devices.idcard.simcards import SAMPLE_CARDS, SimCard, load_cards
from devices.idcard.simulator import SamvSimulator
from devices.idcard.status import MSG_READER_FAULT
from devices.registry import register_driver


class SimulatedSamvReader(SamvReader):
    def __init__(self, name: str, *, listener: Listener | None = None, cards: Mapping[str, SimCard] | None = None,
                 place: str | None = None, **reader_options: Any):
        self.simulator = SamvSimulator()
        self.cards = dict(cards) if cards is not None else load_cards(SAMPLE_CARDS)
        self._initial_card = place
        super().__init__(name, "", listener=listener, **reader_options)

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any],
                    listener: Listener | None = None) -> SimulatedSamvReader:
        cards = load_cards(config["cards"]) if config.get("cards") else None
        return cls(name, listener=listener, cards=cards, place=config.get("place"),
                   with_fingerprint=bool(config.get("fingerprint", False)),
                   poll_interval=int(config.get("poll_interval_ms", 100)) / 1000)

    def place(self, card_id: str) -> None:
        self.simulator.place(self.cards[card_id])

    def remove(self) -> None:
        self.simulator.remove()

    def _do_open(self) -> None:
        try:
            self.url = self.simulator.start_pty()
        except OSError as exc:
            raise DeviceError("IDCARD_SIMULATOR_FAILED", MSG_READER_FAULT,
                              f"cannot start the simulator: {exc}") from exc
        if self._initial_card:
            self.place(self._initial_card)
        super()._do_open()

    def _do_close(self) -> None:
        super()._do_close()
        self.simulator.stop()
        self.simulator = SamvSimulator()


register_driver("samv_simulated", SimulatedSamvReader.from_config)
