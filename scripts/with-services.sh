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

"$@"
