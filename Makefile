# Entry points: `make run` and `make test`. Both install missing Debian
# packages first (scripts/install-deps.sh says what it installs).

BUILD_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all run test deps release dev test-release test-dev test-web goldens clean

all: release

deps:
	@scripts/install-deps.sh build web

release: deps
	cmake --preset release
	cmake --build --preset release -j $(BUILD_JOBS)

dev: deps
	cmake --preset dev
	cmake --build --preset dev -j $(BUILD_JOBS)

# Run the reference scenario with the built-in defaults and write out/.
run: release
	./build/release/optiscope run
	./build/release/optiscope app

test-release: release
	ctest --preset release -j $(BUILD_JOBS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-dev: dev
	ctest --preset dev -j $(BUILD_JOBS)

# The browser page in Debian's Chromium: playwright-core from
# web/package-lock.json drives it headless, against the release build.
test-web: release
	@scripts/install-deps.sh browser
	cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }
	cd web && OPTISCOPE_BUILD_DIR=$(CURDIR)/build/release node --test --test-concurrency=1 tests/

test: test-release test-dev test-web

# Regenerate the PyTorch goldens under tests/goldens (needs python3-torch).
goldens:
	@scripts/install-deps.sh goldens
	/usr/bin/python3 scripts/make_goldens.py tests/goldens

clean:
	rm -rf build out
