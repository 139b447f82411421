#!/usr/bin/env bash
# `make serve`: a production-like run on this machine: gunicorn (WEB_CONCURRENCY workers), the task
# worker (db_worker), the scheduler, this node's scan-spool drain and WhiteNoise, with production settings, against DATABASE_URL,
# REDIS_URL and the S3 variables when set. Ctrl-C stops them all.
# db_worker and the scheduler are restarted with a short back-off when they exit (e.g. the
# database vanished): only gunicorn's exit ends the script, so the site and the scan redirect
# (which spools while the database is away) outlive them.
set -euo pipefail
cd "$(dirname "$0")/.."

# tests/bench/ sets SERVE_SETTINGS_MODULE=tests.bench.bench_settings (production plus a bare redirect).
export DJANGO_SETTINGS_MODULE="${SERVE_SETTINGS_MODULE:-website.settings.production}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Served over plain HTTP on this machine; behind a TLS proxy, leave the redirect on.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
if [ -z "${SECRET_KEY:-}" ]; then
  # A key for this machine only, made once and kept out of git.
  [ -f .serve-secret-key ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > .serve-secret-key
  SECRET_KEY="$(cat .serve-secret-key)"
  export SECRET_KEY
fi

# Redis is only a cache here: a memory limit and an eviction policy keep it from growing without end
# (docs/deploy.md). With LOA_SERVE_REDIS_PORT and no REDIS_URL, start one of our own with them;
# a Redis given in REDIS_URL is only checked (read-only), never reconfigured.
REDIS_MAXMEMORY="${REDIS_MAXMEMORY:-256mb}"
REDIS_POLICY="${REDIS_POLICY:-allkeys-lru}"
redis_pid=""
if [ -z "${REDIS_URL:-}" ] && [ -n "${LOA_SERVE_REDIS_PORT:-}" ]; then
  redis-server --port "$LOA_SERVE_REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --maxmemory "$REDIS_MAXMEMORY" --maxmemory-policy "$REDIS_POLICY" >/dev/null &
  redis_pid=$!
  trap 'kill "$redis_pid" 2>/dev/null || true' EXIT
  export REDIS_URL="redis://127.0.0.1:${LOA_SERVE_REDIS_PORT}/0"
elif [ -n "${REDIS_URL:-}" ] && command -v redis-cli >/dev/null; then
  maxmemory="$(redis-cli -u "$REDIS_URL" CONFIG GET maxmemory 2>/dev/null | sed -n 2p || true)"
  policy="$(redis-cli -u "$REDIS_URL" CONFIG GET maxmemory-policy 2>/dev/null | sed -n 2p || true)"
  if [ "$maxmemory" = "0" ] || [ "$policy" = "noeviction" ]; then
    echo "serve.sh: warning: the Redis of REDIS_URL has maxmemory=${maxmemory} and maxmemory-policy=${policy};" \
      "give it maxmemory ${REDIS_MAXMEMORY} and maxmemory-policy ${REDIS_POLICY} (docs/deploy.md)" >&2
  fi
fi

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput -v0

# Run a command again whenever it exits, after 1, 2, 4 … 30 s (back to 1 s after a minute of running).
supervise() {
  local child="" delay=1 started status
  trap 'kill "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; exit 0' TERM INT
  while true; do
    started=$SECONDS
    "$@" &
    child=$!
    status=0
    wait "$child" || status=$?
    if ((SECONDS - started >= 60)); then delay=1; fi
    echo "serve.sh: '$*' exited with status $status; restarting in ${delay} s" >&2
    sleep "$delay" &
    wait $! || true
    delay=$((delay * 2 > 30 ? 30 : delay * 2))
  done
}

pids=()
if [ -n "$redis_pid" ]; then pids+=("$redis_pid"); fi
stop() { kill "${pids[@]}" 2>/dev/null || true; wait || true; }
trap stop EXIT INT TERM

# The background processes yield the cores to the web workers (nice): after a TV spot, draining its
# thousands of spooled scans took 15 s of CPU on two cores, and the landing pages answered at 61 % of the
# bare redirect while it ran (tests/bench/README.md, landing run 7). LOA_BACKGROUND_NICE=0 turns it off.
background_nice="${LOA_BACKGROUND_NICE:-10}"
supervise nice -n "$background_nice" .venv/bin/python manage.py db_worker --no-reload &
pids+=($!)
supervise nice -n "$background_nice" .venv/bin/python manage.py run_scheduler &
pids+=($!)
# This server's scan spool, drained by this server (a worker elsewhere cannot read its disk).
supervise nice -n "$background_nice" .venv/bin/python manage.py drain_scans --every "${LOA_DRAIN_EVERY_SECONDS:-10}" &
pids+=($!)
# The server model was chosen by measurement on two cores (tests/bench/landing_bench.py, docs/deploy.md).
.venv/bin/gunicorn website.wsgi --workers "${WEB_CONCURRENCY:-2}" \
  --worker-class "${GUNICORN_WORKER_CLASS:-sync}" --threads "${GUNICORN_THREADS:-1}" --bind "${HOST:-127.0.0.1}:${PORT:-8000}" \
  --access-logfile - --access-logformat '%(t)s "%(r)s" %(s)s %(b)s %(L)ss' &
gunicorn=$!
pids+=("$gunicorn")
wait "$gunicorn"
