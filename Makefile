# Shortcuts for the scripts in scripts/ (ODOO_SRC defaults to /opt/odoo).
.PHONY: setup run test test-fast lint bench
setup:
	bash scripts/setup.sh
run:
	bash scripts/run.sh
test:
	bash scripts/setup.sh && bash scripts/test.sh
test-fast:
	bash scripts/test.sh --fast
lint:
	bash scripts/lint.sh
bench:
	bash scripts/bench.sh
