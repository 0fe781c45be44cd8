# Two commands from a fresh clone (Python 3.11+ and pip are all it needs):
#   make run    install into .venv and open the app on the bundled banks
#   make test   install with test tools and run the whole suite headless
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test tools, and Anki (the bench extra) so the suite's smoke run of the comparison with
# Anki runs too and cannot rot.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/interviewprep

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto
	@echo "The Qt-free packages' tests again, with PySide6 made unimportable:"
	INTERVIEWPREP_WITHOUT_QT=1 $(BIN)/python -m pytest -q -n auto -p no:pytest-qt \
	  -W ignore::pytest.PytestConfigWarning tests/banks tests/core tests/render tests/services tests/storage
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

# Side by side with Anki at 10,000 questions, then the app's own start-up and grading figures on
# the bundled banks, then both desktop apps on one Xvfb display (skipped without Xvfb).
# Bigger: python -m bench compare --questions 100000 --reviews 1000000
BENCH_DISPLAY ?= 99
bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench compare
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench gui --questions 0
	@if command -v Xvfb >/dev/null && command -v openbox >/dev/null; then \
	  $(BIN)/python -m pip install --quiet -e ".[test,bench-desktop]" && \
	  $(BIN)/python -m bench desktop --display $(BENCH_DISPLAY); \
	else echo "bench desktop skipped: it needs Xvfb and openbox"; fi

screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
