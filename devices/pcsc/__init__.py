"""Staff card readers over PC/SC (pyscard on pcsc-lite), and a virtual card for vpcd.

* ``codes``: error codes, calm messages, what PC/SC results and status words mean.
* ``apdu``: GET DATA UID (``FF CA 00 00 00``) and its answer.
* ``client``: one PC/SC context over pyscard's raw ``scard`` calls, used from one thread.
* ``reader``: the ``pcsc`` device driver (``StaffCard`` data events), ``list_readers()`` and
  ``read_one_card()`` for the technician command line.
* ``virtual_card``: a contactless card speaking vsmartcard vpcd's socket protocol, for tests and checks.
* ``simulated``: the ``pcsc_simulator`` driver for ``--demo`` (same events, no pcscd needed).
"""
