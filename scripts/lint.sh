#!/usr/bin/env bash
# Lint the addons: ruff (style, imports, bugbear) and pylint-odoo (the OCA checks). Zero findings.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/env.sh"
cd "$HC_ROOT"
status=0
targets=()
for d in addons tests bench scripts; do [ -d "$d" ] && targets+=("$d"); done
echo "lint: ruff"
"$HC_PY" -m ruff check --no-cache "${targets[@]}" || status=1
"$HC_PY" -m ruff format --no-cache --check "${targets[@]}" || status=1
echo "lint: pylint-odoo"
"$HC_PY" -m pylint --rcfile="$HC_ROOT/.pylintrc" addons/* || status=1
exit $status
