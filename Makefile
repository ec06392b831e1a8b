# Shortcuts for the scripts in scripts/ (ODOO_SRC defaults to /opt/odoo).
.PHONY: setup run test test-fast test-lib lint bench
setup:
	bash scripts/setup.sh
run:
	bash scripts/run.sh
test:
	bash scripts/setup.sh && bash scripts/test.sh
test-fast:
	bash scripts/test.sh --fast
test-lib:
	bash scripts/test_lib.sh
lint:
	bash scripts/lint.sh
bench:
	bash scripts/bench.sh
