#!/usr/bin/env bash
# Serve the demo database: create `hc_demo` with the suite and demo data if it does not
# exist, then run Odoo on http://localhost:8069 (login admin / admin).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/env.sh"
hc_require_odoo
bash "$here/setup.sh"

db=${HC_DEMO_DB:-hc_demo}
port=${HC_HTTP_PORT:-8069}
# loopback by default; HC_HTTP_INTERFACE=0.0.0.0 to serve other machines (behind a proxy)
interface=${HC_HTTP_INTERFACE:-127.0.0.1}
if ! PGPASSWORD=$HC_DB_PASSWORD psql -h "$HC_DB_HOST" -p "$HC_DB_PORT" -U "$HC_DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    echo "run: creating database $db with $HC_MODULES and demo data (takes a few minutes)"
    hc_odoo -d "$db" -i "$HC_MODULES" --with-demo --stop-after-init \
        --log-level=warn --http-interface="$interface"
else
    # an existing database gets the suite's current code (new models, views, data)
    echo "run: updating $db to the suite's current code"
    hc_odoo -d "$db" -u "hc_base,$HC_MODULES" --stop-after-init \
        --log-level=warn --http-interface="$interface"
fi
echo "run: serving $db on http://localhost:$port (admin / admin)"
exec "$HC_PY" "$HC_ODOO_BIN" -c "$HC_ROOT/odoo.conf" \
    --addons-path="$(hc_addons_path)" --data-dir="$HC_DATA_DIR" \
    --db_host="$HC_DB_HOST" --db_port="$HC_DB_PORT" \
    --db_user="$HC_DB_USER" --db_password="$HC_DB_PASSWORD" \
    -d "$db" --db-filter="^$db\$" --http-port="$port" --http-interface="$interface" "$@"
