"""A private, throw-away PostgreSQL cluster for the test suite and the benchmark.

    python -m hall_server.testing_pg start --dir DIR [--durable]   # prints the test database URL
    python -m hall_server.testing_pg stop --dir DIR

``scripts/with-services.sh`` starts one before ``make test`` and exports ``HALLTERM_TEST_PG_URL``;
``bench/hall.py`` and the test fixtures start their own through ``PrivateCluster`` when that variable is
not set. The cluster listens on a unix socket inside its own directory only (``listen_addresses=''``), so
it never collides with a system PostgreSQL or another run. PostgreSQL refuses to run as root, so as root
the cluster belongs to the ``postgres`` system user (``runuser``); everyone connects over the socket with
``trust`` authentication, which is safe only because the socket directory is private to this run.

Tests run with ``fsync=off`` (a crashed test cluster is simply thrown away); the benchmark passes
``durable=True`` so its figures include real commits.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

PORT = 5432  # only names the socket file (.s.PGSQL.5432) inside the private directory
ENV_BIN = "HALLTERM_PG_BIN"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries, or the cluster did not start; the message says what to do."""


def find_bin_dir() -> Path:
    """The directory holding ``initdb``, ``pg_ctl`` and ``postgres``: ``$HALLTERM_PG_BIN`` when set (and
    then only it), else the newest under /usr/lib/postgresql, else the one on PATH."""
    candidates: list[Path] = []
    if os.environ.get(ENV_BIN):
        candidates.append(Path(os.environ[ENV_BIN]))
        if not all((candidates[0] / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            raise PostgresUnavailable(f"{ENV_BIN}={candidates[0]} does not hold initdb, pg_ctl and postgres")
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _version_key(p.parent.name),
                         reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for candidate in candidates:
        if all((candidate / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return candidate
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; install them "
        "(Debian 12: apt-get install postgresql-15) or point HALLTERM_PG_BIN at their directory")


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _as_owner(command: list[str]) -> list[str]:
    """Run as ``postgres`` when we are root (the server refuses root), else as ourselves."""
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresUnavailable("running as root needs runuser (util-linux) to start PostgreSQL as 'postgres'")
    return [runuser, "-u", "postgres", "--", *command]


class PrivateCluster:
    """One cluster in ``base_dir`` (created if needed): ``start()``, ``create_database()``, ``stop()``."""

    def __init__(self, base_dir: Path | None = None, *, durable: bool = False) -> None:
        self._bin = find_bin_dir()  # first: no directory is left behind when there is nothing to run
        self.base_dir = Path(base_dir) if base_dir else Path(tempfile.mkdtemp(prefix="hallterm-pg-"))
        self.data_dir = self.base_dir / "data"
        self.socket_dir = self.base_dir
        self.durable = durable
        self._created_dbs = 0

    @property
    def admin_url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={quote(str(self.socket_dir), safe='/')}&port={PORT}"

    def start(self, database: str = "hallterm_test") -> str:
        """Create and start the cluster, create ``database``, return its URL."""
        self.base_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.base_dir, "postgres", "postgres")
        os.chmod(self.base_dir, 0o700)
        if not (self.data_dir / "PG_VERSION").exists():
            self._run([str(self._bin / "initdb"), "-D", str(self.data_dir), "-U", "postgres", "--auth=trust",
                       "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], "initdb")
        options = [f"-k {self.socket_dir}", "-c listen_addresses=''", f"-p {PORT}", "-c max_connections=200",
                   "-c shared_buffers=64MB"]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run([str(self._bin / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.data_dir),
                   "-l", str(self.base_dir / "server.log"), "-o", " ".join(options)], "pg_ctl start")
        return self.create_database(database)

    def create_database(self, name: str | None = None) -> str:
        """A fresh empty database in this cluster; returns its URL."""
        import psycopg

        if name is None:
            self._created_dbs += 1
            name = f"hallterm_t{os.getpid()}_{self._created_dbs}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return self.url_for(name)

    def stop(self, *, remove: bool = True) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            subprocess.run(_as_owner([str(self._bin / "pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "fast",
                                      "-w", "-t", "30"]), capture_output=True, check=False)
        if remove:
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def _run(self, command: list[str], what: str) -> None:
        result = subprocess.run(_as_owner(command), capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log_tail = ""
            log_file = self.base_dir / "server.log"
            if log_file.exists():
                log_tail = "\n".join(log_file.read_text(errors="replace").splitlines()[-10:])
            raise PostgresUnavailable(f"{what} failed ({result.returncode}): {result.stderr.strip()}\n{log_tail}")


def create_database_at(admin_url: str) -> str:
    """A fresh database on the server behind ``admin_url`` (a test run's shared cluster); returns its URL."""
    import uuid

    import psycopg

    name = f"hallterm_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    return urlunsplit(urlsplit(admin_url)._replace(path="/" + name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="private PostgreSQL cluster for tests and benchmarks")
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--dir", type=Path, required=True, help="the cluster's private directory")
    parser.add_argument("--durable", action="store_true", help="keep fsync on (benchmarks)")
    args = parser.parse_args(argv)
    try:
        cluster = PrivateCluster(args.dir, durable=args.durable)
        if args.action == "start":
            print(cluster.start())
        else:
            cluster.stop()
    except PostgresUnavailable as exc:
        print(f"testing_pg: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
