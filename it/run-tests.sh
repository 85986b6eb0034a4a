#!/usr/bin/env bash
# Runs every test from a fresh clone on Debian 12: host packages, the local mirror of upstream
# sources (from Debian's source packages), then the whole Maven build with unit tests and ITs.
# Idempotent: a second run installs and downloads nothing again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash it/host-packages.sh
bash it/fill-mirror.sh
exec mvn -B -V -ntp verify "$@"
