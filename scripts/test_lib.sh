#!/usr/bin/env bash
# The fast loop: every module's lib/ tests (addons/*/tests/test_lib_*.py) under plain pytest,
# without Odoo (no ORM, no database; a second or two). The same tests also run in Odoo's test run
# (scripts/test.sh, step 2). addons/conftest.py explains how. Extra arguments go to pytest.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/env.sh"
cd "$HC_ROOT"
# Odoo must not be importable here: the point is that lib/ needs none of it.
unset PYTHONPATH
if "$HC_PY" -c 'import odoo' 2>/dev/null; then
    echo "test_lib: odoo is importable from $HC_PY; the lib tests must run without it" >&2
    exit 2
fi
exec "$HC_PY" -m pytest addons -p no:odoo -p no:cacheprovider -q -W ignore::DeprecationWarning "$@"
