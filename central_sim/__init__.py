"""A strict simulator of the central platform (一体化政务服务平台) contract in docs/central-api.yaml.

Imports only ``core`` models; never Qt or the device layer.

* ``python -m central_sim --db PATH --host H --port P --terminal K01=SECRET`` serves it;
* ``central_sim.embedded.start(db, terminals={...})`` runs it in-process on a free loopback port
  (``--demo`` and tests) and returns its URL and ``stop()``;
* ``central_sim.app.Simulator`` is the platform itself (rules in ``platform``, back office in
  ``backoffice``, fault switches in ``faults``, its SQLite file in ``db``, demo citizens in ``seed``).
"""
