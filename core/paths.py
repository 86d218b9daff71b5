"""Where hallterm keeps its files: the config file, the data dir (database, keys, logs) and the cache.

Locations come from platformdirs (app name ``hallterm``), so a terminal follows its platform's habits
(``~/.config/hallterm/hallterm.toml`` and ``~/.local/share/hallterm`` on Linux, ``%LOCALAPPDATA%`` on
Windows). Three things move them:

* ``HALLTERM_HOME``: everything under one folder (``config/``, ``data/``, ``cache/``). Tests and the
  screenshot tool set it so they never touch the real home.
* ``--config FILE``: the config file lives elsewhere; data and cache stay where they were.
* ``store.data_dir`` in the config: the data dir lives elsewhere (e.g. a second disk). A relative value is
  taken relative to the config file's folder, so a config and its data can be moved together.

Demo mode keeps everything under one folder (default ``<data dir>/demo``), so ``--demo`` never mixes its
cases and keys with a real terminal's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

APP_NAME = "hallterm"
HOME_ENV = "HALLTERM_HOME"
CONFIG_FILE_NAME = "hallterm.toml"
DATABASE_FILE_NAME = "hallterm.sqlite3"
KEY_FILE_NAME = "data.key"
LOG_FILE_NAME = "hallterm.log"  # core.logging_setup writes this name inside logs_dir


@dataclass(frozen=True)
class Paths:
    """Resolved locations for one terminal. Build with ``default()``, ``under()`` or ``for_demo()``."""

    config_file: Path
    data_dir: Path
    cache_dir: Path

    # --- construction -----------------------------------------------------------------------------

    @classmethod
    def default(cls, *, config_file: Path | None = None, environ: Mapping[str, str] | None = None) -> Paths:
        """Platform locations, or everything under ``$HALLTERM_HOME`` when that is set.

        ``config_file`` is the ``--config`` override; it changes only where the config is read from.
        """
        env = os.environ if environ is None else environ
        home = env.get(HOME_ENV, "").strip()
        if home:
            paths = cls.under(Path(home).expanduser())
        else:
            paths = cls(
                config_file=platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILE_NAME,
                data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
                cache_dir=platformdirs.user_cache_path(APP_NAME, appauthor=False),
            )
        if config_file is not None:
            paths = replace(paths, config_file=Path(config_file).expanduser().absolute())
        return paths

    @classmethod
    def under(cls, root: Path) -> Paths:
        """Everything in one folder: ``root/config/hallterm.toml``, ``root/data``, ``root/cache``."""
        root = Path(root).absolute()
        return cls(config_file=root / "config" / CONFIG_FILE_NAME, data_dir=root / "data", cache_dir=root / "cache")

    @classmethod
    def for_demo(cls, root: Path | None = None, *, environ: Mapping[str, str] | None = None) -> Paths:
        """Demo mode: one folder for everything, by default ``<data dir>/demo`` of the normal locations."""
        if root is None:
            root = cls.default(environ=environ).data_dir / "demo"
        return cls.under(root)

    def with_data_dir(self, data_dir: Path | str | None) -> Paths:
        """Apply ``store.data_dir`` from the config; ``None`` or empty keeps the current data dir."""
        if data_dir is None or str(data_dir) == "":
            return self
        target = Path(data_dir).expanduser()
        if not target.is_absolute():
            target = self.config_file.parent / target
        return replace(self, data_dir=target.absolute())

    # --- derived locations ------------------------------------------------------------------------

    @property
    def config_dir(self) -> Path:
        return self.config_file.parent

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILE_NAME

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def key_file(self) -> Path:
        return self.keys_dir / KEY_FILE_NAME

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / LOG_FILE_NAME

    def ensure_dirs(self) -> Paths:
        """Create the folders (not the files). The keys folder is private to the terminal's user.

        The mode only matters on POSIX; on Windows the profile folder's ACL already restricts it.
        """
        for folder in (self.config_dir, self.data_dir, self.logs_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            self.keys_dir.chmod(0o700)
        return self
