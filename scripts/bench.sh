#!/usr/bin/env bash
# Run a benchmark from bench/ against a database with the suite installed (no demo data).
#   bash scripts/bench.sh bench/bench_training_assignment.py [--sizes 500,5000]
# The database (HC_BENCH_DB, default hc_bench) is created on first use; each benchmark works in
# a transaction that it rolls back, so runs are repeatable.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/env.sh"
hc_require_odoo
db=${HC_BENCH_DB:-hc_bench}
export PGPASSWORD=$HC_DB_PASSWORD
if ! psql -h "$HC_DB_HOST" -p "$HC_DB_PORT" -U "$HC_DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    echo "bench: creating $db with $HC_MODULES (no demo data)"
    hc_odoo -d "$db" -i "$HC_MODULES" --stop-after-init --log-level=warn --http-interface=127.0.0.1
else
    hc_odoo -d "$db" -u "hc_base,$HC_MODULES" --stop-after-init --log-level=warn --http-interface=127.0.0.1
fi
conf=$(mktemp)
trap 'rm -f "$conf"' EXIT
hc_write_conf "$conf" log_level=warn
script=$1
shift
HC_BENCH_DB=$db HC_BENCH_CONF=$conf PYTHONPATH="$HC_ROOT/bench:$ODOO_SRC" "$HC_PY" "$script" "$@"
