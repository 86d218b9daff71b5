"""Resident ID card readers speaking the SAM_V serial protocol (GA 467), and their simulator.

* ``frames``: frame codec and incremental decoder; ``status``: SW3 code table.
* ``cardtext`` / ``carddata``: the 256-byte text block of the four card types -> ``CardData``.
* ``photo``: pluggable WLT photo decoder (none ships; the format is closed).
* ``session``: one port's command/response conversation; ``reader``: the ``samv_serial`` device driver
  and ``read_one_card()`` for the technician command line.
* ``simulator`` / ``simcards`` / ``simcontrol``: the device side over a pty or TCP, for tests and demos;
  ``simulated``: the ``samv_simulated`` driver (real driver + in-process simulator) for ``--demo``.
"""
