"""Domain core of hallterm: catalogue, cases, identity, storage, configuration, events.

Nothing in this package imports Qt or the device layer (checked by import-linter, see pyproject.toml),
so the servers, the command line and the tests use it without a screen.
"""
