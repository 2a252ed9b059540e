# Everyday commands. Every tool is called from .venv/bin, so nothing needs activating.
#   make run    the portal with demo data at http://127.0.0.1:8000, plus worker and beat
#   make test   the whole test suite (PYTEST_ARGS="-k hotline -x" to narrow it)

# The interpreter .venv is made with: the first of python3, python3.13, python3.12 and python3.11
# that runs and is Python 3.11 or newer. PYTHON=/path/to/python3.X chooses another.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; \
	done)
endif
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
RUFF   := $(VENV)/bin/ruff
LINT_IMPORTS := $(VENV)/bin/lint-imports
PYTEST := $(VENV)/bin/pytest
STAMP  := $(VENV)/.installed

# The embedded default and the tests run with DEBUG on unless the caller chose otherwise.
DEV_ENV := DEBUG="$${DEBUG:-true}"

.PHONY: venv run test lint format lock clean

# One line and a failure when no interpreter fits, before anything is made with it.
NO_PYTHON  = Python 3.11 or newer is needed, and none of python3, python3.13, python3.12, python3.11 on PATH is one: install one, or give its path as PYTHON=/path/to/python3.X
BAD_PYTHON = PYTHON=$(PYTHON) is not a working Python 3.11 or newer
CHECK_PYTHON = $(if $(PYTHON),$(if $(shell $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && echo ok),,$(error $(BAD_PYTHON))),$(error $(NO_PYTHON)))

venv: $(STAMP)

$(PY):
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when the declared or the pinned dependencies changed since the last install.
# The runtime pins (constraints.txt) and the development tools' (constraints-dev.txt) together.
$(STAMP): pyproject.toml constraints.txt constraints-dev.txt | $(PY)
	$(PY) -m pip install --upgrade pip
	$(PIP) install -c constraints.txt -c constraints-dev.txt -e ".[dev]"
	touch $(STAMP)

run: venv
	d="$${VAR_DIR:-var}"; mkdir -p "$$d/mail" "$$d/broker/queue" "$$d/broker/control" "$$d/media"
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) scripts/run-embedded

# Processes `make test` runs the tests on (pytest-xdist): one per core by default; PYTEST_WORKERS=3
# for three, PYTEST_WORKERS=0 for this process alone (pdb, -x on the first failure in order).
PYTEST_WORKERS ?= auto

# pytest exits 5 when it collected nothing; that is a failure, never a pass.
# Outside CI the test database is kept between runs (--reuse-db; it is made afresh when a migration
# changes); with CI=true it is made afresh. Bytecode caches are written even if the environment says
# not to: without them every worker compiles and rewrites every test module again (collection takes
# 10 s instead of 4).
test: venv
	@$(DEV_ENV); export DEBUG; unset PYTHONDONTWRITEBYTECODE; \
	case "$${CI:-}" in [Tt][Rr][Uu][Ee]) db=--create-db ;; *) db=--reuse-db ;; esac; \
	args="-n $(PYTEST_WORKERS) $$db $(PYTEST_ARGS)"; \
	echo "$(PYTEST) $$args"; \
	$(PYTEST) $$args || { status=$$?; \
		if [ $$status -eq 5 ]; then echo "pytest collected no tests: counted as a failure" >&2; fi; \
		exit $$status; }

lint: venv
	$(RUFF) check .
	$(RUFF) format --check .
	$(LINT_IMPORTS)

format: venv
	$(RUFF) check --fix .
	$(RUFF) format .

# Resolves pyproject.toml afresh in a throw-away virtualenv and pins the result in two files:
# constraints.txt, what the portal needs to run (its dependencies and the s3 extra), then
# constraints-dev.txt, what the dev extra adds on top of those pins.
lock:
	$(CHECK_PYTHON)
	rm -rf var/lock-venv
	mkdir -p var
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/python -m pip install --quiet --upgrade pip
	var/lock-venv/bin/pip install --quiet -e ".[s3]"
	{ echo "# Exact versions of what the portal needs to run: its dependencies and the s3 extra, as CI tested"; \
	  echo "# them. Install: pip install -c constraints.txt -e .   (add [s3] for MEDIA_STORAGE=s3)"; \
	  echo "# The development tools are pinned apart, in constraints-dev.txt. Regenerate both: make lock"; \
	  var/lock-venv/bin/pip freeze --exclude-editable; } > constraints.txt.new
	var/lock-venv/bin/pip install --quiet -c constraints.txt.new -e ".[dev]"
	{ echo "# Exact versions of the development tools (the dev extra), as CI tested them, on top of the"; \
	  echo "# runtime pins. Install: pip install -c constraints-dev.txt -e \".[dev]\"   Regenerate: make lock"; \
	  echo "-c constraints.txt"; \
	  var/lock-venv/bin/pip freeze --exclude-editable | grep -vxF -f constraints.txt.new; } > constraints-dev.txt.new
	mv constraints.txt.new constraints.txt
	mv constraints-dev.txt.new constraints-dev.txt
	rm -rf var/lock-venv
	@echo "constraints.txt and constraints-dev.txt regenerated; run 'make venv' to install them."

# Removes the embedded default's data: SQLite file, media, mail, broker files.
clean:
	rm -rf var/
