# Everyday commands. Every tool is called from .venv/bin, so nothing needs activating.
#   make run    the portal with demo data at http://127.0.0.1:8000, plus worker and beat
#   make test   the whole test suite (PYTEST_ARGS="-k hotline -x" to narrow it)

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
RUFF   := $(VENV)/bin/ruff
PYTEST := $(VENV)/bin/pytest
STAMP  := $(VENV)/.installed

# The embedded default and the tests run with DEBUG on unless the caller chose otherwise.
DEV_ENV := DEBUG="$${DEBUG:-true}"

.PHONY: venv run test lint format lock clean

venv: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when the declared or the pinned dependencies changed since the last install.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --upgrade pip
	$(PIP) install -c constraints.txt -e ".[dev]"
	touch $(STAMP)

run: venv
	d="$${VAR_DIR:-var}"; mkdir -p "$$d/mail" "$$d/broker/queue" "$$d/broker/control" "$$d/media"
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) scripts/run-embedded

# pytest exits 5 when it collected nothing; that is a failure, never a pass.
test: venv
	@$(DEV_ENV); export DEBUG; \
	echo "$(PYTEST) $(PYTEST_ARGS)"; \
	$(PYTEST) $(PYTEST_ARGS) || { status=$$?; \
		if [ $$status -eq 5 ]; then echo "pytest collected no tests: counted as a failure" >&2; fi; \
		exit $$status; }

lint: venv
	$(RUFF) check .
	$(RUFF) format --check .

format: venv
	$(RUFF) check --fix .
	$(RUFF) format .

# Resolves pyproject.toml afresh in a throw-away virtualenv and pins the result.
lock:
	rm -rf var/lock-venv
	mkdir -p var
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/python -m pip install --quiet --upgrade pip
	var/lock-venv/bin/pip install --quiet -e ".[dev]"
	{ echo "# Exact versions CI tested; install with: pip install -c constraints.txt -e '.[dev]'"; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  var/lock-venv/bin/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf var/lock-venv
	@echo "constraints.txt regenerated; run 'make venv' to install it."

# Removes the embedded default's data: SQLite file, media, mail, broker files.
clean:
	rm -rf var/
