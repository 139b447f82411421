#!/usr/bin/env bash
# `make serve`: a production-like run on this machine: gunicorn (WEB_CONCURRENCY workers), the task
# worker (db_worker), the scheduler and WhiteNoise, with production settings, against DATABASE_URL,
# REDIS_URL and the S3 variables when set. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=website.settings.production
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Served over plain HTTP on this machine; behind a TLS proxy, leave the redirect on.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
if [ -z "${SECRET_KEY:-}" ]; then
  # A key for this machine only, made once and kept out of git.
  [ -f .serve-secret-key ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > .serve-secret-key
  SECRET_KEY="$(cat .serve-secret-key)"
  export SECRET_KEY
fi

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput -v0

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait || true; }
trap stop EXIT INT TERM

.venv/bin/python manage.py db_worker --no-reload &
pids+=($!)
.venv/bin/python manage.py run_scheduler &
pids+=($!)
.venv/bin/gunicorn website.wsgi --workers "${WEB_CONCURRENCY:-2}" --bind "${HOST:-127.0.0.1}:${PORT:-8000}" \
  --access-logfile - --access-logformat '%(t)s "%(r)s" %(s)s %(b)s %(L)ss' &
pids+=($!)
wait -n
