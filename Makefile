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

.PHONY: run test lint typecheck unit e2e catalogs pot update-po check-po fonts wheel clean bench soak \
  package package-test screenshots

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

# --- installers (README "For developers"; packaging/) ------------------------------------------
# package: dist/rightsguide_<version>_amd64.deb and dist/rightsguide-<version>-linux-x86_64.tar.gz
# package-test: installs the .deb into a fresh Debian 12 chroot and runs it as a non-root user
PACKAGE_STAMP := $(VENV)/.package-stamp
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP)
	@tools/sysdeps.sh window
	tools/package.sh

package-test: $(STAMP)
	@tools/sysdeps.sh test
	tools/package_test.sh

clean:
	rm -rf build dist $(MOS) .pytest_cache .mypy_cache .ruff_cache

# --- benchmarks (design section 6); prints a table and writes build/bench.json -----------------
bench: $(STAMP) $(MOS)
	@tools/sysdeps.sh bench
	$(BIN)/python tools/bench.py

# the long soak tests: a few thousand random kiosk steps (`make test` runs 300), then 200 starts
# of the kiosk and the window under CPU load, each proving its event loop answers (issue #17)
soak: $(STAMP) $(MOS)
	@tools/sysdeps.sh test
	SOAK_STEPS=5000 $(BIN)/python -m pytest tests/ui/test_soak.py -q -o timeout=0
	$(BIN)/python tools/hang_soak.py --starts $(or $(SOAK_STARTS),200)
