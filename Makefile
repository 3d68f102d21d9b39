# tracker: `make run` serves the site, `make test` runs the whole suite. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= instance/tracker.db
FLASK := TRACKER_DATABASE=$(DB) $(BIN)/flask --app tracker

.PHONY: run serve test lint db bench clean

run: db
	$(FLASK) run --host 127.0.0.1 --port 5000

# Production serving (gunicorn); see the README's Deployment section.
serve: db
	TRACKER_DATABASE=$(DB) $(BIN)/tracker serve

# Create, migrate and (on first creation only) seed the database.
db: $(STAMP)
	@if [ -f "$(DB)" ]; then $(FLASK) init-db; else $(FLASK) init-db && $(FLASK) seed; fi

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python -m benchmarks

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
