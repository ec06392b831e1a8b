#!/usr/bin/env bash
# Entry point of the `tests` service of docker-compose.yml: the same scripts/test.sh, run inside
# the official odoo:19 image (Odoo installed as a package, system Python, database in `db`).
set -euo pipefail
export ODOO_SRC=${ODOO_SRC:-/usr/lib/python3/dist-packages}
export HC_VENV=none
export HC_DB_HOST=${HOST:-db} HC_DB_PORT=${PORT:-5432} HC_DB_USER=${USER:-odoo} HC_DB_PASSWORD=${PASSWORD:-odoo}
export HC_DATA_DIR=/tmp/hc-data HC_TEST_LOG_DIR=/tmp/hc-test-logs
pip3 install --quiet --break-system-packages -r /mnt/hc/requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null 2>&1 \
        || echo "docker-test: no Chromium package in this image; the tours will fail" >&2
fi
exec bash /mnt/hc/scripts/test.sh "$@"
