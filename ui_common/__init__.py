"""Shared Qt layer of every mode: theme, translations, the task runner, the event bridge, shared widgets.

Nothing is imported here on purpose: the kiosk's first frame should pay only for the modules it uses.
"""
