"""The hall's queue service (tickets, calls, counters, statistics): one authority per hall.

Imports only ``core`` models; never Qt or the device layer.

* ``python -m hall_server --db URL --host H --port P [--config FILE] [--workers N]`` (``__main__``);
* ``hall_server.embedded.start_in_thread(db_url)`` runs it in-process for ``main.py --demo`` and tests;
* ``config``: services, counters, terminal tokens and the priority policy (TOML/JSON, or the demo hall);
* ``service.HallService``: every operation as one transaction; ``tickets``, ``counters``, ``day``,
  ``snapshot``, ``stats`` and ``journal`` (the announcements table) hold the queue's rules;
* ``db``: the SQLite and PostgreSQL backends and their migrations; ``api``: the FastAPI routes;
* ``testing_pg``: a private PostgreSQL cluster for the tests and the benchmark.

The API is described at ``/openapi.json``; the client side is ``core.queueing``.
"""
