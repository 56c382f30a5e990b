#!/usr/bin/env bash
# Installs the system libraries and tools the build and the tests need, when missing (Debian).
set -euo pipefail
need=()
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
[ -f /usr/include/ncursesw/curses.h ] || need+=(libncursesw5-dev)
# tappplus-server is linked with mimalloc (docs/performance.md says why).
[ -f /usr/include/mimalloc.h ] || need+=(libmimalloc-dev)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
# Node runs the script of the server's API page (/api/docs) in its test.
command -v node >/dev/null 2>&1 || need+=(nodejs)
# Python runs schemathesis against the server's own OpenAPI document in its test (installed below, from PyPI).
command -v python3 >/dev/null 2>&1 || need+=(python3)
{ command -v python3 >/dev/null 2>&1 && python3 -c 'import ensurepip, venv' >/dev/null 2>&1; } || need+=(python3-venv)
# PostgreSQL (a throw-away cluster per test run), nginx (two instances behind it) and wrk (the benchmarks).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
# Debian's postgresql package starts a cluster of its own; the tests never use it (they start theirs).
# initdb refuses root: the tests run their clusters as this unprivileged account.
if ! id -u tapp-pg >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO useradd --system --no-create-home --shell /usr/sbin/nologin tapp-pg
fi
command -v swift >/dev/null 2>&1 || { echo "swift is not on PATH (expected /opt/swift/usr/bin)"; exit 1; }
# schemathesis, pinned, in a folder of the project that git ignores (.tools); a few seconds when already there.
SCHEMATHESIS_VERSION=4.32.5
tools="$(cd "$(dirname "$0")/.." && pwd)/.tools"
if ! "$tools/schemathesis/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "installing schemathesis $SCHEMATHESIS_VERSION into $tools/schemathesis"
  python3 -m venv "$tools/schemathesis"
  "$tools/schemathesis/bin/pip" install --quiet --disable-pip-version-check --no-input "schemathesis==$SCHEMATHESIS_VERSION"
fi
