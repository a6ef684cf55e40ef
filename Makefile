# The README's two commands are `make run` and `make test`. Both bootstrap .venv from
# pyproject.toml on first use and install the Debian packages Qt needs (as root; otherwise they
# print the apt-get line).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CATALOGS := $(wildcard locales/*/LC_MESSAGES/rightsguide.po)
MOS := $(CATALOGS:.po=.mo)
ARGS ?=

.PHONY: run test lint typecheck unit e2e catalogs pot update-po check-po fonts wheel clean bench soak screenshots

run: $(STAMP) $(MOS)
	@tools/sysdeps.sh window
	$(BIN)/rightsguide $(ARGS)

test: $(STAMP)
	@tools/sysdeps.sh test
	$(MAKE) --no-print-directory lint typecheck check-po
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory e2e

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check rightsguide tests tools
	$(BIN)/ruff format --check rightsguide tests tools

typecheck: $(STAMP)
	$(BIN)/mypy

e2e: $(STAMP)
	$(BIN)/python -m pytest -m e2e

# --- UI string catalogs (gettext, Babel) -----------------------------------------------------
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -D rightsguide -i $< -o $@ --statistics 2>/dev/null || \
	$(BIN)/pybabel compile -D rightsguide -i $< -o $@

catalogs: $(MOS)

pot: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ -k _t -c TRANSLATORS: --sort-by-file --no-location \
	  --project rightsguide -o locales/rightsguide.pot rightsguide

update-po: pot
	$(BIN)/pybabel update -D rightsguide -i locales/rightsguide.pot -d locales --previous \
	  --ignore-pot-creation-date

# Fails when the catalogs are not up to date with the source code.
check-po: $(STAMP)
	@tmp=$$(mktemp -d) && \
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ -k _t -c TRANSLATORS: --sort-by-file --no-location \
	  --project rightsguide -o $$tmp/rightsguide.pot rightsguide && \
	$(BIN)/pybabel -q update --check -D rightsguide -i $$tmp/rightsguide.pot -d locales \
	  --ignore-pot-creation-date; rc=$$?; rm -rf $$tmp; exit $$rc

# --- README screenshots (docs/screenshots/), reached by navigating, offscreen -------------------
screenshots: $(STAMP) $(MOS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py --readme --out docs/screenshots

# --- fonts ---------------------------------------------------------------------------------------
fonts: $(STAMP)
	tmp=$$(mktemp -d) && cd $$tmp && apt-get download fonts-noto-cjk && \
	dpkg-deb -x fonts-noto-cjk_*.deb x && cd - && \
	$(BIN)/python tools/subset_cjk.py $$tmp/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; \
	rm -rf $$tmp

wheel: $(STAMP) $(MOS)
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation -w dist .

clean:
	rm -rf build dist $(MOS) .pytest_cache .mypy_cache .ruff_cache

# --- benchmarks (design section 6); prints a table and writes build/bench.json -----------------
bench: $(STAMP) $(MOS)
	@tools/sysdeps.sh offscreen
	$(BIN)/python tools/bench.py

# the long soak test (design: a few thousand random steps); `make test` runs 300
soak: $(STAMP)
	SOAK_STEPS=5000 $(BIN)/python -m pytest tests/ui/test_soak.py -q -o timeout=0
