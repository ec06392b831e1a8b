# Shared settings for the suite's scripts. Source it; override any variable from the environment.
HC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export HC_ROOT
export ODOO_SRC=${ODOO_SRC:-/opt/odoo}
export HC_VENV=${HC_VENV:-$HOME/.cache/hc-suite/venv-py312}
export HC_DB_HOST=${HC_DB_HOST:-localhost}
export HC_DB_PORT=${HC_DB_PORT:-5432}
export HC_DB_USER=${HC_DB_USER:-odoo}
export HC_DB_PASSWORD=${HC_DB_PASSWORD:-odoo}
export HC_DATA_DIR=${HC_DATA_DIR:-$HOME/.local/share/hc-suite}
# the suite: the three apps and the bridges to eLearning, certification surveys and time off (the
# bridges auto-install where their apps are; listed so that the demo database has them all)
export HC_MODULES=${HC_MODULES:-hc_training,hc_training_slides,hc_training_survey,hc_training_holidays,hc_migration,hc_readiness}

# Python that runs Odoo and the tests: the suite's virtualenv, or the system one inside the
# official Docker image (HC_VENV=none).
if [ "$HC_VENV" = none ]; then HC_PY=$(command -v python3); else HC_PY="$HC_VENV/bin/python"; fi
export HC_PY
# odoo-bin of a source checkout, or the `odoo` launcher of a packaged install (Docker image).
if [ -f "$ODOO_SRC/odoo-bin" ]; then HC_ODOO_BIN="$ODOO_SRC/odoo-bin"; else HC_ODOO_BIN=$(command -v odoo || true); fi
export HC_ODOO_BIN

hc_require_odoo() {
    if [ -z "$HC_ODOO_BIN" ] || [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
        cat >&2 <<MSG
ERROR: Odoo 19.0 Community source not found.
  Looked in ODOO_SRC=$ODOO_SRC (expected $ODOO_SRC/odoo-bin and $ODOO_SRC/odoo/release.py).
  Get it with:  git clone --depth 1 -b 19.0 https://github.com/odoo/odoo.git /opt/odoo
  or point ODOO_SRC at an existing checkout.
MSG
        exit 2
    fi
    if ! grep -q "version_info = (19, 0" "$ODOO_SRC/odoo/release.py"; then
        echo "ERROR: $ODOO_SRC is not Odoo 19.0 ($(hc_odoo_version)); the suite targets 19.0 only." >&2
        exit 2
    fi
}

hc_odoo_version() {
    sed -n 's/^version_info = (\([0-9]*\), \([0-9]*\).*/\1.\2/p' "$ODOO_SRC/odoo/release.py" 2>/dev/null
}

hc_addons_path() {
    local p="$ODOO_SRC/odoo/addons"
    [ -d "$ODOO_SRC/addons" ] && p="$p,$ODOO_SRC/addons"
    echo "$p,$HC_ROOT/addons"
}

# Common odoo-bin options; everything else comes from odoo.conf.
hc_odoo() {
    "$HC_PY" "$HC_ODOO_BIN" -c "$HC_ROOT/odoo.conf" \
        --addons-path="$(hc_addons_path)" --data-dir="$HC_DATA_DIR" \
        --db_host="$HC_DB_HOST" --db_port="$HC_DB_PORT" \
        --db_user="$HC_DB_USER" --db_password="$HC_DB_PASSWORD" "$@"
}

# Write an Odoo config file for in-process Odoo (pytest-odoo, benchmarks) from the settings:
#   hc_write_conf FILE [KEY=VALUE ...]   (extra options, e.g. db_name=x log_level=warn)
hc_write_conf() {
    local file=$1
    shift
    {
        echo "[options]"
        echo "addons_path = $(hc_addons_path)"
        echo "data_dir = $HC_DATA_DIR"
        echo "db_host = $HC_DB_HOST"
        echo "db_port = $HC_DB_PORT"
        echo "db_user = $HC_DB_USER"
        echo "db_password = $HC_DB_PASSWORD"
        local kv
        for kv in "$@"; do echo "${kv%%=*} = ${kv#*=}"; done
    } > "$file"
}
