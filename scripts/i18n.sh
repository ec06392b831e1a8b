#!/usr/bin/env bash
# The translation templates of the suite: addons/<module>/i18n/<module>.pot, exported with Odoo's
# own `odoo-bin i18n export` from a database with the suite installed with its demo data (the
# test command checks that they are current the same way).
#   bash scripts/i18n.sh            # a throw-away database, created and dropped
#   bash scripts/i18n.sh DB         # an existing database (updated to the current code first)
#   bash scripts/i18n.sh --check DB # exit 1 when a committed .pot differs from the export
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/env.sh"
hc_require_odoo
export PGPASSWORD=$HC_DB_PASSWORD
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
db=${1:-}
modules="hc_base,$HC_MODULES"
conf=$(mktemp)
out=$(mktemp -d)
drop=""
cleanup() {
    rm -rf "$conf" "$out"
    [ -n "$drop" ] && dropdb -h "$HC_DB_HOST" -p "$HC_DB_PORT" -U "$HC_DB_USER" --if-exists "$drop" || true
}
trap cleanup EXIT
if [ -z "$db" ]; then
    db="hc_i18n_$$"
    drop=$db
    hc_odoo -d "$db" -i "$HC_MODULES" --with-demo --stop-after-init --log-level=warn \
        --http-interface=127.0.0.1 --workers=0 --max-cron-threads=0 > "$out/install.log" 2>&1 \
        || { tail -n 40 "$out/install.log"; exit 1; }
elif [ $check -eq 0 ]; then
    hc_odoo -d "$db" -u "$modules" --stop-after-init --log-level=warn \
        --http-interface=127.0.0.1 --workers=0 --max-cron-threads=0 > "$out/update.log" 2>&1 \
        || { tail -n 40 "$out/update.log"; exit 1; }
fi
hc_write_conf "$conf" log_level=warn
# the header's dates change at every export: they are not compared
strip() { grep -vE '^"(POT-Creation|PO-Revision)-Date: ' "$1"; }
stale=()
for module in ${modules//,/ }; do
    "$HC_PY" "$HC_ODOO_BIN" i18n export -c "$conf" -d "$db" -o "$out/$module.pot" "$module" \
        > "$out/export-$module.log" 2>&1 || { cat "$out/export-$module.log"; exit 1; }
    target="$HC_ROOT/addons/$module/i18n/$module.pot"
    if [ $check -eq 1 ]; then
        if [ ! -f "$target" ] || ! diff -q <(strip "$target") <(strip "$out/$module.pot") > /dev/null; then
            stale+=("$module")
            [ -f "$target" ] && diff <(strip "$target") <(strip "$out/$module.pot") | head -n 20
        fi
    else
        mkdir -p "$(dirname "$target")"
        cp "$out/$module.pot" "$target"
        echo "i18n: $target"
    fi
done
if [ ${#stale[@]} -gt 0 ]; then
    echo "i18n: not current: ${stale[*]} (bash scripts/i18n.sh regenerates them)" >&2
    exit 1
fi
