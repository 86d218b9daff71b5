#!/usr/bin/env bash
# Starts the services the tests need, runs the given command, and stops what it started, whatever the
# command's outcome. Services are added here as the issues that need them land (cupsd, pcscd + vpcd,
# PostgreSQL); each start function records how to stop itself in STOP_ACTIONS.
set -uo pipefail
STOP_ACTIONS=()
cleanup() {
  local i
  for ((i=${#STOP_ACTIONS[@]}-1; i>=0; i--)); do eval "${STOP_ACTIONS[$i]}" || true; done
}
trap cleanup EXIT

# The project's interpreter (the venv when there is one); hall_server.testing_pg needs only the stdlib
# and psycopg, and the same module starts the benchmark's cluster, so tests and bench agree.
# In a git worktree (no .venv of its own) it is the main checkout's venv.
PY="${HALLTERM_PYTHON:-.venv/bin/python}"
if [ ! -x "$PY" ] && common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
  PY="$(dirname "$common")/.venv/bin/python"
fi
[ -x "$PY" ] || PY=python3

# PostgreSQL: a private cluster in a temp dir (owned by 'postgres' when we are root: the server refuses
# to run as root), listening only on a unix socket inside that dir, with one test database. The hall
# tests run every case on it as well as on SQLite. If it cannot start, the reason is exported and the
# PostgreSQL tests FAIL with it: a supported backend is never silently skipped.
start_postgres() {
  local dir url err
  dir=$(mktemp -d "${TMPDIR:-/tmp}/hallterm-pg-XXXXXX")
  err="$dir.err"
  if url=$("$PY" -m hall_server.testing_pg start --dir "$dir" 2>"$err"); then
    export HALLTERM_TEST_PG_URL="$url"
    STOP_ACTIONS+=("\"$PY\" -m hall_server.testing_pg stop --dir '$dir'")
    echo "with-services: PostgreSQL test cluster in $dir" >&2
  else
    export HALLTERM_TEST_PG_UNAVAILABLE
    HALLTERM_TEST_PG_UNAVAILABLE="$(tr '\n' ' ' <"$err")"
    echo "with-services: PostgreSQL did not start: $HALLTERM_TEST_PG_UNAVAILABLE" >&2
    "$PY" -m hall_server.testing_pg stop --dir "$dir" 2>/dev/null || rm -rf "$dir"
  fi
  rm -f "$err"
}
start_postgres

"$@"
