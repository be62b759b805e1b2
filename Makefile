# Two commands for a newcomer: `make run` starts the app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app screening
# LHC-Forms, the FHIR form renderer the browser tests load our Questionnaire into (pinned in package-lock.json).
LFORMS := tests/browser/lforms

# Debian packages WeasyPrint needs to draw and subset fonts, and fonts for names in any script; the
# tests also need poppler-utils (pdftoppm) and chromium. Installed only when missing, and only where
# we may (root, or sudo).
APP_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk
TEST_PACKAGES := $(APP_PACKAGES) poppler-utils chromium

# Every Python package is pinned, with the hashes of its files on PyPI, in requirements/: app.txt for the app,
# dev.txt for the app and its tests and tools (the same versions). `make lock` refreshes both from pyproject.toml.
LOCKS := requirements/app.txt requirements/dev.txt
PIP_COMPILE := PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip-compile --quiet --upgrade --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple

.PHONY: run test bench screenshots clean lock audit app-packages test-packages system-packages

app-packages:
	@$(MAKE) --no-print-directory system-packages PACKAGES="$(APP_PACKAGES)"

test-packages:
	@$(MAKE) --no-print-directory system-packages PACKAGES="$(TEST_PACKAGES)"

system-packages:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "Please install: $$missing (apt-get install $$missing)"; exit 1; fi; \
	  echo "Installing $$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(LOCKS) pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(LFORMS)/node_modules/.installed: $(LFORMS)/package.json $(LFORMS)/package-lock.json $(LFORMS)/.npmrc
	@command -v npm >/dev/null || $(MAKE) --no-print-directory system-packages PACKAGES="nodejs npm"
	npm ci --prefix $(LFORMS)
	touch $@

# The newest versions pyproject.toml allows, from PyPI only (never a local mirror's files), with their hashes.
lock: $(VENV)/.installed
	$(PIP_COMPILE) --output-file requirements/app.txt pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint requirements/app.txt --output-file requirements/dev.txt pyproject.toml

# Known vulnerabilities in the pinned versions (asks PyPI's advisory database: needs network access).
audit: $(VENV)/.installed
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements/app.txt -r requirements/dev.txt

run: app-packages $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) run --host 127.0.0.1 --port 5000

test: test-packages $(VENV)/.installed $(LFORMS)/node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

bench: test-packages $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench_pdf.py
	$(BIN)/python tests/benchmarks/bench_clinician_reading.py
	$(BIN)/python tests/benchmarks/bench_queue.py
	$(BIN)/python tests/benchmarks/bench_load.py
	$(BIN)/python tests/benchmarks/bench_memory.py
	$(BIN)/python tests/benchmarks/bench_burden.py

# Pictures for reviewers in docs/screenshots/ (tests alone never write tracked files): every page of the flow
# and the staff pages, from the browser tests; the clinician's PDF, rendered from the test answer sets.
SCREENSHOTS := docs/screenshots
screenshots: test-packages $(VENV)/.installed
	SCREENSHOTS_DIR=$(SCREENSHOTS) $(BIN)/pytest tests/browser -q -p no:cacheprovider
	@tmp=$$(mktemp -d) && for set in everything_positive nothing_of_note; do \
	  $(BIN)/python tests/answer_sets.py $$set > $$tmp/$$set.json && \
	  $(FLASK) summary $$tmp/$$set.json --out $$tmp/$$set.pdf && \
	  pdftoppm -r 60 -png $$tmp/$$set.pdf $$tmp/$$set; done; \
	cp $$tmp/everything_positive-1.png $(SCREENSHOTS)/pdf-page-1.png; \
	cp $$tmp/everything_positive-2.png $(SCREENSHOTS)/pdf-page-2.png; \
	cp $$tmp/nothing_of_note-1.png $(SCREENSHOTS)/pdf-typical-page-1.png; \
	rm -rf $$tmp; echo "Wrote $(SCREENSHOTS)/pdf-page-1.png, pdf-page-2.png and pdf-typical-page-1.png"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(LFORMS)/node_modules
