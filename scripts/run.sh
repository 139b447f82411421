#!/usr/bin/env bash
# `make run`: the development server, and beside it the loop that moves the demo: every
# LOA_DEV_LOOP_SECONDS (10) it drains this machine's scan spool and brings the dashboard's rollups
# up to date, so that a scan or a "Tôi đã làm xong" made in the browser shows on the dashboard within
# a minute. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

.venv/bin/python manage.py update_rollups --drain --every "${LOA_DEV_LOOP_SECONDS:-10}" &
loop=$!
# A background job of a script ignores Ctrl-C's SIGINT: stop it ourselves when the server stops.
stop_loop() { kill "$loop" 2>/dev/null || true; wait "$loop" 2>/dev/null || true; }
trap stop_loop EXIT
trap 'exit 130' INT TERM

.venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
