"""Terminal configuration: one TOML file per terminal, every setting declared once.

* ``core.config.declaration``: what a setting is (``Setting``, ``Kind``, ``Section``) and how values are checked.
* ``core.config.schema``: the declared settings, in technician-page order.
* ``core.config.devices``: the shape of the ``[devices]`` table and the demo devices.
* ``core.config.migrations``: numbered upgrades of older files.
* ``core.config.tomlfile``: reading, and atomic writing, of the file.
* ``core.config.settings``: ``Settings``, the object the rest of the program holds.
* ``core.config.reference``: ``docs/configuration.md`` rendered from the declarations.
"""

from core.config.declaration import REDACTED, Kind, Section, Setting
from core.config.migrations import CURRENT_VERSION
from core.config.settings import Settings

__all__ = ["CURRENT_VERSION", "REDACTED", "Kind", "Section", "Setting", "Settings"]
