#!/usr/bin/env bash
# Set up everything the suite needs to run and test, idempotently:
#   - a Python 3.12 virtualenv with Odoo 19's pinned runtime requirements (no python-ldap)
#     plus the suite's own tools (openpyxl, pytest-odoo, pytest<9, websocket-client, ruff, pylint-odoo);
#   - PostgreSQL started, with a login role for Odoo;
#   - Chromium for the HttpCase tours.
# Fast when already done: the virtualenv is rebuilt only when its requirement inputs change.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/env.sh
. "$here/env.sh"

hc_require_odoo

# --- Python 3.12 virtualenv ---------------------------------------------------------------
find_python312() {
    # A candidate counts only if it really runs Python 3.12 (pyenv shims exist for absent versions).
    local c
    for c in "${HC_PYTHON:-}" "$HOME"/.pyenv/versions/3.12*/bin/python3 python3.12 python3; do
        [ -n "$c" ] || continue
        if "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1; then
            echo "$c"; return
        fi
    done
    echo ""
}

reqs_tmp=$(mktemp)
trap 'rm -f "$reqs_tmp"' EXIT
# Odoo's own pins, minus python-ldap (needs system LDAP headers; the suite does not use LDAP).
grep -viE '^\s*python-ldap' "$ODOO_SRC/requirements.txt" > "$reqs_tmp"
stamp_src=$( { cat "$reqs_tmp" "$HC_ROOT/requirements-dev.txt"; echo "$HC_VENV"; } | sha256sum | cut -d' ' -f1)
stamp_file="$HC_VENV/.hc-stamp"

if [ -x "$HC_VENV/bin/python" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_src" ]; then
    echo "setup: virtualenv $HC_VENV is up to date"
else
    py=$(find_python312)
    if [ -z "$py" ]; then
        echo "setup: Python 3.12 not found (set HC_PYTHON, or install it: pyenv install 3.12)" >&2
        exit 1
    fi
    echo "setup: building virtualenv $HC_VENV with $py"
    mkdir -p "$(dirname "$HC_VENV")"
    "$py" -m venv "$HC_VENV"
    "$HC_VENV/bin/pip" install -q --upgrade pip wheel "setuptools<81"
    "$HC_VENV/bin/pip" install -q -r "$reqs_tmp"
    "$HC_VENV/bin/pip" install -q -r "$HC_ROOT/requirements-dev.txt"
    echo "$stamp_src" > "$stamp_file"
fi

# --- System packages (Debian/Ubuntu) ------------------------------------------------------
apt_missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1 || apt_missing+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || apt_missing+=(postgresql)
command -v wkhtmltopdf >/dev/null 2>&1 || apt_missing+=(wkhtmltopdf)
if [ ${#apt_missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "setup: installing ${apt_missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
    else
        echo "setup: please install: ${apt_missing[*]}" >&2
        [[ " ${apt_missing[*]} " == *" postgresql "* || " ${apt_missing[*]} " == *" chromium "* ]] && exit 1
    fi
fi

# --- PostgreSQL ---------------------------------------------------------------------------
if ! pg_isready -q -h "$HC_DB_HOST" -p "$HC_DB_PORT" 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null 2>&1; then
        read -r ver name _ < <(pg_lsclusters -h | head -n1)
        echo "setup: starting PostgreSQL cluster $ver/$name"
        pg_ctlcluster "$ver" "$name" start
    else
        echo "setup: PostgreSQL is not running at $HC_DB_HOST:$HC_DB_PORT; start it" >&2
        exit 1
    fi
    for _ in $(seq 1 30); do pg_isready -q -h "$HC_DB_HOST" -p "$HC_DB_PORT" && break; sleep 1; done
fi
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    exists=$(su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$HC_DB_USER'\"")
    if [ "$exists" != 1 ]; then
        echo "setup: creating PostgreSQL role $HC_DB_USER"
        su postgres -c "psql -q -c \"CREATE ROLE \\\"$HC_DB_USER\\\" LOGIN CREATEDB PASSWORD '$HC_DB_PASSWORD'\""
    fi
fi
echo "setup: done (Odoo $(hc_odoo_version) at $ODOO_SRC, venv $HC_VENV)"
